"""Pieces shared by the typesetter, its generated matter and page assembly.

Takes nothing of its own: gives the ``Flow`` (a run of pages), ``Fixed``
(a page drawn at fixed positions) and ``Passage`` (a credited contribution)
records, and small helpers to move glyph runs, name anchors and number pages.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from layout_studio.layout.flow import El
from layout_studio.layout.inline import Piece
from layout_studio.layout.page import (
    Anchor,
    GlyphRun,
    Glyphs,
    Link,
    PageItem,
    PlacedGlyph,
    Rule,
)
from layout_studio.model.document import Contribution, Credit, Mark, Paragraph, Section, Text


def roman(n: int) -> str:
    """Lower-case roman numerals (front-matter folios)."""
    values = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ]
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


@dataclass
class Flow:
    """A run of pages: a section or a generated part."""

    title: str
    kind: str  # front, body, back
    anchor: str
    els: list[El]
    heading: list[GlyphRun]  # heading runs, y relative to the text block top
    opening_y: float  # first baseline below the heading (from the page top)
    outline: bool = True
    running_title: str = ""
    # A paragraph (by ``El.para``) set one line longer (+1) or shorter (-1), or
    # None when it cannot be: page assembly tries them to fill a short page.
    variants: dict[int, Callable[[int], list[El] | None]] = field(default_factory=dict)
    # What the lines are, for an incremental typesetter: equal keys, equal lines (None: unknown).
    key: int | None = None
    # What paginating the lines reads (heights, breaks allowed, anchors' names), for an
    # incremental typesetter: equal shapes, equal pages (None: unknown).
    shape: object = None


def index_anchor(passage: str, name: bool = False) -> str:
    """The anchor of an index line: a person's name (``name``) or an entry, by passage."""
    return f"ix{'n' if name else 'e'}-{passage}"


@dataclass
class Fixed:
    """A generated page drawn at fixed positions (half-title, title, colophon)."""

    kind: str
    items: list[PageItem]
    recto: bool | None = None  # required side, if any
    show_folio: bool = False
    name: str = ""  # its anchor: the EPUB's page-list finds the page by it


@dataclass
class Passage:
    """A credited contribution: its anchor, first words and page once placed."""

    credit: Credit
    anchor: str
    incipit: tuple[Text, ...]  # the first words, with their superscripts
    page: int = -1


def section_paragraphs(section: Section) -> list[Paragraph]:
    """Every paragraph of a section, contributions included."""
    out: list[Paragraph] = []
    for block in section.blocks():
        if isinstance(block, Paragraph):
            out.append(block)
    return out


def incipit(contribution: Contribution, words: int = 6) -> str:
    """The passage's first words ("Il était une fois un Community…"), or its credit."""
    return "".join(span.text for span in incipit_spans(contribution, words))


def incipit_spans(contribution: Contribution, words: int = 6) -> tuple[Text, ...]:
    """The first words with their marks (``1^er``, ``XXI^e``), or the credit as one run.

    Runs are joined as they are (a space between "1" and "er" would split 1er);
    a run of spaces becomes one space, a lone no-break space stays one.
    """
    for block in contribution.blocks:
        if isinstance(block, Paragraph):
            runs = [s for s in block.spans if isinstance(s, Text)]
            flat = "".join(s.text for s in runs)
            # Only the first words are read (a passage may open on a long paragraph).
            found = list(itertools.islice(_WORD.finditer(flat), words + 1))
            if not found:
                return ()
            starts = list(itertools.accumulate((len(s.text) for s in runs), initial=0))

            def mark(
                i: int, runs: list[Text] = runs, starts: list[int] = starts
            ) -> frozenset[Mark]:
                return runs[bisect.bisect_right(starts, i) - 1].marks

            chars: list[tuple[str, frozenset[Mark]]] = []
            end = -1  # of the previous word
            for word in found[:words]:
                if end >= 0:
                    gap = flat[end : word.start()]
                    chars.append((gap if gap in ("\u00a0", "\u202f") else " ", mark(end)))
                chars.extend((flat[i], mark(i)) for i in range(word.start(), word.end()))
                end = word.end()
            while chars and chars[-1][0] in _TRAILING:
                chars.pop()
            if len(found) > words:
                chars.append(("…", chars[-1][1] - {Mark.SUPERSCRIPT} if chars else frozenset()))
            return tuple(
                Text("".join(c for c, _ in group), m)
                for m, group in itertools.groupby(chars, key=lambda cm: cm[1])
            )
    return (Text(contribution.credit.label),)


_WORD = re.compile(r"\S+")
_TRAILING = ",;:.!?\u00a0\u202f"


def shift_runs(runs: Sequence[GlyphRun], dx: float, dy: float) -> list[GlyphRun]:
    """Glyph runs moved by (dx, dy)."""
    # Direct construction: dataclasses.replace costs 3x more, and pages hold many runs.
    return [
        GlyphRun(r.x + dx, r.y + dy, r.font, r.size, r.color, r.glyphs, r.angle, r.hscale)
        for r in runs
    ]


def shift_items(items: Sequence[PageItem], dx: float, dy: float) -> list[PageItem]:
    """Page items moved by (dx, dy)."""
    out: list[PageItem] = []
    for it in items:
        if isinstance(it, Rule):
            out.append(replace(it, x0=it.x0 + dx, x1=it.x1 + dx, y0=it.y0 + dy, y1=it.y1 + dy))
        elif isinstance(it, Link | Anchor):
            out.append(replace(it, x=it.x + dx, y=it.y + dy))
        else:
            out.append(replace(it, x=it.x + dx, y=it.y + dy))
    return out


# Each piece's packed glyphs, by piece (kept with it: the id stays its own). Pieces
# are shared (``inline.shape_pieces``): a book's folios and dots are packed once.
_GLYPHS: dict[int, tuple[Piece, Glyphs]] = {}


def piece_run(piece: Piece, x: float, y: float) -> GlyphRun:
    """One shaped piece as a glyph run with its baseline at ``y``."""
    hit = _GLYPHS.get(id(piece))
    if hit is None or hit[0] is not piece:
        if len(_GLYPHS) > 20000:
            _GLYPHS.clear()
        hit = _GLYPHS[id(piece)] = (piece, _piece_glyphs(piece))
    return GlyphRun(x, y - piece.rise, piece.font, piece.size, piece.color, hit[1])


def _piece_glyphs(piece: Piece) -> Glyphs:
    scale = piece.size / piece.font.units_per_em
    glyphs = []
    pen = 0.0
    for g, text in zip(piece.glyphs, piece.texts, strict=True):
        glyphs.append(PlacedGlyph(g.gid, pen, g.advance * scale, g.dx * scale, -g.dy * scale, text))
        pen += g.advance * scale
    return Glyphs.of(glyphs)
