"""The report's line figures, counted page by page, are those of reading every line at once.

The reference below is the whole reading the report made before (one loop
over every line of the book, ``statistics.pstdev``): random pages of random
lines (word spaces of any size, hyphens across pages, pages without lines)
and a typeset book must give the same counts and the same spread, bit for bit.
"""

from __future__ import annotations

import random
import statistics

from layout_studio.layout.line_figures import book_figures, line_figures
from layout_studio.layout.page import LineInfo
from layout_studio.layout.typeset import typeset
from layout_studio.session import open_file
from layout_studio.sources import parse_markdown_text
from layout_studio.style.theme import load_theme
from tests.conftest import ROOT


def _whole_reading(pages: list[list[LineInfo]]) -> tuple[int, int, int, int, float | None]:
    spaces: list[float] = []
    justified = hyphenated = consecutive = overfull = 0
    previous = False
    for lines in pages:
        for info in lines:
            if info.justified and info.space is not None:
                spaces.append(info.space)
                justified += 1
            if info.hyphenated:
                hyphenated += 1
                if previous:
                    consecutive += 1
            previous = info.hyphenated
            overfull += int(info.overfull)
    spread = statistics.pstdev(spaces) / statistics.median(spaces) if len(spaces) > 1 else None
    return justified, hyphenated, consecutive, overfull, spread


def _counted(pages: list[list[LineInfo]]) -> tuple[int, int, int, int, float | None]:
    book = book_figures([line_figures(lines) for lines in pages])
    return (
        book.justified,
        book.hyphenated,
        book.consecutive_hyphens,
        book.overfull,
        book.word_space_spread,
    )


def _line(rng: random.Random, sizes: tuple[float, float]) -> LineInfo:
    space = rng.choice([None, rng.uniform(*sizes), 2.5, 1.25])
    return LineInfo(
        "x", 0.0, 0, 0, 1, rng.random() < 0.4, rng.random() < 0.8, space, rng.random() < 0.1, "body"
    )


def test_page_by_page_figures_are_those_of_the_whole_reading() -> None:
    rng = random.Random(18)
    for trial in range(400):
        sizes = [(0.5, 8.0), (1e-12, 1e-9), (1e-300, 1e300), (3.0, 3.0)][trial % 4]
        pages = [
            [_line(rng, sizes) for _ in range(rng.choice([0, 0, 1, 3, 30]))]
            for _ in range(rng.randint(0, 12))
        ]
        assert _counted(pages) == _whole_reading(pages), trial


def test_a_typeset_book_reports_what_reading_its_lines_gives() -> None:
    opened = open_file(ROOT / "examples" / "cmad" / "book.toml")
    book = typeset(parse_markdown_text(opened.text), load_theme("classique"))
    report = book.report
    figures = _whole_reading([page.lines for page in book.pages])
    assert figures[0] > 100  # a book, with justified lines
    counted = (
        report.justified_lines,
        report.hyphenated_lines,
        report.consecutive_hyphens,
        report.overfull_lines,
        report.word_space_spread,
    )
    assert counted == figures
