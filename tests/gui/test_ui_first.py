"""The UI thread first: engine threads wait at their checkpoints while an urgent slot runs.

A thread that typesets passes ``checkpoint()`` between paragraphs and
pages; while the UI thread runs a slot marked ``urgent`` (a paint, a
build's arrival), it waits there, at most ``HOLD_S``, and never on the UI
thread itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from layout_studio import checkpoint
from layout_studio.gui import ui_first
from layout_studio.gui.ui_first import UI_FIRST, urgent


@pytest.fixture
def gate_installed() -> Iterator[None]:
    previous = checkpoint.install(UI_FIRST.gate)
    try:
        yield
    finally:
        checkpoint.install(previous)


def _spin(seconds: float) -> None:
    """Python work on this thread (it holds the interpreter lock but for switches)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def _passes_during(slot: Callable[[], tuple[float, float]]) -> tuple[list[float], float, float]:
    """Times a background thread passed its checkpoints, and the slot's start and end."""
    passed: list[float] = []
    started, stop = threading.Event(), threading.Event()

    def engine() -> None:
        started.set()
        while not stop.is_set():
            _spin(0.0002)  # a paragraph's worth of work
            checkpoint.checkpoint()
            passed.append(time.perf_counter())

    thread = threading.Thread(target=engine)
    thread.start()
    started.wait(5)
    _spin(0.01)
    begin, end = slot()
    stop.set()
    thread.join(5)
    return passed, begin, end


def _inside(passed: list[float], begin: float, end: float) -> int:
    return sum(1 for t in passed if begin < t < end)


def test_an_engine_thread_waits_at_its_checkpoint_while_an_urgent_slot_runs(
    gate_installed: None,
) -> None:
    @urgent
    def paint() -> tuple[float, float]:
        begin = time.perf_counter()
        _spin(0.03)
        return begin, time.perf_counter()

    passed, begin, end = _passes_during(paint)
    # The one it was on when the slot began, at the most.
    assert _inside(passed, begin, end) <= 1
    assert any(t > end for t in passed)  # and it went on after


def test_without_the_gate_it_runs_through_the_slot() -> None:
    # The control: the same slot, no gate, the engine's thread keeps passing checkpoints.
    previous = checkpoint.install(None)
    try:

        @urgent
        def paint() -> tuple[float, float]:
            begin = time.perf_counter()
            _spin(0.2)  # long enough for the other thread to be given the lock under load
            return begin, time.perf_counter()

        passed, begin, end = _passes_during(paint)
    finally:
        checkpoint.install(previous)
    assert _inside(passed, begin, end) > 3


def test_an_urgent_slot_that_blocks_holds_the_engine_hold_s_at_most(
    gate_installed: None,
) -> None:
    @urgent
    def wait_for_engine() -> tuple[float, float]:  # as closing the window waits for a build
        begin = time.perf_counter()
        time.sleep(ui_first.HOLD_S * 4)
        return begin, time.perf_counter()

    passed, begin, end = _passes_during(wait_for_engine)
    assert _inside(passed, begin + ui_first.HOLD_S * 2, end) > 3


def test_the_ui_thread_never_waits_at_a_checkpoint(gate_installed: None) -> None:
    @urgent
    def typeset_here() -> float:  # an export or a test typesetting on the UI thread
        start = time.perf_counter()
        for _ in range(1000):
            checkpoint.checkpoint()
        return time.perf_counter() - start

    assert typeset_here() < ui_first.HOLD_S


def test_nested_urgent_slots_hold_the_engine_until_the_outer_one_returns(
    gate_installed: None,
) -> None:
    @urgent
    def inner() -> None:
        _spin(0.005)

    @urgent
    def outer() -> tuple[float, float]:
        begin = time.perf_counter()
        inner()
        _spin(0.02)  # after the inner slot returned
        return begin, time.perf_counter()

    passed, begin, end = _passes_during(outer)
    assert _inside(passed, begin, end) <= 1
