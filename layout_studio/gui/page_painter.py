"""The preview's pages painted into pictures on a thread of their own.

Takes pictures to paint, each a place in the page list, the ``QImage`` to
paint on and the steps that paint it (``render.image_steps``, made on the UI
thread from the page model); gives each picture, once painted, back on the
UI thread through ``painted``. Qt paints on a ``QImage`` in any thread and
PySide lets the GIL go in each drawing call, so a page (5–20 ms on a quiet
machine, 50–300 ms on a loaded one while the layout thread runs) never holds
the UI thread: it only draws the finished pictures. One request at a time:
a newer one stops the older after the picture it is painting, which is still
given back (under fast typing each page takes longer to paint than a build
to come: stopping it mid-way never showed any).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Generator, Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


@dataclass
class Work:
    """A picture to paint: its ``key`` (what it shows) and the steps that paint it."""

    index: int
    key: Hashable
    picture: object  # given back as is once painted
    steps: Generator[None, None, None]
    seconds: float = 0.0  # of the painting thread's CPU, once painted


class _Signals(QObject):
    painted = Signal(object)  # the Work painted


class _Job(QRunnable):
    def __init__(self, works: Sequence[Work]) -> None:
        super().__init__()
        self.works = list(works)
        self.left = [w.key for w in works]  # keys not yet delivered (read on the UI thread)
        self.stop = threading.Event()
        self.signals = _Signals()

    def run(self) -> None:
        for work in self.works:
            if self.stop.is_set():
                return  # the steps not started have no painter to end
            start = time.thread_time()
            for _step in work.steps:
                pass
            work.seconds = time.thread_time() - start
            with contextlib.suppress(RuntimeError):  # the preview closed meanwhile
                self.signals.painted.emit(work)

    def cancel(self) -> None:
        """Stop after the picture being painted."""
        self.stop.set()


class PagePainter(QObject):
    """Paints the pictures of one preview, the newest request only."""

    painted = Signal(object)  # Work, on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pool.setExpiryTimeout(-1)  # its thread keeps its glyph caches (gui.render)
        self._job: _Job | None = None

    def asked(self) -> list[Hashable]:
        """The keys of the pictures asked for and not yet given back."""
        return list(self._job.left) if self._job is not None else []

    def paint(self, works: Sequence[Work]) -> None:
        """Paint ``works`` in order (the pictures asked before and not in them are dropped)."""
        job = self._job
        if job is not None:
            job.cancel()
            self.pool.tryTake(job)  # not started: never runs
        self._job = None
        if not works:
            return
        job = _Job(works)
        job.setAutoDelete(False)
        job.signals.painted.connect(self._deliver)
        self._job = job
        self.pool.start(job)

    def _deliver(self, work: Work) -> None:
        job = self._job
        if job is not None and any(w is work for w in job.works):
            job.left.remove(work.key)
            if not job.left:
                self._job = None
        self.painted.emit(work)  # from an older request too: the owner decides

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the thread is idle (tests and shutdown)."""
        return self.pool.waitForDone(msecs)
