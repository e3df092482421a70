"""Run typography rules over a paragraph's inline spans and record every edit.

Takes inline spans and a list of rules; gives new spans plus the list of
corrections (rule, before, after, offset) and warnings. Rules see one flat
string in which credits and footnote calls are atoms (U+FFFC) they cannot
touch; edits are mapped back onto the spans afterwards, so emphasis and
credits keep their place. Regions such as URLs and emoticons are protected:
an edit that would change them is dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from layout_studio.model import CreditMark, FootnoteCall, Inline, Mark, Text

ATOM = "\ufffc"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` (optionally as superscript)."""

    start: int
    end: int
    replacement: str
    superscript: bool = False


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


@dataclass
class RuleContext:
    """What a rule sees: the current text and which parts it must not touch."""

    text: str
    protected: list[tuple[int, int]]
    superscript: list[tuple[int, int]]
    warnings: list[tuple[str, int]] = field(default_factory=list)

    def is_protected(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a protected region or an atom.

        An insertion (start == end) is refused only strictly inside a region.
        """
        if start == end:
            return any(a < start < b for a, b in self.protected)
        if ATOM in self.text[start:end]:
            return True
        return any(a < end and start < b for a, b in self.protected)

    def is_superscript(self, start: int, end: int) -> bool:
        """True if [start, end) is already set as superscript."""
        return any(a <= start and end <= b for a, b in self.superscript)

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
    sup: list[tuple[int, int]] = []
    for piece_start, piece in zip(bounds, pieces, strict=False):
        if isinstance(piece, Text) and Mark.SUPERSCRIPT in piece.marks:
            sup.append((piece_start, piece_start + len(piece.text)))
    corrections: list[Correction] = []
    warnings: list[Warning] = []
    for rule in rules:
        ctx = RuleContext(text=text, protected=protect(text), superscript=sup)
        edits = _clean(ctx, rule.apply(ctx))
        for message, offset in ctx.warnings:
            o = origin[min(offset, len(text))]
            warnings.append(Warning(rule.name, message, o, _context(original, o, o)))
        if not edits:
            continue
        for e in edits:
            before = text[e.start : e.end]
            if before == e.replacement and not e.superscript:
                continue
            o = origin[e.start]
            after = e.replacement if not e.superscript else f"^{e.replacement}"
            corrections.append(
                Correction(rule.name, before, after, o, _context(original, o, origin[e.end]))
            )
        text, origin, bounds, sup = _apply(text, origin, bounds, sup, edits)
    new_spans = _rebuild(pieces, text, bounds, sup)
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


def _remap(pos: int, edits: list[Edit]) -> int:
    """New position of a span boundary; an insertion at the boundary goes right."""
    delta = 0
    for e in edits:
        if e.end < pos or (e.end == pos and e.start < e.end):
            delta += len(e.replacement) - (e.end - e.start)
        elif e.start < pos < e.end:
            return e.start + delta + len(e.replacement)
        else:
            break
    return pos + delta


def _apply(
    text: str,
    origin: list[int],
    bounds: list[int],
    sup: list[tuple[int, int]],
    edits: list[Edit],
) -> tuple[str, list[int], list[int], list[tuple[int, int]]]:
    out: list[str] = []
    new_origin: list[int] = []
    new_sup = [(_remap(a, edits), _remap(b, edits)) for a, b in sup]
    cursor = 0
    for e in edits:
        out.append(text[cursor : e.start])
        new_origin.extend(origin[cursor : e.start])
        start = sum(map(len, out))
        out.append(e.replacement)
        new_origin.extend([origin[e.start]] * len(e.replacement))
        if e.superscript:
            new_sup.append((start, start + len(e.replacement)))
        cursor = e.end
    out.append(text[cursor:])
    new_origin.extend(origin[cursor:])
    return "".join(out), new_origin, [_remap(b, edits) for b in bounds], new_sup


def _rebuild(
    pieces: list[Inline], text: str, bounds: list[int], sup: list[tuple[int, int]]
) -> list[Inline]:
    """Cut the new text at the remapped boundaries and superscript ranges."""
    result: list[Inline] = []
    ends = [*bounds[1:], len(text)]
    for piece, start, end in zip(pieces, bounds, ends, strict=True):
        if not isinstance(piece, Text):
            result.append(piece)
            continue
        cuts = {start, end}
        for a, b in sup:
            for c in (a, b):
                if start < c < end:
                    cuts.add(c)
        ordered = sorted(cuts)
        for a, b in itertools.pairwise(ordered):
            chunk = text[a:b]
            if not chunk:
                continue
            marks = set(piece.marks)
            if any(sa <= a and b <= sb for sa, sb in sup):
                marks.add(Mark.SUPERSCRIPT)
            else:
                marks.discard(Mark.SUPERSCRIPT)
            result.append(Text(chunk, frozenset(marks)))
    return _merge(result)


def _merge(spans: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for s in spans:
        last = merged[-1] if merged else None
        if isinstance(s, Text) and isinstance(last, Text) and last.marks == s.marks:
            merged[-1] = Text(last.text + s.text, s.marks)
        else:
            merged.append(s)
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
