r"""User-supplied strings made safe to print in a message.

Takes any string that came from outside (a file name, a theme key or label,
a title, a contributor name); gives the same string where every character a
terminal would act on instead of showing is replaced by a visible escape:
C0 and C1 control characters (ESC starts colour and cursor sequences), DEL,
bidirectional overrides and isolates (which reorder what follows), line and
paragraph separators, and lone surrogates (undecodable bytes of a file name,
which would make printing fail). ESC [31m is shown as ``\x1b[31m``,
never obeyed. One table, built once; ``str.translate`` is linear.
"""

from __future__ import annotations

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SEPARATORS = (0x2028, 0x2029)
_SURROGATES = range(0xD800, 0xE000)


def _escape(code: int) -> str:
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_TABLE: dict[int, str] = {
    code: _escape(code)
    for code in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *_BIDI,
        *_SEPARATORS,
        *_SURROGATES,
    )
}


def printable(text: object) -> str:
    """``text`` (or its ``str``) with every control character shown as an escape."""
    return str(text).translate(_TABLE)
