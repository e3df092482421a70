"""The line breaker as it was before its inner loop was tuned: the reference it must match.

Takes items, a measure and ``BreakParams``; gives the lines, by the plain
per-item, per-node loop of Knuth & Plass (the code of ``linebreak`` before
running totals were precomputed and the candidate inlined). Tests compare
the two on random paragraphs, bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from layout_studio.layout.items import INFINITY, Box, Glue, Item, Penalty
from layout_studio.layout.linebreak import BreakParams, Line


@dataclass
class _Node:
    position: int
    line: int
    fitness: int
    width: float
    stretch: float
    shrink: float
    demerits: float
    ratio: float
    previous: _Node | None


def _fitness(ratio: float) -> int:
    if ratio < -0.5:
        return 0  # tight
    if ratio <= 0.5:
        return 1  # decent
    if ratio <= 1.0:
        return 2  # loose
    return 3  # very loose


Measure = float | Sequence[float]


def knuth_plass(
    items: list[Item], measure: Measure, params: BreakParams | None = None
) -> list[Line]:
    r"""Break ``items`` into lines of width ``measure`` minimising total demerits.

    ``measure`` may be a sequence (one width per line, the last one repeating),
    as TeX's \\parshape; drop caps use it.
    """
    p = params or BreakParams()
    passes = [(p.tolerance, 0.0)]
    if p.emergency_stretch > 0:
        passes.append((p.tolerance, p.emergency_stretch))  # TeX's third pass
    passes.append((math.inf, 0.0))
    strict = [True, False] if p.forbid_double_hyphens else [False]
    for forbid in strict:
        for tolerance, extra in passes:
            lines = _pass(
                items, measure, p, tolerance, allow_overfull=False, extra=extra, forbid=forbid
            )
            if lines is not None:
                return lines
    lines = _pass(items, measure, p, math.inf, allow_overfull=True)
    assert lines is not None
    return lines


def _width_for(measure: Measure, line: int) -> float:
    if isinstance(measure, int | float):
        return float(measure)
    return float(measure[min(line, len(measure) - 1)])


def _pass(
    items: list[Item],
    measure: Measure,
    p: BreakParams,
    tolerance: float,
    allow_overfull: bool,
    extra: float = 0.0,
    forbid: bool = False,
) -> list[Line] | None:
    sum_w = sum_y = sum_z = 0.0
    active: list[_Node] = [_Node(0, 0, 1, 0.0, 0.0, 0.0, 0.0, 0.0, None)]
    last_dropped: _Node | None = None
    # The inner loop runs once per (break point, active node): exact types
    # and hoisted tests keep it lean on long books.
    fixed = float(measure) if isinstance(measure, int | float) else None
    previous_item: Item | None = None
    for b, item in enumerate(items):
        kind = type(item)
        penalty = item.penalty if isinstance(item, Penalty) else 0.0
        if kind is Penalty:
            legal = penalty < INFINITY
        elif kind is Glue:
            legal = type(previous_item) is Box
        else:
            legal = False
        previous_item = item
        if legal:
            is_penalty = kind is Penalty
            forced = is_penalty and penalty <= -INFINITY
            extra_width = item.width if is_penalty else 0.0
            flagged = isinstance(item, Penalty) and item.flagged
            hyphen_break = forbid and flagged and penalty > -INFINITY
            candidates: dict[int, _Node] = {}
            survivors: list[_Node] = []
            for a in active:
                target = fixed if fixed is not None else _width_for(measure, a.line)
                width = sum_w - a.width + extra_width
                if width < target:
                    stretch = sum_y - a.stretch + extra
                    ratio = (target - width) / stretch if stretch > 0 else math.inf
                elif width > target:
                    shrink = sum_z - a.shrink
                    ratio = (target - width) / shrink if shrink > 0 else -math.inf
                else:
                    ratio = 0.0
                if ratio < -1 or forced:
                    last_dropped = a
                else:
                    survivors.append(a)
                if hyphen_break and a.previous is not None:
                    prev = items[a.position]
                    if type(prev) is Penalty and prev.flagged and prev.penalty > -INFINITY:
                        continue
                if ratio >= -1:
                    if ratio != math.inf and min(100 * abs(ratio) ** 3, 10000.0) > tolerance:
                        continue  # _badness() inlined: too loose
                    if ratio == math.inf and tolerance != math.inf:
                        continue
                elif not (allow_overfull and not survivors and a is last_dropped):
                    continue
                node = _candidate(a, b, item, items, ratio, p)
                best = candidates.get(node.fitness)
                if best is None or node.demerits < best.demerits:
                    candidates[node.fitness] = node
            active = survivors
            if candidates:
                after_w, after_y, after_z = _after_break(items, b, sum_w, sum_y, sum_z)
                for node in candidates.values():
                    node.width, node.stretch, node.shrink = after_w, after_y, after_z
                    active.append(node)
            if not active:
                if not allow_overfull:
                    return None
                # Overfull: keep the last node alive and force a break here.
                assert last_dropped is not None
                node = _candidate(last_dropped, b, item, items, -1.0, p)
                node.width, node.stretch, node.shrink = _after_break(items, b, sum_w, sum_y, sum_z)
                node.ratio = -math.inf
                active = [node]
        if kind is not Penalty:
            sum_w += item.width
            sum_y += item.stretch  # type: ignore[union-attr]
            sum_z += item.shrink  # type: ignore[union-attr]
    if not active:
        return None
    best = min(active, key=lambda n: n.demerits)
    if p.looseness:
        target = best.line + p.looseness
        best = min(active, key=lambda n: (abs(n.line - target), n.demerits))
    return _lines(best)


def _candidate(
    a: _Node, b: int, item: Item, items: list[Item], ratio: float, p: BreakParams
) -> _Node:
    badness = 100 * abs(ratio) ** 3 if math.isfinite(ratio) else 10000.0
    penalty = item.penalty if isinstance(item, Penalty) else 0.0
    base = (p.line_penalty + min(badness, 10000.0)) ** 2
    if penalty >= 0:
        demerits = base + penalty**2
    elif penalty > -INFINITY:
        demerits = base - penalty**2
    else:
        demerits = base
    flagged = isinstance(item, Penalty) and item.flagged
    prev_item = items[a.position] if a.previous is not None else None
    forced = isinstance(item, Penalty) and item.penalty <= -INFINITY
    if flagged and not forced and isinstance(prev_item, Penalty) and prev_item.flagged:
        demerits += p.double_hyphen_demerits  # at the paragraph's end TeX charges only the next
    if (
        isinstance(item, Penalty)
        and item.penalty <= -INFINITY
        and isinstance(prev_item, Penalty)
        and prev_item.flagged
    ):
        demerits += p.final_hyphen_demerits  # hyphen on the last full line
    fitness = _fitness(ratio)
    if abs(fitness - a.fitness) > 1:
        demerits += p.adj_demerits
    return _Node(b, a.line + 1, fitness, 0.0, 0.0, 0.0, a.demerits + demerits, ratio, a)


def _after_break(
    items: list[Item], b: int, w: float, y: float, z: float
) -> tuple[float, float, float]:
    """Totals after the break at ``b``, skipping what a break discards (§ "after b")."""
    for i in range(b, len(items)):
        it = items[i]
        if isinstance(it, Box):
            break
        if isinstance(it, Glue):
            w += it.width
            y += it.stretch
            z += it.shrink
        elif isinstance(it, Penalty) and it.penalty <= -INFINITY and i > b:
            break
    return w, y, z


def _lines(node: _Node) -> list[Line]:
    chain: list[_Node] = []
    cur: _Node | None = node
    while cur is not None and cur.previous is not None:
        chain.append(cur)
        cur = cur.previous
    chain.reverse()
    lines: list[Line] = []
    start = 0
    for n in chain:
        lines.append(Line(start, n.position, n.ratio, overfull=n.ratio < -1))
        start = n.position + 1
    return lines
