"""Page model → Pillow image, without Qt or a PDF renderer.

Takes a ``Page`` of the page model and a width in pixels; gives an RGB
``PIL.Image``. Fills, rules and images are drawn as they are; each glyph is
drawn from the same font file at the engine's position, using the cluster's
characters (so kerning and spacing are the engine's; ligatures are drawn
as their letters). Used for the EPUB's generated cover and for thumbnails.

``draft=True`` (thumbnails) is the same picture made far faster: each
glyph's sub-pixel start is rounded to a quarter of a pixel, so its coverage
mask is rendered by FreeType once per font, size, character and quarter and
then only pasted; a JPEG is decoded at the reduced size the page needs.
"""

from __future__ import annotations

import functools
import io
import math
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from layout_studio.layout.page import Fill, GlyphRun, Image, Page, Rule

WHITE = (255, 255, 255)
QUARTERS = 4  # draft glyph starts are rounded to 1/QUARTERS of a pixel
MAX_MASKS = 50_000  # draft glyph masks kept per process (a few MB)

GlyphKey = tuple[Path, int, str, int, int]
_MASKS: dict[GlyphKey, tuple[PILImage.Image, int, int]] = {}


def _rgb(color: tuple[float, float, float]) -> tuple[int, int, int]:
    r, g, b = (max(0, min(255, round(c * 255))) for c in color)
    return r, g, b


@functools.lru_cache(maxsize=64)
def _pil_font(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(1, pixels), layout_engine=ImageFont.Layout.BASIC)


def rasterize(
    page: Page,
    width_px: int,
    background: tuple[int, int, int] = WHITE,
    *,
    draft: bool = False,
) -> PILImage.Image:
    """Draw ``page`` (trim box) at ``width_px`` pixels wide (``draft``: see the module)."""
    scale = width_px / page.width
    height_px = max(1, round(page.height * scale))
    canvas = PILImage.new("RGB", (width_px, height_px), background)
    draw = ImageDraw.Draw(canvas)
    for item in page.items:
        if isinstance(item, Fill):
            draw.rectangle(
                (
                    item.x * scale,
                    item.y * scale,
                    (item.x + item.width) * scale,
                    (item.y + item.height) * scale,
                ),
                fill=_rgb(item.color),
            )
        elif isinstance(item, Rule):
            draw.line(
                (item.x0 * scale, item.y0 * scale, item.x1 * scale, item.y1 * scale),
                fill=_rgb(item.color),
                width=max(1, round(item.thickness * scale)),
            )
        elif isinstance(item, Image):
            with PILImage.open(io.BytesIO(item.data)) as source:
                w = max(1, round(item.width * scale))
                h = max(1, round(item.height * scale))
                if draft:  # JPEG: decode at 1/2, 1/4 or 1/8 when that still covers w × h
                    source.draft("RGB", (w, h))
                placed = source.convert("RGB").resize((w, h), PILImage.Resampling.LANCZOS)
            canvas.paste(placed, (round(item.x * scale), round(item.y * scale)))
        elif isinstance(item, GlyphRun):
            _draw_run(canvas, draw, item, scale, draft)
    return canvas


def _draw_run(
    canvas: PILImage.Image, draw: ImageDraw.ImageDraw, run: GlyphRun, scale: float, draft: bool
) -> None:
    pixels = round(run.size * scale)
    font = _pil_font(run.font.path, pixels)
    color = _rgb(run.color)
    if run.angle:
        # Rotated text (spine titles): draw on a strip, rotate, paste.
        text = run.text
        length = max(1, math.ceil(run.width * scale) + 4)
        tall = max(1, math.ceil(run.size * scale * 1.4))
        strip = PILImage.new("L", (length, tall), 0)
        ImageDraw.Draw(strip).text((0, tall * 0.75), text, font=font, fill=255, anchor="ls")
        turned = strip.rotate(run.angle, expand=True)
        canvas.paste(
            PILImage.new("RGB", turned.size, color),
            (round(run.x * scale - turned.width / 2), round(run.y * scale - turned.height / 2)),
            turned,
        )
        return
    for glyph in run.glyphs:
        if not glyph.text.strip():
            continue
        x = (run.x + glyph.x + glyph.dx) * scale
        y = (run.y + glyph.dy) * scale
        if not draft:
            draw.text((x, y), glyph.text, font=font, fill=color, anchor="ls")
            continue
        # The same split as Pillow's own: whole pixels place the mask, the fraction shapes it.
        ix, iy = math.floor(x), math.floor(y)
        qx, qy = round((x - ix) * QUARTERS), round((y - iy) * QUARTERS)
        key = (run.font.path, pixels, glyph.text, qx, qy)
        known = _MASKS.get(key)
        if known is None:
            known = _glyph_mask(font, glyph.text, qx / QUARTERS, qy / QUARTERS)
            if len(_MASKS) >= MAX_MASKS:
                _MASKS.clear()
            _MASKS[key] = known
        mask, left, top = known
        canvas.paste(color, (ix + left, iy + top), mask)


def _glyph_mask(
    font: ImageFont.FreeTypeFont, text: str, fx: float, fy: float
) -> tuple[PILImage.Image, int, int]:
    """``text``'s coverage drawn at sub-pixel start ``(fx, fy)``, and where it sits from the pen.

    A quarter that rounds up to a whole pixel (fx == 1.0) is drawn one pixel on.
    """
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    pad = 2  # the sub-pixel start and the antialiasing reach a little past the box
    left, top = int(left) - pad, int(top) - pad
    size = (max(1, int(right) - left + pad + 1), max(1, int(bottom) - top + pad + 1))
    mask = PILImage.new("L", size, 0)
    ImageDraw.Draw(mask).text((fx - left, fy - top), text, font=font, fill=255, anchor="ls")
    return mask, left, top
