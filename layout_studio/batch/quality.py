"""Typesetting quality figures of a typeset book, for the batch report and the jury.

Takes a ``TypesetDocument``; gives a dict of the figures the engine knows:
overfull lines, widows, orphans, hyphenated line ends, the longest run of
consecutive hyphenated lines, loose lines (justified lines whose word space
is over 1.5 × the book's median word space) and the word-space spread.
"""

from __future__ import annotations

import statistics
from typing import Any

from layout_studio.layout.page import TypesetDocument

LOOSE_FACTOR = 1.5


def quality(book: TypesetDocument) -> dict[str, Any]:
    """The figures, all "lower is better" except ``pages``."""
    rep = book.report
    lines = [ln for p in book.pages for ln in p.lines if ln.kind == "text"]
    spaces = [ln.space for ln in lines if ln.justified and ln.space]
    median = statistics.median(spaces) if spaces else 0.0
    loose = sum(1 for s in spaces if median and s > LOOSE_FACTOR * median)
    longest = run = 0
    for line in lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    return {
        "pages": book.page_count,
        "overfull_lines": rep.overfull_lines,
        "widows": rep.widows,
        "orphans": rep.orphans,
        "hyphenated_lines": rep.hyphenated_lines,
        "longest_hyphen_run": longest,
        "loose_lines": loose,
        "word_space_spread": round(rep.word_space_spread, 3),
    }


def penalty(figures: dict[str, Any]) -> float:
    """One number to rank entries by (lower is better); a help for the jury, not a verdict."""
    return float(
        100.0 * figures.get("overfull_lines", 0)
        + 20.0 * (figures.get("widows", 0) + figures.get("orphans", 0))
        + 10.0 * max(0, figures.get("longest_hyphen_run", 0) - 1)
        + 2.0 * figures.get("loose_lines", 0)
        + 0.5 * figures.get("hyphenated_lines", 0)
        + 50.0 * figures.get("word_space_spread", 0.0)
    )
