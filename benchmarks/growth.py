"""How a whole-book PDF export grows with the book: 35 to 350 pages.

Usage: python benchmarks/growth.py [--sizes 5,10,20,35,50] [--rounds 3] [--before DIR]
Makes the story's body repeated N times (one chapter each, as
``benchmarks/gui_latency.py`` does; ×5 ≈ 35 pages, ×50 ≈ 350), then exports
each to PDF as a whole process (``python -m layout_studio export``, Python
start-up included), sizes alternating within each round. Prints JSON per
size: pages, median wall time, median CPU (user + sys) and the peak RSS of
the process, and the seconds per page (flat when growth is linear). The
user cache is off: each export typesets its book.
``--before DIR`` exports each size with another checkout too, alternating
with this one (before/after on the same load).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "cmad" / "story.md"


def big_story(times: int) -> str:
    """The story's Markdown with its body repeated ``times`` times, one chapter each.

    Each paragraph has its chapter's number after its first word, so that no two
    paragraphs are alike and the paragraph cache cannot help (a real book
    does not repeat itself). The story's last section follows, once: it holds
    the definitions of the notes the chapters call.
    """
    lines = STORY.read_text(encoding="utf-8").split("\n")
    start = lines.index("# L’histoire")
    end = lines.index("# Comment cette histoire a été écrite")
    body = lines[start + 1 : end]
    chapters = [
        [f"# Chapitre {i + 1}", *(_numbered(line, i + 1) for line in body)] for i in range(times)
    ]
    return "\n".join(lines[:start] + [line for ch in chapters for line in ch] + lines[end:])


def _numbered(line: str, chapter: int) -> str:
    """The line with its chapter's number after its first word (paragraph lines only)."""
    if not (line[:1].isalpha() or line[:1] in "\"«'"):
        return line
    first, space, rest = line.partition(" ")
    return f"{first} {chapter}{space}{rest}" if space else line


def export_once(source: Path, pdf: Path, code: Path = ROOT) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one cold export to PDF."""
    script = (
        "import inspect, resource, sys\n"
        "from layout_studio.cli import main\n"
        # As the console command runs it (``one_shot``), where the checkout has it.
        "kw = {'one_shot': True} if 'one_shot' in inspect.signature(main).parameters else {}\n"
        f"rc = main(['export', {str(source)!r}, '--pdf', {str(pdf)!r}], **kw)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(rc)\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # The user cache off: from the second round on it would read the book back.
    env = dict(os.environ, LAYOUT_STUDIO_CACHE_DIR="off")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=code,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    peak = int(done.stdout.strip().splitlines()[-1]) / 1024
    return {"wall": wall, "cpu": cpu, "peak_mb": peak}


def pages_of(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def measure(
    sizes: list[int], rounds: int, before: Path | None = None
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    codes = {"": ROOT} if before is None else {"": ROOT, "before_": before.resolve()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources = {}
        for n in sizes:
            sources[n] = work / f"x{n}.md"
            sources[n].write_text(big_story(n), encoding="utf-8")
        runs: dict[tuple[str, int], list[dict[str, float]]] = {
            (tag, n): [] for tag in codes for n in sizes
        }
        for r in range(rounds):
            for n in sizes if r % 2 == 0 else reversed(sizes):
                tags = list(codes) if r % 2 == 0 else list(reversed(codes))
                for tag in tags:
                    pdf = work / f"{tag}x{n}.pdf"
                    runs[(tag, n)].append(export_once(sources[n], pdf, codes[tag]))
        for tag in codes:
            for n in sizes:
                pages = pages_of(work / f"{tag}x{n}.pdf")
                done = runs[(tag, n)]
                wall = statistics.median(x["wall"] for x in done)
                out[f"{tag}x{n}"] = {
                    "pages": pages,
                    "wall_s": round(wall, 2),
                    "cpu_s": round(statistics.median(x["cpu"] for x in done), 2),
                    "peak_rss_mb": round(max(x["peak_mb"] for x in done), 1),
                    "ms_per_page": round(wall * 1000 / pages, 1),
                }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="5,10,20,35,50")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout, run alternately")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    load = os.getloadavg()[0]
    measured = measure(sizes, args.rounds, args.before)
    result = {
        "rounds": args.rounds,
        "load_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
        "sizes": measured,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
