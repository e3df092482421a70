"""The preview's pages are painted off the UI thread, the newest request only.

A page first shown is blank until painted, no page is painted on the UI
thread, and a newer request stops the older after the picture being painted.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication

from layout_studio.gui import preview as preview_module
from layout_studio.gui.page_painter import PagePainter, Work
from layout_studio.gui.preview import PreviewArea
from layout_studio.session import Build, build, open_file
from tests.conftest import BOOK_TOML


@pytest.fixture(scope="module")
def story() -> Build:
    opened = open_file(BOOK_TOML)
    return build(opened.text, opened.settings, Path(BOOK_TOML).parent)


def test_no_page_is_painted_on_the_ui_thread(qtbot, story, monkeypatch) -> None:
    threads: set[threading.Thread] = set()
    real = preview_module.image_steps

    def recording(*args):  # type: ignore[no-untyped-def]
        for _step in real(*args):
            threads.add(threading.current_thread())
            yield

    monkeypatch.setattr(preview_module, "image_steps", recording)
    area = PreviewArea()
    qtbot.addWidget(area)
    area.resize(500, 700)
    area.show()
    pages = [story.cover_page, *story.book.pages]
    area.show_pages(pages, story.theme.page)
    area.show_page(5)
    area.canvas.repaint()
    assert 5 not in area.canvas.pictures  # blank until painted
    assert not area.canvas.up_to_date()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    area.set_zoom(area.canvas.zoom * 1.5)  # a new zoom: painted again, off the UI thread too
    QApplication.processEvents()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    assert threads and threading.main_thread() not in threads


def test_a_newer_request_stops_the_older_one_after_the_picture_it_paints(qtbot) -> None:
    painter = PagePainter()
    started, release = threading.Event(), threading.Event()
    steps_done: list[str] = []

    def steps(name: str, hold: bool = False):  # type: ignore[no-untyped-def]
        for i in range(50):
            if hold and i == 1:
                started.set()
                release.wait(10)
            steps_done.append(name)
            yield

    got: list[object] = []
    painter.painted.connect(lambda work: got.append(work.picture))
    older = [Work(1, "old", "old", steps("old", hold=True)), Work(2, "old2", "old2", steps("old2"))]
    painter.paint(older)
    assert started.wait(10)
    assert painter.asked() == ["old", "old2"]
    painter.paint([Work(1, "new", "new", steps("new")), Work(2, "b", "b", steps("b"))])
    assert painter.asked() == ["new", "b"]
    release.set()
    qtbot.waitUntil(lambda: len(got) == 3, timeout=10000)
    painter.wait()
    QApplication.processEvents()
    # The picture being painted is finished and given back (newer than the one shown),
    # the next one of the older request is never painted.
    assert got == ["old", "new", "b"]
    assert "old2" not in steps_done
    assert painter.asked() == []
