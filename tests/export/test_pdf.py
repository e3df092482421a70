"""The print PDF read back with pypdf and rendered with pypdfium2."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pypdf
import pytest

from layout_studio.style.units import MM
from tests.conftest import BOOK_TOML, ROOT


@pytest.fixture(scope="module")
def reader(story_pdf):
    return pypdf.PdfReader(story_pdf)


def test_boxes_for_trim_and_bleed(reader, classic_theme):
    g = classic_theme.page
    page = reader.pages[0]
    assert float(page.trimbox.width) == pytest.approx(148 * MM, abs=0.01)
    assert float(page.trimbox.height) == pytest.approx(210 * MM, abs=0.01)
    assert float(page.bleedbox.width) == pytest.approx(148 * MM + 2 * g.bleed, abs=0.01)
    assert float(page.mediabox.width) == pytest.approx(float(page.bleedbox.width), abs=0.01)
    assert g.bleed == pytest.approx(3 * MM)


def test_fonts_embedded_as_subsets(reader):
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            seen.add(str(font["/BaseFont"]))
    assert seen and all("+" in name for name in seen)  # subset tag ABCDEF+Name
    assert any("SourceSerifPro-Regular" in n for n in seen)
    assert any("SourceSerifPro-It" in n for n in seen)


def test_screen_pdf_has_the_links_and_no_bleed(story_book, tmp_path):
    from layout_studio.export.pdf import write_pdf

    screen = pypdf.PdfReader(write_pdf(story_book, tmp_path / "screen.pdf", screen=True))
    links = sum(len(p.get("/Annots", [])) for p in screen.pages)
    assert links >= 30  # TOC entries + one per passage in the index
    page = screen.pages[0]
    assert float(page.mediabox.width) == pytest.approx(148 * MM, abs=0.01)
    assert "L’histoire" in [item.title for item in screen.outline]


def test_metadata_language_outline_links(reader, story_book):
    meta = reader.metadata
    assert meta.title == "Il était une fois un Community Manager"
    assert "aristote" in meta.author and "Cécile" in meta.author
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    titles = [item.title for item in reader.outline]
    assert "L’histoire" in titles and "Index des contributeurs" in titles
    # Links belong to the screen PDF; the print PDF has no annotation at all.
    assert sum(len(p.get("/Annots", [])) for p in reader.pages) == 0
    assert reader.page_labels[:5] == ["i", "ii", "iii", "iv", "v"]
    first_body = next(p for p in story_book.pages if p.kind == "body")
    assert reader.page_labels[first_body.index] == "1"


def test_text_in_reading_order(reader, story_book):
    first_body = next(p for p in story_book.pages if p.kind == "body")
    text = unicodedata.normalize("NFKC", reader.pages[first_body.index].extract_text())
    words = " ".join(text.split())
    start = "Il était une fois un Community Manager… qui vivait dans un jardin"
    assert " ".join(unicodedata.normalize("NFKC", start).split()) in words.replace("- ", "")
    assert words.index("jardin") < words.index("cabane")


def test_kerning_and_ligatures_reach_the_pdf(story_book, reader):
    from layout_studio.layout.page import GlyphRun

    runs = [r for p in story_book.pages for r in p.items if isinstance(r, GlyphRun)]
    font = runs[0].font
    lig = {
        font.shape(s).glyphs[0].gid for s in ("fi", "fl", "ffi") if len(font.shape(s).glyphs) == 1
    }
    used = {g.gid for r in runs if r.font is font for g in r.glyphs}
    assert lig & used, "no fi/fl ligature drawn"
    content = b"".join(p.get_contents().get_data() for p in reader.pages[6:8])
    assert b"TJ" in content  # positioned glyphs: kerning and justification adjustments


def test_pages_render_and_are_not_blank(story_pdf, story_book):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(story_pdf))
    for index in (0, 2, next(p.index for p in story_book.pages if p.kind == "body")):
        image = pdf[index].render(scale=0.5).to_pil().convert("L")
        # CMYK black renders lighter than RGB black in pdfium (solid K → grey 32).
        dark = sum(image.histogram()[:160])
        assert dark > 50, index
    assert len(pdf) == story_book.page_count


def test_reproducible_with_source_date_epoch(tmp_path):
    outputs = []
    for n in range(2):
        out = tmp_path / f"b{n}.pdf"
        env = dict(os.environ, SOURCE_DATE_EPOCH="1359331200")
        subprocess.run(
            [sys.executable, "-m", "layout_studio", "export", str(BOOK_TOML), "--pdf", str(out)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"D:20130128" in outputs[0]


def test_crop_marks_enlarge_the_media(story_document):
    from layout_studio.export.pdf import render_pdf
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique", {"page": {"crop_marks": True, "bleed": "5mm"}})
    data = render_pdf(typeset(story_document, theme))
    import io

    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert float(page.mediabox.width) > float(page.bleedbox.width) + 10 * MM
    assert float(page.bleedbox.width) == pytest.approx(148 * MM + 10 * MM, abs=0.01)
