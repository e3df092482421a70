"""Print and screen PDF: draws the page model with reportlab, nothing re-laid out.

Takes a ``TypesetDocument``; gives PDF bytes (``render_pdf``) or a file
written atomically (``write_pdf``). reportlab is only the writer: every
glyph is drawn by id at the pen position the engine chose (reportlab's own
Paragraph would re-break lines greedily and break at U+202F).

* fonts embedded as subsets (TrueType), kerning and ligatures as shaped, and
  each glyph extracting as the text it was set from (``pdf_fonts``);
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
import re
from pathlib import Path

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from layout_studio import __version__
from layout_studio.errors import InputError
from layout_studio.export.color import Inks, is_neutral, output_profile
from layout_studio.export.finish import finish_pdf
from layout_studio.export.pdf_fonts import _PRIVATE_TEXT, _SUFFIXES, _Fonts
from layout_studio.export.pdf_image import draw_jpeg
from layout_studio.export.pdf_text import text_object
from layout_studio.io.atomic import atomic_write_bytes
from layout_studio.layout.gc_pause import paused_gc
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

CROP_MARK_LENGTH = 6 * MM
CROP_MARK_OFFSET = 1 * MM  # beyond the bleed, so marks never print on the page


class _Paint:
    """Sets colours as RGB (screen, no PDF/X) or as print inks (CMYK, K-only greys)."""

    def __init__(self, inks: Inks | None) -> None:
        self.inks = inks
        self._text: dict[tuple[float, float, float], str] = {}

    def text(self, rgb: tuple[float, float, float]) -> str:
        """The operator ``fill`` writes into a text object for ``rgb`` (once per colour)."""
        code = self._text.get(rgb)
        if code is None:
            if self.inks is None:
                code = f"{fp_str(*rgb)} rg"
            else:
                code = f"{fp_str(*self.inks.cmyk(rgb, True))} k"
            self._text[rgb] = code
        return code

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
    token, names = _PRIVATE_TEXT.set({}), _SUFFIXES.set(None)
    try:
        with paused_gc():  # its passes over the book's objects were a fifth of the drawing
            return _render_pdf(doc, screen)
    finally:
        _PRIVATE_TEXT.reset(token)
        _SUFFIXES.reset(names)


def _render_pdf(doc: TypesetDocument, screen: bool) -> bytes:
    first = doc.pages[0]
    bleed = 0.0 if screen else doc.bleed
    crop_marks = doc.crop_marks and not screen
    slug = (CROP_MARK_LENGTH + CROP_MARK_OFFSET) if crop_marks else 0.0
    binding_bleed = bleed if doc.bleed_binding else 0.0
    media = (first.width + bleed + binding_bleed + 2 * slug, first.height + 2 * (bleed + slug))
    buffer = io.BytesIO()
    fonts = _Fonts()
    used = {id(i.font): i.font for p in doc.pages for i in p.items if isinstance(i, GlyphRun)}
    keys = list(dict.fromkeys(fonts.name(font) for font in used.values()))
    # reportlab puts its initial font in every page's resources: make it one we embed.
    initial = keys[0] if keys else "Helvetica"
    suffixes = fonts.distinct_names(keys)
    _SUFFIXES.set(suffixes)  # reset by render_pdf
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
                # drawImage's bytes, without its two copies of the pixels (``pdf_image``).
                draw_jpeg(
                    canvas,
                    paint.image(item.data),
                    X(item.x),
                    Y(item.y + item.height),
                    item.width,
                    item.height,
                )
        hscale = 1.0
        code = canvas._code  # this page's operators (a new list after each showPage)
        for item in page.items:
            if isinstance(item, GlyphRun) and item.glyphs.gids:  # (not Glyphs.__len__: hot)
                operators = None if item.angle else fonts.show(item, canvas._doc)
                if operators is not None:
                    # What beginText, setFont, the fill, setHorizScale and drawText would write.
                    scale = None
                    if item.hscale != hscale:
                        hscale = item.hscale
                        scale = round(hscale * 100, 3)
                    x, y = X(item.x + item.glyphs.xs[0]), Y(item.y)
                    code.append(text_object(x, y, paint.text(item.color), scale, operators))
                    continue
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
                if operators is None:  # glyphs moving vertically
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
        _page_stream_as_bytes(canvas)
    for entry in doc.outline:
        canvas.addOutlineEntry(entry.title, entry.anchor, level=entry.level)
    canvas.showOutline()
    with fonts.named_apart(suffixes):
        canvas.save()
    if screen or pdfx == "none":
        return finish_pdf(buffer.getvalue())
    return finish_pdf(buffer.getvalue(), pdfx=pdfx, profile=profile)


# The ASCII characters PDFDocEncoding draws otherwise (breve, caron…): reportlab's
# codec changes them; every other ASCII character it keeps as it is.
_NOT_PDFDOC = re.compile("[\x18-\x1f]")


def _page_stream_as_bytes(canvas: Canvas) -> None:
    """The page just shown, its operators encoded now: the same bytes, without reportlab's codec.

    reportlab encodes a page's operators with its PDFDocEncoding codec, a
    character map (~0.3 s for a 350-page book); they are ASCII (strings are
    escaped), which that codec keeps as they are but for ``_NOT_PDFDOC``.
    """
    page = canvas._doc.Pages.pages[-1]
    stream = page.stream
    if isinstance(stream, str) and stream.isascii() and _NOT_PDFDOC.search(stream) is None:
        page.stream = stream.encode("ascii")


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
