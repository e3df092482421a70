"""Preview latency of the desktop app: last keystroke → updated page on screen.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py [--edits N]
Opens the bundled story, types one character into a paragraph N times and
measures, for each, the time from the keystroke to the preview having
repainted the new page model (debounce + typesetting on the worker thread
+ painting). Also reports the longest stall of the UI thread while it
waits (a timer ticking every 5 ms measures the event loop's gaps). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor

    from layout_studio.gui.app import make_app
    from layout_studio.gui.window import MainWindow

    app = make_app()
    window = MainWindow(ask_recovery=False)
    window.resize(1400, 900)
    window.show()
    window.open_path(ROOT / "examples" / "cmad" / "book.toml")

    def idle() -> bool:
        w = window.worker
        return (
            window.build is not None
            and not w.running
            and w.pending is None
            and not w.timer.isActive()
        )

    while not idle() or window.gallery_pending:
        app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(5)
    doc = window.editor.document()
    block = next(
        i for i in range(doc.blockCount()) if doc.findBlockByNumber(i).text().startswith("Paris")
    )
    latencies = []
    for n in range(args.edits):
        builds = [window.build]
        cursor = QTextCursor(doc.findBlockByNumber(block))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
        window.editor.setTextCursor(cursor)
        start = time.perf_counter()
        window.editor.insertPlainText("x" if n % 2 == 0 else "")
        if n % 2:
            window.editor.textCursor().deletePreviousChar()
        while window.build is builds[0] or not idle():
            app.processEvents()
        window.preview.canvas.repaint()
        latencies.append((time.perf_counter() - start) * 1000)
    ticker.stop()
    result = {
        "edits": args.edits,
        "debounce_ms": window.worker.timer.interval(),
        "latency_median_ms": round(statistics.median(latencies), 1),
        "latency_max_ms": round(max(latencies), 1),
        "typeset_on_worker_last_ms": round(window.worker.last_seconds * 1000, 1),
        "ui_thread_longest_gap_ms": round(max(gaps), 1) if gaps else None,
    }
    print(json.dumps(result, indent=2))
    window.maybe_save = lambda: True  # type: ignore[method-assign]
    window.close()


if __name__ == "__main__":
    main()
