"""A cover picture's JPEG: optimised only where the layout may embed it as it is.

``load_cover`` optimises the Huffman tables (a slow pass) only for a picture
that already has one of the shapes the layout fills (``picture_shapes``):
those bytes may end up in a PDF unchanged. Any other picture is cropped, so
its JPEG is only decoded, and the pixels are the same either way. The oracle
is the picture encoded as before, always optimised.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from layout_studio.export.cover import load_cover, print_cover, same_shape
from layout_studio.layout.cover import front_cover_page, picture_shapes
from layout_studio.layout.page import Image as PlacedImage
from layout_studio.style.theme import load_theme

THEMES = ("classique", "moderne", "poche")
SERVICES = ("generic", "kdp", "ingramspark", "lulu")


def _picture(path: Path, size: tuple[int, int]) -> Path:
    grey = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (grey, Image.effect_noise(size, 40), grey.rotate(90))).save(path, quality=90)
    return path


def _optimised(path: Path) -> bytes:
    """What ``load_cover`` always made before: the picture as RGB, optimised."""
    out = io.BytesIO()
    with Image.open(path) as image:
        ImageOps.exif_transpose(image).convert("RGB").save(
            out, "JPEG", quality=92, optimize=True, dpi=(300, 300)
        )
    return out.getvalue()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes()


def _shaped(width_pt: float, height_pt: float) -> tuple[int, int]:
    """A pixel size of that shape (as ``cropped`` judges it), about 600 px wide."""
    for width in range(600, 700):
        height = round(width * height_pt / width_pt)
        if same_shape(width, height, width_pt, height_pt):
            return width, height
    raise AssertionError("no pixel size of that shape")


def _placed(story_book, story_document, theme, cover) -> list[PlacedImage]:
    pages = [
        print_cover(story_book, story_document, theme, cover).pages[0],
        front_cover_page(story_document, theme, cover),
    ]
    return [item for page in pages for item in page.items if isinstance(item, PlacedImage)]


@pytest.mark.parametrize("svc", SERVICES)
@pytest.mark.parametrize("name", THEMES)
def test_the_layout_fills_only_the_shapes_it_declares(
    story_book, story_document, tmp_path, name, svc
):
    theme = load_theme(name, {"print": {"service": svc}})
    cover = load_cover(_picture(tmp_path / "p.jpg", (500, 500)), theme)
    placed = _placed(story_book, story_document, theme, cover)
    assert len(placed) == 2
    for item in placed:
        assert any(
            item.width == pytest.approx(w) and item.height == pytest.approx(h)
            for w, h in picture_shapes(theme)
        )


@pytest.mark.parametrize("name", THEMES)
def test_a_picture_placed_as_is_keeps_its_optimised_bytes(
    story_book, story_document, tmp_path, name
):
    theme = load_theme(name)
    for n, (w, h) in enumerate(picture_shapes(theme)):
        path = _picture(tmp_path / f"{n}.jpg", _shaped(w, h))
        cover = load_cover(path, theme)
        assert cover.data == _optimised(path)
        embedded = [i.data for i in _placed(story_book, story_document, theme, cover)]
        assert cover.data in embedded


@pytest.mark.parametrize("name", THEMES)
def test_a_cropped_picture_has_the_same_pixels_unoptimised(
    story_book, story_document, tmp_path, name
):
    theme = load_theme(name)
    path = _picture(tmp_path / "p.jpg", (640, 1000))
    cover = load_cover(path, theme)
    before = _optimised(path)
    assert _pixels(cover.data) == _pixels(before)
    assert cover.data != before  # the slow pass skipped: fails if it came back
    embedded = [i.data for i in _placed(story_book, story_document, theme, cover)]
    assert cover.data not in embedded  # never placed as it is
