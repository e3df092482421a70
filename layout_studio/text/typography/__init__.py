"""Typography applied to the model at build time; the source stays as typed.

Takes a ``Document`` (or a string) and ``FrenchOptions``; gives a new
document and the record of every correction, grouped by rule.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any

from layout_studio.checkpoint import checkpoint
from layout_studio.model import (
    Block,
    Contribution,
    CreditMark,
    Document,
    Footnote,
    Heading,
    Inline,
    Paragraph,
    Section,
    SourcePos,
    Text,
)
from layout_studio.text.typography.engine import ATOM, Correction, Warning, run_rules
from layout_studio.text.typography.foreign import (
    english_rules,
    hold_english,
    original_offset,
    restore,
)
from layout_studio.text.typography.fr import (
    RULE_LABELS,
    FrenchOptions,
    french_rules,
    protected_regions,
)


@dataclass(frozen=True, slots=True)
class LocatedCorrection:
    """A correction with where its paragraph comes from in the source."""

    correction: Correction
    line: int | None
    column: int | None


@dataclass(frozen=True, slots=True)
class LocatedWarning:
    """A warning with its source line."""

    warning: Warning
    line: int | None
    column: int | None


@dataclass(frozen=True, slots=True)
class TypographyResult:
    """The corrected document and every change made."""

    document: Document
    corrections: tuple[LocatedCorrection, ...]
    warnings: tuple[LocatedWarning, ...]

    def by_rule(self) -> dict[str, list[LocatedCorrection]]:
        """Corrections grouped by rule, in rule order."""
        groups: dict[str, list[LocatedCorrection]] = {name: [] for name in RULE_LABELS}
        for c in self.corrections:
            groups.setdefault(c.correction.rule, []).append(c)
        return {k: v for k, v in groups.items() if v}


def apply_to_text(text: str, options: FrenchOptions | None = None) -> str:
    """Apply the French rules to a plain string (no credits) and return it."""
    result = run_rules((Text(text),), french_rules(options), protected_regions)
    return "".join(s.text if isinstance(s, Text) else ATOM for s in result.spans)


class _Protected:
    """``protected_regions``, computed again only when a rule changed the text."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.regions: list[tuple[int, int]] = []

    def __call__(self, text: str) -> list[tuple[int, int]]:
        if text != self.text:
            self.text, self.regions = text, protected_regions(text)
        return list(self.regions)


#: A paragraph's corrected spans with its corrections and warnings (offsets from its start).
SpansResult = tuple[tuple[Inline, ...], tuple[Correction, ...], tuple[Warning, ...]]
#: A paragraph's memo entry (by id) at a line and column; the entry, and its corrections
#: and warnings located there.
Placed = tuple[int, int | None, int | None]
Located = tuple[SpansResult, tuple[tuple[LocatedCorrection, ...], tuple[LocatedWarning, ...]]]
#: An item corrected (by its objects' ids): the corrected item, the objects (kept alive
#: while the entry is: the ids stay theirs), its blocks' spans (the memo's keys), and the
#: corrections and warnings of those that have some.
Same = tuple["Block | Contribution", tuple[object, ...], tuple[Any, ...], tuple["_Where", ...]]
#: A section corrected (by its object's id): the corrected section, the section (kept
#: alive), its items' keys and entries, then their spans and wheres, in order.
_SameSection = tuple[
    "Section", "Section", tuple[tuple[Any, Same], ...], tuple[Any, ...], tuple["_Where", ...]
]


class _Collector:
    def __init__(
        self,
        options: FrenchOptions | None,
        memo: dict[tuple[Inline, ...], SpansResult] | None = None,
        located: dict[Placed, Located] | None = None,
        same: tuple[dict[Any, Same], dict[Any, Same]] | None = None,
    ) -> None:
        self.rules = french_rules(options)
        self.english = "lang-en" not in (options or FrenchOptions()).disabled
        self.corrections: list[LocatedCorrection] = []
        self.warnings: list[LocatedWarning] = []
        self.memo = memo
        self.located = located
        # ``same``: the previous build's items by their objects' ids, and this build's
        # (only with a memo: an entry locates its corrections from the memo's entry).
        self.before: dict[Any, Any] = {}  # ``Same`` by item, ``_SameSection`` by section
        self.now: dict[Any, Any] | None = None
        if same is not None and memo is not None:
            self.before, self.now = same
        self.hit: SpansResult | None = None  # the memo's entry for the last spans corrected
        self.kept_spans: list[tuple[Inline, ...]] = []  # the spans of the items taken as before
        self.key: Any = None  # the ``now`` key of the last item corrected

    def spans(self, spans: tuple[Inline, ...], source: SourcePos | None) -> tuple[Inline, ...]:
        if self.memo is None:
            return self._spans(spans, source)
        hit = self.memo.get(spans)
        if hit is None:
            start_c, start_w = len(self.corrections), len(self.warnings)
            out = self._spans(spans, source)
            hit = (
                out,
                tuple(c.correction for c in self.corrections[start_c:]),
                tuple(w.warning for w in self.warnings[start_w:]),
            )
            self.memo[spans] = hit
            self.hit = hit
            return out
        self.hit = hit
        self._locate(hit, source)
        return _same_credits(hit[0], spans)

    def _locate(self, hit: SpansResult, source: SourcePos | None) -> None:
        """Add the memo entry's corrections and warnings, located at ``source``."""
        if not (hit[1] or hit[2]):
            return
        line = source.line if source else None
        column = source.column if source else None
        # By the memo's entry (kept alive by the memo, and checked): hashing the spans again
        # would cost more than locating the corrections.
        where = (id(hit), line, column)
        known = self.located.get(where) if self.located is not None else None
        located = known[1] if known is not None and known[0] is hit else None
        if located is None:
            located = _located(hit, line, column)
            if self.located is not None:
                self.located[where] = (hit, located)
        self.corrections += located[0]
        self.warnings += located[1]

    def _spans(self, spans: tuple[Inline, ...], source: SourcePos | None) -> tuple[Inline, ...]:
        held_spans, held = hold_english(spans) if self.english else (spans, [])
        result = run_rules(held_spans, self.rules, _Protected())
        line = source.line if source else None
        for c in result.corrections:
            offset = original_offset(c.offset, held)
            column = source.column + offset if source else None
            self.corrections.append(LocatedCorrection(replace(c, offset=offset), line, column))
        for w in result.warnings:
            offset = original_offset(w.offset, held)
            column = source.column + offset if source else None
            self.warnings.append(LocatedWarning(replace(w, offset=offset), line, column))
        if not held:
            return result.spans
        replaced: dict[int, tuple[Inline, ...]] = {}
        for run in held:
            english = run_rules(run.runs, english_rules(), protected_regions)
            for c in english.corrections:
                column = source.column + run.offset + c.offset if source else None
                moved = replace(c, offset=run.offset + c.offset)
                self.corrections.append(LocatedCorrection(moved, line, column))
            replaced[id(run.placeholder)] = english.spans
        return restore(result.spans, replaced)

    def block(self, block: Block) -> Block:
        # Made directly: ``replace`` costs three times more, once per block of the book.
        if type(block) is Paragraph:
            return Paragraph(self.spans(block.spans, block.source), block.source)
        if type(block) is Heading:
            return Heading(block.level, self.spans(block.spans, block.source), block.source)
        return block

    def _found_again(self, wheres: tuple[_Where, ...]) -> None:
        """The corrections and warnings of blocks taken as before, where they now stand."""
        for where in wheres:
            found = where.found()
            self.corrections += found[0]
            self.warnings += found[1]

    def section(self, section: Section) -> Section:
        if self.now is None:
            return replace(section, content=tuple(self.item(i) for i in section.content))
        # By identity, as ``item``: the parse gives an unchanged section as the same object.
        key = ("section", id(section))
        known: _SameSection | None = self.before.get(key)
        if known is not None and known[1] is section:
            self.now[key] = known
            self.now.update(known[2])
            self.kept_spans += known[3]
            self._found_again(known[4])
            return known[0]
        items: list[tuple[Any, Same]] = []
        content: list[Block | Contribution] = []
        for i in section.content:
            content.append(self.item(i))
            items.append((self.key, self.now[self.key]))
        out = replace(section, content=tuple(content))
        spans = tuple(itertools.chain.from_iterable(entry[2] for _, entry in items))
        wheres = tuple(itertools.chain.from_iterable(entry[3] for _, entry in items))
        self.now[key] = (out, section, tuple(items), spans, wheres)
        return out

    def item(self, item: Block | Contribution) -> Block | Contribution:
        checkpoint()
        if self.now is None:
            if isinstance(item, Contribution):
                blocks = tuple(self.block(b) for b in item.blocks)
                return Contribution(blocks=blocks, credit=item.credit)
            return self.block(item)
        # By identity: an unchanged chunk's blocks and credit are the same objects from
        # one parse to the next (``sources.markdown_moves``). An entry holds the objects
        # whose ids are its key, so an id in it is still theirs.
        if isinstance(item, Contribution):
            key: tuple[int, ...] = (id(item.credit), *map(id, item.blocks))
            inputs: tuple[object, ...] = (item.credit, *item.blocks)
            blocks_in = item.blocks
        else:
            key, inputs, blocks_in = (id(item),), (item,), (item,)
        self.key = key
        known: Same | None = self.before.get(key)
        if known is not None:
            self.now[key] = known
            self.kept_spans += known[2]
            self._found_again(known[3])
            return known[0]
        outs: list[Block] = []
        spans: list[tuple[Inline, ...]] = []
        wheres: list[_Where] = []
        for block in blocks_in:
            self.hit = None
            outs.append(self.block(block))
            if self.hit is not None:
                spans.append(block.spans)
                if self.hit[1] or self.hit[2]:
                    wheres.append(_Where(block.source, self.hit))
        out: Block | Contribution = (
            Contribution(blocks=tuple(outs), credit=item.credit)
            if isinstance(item, Contribution)
            else outs[0]
        )
        self.now[key] = (out, inputs, tuple(spans), tuple(wheres))
        return out


def _located(
    hit: SpansResult, line: int | None, column: int | None
) -> tuple[tuple[LocatedCorrection, ...], tuple[LocatedWarning, ...]]:
    """A memo entry's corrections and warnings, for a paragraph at ``line`` and ``column``."""
    # Every located column is the paragraph's column plus the offset kept in the record.
    return (
        tuple(
            LocatedCorrection(c, line, None if column is None else column + c.offset)
            for c in hit[1]
        ),
        tuple(
            LocatedWarning(w, line, None if column is None else column + w.offset) for w in hit[2]
        ),
    )


class _Where:
    """A block's corrections and warnings, located again only when the block moved."""

    __slots__ = ("column", "hit", "line", "located", "source")

    def __init__(self, source: SourcePos | None, hit: SpansResult) -> None:
        self.source, self.hit = source, hit
        self.line: int | None = -1
        self.column: int | None = -1
        self.located: tuple[tuple[LocatedCorrection, ...], tuple[LocatedWarning, ...]] = ((), ())

    def found(self) -> tuple[tuple[LocatedCorrection, ...], tuple[LocatedWarning, ...]]:
        source = self.source  # its position is the text's, as its chunk was last placed
        line = source.line if source else None
        column = source.column if source else None
        if line != self.line or column != self.column:
            self.line, self.column = line, column
            self.located = _located(self.hit, line, column)
        return self.located


def _same_credits(out: tuple[Inline, ...], spans: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``out`` with the credit marks of ``spans`` (equal marks may differ in source, confidence)."""
    marks = [s for s in spans if isinstance(s, CreditMark)]
    if not marks:
        return out
    them = iter(marks)
    return tuple([next(them) if isinstance(s, CreditMark) else s for s in out])


def apply_typography(
    document: Document,
    options: FrenchOptions | None = None,
    memo: dict[tuple[Inline, ...], SpansResult] | None = None,
    located: dict[Placed, Located] | None = None,
    same: tuple[dict[Any, Same], dict[Any, Same]] | None = None,
) -> TypographyResult:
    """Apply the French rules to every paragraph, heading and footnote.

    ``memo`` (spans → result, for one ``options``) lets a caller that corrects
    the same text again after an edit redo only the paragraphs that changed;
    the rules see one paragraph at a time, so the result is the same.
    ``located`` (with ``memo``) keeps the located corrections of a paragraph
    at its line and column, so one that did not move is not located again.
    ``same`` (with ``memo``): the previous build's corrected items by their objects'
    ids, and a dict for this build's: an item made of the same objects (a
    paragraph the parse did not make again) is taken as corrected before; a
    ``memo`` with a ``keep`` method is given the list of their spans (as if looked up).
    """
    collector = _Collector(options, memo, located, same)
    sections = tuple(collector.section(s) for s in document.sections)
    footnotes = tuple(
        Footnote(
            f.label,
            tuple(replace(p, spans=collector.spans(p.spans, p.source)) for p in f.paragraphs),
        )
        for f in document.footnotes
    )
    meta = document.metadata
    new_meta = replace(
        meta,
        title=apply_to_text(meta.title, options),
        subtitle=apply_to_text(meta.subtitle, options) if meta.subtitle else meta.subtitle,
    )
    keep = getattr(memo, "keep", None)
    if keep is not None and collector.kept_spans:
        keep(collector.kept_spans)
    new_doc = Document(metadata=new_meta, sections=sections, footnotes=footnotes)
    return TypographyResult(new_doc, tuple(collector.corrections), tuple(collector.warnings))


__all__ = [
    "RULE_LABELS",
    "CreditMark",
    "FrenchOptions",
    "LocatedCorrection",
    "LocatedWarning",
    "TypographyResult",
    "apply_to_text",
    "apply_typography",
]
