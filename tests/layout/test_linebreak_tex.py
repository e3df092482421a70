"""Our Knuth–Plass against TeX itself on Knuth & Plass's Frog King paragraph.

``tests/fixtures/tex/frog-king.json`` holds what LuaTeX saw and chose (see
``make_fixture.py`` there): the paragraph's items measured in cmr10 (words
with their kerns, interword glue with plain TeX's space factors,
discretionary hyphens) and the lines TeX set, at five measures and
tolerances. Breaking the very same items with TeX's parameters must give
the very same lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layout_studio.layout.items import Box, Glue, Item, Penalty
from layout_studio.layout.linebreak import BreakParams, knuth_plass

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tex" / "frog-king.json"
PARAGRAPHS = json.loads(FIXTURE.read_text(encoding="utf-8"))["paragraphs"]


def _items(raw: list[list[object]]) -> list[Item]:
    out: list[Item] = []
    for kind, *args in raw:
        if kind == "box":
            out.append(Box(float(args[0]), str(args[1])))  # type: ignore[arg-type]
        elif kind == "glue":
            out.append(Glue(*(float(a) for a in args)))  # type: ignore[arg-type]
        else:
            out.append(Penalty(float(args[0]), float(args[1]), bool(args[2])))  # type: ignore[arg-type]
    return out


def _texts(items: list[Item], breaks: list[tuple[int, int]]) -> list[str]:
    lines = []
    for start, end in breaks:
        text = "".join(it.content for it in items[start:end] if isinstance(it, Box))
        brk = items[end] if end < len(items) else None
        if isinstance(brk, Penalty) and brk.flagged and brk.width > 0 and brk.penalty > -10000:
            text += "-"
        lines.append(text)
    return lines


@pytest.mark.parametrize(
    "paragraph", PARAGRAPHS, ids=[f"{p['hsize']:g}pt-tol{p['tolerance']}" for p in PARAGRAPHS]
)
def test_same_lines_as_tex(paragraph):
    items = _items(paragraph["items"])
    params = BreakParams(
        tolerance=paragraph["tolerance"],
        emergency_stretch=0.0,
        forbid_double_hyphens=False,  # TeX only charges \doublehyphendemerits
    )
    lines = knuth_plass(items, paragraph["hsize"], params)
    assert _texts(items, [(ln.start, ln.end) for ln in lines]) == paragraph["lines"]


def test_the_fixture_is_a_real_paragraph():
    # Guard against a broken regeneration: every measure set the whole text.
    words = "".join(t for p in PARAGRAPHS[:1] for t in p["lines"])
    assert words.startswith("Inoldentimeswhenwishing") and words.endswith("plaything.")
    assert len({len(p["lines"]) for p in PARAGRAPHS}) == len(PARAGRAPHS)
    assert any(line.endswith("-") for p in PARAGRAPHS for line in p["lines"])
