"""Passages in English inside a French text: held out of the French rules.

Takes a paragraph's inline spans; runs marked ``Mark.LANG_EN`` (``{lang=en}``
in the source) are swapped for one placeholder each, so the French rules see
a single untouchable atom there. ``english_rules`` then gives those runs the
English conventions instead: “ ” quotes, ’, …, and no space before ; : ! ?.
``restore`` puts the runs back in place of their placeholders.

Every pattern runs in linear time (runs anchored by a one-character
lookbehind, no nested quantifiers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from layout_studio.model import FootnoteCall, Inline, Mark, Text
from layout_studio.text.typography.engine import Edit, NamedRule, RuleContext, regex_edits

_SPACES = " \u00a0\u202f"
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])'")
_DOTS = re.compile(r"\.{3,}")
_SPACE_BEFORE_SIGN = re.compile(r"(?<=[^ \u00a0\u202f])[ \u00a0\u202f]+(?=[;:!?])")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_GUILLEMET = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]*»")


def _english(ctx: RuleContext) -> list[Edit]:
    """English typography: “quotes”, ’, …, no space before ; : ! ?."""
    text = ctx.text
    edits = regex_edits(_APOSTROPHE, ctx, lambda m: Edit(m.start(), m.end(), "’"))
    edits += regex_edits(_DOTS, ctx, lambda m: Edit(m.start(), m.end(), "…"))
    edits += regex_edits(_SPACE_BEFORE_SIGN, ctx, lambda m: Edit(m.start(), m.end(), ""))
    edits += regex_edits(_OPEN_GUILLEMET, ctx, lambda m: Edit(m.start(), m.end(), "“"))
    edits += regex_edits(_CLOSE_GUILLEMET, ctx, lambda m: Edit(m.start(), m.end(), "”"))
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    if len(quotes) % 2 == 0:  # unbalanced quotes are left as typed
        edits += [Edit(i, i + 1, "“" if k % 2 == 0 else "”") for k, i in enumerate(quotes)]
    return edits


def english_rules() -> list[NamedRule]:
    """The rules applied inside ``{lang=en}`` spans (one switch: ``lang-en``)."""
    return [NamedRule("lang-en", _english)]


@dataclass(frozen=True, slots=True)
class HeldRun:
    """English runs taken out of a paragraph, and where they stood."""

    placeholder: Inline
    runs: tuple[Text, ...]
    offset: int  # in the paragraph's original flat text


def hold_english(spans: Sequence[Inline]) -> tuple[tuple[Inline, ...], list[HeldRun]]:
    """Replace each stretch of English runs by one placeholder atom."""
    out: list[Inline] = []
    held: list[HeldRun] = []
    pending: list[Text] = []
    pending_at = 0
    offset = 0

    def flush() -> None:
        if pending:
            # A footnote call is an atom to the rules; this one is found again by identity.
            placeholder = FootnoteCall(f"\x00lang-en-{len(held)}")
            held.append(HeldRun(placeholder, tuple(pending), pending_at))
            out.append(placeholder)
            pending.clear()

    for span in spans:
        if isinstance(span, Text) and Mark.LANG_EN in span.marks:
            if not pending:
                pending_at = offset
            pending.append(span)
        else:
            flush()
            out.append(span)
        offset += len(span.text) if isinstance(span, Text) else 1
    flush()
    return tuple(out), held


def restore(spans: Sequence[Inline], replaced: dict[int, tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """Put the (corrected) English runs back in place of their placeholders."""
    out: list[Inline] = []
    for span in spans:
        out.extend(replaced.get(id(span), (span,)))
    return tuple(out)


def original_offset(offset: int, held: Sequence[HeldRun]) -> int:
    """An offset in the text with placeholders → the same place in the original text."""
    shift = 0
    for run in held:
        if run.offset - shift < offset:
            shift += sum(len(t.text) for t in run.runs) - 1
    return offset + shift
