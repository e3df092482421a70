"""The preview's book is the one the printer gets: fitted to the print service's page rules.

``session.build`` and the preview's ``IncrementalBuilder`` apply the service as
``layout-studio export`` does (gutter for the page count, blank pages up to the
service's minimum), so that the preview draws the page model of the PDF.
"""

from __future__ import annotations

import pytest

from benchmarks.gui_latency import big_text
from layout_studio.layout.page import dump
from layout_studio.layout.service import apply_service
from layout_studio.layout.typeset import typeset
from layout_studio.session import IncrementalBuilder, _settings_theme, build, open_file
from tests.conftest import ROOT
from tests.layout.test_incremental import model

BASE = ROOT / "examples" / "cmad"
OPENED = open_file(BASE / "book.toml")
KDP = OPENED.settings.with_override("print", "service", "kdp")
# A gutter narrower than KDP's (0.375 in up to 150 pages, 0.5 in up to 300), and a book
# of more than 150 pages: the book is set again with the wider gutter.
NARROW = KDP.with_override("page", "inner", "5mm")
LONG = big_text(OPENED.text, 22)


def test_a_build_is_padded_to_the_services_minimum():
    built = build(OPENED.text, KDP, BASE)
    plain = build(OPENED.text, OPENED.settings, BASE)
    assert plain.book.page_count == 17
    assert built.book.page_count == 24
    assert [p.kind for p in built.book.pages[17:]] == ["blank"] * 7
    assert any("7 page(s) blanche(s) ajoutée(s)" in w for w in built.warnings), built.warnings


def test_a_build_sets_the_book_again_with_the_services_gutter():
    built = build(LONG, NARROW, BASE)
    assert 150 < built.book.page_count <= 300
    assert built.theme.page.inner == pytest.approx(0.5 * 72)  # KDP, 151 to 300 pages
    notes = [w for w in built.warnings if "marge intérieure" in w]
    assert len(notes) == 2, built.warnings
    assert "portée de 5.0 à 9.5 mm (minimum Amazon KDP Print)" in notes[0]  # as the theme loads
    assert "portée de 9.5 à 12.7 mm (minimum Amazon KDP Print pour " in notes[1]
    # The pages the command line sets: typeset with the theme, then fitted.
    chosen = _settings_theme(NARROW, BASE)
    assert chosen.page.inner == pytest.approx(0.375 * 72)  # as the theme loads
    byline = NARROW.metadata.get("byline")
    theme, book, _notes = apply_service(
        built.document, chosen, typeset(built.document, chosen, byline=byline), byline
    )
    assert theme == built.theme
    assert dump(book, glyphs=True) == dump(built.book, glyphs=True)


@pytest.mark.parametrize("settings", [KDP, NARROW], ids=["padded", "widened"])
def test_the_preview_fits_each_build_as_a_full_build_does(settings):
    builder = IncrementalBuilder()
    text = OPENED.text if settings is KDP else LONG
    first = builder.build(text, settings, BASE)
    assert model(first) == model(build(text, settings, BASE))
    at = text.index("Il était une fois")
    edited = text[:at] + "Zanzibar " + text[at:]
    second = builder.build(edited, settings, BASE)
    assert model(second) == model(build(edited, settings, BASE))
    # The widened theme is kept from one build to the next: the edit is set incrementally,
    # with the widened theme's own memo (sections taken as they were).
    assert second.theme is first.theme
    if settings is NARROW:
        assert second.theme is not second.chosen_theme
        assert builder._fitted.layout.theme is second.theme
        assert builder._fitted.layout.hits > 0
    else:
        assert second.theme is second.chosen_theme
