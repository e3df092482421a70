"""Page model → QPainter: the preview draws exactly what the PDF draws.

Takes a ``Page`` (glyph ids and positions from HarfBuzz, rules, fills,
images) and a ``QPainter`` whose unit is the point; gives the same glyphs
from the same font files (QRawFont + QGlyphRun), so a line breaks, kerns
and justifies in the preview as it does in print. Also draws the optional
trim, bleed and margin guides, and renders a page to a ``QImage``.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from operator import add
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGlyphRun, QImage, QPainter, QPen, QRawFont

from layout_studio.layout.page import Fill, GlyphRun, Glyphs, Image, Page, PageItem, Rule
from layout_studio.style.theme import PageGeometry


@dataclass(frozen=True)
class Guides:
    """Which guides to draw over the page."""

    trim: bool = False
    bleed: bool = False
    margins: bool = False


_FONTS: dict[tuple[Path, float], QRawFont] = {}
_IMAGES: dict[int, QImage] = {}
# QGlyphRuns by (glyph tuple, font, size, scale): repaints and the next build (whose unchanged
# lines share their glyph tuples) skip rebuilding the index and position lists.
_RUNS: dict[tuple[int, Path, float, float], tuple[object, QGlyphRun]] = {}
_MAX_RUNS = 50_000
_MAIN = threading.main_thread()


class _ThreadCaches(threading.local):
    """The same caches for another thread (thumbnails are drawn off the UI thread).

    Qt paints text on a QImage in any thread, but a font object stays in its own.
    """

    def __init__(self) -> None:
        self.fonts: dict[tuple[Path, float], QRawFont] = {}
        self.images: dict[int, QImage] = {}
        self.runs: dict[tuple[int, Path, float, float], tuple[object, QGlyphRun]] = {}


_OTHER = _ThreadCaches()


@dataclass(frozen=True)
class _Caches:
    fonts: dict[tuple[Path, float], QRawFont]
    images: dict[int, QImage]
    runs: dict[tuple[int, Path, float, float], tuple[object, QGlyphRun]]


def _caches() -> _Caches:
    if threading.current_thread() is _MAIN:
        return _Caches(_FONTS, _IMAGES, _RUNS)
    return _Caches(_OTHER.fonts, _OTHER.images, _OTHER.runs)


def _raw_font(path: Path, size: float, fonts: dict[tuple[Path, float], QRawFont]) -> QRawFont:
    key = (path, size)
    font = fonts.get(key)
    if font is None:
        # No hinting: glyphs keep the font's own advances, as in the PDF.
        font = QRawFont(str(path), size, QFont.HintingPreference.PreferNoHinting)
        fonts[key] = font
    return font


def _color(rgb: tuple[float, float, float]) -> QColor:
    return QColor.fromRgbF(*(max(0.0, min(1.0, c)) for c in rgb))


def paint_page(
    painter: QPainter,
    page: Page,
    geometry: PageGeometry | None = None,
    guides: Guides = Guides(),
) -> None:
    """Draw ``page`` with its top-left corner at the painter's origin (1 unit = 1 pt)."""
    for _step in paint_steps(painter, page, geometry, guides):
        pass


Box = tuple[float, float, float, float]  # left, top, right, bottom, in points


def item_box(item: PageItem) -> Box | None:
    """A rectangle holding every pixel ``item`` paints; ``None``: not known (a turned run).

    A run's glyphs may reach a size above the baseline and below it (accents
    on capitals, descenders, superscripts through their offsets) and past
    their advances (italic overhangs): the box is generous, never short.
    """
    if isinstance(item, GlyphRun):
        if item.angle:
            return None
        packed, size = item.glyphs, item.size
        reach = max(_pen_xs(packed), default=0.0) + max(packed.advances, default=0.0)
        lift = max(map(abs, packed.dys), default=0.0) if packed.dys is not None else 0.0
        return (
            item.x - 2 * size,
            item.y - 2 * size - lift,
            item.x + reach * item.hscale + 2 * size,
            item.y + size + lift,
        )
    if isinstance(item, Fill | Image):
        return (item.x - 1, item.y - 1, item.x + item.width + 1, item.y + item.height + 1)
    if isinstance(item, Rule):
        pad = item.thickness + 1
        return (
            min(item.x0, item.x1) - pad,
            min(item.y0, item.y1) - pad,
            max(item.x0, item.x1) + pad,
            max(item.y0, item.y1) + pad,
        )
    return (0.0, 0.0, 0.0, 0.0)  # draws nothing (a link, an anchor)


def meets(box: Box | None, within: Box) -> bool:
    """Whether ``box`` (``None``: anywhere) meets ``within``."""
    return box is None or (
        box[0] < within[2] and within[0] < box[2] and box[1] < within[3] and within[1] < box[3]
    )


def paint_steps(
    painter: QPainter,
    page: Page,
    geometry: PageGeometry | None = None,
    guides: Guides = Guides(),
    *,
    within: Box | None = None,
) -> Generator[None, None, None]:
    """``paint_page`` one item at a time: the caller may stop at any step and come back.

    ``within`` (points): only the items that may paint there are drawn (the
    painter is clipped to it: ``page_bands``).
    """
    caches = _caches()
    painter.fillRect(QRectF(0, 0, page.width, page.height), Qt.GlobalColor.white)
    for item in page.items:
        if within is not None and not meets(item_box(item), within):
            continue
        if isinstance(item, GlyphRun):
            _draw_run(painter, item, caches)
        elif isinstance(item, Fill):
            painter.fillRect(QRectF(item.x, item.y, item.width, item.height), _color(item.color))
        elif isinstance(item, Rule):
            painter.setPen(QPen(_color(item.color), item.thickness))
            painter.drawLine(QPointF(item.x0, item.y0), QPointF(item.x1, item.y1))
        elif isinstance(item, Image):
            image = caches.images.get(id(item.data))
            if image is None:
                image = QImage.fromData(item.data)
                caches.images[id(item.data)] = image
            painter.drawImage(QRectF(item.x, item.y, item.width, item.height), image)
        yield
    if geometry is not None:
        _draw_guides(painter, page, geometry, guides)


def _pen_xs(packed: Glyphs) -> Sequence[float]:
    """Each glyph's pen x from the run's origin, its offset added."""
    return packed.xs if packed.dxs is None else list(map(add, packed.xs, packed.dxs))


def _glyph_run(run: GlyphRun, caches: _Caches) -> QGlyphRun:
    s = run.hscale
    key = (id(run.glyphs), run.font.path, run.size, s)
    runs = caches.runs
    cached = runs.get(key)
    if cached is not None and cached[0] is run.glyphs:  # same glyphs, not a reused id
        return cached[1]
    glyphs = QGlyphRun()
    glyphs.setRawFont(_raw_font(run.font.path, run.size, caches.fonts))
    packed = run.glyphs
    xs = _pen_xs(packed)
    dys = packed.dys if packed.dys is not None else [0.0] * len(xs)
    glyphs.setGlyphIndexes(packed.gids.tolist())
    glyphs.setPositions([QPointF(x / s, dy) for x, dy in zip(xs, dys, strict=True)])
    if len(runs) >= _MAX_RUNS:
        # The older half goes (insertion order): clearing all made a 350-page book, whose
        # runs outnumber the cap, build every run again on each pass of the page strip.
        for stale in list(itertools.islice(runs, _MAX_RUNS // 2)):
            del runs[stale]
    runs[key] = (run.glyphs, glyphs)  # holding them keeps their id from being reused
    return glyphs


def _draw_run(painter: QPainter, run: GlyphRun, caches: _Caches) -> None:
    glyphs = _glyph_run(run, caches)
    s = run.hscale
    painter.setPen(_color(run.color))
    if s != 1.0:
        # Font expansion: glyph shapes widened as the PDF's Tz widens them.
        painter.save()
        painter.translate(run.x, run.y)
        painter.scale(s, 1.0)
        painter.drawGlyphRun(QPointF(0, 0), glyphs)
        painter.restore()
    elif run.angle:
        painter.save()
        painter.translate(run.x, run.y)
        painter.rotate(-run.angle)
        painter.drawGlyphRun(QPointF(0, 0), glyphs)
        painter.restore()
    else:
        painter.drawGlyphRun(QPointF(run.x, run.y), glyphs)


def _draw_guides(painter: QPainter, page: Page, g: PageGeometry, guides: Guides) -> None:
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if guides.margins:
        recto = page.index % 2 == 0
        left = g.inner if recto else g.outer
        pen = QPen(QColor(60, 120, 220, 160), 0.4, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(QRectF(left, g.top, g.text_width, g.text_height))
    if guides.trim:
        painter.setPen(QPen(QColor(200, 40, 40, 200), 0.5))
        painter.drawRect(QRectF(0, 0, page.width, page.height))
    if guides.bleed and g.bleed:
        painter.setPen(QPen(QColor(40, 160, 60, 200), 0.5, Qt.PenStyle.DotLine))
        painter.drawRect(
            QRectF(-g.bleed, -g.bleed, page.width + 2 * g.bleed, page.height + 2 * g.bleed)
        )
    painter.restore()


def page_image(
    page: Page,
    width_px: int,
    geometry: PageGeometry | None = None,
    guides: Guides = Guides(),
    device_pixel_ratio: float = 1.0,
) -> QImage:
    """``page`` rendered ``width_px`` logical pixels wide (thumbnails, tests, screenshots)."""
    scale = width_px / page.width
    height_px = max(1, round(page.height * scale))
    ratio = max(1.0, device_pixel_ratio)
    image = QImage(
        round(width_px * ratio), round(height_px * ratio), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.white)
    for _step in image_steps(image, page, scale, geometry, guides):
        pass
    return image


def image_steps(
    image: QImage,
    page: Page,
    scale: float,
    geometry: PageGeometry | None = None,
    guides: Guides = Guides(),
    margin: float = 0.0,
) -> Generator[None, None, None]:
    """Paint ``page`` on ``image``, one item a step (the preview's turns of the event loop).

    ``scale`` pixels a point, the page ``margin`` points from the image's corner.
    """
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(scale, scale)
        painter.translate(margin, margin)
        yield from paint_steps(painter, page, geometry, guides)
    finally:
        painter.end()
