"""Page model → Pillow image, without Qt or a PDF renderer.

Takes a ``Page`` of the page model and a width in pixels; gives an RGB
``PIL.Image``. Fills, rules and images are drawn as they are; each glyph is
drawn from the same font file at the engine's position, using the cluster's
characters (so kerning and spacing are the engine's; ligatures are drawn
as their letters). Used for the EPUB's generated cover and for thumbnails.
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


def _rgb(color: tuple[float, float, float]) -> tuple[int, int, int]:
    r, g, b = (max(0, min(255, round(c * 255))) for c in color)
    return r, g, b


@functools.lru_cache(maxsize=64)
def _pil_font(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(1, pixels), layout_engine=ImageFont.Layout.BASIC)


def rasterize(
    page: Page, width_px: int, background: tuple[int, int, int] = WHITE
) -> PILImage.Image:
    """Draw ``page`` (trim box) at ``width_px`` pixels wide."""
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
                placed = source.convert("RGB").resize((w, h), PILImage.Resampling.LANCZOS)
            canvas.paste(placed, (round(item.x * scale), round(item.y * scale)))
        elif isinstance(item, GlyphRun):
            _draw_run(canvas, draw, item, scale)
    return canvas


def _draw_run(
    canvas: PILImage.Image, draw: ImageDraw.ImageDraw, run: GlyphRun, scale: float
) -> None:
    font = _pil_font(run.font.path, round(run.size * scale))
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
        draw.text((x, y), glyph.text, font=font, fill=color, anchor="ls")
