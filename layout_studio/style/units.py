"""Lengths and page sizes as written in themes.

Takes strings such as ``"18mm"``, ``"0.5in"``, ``"1.2cm"``, ``"11pt"``,
``"1em"`` or a bare number (points) and preset names such as ``"A5"``;
gives lengths in PostScript points (1/72 in), the unit of the whole engine.
"""

from __future__ import annotations

import re

MM = 72 / 25.4
CM = 72 / 2.54
INCH = 72.0

_UNITS = {"pt": 1.0, "mm": MM, "cm": CM, "in": INCH}
_LENGTH = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(pt|mm|cm|in|em)?\s*$")
_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[x×]\s*(\d+(?:[.,]\d+)?)\s*(mm|cm|in|pt)\s*$")

# Trim sizes, width × height in points.
PAGE_PRESETS: dict[str, tuple[float, float]] = {
    "A5": (148 * MM, 210 * MM),
    "14x20.5cm": (140 * MM, 205 * MM),
    "poche": (110 * MM, 180 * MM),
    "11x18cm": (110 * MM, 180 * MM),
    "6x9in": (6 * INCH, 9 * INCH),
    "5x8in": (5 * INCH, 8 * INCH),
}


def parse_length(value: object, em: float | None = None) -> float:
    """Points for ``value``; ``em`` is required for lengths in em. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError("longueur attendue, pas un booléen")
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"longueur attendue (« 12mm », « 0.5in », « 10pt »), reçu {value!r}")
    match = _LENGTH.match(value)
    if not match:
        raise ValueError(f"longueur illisible « {value} » (exemples : 12mm, 0.5in, 10pt, 1em)")
    number = float(match.group(1).replace(",", "."))
    unit = match.group(2) or "pt"
    if unit == "em":
        if em is None:
            raise ValueError(f"« {value} » : l’unité em n’est pas permise ici")
        return number * em
    return number * _UNITS[unit]


def parse_page_size(value: object) -> tuple[float, float]:
    """Width and height in points for a preset name or ``"140x205mm"``."""
    if not isinstance(value, str):
        raise ValueError(f"format attendu (A5, poche, 6x9in, 140x205mm…), reçu {value!r}")
    for name, size in PAGE_PRESETS.items():
        if value.strip().casefold() == name.casefold():
            return size
    match = _SIZE.match(value)
    if not match:
        presets = ", ".join(PAGE_PRESETS)
        raise ValueError(f"format inconnu « {value} » (préréglages : {presets}, ou 140x205mm)")
    factor = _UNITS[match.group(3)]
    return (
        float(match.group(1).replace(",", ".")) * factor,
        float(match.group(2).replace(",", ".")) * factor,
    )


def parse_color(value: object) -> tuple[float, float, float]:
    """RGB in 0..1 from ``"#rrggbb"`` or ``"#rgb"``."""
    if isinstance(value, str):
        text = value.strip().lstrip("#")
        if re.fullmatch(r"[0-9a-fA-F]{3}", text):
            text = "".join(c * 2 for c in text)
        if re.fullmatch(r"[0-9a-fA-F]{6}", text):
            return (int(text[0:2], 16) / 255, int(text[2:4], 16) / 255, int(text[4:6], 16) / 255)
    raise ValueError(f"couleur attendue au format « #1a1a1a », reçu {value!r}")


def color_hex(rgb: tuple[float, float, float]) -> str:
    """``"#rrggbb"`` for an RGB triple in 0..1."""
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)
