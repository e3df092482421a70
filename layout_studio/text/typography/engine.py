"""Run typography rules over a paragraph's inline spans and record every edit.

Takes inline spans and a list of rules; gives new spans plus the list of
corrections (rule, before, after, offset) and warnings. Rules see one flat
string in which credits and footnote calls are atoms (U+FFFC) they cannot
touch; edits are mapped back onto the spans afterwards, so emphasis and
credits keep their place. Regions such as URLs and emoticons are protected:
an edit that would change them is dropped.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from layout_studio.model import CreditMark, FootnoteCall, Inline, Mark, Text

ATOM = "\ufffc"


#: The marks a rule may set on the text it writes (the others come from the source).
RULE_MARKS = (Mark.SUPERSCRIPT, Mark.SMALL_CAPS)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` (optionally superscript, small caps)."""

    start: int
    end: int
    replacement: str
    superscript: bool = False
    small_caps: bool = False

    @property
    def marks(self) -> tuple[Mark, ...]:
        """The marks this edit sets on its replacement."""
        return tuple(
            m for m, on in zip(RULE_MARKS, (self.superscript, self.small_caps), strict=True) if on
        )

    def shown(self) -> str:
        """The replacement as the corrections report shows it (``^e``, ``[XXI]{.smallcaps}``)."""
        out = f"^{self.replacement}" if self.superscript else self.replacement
        return f"[{out}]{{.smallcaps}}" if self.small_caps else out


@dataclass(frozen=True, slots=True)
class Correction:
    """One recorded change: which rule, what it was, what it became, where."""

    rule: str
    before: str
    after: str
    offset: int  # offset in the paragraph's original flat text
    context: str


@dataclass(frozen=True, slots=True)
class Warning:
    """Something a rule noticed and chose not to guess (an unbalanced quote...)."""

    rule: str
    message: str
    offset: int
    context: str


class _Intervals:
    """Sorted intervals answering "does one overlap / contain [start, end)?" in log time.

    Rules ask once per match, so a linear scan per question made long
    paragraphs quadratic.
    """

    def __init__(self, intervals: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # furthest end among the intervals up to this one
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def _reach_before(self, index: int) -> int:
        return self.reach[index - 1] if index > 0 else -1

    def overlaps(self, start: int, end: int) -> bool:
        """Some interval has a < end and start < b."""
        return self._reach_before(bisect.bisect_left(self.starts, end)) > start

    def strictly_inside(self, point: int) -> bool:
        """Some interval has a < point < b."""
        return self._reach_before(bisect.bisect_left(self.starts, point)) > point

    def contains(self, start: int, end: int) -> bool:
        """Some interval has a <= start and end <= b."""
        return self._reach_before(bisect.bisect_right(self.starts, start)) >= end


@dataclass
class RuleContext:
    """What a rule sees: the current text and which parts it must not touch."""

    text: str
    protected: list[tuple[int, int]]
    superscript: list[tuple[int, int]]
    warnings: list[tuple[str, int]] = field(default_factory=list)
    small_caps: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._protected = _Intervals(self.protected)
        self._superscript = _Intervals(self.superscript)
        self._small_caps = _Intervals(self.small_caps)
        self._atoms: list[int] = []
        at = self.text.find(ATOM)
        while at != -1:  # str.find runs in C: a Python loop per character was the hot spot
            self._atoms.append(at)
            at = self.text.find(ATOM, at + 1)

    def is_protected(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a protected region or an atom.

        An insertion (start == end) is refused only strictly inside a region.
        """
        if start == end:
            return self._protected.strictly_inside(start)
        atom = bisect.bisect_left(self._atoms, start)
        if atom < len(self._atoms) and self._atoms[atom] < end:
            return True
        return self._protected.overlaps(start, end)

    def is_superscript(self, start: int, end: int) -> bool:
        """True if [start, end) is already set as superscript."""
        return self._superscript.contains(start, end)

    def is_small_caps(self, start: int, end: int) -> bool:
        """True if [start, end) is already set in small capitals."""
        return self._small_caps.contains(start, end)

    def warn(self, message: str, offset: int) -> None:
        """Report something not guessed."""
        self.warnings.append((message, offset))


Rule = Callable[[RuleContext], list[Edit]]


@dataclass(frozen=True, slots=True)
class NamedRule:
    """A rule with its stable identifier (used in reports and options)."""

    name: str
    apply: Rule


@dataclass(frozen=True, slots=True)
class SpanResult:
    """New spans, and what changed."""

    spans: tuple[Inline, ...]
    corrections: tuple[Correction, ...]
    warnings: tuple[Warning, ...]


def run_rules(
    spans: Sequence[Inline],
    rules: Sequence[NamedRule],
    protect: Callable[[str], list[tuple[int, int]]],
) -> SpanResult:
    """Apply ``rules`` in order to ``spans``; see the module docstring."""
    pieces: list[Inline] = list(spans)
    text = "".join(_flat(p) for p in pieces)
    bounds = _bounds(pieces)
    origin = list(range(len(text) + 1))
    original = text
    ranges: dict[Mark, list[tuple[int, int]]] = {m: [] for m in RULE_MARKS}
    for piece_start, piece in zip(bounds, pieces, strict=False):
        if isinstance(piece, Text):
            for mark in RULE_MARKS:
                if mark in piece.marks:
                    ranges[mark].append((piece_start, piece_start + len(piece.text)))
    corrections: list[Correction] = []
    warnings: list[Warning] = []
    protected = protect(text)
    ctx: RuleContext | None = None
    for rule in rules:
        if ctx is None:  # rules only read it: one per text, not one per rule
            ctx = RuleContext(
                text=text,
                protected=protected,
                superscript=ranges[Mark.SUPERSCRIPT],
                small_caps=ranges[Mark.SMALL_CAPS],
            )
        else:
            ctx.warnings = []
        edits = _clean(ctx, rule.apply(ctx))
        for message, offset in ctx.warnings:
            o = origin[min(offset, len(text))]
            warnings.append(Warning(rule.name, message, o, _context(original, o, o)))
        if not edits:
            continue
        for e in edits:
            before = text[e.start : e.end]
            if before == e.replacement and not e.marks:
                continue
            o = origin[e.start]
            corrections.append(
                Correction(rule.name, before, e.shown(), o, _context(original, o, origin[e.end]))
            )
        text, origin, bounds, ranges = _apply(text, origin, bounds, ranges, edits)
        protected = protect(text)  # only when the text changed
        ctx = None
    new_spans = _rebuild(pieces, text, bounds, ranges)
    return SpanResult(tuple(new_spans), tuple(corrections), tuple(warnings))


def _flat(piece: Inline) -> str:
    return piece.text if isinstance(piece, Text) else ATOM


def _bounds(pieces: Sequence[Inline]) -> list[int]:
    out, pos = [], 0
    for p in pieces:
        out.append(pos)
        pos += len(_flat(p))
    return out


def _clean(ctx: RuleContext, edits: list[Edit]) -> list[Edit]:
    """Sort edits, drop those touching protected text, atoms or overlapping others."""
    kept: list[Edit] = []
    last_end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < last_end or (e.start == last_end and kept and kept[-1].start == e.start):
            continue
        if ctx.is_protected(e.start, e.end) or ATOM in e.replacement:
            continue
        kept.append(e)
        last_end = e.end
    return kept


class _Shift:
    """New positions of span boundaries after sorted, disjoint edits, in log time each.

    An insertion at a boundary goes right of it; a boundary inside a replaced
    stretch goes to the end of its replacement.
    """

    def __init__(self, edits: list[Edit]) -> None:
        self.edits = edits
        # Edits wholly before a position: those ending before it, and replacements ending at it.
        self.keys = [(e.end, 0 if e.start < e.end else 1) for e in edits]
        self.deltas = [
            0,
            *itertools.accumulate(len(e.replacement) - (e.end - e.start) for e in edits),
        ]

    def __call__(self, pos: int) -> int:
        k = bisect.bisect_right(self.keys, (pos, 0))
        delta = self.deltas[k]
        if k < len(self.edits):
            e = self.edits[k]
            if e.start < pos < e.end:
                return e.start + delta + len(e.replacement)
        return pos + delta


Ranges = dict[Mark, list[tuple[int, int]]]


def _apply(
    text: str,
    origin: list[int],
    bounds: list[int],
    ranges: Ranges,
    edits: list[Edit],
) -> tuple[str, list[int], list[int], Ranges]:
    out: list[str] = []
    new_origin: list[int] = []
    remap = _Shift(edits)
    new_ranges = {m: [(remap(a), remap(b)) for a, b in r] for m, r in ranges.items()}
    cursor = 0
    length = 0  # of the text built so far
    for e in edits:
        out.append(text[cursor : e.start])
        new_origin.extend(origin[cursor : e.start])
        length += e.start - cursor
        start = length
        out.append(e.replacement)
        length += len(e.replacement)
        new_origin.extend([origin[e.start]] * len(e.replacement))
        for mark in e.marks:
            new_ranges[mark].append((start, start + len(e.replacement)))
        cursor = e.end
    out.append(text[cursor:])
    new_origin.extend(origin[cursor:])
    return "".join(out), new_origin, [remap(b) for b in bounds], new_ranges


def _rebuild(pieces: list[Inline], text: str, bounds: list[int], ranges: Ranges) -> list[Inline]:
    """Cut the new text at the remapped boundaries and the rule marks' ranges."""
    result: list[Inline] = []
    ends = [*bounds[1:], len(text)]
    sup_cuts = sorted({c for r in ranges.values() for interval in r for c in interval})
    covering = {m: _Intervals(r) for m, r in ranges.items()}
    for piece, start, end in zip(pieces, bounds, ends, strict=True):
        if not isinstance(piece, Text):
            result.append(piece)
            continue
        inner = sup_cuts[bisect.bisect_right(sup_cuts, start) : bisect.bisect_left(sup_cuts, end)]
        for a, b in itertools.pairwise([start, *inner, end]):
            chunk = text[a:b]
            if not chunk:
                continue
            marks = set(piece.marks)
            for mark, intervals in covering.items():
                if intervals.contains(a, b):
                    marks.add(mark)
                else:
                    marks.discard(mark)
            result.append(Text(chunk, frozenset(marks)))
    return _merge(result)


def _merge(spans: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for marks, group in itertools.groupby(
        spans, key=lambda s: s.marks if isinstance(s, Text) else None
    ):
        if marks is None:
            merged.extend(group)
        else:  # one join per run of same-marked texts: linear, not a concatenation per span
            merged.append(Text("".join(s.text for s in group if isinstance(s, Text)), marks))
    return merged


def _context(text: str, start: int, end: int, width: int = 18) -> str:
    left = max(0, start - width)
    right = min(len(text), max(end, start) + width)
    snippet = text[left:right].replace(ATOM, "◊")
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def regex_edits(
    pattern: re.Pattern[str], ctx: RuleContext, make: Callable[[re.Match[str]], Edit | None]
) -> list[Edit]:
    """Helper: one edit (or none) per regex match."""
    out: list[Edit] = []
    for m in pattern.finditer(ctx.text):
        e = make(m)
        if e is not None:
            out.append(e)
    return out


# Helpers for tests and the plain-string API.
def spans_text(spans: Sequence[Inline]) -> str:
    """The flat text of spans, atoms as U+FFFC."""
    return "".join(_flat(s) for s in spans)


__all__ = [
    "ATOM",
    "Correction",
    "CreditMark",
    "Edit",
    "FootnoteCall",
    "NamedRule",
    "RuleContext",
    "SpanResult",
    "Warning",
    "regex_edits",
    "run_rules",
    "spans_text",
]
