"""While typing goes on, the window leaves the layout worker the processor.

Thumbnails painted on the panels' thread hold the GIL as long as a build of a
350-page book takes: a build shown while a newer state waits for its own
leaves the thumbnails for the last build of the burst (or the pause).
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from tests.gui.test_window import opened


def _drawing_spy(w, monkeypatch) -> list[range]:
    asked: list[range] = []
    original = w._draw_thumbnails

    def spy(generation, indices, start=0, *, complete=False, missing_only=False):
        if not complete:
            asked.append(indices)
        return original(generation, indices, start, complete=complete, missing_only=missing_only)

    monkeypatch.setattr(w, "_draw_thumbnails", spy)
    return asked


def test_a_build_shown_while_a_newer_state_waits_leaves_the_thumbnails(qtbot, window, monkeypatch):
    w = opened(qtbot, window)
    qtbot.waitUntil(lambda: w.thumbnails_drawn == w.thumb_generation, timeout=10000)
    w.thumb_timer.setInterval(600_000)  # typing never pauses from here
    asked = _drawing_spy(w, monkeypatch)
    build = w.build
    assert build is not None
    # A newer state waits (a keystroke came while this build ran): no thumbnails.
    w.worker.pending = (lambda: "", w.settings, None)
    w.on_built(build)
    for _ in range(20):
        qtbot.wait(5)
    assert asked == []
    assert w.thumb_timer.isActive()  # the pause still draws every page
    # The last build of the burst: the thumbnails in view are asked for at once (those
    # with no picture yet; a changed one waits for the pause while typing goes on).
    w.worker.pending = None
    w.on_built(build)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked[0] == w._in_view()


def test_the_worker_says_whether_a_newer_state_waits(qtbot, window):
    w = window
    assert not w.worker.waiting()
    w.worker.pending = (lambda: "", w.settings, None)
    assert w.worker.waiting()
    w.worker.pending = None
