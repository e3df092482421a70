"""Tidy a paragraph's inline spans, the same way for every source format.

Takes spans as a reader found them; gives them merged (adjacent runs with
the same marks), with spaces collapsed and trimmed at the ends and before a
credit. Markdown, DOCX and ODT readers share it, so the same text gives the
same model whatever format it came in.
"""

from __future__ import annotations

import re

from layout_studio.model import CreditMark, Inline, Mark, Text

_WS = re.compile(r"[ \t\n]+")


def tidy_spans(spans: list[Inline]) -> tuple[Inline, ...]:
    """Merge runs, collapse spaces, trim the ends and the space before a credit."""
    # Runs with the same marks are joined once (not pairwise: linear in the run count).
    groups: list[Inline | tuple[frozenset[Mark], list[str]]] = []
    for s in spans:
        last = groups[-1] if groups else None
        if isinstance(s, Text) and isinstance(last, tuple) and last[0] == s.marks:
            last[1].append(s.text)
        elif isinstance(s, Text):
            groups.append((s.marks, [s.text]))
        else:
            groups.append(s)
    merged: list[Inline] = []
    for group in groups:
        if not isinstance(group, tuple):
            merged.append(group)
            continue
        text = _WS.sub(" ", "".join(group[1]))
        last_span = merged[-1] if merged else None
        if isinstance(last_span, Text) and last_span.text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        merged.append(Text(text, group[0]))
    out: list[Inline] = []
    for i, s in enumerate(merged):
        if isinstance(s, Text):
            text = s.text
            if not out or not isinstance(out[-1], Text):
                text = text.lstrip(" ") if not out else text
            nxt = merged[i + 1] if i + 1 < len(merged) else None
            if nxt is None or isinstance(nxt, CreditMark):
                text = text.rstrip(" ")
            if text:
                out.append(Text(text, s.marks))
        else:
            out.append(s)
    return tuple(out)
