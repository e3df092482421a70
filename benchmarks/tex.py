"""LaTeX escaping shared by the benchmarks that set our texts with lualatex.

Takes plain text and gives LaTeX source that sets it literally; with
``french_spaces`` the no-break spaces become the glue our engine sets for
them (stretchable ``~`` for U+00A0, a fixed thin space for U+202F).
"""

from __future__ import annotations

TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",  # ``\^`` would accent the next letter
    "~": r"\textasciitilde{}",
}

_FRENCH_SPACES = {
    **TEX_SPECIAL,
    "\u00a0": "~",  # stretchable and unbreakable, as our NBSP glue
    "\u202f": r"\nobreak\hskip.5\fontdimen2\font\relax{}",  # fixed thin space, as ours
}


def tex_escape(text: str, *, french_spaces: bool = False) -> str:
    """``text`` as LaTeX sets it literally, one character at a time."""
    table = _FRENCH_SPACES if french_spaces else TEX_SPECIAL
    return "".join(table.get(ch, ch) for ch in text)
