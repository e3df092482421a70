"""The ISBN's EAN-13 barcode, as page-model rectangles for the print cover.

Takes the 13 digits of an ISBN (checked on input) and the white box the
print service keeps on the back cover; gives ``ean13_modules`` (the 95
modules, ``"1"`` for a dark one, GS1 General Specifications § 5.2.1.2) and
``barcode_items`` (black ``Fill`` bars, the digits under them, and the
« ISBN 978-… » line above, as booksellers expect). The bars are solid black,
which the print conversion turns into black ink only: a four-colour bar
would blur on any registration error and fail the scanners' grading.
"""

from __future__ import annotations

from layout_studio.layout.inline import Style
from layout_studio.layout.page import Fill, GlyphRun, PageItem
from layout_studio.layout.typeset import Typesetter
from layout_studio.style.units import MM

#: Left-half digit patterns of set A (odd parity); set B is set C reversed; C is A inverted.
_SET_A = ("0001101", "0011001", "0010011", "0111101", "0100011",
          "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
#: Which set (A or B) each of the six left digits uses, chosen by the first digit.
_PARITY = ("AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB",
           "ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA")  # fmt: skip
_GUARD = "101"
_CENTRE = "01010"

#: The nominal module width (magnification 100 %) and bar height.
MODULE = 0.33 * MM
BAR_HEIGHT = 22.85 * MM
#: Quiet zones, in modules, left and right of the symbol.
QUIET_LEFT, QUIET_RIGHT = 11, 7
BLACK = (0.0, 0.0, 0.0)


def _set_c(digit: int) -> str:
    return "".join("1" if m == "0" else "0" for m in _SET_A[digit])


def ean13_modules(digits: str) -> str:
    """The 95 modules of the EAN-13 symbol of ``digits`` (13 digits, check digit right)."""
    if len(digits) != 13 or not digits.isdigit():
        raise ValueError(f"EAN-13 : 13 chiffres attendus, reçu « {digits} »")
    values = [int(d) for d in digits]
    left = ""
    for value, kind in zip(values[1:7], _PARITY[values[0]], strict=True):
        left += _SET_A[value] if kind == "A" else _set_c(value)[::-1]
    right = "".join(_set_c(v) for v in values[7:])
    return _GUARD + left + _CENTRE + right + _GUARD


def _guard_modules() -> set[int]:
    """Indexes of the modules of the three guard patterns (their bars reach lower)."""
    return {*range(3), *range(45, 50), *range(92, 95)}


def barcode_items(
    ts: Typesetter, digits: str, heading: str, x: float, y: float, width: float, height: float
) -> list[PageItem]:
    """The barcode of ``digits`` with ``heading`` above it, inside the box at (x, y).

    The symbol is at 100 % (0.33 mm modules) or as much as the box allows
    (GS1 accepts 80 % to 200 %); the bars keep their nominal proportion and
    are shortened only when the box is too low for them.
    """
    pad = 1.5 * MM
    module = min(MODULE, (width - 2 * pad) / (QUIET_LEFT + 95 + QUIET_RIGHT))
    text_size = min(8.0, module / MODULE * 8.0)
    style = ts.style(ts.theme.body, "regular", size=text_size).with_(color=BLACK)
    gap = text_size * 0.35
    bars_top = y + pad + text_size + gap
    digits_base = y + height - pad
    guard_bottom = digits_base - text_size * 0.45
    bars_bottom = guard_bottom - 5 * module
    bars_bottom = min(bars_bottom, bars_top + BAR_HEIGHT * module / MODULE)
    guard_bottom = bars_bottom + 5 * module
    symbol = QUIET_LEFT + 95 + QUIET_RIGHT
    left = x + (width - symbol * module) / 2 + QUIET_LEFT * module
    items: list[PageItem] = []
    modules = ean13_modules(digits)
    guards = _guard_modules()
    start = 0
    while start < len(modules):  # one rectangle per bar (a run of dark modules)
        if modules[start] != "1":
            start += 1
            continue
        end = start
        while end < len(modules) and modules[end] == "1":
            end += 1
        bottom = guard_bottom if start in guards else bars_bottom
        items.append(
            Fill(left + start * module, bars_top, (end - start) * module, bottom - bars_top, BLACK)
        )
        start = end
    items += _text(ts, heading, style, left, y + pad + text_size, 95 * module)
    items += _text(
        ts, digits[0], style, left - QUIET_LEFT * module, digits_base, 9 * module, "left"
    )
    for first, last, begin in ((1, 7, 3), (7, 13, 50)):
        items += _text(
            ts, digits[first:last], style, left + begin * module, digits_base, 42 * module
        )
    return items


def _text(
    ts: Typesetter,
    text: str,
    style: Style,
    x: float,
    baseline: float,
    measure: float,
    align: str = "center",
) -> list[GlyphRun]:
    lines = ts.simple_lines(text, style, measure, align=align)
    if not lines:
        return []
    return [
        GlyphRun(r.x + x, r.y + baseline, r.font, r.size, r.color, r.glyphs, r.angle, r.hscale)
        for r in lines[0].runs
    ]
