"""The desktop app's export of the book it shows: from the menu's action to the file written.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/app_export.py
           [--book story|big] [--kinds pdf,epub] [--rounds 3] [--code DIR]
Opens the bundled story (``--book big``: its body 50 times, 353 pages, as
``benchmarks/gui_latency.py`` makes it) in the app, waits until the preview
shows it and the app is idle (panels read, thumbnails drawn), then exports
each kind in turn ``--rounds`` times as the export action does (on a pool
thread, the window's event loop turning), and times each from the action to
the ``finished`` signal: wall and process CPU. The
user cache is off (``LAYOUT_STUDIO_CACHE_DIR=off``): a PDF is drawn each
time. ``--code DIR`` runs another checkout's app (before/after). Prints JSON
with the medians and the load average before and after.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--book", choices=("story", "big"), default="big")
    parser.add_argument("--kinds", default="pdf,epub")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    args = parser.parse_args()
    os.environ["LAYOUT_STUDIO_CACHE_DIR"] = "off"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(ROOT))  # this checkout's benchmarks, whatever the code run
    from benchmarks.gui_latency import big_text, load_average

    load_before = load_average()
    from layout_studio.gui.app import make_app
    from layout_studio.gui.window import MainWindow

    app = make_app()
    window = MainWindow(ask_recovery=False)
    window.resize(1400, 900)
    window.show()
    folder = Path(tempfile.mkdtemp(prefix="ls-export-bench-"))
    try:
        shutil.copytree(ROOT / "examples" / "cmad", folder / "cmad")
        if args.book == "big":
            story = folder / "cmad" / "story.md"
            story.write_text(big_text(story.read_text(encoding="utf-8")), encoding="utf-8")
        window.open_path(folder / "cmad" / "book.toml")
        worker = window.worker

        def idle() -> bool:  # built, read by the panels, every thumbnail drawn
            return (
                window.build is not None
                and not worker.running
                and worker.pending is None
                and not worker.timer.isActive()
                and not getattr(window, "reading_builds", lambda: False)()
                and window.thumbnails_drawn == window.thumb_generation
                and not window.gallery_pending
            )

        while not idle():
            app.processEvents()
        quiet = time.perf_counter() + 2.0  # what the app does at a pause (memory settled)
        while time.perf_counter() < quiet:
            app.processEvents()
        pages = window.build.book.page_count
        times: dict[str, list[tuple[float, float]]] = {}
        for _round in range(args.rounds):
            for kind in args.kinds.split(","):
                target = folder / f"out.{'epub' if kind == 'epub' else 'pdf'}"
                done: list[object] = []
                start, cpu = time.perf_counter(), time.process_time()
                task = window.export(kind, target)
                assert task is not None
                task.signals.finished.connect(lambda *a, d=done: d.append(a))
                task.signals.failed.connect(lambda message: sys.exit(message))
                while not done:
                    app.processEvents()
                times.setdefault(kind, []).append(
                    (time.perf_counter() - start, time.process_time() - cpu)
                )
        result = {
            "book": args.book,
            "pages": pages,
            "rounds": args.rounds,
            "load_before_after": [load_before[0], load_average()[0]],
            **{
                kind: {
                    "wall_s": round(statistics.median(w for w, _c in runs), 2),
                    "cpu_s": round(statistics.median(c for _w, c in runs), 2),
                }
                for kind, runs in times.items()
            },
        }
        print(json.dumps(result, indent=2))
    finally:
        window.maybe_save = lambda: True  # type: ignore[method-assign]
        window.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
