"""Print-on-demand presets: boxes and bleed, margins, page counts, spine width.

Each book is typeset for real with the service applied, written, and read
back with pikepdf; the expected figures are the services' published ones,
written here from their help pages, not taken from the code under test.
"""

from __future__ import annotations

import io

import pikepdf
import pytest

from layout_studio.style.units import INCH, MM

THEMES = ("classique", "moderne", "poche")
SERVICES = ("kdp", "ingramspark", "lulu")
# Published minimum distance of text from the trim, in a file with bleed.
SAFETY = {"kdp": 0.375 * INCH, "ingramspark": 0.5 * INCH, "lulu": 0.5 * INCH}


@pytest.fixture(scope="module")
def books(story_document):
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    out = {}
    for theme in THEMES:
        for svc in SERVICES:
            resolved = load_theme(theme, {"print": {"service": svc}})
            out[theme, svc] = (resolved, typeset(story_document, resolved))
    return out


def _boxes(data: bytes) -> list[dict[str, list[float]]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            {
                key: [float(v) for v in page.obj[f"/{key}"]]
                for key in ("MediaBox", "TrimBox", "BleedBox", "ArtBox")
                if f"/{key}" in page.obj
            }
            for page in pdf.pages
        ]


@pytest.mark.parametrize("svc", SERVICES)
def test_bleed_is_an_eighth_of_an_inch_and_kdp_spares_the_binding(books, svc):
    from layout_studio.export.pdf import render_pdf

    _theme, book = books["classique", svc]
    pages = _boxes(render_pdf(book))
    eighth = 0.125 * INCH
    for index, boxes in enumerate(pages[:4]):
        assert "ArtBox" not in boxes
        trim, bleed = boxes["TrimBox"], boxes["BleedBox"]
        assert trim[1] - bleed[1] == pytest.approx(eighth, abs=0.01)
        assert bleed[3] - trim[3] == pytest.approx(eighth, abs=0.01)
        recto = index % 2 == 0
        binding = (trim[0] - bleed[0]) if recto else (bleed[2] - trim[2])
        outside = (bleed[2] - trim[2]) if recto else (trim[0] - bleed[0])
        assert outside == pytest.approx(eighth, abs=0.01)
        assert binding == pytest.approx(0.0 if svc == "kdp" else eighth, abs=0.01)
        assert boxes["MediaBox"] == bleed


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("svc", SERVICES)
def test_no_text_closer_to_the_trim_than_the_service_allows(books, theme, svc):
    from layout_studio.layout.page import GlyphRun

    _resolved, book = books[theme, svc]
    minimum = SAFETY[svc]
    closest = None
    for page in book.pages:
        for run in page.items:
            if not isinstance(run, GlyphRun) or run.angle or not run.text.strip():
                continue
            scale = run.size / run.font.units_per_em
            top = run.y - run.font.ascender * scale
            bottom = run.y - run.font.descender * scale
            left, right = run.x + run.glyphs[0].x, run.x + run.width
            distance = min(top, page.height - bottom, left, page.width - right)
            closest = distance if closest is None else min(closest, distance)
    assert closest is not None
    assert closest >= minimum - 0.5, f"{closest / MM:.1f} mm < {minimum / MM:.1f} mm"


def test_generic_theme_warns_when_a_running_head_is_too_close(story_document):
    from layout_studio.style.theme import load_theme

    warnings = load_theme("poche").warnings
    assert any("marge haut" in w and "de la coupe" in w for w in warnings)


# Spine per page, from the services' help pages (inches): KDP white 0.002252, cream
# 0.0025; IngramSpark 444 pages per inch on white; Lulu pages / 444 + 0.06.
SPINE = {
    ("kdp", "white"): lambda n: n * 0.002252,
    ("kdp", "cream"): lambda n: n * 0.0025,
    ("ingramspark", "white"): lambda n: n * 0.002252,
    ("lulu", "white"): lambda n: n / 444 + 0.06,
}


@pytest.mark.parametrize(("svc", "paper"), list(SPINE))
def test_cover_spine_follows_the_service_formula(story_prepared, svc, paper):
    from layout_studio.export.cover import print_cover
    from layout_studio.export.pdf import render_pdf
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique", {"print": {"service": svc, "paper": paper}})
    book = story_prepared.book
    wrap = print_cover(book, story_prepared.document, theme, None)
    with pikepdf.open(io.BytesIO(render_pdf(wrap))) as pdf:
        trim = [float(v) for v in pdf.pages[0].obj.TrimBox]
        bleed = [float(v) for v in pdf.pages[0].obj.BleedBox]
    spine = (trim[2] - trim[0]) - 2 * theme.page.width
    assert spine == pytest.approx(SPINE[svc, paper](book.page_count) * INCH, abs=0.01)
    assert (bleed[2] - bleed[0]) - (trim[2] - trim[0]) == pytest.approx(0.25 * INCH, abs=0.01)
    assert (bleed[3] - bleed[1]) == pytest.approx(theme.page.height + 0.25 * INCH, abs=0.01)


def test_services_pad_to_their_minimum_and_to_an_even_count(story_document):
    from layout_studio.export.job import prepare
    from layout_studio.layout.service import apply_service
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme
    from tests.conftest import BOOK_TOML

    plain = prepare(BOOK_TOML)
    assert plain.book.page_count == 17  # the story on A5, generic printer: only a warning
    assert any("nombre impair" in w for w in plain.warnings)
    kdp = prepare(BOOK_TOML, printing={"service": "kdp"})
    assert kdp.book.page_count == 24  # KDP prints 24 pages at least
    assert all(p.kind == "blank" and not p.items for p in kdp.book.pages[17:])
    assert any("7 page(s) blanche(s)" in w and "(24 pages)" in w for w in kdp.warnings)
    assert kdp.book.pages[-1].folio == str(int(kdp.book.pages[16].folio) + 7)
    lulu = prepare(BOOK_TOML, printing={"service": "lulu"})
    assert lulu.book.page_count == 32
    # Above the minimum, an odd count gets one blank page.
    theme = load_theme("moderne", {"print": {"service": "ingramspark"}})
    book = typeset(story_document, theme)
    odd = book.page_count
    assert odd % 2 == 1 and odd > 18
    _theme, book, notes = apply_service(story_document, theme, book)
    assert book.page_count == odd + 1
    assert any("nombre pair" in n for n in notes)


def test_gutter_grows_with_the_page_count(story_document):
    import dataclasses

    from layout_studio.layout.service import apply_service
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    # Loading already raises the gutter to the minimum bracket (theme warning)...
    loaded = load_theme("classique", {"print": {"service": "kdp"}, "page": {"inner": "5mm"}})
    assert loaded.page.inner == pytest.approx(0.375 * INCH)
    assert any("marge intérieure" in w for w in loaded.warnings)
    # ... and the typeset book's own page count is checked again afterwards.
    theme = dataclasses.replace(loaded, page=dataclasses.replace(loaded.page, inner=5 * MM))
    book = typeset(story_document, theme)
    fitted, book, notes = apply_service(story_document, theme, book)
    assert fitted.page.inner == pytest.approx(0.375 * INCH)  # 24 to 150 pages
    assert book.pages[0].width == theme.page.width
    assert any("marge intérieure" in n for n in notes)
    svc = fitted.printing.service
    assert svc.gutter_for(151) == pytest.approx(0.5 * INCH)
    assert svc.gutter_for(501) == pytest.approx(0.75 * INCH)


def test_preset_from_the_command_line(tmp_path):
    from tests.conftest import BOOK_TOML, run_cli

    out = tmp_path / "c.pdf"
    done = run_cli("export", str(BOOK_TOML), "--preset", "lulu", "--print-cover", str(out))
    assert done.returncode == 0, done.stderr
    with pikepdf.open(out) as pdf:
        trim = [float(v) for v in pdf.pages[0].obj.TrimBox]
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"
    # 32 pages on Lulu (17 set, padded to its minimum): 32 / 444 + 0.06 in.
    assert trim[2] - trim[0] == pytest.approx(2 * 148 * MM + (32 / 444 + 0.06) * INCH, abs=0.01)
