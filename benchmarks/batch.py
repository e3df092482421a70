"""Batch benchmark: 24 contest entries (the story × each shipped theme × covers), --jobs 1 and 2.

Usage: python benchmarks/batch.py [--entries 24] [--before DIR]
Generates the entries in a temporary folder, runs ``layout-studio batch``
as organisers would (PDF, EPUB and cover for each), and prints JSON: wall
time and CPU time (user + sys, workers included) per --jobs value, speed-up,
the same at --jobs 2 with the jury's contact sheet (thumbnails drawn), the
load average before each run, and the peak RSS of the worker processes
(``RUSAGE_CHILDREN``), for 12 and 24 entries to show memory stays flat.
``--before DIR`` runs another checkout too, alternating with this one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "cmad" / "story.md"
THEMES = ("classique", "moderne", "poche")


def make_entries(folder: Path, count: int) -> None:
    from PIL import Image

    covers = []
    for i, colour in enumerate([(40, 90, 60), (120, 40, 40), (30, 60, 120), (200, 180, 90)]):
        path = folder / f"cover-{i}.jpg"
        Image.new("RGB", (1800, 2550), colour).save(path, quality=90)
        covers.append(path)
    for i in range(count):
        entry = folder / f"entree-{i:02d}"
        entry.mkdir()
        # A project names only files in its own folder (see "Trust model" in the README).
        shutil.copy(STORY, entry / "story.md")
        cover = ""
        if i % 3:
            shutil.copy(covers[i % 4], entry / "cover.jpg")
            cover = 'cover = "cover.jpg"\n'
        entry.joinpath("book.toml").write_text(
            f'[book]\nsource = "story.md"\ntheme = "{THEMES[i % 3]}"\n{cover}'
            f'\n[metadata]\nentrant = "Équipe {i}"\n',
            encoding="utf-8",
        )


def run(folder: Path, jobs: int, code: Path = ROOT, sheet: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        args = ["batch", str(folder), "--out", out, "--jobs", str(jobs)]
        if sheet:
            args += ["--contact-sheet", str(Path(out) / "jury.pdf")]
        script = (
            "import resource, sys\n"
            "from layout_studio.cli import main\n"
            f"rc = main({args!r})\n"
            "children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            # every --jobs value exports in worker processes
            "peak = children / 1024\n"
            "print(peak)\n"
            "sys.exit(rc)\n"
        )
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=code, check=True
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the batch and its workers
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        peak_child = float(done.stdout.strip().splitlines()[-1])
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_worker_rss_mb": round(peak_child, 1),
        "load": round(load, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=24)
    parser.add_argument("--before", type=Path, help="another checkout, run alternately")
    args = parser.parse_args()
    out: dict[str, object] = {"entries": args.entries, "load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "contest"
        folder.mkdir()
        make_entries(folder, args.entries)
        if args.before is not None:  # before, after, after, before: the same load for both
            before = args.before.resolve()
            b1 = run(folder, 1, before)
            one = run(folder, 1)
            two = run(folder, 2)
            b2 = run(folder, 2, before)
            out["before_jobs_1"], out["before_jobs_2"] = b1, b2
            out["before_jobs_2_contact_sheet"] = run(folder, 2, before, sheet=True)
        else:
            one = run(folder, 1)
            two = run(folder, 2)
        out["jobs_2_contact_sheet"] = run(folder, 2, sheet=True)
        out["jobs_1"] = one
        out["jobs_2"] = two
        out["speed_up"] = round(one["wall_s"] / two["wall_s"], 2)
        half = Path(tmp) / "half"
        half.mkdir()
        make_entries(half, args.entries // 2)
        out[f"jobs_2_{args.entries // 2}_entries"] = run(half, 2)
    out["parent_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
