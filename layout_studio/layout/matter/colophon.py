"""The colophon (copyright page): title, contributors, rights, fonts, tool.

Takes a ``Typesetter``; gives the page's items, set from the foot of the text block up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout_studio import __version__
from layout_studio.layout.inline import Style
from layout_studio.layout.page import GlyphRun, PageItem
from layout_studio.layout.parts import shift_runs
from layout_studio.model.document import authors_phrase, rights_holders
from layout_studio.sources.isbn import format_isbn

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


def colophon(ts: Typesetter) -> list[PageItem]:
    """The copyright page: every contributor, the date, the fonts, the tool."""
    t, meta = ts.theme, ts.doc.metadata
    small = t.body.size * 0.82
    style = ts.style(t.body, "regular", size=small)
    italic = ts.style(t.body, "italic", size=small)
    names = [
        c.name if c.affiliation is None else f"{c.name} ({c.affiliation})"
        for c in ts.doc.ordered_contributors
    ]
    year = (meta.date or "")[:4]
    blocks: list[tuple[str, Style]] = [
        (meta.title + (f". {meta.subtitle}" if meta.subtitle else ""), italic)
    ]
    if meta.description:
        blocks.append((meta.description, style))
    if names:
        blocks.append(
            (
                f"Avec les contributions de {authors_phrase(len(names))} : "
                + ", ".join(names)
                + ".",
                style,
            )
        )
    if year:
        blocks.append(
            (
                f"© {year}, {rights_holders(len(names))}."
                + (f" Publié par {meta.publisher}." if meta.publisher else ""),
                style,
            )
        )
    if meta.rights:
        blocks.append((meta.rights, style))
    numbers = [(meta.print_isbn, "imprimé"), (meta.isbn, "numérique")]  # this edition first
    blocks += [(f"ISBN {format_isbn(n)} ({edition})", style) for n, edition in numbers if n]
    family = t.body.font.family
    blocks.append(
        (f"Composé en {family} avec Layout Studio {__version__}, thème « {t.label} ».", style)
    )
    lines: list[list[GlyphRun]] = []
    lead = small * 1.32
    for i, (text, st) in enumerate(blocks):
        b = ts.builder()
        b.text(text, st, hyphenate=True)
        for line in ts.break_lines(b.finish(), ts.measure, justify=False, align="left"):
            lines.append(line.runs)
        if i < len(blocks) - 1:
            lines.append([])
    top = ts.page.top + ts.page.text_height - (len(lines) - 1) * lead
    items: list[PageItem] = []
    for i, runs in enumerate(lines):
        items.extend(shift_runs(runs, 0.0, top + i * lead))
    return items
