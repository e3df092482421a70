"""The print cover's ISBN barcode: bars read back from the page model and by a scanner."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest

from layout_studio.export.cover import print_cover
from layout_studio.export.pdf import render_pdf
from layout_studio.layout.barcode import MODULE, ean13_modules
from layout_studio.layout.cover import barcode_box
from layout_studio.layout.page import Fill
from layout_studio.sources.isbn import format_isbn, parse_isbn

ISBNS = ["978-2-07-036002-4", "979-10-90648-52-4", "0-306-40615-2"]


def _reportlab_modules(digits: str) -> str:
    """The same symbol as reportlab's EAN-13 widget encodes it (an independent encoder)."""
    from reportlab.graphics.barcode import eanbc

    widget = eanbc.Ean13BarcodeWidget(digits[:12])
    signal: list[str] = [widget._tail]
    widget._encode_left(digits, signal.append)
    signal.append(widget._sep)
    signal += [widget._right[int(c)] for c in digits[7:]]
    signal.append(widget._tail)
    return "".join(signal)


@pytest.mark.parametrize("isbn", ISBNS)
def test_ean13_modules_match_reportlab(isbn):
    digits = parse_isbn(isbn)
    modules = ean13_modules(digits)
    assert len(modules) == 95
    assert modules == _reportlab_modules(digits)


def test_ean13_refuses_what_is_not_13_digits():
    for bad in ("978207036002", "97820703600245", "978207036002X"):
        with pytest.raises(ValueError):
            ean13_modules(bad)


def _with_print_isbn(document, isbn: str | None):
    meta = dataclasses.replace(document.metadata, print_isbn=isbn)
    return dataclasses.replace(document, metadata=meta)


def _bars(page, box) -> list[Fill]:
    inside = [
        i
        for i in page.items
        if isinstance(i, Fill)
        and i.color == (0.0, 0.0, 0.0)
        and box.x <= i.x
        and i.x + i.width <= box.x + box.width
        and box.y <= i.y
        and i.y + i.height <= box.y + box.height
    ]
    return sorted(inside, key=lambda f: f.x)


@pytest.mark.parametrize("isbn", ISBNS)
def test_barcode_bars_in_the_page_model_read_back_as_the_print_isbn(
    story_book, story_document, classic_theme, isbn
):
    digits = parse_isbn(isbn)
    document = _with_print_isbn(story_document, digits)
    page = print_cover(story_book, document, classic_theme, None).pages[0]
    box = barcode_box(classic_theme)
    bars = _bars(page, box)
    module = min(b.width for b in bars)
    assert module == pytest.approx(MODULE)  # 100 %: the box is wide enough
    start = bars[0].x
    read = ["0"] * 95
    for bar in bars:
        first = round((bar.x - start) / module)
        for m in range(first, first + round(bar.width / module)):
            read[m] = "1"
    assert "".join(read) == _reportlab_modules(digits)
    # Guard bars reach lower than the others; quiet zones (11 and 7 modules) stay white.
    assert len({round(b.y + b.height, 3) for b in bars}) == 2
    assert (
        start - box.x >= 11 * module
        and box.x + box.width - (bars[-1].x + bars[-1].width) >= 7 * module
    )
    text = "".join(getattr(i, "text", "") for i in page.items)
    assert f"ISBN {format_isbn(digits)}" in text  # the human-readable line booksellers key in
    assert digits[1:7] in text and digits[7:] in text


def test_no_print_isbn_leaves_the_area_white(story_book, story_document, classic_theme):
    page = print_cover(
        story_book, _with_print_isbn(story_document, None), classic_theme, None
    ).pages[0]
    assert _bars(page, barcode_box(classic_theme)) == []


@pytest.mark.parametrize("service", ["generic", "kdp", "ingramspark", "lulu"])
def test_a_scanner_reads_the_printed_barcode(story_book, story_document, tmp_path, service):
    from layout_studio.style.theme import load_theme

    zbarimg, pdftoppm = shutil.which("zbarimg"), shutil.which("pdftoppm")
    assert zbarimg, "zbarimg absent : apt-get install zbar-tools (tools/install-validators)"
    assert pdftoppm, "pdftoppm absent : apt-get install poppler-utils"
    theme = load_theme("classique", {"print": {"service": service}})
    digits = parse_isbn("979-10-90648-52-4")
    wrap = print_cover(story_book, _with_print_isbn(story_document, digits), theme, None)
    pdf = tmp_path / "cover.pdf"
    pdf.write_bytes(render_pdf(wrap))
    subprocess.run(
        [pdftoppm, "-r", "300", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "c")],
        check=True,
        timeout=120,
    )
    out = subprocess.run(
        [zbarimg, "-q", "--raw", str(tmp_path / "c.png")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.split() == [digits]
