"""Preview latency of the desktop app while typing: keystroke → repainted page.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py
           [--book story|big] [--keys N] [--rate 9] [--spelling on|off] [--code DIR]
           [--busy N] [--profile FILE] [--at first-word|middle]
Opens the bundled story (``--book big``: the story's body 50 times, about
350 pages, as ``benchmarks/layout.py`` makes it), then types ``--keys``
characters into a paragraph at ``--rate`` keystrokes per second, as a user
would, without waiting for the preview: after its first word (the passage's
first words in the index change at each key), or ``--at middle``. For each keystroke it measures the
time until the preview has repainted a page model that includes it
(throttling + typesetting on the worker + the window's update + painting);
and, all along, the longest stall of the UI thread (a 5 ms timer measures
the event loop's gaps), and the time each keystroke takes on the UI thread
itself (the edit and the highlighting it causes). ``--spelling on`` (the
default, as the app starts) waits for the French word list and checks as
one types; ``off`` types with the spell-checker switched off; the user's
saved preference is left alone. ``--code DIR`` runs another checkout's app
(before/after). ``--busy N`` keeps N other processes spinning on the CPU
during the run (the "both cores busy" figure: ``--busy 2`` on two cores),
killed at the end. The UI thread's slices are also attributed: the longest
run of each of the window's slots (built, panels, painting, thumbnails,
keystroke handling) is reported, and the CPU time of the UI thread and of
the whole process from the first keystroke to the last served (less
sensitive to the load); ``--profile FILE`` writes a cProfile of the UI
thread while typing (``python -m pstats FILE``). Between keystrokes the UI
thread sleeps in the event loop, as the app's does. Prints JSON, with the
load average before and after.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def big_text(text: str, times: int = 50, *, ending: bool = True) -> str:
    """The story's body repeated ``times`` times, one chapter each (about 350 pages).

    The story's last section follows, once (``ending``): it defines the notes the
    chapters call.
    """
    lines = text.split("\n")
    start = lines.index("# L’histoire")
    end = lines.index("# Comment cette histoire a été écrite")
    body = lines[start + 1 : end]
    chapters = [[f"# Chapitre {i + 1}", *body] for i in range(times)]
    last = lines[end:] if ending else []
    return "\n".join(lines[:start] + [line for ch in chapters for line in ch] + last)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--book", choices=("story", "big"), default="story")
    parser.add_argument("--keys", type=int, default=27)
    parser.add_argument("--rate", type=float, default=9.0, help="keystrokes per second")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--spelling", choices=("on", "off"), default="on")
    parser.add_argument(
        "--paragraph",
        default="Paris",
        help="type in the paragraph starting with this ('longest': the longest one)",
    )
    parser.add_argument(
        "--at",
        choices=("first-word", "middle"),
        default="first-word",
        help="after the paragraph's first word (its index entry changes at each key) "
        "or after the word in its middle (as most typing is)",
    )
    parser.add_argument("--busy", type=int, default=0, help="processes spinning on the CPU")
    parser.add_argument("--profile", type=Path, help="cProfile of the UI thread while typing")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    spinners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)
    ]
    try:
        run(args)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def load_average() -> list[float]:
    """The 1, 5 and 15 minutes load averages."""
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


# What runs on the UI thread after a build or a keystroke, as module:Class.method (those
# absent from a checkout are skipped): the longest run of each is reported.
SLICES = (
    "window:MainWindow.on_built",
    "window:MainWindow.on_text_changed",
    "window:MainWindow.on_cursor_moved",
    "window:MainWindow._draw_thumbnails",
    "structure_panel:StructurePanel.refresh",
    "structure_panel:StructurePanel.show_outline",
    "contributors:ContributorsPanel.update_from",
    "typography_panel:TypographyPanel.update_from",
    "cover_panel:CoverPanel.show_build",
    "editor:SourceEditor.set_corrections",
    "preview:PageCanvas.paintEvent",
    "preview:PageCanvas._render_slice",
    "editor:SourceEditor.paintEvent",
    "editor:SourceHighlighter.highlightBlock",
    "worker:LayoutWorker._done",
    "worker:LayoutWorker._start",
)


# Start, end, name and UI-thread CPU ms of each traced run: a run whose CPU is well below
# its wall time waited for the interpreter lock (another thread held it).
SLICE_RUNS: list[tuple[float, float, str, float]] = []


def trace_slices() -> dict[str, list[float]]:
    """Wrap each of ``SLICES`` (before the window exists) to time its runs, in ms."""
    import importlib

    times: dict[str, list[float]] = {}
    for spec in SLICES:
        module_name, dotted = spec.split(":")
        class_name, name = dotted.split(".")
        try:
            module = importlib.import_module(f"layout_studio.gui.{module_name}")
        except ImportError:
            continue
        cls = getattr(module, class_name, None)
        method = getattr(cls, name, None)
        if method is None:
            continue
        label = f"{class_name}.{name}"
        runs = times.setdefault(label, [])

        def timed(
            *a: object, _m: object = method, _r: list[float] = runs, _n: str = label, **k: object
        ) -> object:
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return _m(*a, **k)  # type: ignore[operator]
            finally:
                end = time.perf_counter()
                _r.append((end - start) * 1000)
                SLICE_RUNS.append((start, end, _n, (time.thread_time() - cpu) * 1000))

        setattr(cls, name, timed)
    return times


def longest_gaps(gaps: list[float], ends: list[float], count: int = 4) -> list[str]:
    """The longest gaps of the UI thread, each with the traced runs inside it (ms)."""
    found = []
    for i in sorted(range(len(gaps)), key=gaps.__getitem__, reverse=True)[:count]:
        end = ends[i]
        start = end - gaps[i] / 1000
        inside = [
            f"{name} {(b - a) * 1000:.0f} (CPU {cpu:.0f})"
            for a, b, name, cpu in SLICE_RUNS
            if a < end and b > start and not name.endswith("on_built")
        ]
        built = [
            f"{(b - a) * 1000:.0f}"
            for a, b, n, _cpu in SLICE_RUNS
            if n.endswith("on_built") and a < end and b > start
        ]
        found.append(f"{gaps[i]:.0f}: on_built {'+'.join(built) or '-'}; {', '.join(inside)}")
    return found


def run(args: argparse.Namespace) -> None:
    load_before = load_average()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QTextCursor

    from layout_studio.gui.app import make_app
    from layout_studio.gui.window import MainWindow

    app = make_app()
    slices = trace_slices()
    # Which text each build typeset: generation → text, recorded as the worker starts it
    # (older checkouts, whose worker does not say). On the class, before the window
    # exists: the worker's timer calls the method it was connected to.
    from layout_studio.gui.worker import LayoutWorker

    built_text: dict[int, str] = {}
    original_start = LayoutWorker._start

    def recording_start(self: LayoutWorker) -> None:
        if not self.running and self.pending is not None and isinstance(self.pending[0], str):
            built_text[self.generation + 1] = self.pending[0]
        original_start(self)

    LayoutWorker._start = recording_start  # type: ignore[method-assign]
    window = MainWindow(ask_recovery=False)
    window.resize(1400, 900)
    window.show()
    folder = Path(tempfile.mkdtemp(prefix="ls-gui-bench-"))
    shutil.copytree(ROOT / "examples" / "cmad", folder / "cmad")
    if args.book == "big":  # opened as a book, as a user would (the app settles memory then)
        story = folder / "cmad" / "story.md"
        story.write_text(big_text(story.read_text(encoding="utf-8")), encoding="utf-8")
    window.open_path(folder / "cmad" / "book.toml")
    worker = window.worker

    def idle() -> bool:
        return (
            window.build is not None
            and not worker.running
            and worker.pending is None
            and not worker.timer.isActive()
            and not getattr(window, "reading_builds", lambda: False)()  # off-thread readings
        )

    def settle() -> None:
        while not idle() or window.gallery_pending:
            app.processEvents()

    settle()
    pages = window.build.book.page_count if window.build else 0
    spelling = getattr(window, "spelling", None)  # absent from older checkouts
    if spelling is not None:
        spelling.action.blockSignals(True)  # not saved as the user's preference
        spelling.action.setChecked(args.spelling == "on")
        spelling.action.blockSignals(False)
        if args.spelling == "on":
            spelling.load()
            if spelling.speller is not None:
                window.editor.set_speller(spelling.speller)
            while window.editor.highlighter.speller is None:
                app.processEvents()
        else:
            window.editor.set_speller(None)
        settle()

    # Keystroke time, length of the editor's text after it: typing only adds, so the
    # length tells the keystroke (copying the text after each key took 7 ms of the UI
    # thread on the 350-page book).
    typed: list[tuple[float, int]] = []
    handling: list[float] = []  # ms the keystroke itself holds the UI thread
    served: dict[int, float] = {}
    repaints: list[float] = []

    canvas = window.preview.canvas
    # A preview that paints a changed page in slices (its old picture shown meanwhile)
    # serves a build when the page in view is painted as it is now, not at the first paint.
    progressive = hasattr(canvas, "up_to_date")
    awaiting: list[str | None] = [None]  # the text shown, its page not yet painted again

    def served_by(text: str | None) -> None:
        now = time.perf_counter()
        repaints.append(now)
        size = -1 if text is None else len(text)
        last = max((i for i, (_t, n) in enumerate(typed) if n == size), default=-1)
        for i in range(last + 1):
            served.setdefault(i, now - typed[i][0])

    def on_built(_build: object) -> None:  # connected after the window's own slot
        text = getattr(worker, "built_text", None) or built_text.get(worker.generation)
        if not progressive:  # an older preview: painted here, in full
            canvas.repaint()
        # Else painted when the app's own update comes, on a later turn of the event loop:
        # forcing it here made the build's arrival and the paint one longer stall than
        # the app's.
        if progressive and not canvas.up_to_date():
            awaiting[0] = text
        else:
            awaiting[0] = None
            served_by(text)

    def on_painted() -> None:
        if awaiting[0] is not None:
            text, awaiting[0] = awaiting[0], None
            served_by(text)

    worker.built.connect(on_built)
    if progressive:
        canvas.painted.connect(on_painted)
    gaps: list[float] = []
    gap_ends: list[float] = []
    last_tick = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last_tick[0]) * 1000)
        gap_ends.append(now)
        last_tick[0] = now

    collections: list[float] = []  # garbage collections (any thread): they hold the GIL
    gc_start = [0.0]

    def gc_watch(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.perf_counter()
        else:
            collections.append((time.perf_counter() - gc_start[0]) * 1000)

    gc.callbacks.append(gc_watch)
    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(5)
    doc = window.editor.document()
    texts = [doc.findBlockByNumber(i).text() for i in range(doc.blockCount())]
    if args.paragraph == "longest":
        block = max(range(len(texts)), key=lambda i: len(texts[i]))
    else:
        block = next(i for i, t in enumerate(texts) if t.startswith(args.paragraph))
    assert doc.characterCount() - 1 == len(window.editor.toPlainText())
    cursor = QTextCursor(doc.findBlockByNumber(block))
    if args.at == "middle":
        cursor.setPosition(cursor.position() + len(texts[block]) // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
    window.editor.setTextCursor(cursor)
    # The view follows the cursor to its page before the user types: placing the cursor
    # (and this benchmark's own reading of the text above) is not a stall while typing.
    settle()
    if progressive:
        while not canvas.up_to_date():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    for runs in slices.values():
        runs.clear()  # opening the book is not typing
    SLICE_RUNS.clear()
    gaps.clear()
    gap_ends.clear()
    last_tick[0] = time.perf_counter()
    profiler = None
    if args.profile:
        import cProfile

        # This thread only (the UI's), its CPU time: waits for the CPU or the GIL left out.
        profiler = cProfile.Profile(time.thread_time)
        profiler.enable()

    def wait() -> None:
        # As the app's event loop does: asleep until an event (the 5 ms ticker at the
        # latest). A loop of processEvents() spun a core and took the interpreter lock
        # from the layout thread every turn.
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    start = time.perf_counter()
    cpu_start, ui_cpu_start = time.process_time(), time.thread_time()
    interval = 1.0 / args.rate
    for n in range(args.keys):
        while time.perf_counter() < start + n * interval:
            wait()
        before = time.perf_counter()
        window.editor.insertPlainText("x" if n % 2 == 0 else "y")
        handling.append((time.perf_counter() - before) * 1000)
        typed.append((time.perf_counter(), doc.characterCount() - 1))
    deadline = time.perf_counter() + args.timeout
    while len(served) < len(typed) and time.perf_counter() < deadline:
        wait()
    ticker.stop()
    cpu, ui_cpu = time.process_time() - cpu_start, time.thread_time() - ui_cpu_start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    gc.callbacks.remove(gc_watch)
    latencies = [served[i] * 1000 for i in sorted(served)]
    typing_end = typed[-1][0]
    during = [r for r in repaints if r <= typing_end]
    result = {
        "book": args.book,
        "spelling": args.spelling if spelling is not None else "absent",
        "paragraph_chars": len(texts[block]),
        "typed_at": args.at,
        "pages": pages,
        "keys": args.keys,
        "rate_per_s": args.rate,
        "served": len(served),
        "latency_median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "latency_max_ms": round(max(latencies), 1) if latencies else None,
        "repaints_while_typing": len(during),
        "longest_gap_between_repaints_while_typing_ms": round(
            max(
                (b - a) * 1000 for a, b in zip([start, *during], [*during, typing_end], strict=True)
            ),
            1,
        ),
        "typeset_on_worker_last_ms": round(worker.last_seconds * 1000, 1),
        "keystroke_on_ui_thread_median_ms": round(statistics.median(handling), 2),
        "keystroke_on_ui_thread_max_ms": round(max(handling), 2),
        "ui_thread_longest_gap_ms": round(max(gaps), 1) if gaps else None,
        # CPU from the first keystroke to the last one served (less sensitive to load).
        "ui_thread_cpu_ms": round(ui_cpu * 1000),
        "process_cpu_ms": round(cpu * 1000),
        "longest_garbage_collection_ms": round(max(collections), 1) if collections else None,
        "busy_processes": args.busy,
        "load_before": load_before,
        "load_after": load_average(),
        "longest_gaps_ms": longest_gaps(gaps, gap_ends),
        "ui_slices_ms": {  # name: [runs, median, longest]
            name: [len(runs), round(statistics.median(runs), 1), round(max(runs), 1)]
            for name, runs in slices.items()
            if runs
        },
    }
    print(json.dumps(result, indent=2))
    window.maybe_save = lambda: True  # type: ignore[method-assign]
    window.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
