"""The half-title, title page, colophon page and dedication.

Takes a ``Typesetter`` (for its styles and line setting); gives ``Fixed``
pages drawn at fixed positions, x relative to the text block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout_studio.layout.inline import Style
from layout_studio.layout.matter.colophon import colophon
from layout_studio.layout.page import PageItem, Rule
from layout_studio.layout.parts import Fixed, shift_runs
from layout_studio.model.document import (
    authors_phrase,
)

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


def fixed_title_pages(ts: Typesetter) -> list[Fixed]:
    """Half-title, its blank verso, the title page and the colophon."""
    t, meta = ts.theme, ts.doc.metadata
    w, h = ts.page.width, ts.page.height
    half = centered(
        ts, meta.title, ts.style(t.heading, "regular", size=t.heading.size * 0.8), h * 0.32
    )
    items: list[PageItem] = []
    title_style = ts.style(t.heading, "regular", size=t.heading.size * 1.45)
    y = h * 0.28
    runs, y = centered_block(ts, meta.title, title_style, y, title_style.size * 1.25)
    items += runs
    if meta.subtitle:
        sub = ts.style(t.body, "italic", size=t.body.size * 1.15)
        runs, y = centered_block(ts, meta.subtitle, sub, y + t.body.leading * 2.2, sub.size * 1.35)
        items += runs
    contributors = ts.doc.contributors
    byline = ts.byline or (authors_phrase(len(contributors)) if contributors else "")
    if byline:
        runs, y = centered_block(
            ts,
            byline,
            ts.style(t.body, "regular", features=(*t.body.features, "smcp")),
            y + t.body.leading * 3,
            t.body.leading,
        )
        items += runs
    if meta.publisher:
        runs, _ = centered_block(
            ts,
            meta.publisher,
            ts.style(t.body, "regular"),
            h - ts.page.bottom - t.body.leading,
            t.body.leading,
        )
        items += runs
    ornament = Rule(
        w / 2 - 18,
        h * 0.28 - title_style.size * 1.6,
        w / 2 + 18,
        h * 0.28 - title_style.size * 1.6,
        0.6,
        t.accent,
    )
    items.append(ornament)
    pages = [
        Fixed("front", half, recto=True, name="half-title"),
        Fixed("blank", [], recto=False),
        Fixed("front", items, recto=True, name="title-page"),
        Fixed("front", colophon(ts), recto=False, name="colophon"),
    ]
    if meta.dedication:
        style = ts.style(t.body, "italic", size=t.body.size * 1.1)
        runs, _ = centered_block(ts, meta.dedication, style, h * 0.3, t.body.leading * 1.2)
        pages += [
            Fixed("front", runs, recto=True, name="dedication"),
            Fixed("blank", [], recto=False),
        ]
    return pages


def centered(ts: Typesetter, text: str, style: Style, y: float) -> list[PageItem]:
    """Centred lines at ``y`` with a leading of 1.3 times the size."""
    runs, _ = centered_block(ts, text, style, y, style.size * 1.3)
    return list(runs)


def centered_block(
    ts: Typesetter, text: str, style: Style, y: float, leading: float
) -> tuple[list[PageItem], float]:
    """Centred lines, first baseline at ``y`` (x relative to the text block)."""
    items: list[PageItem] = []
    lines = ts.simple_lines(text, style, ts.measure, align="center")
    for i, line in enumerate(lines):
        items.extend(shift_runs(line.runs, 0.0, y + i * leading))
    return items, y + (len(lines) - 1) * leading
