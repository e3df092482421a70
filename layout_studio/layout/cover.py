"""Cover layout: the front cover page and the wraparound, as pages of the page model.

Takes the document, the theme (with its ``[print]`` service) and optionally a
cover image (``export.cover.CoverImage``); gives ``front_cover_page`` (the
front at trim size, for the EPUB and thumbnails) and ``print_cover`` (back,
spine and front with bleed, as a one-page ``TypesetDocument``), and the sizes
the image fills in them (``picture_shapes``).

* The image covers the whole front panel and its bleed, cropped around the
  theme's focal point, never stretched, and stops at the spine fold.
* The title, subtitle and byline are set on the image when the theme says so
  (``[cover] title_on_image``: top, centre or bottom), on an opaque band of
  the cover colour (``[cover] band``; without it, straight on the image): no
  transparency, which PDF/X-1a forbids.
* Without an image, the typographic cover sets them on the cover colour at
  ``[cover] title_position``: ``top`` (the title in the upper third, the
  byline at the foot), or the whole block at the ``center`` or ``bottom``.
* The spine width comes from the service's formula; the spine carries the
  title (``[cover] spine``: with the byline, or nothing) when the service
  allows it; the back keeps a white barcode area at the service's size and
  place, with the EAN-13 of ``print_isbn`` when given (``layout.barcode``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from layout_studio.layout.page import (
    Fill,
    GlyphRun,
    Image,
    Page,
    PageItem,
    Rule,
    TypesetDocument,
)
from layout_studio.model.document import Document, authors_phrase
from layout_studio.sources.isbn import format_isbn
from layout_studio.style.theme import Theme
from layout_studio.style.units import MM

if TYPE_CHECKING:
    from layout_studio.export.cover import CoverImage
    from layout_studio.layout.inline import Style
    from layout_studio.layout.typeset import Typesetter

WHITE = (1.0, 1.0, 1.0)


@dataclasses.dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in page coordinates (top-left origin, y downwards)."""

    x: float
    y: float
    width: float
    height: float


def set_block(
    ts: Typesetter,
    text: str,
    style: Style,
    measure: float,
    x: float,
    y: float,
    leading: float,
    *,
    justify: bool = False,
    align: str = "center",
    limit: float | None = None,
) -> tuple[list[GlyphRun], float]:
    """Set ``text`` in lines of ``measure`` from baseline ``y``; the runs and the next baseline.

    Lines whose baseline would pass ``limit`` are left out.
    """
    if justify:
        b = ts.builder(measure)
        b.text(text, style)
        lines = ts.break_lines(b.finish(), measure, justify=True)
    else:
        lines = ts.simple_lines(text, style, measure, align=align)
    runs: list[GlyphRun] = []
    for line in lines:
        if limit is not None and y > limit:
            break
        runs.extend(_moved(line.runs, x, y))
        y += leading
    return runs, y


def _moved(runs: Sequence[GlyphRun], dx: float, dy: float) -> list[GlyphRun]:
    return [
        GlyphRun(r.x + dx, r.y + dy, r.font, r.size, r.color, r.glyphs, r.angle, r.hscale)
        for r in runs
    ]


def default_byline(document: Document, byline: str | None = None) -> str:
    """The byline ("26 auteurs"): the project's, else the number of contributors."""
    if byline:
        return byline
    n = len(document.contributors)
    return authors_phrase(n) if n else ""


def distinct(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Whether two colours differ enough to read one on the other (luminance gap)."""

    def luminance(c: tuple[float, float, float]) -> float:
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    return abs(luminance(a) - luminance(b)) > 0.25


def _title_block(
    ts: Typesetter, trim: Box, byline: str, top: float, compact: bool
) -> tuple[list[PageItem], float]:
    """Title, rule, subtitle and byline from ``top``; the items and where they end."""
    t = ts.theme
    meta = ts.doc.metadata
    accent = t.accent if distinct(t.accent, t.cover_background) else t.cover_text
    style = ts.style(t.heading, "regular", size=t.heading.size * 1.9).with_(color=t.cover_text)
    style = style.with_(font=ts.style(t.heading, "regular").font)
    measure = trim.width * 0.78
    left = trim.x + (trim.width - measure) / 2
    items: list[PageItem] = []
    runs, y = set_block(ts, meta.title, style, measure, left, top, style.size * 1.2)
    items.extend(runs)
    middle = trim.x + trim.width / 2
    items.append(Rule(middle - 24, y + 4, middle + 24, y + 4, 1.0, accent))
    if meta.subtitle:
        sub = ts.style(t.body, "italic", size=t.body.size * 1.35).with_(color=t.cover_text)
        y += t.body.size * (2.5 if compact else 4)
        runs, y = set_block(ts, meta.subtitle, sub, measure, left, y, sub.size * 1.3)
        items.extend(runs)
    if byline:
        by = ts.style(t.body, "regular", size=t.body.size * 1.5).with_(color=accent)
        y = y + by.size * 1.5 if compact else trim.y + trim.height * 0.86
        runs, y = set_block(ts, byline, by, measure, left, y, by.size * 1.3)
        items.extend(runs)
    return items, y


def _block_extent(ts: Typesetter, trim: Box, byline: str) -> tuple[float, float]:
    """Where the compact title block starts above its first baseline, and its height."""
    trial, end = _title_block(ts, trim, byline, 0.0, compact=True)
    first = min((r.y - r.size for r in trial if isinstance(r, GlyphRun)), default=0.0)
    return first, end - first


def front_items(
    ts: Typesetter, cover: CoverImage | None, trim: Box, area: Box, byline: str
) -> list[PageItem]:
    """A front cover whose trim is ``trim``; ``area`` is what it fills (trim and bleed)."""
    t = ts.theme
    if cover is None:
        items: list[PageItem] = [Fill(area.x, area.y, area.width, area.height, t.cover_background)]
        if t.cover_title_position == "top":
            top = trim.y + trim.height * 0.3
            block, _end = _title_block(ts, trim, byline, top, compact=False)
            return items + block
        first, height = _block_extent(ts, trim, byline)
        if t.cover_title_position == "center":
            block_top = trim.y + (trim.height - height) / 2
        else:
            block_top = trim.y + trim.height * 0.88 - height
        block, _end = _title_block(ts, trim, byline, block_top - first, compact=True)
        return items + block
    fitted = cover.cropped(area.width, area.height, t.cover_focus)
    items = [Image(area.x, area.y, area.width, area.height, fitted.data, cover.source.name)]
    if t.cover_title_on_image == "none":
        return items
    first, height = _block_extent(ts, trim, byline)
    pad = t.body.size * 1.6
    if t.cover_title_on_image == "top":
        band_top = trim.y + trim.height * 0.08
    elif t.cover_title_on_image == "center":
        band_top = trim.y + (trim.height - height) / 2 - pad
    else:
        band_top = trim.y + trim.height * 0.92 - height - 2 * pad
    block, _end = _title_block(ts, trim, byline, band_top + pad - first, compact=True)
    if not t.cover_band:
        return [*items, *block]
    band = Fill(area.x, band_top, area.width, height + 2 * pad, t.cover_background)
    return [*items, band, *block]


def picture_shapes(theme: Theme) -> tuple[tuple[float, float], ...]:
    """The sizes (points) the cover picture fills: the front panel and its bleed, the trim.

    ``print_cover`` and ``front_cover_page`` give ``front_items`` these areas; a
    picture already of one of these shapes is placed as it was loaded, uncropped.
    """
    g = theme.page
    return ((g.width + g.bleed, g.height + 2 * g.bleed), (g.width, g.height))


def front_cover_page(
    document: Document, theme: Theme, cover: CoverImage | None, byline: str | None = None
) -> Page:
    """The front cover as one page at trim size (EPUB cover, thumbnails)."""
    from layout_studio.layout.typeset import Typesetter  # the byline alone needs no engine

    ts = Typesetter(document, theme)
    g = theme.page
    page = Page(0, g.width, g.height, "couverture", "cover")
    trim = Box(0, 0, g.width, g.height)
    page.items = front_items(ts, cover, trim, trim, default_byline(document, byline))
    return page


def spine_width(page_count: int, theme: Theme) -> float:
    """Spine thickness: the service's published formula for its paper.

    The generic printer: the theme's paper thickness per leaf (two pages).
    """
    printing = theme.printing
    if printing.service.key == "generic":
        return math.ceil(page_count / 2) * theme.page.paper_thickness
    return printing.service.spine_width(page_count, printing.paper)


def spine_has_text(page_count: int, theme: Theme) -> bool:
    """Whether the spine is wide enough for its title (KDP: more than 79 pages)."""
    svc = theme.printing.service
    if svc.key == "generic":
        return spine_width(page_count, theme) >= 6 * MM
    return page_count >= svc.spine_text_min_pages


def barcode_box(theme: Theme) -> Box:
    """The white area kept for the barcode: bottom right of the back cover (by the fold)."""
    svc = theme.printing.service
    g = theme.page
    width, height = svc.barcode
    margin = svc.barcode_margin
    return Box(g.width - margin - width, g.height - margin - height, width, height)


def print_cover(
    book: TypesetDocument,
    document: Document,
    theme: Theme,
    cover: CoverImage | None,
    byline: str | None = None,
) -> TypesetDocument:
    """The wraparound cover (back, spine, front) as a one-page document with bleed."""
    from layout_studio.layout.barcode import barcode_items
    from layout_studio.layout.typeset import Typesetter

    ts = Typesetter(document, theme)
    g = theme.page
    bleed = g.bleed
    spine = spine_width(book.page_count, theme)
    width = 2 * g.width + spine
    page = Page(0, width, g.height, "couverture", "cover")
    items: list[PageItem] = [
        Fill(-bleed, -bleed, width + 2 * bleed, g.height + 2 * bleed, theme.cover_background)
    ]
    fold = g.width + spine
    front_trim = Box(fold, 0, g.width, g.height)
    front_area = Box(fold, -bleed, g.width + bleed, g.height + 2 * bleed)
    items += front_items(ts, cover, front_trim, front_area, default_byline(document, byline))
    # Back cover: the description and the contributors, above the barcode area.
    barcode = barcode_box(theme)
    meta = document.metadata
    measure = g.width - g.inner - g.outer
    limit = barcode.y - theme.body.leading
    y = g.top + theme.body.leading * 3
    back_style = ts.style(theme.body, "regular").with_(color=theme.cover_text)
    if meta.description:
        runs, y = set_block(
            ts, meta.description, back_style, measure, g.outer, y, theme.body.leading,
            justify=True, limit=limit,
        )  # fmt: skip
        items.extend(runs)
        y += theme.body.leading
    names = ", ".join(sorted((c.name for c in document.contributors), key=str.casefold))
    if names:
        small = ts.style(theme.body, "italic", size=theme.body.size * 0.9).with_(
            color=theme.cover_text
        )
        runs, y = set_block(
            ts, "Avec " + names + ".", small, measure, g.outer, y,
            theme.body.leading * 0.95, align="left", limit=limit,
        )  # fmt: skip
        items.extend(runs)
    items.append(Fill(barcode.x, barcode.y, barcode.width, barcode.height, WHITE))
    if meta.print_isbn:  # the book's own EAN-13; without it the service prints its own there
        items += barcode_items(
            ts,
            meta.print_isbn,
            "ISBN " + format_isbn(meta.print_isbn),
            *dataclasses.astuple(barcode),
        )
    if spine_has_text(book.page_count, theme) and theme.cover_spine != "none":
        spine_text = meta.title
        by = default_byline(document, byline)
        if theme.cover_spine == "title_byline" and by:
            spine_text = f"{meta.title} \u2014 {by}"
        items += _spine_title(ts, spine_text, g.width, spine, g.height)
    page.items = items
    # Same book metadata; one page, no outline, no anchors.
    return dataclasses.replace(
        book,
        pages=[page],
        outline=[],
        anchors={},
        bleed=bleed,
        crop_marks=g.crop_marks,
        bleed_binding=True,
        # A cover prints in colour whatever the interior.
        printing=dataclasses.replace(theme.printing, interior="color"),
    )


def _spine_title(
    ts: Typesetter, title: str, x0: float, spine: float, height: float
) -> list[PageItem]:
    theme = ts.theme
    style = ts.style(theme.heading, "regular", size=min(theme.body.size, spine * 0.55)).with_(
        color=theme.cover_text
    )
    lines = ts.simple_lines(title, style, height * 0.8)
    if not lines:
        return []
    runs = _moved(lines[0].runs, 0.0, 0.0)
    total = sum(r.width for r in runs)
    # Spine text reads top to bottom (rotated -90°), as on French books.
    return [
        GlyphRun(
            x0 + spine / 2 - style.size * 0.35,
            (height - total) / 2 + r.x,
            r.font,
            r.size,
            r.color,
            r.glyphs,
            angle=-90.0,
        )
        for r in runs
    ]
