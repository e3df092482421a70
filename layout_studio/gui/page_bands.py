"""Repainting only the band of a page that an edit changed.

Takes a page's picture as painted before and the page as it is now; gives
the rectangle (in points) holding every pixel the changed items paint,
before and after (``changed_box``), and a generator that repaints that
rectangle only, on the old picture, clipped to whole pixels
(``band_steps``). Inside it the same items are drawn in the same order
from the same blank as a full repaint draws them, so the pixels are the
same (the tests compare them). A keystroke changes a paragraph's few
lines: its page, painted whole, took 10–25 ms of the UI thread on a dense
page of the 353-page book.
"""

from __future__ import annotations

import math
from collections.abc import Generator

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from layout_studio.gui.render import Box, Guides, item_box, meets, paint_steps
from layout_studio.layout.page import Page, PageItem, Rule
from layout_studio.style.theme import PageGeometry


def _same(a: PageItem, b: PageItem) -> bool:
    return a is b or a == b


def changed_box(old: Page, new: Page) -> Box | None:
    """Where ``old`` and ``new`` differ, in points; ``None``: repaint the page whole.

    The items before the first that differs and after the last are the same
    in both; the others' boxes are joined. ``None`` also when the pages are
    equal or of other sizes, when a changed item's box is not known (a turned
    run), or when the band meets a rule.
    """
    if old.width != new.width or old.height != new.height:
        return None
    a, b = old.items, new.items
    shortest = min(len(a), len(b))
    first = 0
    while first < shortest and _same(a[first], b[first]):
        first += 1
    last = 0  # items equal at the end
    while last < shortest - first and _same(a[len(a) - 1 - last], b[len(b) - 1 - last]):
        last += 1
    changed = [*a[first : len(a) - last], *b[first : len(b) - last]]
    if not changed:
        return None
    box: Box | None = None
    for item in changed:
        found = item_box(item)
        if found is None:
            return None
        if found[2] <= found[0] or found[3] <= found[1]:
            continue  # paints nothing (a link, an anchor)
        box = (
            found
            if box is None
            else (
                min(box[0], found[0]),
                min(box[1], found[1]),
                max(box[2], found[2]),
                max(box[3], found[3]),
            )
        )
    if box is None:
        return None
    # Qt strokes a line crossing a clip with other pixels than without one: a band that
    # meets a rule (a note's separator, an ornament) is not repainted alone.
    near = (box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2)
    if any(isinstance(item, Rule) and meets(item_box(item), near) for item in new.items):
        return None
    return box


def band_steps(
    image: QImage,
    page: Page,
    box: Box,
    scale: float,
    geometry: PageGeometry | None,
    guides: Guides,
    margin: float = 0.0,
) -> Generator[None, None, None]:
    """Repaint ``box`` of ``image`` (``page``'s former picture) as ``page`` is now, a step an item.

    ``scale`` pixels a point, the page ``margin`` points from the image's corner,
    as ``render.image_steps`` painted it.
    """
    ratio = image.devicePixelRatio()
    unit = scale * ratio  # device pixels a point
    # Whole device pixels, one more on each side: the clip never cuts a pixel.
    left = max(0, math.floor((box[0] + margin) * unit) - 1)
    top = max(0, math.floor((box[1] + margin) * unit) - 1)
    right = min(image.width(), math.ceil((box[2] + margin) * unit) + 1)
    bottom = min(image.height(), math.ceil((box[3] + margin) * unit) + 1)
    if right <= left or bottom <= top:
        return
    clip = QRectF(left / ratio, top / ratio, (right - left) / ratio, (bottom - top) / ratio)
    within = (
        left / unit - margin,
        top / unit - margin,
        right / unit - margin,
        bottom / unit - margin,
    )
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setClipRect(clip)
        # Back to the blank a new picture starts from (transparent around the page).
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(clip, Qt.GlobalColor.transparent)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.scale(scale, scale)
        painter.translate(margin, margin)
        yield from paint_steps(painter, page, geometry, guides, within=within)
    finally:
        painter.end()
