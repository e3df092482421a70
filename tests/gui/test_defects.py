"""Defects found by a first-time user under a real X server, each pinned by a test."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import BOOK_TOML


def settle(qtbot, w, timeout=20000):
    qtbot.waitUntil(
        lambda: (
            w.build is not None
            and not w.worker.running
            and w.worker.pending is None
            and not w.worker.timer.isActive()
        ),
        timeout=timeout,
    )


def opened(qtbot, w, path=BOOK_TOML):
    assert w.open_path(Path(path))
    settle(qtbot, w)
    qtbot.waitUntil(lambda: w.thumbnails_drawn == w.thumb_generation, timeout=10000)
    return w


def test_thumbnails_do_not_overlap_and_a_click_opens_that_page(qtbot, window):
    w = opened(qtbot, window)
    view = w.thumbnails
    rects = [view.visualItemRect(view.item(i)) for i in range(view.count())]
    for a, b in zip(rects, rects[1:], strict=False):
        assert not a.intersects(b), (a, b)
        assert a.width() >= 72
    # Click the middle of the thumbnail labelled « 1 »: the preview shows that page.
    row = next(i for i in range(view.count()) if view.item(i).text() == "1")
    view.scrollToItem(view.item(row))
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentRow() == row
    assert w.preview.canvas.current == row


def test_clicking_in_the_preview_keeps_the_keyboard_there(qtbot, window):
    """A click shows the passage in the editor but Page Down must still turn pages."""
    w = opened(qtbot, window)
    canvas = w.preview.canvas
    index = next(i for i, p in enumerate(canvas.pages) if p.kind == "body" and i > 7)
    page = canvas.pages[index]  # the canvas shows the cover first
    w.preview.show_page(index)
    rect = canvas.page_rect(index)
    body = [ln for ln in page.lines if ln.para in w.pid_line]
    line = body[len(body) // 2]
    y = int(rect.top() + (line.y - 3) * canvas.zoom)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), y))
    assert w.editor.textCursor().blockNumber() + 1 == w.pid_line[line.para]
    assert QApplication.focusWidget() is not w.editor
    before = canvas.current
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    assert canvas.current == before + 1


def test_enter_in_the_preview_goes_to_the_passage_in_the_editor(qtbot, window):
    w = opened(qtbot, window)
    w.preview.setFocus()
    w.preview.show_page(9)
    w.preview.canvas.current = 9
    qtbot.keyClick(w.preview, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is w.editor
