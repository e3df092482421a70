"""Cover images: formats, EXIF, colour modes, resolution, bad files; the wraparound."""

from __future__ import annotations

import io
import math

import pypdf
import pytest
from PIL import Image

from layout_studio.errors import InputError
from layout_studio.export.cover import load_cover, print_cover, spine_width
from layout_studio.export.pdf import render_pdf
from layout_studio.style.units import MM


def _save(im: Image.Image, path, fmt: str, **kw):
    im.save(path, fmt, **kw)
    return path


def _decoded(cover) -> Image.Image:
    return Image.open(io.BytesIO(cover.data))


def test_exif_rotation_applied(tmp_path, classic_theme):
    im = Image.new("RGB", (400, 200), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when displayed
    path = _save(im, tmp_path / "c.jpg", "JPEG", exif=exif.tobytes())
    cover = load_cover(path, classic_theme)
    assert (cover.width_px, cover.height_px) == (200, 400)


@pytest.mark.parametrize("mode", ["CMYK", "P", "I;16", "LA", "RGBA"])
def test_colour_modes_become_rgb(tmp_path, classic_theme, mode):
    if mode == "CMYK":
        path = _save(Image.new("CMYK", (60, 80), (0, 255, 255, 0)), tmp_path / "c.jpg", "JPEG")
    elif mode == "I;16":
        path = _save(Image.new("I;16", (60, 80), 40000), tmp_path / "c.png", "PNG")
    else:
        path = _save(Image.new(mode, (60, 80)), tmp_path / "c.png", "PNG")
    decoded = _decoded(load_cover(path, classic_theme))
    assert decoded.mode == "RGB"


def test_transparency_flattened_on_the_theme_colour(tmp_path, classic_theme):
    path = _save(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), tmp_path / "t.png", "PNG")
    pixel = _decoded(load_cover(path, classic_theme)).getpixel((25, 25))
    expected = tuple(round(c * 255) for c in classic_theme.cover_background)
    assert all(abs(a - b) <= 3 for a, b in zip(pixel, expected, strict=True))


def test_webp_and_low_resolution_warning(tmp_path, classic_theme):
    path = _save(Image.new("RGB", (300, 420), "navy"), tmp_path / "c.webp", "WEBP")
    cover = load_cover(path, classic_theme)
    assert cover.warnings and "dpi" in cover.warnings[0] and str(path) in cover.warnings[0]
    big = _save(Image.new("RGB", (1900, 2600), "navy"), tmp_path / "big.jpg", "JPEG")
    assert load_cover(big, classic_theme).warnings == ()


def test_bad_images_get_one_clear_line(tmp_path, classic_theme):
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    good = io.BytesIO()
    Image.new("RGB", (500, 500), "red").save(good, "PNG")
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.getvalue()[:200])
    text = tmp_path / "notes.png"
    text.write_text("bonjour", encoding="utf-8")
    bomb = tmp_path / "bomb.png"
    Image.new("1", (12000, 12000)).save(bomb, "PNG")
    gif = _save(Image.new("RGB", (20, 20)), tmp_path / "c.gif", "GIF")
    for path, reason in [
        (corrupt, "image"),
        (truncated, "tronquée"),
        (text, "non reconnu"),
        (bomb, "pixels"),
        (gif, "non pris en charge"),
        (tmp_path / "absent.jpg", "introuvable"),
    ]:
        with pytest.raises(InputError) as info:
            load_cover(path, classic_theme)
        line = info.value.one_line()
        assert str(path) in line and reason in line and "\n" not in line


def test_wraparound_cover_spine_from_page_count(
    story_book, story_document, classic_theme, tmp_path
):
    theme = classic_theme
    wrap = print_cover(story_book, story_document, theme, None, "26 auteurs")
    spine = spine_width(story_book.page_count, theme)
    assert spine == pytest.approx(math.ceil(story_book.page_count / 2) * 0.1 * MM)
    page = pypdf.PdfReader(io.BytesIO(render_pdf(wrap))).pages[0]
    assert float(page.trimbox.width) == pytest.approx(2 * 148 * MM + spine, abs=0.01)
    assert float(page.bleedbox.width) == pytest.approx(2 * 148 * MM + spine + 6 * MM, abs=0.01)
    text = page.extract_text()
    assert "Community Manager" in text and "26 auteurs" in text and "Cécile" in text


def test_thick_book_gets_a_spine_title(story_book, story_document):
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique", {"page": {"paper_thickness": "1mm"}})
    wrap = print_cover(story_book, story_document, theme, None)
    rotated = [r for r in wrap.pages[0].items if getattr(r, "angle", 0)]
    assert rotated and "".join(r.text for r in rotated).startswith("Il était")


@pytest.mark.parametrize("name", ["classique", "moderne", "poche"])
def test_generated_cover_text_is_readable(story_document, name):
    """Title, rule and byline stand out from the cover's background on every theme."""
    from layout_studio.export.cover import front_cover_page
    from layout_studio.layout.page import Fill, GlyphRun, Rule
    from layout_studio.style.theme import load_theme

    def lum(c):
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    page = front_cover_page(story_document, load_theme(name), None, "26 auteurs")
    background = next(i for i in page.items if isinstance(i, Fill)).color
    inks = [i.color for i in page.items if isinstance(i, GlyphRun | Rule)]
    assert any("auteurs" in i.text for i in page.items if isinstance(i, GlyphRun))
    assert inks and all(abs(lum(c) - lum(background)) > 0.25 for c in inks)
