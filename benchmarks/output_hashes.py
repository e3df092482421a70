"""SHA-256 of the outputs a speed change must leave untouched (before/after check).

Usage: python benchmarks/output_hashes.py [--big N] [--code DIR] [--cache DIR]
Exports, each in a fresh process with ``SOURCE_DATE_EPOCH`` fixed and the
user cache off (typeset books, font subsets; ``--cache DIR``: in DIR, run
twice to check what is read back): the example project (PDF, wraparound cover, EPUB),
the raw story (PDF, EPUB) and the story's body repeated ``--big`` times
(PDF, EPUB; 10 by default), with this checkout's code or ``--code DIR``'s
(another checkout: the code before a change). Prints JSON: output name → SHA-256. Run it on
the code before and after a change; the two must be equal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.growth import big_story  # noqa: E402

CACHE = "off"  # --cache DIR: the user cache in DIR (run twice: filled, then read back)


def export(args: list[str], cwd: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", LAYOUT_STUDIO_CACHE_DIR=CACHE)
    subprocess.run(
        [sys.executable, "-m", "layout_studio", "export", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=10)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--cache", default="off", help="a cache folder (default: off)")
    args = parser.parse_args()
    global CACHE
    CACHE = str(Path(args.cache).resolve()) if args.cache != "off" else "off"
    code = args.code.resolve()
    hashes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "examples" / "cmad", work / "cmad")
        export([str(work / "cmad" / "book.toml")], code)
        for name in ("story.pdf", "story-cover.pdf", "story.epub"):
            hashes[f"example/{name}"] = _sha(work / "cmad" / "out" / name)
        raw = work / "cmad" / "cmad-story-source.txt"
        export([str(raw), "--pdf", str(work / "raw.pdf"), "--epub", str(work / "raw.epub")], code)
        big = work / "big.md"
        big.write_text(big_story(args.big), encoding="utf-8")
        export([str(big), "--pdf", str(work / "big.pdf"), "--epub", str(work / "big.epub")], code)
        for name in ("raw.pdf", "raw.epub", "big.pdf", "big.epub"):
            hashes[name] = _sha(work / name)
        for theme in ("moderne", "poche"):  # the other themes, with a cover image
            entry = work / theme
            entry.mkdir()
            shutil.copy(ROOT / "examples" / "cmad" / "story.md", entry / "story.md")
            _cover(entry / "cover.jpg", theme)
            entry.joinpath("book.toml").write_text(
                f'[book]\nsource = "story.md"\ntheme = "{theme}"\ncover = "cover.jpg"\n',
                encoding="utf-8",
            )
            outs = {k: entry / f"out.{k}" for k in ("pdf", "epub")}
            cover = entry / "cover.pdf"
            pdf, epub = str(outs["pdf"]), str(outs["epub"])
            export(
                [
                    str(entry / "book.toml"),
                    "--pdf",
                    pdf,
                    "--epub",
                    epub,
                    "--print-cover",
                    str(cover),
                ],
                code,
            )
            for path in (*outs.values(), cover):
                hashes[f"{theme}/{path.name}"] = _sha(path)
    print(json.dumps(hashes, indent=2))


def _cover(path: Path, seed: str) -> None:
    """A photograph-like JPEG (a gradient), the same bytes on every run."""
    from PIL import Image

    shade = len(seed) * 20
    image = Image.linear_gradient("L").resize((1200, 1700)).convert("RGB")
    image.paste((shade, 90, 140), (100, 100, 600, 800))
    image.save(path, quality=90)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    main()
