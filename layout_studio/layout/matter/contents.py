"""The table of contents.

Takes a ``Typesetter``, the flows to list and their known folios; gives a ``Flow``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from layout_studio.layout.flow import El
from layout_studio.layout.matter.entries import entry_el
from layout_studio.layout.parts import Flow

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


def toc_flow(ts: Typesetter, flows: list[Flow], folios: dict[str, str]) -> Flow:
    """The table of contents, with links."""
    style = ts.style(ts.theme.body, "regular")
    els: list[El] = []
    for flow in flows:
        if not flow.outline:
            continue
        els.extend(entry_el(ts, flow.title, style, folios.get(flow.anchor, "000"), flow.anchor))
    heading, opening = ts.heading_block("Table des matières")
    return Flow(
        "Table des matières",
        "toc",
        "toc",
        els,
        heading,
        opening,
        running_title="Table des matières",
    )
