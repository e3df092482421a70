"""Read one chunk of a Markdown text as a parse of the whole text reads it, definitions included.

Takes a chunk cut by ``markdown_chunks``; gives first its ``Scan`` (markdown-it's
block stage: the note and link reference definitions it holds, the labels it
may call), then, once the definitions of the whole text are known, its ``Chunk``
(the inline stage, run with what a whole parse would know of the labels the
chunk may use: its events, credits, the notes it calls and those it defines).
``number_notes`` puts the chunks' notes in the order of a whole parse: by first
call, the last definition of a label giving its text.

markdown-it reads definitions in the block stage, which sees nothing outside
the block, and looks them up in the inline stage: so a chunk's block tokens are
those of the whole text, and its inline tokens too once the ``env`` holds the
definitions it looks up. The footnote plugin's last stage (moving the notes to
the end, numbering them) is done here, per chunk, as the plugin does it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio.model import CreditMark, Footnote, Heading, Paragraph, SourcePos
from layout_studio.sources.credits import REVIEW
from layout_studio.sources.markdown import Event, _Builder, _defuse, markdown_parser
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import CreditRecord, ImportReport

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

# Where "[^label]" may call a note: the plugin reads a label up to "]", without
# a space or a line break (a lookahead: "[^a[^b]" may call "a[^b" or "b").
_CALL = re.compile(r"(?=\[\^([^\] \n]+)\])")


@functools.cache
def _stages() -> tuple[MarkdownIt, MarkdownIt, MarkdownIt]:
    """Three parsers running the core rules before, at and after the inline stage.

    The footnote plugin's tail (its core rule after "inline") is done by ``_tail``.
    """
    parsers = markdown_parser(), markdown_parser(), markdown_parser()
    names = [rule.name for rule in parsers[0].core.ruler.__rules__]
    inline, tail = names.index("inline"), names.index("footnote_tail")
    parts = (names[:inline], names[inline:tail], names[tail + 1 :])
    for parser, kept in zip(parsers, parts, strict=True):
        parser.core.ruler.enableOnly(kept)
    return parsers


@dataclass(frozen=True, slots=True)
class Scan:
    """One chunk after the block stage: what it defines and what it may look up."""

    defused: str  # the chunk as parsed (see ``markdown._defuse``)
    spans_as_text: int
    notes: tuple[str, ...]  # labels of the notes it defines
    references: Mapping[str, Any]  # its link reference definitions, by normalised label
    calls: frozenset[str]  # labels its "[^…]" may call
    defines: bool  # whether it holds a note or a link reference definition


def scan(piece: str) -> tuple[Scan, StateCore]:
    """``piece`` through the block stage; the state is for ``read`` (once)."""
    from markdown_it.rules_core import StateCore

    defused, spans_as_text = _defuse(piece)
    blocks = _stages()[0]
    state = StateCore(defused, blocks, {})
    blocks.core.process(state)
    env = state.env
    notes = tuple(label[1:] for label in env.get("footnotes", {}).get("refs", {}))
    # What markdown-it's normaliser makes of the text, where the labels are read.
    normal = defused.replace("\0", "\ufffd") if "\0" in defused else defused
    calls = frozenset(_CALL.findall(normal)) if "[^" in normal else frozenset()
    references = env.get("references", {})
    found = Scan(defused, spans_as_text, notes, references, calls, bool(notes or references))
    return found, state


def may_use(found: Scan, labels: frozenset[str]) -> frozenset[str]:
    """Those of the link reference ``labels`` that a link in the chunk may name.

    A label is looked up normalised (trimmed, spaces collapsed, lower- then
    upper-cased, a per-character mapping): each of its words is then a piece
    of the chunk's text, so normalised. A label that may be used is kept.
    """
    if not labels or "[" not in found.defused:
        return frozenset()
    folded = found.defused.replace("\0", "\ufffd").lower().upper()
    return frozenset(label for label in labels if all(w in folded for w in label.split(" ")))


@dataclass(frozen=True, slots=True)
class Chunk:
    """One chunk read with the definitions it uses, placed as if it began the text."""

    events: tuple[Event, ...]
    credited: tuple[bool, ...]  # whether each event's spans hold a credit (its position moves)
    records: tuple[CreditRecord, ...]
    notes: tuple[str, ...]  # the report's notes
    spans_as_text: int
    lines: int  # line breaks in it
    # The notes it calls, in call order: a label, or an inline note (it has no position).
    calls: tuple[str | Footnote, ...]
    definitions: tuple[Footnote, ...]  # the notes it defines, the last of each label


def read(
    piece: str,
    found: Scan,
    state: StateCore | None,
    notes: Iterable[str],
    references: Mapping[str, Any],
    path: Path,
) -> Chunk:
    """The chunk ``found`` read with ``notes`` and ``references`` defined (those it may use).

    ``state`` is its block stage from ``scan``, or None to do it again.
    """
    if state is None:
        state = scan(piece)[1]
    _, inline, after = _stages()
    env = state.env
    footnotes = env.setdefault("footnotes", {})
    defined = footnotes.setdefault("refs", {})
    for label in notes:
        defined.setdefault(":" + label, -1)
    footnotes.setdefault("list", {})
    # The first definition of a label wins: an earlier chunk's, then its own.
    env["references"] = {**env.get("references", {}), **references}
    inline.core.process(state)
    body, definitions = _tail(state.tokens)
    inline_notes = {
        i: _inline_token(note["content"], note["tokens"])
        for i, note in footnotes["list"].items()
        if "tokens" in note
    }
    # The rules after the tail see the notes too, as in a whole parse.
    state.tokens = [
        *body,
        *(t for tokens in definitions.values() for t in tokens),
        *inline_notes.values(),
    ]
    after.core.process(state)
    decoded = DecodedText(path, piece, "utf-8", False, "lf")
    report = ImportReport.for_source(decoded, "md")
    events = _Builder(decoded, report).events(body)
    # Notes are read last in a whole parse: their credits are counted by ``note_records``.
    quiet = _Builder(decoded, ImportReport.for_source(decoded, "md"))

    def paragraphs(tokens: list[Token]) -> tuple[Paragraph, ...]:
        return tuple(
            Paragraph(quiet._inline(t), quiet._pos(t)) for t in tokens if t.type == "inline"
        )

    calls: list[str | Footnote] = [
        Footnote("None", paragraphs([inline_notes[i]])) if i in inline_notes else str(note["label"])
        for i, note in footnotes["list"].items()
    ]
    return Chunk(
        events=tuple(events),
        credited=tuple(_has_credit(e) for e in events),
        records=tuple(report.credits),
        notes=tuple(report.notes),
        spans_as_text=found.spans_as_text,
        lines=piece.count("\n"),
        calls=tuple(calls),
        definitions=tuple(Footnote(label, paragraphs(ts)) for label, ts in definitions.items()),
    )


def _inline_token(content: str, children: list[Token]) -> Token:
    """The paragraph the plugin makes of an inline note ("^[…]"): no position."""
    from markdown_it.token import Token

    token = Token("inline", "", 0)
    token.content, token.children = content, children
    return token


def _tail(tokens: list[Token]) -> tuple[list[Token], dict[str, list[Token]]]:
    """The tokens outside note definitions, and each label's definition (the last one).

    As the footnote plugin's ``footnote_tail`` filters them, to the letter: a
    definition inside another ends the outer one's tokens at its own end.
    """
    inside = False
    label = ""
    current: list[Token] = []
    definitions: dict[str, list[Token]] = {}
    body: list[Token] = []
    for tok in tokens:
        if tok.type == "footnote_reference_open":
            inside, current, label = True, [], tok.meta["label"]
        elif tok.type == "footnote_reference_close":
            inside = False
            definitions[label] = current
        elif inside:
            current.append(tok)
        else:
            body.append(tok)
    return body, definitions


def _has_credit(event: Event) -> bool:
    block = event[1]
    spans = block.spans if isinstance(block, Paragraph | Heading) else ()
    return any(isinstance(s, CreditMark) for s in spans)


def number_notes(
    calls: Iterable[Iterable[str | Footnote]], definitions: Mapping[str, Footnote]
) -> list[Footnote]:
    """The document's notes from each chunk's calls, in order: a label's at its first call."""
    notes: list[Footnote] = []
    seen: set[str] = set()
    for called in calls:
        for call in called:
            if type(call) is not str:
                notes.append(call)  # type: ignore[arg-type]
            elif call not in seen:
                seen.add(call)
                # A definition whose tokens a nested one took has none left.
                notes.append(definitions.get(call) or Footnote(call, ()))
    return notes


def note_records(notes: Iterable[Footnote], before: int) -> list[CreditRecord]:
    """The report's entries for the credits in ``notes``, numbered after ``before`` others."""
    records: list[CreditRecord] = []
    for note in notes:
        for para in note.paragraphs:
            for span in para.spans:
                if type(span) is CreditMark:
                    credit = span.credit
                    where = credit.source or SourcePos(0, 0, 0)
                    records.append(
                        CreditRecord(
                            index=before + len(records) + 1,
                            name=credit.name,
                            affiliation=credit.affiliation,
                            raw=credit.raw,
                            confidence=credit.confidence,
                            needs_review=credit.confidence < REVIEW,
                            line=where.line,
                            column=where.column,
                            offset=where.offset,
                        )
                    )
    return records
