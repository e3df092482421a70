"""Line breaking: Knuth–Plass total fit, with a first-fit breaker as oracle.

Takes a list of items (boxes, glue, penalties; see ``items``), the measure
and ``BreakParams`` (TeX's names and defaults); gives the chosen break
positions with each line's adjustment ratio.

Follows Knuth & Plass, "Breaking Paragraphs into Lines" (1981): legal
breaks are glue after a box and penalties below +inf (§3); badness is
100·|r|³ (§4); demerits are (l + b)² ± p², plus α for consecutive flagged
(hyphen) breaks and γ between incompatible fitness classes (§6).
Boxes may carry stretch and shrink (font expansion, as pdfTeX's): they add
to a line's stretchability exactly as glue does.
Where it departs from the paper: a second, "emergency" pass with unlimited
tolerance runs when the first finds no solution, and if a box is wider
than the measure the best node is kept and the line is set overfull rather
than failing (as TeX does), so the caller can report it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from layout_studio.layout.items import INFINITY, Box, Glue, Item, Penalty


@dataclass(frozen=True, slots=True)
class BreakParams:
    """TeX's line-breaking parameters, TeX's defaults."""

    tolerance: float = 200.0
    line_penalty: float = 10.0
    hyphen_penalty: float = 50.0
    double_hyphen_demerits: float = 10000.0  # α, \doublehyphendemerits
    final_hyphen_demerits: float = 5000.0  # \finalhyphendemerits
    adj_demerits: float = 10000.0  # γ, \adjdemerits
    looseness: int = 0
    emergency_stretch: float = 0.0  # \emergencystretch, added in a third pass
    forbid_double_hyphens: bool = True  # two hyphenated lines in a row only as a last resort


@dataclass(frozen=True, slots=True)
class Line:
    """One line: items [start, end) and the glue ratio to set them with."""

    start: int
    end: int  # index of the break item (excluded from the line)
    ratio: float
    overfull: bool = False


@dataclass(slots=True)
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
    flagged: bool = False  # the break item is a flagged penalty (a hyphen)
    hyphen: bool = False  # ... and not the paragraph's forced end


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
    return knuth_plass_loose(items, measure, p, (p.looseness,))[p.looseness]


def knuth_plass_loose(
    items: list[Item], measure: Measure, params: BreakParams, loosenesses: Sequence[int]
) -> dict[int, list[Line]]:
    """The lines for each looseness in ``loosenesses``, from one run of the passes.

    Which pass succeeds, and its last active nodes, do not depend on the
    looseness (only the final choice does): page filling asks for the
    paragraph one line longer and shorter at the price of one breaking.
    """
    p = params
    passes = [(p.tolerance, 0.0)]
    if p.emergency_stretch > 0:
        passes.append((p.tolerance, p.emergency_stretch))  # TeX's third pass
    passes.append((math.inf, 0.0))
    strict = [True, False] if p.forbid_double_hyphens else [False]
    prepared = _Prepared(items)
    for forbid in strict:
        for tolerance, extra in passes:
            active = _pass(
                prepared, measure, p, tolerance, allow_overfull=False, extra=extra, forbid=forbid
            )
            if active is not None:
                return {k: _choose(active, k) for k in loosenesses}
    active = _pass(prepared, measure, p, math.inf, allow_overfull=True)
    assert active is not None
    return {k: _choose(active, k) for k in loosenesses}


def _choose(active: list[_Node], looseness: int) -> list[Line]:
    best = min(active, key=lambda n: n.demerits)
    if looseness:
        target = best.line + looseness
        best = min(active, key=lambda n: (abs(n.line - target), n.demerits))
    return _lines(best)


def _width_for(measure: Measure, line: int) -> float:
    if isinstance(measure, int | float):
        return float(measure)
    return float(measure[min(line, len(measure) - 1)])


class _Prepared:
    """The items as the breaker reads them: running totals and the legal breaks.

    Computed once per paragraph for every pass. ``w[b]`` (and ``y``, ``z``) is
    the total before item ``b``, added in the items' order as a running sum
    would be; ``breaks`` holds, per legal break: its index, its penalty, the
    width it adds (a hyphen), whether it is flagged, and whether it is forced.
    """

    __slots__ = ("breaks", "items", "w", "y", "z")

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        widths: list[float] = []
        stretches: list[float] = []
        shrinks: list[float] = []
        breaks: list[tuple[int, float, float, bool, bool]] = []
        previous: type | None = None
        for b, item in enumerate(items):
            kind = type(item)
            if kind is Penalty:
                penalty = item.penalty  # type: ignore[union-attr]
                if penalty < INFINITY:
                    flagged = item.flagged  # type: ignore[union-attr]
                    breaks.append((b, penalty, item.width, flagged, penalty <= -INFINITY))
                widths.append(0.0)
                stretches.append(0.0)
                shrinks.append(0.0)
            else:
                if kind is Glue and previous is Box:
                    breaks.append((b, 0.0, 0.0, False, False))
                widths.append(item.width)
                stretches.append(item.stretch)  # type: ignore[union-attr]
                shrinks.append(item.shrink)  # type: ignore[union-attr]
            previous = kind
        # Adding a penalty's 0.0 leaves a running sum unchanged: the same floats.
        self.w = list(accumulate(widths, initial=0.0))
        self.y = list(accumulate(stretches, initial=0.0))
        self.z = list(accumulate(shrinks, initial=0.0))
        self.breaks = breaks


def _pass(
    prepared: _Prepared,
    measure: Measure,
    p: BreakParams,
    tolerance: float,
    allow_overfull: bool,
    extra: float = 0.0,
    forbid: bool = False,
) -> list[_Node] | None:
    items = prepared.items
    all_w, all_y, all_z = prepared.w, prepared.y, prepared.z
    active: list[_Node] = [_Node(0, 0, 1, 0.0, 0.0, 0.0, 0.0, 0.0, None)]
    last_dropped: _Node | None = None
    # The inner loop runs once per (break point, active node): exact types,
    # hoisted tests and _candidate() inlined keep it lean on long books.
    fixed = float(measure) if isinstance(measure, int | float) else None
    inf = math.inf
    line_penalty = p.line_penalty
    alpha, final, gamma = p.double_hyphen_demerits, p.final_hyphen_demerits, p.adj_demerits
    # A ratio above this is too loose for sure (the bound is a hair above the
    # tolerance's cube root, more than rounding can move): most pairs of a break
    # and an active node are, and skip the badness's power.
    loose = (tolerance / 100) ** (1 / 3) * (1 + 1e-9) if tolerance < 10000.0 else inf
    for b, penalty, extra_width, flagged, forced in prepared.breaks:
        sum_w, sum_y, sum_z = all_w[b], all_y[b], all_z[b]
        hyphen_break = forbid and flagged and not forced
        if penalty >= 0:
            pen_sq = penalty**2
        elif not forced:
            pen_sq = -(penalty**2)  # base - p² is base + (-p²), bit for bit
        else:
            pen_sq = 0.0
        double = flagged and not forced
        candidates: dict[int, _Node] = {}
        survivors: list[_Node] = []
        for a in active:
            target = fixed if fixed is not None else _width_for(measure, a.line)
            width = sum_w - a.width + extra_width
            if width < target:
                stretch = sum_y - a.stretch + extra
                ratio = (target - width) / stretch if stretch > 0 else inf
                if ratio > loose and ratio != inf and not forced:
                    survivors.append(a)  # too loose: what the tests below conclude
                    continue
            elif width > target:
                shrink = sum_z - a.shrink
                ratio = (target - width) / shrink if shrink > 0 else -inf
            else:
                ratio = 0.0
            if ratio < -1 or forced:
                last_dropped = a
            else:
                survivors.append(a)
            if hyphen_break and a.hyphen:
                continue
            if ratio >= -1:
                if ratio > loose and ratio != inf:
                    continue  # too loose (a forced break)
                if ratio != inf:
                    badness = 100 * abs(ratio) ** 3
                    if badness > 10000.0:
                        badness = 10000.0
                    if badness > tolerance:
                        continue  # too loose
                elif tolerance != inf:
                    continue
                else:
                    badness = 10000.0
            elif not (allow_overfull and not survivors and a is last_dropped):
                continue
            else:
                badness = 10000.0 if ratio == -inf else min(100 * abs(ratio) ** 3, 10000.0)
            demerits = (line_penalty + badness) ** 2 + pen_sq
            if a.flagged:
                if double:
                    demerits += alpha  # at the paragraph's end TeX charges only the next
                if forced:
                    demerits += final  # hyphen on the last full line
            if ratio < -0.5:
                fitness = 0
            elif ratio <= 0.5:
                fitness = 1
            elif ratio <= 1.0:
                fitness = 2
            else:
                fitness = 3
            if abs(fitness - a.fitness) > 1:
                demerits += gamma
            total = a.demerits + demerits
            best = candidates.get(fitness)
            if best is None or total < best.demerits:
                candidates[fitness] = _Node(
                    b, a.line + 1, fitness, 0.0, 0.0, 0.0, total, ratio, a, flagged, double
                )
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
            item = items[b]
            node = _candidate(last_dropped, b, item, items, -1.0, p)
            node.width, node.stretch, node.shrink = _after_break(items, b, sum_w, sum_y, sum_z)
            node.ratio = -math.inf
            active = [node]
    return active or None


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
    return _Node(
        b,
        a.line + 1,
        fitness,
        0.0,
        0.0,
        0.0,
        a.demerits + demerits,
        ratio,
        a,
        flagged,
        flagged and not forced,
    )


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


def first_fit(items: list[Item], measure: float) -> list[Line]:
    """Greedy breaking: the longest line that fits, as a word processor does (oracle)."""
    lines: list[Line] = []
    start = 0
    last_legal: int | None = None
    width = 0.0
    for b, item in enumerate(items):
        legal = (isinstance(item, Penalty) and item.penalty < INFINITY) or (
            isinstance(item, Glue) and b > start and isinstance(items[b - 1], Box)
        )
        natural = width + (item.width if isinstance(item, Penalty) else 0.0)
        if legal and natural > measure and last_legal is not None:
            lines.append(Line(start, last_legal, 0.0))
            start = last_legal + 1
            while start < len(items) and isinstance(items[start], Glue | Penalty) and start <= b:
                skipped = items[start]
                if isinstance(skipped, Penalty) and skipped.penalty <= -INFINITY:
                    break
                start += 1
            width = sum(it.width for it in items[start:b] if isinstance(it, Box | Glue))
            last_legal = None
        if isinstance(item, Penalty) and item.penalty <= -INFINITY:
            lines.append(Line(start, b, 0.0, overfull=width > measure))
            start, width, last_legal = b + 1, 0.0, None
            continue
        if (legal and natural <= measure) or (legal and last_legal is None):
            last_legal = b
        if isinstance(item, Box | Glue):
            width += item.width
    return lines


def _badness(ratio: float) -> float:
    """TeX's badness, 100·|r|³ capped at 10000 (§4); infinite when no stretch."""
    if not math.isfinite(ratio):
        return math.inf
    return min(100 * abs(ratio) ** 3, 10000.0)


def _double_hyphen(a: _Node, item: Item, items: list[Item]) -> bool:
    """Whether breaking at ``item`` after ``a`` would hyphenate two lines in a row."""
    if not (isinstance(item, Penalty) and item.flagged and item.penalty > -INFINITY):
        return False
    prev = items[a.position] if a.previous is not None else None
    return isinstance(prev, Penalty) and prev.flagged and prev.penalty > -INFINITY
