"""The panels' heavy reading of a build or a text, off the UI thread.

Takes a function of plain data (a ``Build``, the text; no Qt) and a callback;
gives the function's result to the callback on the UI thread. The functions
run on one thread of their own, beside the layout worker's, so that the
outline of a long book or its contributors' lists (100–400 ms on a 350-page
book under load) never freeze the window, never wait for a build and never
hold one back. Under one name, the newest request wins: an older one not yet
started is dropped, and the result of one superseded while it ran is never
delivered (a panel never goes back to an older state).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

_POOL: list[QThreadPool] = []


def _pool() -> QThreadPool:
    """The panels' thread (one for the whole application)."""
    if not _POOL:
        pool = QThreadPool(QCoreApplication.instance())
        pool.setMaxThreadCount(1)  # in order, and one Python thread more at the most
        _POOL.append(pool)
    return _POOL[0]


class _Signals(QObject):
    done = Signal(int, object, object)  # ticket, result, exception


class _Task(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], object]) -> None:
        super().__init__()
        self.ticket, self.fn = ticket, fn
        self.signals = _Signals()

    def run(self) -> None:
        result: object = None
        error: BaseException | None = None
        try:
            result = self.fn()
        except Exception as exc:  # raised again on the UI thread, where it is reported
            error = exc
        with contextlib.suppress(RuntimeError):  # the owner closed meanwhile
            self.signals.done.emit(self.ticket, result, error)


class OffThread(QObject):
    """Named requests of one owner (a panel); each name delivers its newest result only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._latest: dict[str, int] = {}  # name: newest ticket
        self._tasks: dict[int, tuple[str, _Task, Callable[[Any], None]]] = {}

    def run(self, name: str, fn: Callable[[], object], done: Callable[[Any], None]) -> None:
        """``fn()`` on the panels' thread, then ``done(result)`` here (unless superseded)."""
        previous = self._latest.get(name)
        if previous is not None and previous in self._tasks:
            _name, task, _done = self._tasks[previous]
            if _pool().tryTake(task):  # not started: never run
                del self._tasks[previous]
        self._count += 1
        ticket = self._count
        self._latest[name] = ticket
        task = _Task(ticket, fn)
        task.setAutoDelete(False)
        task.signals.done.connect(self._finish)
        self._tasks[ticket] = (name, task, done)
        _pool().start(task)

    def pending(self, name: str) -> bool:
        """Whether a request under ``name`` has not delivered yet."""
        return self._latest.get(name) in self._tasks

    def _finish(self, ticket: int, result: object, error: object) -> None:
        name, _task, done = self._tasks.pop(ticket)
        if self._latest.get(name) != ticket:
            return  # a newer request follows: its result is the one to show
        if isinstance(error, BaseException):
            raise error
        done(result)


def wait_idle(msecs: int = 30000) -> bool:
    """Block until the panels' thread is idle (tests and shutdown)."""
    return _pool().waitForDone(msecs)
