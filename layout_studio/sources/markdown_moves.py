"""Move a chunk's blocks further down the text: its positions and credit numbers shifted.

Takes a ``Chunk`` read as if it began the text (``markdown_stages``); gives its
events, the notes it defines and its credit records as they are where the
chunk stands in the text (``Mover``, ``placed_records``). Only positions
change: the rest of each block is shared with the chunk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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


def _setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The slots' own setters of the frozen dataclass ``cls``, its fields in order.

    Its generated ``__init__`` sets each field through ``object.__setattr__``
    (the frozen guard), twice as slow: moving a chunk makes five objects per
    paragraph, for every chunk after an edit. The model's classes have no
    ``__post_init__``; the tests compare the objects' reprs with a full parse.
    """
    assert not hasattr(cls, "__post_init__")
    return tuple(getattr(cls, f.name).__set__ for f in dataclasses.fields(cls))


_new = object.__new__
_POS = _setters(SourcePos)
_CREDIT = _setters(Credit)
(_MARK,) = _setters(CreditMark)
_PARAGRAPH = _setters(Paragraph)


def _new_pos(line: int, column: int, offset: int) -> SourcePos:
    pos = _new(SourcePos)
    _POS[0](pos, line), _POS[1](pos, column), _POS[2](pos, offset)
    return pos


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


# A chunk as placed in the text: the chunk, its events and the notes it defines.
Placed = tuple[Chunk, tuple[Event, ...], tuple[Footnote, ...]]


class Mover:
    """Makes a chunk's events again, their positions further down the text."""

    def __init__(self, line: int, offset: int) -> None:
        self.line = line
        self.offset = offset

    def pos(self, pos: SourcePos | None) -> SourcePos | None:
        """``pos`` moved (None stays None)."""
        if pos is None:
            return None
        return _new_pos(pos.line + self.line, pos.column, pos.offset + self.offset)

    def spans(self, spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """``spans`` with their credits' positions moved."""
        return tuple(
            [
                _new_credit(s.credit, self.pos(s.credit.source)) if type(s) is CreditMark else s
                for s in spans
            ]
        )

    def event(self, event: Event, credited: bool) -> Event:
        """``event`` moved (``credited``: its spans hold a credit)."""
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
        """A note defined in the chunk, moved."""
        paragraphs = tuple(
            _new_paragraph(
                self.spans(p.spans) if any(type(s) is CreditMark for s in p.spans) else p.spans,
                self.pos(p.source),
            )
            for p in note.paragraphs
        )
        return Footnote(note.label, paragraphs)

    def chunk(self, chunk: Chunk) -> Placed:
        """The chunk with its events and the notes it defines, moved."""
        if not (self.line or self.offset):
            return chunk, chunk.events, chunk.definitions
        events = tuple(map(self.event, chunk.events, chunk.credited))
        return chunk, events, tuple(map(self.note, chunk.definitions))


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
