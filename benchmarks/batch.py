"""Batch benchmark: 24 contest entries (the story × each shipped theme × covers), --jobs 1 and 2.

Usage: python benchmarks/batch.py [--entries 24] [--before DIR] [--distinct-texts]
Generates the entries in a temporary folder, runs ``layout-studio batch``
as organisers would (PDF, EPUB and cover for each), and prints JSON: wall
time and CPU time (user + sys, workers included) per --jobs value, speed-up,
the same at --jobs 2 with the jury's contact sheet (thumbnails drawn), the
load average before each run, and the peak RSS of the worker processes
(``RUSAGE_CHILDREN``), for 12 and 24 entries to show memory stays flat.
``--before DIR`` runs another checkout too, alternating with this one.
``--distinct-texts`` gives each entry its own text, as in a real contest: a
word, distinct per entry, is put in the middle of every body paragraph, so
that no paragraph is set twice in the batch (caches keyed on a paragraph's
text miss; those keyed on a word still hit, as between texts in one language).
Each run then draws new texts (a random reference number in the first
paragraph), so that no run finds another's books in the user's cache.
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
# 31 words (a prime): entry i puts WORDS[(7 * i + k) % 31] in its paragraph k,
# a sequence no two of the first 31 entries share.
WORDS = (
    "ainsi",
    "aussi",
    "bientôt",
    "certes",
    "donc",
    "encore",
    "enfin",
    "ensuite",
    "hier",
    "ici",
    "jadis",
    "longtemps",
    "naguère",
    "parfois",
    "partout",
    "peut-être",
    "pourtant",
    "puis",
    "quelquefois",
    "sans-doute",
    "souvent",
    "soudain",
    "surtout",
    "tantôt",
    "tard",
    "tôt",
    "toujours",
    "vite",
    "volontiers",
    "certainement",
    "demain",
)


def distinct_text(text: str, entry: int, draw: str = "") -> str:
    """The story with a word of the entry's own put in the middle of each body paragraph.

    ``draw``: a word put in the first body paragraph too (new texts for each run).
    """
    lines = text.split("\n")
    in_front = lines[0] == "---"
    k = 0
    for n, line in enumerate(lines):
        if n and line == "---":
            in_front = False
            continue
        if in_front or not line or line[0] in "#{:[|-*>!" or len(line.split()) < 4:
            continue
        words = line.split(" ")
        middle = len(words) // 2
        words.insert(middle, WORDS[(7 * entry + k) % len(WORDS)])
        if k == 0 and draw:
            words.insert(middle, draw)
        lines[n] = " ".join(words)
        k += 1
    return "\n".join(lines)


def make_entries(folder: Path, count: int, distinct: bool = False) -> None:
    """The contest's entries (``distinct``: each its own text, new at each ``run``)."""
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
        if distinct:
            entry.joinpath("distinct").touch()
        cover = ""
        if i % 3:
            shutil.copy(covers[i % 4], entry / "cover.jpg")
            cover = 'cover = "cover.jpg"\n'
        entry.joinpath("book.toml").write_text(
            f'[book]\nsource = "story.md"\ntheme = "{THEMES[i % 3]}"\n{cover}'
            f'\n[metadata]\nentrant = "Équipe {i}"\n',
            encoding="utf-8",
        )


def redraw_texts(folder: Path) -> None:
    """New distinct texts for the entries made with ``distinct`` (see the module's docstring)."""
    draw = f"réf.{int.from_bytes(os.urandom(4), 'big'):010d}"
    story = STORY.read_text(encoding="utf-8")
    for i, entry in enumerate(sorted(folder.glob("entree-*"))):
        if entry.joinpath("distinct").exists():
            text = distinct_text(story, i, draw)
            entry.joinpath("story.md").write_text(text, encoding="utf-8")


def run(folder: Path, jobs: int, code: Path = ROOT, sheet: bool = False) -> dict[str, float]:
    redraw_texts(folder)
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
    parser.add_argument(
        "--distinct-texts",
        action="store_true",
        help="each entry's text its own (no paragraph shared)",
    )
    args = parser.parse_args()
    out: dict[str, object] = {
        "entries": args.entries,
        "distinct_texts": args.distinct_texts,
        "load": os.getloadavg()[0],
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "contest"
        folder.mkdir()
        make_entries(folder, args.entries, args.distinct_texts)
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
        make_entries(half, args.entries // 2, args.distinct_texts)
        out[f"jobs_2_{args.entries // 2}_entries"] = run(half, 2)
    out["parent_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
