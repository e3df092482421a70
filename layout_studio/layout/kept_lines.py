"""Lines of a section set again that equal lines of its previous setting are the old lines.

Takes the lines (``El``) of a section just set again after an edit and the
lines of the same section as the previous build set them; gives the new list
where each line of the unchanged start and end is the previous build's line
object. Lines are final once in a flow, so the incremental typesetter keys
placed pages by their lines' identity: with the old objects back, the pages
before the edit, and those after it where the page breaks meet the previous
layout again, are found placed instead of being placed again.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Sequence

from layout_studio.layout.flow import El

# Everything about a line but the text cached from its runs (set once placed).
_SHOWN = operator.attrgetter(*(f.name for f in dataclasses.fields(El) if f.name != "line_text"))


def same_line(a: El, b: El) -> bool:
    """Whether two lines are set alike (runs, extras, numbering, spacing, ratio...)."""
    return a is b or bool(_SHOWN(a) == _SHOWN(b))


def keep_lines(new: list[El], old: Sequence[El]) -> list[El]:
    """``new`` with its first and last lines that equal ``old``'s taken from ``old``."""
    size = min(len(new), len(old))
    head = 0
    while head < size and same_line(new[head], old[head]):
        head += 1
    tail = 0
    while tail < size - head and same_line(new[-1 - tail], old[-1 - tail]):
        tail += 1
    if not head and not tail:
        return new
    return [*old[:head], *new[head : len(new) - tail], *old[len(old) - tail :]]
