"""The endnotes.

Takes a ``Typesetter`` and the footnote calls of the included sections, in
order; gives a ``Flow`` (or ``None`` when no note is called).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout_studio.layout.flow import El
from layout_studio.layout.parts import Flow
from layout_studio.model.document import (
    Inline,
    Paragraph,
    Text,
)

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


def notes_flow(ts: Typesetter, labels: list[str]) -> Flow | None:
    """Endnotes for the footnote calls of the included sections."""
    notes = [n for n in ts.doc.footnotes if n.label in labels]
    if not notes:
        return None
    els: list[El] = []
    for note in sorted(notes, key=lambda n: labels.index(n.label)):
        for k, para in enumerate(note.paragraphs):
            spans: tuple[Inline, ...] = para.spans
            if k == 0:
                spans = (Text(f"{note.label}.\u00a0"), *spans)
            els.extend(ts.paragraph_els(Paragraph(spans), indent=False))
    heading, opening = ts.heading_block("Notes")
    return Flow("Notes", "back", "notes", els, heading, opening, running_title="Notes")
