"""Worker processes with a time limit per task, replaced when killed, stopped by Ctrl-C.

Takes a picklable function, tasks (a key and the function's arguments), a
number of workers and a time limit in seconds; gives each task's ``Outcome``
as it ends: the function's result, or why there is none (time limit, the
worker died, interrupted). A worker past its time limit is killed and a
fresh one takes the next task, so a stuck entry never holds up the others.

Ctrl-C is a flag, not an exception (``Interrupt``): the parent checks it
between waits, so it is never lost inside an import or a library's bare
``except``, and the parent always ends the same way. Workers ignore SIGINT
from birth (the terminal sends it to the whole group): the parent alone
decides to stop them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType, TracebackType
from typing import Any, Literal

POLL_SECONDS = 0.1  # how soon a Ctrl-C or a time limit is noticed


class Interrupt:
    """While active, SIGINT sets ``requested`` instead of raising KeyboardInterrupt.

    Only the main thread may set signal handlers: elsewhere this does nothing.
    A process forked while it is active inherits the handler; there it is a
    no-op, so a worker is never disturbed before it ignores SIGINT.
    """

    def __init__(self) -> None:
        self.requested = False
        self._owner = os.getpid()
        self._previous: Any = None
        self._active = False

    def __enter__(self) -> Interrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
            self._active = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._active:
            signal.signal(signal.SIGINT, self._previous)
            self._active = False

    def _handler(self, _signum: int, _frame: FrameType | None) -> None:
        if os.getpid() == self._owner:
            self.requested = True


@dataclass
class Outcome:
    """How one task ended: ``done`` (with the result) or why it has none."""

    key: str
    kind: Literal["done", "timeout", "died", "interrupted"]
    result: Any = None
    detail: str = ""


Task = tuple[str, tuple[Any, ...]]


def _context() -> multiprocessing.context.BaseContext:
    # fork: workers start at once with the parent's imports and are
    # never exposed to SIGINT (they inherit the parent's flag handler).
    # The parent has no other thread, so forking is safe.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _die_with_parent(parent: int) -> None:
    """Linux: a worker stuck on a FIFO must not outlive a parent killed by SIGKILL."""
    if sys.platform != "linux":
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _serve(conn: Connection, function: Callable[..., Any], parent: int) -> None:
    """A worker's life: ignore Ctrl-C, run tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, args = task
        try:
            conn.send((key, "done", function(*args)))
        except Exception as exc:  # the function's own bug: the task fails, not the worker
            conn.send((key, "died", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, context: Any, function: Callable[..., Any]) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(child, function, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.key: str | None = None
        self.deadline = 0.0
        self.seen: set[object] = set()  # the groups of the tasks it ran (its warm caches)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_tasks(
    function: Callable[..., Any],
    tasks: Sequence[Task],
    *,
    workers: int,
    timeout: float,
    interrupt: Interrupt,
    on_end: Callable[[Outcome], None],
    on_tick: Callable[[], None] | None = None,
    group: Callable[[Task], object] | None = None,
) -> None:
    """Run every task once on at most ``workers`` processes; report each end.

    Each task gets ``timeout`` seconds from the moment a worker takes it.
    On ``interrupt``, running workers are killed and every task not done
    ends as ``interrupted``. ``group`` (optional): a worker takes the first
    waiting task of a group it has run before, else of a group no other
    worker has run, else the first waiting task.
    """
    context = _context()
    pending: deque[Task] = deque(tasks)
    idle: list[_Worker] = []
    running: list[_Worker] = []
    try:
        while (pending or running) and not interrupt.requested:
            while pending and (idle or len(running) < workers):
                worker = idle.pop() if idle else _Worker(context, function)
                others = (w.seen for w in (*idle, *running) if w is not worker)
                index = _preferred(pending, worker.seen, group, set().union(*others))
                key, args = pending[index]
                try:
                    worker.conn.send((key, args))
                except OSError:  # died while idle: the task was never taken
                    worker.kill()
                    continue
                if group is not None:
                    worker.seen.add(group(pending[index]))
                del pending[index]
                worker.key, worker.deadline = key, time.monotonic() + timeout
                running.append(worker)
            soonest = min(w.deadline for w in running)
            delay = min(POLL_SECONDS, max(0.0, soonest - time.monotonic()))
            ready = wait([w.conn for w in running] + [w.process.sentinel for w in running], delay)
            for worker in list(running):
                outcome = _check(worker, ready, timeout)
                if outcome is None:
                    continue
                running.remove(worker)
                if outcome.kind == "done":
                    idle.append(worker)
                on_end(outcome)
            if on_tick is not None:
                on_tick()
    finally:
        for worker in running:
            # A task that finished as Ctrl-C came keeps its result.
            finished = _check(worker, [worker.conn] if worker.conn.poll() else [], timeout)
            if finished is not None and finished.kind == "done":
                worker.stop()
                on_end(finished)
                continue
            if finished is None:
                worker.kill()
            on_end(Outcome(str(worker.key), "interrupted"))
        for key, _args in pending:
            on_end(Outcome(key, "interrupted"))
        for worker in idle:
            worker.stop()


def _preferred(
    pending: deque[Task],
    seen: set[object],
    group: Callable[[Task], object] | None,
    claimed: Collection[object] = (),
) -> int:
    """Where the worker's next task is: the first of a group it has run, else ...

    ... of a group no other worker has run (``claimed``: theirs), else the first waiting.

    Two workers starting on one group would each warm its caches (a theme's
    words shaped twice).
    """
    if group is None:
        return 0
    if seen:
        for index, task in enumerate(pending):
            if group(task) in seen:
                return index
    if claimed:
        for index, task in enumerate(pending):
            if group(task) not in claimed:
                return index
    return 0


def _check(worker: _Worker, ready: list[Any], timeout: float) -> Outcome | None:
    """The worker's outcome if its task has ended, else None."""
    key = str(worker.key)
    if worker.conn in ready:
        try:
            _key, kind, value = worker.conn.recv()
        except (EOFError, OSError):
            pass  # died while answering: below
        else:
            if kind == "done":
                return Outcome(key, "done", result=value)
            worker.stop()
            return Outcome(key, "died", detail=str(value))
    if worker.process.sentinel in ready or not worker.process.is_alive():
        worker.kill()
        return Outcome(key, "died", detail=f"code {worker.process.exitcode}")
    if time.monotonic() >= worker.deadline:
        worker.kill()
        return Outcome(key, "timeout", detail=f"{timeout:g} s")
    return None
