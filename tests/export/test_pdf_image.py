"""JPEGs drawn without ``drawImage``'s copies: the same PDF bytes as reportlab's own path.

The oracle is reportlab itself: the same pages drawn with ``Canvas.drawImage``
of an ``ImageReader`` and with ``draw_jpeg`` must give the same file, byte for
byte (one image, the same image twice, two images, every JPEG colour mode, a
last band shorter than the others). A print cover rendered with the shortcut
must never hand reportlab the pixels (no ``drawImage``, no full ``tobytes``).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout_studio.export import pdf_image
from layout_studio.export.pdf_image import draw_jpeg, xobject_name

Draw = Callable[[Canvas, bytes, float, float, float, float], None]


def _jpeg(mode: str, size: tuple[int, int], seed: int = 0, fmt: str = "JPEG") -> bytes:
    """A textured picture (a gradient and noise per channel) in ``mode``."""
    bands = []
    for k in range(len(mode)):
        gradient = Image.linear_gradient("L").rotate(37 * (k + seed)).resize(size)
        noise = Image.effect_noise(size, 30 + 10 * k)
        bands.append(Image.blend(gradient, noise, 0.3))
    image = Image.merge(mode, bands) if len(mode) > 1 else bands[0]
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def _reportlab(canvas: Canvas, data: bytes, x: float, y: float, w: float, h: float) -> None:
    canvas.drawImage(ImageReader(io.BytesIO(data)), x, y, w, h)


def _pdf(draw: Draw, images: list[bytes]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 600), invariant=1, pageCompression=0)
    for page in range(2):
        canvas.rect(10, 10, 20, 20, fill=1)
        for n, data in enumerate(images):
            draw(canvas, data, 15.5 + 40 * n, 30.25 + page, 120.0 + n, 180.5)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("mode", ["L", "RGB", "CMYK"])
def test_same_bytes_as_reportlabs_own_path(mode, monkeypatch):
    monkeypatch.setattr(pdf_image, "_BAND_BYTES", 5000)  # many bands, the last one shorter
    one = _jpeg(mode, (173, 241))
    other = _jpeg(mode, (90, 60), seed=3)
    for images in ([one], [one, one], [one, other]):
        assert _pdf(draw_jpeg, images) == _pdf(_reportlab, images)


def test_other_images_are_left_to_reportlab():
    png = _jpeg("RGB", (64, 48), fmt="PNG")
    assert xobject_name(png) is None
    assert _pdf(draw_jpeg, [png]) == _pdf(_reportlab, [png])


def test_the_name_is_reportlabs():
    data = _jpeg("CMYK", (301, 97))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    _reportlab(canvas, data, 0, 0, 10, 10)
    assert canvas._formsinuse == [xobject_name(data)]


@pytest.fixture
def cover_pdf(story_book, story_document, tmp_path, monkeypatch):
    """A print cover with a picture, rendered by a function of ``pdf.draw_jpeg``."""
    from layout_studio.export import pdf
    from layout_studio.export.cover import load_cover, print_cover
    from layout_studio.style.theme import load_theme

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = tmp_path / "photo.jpg"
    path.write_bytes(_jpeg("RGB", (900, 1300)))
    theme = load_theme("moderne")
    image = load_cover(path, theme)

    def render(draw: Draw, screen: bool) -> bytes:
        monkeypatch.setattr(pdf, "draw_jpeg", draw)
        return pdf.render_pdf(print_cover(story_book, story_document, theme, image), screen=screen)

    return render


@pytest.mark.parametrize("screen", [False, True], ids=["print-cmyk", "screen-rgb"])
def test_a_cover_pdf_is_the_same_either_way(cover_pdf, screen):
    assert cover_pdf(draw_jpeg, screen) == cover_pdf(_reportlab, screen)


def test_a_cover_pdf_never_hands_reportlab_the_pixels(cover_pdf, monkeypatch):
    """Fails if the cover went back to ``drawImage`` or to one string of all its pixels."""
    drawn: list[int] = []
    pixels: list[int] = []
    tobytes = Image.Image.tobytes

    def spy(self: Image.Image, *args: object) -> bytes:
        data = tobytes(self, *args)
        pixels.append(len(data))
        return data

    def refused(*_args: object, **_kw: object) -> None:
        raise AssertionError("drawImage called")

    def counted(canvas: Canvas, data: bytes, *box: float) -> None:
        with Image.open(io.BytesIO(data)) as image:
            drawn.append(image.width * image.height * len(image.mode))
        draw_jpeg(canvas, data, *box)

    monkeypatch.setattr(Image.Image, "tobytes", spy)
    monkeypatch.setattr(Canvas, "drawImage", refused)
    data = cover_pdf(counted, False)
    (size,) = drawn
    assert b"/FormXob." in data
    assert pixels and max(pixels) <= pdf_image._BAND_BYTES < size
