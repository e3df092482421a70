"""Parse successive versions of one Markdown text, redoing only the parts an edit changed.

Takes ``DecodedText``s (the live preview's text after each edit); gives the
``ImportResult`` that ``import_markdown`` gives for the same text, document,
positions and report included. The text is cut into chunks where a
top-level block is sure to start (``chunk_starts``); a chunk seen in the
previous version is not parsed again, only moved: its blocks' positions
follow the base of its placement (``markdown_moves``), so its blocks stay the
same objects, and its credit numbers are shifted by what comes before it. An
edited text is cut again only around the edit (``markdown_recut``). Link reference
and note definitions are read across the whole text (``markdown_stages``):
each chunk is read knowing those it may use, and read again only when one of
them comes or goes; the notes are numbered by first call once the chunks are
put end to end, their credits counted last, as in a whole parse.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio.checkpoint import checkpoint
from layout_studio.model import Document, Footnote
from layout_studio.sources.markdown import (
    _LONE_CR,
    MAX_ATTRIBUTE_SPANS,
    Event,
    SectionMemo,
    assemble,
)
from layout_studio.sources.markdown_moves import (
    Base,
    Placement,
    move_bases,
    place,
    placed_records,
)
from layout_studio.sources.markdown_stages import (
    Chunk,
    Scan,
    may_use,
    note_records,
    number_notes,
    scan,
)
from layout_studio.sources.markdown_stages import read as read_chunk
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import ImportReport, ImportResult

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

# A blank line or more, then a line that can only open a new top-level block:
# not indented (code, list or note continuation), not a list item or a block
# quote (a list goes on after a blank line), not a digit ("1." items).
_CUT = re.compile(r"\n(?:[ \t]*\n)+(?=[^\s>*+\-0-9])")
# A block attributes line gives its attributes to the next block's token, past
# blank lines and link reference definitions (they make none): no cut from it
# to the next line that is neither blank nor in a paragraph opening with "[".
# Each line is matched from the line break before it, so the last one is left
# for the next match (attributes lines may follow each other). (From a line
# break: a pattern that starts with one is searched for quickly.)
_AFTER_ATTRS = re.compile(
    r"\n[ \t]*\{[^\n]*(?:\n[ \t]*(?=\n|\Z)|\n {0,3}\[[^\n]*(?:\n[ \t]*\S[^\n]*)*)*"
)
# Anything that may be a code fence, in any container.
_FENCE_LIKE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})", re.MULTILINE)
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)")


def chunk_starts(text: str) -> list[int]:
    """Offsets where ``text`` may be cut so that each piece parses as it does in the whole.

    Always starts with 0. A cut comes after a blank line, before a line that
    opens a top-level block, outside the front matter and any fenced code,
    and not where a block attributes line reaches (its next block, past blank
    lines and link reference definitions). Where in doubt (a fence in a list
    or a quote, a front matter whose end is unclear, a carriage return), no
    cut: the pieces are only bigger.
    """
    floor = _front_matter_end(text)
    if floor is None or "\r" in text:
        return [0]  # markdown-it breaks lines at a carriage return too: its lines are not ours
    cuts = [m.end() for m in _CUT.finditer(text, floor)]
    # The first line too, as if after a line break: offsets one further in "\n" + text.
    reaches = [(m.start(), m.end()) for m in _AFTER_ATTRS.finditer("\n" + text, floor)]
    if reaches:
        barred = [False] * len(cuts)
        for first, last in reaches:  # the line after ``first`` to the one after ``last``
            for i in range(bisect.bisect_right(cuts, first), bisect.bisect_right(cuts, last)):
                barred[i] = True
        cuts = [at for at, no in zip(cuts, barred, strict=True) if not no]
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


_NONE: frozenset[str] = frozenset()
# A piece of text as last read: its scan, its chunk (None: not read yet), and the
# note labels and link reference labels it was read with (those it may use).
_Known = tuple[Scan, Chunk | None, frozenset[str], frozenset[str]]


class IncrementalMarkdown:
    """Parses successive versions of one text, reading again only the chunks it did not see.

    ``parse`` gives what ``import_markdown`` gives. Not thread-safe: one per
    worker. Memory follows the last text: only its chunks are kept.
    """

    def __init__(self) -> None:
        self._known: dict[str, _Known] = {}
        # The last text's note labels and link reference labels: its chunks were read for them.
        self._defined: tuple[frozenset[str], frozenset[str]] = (_NONE, _NONE)
        # Each chunk as placed in the last text, by (text, occurrence): moving one
        # (an edit before it) moves its base, and its blocks stay the same objects.
        self._placed: dict[tuple[str, int], Placement] = {}
        self._sections: SectionMemo = {}  # the last text's sections, by their events
        self.reused = 0  # chunks of the last parse not read again (for tests)
        # The last text, its cuts and pieces, and whether it holds no code fence.
        self._cut: tuple[str, list[int], list[str], bool] | None = None
        self.notes: list[str] = []  # the last parse's report notes (``document`` drops them)

    def parse(self, decoded: DecodedText) -> ImportResult:
        """What ``import_markdown(decoded)`` gives."""
        return self._parse(decoded, records=True)

    def document(self, decoded: DecodedText) -> Document:
        """What ``import_markdown(decoded).document`` is, without the report's credit list."""
        return self._parse(decoded, records=False).document

    def _parse(self, decoded: DecodedText, *, records: bool) -> ImportResult:
        if "\r" in decoded.text:  # as ``import_markdown``: a lone CR ends a line
            decoded = dataclasses.replace(decoded, text=_LONE_CR.sub("\n", decoded.text))
        from layout_studio.sources.markdown_recut import recut  # it reads this module's patterns

        text = decoded.text
        # From the last text's cuts: most of the pieces are the same objects.
        cut = self._cut
        again = recut(*cut[:3], text) if cut is not None and cut[3] else None
        if again is None:
            starts = chunk_starts(text)
            pieces = [text[a:b] for a, b in itertools.pairwise([*starts, len(text)])]
            unfenced = "```" not in text and "~~~" not in text
        else:
            (starts, pieces), unfenced = again, True
        self._cut = (text, starts, pieces, unfenced)
        read = self._read(pieces, decoded.path)
        report = ImportReport.for_source(decoded, "md")
        spans_as_text = sum(chunk.spans_as_text for chunk in read)
        if spans_as_text:
            report.notes.append(
                f"{spans_as_text} attribut(s) entre accolades gardé(s) comme texte : plus de "
                f"{MAX_ATTRIBUTE_SPANS} dans un même paragraphe"
            )
        events: list[Event] = []
        definitions: dict[str, Footnote] = {}
        placed_before, placed = self._placed, dict[tuple[str, int], Placement]()
        seen: dict[str, int] = {}
        moves: list[tuple[Base, int, int]] = []
        line = 0
        for start, piece, chunk in zip(starts, pieces, read, strict=True):
            # The n-th chunk of this text keeps its placement (the same blocks), moved.
            n = seen.get(piece, 0)
            seen[piece] = n + 1
            key = (piece, n)
            done = placed_before.get(key)
            if done is None or done.chunk is not chunk:  # new, or read again
                done = place(chunk, line, start)
            else:  # moved below, all at once: another thread may be reading positions
                moves.append((done.base, line, start))
            placed[key] = done
            events += done.events
            if done.definitions:
                for note in done.definitions:  # the last definition of a label gives its text
                    definitions[note.label] = note
            if records:
                report.credits += placed_records(chunk, line, start, len(report.credits))
            report.notes += chunk.notes
            line += chunk.lines
        move_bases(moves)
        self._placed = placed
        notes = number_notes((chunk.calls for chunk in read if chunk.calls), definitions)
        events += [("footnote", note) for note in notes]
        if records and notes:
            report.credits += note_records(notes, len(report.credits))
        sections: SectionMemo = {}
        document = assemble(events, report, (self._sections, sections))
        self._sections = sections
        self.notes = report.notes
        return ImportResult(document=document, report=report)

    def _read(self, pieces: list[str], path: Path) -> list[Chunk]:
        """Each piece's chunk, read with the definitions of the whole text it may use."""
        known, kept = self._known, dict[str, _Known]()
        states: dict[str, StateCore] = {}  # the block stage of the pieces scanned now
        found: list[_Known] = []
        unseen: list[int] = []  # the pieces not in the last text
        defining: list[Scan] = []
        for i, piece in enumerate(pieces):
            checkpoint()
            entry = known.get(piece)
            if entry is None:
                entry = kept.get(piece)
                if entry is None:
                    scanned, states[piece] = scan(piece)
                    entry = (scanned, None, _NONE, _NONE)
                unseen.append(i)
            kept[piece] = entry
            if entry[0].defines:
                defining.append(entry[0])
            found.append(entry)
        # The whole text's definitions (a label's first link reference definition wins).
        notes = frozenset(label for s in defining for label in s.notes)
        references: dict[str, Any] = {}
        for s in defining:
            for label, value in s.references.items():
                references.setdefault(label, value)
        labels = frozenset(references)
        defined = (notes, labels)
        same = defined == self._defined
        # What each chunk may use changes only with the definitions: most edits, only
        # the pieces not seen are read.
        todo = unseen if same else range(len(pieces))
        read: list[Chunk | None] = [entry[1] for entry in found]
        self.reused = len(pieces) - len(todo)
        read_now: set[str] = set()
        for i in todo:
            piece = pieces[i]
            settled = kept[piece]
            if piece in read_now or (not same and settled is not found[i]):  # seen twice
                read[i] = settled[1]
                self.reused += piece not in read_now
                continue
            scanned, chunk, calls_before, named_before = settled
            calls = scanned.calls & notes if scanned.calls and notes else _NONE
            if not labels:
                named = _NONE
            elif chunk is not None and labels == self._defined[1]:
                named = named_before
            else:
                named = may_use(scanned, labels)
            if chunk is None or calls != calls_before or named != named_before:
                state = states.pop(piece, None)
                used = {n: references[n] for n in named}
                chunk = read_chunk(piece, scanned, state, calls, used, path)
                read_now.add(piece)
            else:
                self.reused += 1
            kept[piece] = (scanned, chunk, calls, named)
            read[i] = chunk
        self._known, self._defined = kept, defined
        return read  # type: ignore[return-value]
