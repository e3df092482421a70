"""Preflight: what a printer's own checks would find, on a PDF or on a project.

Takes a finished PDF (any producer) or a ``book.toml`` / source, and a
print service; gives ``Finding``s, one line each with the page and the
measured value: PDF/X identification and output intent, boxes and bleed,
annotations inside the trim, fonts embedded and subset (tags distinct),
colour spaces (no RGB), transparency, image resolution at the printed size,
text too close to the trim, page count; for a project also the spine width.
A project is exported in memory (interior and wraparound cover) and its PDFs
checked as a printer would receive them.

Text positions are read from the text operators (origin and size), so the
right end of a line is not measured; the typeset model is, for a project.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pikepdf

from layout_studio.errors import InputError
from layout_studio.io.bounded import read_limited
from layout_studio.style.printing import Service, service
from layout_studio.style.units import MM

ERROR, WARNING, INFO = "erreur", "attention", "info"
MAX_PDF_BYTES = 2 * 1024**3  # a print PDF over 2 GiB is refused rather than read
MIN_PPI, LOW_PPI = 300, 200


@dataclass(frozen=True)
class Finding:
    """One problem (or fact) found, with the page (1-based) and the measured value."""

    level: str
    check: str
    message: str
    pages: tuple[int, ...] = ()  # every page where the same thing was measured
    value: float | None = None
    file: str = ""

    def line(self) -> str:
        """The finding as one line."""
        where = f"{self.file} : " if self.file else ""
        return f"{self.level} : {where}{_pages(self.pages)}{self.message}"


def _pages(pages: tuple[int, ...]) -> str:
    """``page 3 : `` or ``pages 1–4, 7 : ``."""
    if not pages:
        return ""
    spans: list[str] = []
    start = prev = pages[0]
    for p in [*pages[1:], -1]:
        if p != prev + 1:
            spans.append(str(start) if start == prev else f"{start}–{prev}")
            start = p
        prev = p
    return f"page{'s' if len(pages) > 1 else ''} {', '.join(spans)} : "


def _mm(points: float) -> str:
    return f"{points / MM:.2f} mm"


def check_pdf(
    data: bytes, svc: Service, name: str = "", cover: bool | None = None
) -> list[Finding]:
    """Every finding on one PDF. ``cover``: None guesses (one page wider than tall)."""
    seen: dict[tuple[str, str, str], list[int]] = {}
    values: dict[tuple[str, str, str], float | None] = {}

    def add(
        level: str, check: str, message: str, page: int | None = None, value: float | None = None
    ) -> None:
        # The same finding on many pages is one line naming them all.
        key = (level, check, message)
        pages = seen.setdefault(key, [])
        values.setdefault(key, value)
        if page is not None and page not in pages:
            pages.append(page)

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as exc:
        raise InputError(name or "PDF", f"PDF illisible ({exc})") from None
    with pdf:
        pages = list(pdf.pages)
        if cover is None:
            box = pages[0].obj.get("/TrimBox", pages[0].MediaBox)
            cover = len(pages) == 1 and float(box[2]) - float(box[0]) > float(box[3]) - float(
                box[1]
            )
        _identification(pdf, add)
        tags: dict[str, str] = {}
        for number, page in enumerate(pages, 1):
            _boxes(page, number, svc, cover, add)
            _fonts(page, number, tags, add)
            _content(page, number, svc, add)
        if not cover:
            count = len(pages)
            if count < svc.min_pages:
                add(
                    ERROR,
                    "pages",
                    f"{count} pages : {svc.label} en demande {svc.min_pages} au moins",
                    value=count,
                )
            if svc.even_pages and count % 2:
                add(ERROR, "pages", f"{count} pages : nombre impair", value=count)
            if count > svc.max_pages:
                add(
                    ERROR,
                    "pages",
                    f"{count} pages : {svc.label} en accepte {svc.max_pages} au plus",
                    value=count,
                )
    return [
        Finding(level, check, message, tuple(pages), values[level, check, message], name)
        for (level, check, message), pages in seen.items()
    ]


def _identification(pdf: pikepdf.Pdf, add: _Add) -> None:
    info = pdf.docinfo
    version = str(info.get("/GTS_PDFXVersion", ""))
    if not version.startswith("PDF/X"):
        add(ERROR, "pdfx", "pas d’identification PDF/X (GTS_PDFXVersion)")
    intents = pdf.Root.get("/OutputIntents")
    intent = next((i for i in intents or [] if str(i.get("/S")) == "/GTS_PDFX"), None)
    if intent is None:
        add(ERROR, "pdfx", "pas de mode de sortie PDF/X (OutputIntent GTS_PDFX)")
    elif "/DestOutputProfile" not in intent and not str(intent.get("/RegistryName", "")):
        add(ERROR, "pdfx", "mode de sortie sans profil ni condition enregistrée")
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        add(ERROR, "pdfx", "clé Trapped absente ou indéterminée")
    if version.startswith("PDF/X-4"):
        xmp = pdf.Root.Metadata.read_bytes() if "/Metadata" in pdf.Root else b""
        if b"GTS_PDFXVersion" not in xmp:
            add(ERROR, "pdfx", "métadonnées XMP sans GTS_PDFXVersion")


class _Add(Protocol):  # the signature of the ``add`` helper, for the type checker
    def __call__(
        self,
        level: str,
        check: str,
        message: str,
        page: int | None = None,
        value: float | None = None,
    ) -> None: ...


def _boxes(page: pikepdf.Page, number: int, svc: Service, cover: bool, add: _Add) -> None:
    obj = page.obj
    if "/TrimBox" not in obj:
        add(ERROR, "boîtes", "pas de TrimBox", number)
        return
    if "/ArtBox" in obj:
        add(ERROR, "boîtes", "ArtBox en plus de la TrimBox", number)
    trim = [float(v) for v in obj.TrimBox]
    bleed = [float(v) for v in obj.get("/BleedBox", obj.MediaBox)]
    if "/BleedBox" not in obj:
        add(ERROR, "boîtes", "pas de BleedBox", number)
    # Outside edge: right of a recto (odd page), left of a verso.
    recto = number % 2 == 1
    sides = {
        "haut": bleed[3] - trim[3],
        "bas": trim[1] - bleed[1],
        "extérieur" if recto or cover else "intérieur": bleed[2] - trim[2],
        "intérieur" if recto and not cover else "extérieur": trim[0] - bleed[0],
    }
    for side, size in sides.items():
        wanted = svc.bleed if (cover or side != "intérieur" or svc.bleed_binding) else 0.0
        if size + 0.05 < wanted:
            add(
                ERROR,
                "fonds perdus",
                f"fonds perdus {side} {_mm(size)}, {_mm(wanted)} demandés",
                number,
                size / MM,
            )
    for annot in obj.get("/Annots", []):
        rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
        if rect[2] > trim[0] and rect[0] < trim[2] and rect[3] > trim[1] and rect[1] < trim[3]:
            add(
                ERROR,
                "annotations",
                f"annotation {annot.get('/Subtype')} dans le format rogné",
                number,
            )


def _fonts(page: pikepdf.Page, number: int, tags: dict[str, str], add: _Add) -> None:
    resources: Any = page.obj.get("/Resources", {})
    for font in resources.get("/Font", {}).values():
        base = str(font.get("/BaseFont", ""))[1:]
        descriptor = font.get("/FontDescriptor")
        if "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        embedded = descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        if not embedded and str(font.get("/Subtype")) != "/Type3":
            add(ERROR, "polices", f"police {base} non incorporée", number)
        if "+" in base and len(base.split("+")[0]) == 6:
            tag, face = base.split("+", 1)
            if tags.setdefault(tag, face) != face:
                add(
                    ERROR,
                    "polices",
                    f"étiquette de sous-ensemble {tag}+ partagée ({face}, {tags[tag]})",
                    number,
                )
        elif embedded:
            add(
                WARNING,
                "polices",
                f"police {base} incorporée entière, sans étiquette de sous-ensemble",
                number,
            )


def _content(page: pikepdf.Page, number: int, svc: Service, add: _Add) -> None:
    obj = page.obj
    trim = [float(v) for v in obj.get("/TrimBox", obj.MediaBox)]
    resources: Any = obj.get("/Resources", {})
    xobjects: Any = resources.get("/XObject", {})
    for name, state in resources.get("/ExtGState", {}).items():
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                add(
                    ERROR,
                    "transparence",
                    f"transparence ({name} {key} {float(state[key]):g})",
                    number,
                )
    rgb = False
    closest: tuple[float, str] | None = None
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[list[float]] = []
    tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    size = 0.0
    for instruction in pikepdf.parse_content_stream(page):
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op in ("rg", "RG") or (op in ("cs", "CS") and "RGB" in str(operands[0])):
            rgb = True
        elif op == "BT":
            tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        elif op == "Tm":
            tm = [float(v) for v in operands]
        elif op == "Td":
            tm = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], tm)
        elif op == "Tf":
            size = float(operands[1])
        elif op in ("Tj", "TJ", "'", '"') and size:
            m = _multiply(tm, ctm)
            x, y = m[4], m[5]
            scale = math.hypot(m[2], m[3]) * size
            if abs(m[1]) > 1e-6:  # rotated text (spines): its origin only
                top = bottom = y
            else:
                top, bottom = y + 0.75 * scale, y - 0.25 * scale
            for distance, edge in (
                (x - trim[0], "gauche"),
                (trim[2] - x, "droite"),
                (trim[3] - top, "haut"),
                (bottom - trim[1], "bas"),
            ):
                if closest is None or distance < closest[0]:
                    closest = (distance, edge)
        elif op == "Do":
            image = xobjects.get(str(operands[0]))
            if image is None or str(image.get("/Subtype")) != "/Image":
                continue
            if "RGB" in str(image.get("/ColorSpace", "")):
                add(ERROR, "couleurs", f"image {operands[0]} en RVB", number)
            if "/SMask" in image:
                add(ERROR, "transparence", f"image {operands[0]} avec masque progressif", number)
            width_in = math.hypot(ctm[0], ctm[1]) / 72
            height_in = math.hypot(ctm[2], ctm[3]) / 72
            if width_in and height_in:
                ppi = min(int(image.Width) / width_in, int(image.Height) / height_in)
                if ppi < MIN_PPI:
                    add(
                        ERROR if ppi < LOW_PPI else WARNING,
                        "résolution",
                        f"image {operands[0]} à {ppi:.0f} ppi à la taille imprimée "
                        f"({MIN_PPI} conseillés)",
                        number,
                        round(ppi, 1),
                    )
    if rgb:
        add(ERROR, "couleurs", "couleurs RVB (DeviceRGB) dans le contenu", number)
    if closest is not None and closest[0] + 0.5 < svc.safety:
        add(
            ERROR,
            "marges",
            f"texte à {_mm(closest[0])} du bord {closest[1]} de la coupe, "
            f"{_mm(svc.safety)} au moins pour {svc.label}",
            number,
            round(closest[0] / MM, 2),
        )


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """``a × b`` for PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def preflight(target: str | Path, service_name: str = "generic") -> list[Finding]:
    """Findings on a PDF file, or on a project (``book.toml`` or source) exported in memory."""
    path = Path(target)
    svc = service(service_name)
    if path.suffix.lower() == ".pdf":
        data = read_limited(path, MAX_PDF_BYTES)  # a regular file, never a FIFO; bounded
        return check_pdf(data, svc, str(path))
    from layout_studio.export.cover import load_cover
    from layout_studio.export.job import prepare
    from layout_studio.export.pdf import render_pdf
    from layout_studio.layout.cover import print_cover, spine_width

    prepared = prepare(path, printing={"service": svc.key})
    findings = [Finding(INFO, "réglages", w) for w in prepared.warnings]
    interior = render_pdf(prepared.book)
    findings += check_pdf(interior, svc, "intérieur", cover=False)
    image = load_cover(prepared.cover, prepared.theme) if prepared.cover else None
    wrap = print_cover(prepared.book, prepared.document, prepared.theme, image, prepared.byline)
    findings += check_pdf(render_pdf(wrap), svc, "couverture", cover=True)
    spine = spine_width(prepared.book.page_count, prepared.theme)
    findings.append(
        Finding(
            INFO,
            "dos",
            f"dos {spine / 72:.4f} in ({_mm(spine)}) pour {prepared.book.page_count} pages, "
            f"papier {prepared.theme.printing.paper}",
            value=round(spine / MM, 3),
        )
    )
    return findings
