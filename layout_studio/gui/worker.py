"""Background typesetting for the live preview.

Takes the editor's text and the book's settings; gives ``Build`` results
(``layout_studio.session``) through a Qt signal, computed on a worker
thread by one ``IncrementalBuilder``, so that after an edit only what it
can change is typeset again. Requests are throttled, not debounced: the
first change after a quiet spell starts a build at once (on the next turn of
the event loop, once the keystroke is handled); later ones wait out what is
left of ``DEBOUNCE_MS`` since that start, however fast the typing goes on,
and only the newest state is built. While a build runs, newer requests wait
and older ones are dropped, so typing never queues work and the UI thread
never waits for the engine; a finished build is always shown (it is newer
than the page on screen) before the next one starts, so under fast typing
the preview follows every build instead of waiting for a pause.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from layout_studio.errors import InputError
from layout_studio.gui.ui_first import install as install_ui_first
from layout_studio.gui.ui_first import urgent
from layout_studio.layout.gc_pause import paused_gc
from layout_studio.session import BookSettings, Build, IncrementalBuilder

DEBOUNCE_MS = 60  # the shortest time between the starts of two builds
SETTLE_MS = 2000  # no build for this long: collect the garbage the frozen builds left
FULL_COLLECTIONS_HELD = 1 << 30  # middle-generation passes before an automatic full one


def settle_memory(*, full: bool = False) -> int:
    """Collect what was made since the last call, freeze the survivors; gives the count freed.

    A full collection scans every tracked object (fonts, caches, the page
    model: millions on a long book) and holds the GIL all along, stalling the
    UI (0.7–1.4 s on the 351-page book). So no collection runs during a build
    (a build makes no cyclic garbage: its objects go by reference counting),
    the survivors of each build and each pause are frozen (``gc.freeze``: no
    collection looks at them again), and each pause collects every
    generation, which holds only what was made since the last freeze (a few
    milliseconds at most). ``full`` (once, when a book opens) unfreezes and
    scans everything first.
    """
    if full:
        gc.unfreeze()
    freed = gc.collect()
    gc.freeze()
    return freed


def hold_full_collections() -> None:
    """No automatic full collection in the app: they come at pauses (``settle_memory``).

    Python starts one on whatever thread allocates once enough objects have
    aged; between two freezes one took 70–300 ms of a keystroke's repaint
    (``benchmarks/gui_latency.py``). The young generations are still
    collected as they fill: those passes look at recent objects only.
    """
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTIONS_HELD)


class _Signals(QObject):
    done = Signal(int, object, float)  # generation, Build | str (error), seconds


class _Job(QRunnable):
    def __init__(
        self,
        builder: IncrementalBuilder,
        generation: int,
        text: str,
        settings: BookSettings,
        base: Path | None,
    ):
        super().__init__()
        self.builder = builder
        self.generation, self.text, self.settings, self.base = generation, text, settings, base
        self.signals = _Signals()

    def run(self) -> None:
        start = time.perf_counter()
        # See settle_memory. One count with the typesetter's own pause (an export's, on
        # another thread): two counts turned collection on under a build.
        with paused_gc():
            try:
                result: Build | str = self.builder.build(self.text, self.settings, self.base)
                gc.freeze()  # the new page model stays out of full collections
            except InputError as exc:
                result = str(exc)
            except Exception as exc:  # the preview must survive any bad state of the text
                result = QCoreApplication.translate(
                    "Preview", "erreur interne de composition : {error}"
                ).format(error=repr(exc))
        with contextlib.suppress(RuntimeError):  # the window closed while this build ran
            self.signals.done.emit(self.generation, result, time.perf_counter() - start)


class _Call(QRunnable):
    """Any engine call on the layout thread (theme thumbnails)."""

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        start = time.perf_counter()
        try:
            result = self.fn()
        except Exception as exc:  # reported to the caller, never raised in the pool
            result = exc
        with contextlib.suppress(RuntimeError):
            self.signals.done.emit(0, result, time.perf_counter() - start)


class LayoutWorker(QObject):
    """Throttled, single-flight typesetting off the UI thread."""

    built = Signal(object)  # Build
    failed = Signal(str)
    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # the engine's caches are not shared across threads
        install_ui_first()  # the builds wait at their checkpoints while the UI is busy
        # Keeps each build's work for the next: an edit redoes only what it can change.
        self.builder = IncrementalBuilder()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._start)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._settle)
        self.generation = 0
        self.started_at = -float(DEBOUNCE_MS)  # monotonic ms of the last build's start
        self.running = False
        # The text, or how to get it when the build starts (copied once per build, not
        # per keystroke).
        self.pending: tuple[str | Callable[[], str], BookSettings, Path | None] | None = None
        self.last_seconds = 0.0
        self.built_text = ""  # the text of the last build shown
        self._jobs: dict[int, QRunnable] = {}

    def request(
        self,
        text: str | Callable[[], str],
        settings: BookSettings,
        base: Path | None,
        *,
        now: bool = False,
    ) -> None:
        """Ask for a build of this state (within ``DEBOUNCE_MS`` unless ``now``)."""
        self.pending = (text, settings, base)
        if now:
            self.timer.stop()
            self._start()
        elif not self.timer.isActive():  # a throttle: later keystrokes do not push it back
            # A leading edge: after a quiet spell the wait is 0 (the keystroke's own
            # handling runs first); within the interval, only what is left of it.
            since = time.monotonic() * 1000 - self.started_at
            self.timer.start(max(0, min(DEBOUNCE_MS, round(DEBOUNCE_MS - since))))

    def waiting(self) -> bool:
        """Whether a newer state waits for its build (typing goes on)."""
        return self.pending is not None

    @urgent
    def _start(self) -> None:
        if self.running or self.pending is None:
            return
        text, settings, base = self.pending
        self.pending = None
        if callable(text):
            text = text()
        self.started_at = time.monotonic() * 1000
        self.generation += 1
        job = _Job(self.builder, self.generation, text, settings, base)
        job.setAutoDelete(False)
        job.signals.done.connect(self._done)
        self._jobs[self.generation] = job
        self.running = True
        self.busy.emit(True)
        self.pool.start(job)

    @urgent
    def _done(self, generation: int, result: object, seconds: float) -> None:
        job = self._jobs.pop(generation, None)
        if isinstance(job, _Job):
            self.built_text = job.text
        self.running = False
        self.last_seconds = seconds
        if self.pending is None:
            self.busy.emit(False)
        # Shown even when a newer state waits: dropping it starved the preview under typing.
        if isinstance(result, Build):
            self.built.emit(result)
        else:
            self.failed.emit(str(result))
        if self.pending is not None and not self.timer.isActive():
            self._start()
        self.settle_timer.start()

    def _settle(self) -> None:
        if self.running or self.pending is not None:
            self.settle_timer.start()
        else:
            settle_memory()

    def call(self, fn: Callable[[], object], done: Callable[[object], None]) -> None:
        """Run ``fn`` on the layout thread after the current build; ``done(result)`` on the UI."""
        job = _Call(fn)
        job.setAutoDelete(False)
        key = -len(self._jobs) - 1
        self._jobs[key] = job

        def finish(_g: int, result: object, _s: float) -> None:
            self._jobs.pop(key, None)
            done(result)

        job.signals.done.connect(finish)
        self.pool.start(job)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (tests and shutdown)."""
        return self.pool.waitForDone(msecs)
