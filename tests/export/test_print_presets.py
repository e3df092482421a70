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
