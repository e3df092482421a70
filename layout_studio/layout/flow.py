r"""Vertical layout: lines of a flow onto pages, with widow and orphan control.

Takes a flow (a list of ``El``: a line or a block with its leading, its
paragraph and position in it, keep-with-next) and page geometry; gives the
elements of each page with their baselines. Rules, as in TeX's page
builder with \\widowpenalty and \\clubpenalty at 10000:

* a paragraph split across pages leaves at least ``orphans`` lines at the
  bottom and ``widows`` lines at the top, else the break moves up; a signed
  credit on a line of its own does not count: to a reader, a last line and
  its credit opening a page are a widow;
* an element marked ``keep_next`` (headings, scene breaks, the lines of a
  drop cap) never ends a page;
* spreads are balanced where possible: when one page of a spread must end
  short, its facing page is set to the same depth if that stays legal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout_studio.layout.page import Anchor, GlyphRun, PageItem

EPS = 0.01


@dataclass
class El:
    """One line (or unbreakable block) of a flow, positioned relative to its baseline."""

    height: float  # distance from the previous baseline
    runs: list[GlyphRun] = field(default_factory=list)
    extras: list[PageItem] = field(default_factory=list)
    margin: list[GlyphRun] = field(default_factory=list)  # outer-margin notes
    para: int = -1
    index: int = 0
    count: int = 1
    credit_lines: int = 0  # of ``count``, the credit's own lines ending the paragraph
    keep_next: bool = False
    space_before: float = 0.0  # dropped at the top of a page
    hyphenated: bool = False
    justified: bool = False
    space: float | None = None
    overfull: bool = False
    ratio: float = 0.0  # the line's adjustment ratio (glue and glyphs)
    contribution: int | None = None  # set on a contribution's first line
    kind: str = "text"
    # The line's text once placed (``assembly.line_info``): its runs no longer change then.
    line_text: str | None = None


def el_shape(el: El) -> tuple[object, ...]:
    """What ``paginate`` reads of a line, and the names of the anchors on it."""
    return (
        el.height,
        el.space_before,
        el.keep_next,
        el.para,
        el.index,
        el.count,
        el.credit_lines,
        tuple([extra.name for extra in el.extras if isinstance(extra, Anchor)]),
    )


class FlowShape:
    """A flow's ``el_shape``s for a memo's key: compared by the ids of the objects it holds.

    Holding them, it keeps their ids theirs for as long as a memo keeps it.
    """

    __slots__ = ("held", "key")

    def __init__(self, key: tuple[object, ...], held: tuple[object, ...]) -> None:
        self.key = key
        self.held = held

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FlowShape) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass
class PagePlan:
    """Elements [start, end) of a flow and their absolute baselines."""

    start: int
    end: int
    baselines: list[float]


def legal_break(els: list[El], k: int, widows: int, orphans: int) -> bool:
    """Whether a page may end between ``els[k-1]`` and ``els[k]``."""
    a, b = els[k - 1], els[k]
    if a.keep_next:
        return False
    if a.para >= 0 and a.para == b.para:
        return a.index + 1 >= orphans and a.count - a.index - 1 - a.credit_lines >= widows
    return True


def fit(
    els: list[El], pos: int, first_y: float, limit: float, widows: int, orphans: int
) -> PagePlan:
    """Fill one page from ``pos``: as many elements as fit, then back up to a legal break."""
    ys: list[float] = []
    y: float | None = None
    i = pos
    while i < len(els):
        e = els[i]
        ny = first_y if y is None else y + e.space_before + e.height
        if ny > limit + EPS and i > pos:
            break
        ys.append(ny)
        y = ny
        i += 1
    end = i
    if end < len(els):
        k = end
        while k > pos + 1 and not legal_break(els, k, widows, orphans):
            k -= 1
        if k > pos + 1 or legal_break(els, k, widows, orphans):
            end = k
    return PagePlan(pos, end, ys[: end - pos])


def paginate(
    els: list[El],
    *,
    opening_y: float,
    first_y: float,
    limit: float,
    start_recto: bool,
    widows: int,
    orphans: int,
) -> tuple[list[PagePlan], int]:
    """Pages of a flow; also returns how many spreads could not be balanced."""
    plans: list[PagePlan] = []
    unbalanced = 0
    pos = 0
    while pos < len(els):
        n = len(plans)
        top = opening_y if n == 0 else first_y
        recto = start_recto if n % 2 == 0 else not start_recto
        plan = fit(els, pos, top, limit, widows, orphans)
        if not recto and n > 0 and plan.end < len(els):
            facing = fit(els, plan.end, first_y, limit, widows, orphans)
            if facing.end < len(els) and abs(plan.baselines[-1] - facing.baselines[-1]) > EPS:
                target = min(plan.baselines[-1], facing.baselines[-1])
                a = fit(els, pos, top, target, widows, orphans)
                b = fit(els, a.end, first_y, target, widows, orphans)
                if (
                    b.end < len(els)
                    and a.baselines
                    and b.baselines
                    and abs(a.baselines[-1] - b.baselines[-1]) <= EPS
                ):
                    plan, facing = a, b
                else:
                    unbalanced += 1
            plans.extend([plan, facing])
            pos = facing.end
            continue
        plans.append(plan)
        pos = plan.end
    return plans, unbalanced
