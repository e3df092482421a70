"""Every speed figure of the README in one run: growth, batch, peers (and the preview).

Usage: python benchmarks/report.py [--rounds 3] [--before DIR] [--gui] [--quick]
Runs, one after the other so that they never compete for the cores:

1. ``growth.py``: a whole-book export to PDF from ~35 to ~350 pages (the
   story's body ×5, ×10, ×20, ×35, ×50): wall, CPU, peak RSS, ms per page;
2. ``batch.py``: 24 contest entries (PDF, EPUB, cover) at ``--jobs 1`` and ``2``;
3. ``peers.py``: cold PDF and EPUB of the story beside typst, Pandoc and
   lualatex (each where installed), alternating, with ratios;
4. with ``--gui``: ``gui_latency.py`` on the story and on the ~350-page book
   (27 keystrokes, as the README's figures), on the machine as it is and with
   every core kept busy by another process (``--busy``), the code before
   (``--code``) right after each run when ``--before`` is given.

``--before DIR`` runs another checkout alternately in 1–3 (before/after on
the same load); ``--quick`` runs fewer sizes, 12 entries and 3 rounds. Prints
one JSON object, with the load average (``os.getloadavg``) at the start and
end of each part: the development machine's 2 cores are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def part(script: str, *args: str) -> dict[str, object]:
    """One benchmark's JSON, with the load average around it."""
    start = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    text = done.stdout
    result: dict[str, object] = json.loads(text[text.index("{") :])
    result["load_start_end"] = [round(start, 2), round(os.getloadavg()[0], 2)]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout, run alternately")
    parser.add_argument("--gui", action="store_true", help="also the preview's latency")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    before = ["--before", str(args.before)] if args.before else []
    sizes = "5,20,50" if args.quick else "5,10,20,35,50"
    rounds = str(args.rounds)
    out: dict[str, object] = {
        "cpus": os.cpu_count(),
        "growth": part("growth.py", "--sizes", sizes, "--rounds", rounds, *before),
        "batch": part("batch.py", "--entries", "12" if args.quick else "24", *before),
        "peers": part("peers.py", "--rounds", rounds, *before),
    }
    if args.gui:
        busy = str(os.cpu_count() or 2)
        for book in ("story", "big"):
            for name, extra in (("", []), ("_busy", ["--busy", busy])):
                out[f"gui_{book}{name}"] = part("gui_latency.py", "--book", book, *extra)
                if args.before:
                    out[f"before_gui_{book}{name}"] = part(
                        "gui_latency.py", "--book", book, "--code", str(args.before), *extra
                    )
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
