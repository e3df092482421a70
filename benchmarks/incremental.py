"""Warm re-typeset after a one-paragraph edit: full build vs the preview's incremental build.

Usage: python benchmarks/incremental.py [--book story|big] [--edits 5] [--code DIR]
Opens the bundled story (``--book big``: its body 50 times, 351 pages),
builds it once both ways (warm caches), then makes ``--edits`` one-character
edits in one paragraph, each followed by a full ``session.build`` and an
``IncrementalBuilder.build`` of the same text, and checks the two page
models are the same. Prints JSON: the median time of each, and where the
incremental build's time goes (parse, typography, layout, cover page), as
wall-clock and as this process's CPU time (less inflated when other programs
load the machine). ``--code DIR`` runs another checkout's engine (before/after).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.gui_latency import big_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--book", choices=("story", "big"), default="story")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))  # before anything imports the engine
    global session, dump
    from layout_studio import session
    from layout_studio.layout.page import dump

    opened = session.open_file(ROOT / "examples" / "cmad" / "book.toml")
    base = ROOT / "examples" / "cmad"
    text = opened.text if args.book == "story" else big_text(opened.text)
    builder = session.IncrementalBuilder()
    session.build(text, opened.settings, base)
    builder.build(text, opened.settings, base)
    at = text.index("Paris") + len("Paris")
    full_times: list[float] = []
    incremental_times: list[float] = []
    stages: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    gc.disable()  # as the app's worker does during a build
    for n in range(args.edits):
        edited = text[:at] + "xy"[n % 2] * (n + 1) + text[at:]
        start = time.perf_counter()
        full = session.build(edited, opened.settings, base)
        full_times.append(time.perf_counter() - start)
        timed = _timed_stages(stages, cpu)
        start = time.perf_counter()
        incremental = builder.build(edited, opened.settings, base)
        incremental_times.append(time.perf_counter() - start)
        timed()
        assert dump(incremental.book, glyphs=True) == dump(full.book, glyphs=True)
    gc.enable()
    ms = [round(statistics.median(v) * 1000, 1) for v in (full_times, incremental_times)]
    print(
        json.dumps(
            {
                "book": args.book,
                "pages": full.book.page_count,
                "edits": args.edits,
                "full_build_median_ms": ms[0],
                "incremental_build_median_ms": ms[1],
                "incremental_stages_median_ms": {
                    k: round(statistics.median(v) * 1000, 1) for k, v in stages.items()
                },
                "incremental_stages_cpu_median_ms": {
                    k: round(statistics.median(v) * 1000, 1) for k, v in cpu.items()
                },
            },
            indent=2,
        )
    )


def _timed_stages(stages: dict[str, list[float]], cpu: dict[str, list[float]]):  # type: ignore[no-untyped-def]
    """Time the incremental build's stages by wrapping the functions it calls (until undone)."""
    # The parse: chunk by chunk where the checkout has it, else the whole text.
    chunked = getattr(session, "IncrementalMarkdown", None)
    targets = {
        "parse": (chunked, "document") if chunked else (session, "parse_markdown_text"),
        "typography": (session, "apply_typography"),
        "cover page": (session, "front_cover_page"),
    }
    saved = {name: getattr(mod, attr) for name, (mod, attr) in targets.items()}
    layout = session.LayoutMemo.typeset
    saved_layout = layout

    def wrap(name: str, fn):  # type: ignore[no-untyped-def]
        def timed(*a, **k):  # type: ignore[no-untyped-def]
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                stages.setdefault(name, []).append(time.perf_counter() - start)
                cpu.setdefault(name, []).append(time.process_time() - start_cpu)

        return timed

    for name, (mod, attr) in targets.items():
        setattr(mod, attr, wrap(name, saved[name]))
    session.LayoutMemo.typeset = wrap("layout", layout)  # type: ignore[method-assign]

    def undo() -> None:
        for name, (mod, attr) in targets.items():
            setattr(mod, attr, saved[name])
        session.LayoutMemo.typeset = saved_layout  # type: ignore[method-assign]

    return undo


if __name__ == "__main__":
    main()
