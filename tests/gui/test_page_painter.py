"""The preview's pages are painted off the UI thread, the newest request only.

A paint holds the UI thread one slice at most: a page quick to paint is
painted in it, a longer one over the next paints, one slower than the
budget (and the next ones) on the preview's thread, and a newer request
stops the older after the picture being painted.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication

from layout_studio.gui import preview as preview_module
from layout_studio.gui.page_painter import PagePainter, Work
from layout_studio.gui.preview_area import PreviewArea
from layout_studio.session import Build, build, open_file
from tests.conftest import BOOK_TOML


@pytest.fixture(scope="module")
def story() -> Build:
    opened = open_file(BOOK_TOML)
    return build(opened.text, opened.settings, Path(BOOK_TOML).parent)


class _Clock:
    """A fake clock that each step of painting a page moves on by a millisecond."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def wrap(self, real, threads):  # type: ignore[no-untyped-def]
        def steps(*args):  # type: ignore[no-untyped-def]
            for _step in real(*args):
                self.now += 0.001
                threads.append(threading.current_thread())
                yield

        return steps


def _area(qtbot) -> PreviewArea:  # type: ignore[no-untyped-def]
    area = PreviewArea()
    qtbot.addWidget(area)
    area.resize(500, 700)
    area.show()
    return area


def test_a_paint_holds_the_ui_thread_one_budget_then_leaves_the_page_to_its_thread(
    qtbot, story, monkeypatch
) -> None:
    clock, threads = _Clock(), []
    monkeypatch.setattr(
        preview_module, "image_steps", clock.wrap(preview_module.image_steps, threads)
    )
    monkeypatch.setattr(preview_module, "PAINT_BUDGET_MS", 12.0)  # a page takes more steps
    monkeypatch.setattr(preview_module, "PAINT_SLICE_MS", 5.0)
    area = _area(qtbot)
    area.canvas.clock = clock
    delivered: list[object] = []
    area.canvas.painter_.painted.connect(delivered.append)
    pages = [story.cover_page, *story.book.pages]
    area.show_pages(pages, story.theme.page)
    area.show_page(5)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: bool(area.canvas.painter_.asked()) or bool(delivered), timeout=10000)
    here = threads.count(threading.main_thread())
    # Slices until the budget is spent, each one step more at most.
    assert 0 < here <= preview_module.PAINT_BUDGET_MS + preview_module.PAINT_SLICE_MS + 3
    assert len(pages[5].items) > here  # so it was cut short
    assert delivered or 5 not in area.canvas.pictures  # blank until painted on the thread
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    assert delivered  # painted on the preview's thread
    assert threads.count(threading.main_thread()) == here
    assert any(t is not threading.main_thread() for t in threads)


def test_a_page_longer_than_a_slice_is_painted_over_turns_of_the_event_loop(
    qtbot, story, monkeypatch
) -> None:
    """Each paint holds the UI thread one slice; the page goes on where it stopped."""
    clock, threads = _Clock(), []
    steps_of: dict[int, int] = {}  # id of a page: its steps painted
    real = clock.wrap(preview_module.image_steps, threads)

    def counting(image, page, *rest):  # type: ignore[no-untyped-def]
        for _step in real(image, page, *rest):
            steps_of[id(page)] = steps_of.get(id(page), 0) + 1
            yield

    monkeypatch.setattr(preview_module, "image_steps", counting)
    monkeypatch.setattr(preview_module, "PAINT_SLICE_MS", 5.0)
    monkeypatch.setattr(preview_module, "PAINT_BUDGET_MS", 10_000.0)
    area = _area(qtbot)
    area.canvas.clock = clock
    pages = [story.cover_page, *story.book.pages]
    area.show_pages(pages, story.theme.page)
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)  # shown, fitted to the page
    threads.clear()
    steps_of.clear()
    area.show_page(9)
    area.canvas.repaint()
    first = threads.count(threading.main_thread())
    assert 0 < first <= preview_module.PAINT_SLICE_MS + 1  # one slice, one step more
    assert 9 not in area.canvas.pictures  # not shown half-painted
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    assert all(t is threading.main_thread() for t in threads)  # not left to the thread
    assert area.canvas.painter_.asked() == []
    # Each step of a page in view once: a slice goes on from where the last stopped.
    in_view = [s.page for s in area.canvas.slots_in(area.canvas._view())]
    assert len(in_view) >= 1
    assert [steps_of.get(id(page), 0) for page in in_view] == [len(page.items) for page in in_view]


def test_a_page_quick_to_paint_is_painted_in_the_paint_that_shows_it(qtbot, story) -> None:
    area = _area(qtbot)
    area.canvas.clock = lambda: 0.0  # no time passes: each page fits in the budget
    area.show_pages([story.cover_page, *story.book.pages], story.theme.page)
    area.show_page(5)
    QApplication.processEvents()
    area.canvas.repaint()
    assert area.canvas.up_to_date()
    assert area.canvas.painter_.asked() == []


def test_a_page_slower_than_the_budget_sends_the_next_ones_to_the_thread(
    qtbot, story, monkeypatch
) -> None:
    monkeypatch.setattr(preview_module, "PAINT_BUDGET_MS", -1.0)  # every page too slow
    threads: list[threading.Thread] = []
    real = preview_module.image_steps

    def recording(*args):  # type: ignore[no-untyped-def]
        for _step in real(*args):
            threads.append(threading.current_thread())
            yield

    monkeypatch.setattr(preview_module, "image_steps", recording)
    area = _area(qtbot)
    pages = [story.cover_page, *story.book.pages]
    area.show_pages(pages, story.theme.page)
    area.show_page(5)
    QApplication.processEvents()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    here = threads.count(threading.main_thread())
    assert here <= 1  # the first step of the first page, then no more on the UI thread
    area.set_zoom(area.canvas.zoom * 1.5)  # painted again
    QApplication.processEvents()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    assert threads.count(threading.main_thread()) == here
    assert any(t is not threading.main_thread() for t in threads)


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
