"""The interface thread first: background engine work waits while the UI handles a burst.

Takes nothing at import; gives ``install()`` (the layout worker calls it),
the ``urgent`` decorator for the UI thread's heavy slots (painting, a
build's arrival, a keystroke's handling) and ``UI_FIRST``, the shared
state. Python runs one thread at a time: during a build the UI thread got
the interpreter back only between the layout thread's slices, so a 20 ms
repaint took 60–85 ms. Now, while an urgent slot runs, the engine's threads
wait at their next ``checkpoint()`` (a paragraph, a page); they go on when
it returns. A thread never waits longer than ``HOLD_S`` for one slot, so a
UI thread that blocks on the engine (closing, tests) delays it that much
at most. Qt has no dependable "the UI is busy" signal: the dispatcher's
``aboutToBlock`` came a few hundred times in a minute of typing.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from layout_studio import checkpoint

HOLD_S = 0.05  # the longest a background thread waits for one urgent slot

P = ParamSpec("P")
R = TypeVar("R")


class UiFirst:
    """Whether the UI thread is in an urgent slot, and the gate that holds other threads then."""

    def __init__(self) -> None:
        self._free = threading.Event()
        self._free.set()
        self._depth = 0  # urgent slots running on the UI thread (one may call another)
        self._since = 0.0  # monotonic start of the outermost one
        self._main = threading.main_thread().ident

    def enter(self) -> None:
        """An urgent slot starts on the UI thread: hold the engine at its checkpoints."""
        self._depth += 1
        if self._depth == 1:
            self._since = time.monotonic()
            self._free.clear()

    def leave(self) -> None:
        """It ends: let them go once no urgent slot runs."""
        self._depth -= 1
        if self._depth == 0:
            self._free.set()

    def gate(self) -> None:
        """At a checkpoint: wait while the UI is busy, at most ``HOLD_S`` after its slot began."""
        if self._free.is_set() or threading.get_ident() == self._main:
            return
        left = self._since + HOLD_S - time.monotonic()
        if left > 0:
            self._free.wait(left)


UI_FIRST = UiFirst()


def install() -> None:
    """Put the gate at the engine's checkpoints (the layout worker calls it; once is enough)."""
    checkpoint.install(UI_FIRST.gate)


def urgent(method: Callable[P, R]) -> Callable[P, R]:
    """Hold the engine's threads at their checkpoints while ``method`` runs on the UI thread."""

    @functools.wraps(method)
    def marked(*args: P.args, **kwargs: P.kwargs) -> R:
        if threading.get_ident() != UI_FIRST._main:  # drawn off the UI thread: not urgent
            return method(*args, **kwargs)
        UI_FIRST.enter()
        try:
            return method(*args, **kwargs)
        finally:
            UI_FIRST.leave()

    return marked
