"""Place a chunk's blocks in the text: positions relative to where the chunk stands.

Takes a ``Chunk`` read as if it began the text (``markdown_stages``); gives its
events and the notes it defines as placed in the text (``Placement``), and its
credit records moved there (``placed_records``). A placement's positions are
``PlacedPos``: the chunk's own position plus the placement's ``Base``, so moving
the chunk after an edit before it moves its base, not its blocks: the blocks
keep their objects from one parse to the next (the typography and layout memos
then see the same objects, and compare them by identity).

A document's positions are therefore live: those of the last text its parser
placed the chunk in. ``move_bases`` moves all of a parse's bases at once, and
a reader on another thread (the preview's panels) holds ``positions_steady``
while it reads a document's positions: it never sees some chunks moved and
others not.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Callable, Iterator
from typing import Any

from layout_studio.model import (
    Credit,
    CreditMark,
    Footnote,
    Heading,
    Inline,
    Paragraph,
    SceneBreak,
    SourcePos,
)
from layout_studio.sources.markdown import Event
from layout_studio.sources.markdown_stages import Chunk
from layout_studio.sources.report import CreditRecord


class Base:
    """Where a placed chunk starts: the lines and characters before it (changed by a move)."""

    __slots__ = ("line", "offset")

    def __init__(self, line: int, offset: int) -> None:
        self.line = line
        self.offset = offset


_MOVING = threading.Lock()


@contextlib.contextmanager
def positions_steady() -> Iterator[None]:
    """While held, no parse moves a placed chunk: a document's positions read as one text's."""
    with _MOVING:
        yield


def move_bases(moves: list[tuple[Base, int, int]]) -> None:
    """Set each base to its new line and offset, all at once between two readers."""
    with _MOVING:
        for base, line, offset in moves:
            base.line, base.offset = line, offset


class PlacedPos(SourcePos):
    """A position in a placed chunk: its place in the chunk plus the chunk's ``Base``.

    Reads, compares, prints and pickles as the ``SourcePos`` a whole parse gives
    (``line``, ``offset``: as the base stands now). A document's positions are
    those of the last text its parser placed the chunk in.
    """

    __slots__ = ("_base", "_in_chunk")
    _base: Base
    _in_chunk: SourcePos

    def __init__(self, in_chunk: SourcePos, base: Base) -> None:
        # Set past the frozen dataclass's guard, as its own ``__init__`` does.
        object.__setattr__(self, "column", in_chunk.column)
        object.__setattr__(self, "_in_chunk", in_chunk)
        object.__setattr__(self, "_base", base)

    @property
    def line(self) -> int:  # noqa: D102
        return self._in_chunk.line + self._base.line

    @property
    def offset(self) -> int:  # noqa: D102
        return self._in_chunk.offset + self._base.offset

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourcePos):
            return NotImplemented
        return (self.line, self.column, self.offset) == (other.line, other.column, other.offset)

    def __hash__(self) -> int:
        return hash((self.line, self.column, self.offset))

    def __repr__(self) -> str:
        return f"SourcePos(line={self.line!r}, column={self.column!r}, offset={self.offset!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return SourcePos, (self.line, self.column, self.offset)


def _setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The slots' own setters of the frozen dataclass ``cls``, its fields in order.

    Its generated ``__init__`` sets each field through ``object.__setattr__``
    (the frozen guard), twice as slow. The model's classes have no
    ``__post_init__``; the tests compare the objects' reprs with a full parse.
    """
    assert not hasattr(cls, "__post_init__")
    return tuple(getattr(cls, f.name).__set__ for f in dataclasses.fields(cls))


_new = object.__new__
_CREDIT = _setters(Credit)
(_MARK,) = _setters(CreditMark)
_PARAGRAPH = _setters(Paragraph)


def _new_credit(c: Credit, source: SourcePos | None) -> CreditMark:
    """A mark of ``c`` with its position moved to ``source``."""
    credit = _new(Credit)
    name, affiliation, at, confidence, raw = _CREDIT
    name(credit, c.name), affiliation(credit, c.affiliation), at(credit, source)
    confidence(credit, c.confidence), raw(credit, c.raw)
    mark = _new(CreditMark)
    _MARK(mark, credit)
    return mark


def _new_paragraph(spans: tuple[Inline, ...], source: SourcePos | None) -> Paragraph:
    para = _new(Paragraph)
    _PARAGRAPH[0](para, spans), _PARAGRAPH[1](para, source)
    return para


@dataclasses.dataclass(frozen=True, slots=True)
class Placement:
    """A chunk placed in the text: its events and the notes it defines, positioned by ``base``."""

    chunk: Chunk
    base: Base
    events: tuple[Event, ...]
    definitions: tuple[Footnote, ...]


class _Placer:
    """Makes a chunk's events again, their positions relative to a ``Base``."""

    def __init__(self, base: Base) -> None:
        self.base = base

    def pos(self, pos: SourcePos | None) -> SourcePos | None:
        """``pos`` placed (None stays None)."""
        return None if pos is None else PlacedPos(pos, self.base)

    def spans(self, spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """``spans`` with their credits' positions placed."""
        return tuple(
            [
                _new_credit(s.credit, self.pos(s.credit.source)) if type(s) is CreditMark else s
                for s in spans
            ]
        )

    def event(self, event: Event, credited: bool) -> Event:
        """``event`` placed (``credited``: its spans hold a credit)."""
        kind, block = event[0], event[1]
        if kind == "credited":
            spans = self.spans(block.spans)
            last = spans[-1]  # the closing credit is most often the paragraph's last span
            if type(last) is not CreditMark:
                last = [s for s in spans if type(s) is CreditMark][-1]
            return ("credited", _new_paragraph(spans, self.pos(block.source)), last.credit)
        if kind == "block":
            if type(block) is Paragraph:
                spans = self.spans(block.spans) if credited else block.spans
                return ("block", _new_paragraph(spans, self.pos(block.source)))
            if type(block) is Heading:
                spans = self.spans(block.spans) if credited else block.spans
                return ("block", Heading(block.level, spans, self.pos(block.source)))
            return ("block", SceneBreak(self.pos(block.source)))
        if kind == "h1":
            return ("h1", block, event[2], self.pos(event[3]))
        return event  # the front matter has no position

    def note(self, note: Footnote) -> Footnote:
        """A note defined in the chunk, placed."""
        paragraphs = tuple(
            _new_paragraph(
                self.spans(p.spans) if any(type(s) is CreditMark for s in p.spans) else p.spans,
                self.pos(p.source),
            )
            for p in note.paragraphs
        )
        return Footnote(note.label, paragraphs)


def place(chunk: Chunk, line: int, offset: int) -> Placement:
    """``chunk`` placed after ``line`` line breaks and ``offset`` characters."""
    placer = _Placer(Base(line, offset))
    events = tuple(map(placer.event, chunk.events, chunk.credited))
    return Placement(chunk, placer.base, events, tuple(map(placer.note, chunk.definitions)))


def placed_records(chunk: Chunk, line: int, offset: int, index: int) -> tuple[CreditRecord, ...]:
    """The chunk's credit records, numbered after ``index`` others and moved as its events."""
    if not (line or offset or index):
        return chunk.records
    return tuple(
        CreditRecord(
            r.index + index,
            r.name,
            r.affiliation,
            r.raw,
            r.confidence,
            r.needs_review,
            r.line + line if r.line else 0,  # 0: a credit without a position
            r.column,
            r.offset + offset if r.line else 0,
        )
        for r in chunk.records
    )
