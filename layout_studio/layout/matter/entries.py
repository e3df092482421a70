"""One line of a table of contents or index: label, dot leaders, folio, link.

Takes a ``Typesetter``, the label, its style, the folio and the link target;
gives the entry's flow lines. The book is assembled up to three times (until
the folios settle) and the label's lines do not depend on the folio's text,
only on its width: they are broken once per typesetter and width.
"""

from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING

from layout_studio.layout.flow import El
from layout_studio.layout.inline import SetLine, Style, shape_pieces
from layout_studio.layout.page import GlyphRun, Link
from layout_studio.layout.parts import piece_run, shift_runs

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


# Typesetter → (label, style, measure) → the label's lines; dropped with the typesetter.
_LABELS: weakref.WeakKeyDictionary[Typesetter, dict[tuple[str, Style, float], list[SetLine]]] = (
    weakref.WeakKeyDictionary()
)


def _label_lines(ts: Typesetter, label: str, style: Style, measure: float) -> list[SetLine]:
    known = _LABELS.setdefault(ts, {})
    key = (label, style, measure)
    lines = known.get(key)
    if lines is None:
        b = ts.builder(measure)
        b.text(label, style, hyphenate=False)
        lines = known[key] = ts.break_lines(b.finish(), measure, justify=False, align="left")
    return lines


def entry_el(
    ts: Typesetter, label: str, style: Style, page_label: str, target: str, indent: float = 0.0
) -> list[El]:
    """A TOC or index entry: label, dot leaders, page number, one link."""
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
