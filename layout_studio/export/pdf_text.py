"""Glyph runs → PDF text-showing operators, written directly (no per-glyph helper objects).

Takes a registered reportlab ``TTFont``, the canvas's PDF document, the font
size, and per glyph its code point (as a character), its advance, its x
offset and its width in the font's own metrics (thousandths of an em); gives
the operators reportlab's ``PDFTextObject.textOut`` writes for the same
shaped string (a font selection per subset, then ``Tj`` or ``TJ``), byte for
byte, without building a ``ShapeData`` per glyph nor formatting a number
reportlab has already formatted. Profiled with pyinstrument on a 145-page
book, ``textOut`` was the largest cost of the PDF export (~55 %: one
``ShapeData``, two numbers and one escape per glyph); runs whose glyphs move
vertically (``dy``) still go through reportlab (``supported``).
"""

from __future__ import annotations

from itertools import compress, groupby, islice
from operator import sub

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.ttfonts import TTFont

_ESCAPED = tuple(escapePDF(bytes([c])) for c in range(256))  # escapePDF works byte by byte
_BRACKETED = tuple(f"({e})" for e in _ESCAPED)
_NUMBERS: dict[float, str] = {}  # fp_str is pure: its output depends on the value alone
_NUMBERS_LIMIT = 200_000


def _number(value: float) -> str:
    text = _NUMBERS.get(value)
    if text is None:
        if len(_NUMBERS) >= _NUMBERS_LIMIT:
            _NUMBERS.clear()  # bounded: a stranger's book cannot grow it without end
        text = _NUMBERS[value] = fp_str(value)
    return text


def show_glyphs(
    font: TTFont,
    doc: object,
    size: float,
    chars: str,
    advances: list[float],
    offsets: list[float],
    widths: list[float],
) -> str:
    """The operators that show ``chars`` at those advances, in a fresh text object.

    Mirrors ``PDFTextObject._formatText`` for a ``ShapedStr`` whose glyphs share
    one cluster and no vertical offset: per glyph, the numbers ``-x_offset``
    and ``width - x_advance + x_offset`` around its byte; zeros dropped,
    neighbouring numbers summed, neighbouring bytes joined, sums that print
    as ``0`` dropped; one ``Tj`` when only a string is left.
    """
    parts: list[str] = []
    zero_offsets = not any(offsets)
    font_size = f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"  # setFont's default leading
    current = -1
    start = 0
    for subset, codes in split_string(font, chars, doc):
        if subset != current:
            parts.append(f"{font.getSubsetInternalName(subset, doc)} {font_size}")
            current = subset
        if zero_offsets:
            _finish(parts, _tokens_unshifted(codes, widths, advances, start))
            start += len(codes)
            continue
        tokens: list[str] = []
        chunk: list[str] = []
        total: float = 0.0
        summing = False
        for j, code in enumerate(codes, start):
            offset = offsets[j]
            before = -offset
            if before:
                if chunk:
                    tokens.append("(" + "".join(chunk) + ")")
                    chunk = []
                total = total + before if summing else before
                summing = True
            if summing:
                text = _number(total)
                if text != "0":
                    tokens.append(text)
                summing = False
            chunk.append(_ESCAPED[code])
            after = widths[j] - advances[j] + offset
            if after:
                tokens.append("(" + "".join(chunk) + ")")
                chunk = []
                total = after
                summing = True
        if chunk:
            tokens.append("(" + "".join(chunk) + ")")
        if summing:
            text = _number(total)
            if text != "0":
                tokens.append(text)
        start += len(codes)
        _finish(parts, tokens)
    return " ".join(parts)


def text_object(x: float, y: float, fill: str, scale: float | None, operators: str) -> str:
    """A whole text object as reportlab's canvas writes it, from ``BT`` to ``ET``.

    ``beginText(x, y)`` (its ``Tm``), ``setFont`` (nothing for a subset font:
    the selection is in ``operators``), the fill colour's operator ``fill``,
    ``setHorizScale(scale)`` unless ``scale`` is None, the text operators,
    then ``drawText``; without a ``PDFTextObject`` per run.
    """
    if scale is None:
        return f"BT 1 0 0 1 {fp_str(x, y)} Tm {fill} {operators} ET"
    return f"BT 1 0 0 1 {fp_str(x, y)} Tm {fill} {fp_str(scale)} Tz {operators} ET"


def split_string(font: TTFont, chars: str, doc: object) -> list[tuple[int, bytes]]:
    """``font.splitString(chars, doc)``: the characters' codes, grouped by subset.

    When every character has its code already (all but the first runs of a
    font), the codes are looked up in C; otherwise reportlab assigns new codes.
    """
    state = font.state.get(doc)
    if state is not None and chars and "\xa0" not in chars:  # reportlab maps U+00A0 to 32
        numbers = list(map(state.assignments.get, map(ord, chars)))
        if None not in numbers:
            if max(numbers) < 256:
                return [(0, bytes(numbers))]
            return [
                (subset, bytes(n & 0xFF for n in group))
                for subset, group in groupby(numbers, key=_subset_of)
            ]
    result: list[tuple[int, bytes]] = font.splitString(chars, doc)
    return result


def _subset_of(number: int) -> int:
    return number >> 8


def _finish(parts: list[str], tokens: list[str]) -> None:
    if len(tokens) == 1 and tokens[0].startswith("("):
        parts.append(f"{tokens[0]} Tj")
    else:
        parts.append(f"[{' '.join(tokens)}] TJ")


def _tokens_unshifted(
    codes: bytes | list[int], widths: list[float], advances: list[float], start: int
) -> list[str]:
    """The loop of ``show_glyphs`` for glyphs without x offsets, fewer steps per glyph.

    No offset, no number before a glyph: each glyph whose width and advance
    differ closes a string and is followed by their difference.
    """
    end = start + len(codes)
    afters = list(map(sub, islice(widths, start, end), islice(advances, start, end)))
    if all(afters):  # the usual case: every glyph is its own string, then a number
        # fp_str formats several numbers at once, space-separated, each as alone: one C call.
        numbers = fp_str(*afters).split(" ")
        paired = [""] * (2 * len(numbers))
        paired[::2] = map(_BRACKETED.__getitem__, codes)
        paired[1::2] = numbers
        return [t for t in paired if t != "0"] if "0" in numbers else paired
    escaped = list(map(_ESCAPED.__getitem__, codes))
    tokens: list[str] = []
    first = 0
    cuts = list(compress(range(len(afters)), afters))  # glyphs closing a string
    numbers = fp_str(*map(afters.__getitem__, cuts)).split(" ") if cuts else []
    for j, text in zip(cuts, numbers, strict=True):
        tokens.append("(" + "".join(escaped[first : j + 1]) + ")")
        if text != "0":
            tokens.append(text)
        first = j + 1
    if first < len(escaped):
        tokens.append("(" + "".join(escaped[first:]) + ")")
    return tokens
