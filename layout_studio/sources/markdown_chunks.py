"""Parse successive versions of one Markdown text, redoing only the parts an edit changed.

Takes ``DecodedText``s (the live preview's text after each edit); gives the
``ImportResult`` that ``import_markdown`` gives for the same text, document,
positions and report included. The text is cut into chunks where a
top-level block is sure to start (``chunk_starts``); a chunk seen in the
previous version is not parsed again, only moved: the positions and credit
numbers of its blocks are shifted by what comes before it. Link reference
definitions and footnotes are read across the whole text (a definition can
be anywhere, notes are numbered in call order): when any chunk holds one,
the whole text is parsed as ``import_markdown`` does.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio.model import (
    Credit,
    CreditMark,
    Document,
    Heading,
    Inline,
    Paragraph,
    SceneBreak,
    SourcePos,
)
from layout_studio.sources.markdown import (
    MAX_ATTRIBUTE_SPANS,
    Event,
    _Builder,
    _defuse,
    assemble,
    import_markdown,
    markdown_parser,
)
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import CreditRecord, ImportReport, ImportResult

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A blank line or more, then a line that can only open a new top-level block:
# not indented (code, list or note continuation), not a list item or a block
# quote (a list goes on after a blank line), not a digit ("1." items).
_CUT = re.compile(r"\n(?:[ \t]*\n)+(?=[^\s>*+\-0-9])")
# A block attributes line and the blank lines after it: it gives its attributes
# to the next block, even past blank lines, so no cut there.
# (From a line break: a pattern that starts with one is searched for quickly.)
_AFTER_ATTRS = re.compile(r"\n[ \t]*\{[^\n]*\n(?:[ \t]*\n)+")
# Anything that may be a code fence, in any container.
_FENCE_LIKE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})", re.MULTILINE)
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)")


def chunk_starts(text: str) -> list[int]:
    """Offsets where ``text`` may be cut so that each piece parses as it does in the whole.

    Always starts with 0. A cut comes after a blank line, before a line that
    opens a top-level block, outside the front matter and any fenced code,
    and not after a block attributes line. Where in doubt (a fence in a list
    or a quote, a front matter whose end is unclear, a carriage return), no
    cut: the pieces are only bigger.
    """
    floor = _front_matter_end(text)
    if floor is None or "\r" in text:
        return [0]  # markdown-it breaks lines at a carriage return too: its lines are not ours
    cuts = [m.end() for m in _CUT.finditer(text, floor)]
    barred = {m.end() for m in _AFTER_ATTRS.finditer("\n" + text, floor)}
    barred = {at - 1 for at in barred}  # the first line too, as if after a line break
    if barred:
        cuts = [at for at in cuts if at not in barred]
    # Substring tests: far quicker than a pattern over the whole text.
    if "```" in text or "~~~" in text:
        fenced = _fenced_spans(text, floor)
        if fenced is None:
            return [0]
        inside = [False] * len(cuts)
        for first, end in fenced:
            for i in range(bisect.bisect_right(cuts, first), bisect.bisect_left(cuts, end)):
                inside[i] = True
        cuts = [at for at, fenced_in in zip(cuts, inside, strict=True) if not fenced_in]
    return [0, *cuts]


def _front_matter_end(text: str) -> int | None:
    """Where the front matter surely ended (0 without one); None if unclear."""
    if not text.startswith("-"):
        return 0
    lines = text.split("\n", 1)[0]
    dashes = len(lines) - len(lines.lstrip("-"))
    if dashes < 3:
        return 0
    # The plugin closes on the first line of >= ``dashes`` dashes or "...": the first
    # line that may close it (loose) must be one that surely closes it (strict).
    loose = re.compile(rf"^[ \t]*(?:-{{{dashes}}}|\.\.\.)", re.MULTILINE)
    strict = re.compile(rf"^(?:-{{{dashes},}}|\.\.\.)[ \t]*$", re.MULTILINE)
    first = loose.search(text, len(lines) + 1)
    if first is None:
        return None
    sure = strict.match(text, first.start())
    if sure is None:
        return None
    end = text.find("\n", sure.end())
    return len(text) if end < 0 else end + 1


def _fenced_spans(text: str, start: int) -> list[tuple[int, int]] | None:
    """The fenced code blocks after ``start`` as (first line, end) offsets; None if unclear.

    Only fences at the start of a line are followed (they open at the top
    level, whatever came before); a fence-like line elsewhere makes the rest
    of the text one span, since it may open or close a fence in a list.
    """
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str, int] | None = None  # offset, marker character, length
    for m in _FENCE_LIKE.finditer(text, start):
        line_end = text.find("\n", m.start())
        line = text[m.start() : len(text) if line_end < 0 else line_end]
        if line[0] in " \t>":
            spans.append((m.start(), len(text) + 1))
            return spans if opened is None else [*spans[:-1], (opened[0], len(text) + 1)]
        found = _FENCE_OPEN.match(line)
        if found is None:  # pragma: no cover - the pattern above matched
            return None
        marker, rest = found.groups()
        if opened is None:
            if marker[0] == "`" and "`" in rest:
                spans.append((m.start(), len(text) + 1))  # not a fence: keep it whole
                return spans
            opened = (m.start(), marker[0], len(marker))
        elif marker[0] == opened[1] and len(marker) >= opened[2] and not rest.strip(" \t"):
            spans.append((opened[0], m.end()))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(text) + 1))  # never closed: code to the end
    return spans


@functools.cache
def _chunk_parser() -> MarkdownIt:
    return markdown_parser()


@dataclass(frozen=True, slots=True)
class _Chunk:
    """One chunk read on its own: events and credits placed as if it began the text."""

    events: tuple[Event, ...]
    credited: tuple[bool, ...]  # whether each event's spans hold a credit (its position moves)
    records: tuple[CreditRecord, ...]
    notes: tuple[str, ...]
    spans_as_text: int
    lines: int  # line breaks in it
    whole_text: bool  # it has footnotes or link references: parse the whole text

    def placed(self, move: _Mover) -> tuple[Event, ...]:
        """Its events, ``move.line`` lines and ``move.offset`` characters further on."""
        if not (move.line or move.offset):
            return self.events
        return tuple(map(move.event, self.events, self.credited))

    def placed_records(self, line: int, offset: int, index: int) -> tuple[CreditRecord, ...]:
        """Its credit records, numbered after ``index`` others and moved as ``placed``."""
        if not (line or offset or index):
            return self.records
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
            for r in self.records
        )


def _read(piece: str, path: Path) -> _Chunk:
    """Parse one chunk alone."""
    defused, spans_as_text = _defuse(piece)
    env: dict[str, Any] = {}
    tokens = _chunk_parser().parse(defused, env)
    decoded = DecodedText(path, piece, "utf-8", False, "lf")
    report = ImportReport.for_source(decoded, "md")
    events = _Builder(decoded, report).events(tokens)
    return _Chunk(
        events=tuple(events),
        credited=tuple(_has_credit(e) for e in events),
        records=tuple(report.credits),
        notes=tuple(report.notes),
        spans_as_text=spans_as_text,
        lines=piece.count("\n"),
        whole_text=_global(env),
    )


def _global(env: dict[str, Any]) -> bool:
    """Whether a chunk's parse found what the whole text shares: link references, notes."""
    notes = env.get("footnotes") or {}
    return bool(env.get("references") or notes.get("refs") or notes.get("list"))


def _has_credit(event: Event) -> bool:
    block = event[1]
    spans = block.spans if isinstance(block, Paragraph | Heading) else ()
    return any(isinstance(s, CreditMark) for s in spans)


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


class _Mover:
    """Makes a chunk's events again, their positions further down the text."""

    def __init__(self, line: int, offset: int) -> None:
        self.line = line
        self.offset = offset

    def pos(self, pos: SourcePos | None) -> SourcePos | None:
        if pos is None:
            return None
        return _new_pos(pos.line + self.line, pos.column, pos.offset + self.offset)

    def spans(self, spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return tuple(
            [
                _new_credit(s.credit, self.pos(s.credit.source)) if type(s) is CreditMark else s
                for s in spans
            ]
        )

    def event(self, event: Event, credited: bool) -> Event:
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


class IncrementalMarkdown:
    """Parses successive versions of one text, reading again only the chunks it did not see.

    ``parse`` gives what ``import_markdown`` gives. Not thread-safe: one per
    worker. Memory follows the last text: only its chunks are kept.
    """

    def __init__(self) -> None:
        self._chunks: dict[str, _Chunk] = {}
        # Each chunk's events as placed in the last text, by (text, line, offset).
        self._placed: dict[tuple[str, int, int], tuple[Event, ...]] = {}
        self.reused = 0  # chunks of the last parse not parsed again (for tests)
        self.whole = False  # whether the last parse read the whole text at once

    def parse(self, decoded: DecodedText) -> ImportResult:
        """What ``import_markdown(decoded)`` gives."""
        return self._parse(decoded, records=True)

    def document(self, decoded: DecodedText) -> Document:
        """What ``import_markdown(decoded).document`` is, without the report's credit list."""
        return self._parse(decoded, records=False).document

    def _parse(self, decoded: DecodedText, *, records: bool) -> ImportResult:
        text = decoded.text
        starts = chunk_starts(text)
        pieces = [text[a:b] for a, b in itertools.pairwise([*starts, len(text)])]
        known = self._chunks
        found = [known.get(piece) for piece in pieces]
        self.reused = len(pieces) - found.count(None)
        self.whole = any(chunk is not None and chunk.whole_text for chunk in found)
        if self.whole:
            # A known chunk holds a note or a link reference: the new chunks are read
            # when a later text needs them (a book with notes is parsed whole each time).
            self._chunks = {p: c for p, c in zip(pieces, found, strict=True) if c is not None}
            self._placed = {}
            return import_markdown(decoded)
        chunks = dict[str, _Chunk]()
        read: list[_Chunk] = []
        for piece, chunk in zip(pieces, found, strict=True):
            if chunk is None:
                chunk = chunks.get(piece) or _read(piece, decoded.path)
            chunks[piece] = chunk
            read.append(chunk)
        self._chunks = chunks
        self.whole = any(chunk.whole_text for chunk in read)
        if self.whole:
            self._placed = {}
            return import_markdown(decoded)
        report = ImportReport.for_source(decoded, "md")
        spans_as_text = sum(chunk.spans_as_text for chunk in read)
        if spans_as_text:
            report.notes.append(
                f"{spans_as_text} attribut(s) entre accolades gardé(s) comme texte : plus de "
                f"{MAX_ATTRIBUTE_SPANS} dans un même paragraphe"
            )
        events: list[Event] = []
        placed_before, placed = self._placed, dict[tuple[str, int, int], tuple[Event, ...]]()
        line = 0
        move = _Mover(0, 0)
        for start, piece, chunk in zip(starts, pieces, read, strict=True):
            key = (piece, line, start)
            done = placed_before.get(key) or placed.get(key)
            if done is None:
                move.line, move.offset = line, start
                done = chunk.placed(move)
            placed[key] = done
            events += done
            if records:
                report.credits += chunk.placed_records(line, start, len(report.credits))
            report.notes += chunk.notes
            line += chunk.lines
        self._placed = placed
        document = assemble(events, report)
        return ImportResult(document=document, report=report)
