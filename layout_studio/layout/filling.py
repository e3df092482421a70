"""Short pages filled by setting one paragraph a line longer or shorter (lua-widow-control).

Takes a ``Flow`` (its lines and, per paragraph, the variants set with
looseness +1 and -1) and the page geometry ``paginate`` takes; gives the
pages of the flow. Where widow and orphan control ended a page early, a
paragraph lying wholly on that page is set one line longer (which pushes a
line on) or shorter (which pulls one back), as lua-widow-control does,
instead of leaving the page short. A variant is kept only if the pages come
out fuller and no longer; among those, the one whose lines are least
stretched or shrunk, and never one with more hyphenated lines. The flow's
lines are replaced in place, so the next pass of the assembly finds the same
pages.
"""

from __future__ import annotations

from layout_studio.layout.flow import El, PagePlan, paginate
from layout_studio.layout.parts import Flow

EPS = 0.01


def fill_pages(
    flow: Flow,
    *,
    opening_y: float,
    first_y: float,
    limit: float,
    start_recto: bool,
    widows: int,
    orphans: int,
) -> tuple[list[PagePlan], int]:
    """``paginate`` the flow, first filling the pages widow and orphan control left short."""

    def layout(els: list[El]) -> tuple[list[PagePlan], int]:
        return paginate(
            els,
            opening_y=opening_y,
            first_y=first_y,
            limit=limit,
            start_recto=start_recto,
            widows=widows,
            orphans=orphans,
        )

    plans, bad = layout(flow.els)
    if not flow.variants:
        return plans, bad
    short = _shortfall(plans, limit)
    page = 0
    while short > EPS and page < len(plans) - 1:
        plan = plans[page]
        if not plan.baselines or plan.baselines[-1] >= limit - EPS:
            page += 1
            continue
        best: tuple[float, float, list[El], list[PagePlan], int] | None = None
        for start, end, pid in _paragraphs_within(flow.els, plan.start, plan.end):
            for looseness in (1, -1):
                variant = flow.variants[pid](looseness)
                hyphens = sum(el.hyphenated for el in flow.els[start:end])
                if variant is None or sum(el.hyphenated for el in variant) > hyphens:
                    continue  # not at the price of one more hyphenated line
                els = flow.els[:start] + variant + flow.els[end:]
                new_plans, new_bad = layout(els)
                new_short = _shortfall(new_plans, limit)
                if new_short >= short - EPS or len(new_plans) > len(plans):
                    continue
                cost = max((abs(el.ratio) for el in variant), default=0.0)
                if best is None or (new_short, cost) < best[:2]:
                    best = (new_short, cost, els, new_plans, new_bad)
        if best is not None:
            short, _cost, flow.els, plans, bad = best
        page += 1
    return plans, bad


def _shortfall(plans: list[PagePlan], limit: float) -> float:
    """How far the pages other than the last end above the text block's foot."""
    return sum(limit - p.baselines[-1] for p in plans[:-1] if p.baselines)


def _paragraphs_within(els: list[El], start: int, end: int) -> list[tuple[int, int, int]]:
    """(first, end, paragraph) for each paragraph whose lines all lie in ``els[start:end]``."""
    spans: dict[int, list[int]] = {}
    for i, el in enumerate(els):
        if el.para >= 0:
            spans.setdefault(el.para, []).append(i)
    out = []
    for pid, where in spans.items():
        if where[0] >= start and where[-1] < end:
            out.append((where[0], where[-1] + 1, pid))
    return sorted(out)
