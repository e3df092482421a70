"""Benchmarks of the text pipeline (not timed tests): prints JSON figures.

Usage: python benchmarks/run.py [--repeat N]
Measures, on the bundled #CMAD source: cold CLI inspect (subprocess),
warm import, warm typography over the whole book, hyphenation of every
word (cold cache, then warm), and the Markdown round trip.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layout_studio.sources import load_source, parse_markdown_text, to_markdown  # noqa: E402
from layout_studio.text.hyphenate import FrenchHyphenator  # noqa: E402
from layout_studio.text.typography import apply_typography  # noqa: E402

SOURCE = ROOT / "examples" / "cmad" / "cmad-story-source.txt"


def best_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(min(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "layout_studio", "inspect", str(SOURCE), "--json"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        cold.append((time.perf_counter() - t0) * 1000)
    result = load_source(SOURCE)
    doc = result.document
    words = sorted(
        {
            w
            for p in doc.paragraphs(include_candidates=True)
            for w in re.findall(r"[a-zà-ÿœ’']+", p.plain_text)
        }
    )

    def hyphenate_all(h: FrenchHyphenator) -> None:
        for w in words:
            h.positions(w)

    warm_h = FrenchHyphenator()
    hyphenate_all(warm_h)
    md = to_markdown(doc)
    figures = {
        "cli_inspect_cold_ms": round(statistics.median(cold), 1),
        "import_txt_ms": best_ms(lambda: load_source(SOURCE), args.repeat),
        "typography_book_ms": best_ms(lambda: apply_typography(doc), args.repeat),
        "hyphenate_words_cold_ms": best_ms(lambda: hyphenate_all(FrenchHyphenator()), args.repeat),
        "hyphenate_words_warm_ms": best_ms(lambda: hyphenate_all(warm_h), args.repeat),
        "distinct_words": len(words),
        "markdown_write_ms": best_ms(lambda: to_markdown(doc), args.repeat),
        "markdown_parse_ms": best_ms(lambda: parse_markdown_text(md), args.repeat),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
