"""One line of a table of contents or index: label, dot leaders, folio, link.

Takes a ``Typesetter``, the label, its style, the folio and the link target;
gives the entry's flow lines. The book is assembled up to three times (until
the folios settle) and the label's lines do not depend on the folio's text,
only on its width: they are broken once per typesetter and width.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from layout_studio.layout.flow import El
from layout_studio.layout.inline import SetLine, Style, shape_pieces
from layout_studio.layout.page import GlyphRun, Link
from layout_studio.layout.parts import piece_run, shift_runs
from layout_studio.model.document import Text

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


# Entries by (theme, label, style, folio, target, indent): after an edit the
# live preview sets the index again, and only the entries that changed need it.
_ENTRIES: dict[tuple[object, ...], tuple[object, list[El], tuple[tuple[str, str], ...]]] = {}


# Typesetter → (label, style, measure) → the label's lines and the glyphs its
# fonts lacked (replayed on each use: the caller may be collecting afresh).
_LabelKey = tuple[str | tuple[Text, ...], Style, float]
_LABELS: weakref.WeakKeyDictionary[
    Typesetter, dict[_LabelKey, tuple[list[SetLine], tuple[tuple[str, str], ...]]]
] = weakref.WeakKeyDictionary()


def _label_lines(
    ts: Typesetter, label: str | tuple[Text, ...], style: Style, measure: float
) -> list[SetLine]:
    known = _LABELS.setdefault(ts, {})
    key = (label, style, measure)
    hit = known.get(key)
    if hit is None:

        def make() -> list[SetLine]:
            b = ts.builder(measure)
            if isinstance(label, str):
                b.text(label, style, hyphenate=False)
            else:
                ts.add_spans(b, label, hyphenate=False)
            return ts.break_lines(b.finish(), measure, justify=False, align="left")

        hit = known[key] = ts.captured(make)
    else:
        ts.replay(hit[1])
    return hit[0]


def entry_el(
    ts: Typesetter,
    label: str | Sequence[Text],
    style: Style,
    page_label: str,
    target: str,
    indent: float = 0.0,
) -> list[El]:
    """A TOC or index entry: label, dot leaders, page number, one link.

    A label given as text runs is set in the body's styles for their marks
    (superscripts stay superscripts); ``style`` is for a plain string.
    """
    if not isinstance(label, str):
        label = tuple(label)  # a key, and the caller's list is not kept
    key = (id(ts.theme), label, style, page_label, target, indent)
    cached = _ENTRIES.get(key)
    if cached is None or cached[0] is not ts.theme:
        els, missing = ts.captured(lambda: _entry_el(ts, label, style, page_label, target, indent))
        for el in els:  # the lines are final: copies inherit their text (assembly.line_info)
            el.line_text = "".join(r.text for r in sorted(el.runs, key=lambda r: r.x))
        if len(_ENTRIES) > 20000:
            _ENTRIES.clear()
        cached = _ENTRIES[key] = (ts.theme, els, missing)
    else:
        ts.replay(cached[2])
    # Callers add anchors to the lines they get: each gets its own lists.
    return [replace(el, runs=list(el.runs), extras=list(el.extras)) for el in cached[1]]


def _entry_el(
    ts: Typesetter,
    label: str | tuple[Text, ...],
    style: Style,
    page_label: str,
    target: str,
    indent: float,
) -> list[El]:
    t = ts.theme
    num_style = ts.style(t.body, "regular")
    num = shape_pieces(page_label, num_style)
    num_w = sum(p.width for p in num)
    measure = ts.measure - indent - num_w - t.body.size * 2
    lines = _label_lines(ts, label, style, measure)
    els = []
    for i, line in enumerate(lines):
        runs = shift_runs(line.runs, indent if i == 0 else indent + t.body.size, 0.0)
        els.append(El(height=t.body.leading, runs=runs, keep_next=i < len(lines) - 1))
    last = els[-1]
    end_x = max((r.x + r.width for r in last.runs), default=indent)
    dots = shape_pieces(".", num_style)[0]
    step = t.body.size * 0.75
    start = math.ceil((end_x + t.body.size * 0.6) / step) * step
    stop = ts.measure - num_w - t.body.size * 0.6
    x = start
    dot = piece_run(dots, 0.0, 0.0)  # one dot's glyphs, shared by every dot (they are frozen)
    while x <= stop:
        last.runs.append(GlyphRun(x, dot.y, dot.font, dot.size, dot.color, dot.glyphs))
        x += step
    last.runs.append(piece_run(num[0], ts.measure - num_w, 0.0))
    top = -(len(els) - 1) * t.body.leading - t.body.size
    last.extras.append(Link(0.0, top, ts.measure, (len(els)) * t.body.leading, target))
    return els
