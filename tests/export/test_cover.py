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


# --- the print cover's image, title band, barcode area and resolution --------------

SERVICES = ("generic", "kdp", "ingramspark", "lulu")


def _photo(path, width_px, height_px):
    """A picture whose four edges are coloured, to see what a crop keeps."""
    from PIL import ImageDraw

    im = Image.new("RGB", (width_px, height_px), (40, 90, 160))
    draw = ImageDraw.Draw(im)
    draw.rectangle([0, 0, 9, height_px], fill=(255, 0, 0))  # left edge red
    draw.rectangle([width_px - 10, 0, width_px, height_px], fill=(0, 255, 0))  # right green
    draw.ellipse([width_px // 4, height_px // 4, 3 * width_px // 4, height_px // 2], "yellow")
    return _save(im, path, "JPEG", quality=92)


def _image_rect_in_pdf(data: bytes) -> tuple[float, float, float, float]:
    """Where the page's image is painted: the cm in force at its Do (x0, y0, x1, y1)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        stack = [(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)]
        for operands, op in pikepdf.parse_content_stream(page):
            name = str(op)
            if name == "q":
                stack.append(stack[-1])
            elif name == "Q":
                stack.pop()
            elif name == "cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                A, B, C, D, E, F = stack[-1]
                stack[-1] = (
                    a * A + b * C,
                    a * B + b * D,
                    c * A + d * C,
                    c * B + d * D,
                    e * A + f * C + E,
                    e * B + f * D + F,
                )
            elif name == "Do":
                A, _B, _C, D, E, F = stack[-1]
                return (E, F, E + A, F + D)
    raise AssertionError("no image drawn")


@pytest.mark.parametrize("theme_name", ["classique", "moderne", "poche"])
@pytest.mark.parametrize("svc", SERVICES)
def test_cover_image_fills_the_front_panel_and_its_bleed(
    story_book, story_document, tmp_path, theme_name, svc
):
    import pikepdf

    from layout_studio.layout.page import Image as PlacedImage
    from layout_studio.style.theme import load_theme

    theme = load_theme(theme_name, {"print": {"service": svc}})
    image = load_cover(_photo(tmp_path / "p.jpg", 1200, 1200), theme)  # square: must be cropped
    wrap = print_cover(story_book, story_document, theme, image)
    g = theme.page
    spine = spine_width(story_book.page_count, theme)
    fold = g.width + spine
    placed = [i for i in wrap.pages[0].items if isinstance(i, PlacedImage)]
    assert len(placed) == 1
    (im,) = placed
    assert im.x == pytest.approx(fold)  # starts at the fold, never on the spine
    assert im.x + im.width == pytest.approx(2 * g.width + spine + g.bleed)
    assert im.y == pytest.approx(-g.bleed)
    assert im.y + im.height == pytest.approx(g.height + g.bleed)
    with Image.open(io.BytesIO(im.data)) as pixels:  # cropped, not stretched
        assert pixels.width / pixels.height == pytest.approx(im.width / im.height, rel=0.002)
    data = render_pdf(wrap)
    x0, y0, x1, y1 = _image_rect_in_pdf(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        trim = [float(v) for v in pdf.pages[0].obj.TrimBox]
        bleed = [float(v) for v in pdf.pages[0].obj.BleedBox]
    assert x0 == pytest.approx(trim[0] + fold, abs=0.01)
    assert (x1, y0, y1) == pytest.approx((bleed[2], bleed[1], bleed[3]), abs=0.01)


def test_focus_chooses_what_the_crop_keeps(tmp_path, classic_theme):
    wide = load_cover(_photo(tmp_path / "w.jpg", 3000, 1000), classic_theme)
    left = _decoded(wide.cropped(100, 200, (0.0, 0.5)))
    right = _decoded(wide.cropped(100, 200, (1.0, 0.5)))
    assert left.height == 1000 and left.width == 500
    r, g, _b = left.convert("RGB").getpixel((2, 500))
    assert r > 200 and g < 60  # the red left edge kept
    r, g, _b = right.convert("RGB").getpixel((right.width - 3, 500))
    assert g > 200 and r < 60  # the green right edge kept


def test_title_and_byline_on_an_opaque_band_over_the_image(story_book, story_document, tmp_path):
    from layout_studio.layout.page import Fill, GlyphRun
    from layout_studio.layout.page import Image as PlacedImage
    from layout_studio.style.theme import load_theme

    def lum(c):
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    for name in ("classique", "moderne", "poche"):
        theme = load_theme(name)
        image = load_cover(_photo(tmp_path / "p.jpg", 1000, 1400), theme)
        items = print_cover(story_book, story_document, theme, image, "26 auteurs").pages[0].items
        fold = theme.page.width + spine_width(story_book.page_count, theme)
        at = next(i for i, it in enumerate(items) if isinstance(it, PlacedImage))
        front = [it for it in items[at:] if isinstance(it, GlyphRun) and it.x >= fold]
        text = " ".join(r.text for r in front)
        assert "Community" in text and "26 auteurs" in text
        band = next(it for it in items[at:] if isinstance(it, Fill))
        assert band.width >= theme.page.width  # the whole panel wide, bleed included
        for run in front:  # every letter on the band, in a colour that stands out from it
            assert (
                band.y <= run.y - run.size * 0.8 and run.y + run.size * 0.3 <= band.y + band.height
            )
            assert abs(lum(run.color) - lum(band.color)) > 0.25
    bare = load_theme("classique", {"cover": {"title_on_image": "none"}})
    items = print_cover(story_book, story_document, bare, image).pages[0].items
    fold = bare.page.width + spine_width(story_book.page_count, bare)
    assert not [it for it in items if isinstance(it, GlyphRun) and it.x >= fold]


@pytest.mark.parametrize("svc", SERVICES)
def test_barcode_area_kept_white_on_the_back(story_book, story_document, svc):
    from layout_studio.layout.page import Fill, GlyphRun
    from layout_studio.style.theme import load_theme
    from layout_studio.style.units import INCH

    theme = load_theme("classique", {"print": {"service": svc}})
    items = print_cover(story_book, story_document, theme, None).pages[0].items
    white = [i for i in items if isinstance(i, Fill) and i.color == (1.0, 1.0, 1.0)]
    assert len(white) == 1
    box = white[0]
    g = theme.page
    assert (box.width, box.height) == pytest.approx((2 * INCH, 1.2 * INCH))
    assert box.x + box.width == pytest.approx(g.width - 0.25 * INCH)  # by the spine fold
    assert box.y + box.height == pytest.approx(g.height - 0.25 * INCH)  # by the bottom trim
    for run in (i for i in items if isinstance(i, GlyphRun) and not i.angle):
        inside_x = box.x < run.x + run.width and run.x < box.x + box.width
        assert not (inside_x and box.y - 2 < run.y < box.y + box.height + run.size), run.text


def test_resolution_is_the_effective_one_on_the_front_panel(tmp_path, classic_theme):
    g = classic_theme.page
    inches_w = (g.width + g.bleed) / 72  # front panel: bleed on the outer edge only
    inches_h = (g.height + 2 * g.bleed) / 72
    exact = _photo(tmp_path / "a.jpg", round(240 * inches_w), round(240 * inches_h))
    (note,) = load_cover(exact, classic_theme).warnings
    assert "240 dpi" in note
    # Made at 240 ppi for the trim only: enlarged to reach the bleed, it prints at 233.
    trim_only = _photo(tmp_path / "b.jpg", round(240 * g.width / 72), round(240 * g.height / 72))
    (note,) = load_cover(trim_only, classic_theme).warnings
    expected = 240 * g.height / (g.height + 2 * g.bleed)
    assert f"{expected:.0f} dpi" in note


def test_cover_layout_lives_in_layout_without_private_imports():
    from pathlib import Path

    import layout_studio.layout.cover as layout_cover

    source = Path(layout_cover.__file__).read_text(encoding="utf-8")
    assert "_shift" not in source and "import PIL" not in source and "from PIL" not in source
    export_cover = Path(layout_cover.__file__).parents[1] / "export" / "cover.py"
    assert "Typesetter" not in export_cover.read_text(encoding="utf-8")


def test_title_straight_on_the_image_without_band(story_book, story_document, tmp_path):
    from layout_studio.layout.page import Fill, GlyphRun
    from layout_studio.layout.page import Image as PlacedImage
    from layout_studio.style.theme import load_theme

    banded = load_theme("classique")
    bare = load_theme("classique", {"cover": {"band": False}})
    image = load_cover(_photo(tmp_path / "p.jpg", 1000, 1400), bare)
    for theme, fills in ((banded, 1), (bare, 0)):
        items = print_cover(story_book, story_document, theme, image, "26 auteurs").pages[0].items
        at = next(i for i, it in enumerate(items) if isinstance(it, PlacedImage))
        after = items[at:]
        # Only the white barcode box is after the image, besides the band when there is one.
        colour = [f for f in after if isinstance(f, Fill) and f.color != (1.0, 1.0, 1.0)]
        assert len(colour) == fills
        fold = theme.page.width + spine_width(story_book.page_count, theme)
        front = " ".join(r.text for r in after if isinstance(r, GlyphRun) and r.x >= fold)
        assert "Community" in front and "26 auteurs" in front


def test_spine_text_title_byline_or_nothing(story_book, story_document):
    from layout_studio.style.theme import load_theme

    def spine(choice):
        theme = load_theme(
            "classique", {"page": {"paper_thickness": "1mm"}, "cover": {"spine": choice}}
        )
        wrap = print_cover(story_book, story_document, theme, None, "26 auteurs")
        return "".join(r.text for r in wrap.pages[0].items if getattr(r, "angle", 0))

    title = story_document.metadata.title
    assert spine("title").replace("\u2019", "'").startswith(title[:8].replace("\u2019", "'"))
    assert "26 auteurs" not in spine("title")
    assert spine("title_byline").endswith("26 auteurs")
    assert spine("none") == ""


def test_typographic_cover_title_position(story_book, story_document):
    """[cover] title_position moves the title block of the cover without an image."""
    from layout_studio.layout.cover import front_cover_page
    from layout_studio.layout.page import GlyphRun
    from layout_studio.style.theme import ThemeError, load_theme

    def front(position: str | None, wraparound: bool = False) -> dict[str, float]:
        overrides = {"cover": {"title_position": position}} if position else {}
        theme = load_theme("classique", overrides)
        if wraparound:
            page = print_cover(story_book, story_document, theme, None).pages[0]
            fold = theme.page.width + spine_width(story_book.page_count, theme)
            runs = [r for r in page.items if isinstance(r, GlyphRun) and r.x >= fold]
        else:
            page = front_cover_page(story_document, theme, None)
            runs = [r for r in page.items if isinstance(r, GlyphRun)]
        text = " ".join(r.text for r in runs)
        assert "Community" in text and "26 auteurs" in text
        top = min(r.y - r.size for r in runs)
        bottom = max(r.y for r in runs)
        return {"top": top, "bottom": bottom, "middle": (top + bottom) / 2, "h": page.height}

    default, top, center, bottom = (front(p) for p in (None, "top", "center", "bottom"))
    assert default == top  # the upper-third layout stays the default
    assert top["top"] < center["top"] < bottom["top"]
    assert abs(center["middle"] - center["h"] / 2) < center["h"] * 0.05  # centred
    assert bottom["bottom"] > bottom["h"] * 0.8 and bottom["top"] > bottom["h"] / 2
    # The print cover's front panel follows the same setting.
    assert front("bottom", wraparound=True)["top"] > front("top", wraparound=True)["top"]
    with pytest.raises(ThemeError, match="title_position"):
        load_theme("classique", {"cover": {"title_position": "left"}})
