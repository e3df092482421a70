"""The page strip's labels follow each build: the folios of its pages, after edits
that add or remove pages (only the labels that change are set again)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from tests.gui.test_window import opened, settle


def _labels(w) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.thumbnails.item(i).text() for i in range(w.thumbnails.count())]


def _folios(w) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.tr("couv."), *(page.folio for page in w.build.book.pages)]


def test_thumbnail_labels_are_the_folios_after_pages_come_and_go(qtbot, window) -> None:
    w = opened(qtbot, window)
    assert _labels(w) == _folios(w)
    before = w.build.book.page_count
    text = w.editor.toPlainText()
    w.set_text(
        clean=False,
        text=text + "\n\n# Annexe\n\n" + "\n\n".join(["Un passage de plus. " * 60] * 12),
    )
    settle(qtbot, w)
    assert w.build.book.page_count > before
    assert _labels(w) == _folios(w)
    w.set_text(text, clean=False)
    settle(qtbot, w)
    assert w.build.book.page_count == before
    assert _labels(w) == _folios(w)
