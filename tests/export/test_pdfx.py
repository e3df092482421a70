"""PDF/X print files, read back with pikepdf and judged by qpdf and Ghostscript.

Every shipped theme, interior and wraparound cover (with and without a cover
image), for the generic printer and the print-on-demand presets: the PDF/X
keys, output intent and XMP; only CMYK or grey colour; boxes; no annotation;
no transparency; distinct subset tags; qpdf --check clean; Ghostscript
renders every page without a warning.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

THEMES = ("classique", "moderne", "poche")
COLOUR_OPS = {"rg", "RG", "k", "K", "g", "G", "cs", "CS", "sc", "SC", "scn", "SCN"}


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    """A 240 ppi colour photograph-like JPEG."""
    path = tmp_path_factory.mktemp("img") / "photo.jpg"
    image = PILImage.new("RGB", (1455, 2041))
    draw = ImageDraw.Draw(image)
    for y in range(image.height):
        draw.line([(0, y), (image.width, y)], fill=(30 + 200 * y // image.height, 90, 120))
    draw.ellipse([300, 500, 1100, 1300], fill=(240, 200, 40))
    image.save(path, quality=90, dpi=(240, 240))
    return path


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is needed (apt-get install {name})"
    return found


def gs_problems(path: Path) -> str:
    """Ghostscript's complaints while rendering every page (empty when clean)."""
    done = subprocess.run(
        [
            _tool("gs"),
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dPDFSTOPONERROR",
            "-dPDFSTOPONWARNING",
            "-sDEVICE=nullpage",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return (
        f"exit {done.returncode}: {done.stdout}{done.stderr}"
        if done.returncode
        else (done.stdout + done.stderr).strip()
    )


def qpdf_check(path: Path) -> str:
    done = subprocess.run(
        [_tool("qpdf"), "--check", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def pdfx_problems(data: bytes, flavour: str = "PDF/X-1a:2003") -> list[str]:
    """Everything that breaks the PDF/X rules this project promises."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        if str(info.get("/GTS_PDFXVersion")) != flavour:
            problems.append(f"GTS_PDFXVersion {info.get('/GTS_PDFXVersion')}")
        if info.get("/Trapped") != pikepdf.Name("/False"):
            problems.append("Trapped not False")
        if not str(info.get("/Title", "")):
            problems.append("no Title")
        intents = pdf.Root.get("/OutputIntents")
        if not intents:
            problems.append("no OutputIntents")
        else:
            intent = intents[0]
            if str(intent.S) != "/GTS_PDFX":
                problems.append(f"intent subtype {intent.S}")
            if not str(intent.get("/OutputConditionIdentifier", "")):
                problems.append("no OutputConditionIdentifier")
            profile = intent.get("/DestOutputProfile")
            if profile is None or int(profile.N) != 4 or b"acsp" not in profile.read_bytes()[:64]:
                problems.append("no CMYK DestOutputProfile")
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8") if "/Metadata" in pdf.Root else ""
        if f"<pdfxid:GTS_PDFXVersion>{flavour}</pdfxid:GTS_PDFXVersion>" not in xmp:
            problems.append("XMP without pdfxid:GTS_PDFXVersion")
        if "<pdf:Trapped>False</pdf:Trapped>" not in xmp:
            problems.append("XMP without pdf:Trapped")
        tags: list[str] = []
        for number, page in enumerate(pdf.pages, 1):
            obj = page.obj
            if "/ArtBox" in obj:
                problems.append(f"page {number}: ArtBox")
            if "/TrimBox" not in obj or "/BleedBox" not in obj:
                problems.append(f"page {number}: TrimBox or BleedBox missing")
            else:
                trim = [float(v) for v in obj.TrimBox]
                bleed = [float(v) for v in obj.BleedBox]
                media = [float(v) for v in obj.MediaBox]
                if not (media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]):
                    problems.append(f"page {number}: boxes not nested")
            if obj.get("/Annots"):
                problems.append(f"page {number}: {len(obj.Annots)} annotation(s)")
            if "/Group" in obj:
                problems.append(f"page {number}: transparency group")
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("rg", "RG"):
                    problems.append(f"page {number}: DeviceRGB colour {op}")
                if op in ("cs", "CS") and str(operands[0]) not in ("/DeviceCMYK", "/DeviceGray"):
                    problems.append(f"page {number}: colour space {operands[0]}")
            resources = obj.get("/Resources", {})
            for name, image in resources.get("/XObject", {}).items():
                space = str(image.get("/ColorSpace", ""))
                if "RGB" in space or "ICCBased" in space:
                    problems.append(f"page {number}: image {name} in {space}")
                if "/SMask" in image or "/Mask" in image:
                    problems.append(f"page {number}: image {name} has a mask")
            for name, state in resources.get("/ExtGState", {}).items():
                for key in ("/CA", "/ca"):
                    if key in state and float(state[key]) < 1:
                        problems.append(f"page {number}: transparency in {name}")
                if "/SMask" in state and state.SMask != pikepdf.Name("/None"):
                    problems.append(f"page {number}: soft mask in {name}")
            for font in resources.get("/Font", {}).values():
                base = str(font.BaseFont)[1:]
                if not re.fullmatch(r"[A-Z]{6}\+.+", base):
                    problems.append(f"page {number}: font {base} not a tagged subset")
                elif base not in tags:
                    tags.append(base)
        prefixes = [t.split("+")[0] for t in tags]
        if len(set(prefixes)) != len(prefixes):
            problems.append(f"subset tags repeat: {prefixes}")
    return problems


@pytest.fixture(scope="module")
def exports(story_document, photo, tmp_path_factory):
    """Interior and cover PDFs per (theme, service, image?)."""
    from layout_studio.export.cover import load_cover, print_cover
    from layout_studio.export.pdf import render_pdf
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    folder = tmp_path_factory.mktemp("pdfx")
    out = {}
    for theme_name in THEMES:
        for svc in ("generic", "kdp", "ingramspark", "lulu"):
            theme = load_theme(theme_name, {"print": {"service": svc}})
            book = typeset(story_document, theme)
            if svc in ("generic", "kdp"):
                path = folder / f"{theme_name}-{svc}.pdf"
                path.write_bytes(render_pdf(book))
                out[theme_name, svc, "interior"] = path
            for with_image in (False, True):
                image = load_cover(photo, theme) if with_image else None
                cover = print_cover(book, story_document, theme, image)
                path = folder / f"{theme_name}-{svc}-cover{'-image' if with_image else ''}.pdf"
                path.write_bytes(render_pdf(cover))
                out[theme_name, svc, "cover-image" if with_image else "cover"] = path
    return out


def test_every_print_file_is_pdfx_1a(exports):
    failures = {}
    for key, path in exports.items():
        problems = pdfx_problems(path.read_bytes())
        if problems:
            failures[key] = problems[:5]
    assert not failures
    assert len(exports) >= 30


def test_qpdf_and_ghostscript_accept_every_file(exports):
    for key, path in exports.items():
        assert "No syntax or stream encoding errors" in qpdf_check(path), key
        assert gs_problems(path) == "", key


def test_near_black_text_is_black_ink_only(exports):
    with pikepdf.open(exports["classique", "generic", "interior"]) as pdf:
        inks = {
            tuple(round(float(v), 2) for v in operands)
            for page in pdf.pages
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "k"
        }
    # classique sets its text in #1a1a1a (90 % black): solid black ink for type,
    # its #4a4a4a running heads a 71 % tint of black; no colour ink anywhere.
    assert (0.0, 0.0, 0.0, 1.0) in inks
    assert (0.0, 0.0, 0.0, 0.71) in inks
    assert all(c == m == y == 0.0 for c, m, y, _k in inks)  # a black-and-white interior


def test_cover_image_is_cmyk_and_colour_is_kept(exports):
    with pikepdf.open(exports["moderne", "kdp", "cover-image"]) as pdf:
        images = [x for x in pdf.pages[0].obj.Resources.XObject.values() if x.Subtype == "/Image"]
        assert images and all(str(x.ColorSpace) == "/DeviceCMYK" for x in images)
        inks = [
            tuple(float(v) for v in operands)
            for operands, operator in pikepdf.parse_content_stream(pdf.pages[0])
            if str(operator) == "k"
        ]
    # The moderne blue background keeps cyan: a colour cover is printed in colour.
    assert any(c > 0.5 and y < c for c, _m, y, _k in inks)


def test_pdfx4_on_request(story_document, tmp_path):
    from layout_studio.export.pdf import render_pdf
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    theme = load_theme("moderne", {"print": {"service": "lulu", "pdfx": "x4", "interior": "color"}})
    path = tmp_path / "x4.pdf"
    path.write_bytes(render_pdf(typeset(story_document, theme)))
    assert pdfx_problems(path.read_bytes(), "PDF/X-4") == []
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6"
    assert gs_problems(path) == ""


def test_bw_interior_with_colour_is_warned(story_document):
    from layout_studio.export.pdf import print_warnings
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    book = typeset(story_document, load_theme("moderne"))
    assert any("#1f5f7a" in w and "gris" in w for w in print_warnings(book))
    colour = typeset(story_document, load_theme("moderne", {"print": {"interior": "color"}}))
    assert print_warnings(colour) == []


def test_pages_render_with_poppler(exports, tmp_path):
    path = exports["poche", "kdp", "interior"]
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-r",
            "100",
            "-png",
            "-f",
            "7",
            "-l",
            "7",
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("p*.png")
    with PILImage.open(png) as im:
        lo, hi = im.convert("L").getextrema()
    assert lo < 100 < hi  # ink on paper
