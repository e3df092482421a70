"""The report's line figures of a book, counted page by page.

Takes the lines of each placed page; gives ``LineFigures`` per page (word
spaces of justified lines with their exact sums, hyphenated and overfull
lines, hyphens in a row) and, from those of every page in order, the book's
figures as reading all its lines at once gives them, the word-space spread
(``statistics.pstdev / median``) bit for bit. A page the live preview keeps
from its last build keeps its figures: after an edit only the pages placed
again are counted, not the 11,000 lines of a 350-page book.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from layout_studio.layout.page import LineInfo

# Word spaces are summed as integers in units of 2 ** -SCALE: exact for any float
# from 2 ** (52 - SCALE) up (a space is a few points); others fall back to statistics.
SCALE = 80
_UNIT = 2.0**SCALE
_SMALLEST = 2.0 ** (52 - SCALE)
_LARGEST = 2.0**900
_SQRT_BITS = 109  # ``statistics``' margin for a correctly rounded square root


@dataclass(frozen=True, slots=True)
class LineFigures:
    """What one page's lines add to the report."""

    spaces: tuple[float, ...]  # of its justified lines, in order
    hyphenated: int
    overfull: int
    in_a_row: int  # hyphenated lines after a hyphenated line of the page
    first_hyphenated: bool
    last_hyphenated: bool | None  # None: a page without lines
    sums: tuple[int, int] | None  # Σx, Σx² in units of 2 ** -SCALE; None: not exact


def line_figures(lines: Sequence[LineInfo]) -> LineFigures:
    """The figures of one page's lines."""
    spaces = tuple(info.space for info in lines if info.justified and info.space is not None)
    hyphens = [info.hyphenated for info in lines]
    in_a_row = sum(a and b for a, b in itertools.pairwise(hyphens))
    exact = all(x == 0.0 or _SMALLEST <= abs(x) < _LARGEST for x in spaces)
    sums = None
    if exact:
        scaled = [int(x * _UNIT) for x in spaces]
        sums = (sum(scaled), sum(n * n for n in scaled))
    return LineFigures(
        spaces,
        sum(hyphens),
        sum(info.overfull for info in lines),
        in_a_row,
        bool(hyphens) and hyphens[0],
        hyphens[-1] if hyphens else None,
        sums,
    )


@dataclass
class BookFigures:
    """The report's line figures of the whole book."""

    justified: int = 0
    hyphenated: int = 0
    consecutive_hyphens: int = 0
    overfull: int = 0
    word_space_spread: float | None = None  # None: fewer than two word spaces


def book_figures(pages: Sequence[LineFigures]) -> BookFigures:
    """The figures of the pages' lines read in order, as one run of lines."""
    book = BookFigures()
    previous = False  # the last line before this page was hyphenated
    total = squares = 0
    exact = True
    for page in pages:
        book.justified += len(page.spaces)
        book.hyphenated += page.hyphenated
        book.overfull += page.overfull
        if page.last_hyphenated is not None:
            book.consecutive_hyphens += page.in_a_row + (previous and page.first_hyphenated)
            previous = page.last_hyphenated
        if page.sums is None:
            exact = False
        elif exact:
            total += page.sums[0]
            squares += page.sums[1]
    if book.justified > 1:
        spaces = [x for page in pages for x in page.spaces]
        n = len(spaces)
        if exact:
            # The mean square deviation (n Σx² − (Σx)²) / n², exactly, as statistics has it.
            mss = Fraction(n * squares - total * total, n * n << 2 * SCALE)
            deviation = _sqrt_of_fraction(mss.numerator, mss.denominator)
        else:
            deviation = statistics.pstdev(spaces)
        book.word_space_spread = deviation / statistics.median(spaces)
    return book


def _sqrt_of_fraction(n: int, m: int) -> float:
    """The square root of n/m as a float, correctly rounded (``statistics``' own way)."""
    q = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if q >= 0:
        numerator, denominator = _isqrt_rto(n, m << 2 * q) << q, 1
    else:
        numerator, denominator = _isqrt_rto(n << -2 * q, m), 1 << -q
    return numerator / denominator


def _isqrt_rto(n: int, m: int) -> int:
    """The square root of n/m rounded to an integer by round-to-odd."""
    a = math.isqrt(n // m)
    return a | (a * a * m != n)
