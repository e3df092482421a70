"""Theme values that reach the EPUB's CSS, checked by type and written safely.

Takes the strings of a theme's ``[epub]`` table (font families, alignment,
hyphenation, line height) and any text the style sheet quotes (a label, a
scene-break ornament, a font's family name); gives values parsed into their
type (a tuple of family names, a keyword, a number) or a ``ValueError``
with the reason in French, and CSS text built from those values only: a
theme can never put its own characters between two CSS rules.
"""

from __future__ import annotations

import math
import re

GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif"}
)
TEXT_ALIGNS = ("justify", "left", "right", "center", "start", "end")
HYPHENS = ("auto", "manual", "none")
MAX_FAMILIES = 12
MAX_FAMILY_NAME = 80

# A family name: letters of any script, digits, spaces, dot, hyphen, underscore, apostrophe ’.
_FAMILY_NAME = re.compile(r"[\w .\-’]+")
_LINE_HEIGHT = re.compile(r"(\d{1,3}(?:\.\d{1,4})?)(em|%)?")


def parse_font_families(value: str) -> tuple[str, ...]:
    """``"Georgia, 'Source Serif Pro', serif"`` → ``("Georgia", "Source Serif Pro", "serif")``."""
    families = []
    for item in value.split(","):
        name = item.strip()
        if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
            name = name[1:-1].strip()
        if not name:
            raise ValueError("nom de famille vide dans la liste")
        if len(name) > MAX_FAMILY_NAME or not _FAMILY_NAME.fullmatch(name):
            raise ValueError(
                f"nom de famille « {name[:40]} » refusé : lettres, chiffres, espaces, "
                "points et tirets seulement"
            )
        families.append(" ".join(name.split()))
    if len(families) > MAX_FAMILIES:
        raise ValueError(f"{len(families)} familles, {MAX_FAMILIES} au plus")
    return tuple(families)


def parse_line_height(value: str) -> str:
    """A unitless number (``"1.4"``), or em or % (``"1.4em"``, ``"140%"``), normalised."""
    match = _LINE_HEIGHT.fullmatch(value.strip())
    if not match:
        raise ValueError(f"interligne « {value[:40]} » illisible (exemples : 1.4, 1.4em, 140%)")
    number = float(match.group(1))
    unit = match.group(2) or ""
    ratio = number / 100 if unit == "%" else number
    if not math.isfinite(ratio) or not 0.8 <= ratio <= 4:
        raise ValueError(f"interligne « {value} » hors limites (entre 0.8 et 4)")
    return f"{number:g}{unit}"


def parse_keyword(value: str, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of ``choices``."""
    if value not in choices:
        raise ValueError(f"valeur « {value[:40]} » inconnue (choix : {', '.join(choices)})")
    return value


def css_string(text: str) -> str:
    r"""``text`` as a double-quoted CSS string: everything but plain ASCII is escaped.

    Quotes, backslashes, newlines and every other control character become
    ``\hex `` escapes, so the string always ends where it should.
    """
    out = []
    for ch in text:
        if " " <= ch <= "~" and ch not in '"\\':
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def css_family(name: str) -> str:
    """One family in a ``font-family`` list: generic keywords bare, names quoted."""
    return name if name in GENERIC_FAMILIES else css_string(name)


def css_comment(text: str) -> str:
    """``text`` made safe inside ``/* … */``: no comment end, no control character."""
    return "".join(ch if ch.isprintable() else " " for ch in text).replace("*/", "* /")
