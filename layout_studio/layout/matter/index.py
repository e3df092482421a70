"""The index of contributors: each person, then each passage with its folio.

Takes a ``Typesetter`` (whose state lists the passages) and a way to find a
passage's folio; gives a ``Flow``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from layout_studio.checkpoint import checkpoint
from layout_studio.layout.flow import El
from layout_studio.layout.matter.entries import entry_el
from layout_studio.layout.page import Anchor
from layout_studio.layout.parts import Flow, Passage, index_anchor
from layout_studio.model.document import Mark, Text, sort_key

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


def index_flow(
    ts: Typesetter,
    folio_of: Callable[[str], str],
    person: PersonEls | None = None,
) -> Flow:
    """Who wrote which passage, with page numbers (links to each passage).

    ``person`` sets one person's lines (``person_els`` by default): the live
    preview keeps those whose name, passages and folios did not change.
    """
    els: list[El] = []
    for name, passages in ts.passages_by_person():
        checkpoint()
        if person is None:
            els.extend(person_els(ts, name, passages, folio_of))
        else:
            els.extend(person(name, passages, folio_of))
    heading, opening = ts.heading_block("Index des contributeurs")
    return Flow(
        "Index des contributeurs",
        "back",
        "index",
        els,
        heading,
        opening,
        running_title="Index des contributeurs",
    )


PersonEls = Callable[[str, list[Passage], Callable[[str], str]], list[El]]


def passages_by_person(passages: list[Passage]) -> list[tuple[str, list[Passage]]]:
    """Each person's name as first credited and passages, in the index's order."""
    by_person: dict[str, list[Passage]] = {}
    names: dict[str, str] = {}
    for passage in passages:
        checkpoint()
        key = passage.credit.key
        found = by_person.get(key)
        if found is None:
            by_person[key] = [passage]
            names[key] = passage.credit.label
        else:
            found.append(passage)
    return [
        (names[key], by_person[key]) for key in sorted(by_person, key=lambda k: sort_key(names[k]))
    ]


def person_els(
    ts: Typesetter, name: str, passages: list[Passage], folio_of: Callable[[str], str]
) -> list[El]:
    """One person's lines of the index: the name, then each passage with its folio."""
    els = name_els(ts, name, passages[0].anchor)
    for passage in passages:
        els.extend(passage_els(ts, passage.incipit, passage.anchor, folio_of(passage.anchor)))
    return els


def name_els(ts: Typesetter, name: str, first: str) -> list[El]:
    """The person's name, in small capitals, heading their passages (``first``'s anchor)."""
    t = ts.theme
    name_style = ts.style(t.body, "regular", features=(*t.body.features, "smcp"))
    if "smcp" not in name_style.font.gsub_features:
        name_style = ts.style(t.body, "bold")
    lines = ts.simple_lines(name, name_style, ts.measure, align="left")
    els = [El(height=t.body.leading, runs=ln.runs, keep_next=True) for ln in lines]
    els[0].space_before = t.body.leading * 0.5
    # Named after the person's first passage, then each passage: the EPUB's
    # page-list finds where each index page begins.
    els[0].extras.append(Anchor(index_anchor(first, True), 0.0, 0.0))
    return els


def passage_els(ts: Typesetter, incipit: tuple[Text, ...], anchor: str, folio: str) -> list[El]:
    """One passage of a person: its first words, quoted, with its folio (a link to it)."""
    t = ts.theme
    inc_style = ts.style(t.body, "italic")
    quoted = (Text("«\u00a0"), *incipit, Text("\u00a0»"))
    # Italic quotation; a word the passage emphasises turns roman in it.
    italic = [Text(s.text, s.marks ^ {Mark.EMPHASIS}) for s in quoted]
    entry = entry_el(ts, italic, inc_style, folio, anchor, indent=t.body.size * 1.5)
    entry[0].extras.append(Anchor(index_anchor(anchor), 0.0, 0.0))
    return entry
