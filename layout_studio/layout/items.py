"""The node types of the line breaker, in one place (as in SILE and TeX).

Takes nothing; gives ``Box`` (fixed-width material), ``Glue`` (a space that
stretches and shrinks), ``Penalty`` (a possible break with a cost; flagged
for hyphens) and ``INFINITY``, TeX's 10000.
"""

from __future__ import annotations

from dataclasses import dataclass

INFINITY = 10000.0


@dataclass(frozen=True, slots=True)
class Box:
    """Unbreakable material: a word, a syllable, a credit."""

    width: float
    content: str = ""
    payload: object = None  # what to draw (shaped pieces), opaque to the breaker
    stretch: float = 0.0  # font expansion, as pdfTeX's: how much wider the glyphs may be set
    shrink: float = 0.0
    tracking: float = 0.0  # of stretch and shrink, the part letter-spacing takes (points)


@dataclass(frozen=True, slots=True)
class Glue:
    """Space with natural width, stretchability and shrinkability."""

    width: float
    stretch: float
    shrink: float
    payload: object = None  # the space glyph to draw, if any


@dataclass(frozen=True, slots=True)
class Penalty:
    """A legal break point costing ``penalty``; ``flagged`` marks hyphen breaks."""

    width: float
    penalty: float
    flagged: bool = False
    payload: object = None  # the hyphen drawn when breaking here


Item = Box | Glue | Penalty


def paragraph_end() -> list[Item]:
    """TeX's parfillskip glue and the forced break that end a paragraph."""
    return [Penalty(0, INFINITY), Glue(0, 100000.0, 0), Penalty(0, -INFINITY, True)]
