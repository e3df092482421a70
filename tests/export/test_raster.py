"""Page model → Pillow image: the draft mode (thumbnails) draws what the exact mode draws."""

from __future__ import annotations

import math
import random

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from layout_studio.export import raster
from layout_studio.export.job import prepare
from layout_studio.text.fonts import find_face
from tests.conftest import STORY_MD


@pytest.fixture(scope="module")
def pages():
    return prepare(STORY_MD, theme="poche", outputs=False).book.pages


def _dark(picture: Image.Image) -> float:
    grey = picture.convert("L")
    histogram = grey.histogram()
    return sum(histogram[:128]) / (grey.width * grey.height)


def test_a_draft_glyph_is_pillows_own_drawing_at_the_same_start():
    """Mask made once and pasted == ``ImageDraw.text`` at that sub-pixel start, pixel for pixel."""
    font = raster._pil_font(find_face("Source Serif Pro", "regular").path, 7)
    rng = random.Random(18)
    drawn = Image.new("RGB", (420, 40), "white")
    pasted = drawn.copy()
    draw = ImageDraw.Draw(drawn)
    for i in range(60):
        char = rng.choice("aeimnoprstuvéàçMCQ,.;«»’fij")
        x, y = 4 + i * 6.9 + rng.random(), 24 + rng.random()
        draw.text((x, y), char, font=font, fill=(20, 30, 40), anchor="ls")
        ix, iy = math.floor(x), math.floor(y)
        mask, left, top = raster._glyph_mask(font, char, x - ix, y - iy)
        pasted.paste((20, 30, 40), (ix + left, iy + top), mask)
    assert ImageChops.difference(drawn, pasted).getbbox() is None


def test_draft_pages_look_like_exact_pages(pages):
    """Same size, same ink: glyphs move by at most an eighth of a pixel before hinting."""
    body = [p for p in pages if p.kind == "body"]
    for page in (pages[0], body[0], body[len(body) // 2]):
        exact = raster.rasterize(page, 260)
        draft = raster.rasterize(page, 260, draft=True)
        assert draft.size == exact.size
        difference = ImageStat.Stat(ImageChops.difference(exact, draft).convert("L")).mean[0]
        assert difference < 10, (page.index, difference)  # 0..255: a few pixels' edges
        assert _dark(exact) > (0.001 if page is pages[0] else 0.01)  # there is text to compare
        assert abs(_dark(draft) - _dark(exact)) < 0.15 * _dark(exact), page.index


def test_a_draft_page_does_not_depend_on_what_was_drawn_before(pages, monkeypatch):
    """The mask cache only saves time: a page drawn cold or after others has the same pixels."""
    monkeypatch.setattr(raster, "_MASKS", {})
    cold = raster.rasterize(pages[5], 260, draft=True).tobytes()
    for page in pages[:5]:
        raster.rasterize(page, 260, draft=True)
    assert raster.rasterize(pages[5], 260, draft=True).tobytes() == cold
    monkeypatch.setattr(raster, "_MASKS", {})
    monkeypatch.setattr(raster, "MAX_MASKS", 10)  # a full cache is emptied, never wrong
    assert raster.rasterize(pages[5], 260, draft=True).tobytes() == cold
    assert len(raster._MASKS) <= 10
