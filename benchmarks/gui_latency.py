"""Preview latency of the desktop app while typing: keystroke → repainted page.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py
           [--book story|big] [--keys N] [--rate 9] [--spelling on|off] [--code DIR]
Opens the bundled story (``--book big``: the story's body 50 times, about
350 pages, as ``benchmarks/layout.py`` makes it), then types ``--keys``
characters into a paragraph at ``--rate`` keystrokes per second, as a user
would, without waiting for the preview. For each keystroke it measures the
time until the preview has repainted a page model that includes it
(throttling + typesetting on the worker + the window's update + painting);
and, all along, the longest stall of the UI thread (a 5 ms timer measures
the event loop's gaps), and the time each keystroke takes on the UI thread
itself (the edit and the highlighting it causes). ``--spelling on`` (the
default, as the app starts) waits for the French word list and checks as
one types; ``off`` types with the spell-checker switched off; the user's
saved preference is left alone. ``--code DIR`` runs another checkout's app
(before/after). Prints JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def big_text(text: str, times: int = 50) -> str:
    """The story's body repeated ``times`` times, one chapter each (about 350 pages)."""
    lines = text.split("\n")
    start = lines.index("# L’histoire")
    end = lines.index("# Comment cette histoire a été écrite")
    body = lines[start + 1 : end]
    chapters = [[f"# Chapitre {i + 1}", *body] for i in range(times)]
    return "\n".join(lines[:start] + [line for ch in chapters for line in ch])


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
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor

    from layout_studio.gui.app import make_app
    from layout_studio.gui.window import MainWindow

    app = make_app()
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

    # Which text each build typeset: generation → text, recorded as the worker starts it.
    built_text: dict[int, str] = {}
    original_start = worker._start

    def recording_start() -> None:
        if not worker.running and worker.pending is not None:
            built_text[worker.generation + 1] = worker.pending[0]
        original_start()

    worker._start = recording_start  # type: ignore[method-assign]
    typed: list[tuple[float, str]] = []  # keystroke time, editor text after it
    handling: list[float] = []  # ms the keystroke itself holds the UI thread
    served: dict[int, float] = {}
    repaints: list[float] = []

    def on_built(_build: object) -> None:  # connected after the window's own slot
        window.preview.canvas.repaint()
        now = time.perf_counter()
        repaints.append(now)
        text = built_text.get(worker.generation)
        last = max((i for i, (_t, s) in enumerate(typed) if s == text), default=-1)
        for i in range(last + 1):
            served.setdefault(i, now - typed[i][0])

    worker.built.connect(on_built)
    gaps: list[float] = []
    last_tick = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last_tick[0]) * 1000)
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
    cursor = QTextCursor(doc.findBlockByNumber(block))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
    window.editor.setTextCursor(cursor)
    start = time.perf_counter()
    interval = 1.0 / args.rate
    for n in range(args.keys):
        while time.perf_counter() < start + n * interval:
            app.processEvents()
        before = time.perf_counter()
        window.editor.insertPlainText("x" if n % 2 == 0 else "y")
        handling.append((time.perf_counter() - before) * 1000)
        typed.append((time.perf_counter(), window.editor.toPlainText()))
    deadline = time.perf_counter() + args.timeout
    while len(served) < len(typed) and time.perf_counter() < deadline:
        app.processEvents()
    ticker.stop()
    gc.callbacks.remove(gc_watch)
    latencies = [served[i] * 1000 for i in sorted(served)]
    typing_end = typed[-1][0]
    during = [r for r in repaints if r <= typing_end]
    result = {
        "book": args.book,
        "spelling": args.spelling if spelling is not None else "absent",
        "paragraph_chars": len(texts[block]),
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
        "longest_garbage_collection_ms": round(max(collections), 1) if collections else None,
    }
    print(json.dumps(result, indent=2))
    window.maybe_save = lambda: True  # type: ignore[method-assign]
    window.close()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
