"""Print and screen PDF: draws the page model with reportlab, nothing re-laid out.

Takes a ``TypesetDocument``; gives PDF bytes (``render_pdf``) or a file
written atomically (``write_pdf``). reportlab is only the writer: every
glyph is drawn by id at the pen position the engine chose (reportlab's own
Paragraph would re-break lines greedily and break at U+202F).

* fonts embedded as subsets (TrueType), kerning and ligatures as shaped, and
  each glyph extracting as the text it was set from (see ``_Fonts._code``);
* print: MediaBox = BleedBox (+ room for crop marks), TrimBox; the bleed on
  every side, or not on the binding edge (KDP); no annotations; colours as
  print inks and PDF/X identification (``export/color.py``, ``export/finish.py``);
* screen (``screen=True``): RGB, no bleed, internal links (TOC, contributor index);
* title, authors, subject, language ``fr``, page labels (roman front matter), outline;
* reproducible: reportlab's invariant mode, dates from ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import io
import os
from contextvars import ContextVar
from itertools import compress, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import cast

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from layout_studio import __version__
from layout_studio.errors import InputError
from layout_studio.export.color import Inks, is_neutral, output_profile
from layout_studio.export.finish import finish_pdf
from layout_studio.export.pdf_text import show_glyphs
from layout_studio.io.atomic import atomic_write_bytes
from layout_studio.layout.page import (
    Anchor,
    Fill,
    GlyphRun,
    Image,
    Link,
    Rule,
    TypesetDocument,
)
from layout_studio.style.units import MM, color_hex
from layout_studio.text.fonts import Font

_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
CROP_MARK_LENGTH = 6 * MM
CROP_MARK_OFFSET = 1 * MM  # beyond the bleed, so marks never print on the page


# Glyphs with no code point of their own (old-style figures, small caps) are
# given private-use code points by reportlab, once per process and in the order
# they are first met: the number is a handle, never written out. The ToUnicode
# map says what text each one stands for *in this document* (or nothing), so
# the bytes do not depend on what the process drew before.
_PRIVATE_TEXT: ContextVar[dict[tuple[str, int], str] | None] = ContextVar(
    "_PRIVATE_TEXT", default=None
)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a subset, with this document's text for private code points."""
    face = fontname.split("+", 1)[-1]
    texts = _PRIVATE_TEXT.get() or {}
    pairs = [(i, texts.get((face, cp), chr(cp))) for i, cp in enumerate(subset)]
    lines = [f"<{i:02X}> <{t.encode('utf-16-be').hex().upper()}>" for i, t in pairs if t]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(lines)} beginbfchar",
            *lines,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class _Fonts:
    """reportlab registrations and glyph → character maps, one per font file.

    Kept for the process: parsing a font for reportlab costs more than
    drawing a book, and batch exports reuse them.
    """

    registered: dict[str, TTFont] = {}  # noqa: RUF012 - process-wide cache on purpose
    reverse: dict[str, dict[int, int]] = {}  # noqa: RUF012
    faces: dict[str, str] = {}  # noqa: RUF012 - the face name the ToUnicode maps are keyed by
    # (glyph id, text) → (character drawn, its width, its code point if private else 0):
    # what ``_code`` decided, per font
    codes: dict[str, dict[tuple[int, str], tuple[str, float, int]]] = {}  # noqa: RUF012

    def name(self, font: Font) -> str:
        key = f"LS-{font.key}"
        if key not in self.registered:
            ttf = TTFont(key, str(font.path), shapable=True)
            pdfmetrics.registerFont(ttf)
            ttf.hbFont(10)  # sets up reportlab's private code points for unmapped glyphs
            self.registered[key] = ttf
            reverse: dict[int, int] = {}
            for cp in sorted(font.cmap):
                gid = ttf.face.charToGlyph.get(cp)
                if gid is not None:
                    reverse.setdefault(gid, cp)
            self.reverse[key] = reverse
            self.faces[key] = _face_name(ttf)
        return key

    def shaped(self, run: GlyphRun) -> ShapedStr:
        """The run as reportlab's shaped string (for runs ``show`` does not handle)."""
        chars, advances, offsets, widths = self._metrics(self.name(run.font), run)
        dys = run.glyphs.dys
        data = [
            ShapeData(0, advances[i], 0, offsets[i], -dy * 1000 / run.size, widths[i])
            for i, dy in enumerate(repeat(0.0, len(chars)) if dys is None else dys)
        ]
        return ShapedStr(chars, shapeData=data)

    def show(self, run: GlyphRun, doc: object) -> str | None:
        """The text operators of ``run`` (see ``pdf_text``); None when a glyph moves vertically."""
        if run.glyphs.dys is not None:
            return None
        key = self.name(run.font)
        chars, advances, offsets, widths = self._metrics(key, run)
        return show_glyphs(self.registered[key], doc, run.size, chars, advances, offsets, widths)

    def _metrics(
        self, key: str, run: GlyphRun
    ) -> tuple[str, list[float], list[float], list[float]]:
        """Code points, advances, x offsets and font widths, in thousandths of an em.

        Pen positions are taken from the first glyph (the text origin) and are
        final: Tz (horizontal scale) widens them again when drawing.
        """
        glyphs = run.glyphs
        xs = glyphs.xs.tolist()
        x0 = xs[0]
        if x0 != 0:
            xs = [x - x0 for x in xs]
        unit = 1000 / run.size / run.hscale
        codes = self.codes.setdefault(key, {})
        document_texts = _PRIVATE_TEXT.get()
        pairs = list(zip(glyphs.gids, glyphs.extract_texts(), strict=True))
        # Looked up in C (map); only glyphs met for the first time go through _drawn.
        found = list(map(codes.get, pairs))
        known: list[tuple[str, float, int]] = (
            [k or self._drawn(key, run.font, *pair) for k, pair in zip(found, pairs, strict=True)]
            if None in found
            else cast(list[tuple[str, float, int]], found)
        )
        chars = "".join(map(_FIRST, known))
        widths = list(map(_SECOND, known))
        if document_texts is not None:  # this document's text for each private code point
            face = self.faces[key]
            privates = compress(zip(known, pairs, strict=True), map(_THIRD, known))
            for (_char, _width, private), (_gid, text) in privates:
                document_texts.setdefault((face, private), text)
        # Pen steps to the next glyph; the last glyph's own advance.
        advances = [(b - a) * unit for a, b in pairwise(xs)]
        advances.append(glyphs.advances[-1] * unit)
        dxs = glyphs.dxs
        offsets = [0.0] * len(xs) if dxs is None else [dx * unit for dx in dxs]
        return chars, advances, offsets, widths

    def _drawn(self, key: str, font: Font, gid: int, text: str) -> tuple[str, float, int]:
        """The character drawing ``gid`` as ``text``, its width, its code point if private."""
        codes = self.codes.setdefault(key, {})
        known = codes.get((gid, text))
        if known is None:  # decided once per font: private code points are made in order
            cp, private = self._code(key, font, gid, text)
            width = self.registered[key].face.charWidths.get(cp, 0)
            known = codes[(gid, text)] = (chr(cp), width, cp if private else 0)
        return known

    def _code(self, key: str, font: Font, gid: int, text: str) -> tuple[int, bool]:
        """The code point that draws ``glyph`` and extracts as its text.

        The character map's own code point when it draws this glyph (so U+2019
        stays U+2019 although the font maps U+02BC to the same glyph);
        otherwise a private code point whose ToUnicode entry is the text
        (ligatures give "fi", not U+FB01; a line-final hyphen gives U+2010).
        """
        ttf = self.registered[key]
        if len(text) == 1 and ttf.face.charToGlyph.get(ord(text)) == gid:
            return ord(text), False
        if not text:  # inside a cluster: whatever the font calls it
            known = self.reverse[key].get(gid)
            if known is not None:
                return known, False
        width = font.advance(gid) * 1000 / font.units_per_em
        cp: int = ttf.hbAddPrivate(f"{font.glyph_name(gid)}|{text}", gid, width)
        return cp, True


def _face_name(ttf: TTFont) -> str:
    name = ttf.face.name
    return name.decode() if isinstance(name, bytes) else str(name)


class _Paint:
    """Sets colours as RGB (screen, no PDF/X) or as print inks (CMYK, K-only greys)."""

    def __init__(self, inks: Inks | None) -> None:
        self.inks = inks

    def fill(self, target: Canvas | PDFTextObject, rgb: tuple[float, float, float]) -> None:
        if self.inks is None:
            target.setFillColorRGB(*rgb)
        else:
            target.setFillColorCMYK(*self.inks.cmyk(rgb, isinstance(target, PDFTextObject)))

    def stroke(self, canvas: Canvas, rgb: tuple[float, float, float]) -> None:
        if self.inks is None:
            canvas.setStrokeColorRGB(*rgb)
        else:
            canvas.setStrokeColorCMYK(*self.inks.cmyk(rgb))

    def image(self, data: bytes) -> bytes:
        return data if self.inks is None else self.inks.image(data)


def render_pdf(doc: TypesetDocument, *, screen: bool = False) -> bytes:
    """The PDF of ``doc`` as bytes (same input and SOURCE_DATE_EPOCH → same bytes).

    The print PDF has the bleed, TrimBox and BleedBox, and no annotation (a
    link is no use on paper, and PDF/X forbids them inside the trim); the
    screen PDF (``screen=True``) has no bleed, and keeps the links.
    """
    token = _PRIVATE_TEXT.set({})
    try:
        return _render_pdf(doc, screen)
    finally:
        _PRIVATE_TEXT.reset(token)


def _render_pdf(doc: TypesetDocument, screen: bool) -> bytes:
    first = doc.pages[0]
    bleed = 0.0 if screen else doc.bleed
    crop_marks = doc.crop_marks and not screen
    slug = (CROP_MARK_LENGTH + CROP_MARK_OFFSET) if crop_marks else 0.0
    binding_bleed = bleed if doc.bleed_binding else 0.0
    media = (first.width + bleed + binding_bleed + 2 * slug, first.height + 2 * (bleed + slug))
    buffer = io.BytesIO()
    fonts = _Fonts()
    # reportlab puts its initial font in every page's resources: make it one we embed.
    initial = next(
        (fonts.name(i.font) for p in doc.pages for i in p.items if isinstance(i, GlyphRun)),
        "Helvetica",
    )
    canvas = Canvas(
        buffer,
        pagesize=media,
        invariant=1,
        pageCompression=0,  # finish_pdf (qpdf) compresses every stream once, as before
        lang=doc.language,
        initialFontName=initial,
    )
    canvas.setTitle(doc.title)
    canvas.setAuthor(", ".join(doc.authors))
    if doc.subtitle:
        canvas.setSubject(doc.subtitle)
    canvas.setCreator(f"Layout Studio {__version__}")
    canvas.setProducer(f"Layout Studio {__version__} (reportlab)")
    canvas.setKeywords(["livre", "co-écriture", doc.language])
    _page_labels(canvas, doc)
    printing = doc.printing
    pdfx = "none" if screen or printing is None else printing.pdfx
    profile = output_profile() if pdfx != "none" else None
    if pdfx == "x4" and profile is None:
        raise InputError(
            "PDF/X-4",
            "profil CMJN introuvable (paquet libgs-common / ghostscript) ; "
            "installez-le ou choisissez --pdfx x1a",
        )
    paint = _Paint(
        Inks(printing.interior if printing else "bw", profile) if pdfx != "none" else None
    )
    for page in doc.pages:
        height = page.height
        # The binding edge is the left of a recto, the right of a verso.
        left_bleed = binding_bleed if page.recto else bleed
        right_bleed = bleed if page.recto else binding_bleed
        x0, y0 = slug + left_bleed, slug + bleed

        def X(x: float, x0: float = x0) -> float:
            return x0 + x

        def Y(y: float, height: float = height, y0: float = y0) -> float:
            return y0 + height - y

        trim = (x0, y0, x0 + page.width, y0 + page.height)
        canvas.setTrimBox(trim)
        canvas.setBleedBox((x0 - left_bleed, y0 - bleed, trim[2] + right_bleed, trim[3] + bleed))
        for item in page.items:
            if isinstance(item, Fill):
                paint.fill(canvas, item.color)
                canvas.rect(
                    X(item.x), Y(item.y + item.height), item.width, item.height, stroke=0, fill=1
                )
            elif isinstance(item, Image):
                reader = ImageReader(io.BytesIO(paint.image(item.data)))
                canvas.drawImage(
                    reader, X(item.x), Y(item.y + item.height), item.width, item.height
                )
        hscale = 1.0
        for item in page.items:
            if isinstance(item, GlyphRun) and item.glyphs:
                before = hscale
                if item.angle:
                    canvas.saveState()
                    canvas.translate(X(item.x), Y(item.y))
                    canvas.rotate(item.angle)
                    text = canvas.beginText(item.glyphs.xs[0], 0)
                else:
                    # The origin in the first Tm: a "0 0 Tm" first makes extractors see a new line.
                    text = canvas.beginText(X(item.x + item.glyphs.xs[0]), Y(item.y))
                text.setFont(fonts.name(item.font), item.size)
                paint.fill(text, item.color)
                if item.hscale != hscale:
                    # Tz is graphics state: it outlives ET, so a run at 100 % must say so.
                    hscale = item.hscale
                    text.setHorizScale(round(hscale * 100, 3))
                operators = fonts.show(item, canvas._doc)
                if operators is None:
                    text.textOut(fonts.shaped(item))
                else:  # what textOut would write, without its per-glyph objects
                    text._code.append(operators)
                canvas.drawText(text)
                if item.angle:
                    canvas.restoreState()
                    hscale = before
            elif isinstance(item, Rule):
                paint.stroke(canvas, item.color)
                canvas.setLineWidth(item.thickness)
                canvas.line(X(item.x0), Y(item.y0), X(item.x1), Y(item.y1))
            elif isinstance(item, Anchor):
                canvas.bookmarkHorizontalAbsolute(item.name, Y(item.y) + 12, left=X(item.x))
            elif isinstance(item, Link) and screen:
                rect = (X(item.x), Y(item.y + item.height), X(item.x + item.width), Y(item.y))
                canvas.linkRect("", item.target, rect, relative=0, thickness=0)
        if crop_marks:
            _crop_marks(canvas, paint, trim, (left_bleed, bleed, right_bleed, bleed))
        canvas.showPage()
    for entry in doc.outline:
        canvas.addOutlineEntry(entry.title, entry.anchor, level=entry.level)
    canvas.showOutline()
    canvas.save()
    if screen or pdfx == "none":
        return finish_pdf(buffer.getvalue())
    return finish_pdf(buffer.getvalue(), pdfx=pdfx, profile=profile)


def _page_labels(canvas: Canvas, doc: TypesetDocument) -> None:
    """Roman labels for the front matter, arabic from the first body page."""
    previous = None
    for page in doc.pages:
        roman = not page.folio.isdigit()
        if roman != previous:
            start = _roman_value(page.folio) if roman else int(page.folio)
            canvas.addPageLabel(page.index, style="ROMAN_LOWER" if roman else "ARABIC", start=start)
            previous = roman


def _roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        va = values.get(a, 0)
        total += -va if b and values.get(b, 0) > va else va
    return max(total, 1)


def _crop_marks(
    canvas: Canvas,
    paint: _Paint,
    trim: tuple[float, float, float, float],
    bleeds: tuple[float, ...],
) -> None:
    """Marks on the trim lines, beyond each side's bleed (left, bottom, right, top)."""
    if paint.inks is None:
        canvas.setStrokeColorRGB(0, 0, 0)
    else:
        canvas.setStrokeColorCMYK(1, 1, 1, 1)  # registration: on every plate
    canvas.setLineWidth(0.25)
    left, bottom, right, top = trim
    gap_l, gap_b, gap_r, gap_t = (b + CROP_MARK_OFFSET for b in bleeds)
    for x in (left, right):
        canvas.line(x, bottom - gap_b, x, bottom - gap_b - CROP_MARK_LENGTH)
        canvas.line(x, top + gap_t, x, top + gap_t + CROP_MARK_LENGTH)
    for y in (bottom, top):
        canvas.line(left - gap_l, y, left - gap_l - CROP_MARK_LENGTH, y)
        canvas.line(right + gap_r, y, right + gap_r + CROP_MARK_LENGTH, y)


def print_warnings(doc: TypesetDocument) -> list[str]:
    """What the print PDF changes in the book: colours of a black-and-white interior."""
    if doc.printing is None or doc.printing.pdfx == "none" or doc.printing.interior != "bw":
        return []
    colours: set[tuple[float, float, float]] = set()
    for page in doc.pages:
        for item in page.items:
            color = getattr(item, "color", None)
            if color is not None and not is_neutral(color):
                colours.add(color)
    if not colours:
        return []
    shown = ", ".join(sorted(color_hex(c) for c in colours))
    return [
        f"intérieur noir et blanc : {shown} imprimé(s) en gris "
        '([print] interior = "color" pour un intérieur en couleur)'
    ]


def write_pdf(doc: TypesetDocument, path: str | os.PathLike[str], *, screen: bool = False) -> Path:
    """Render and write atomically (a temporary file renamed into place)."""
    return atomic_write_bytes(Path(path), render_pdf(doc, screen=screen))
