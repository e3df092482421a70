"""The fonts of a PDF: reportlab registrations and the characters that draw each glyph.

Takes the engine's ``Font`` and its glyph runs; gives reportlab's font
name for each, and per run the characters (code points reportlab embeds
and extracts), pen steps, offsets and widths, then the text operators
(``pdf_text.show_glyphs``). Kept for the process, per font file; the
operators of short runs (leader dots, folios) are remembered per document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import compress, islice, repeat
from operator import itemgetter, mul, sub
from typing import cast

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont

from layout_studio.export.pdf_text import show_glyphs
from layout_studio.layout.page import GlyphRun, Glyphs
from layout_studio.text.fonts import Font

_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
SHORT_RUN = 8  # glyphs: runs this short have their operators remembered per document


# Glyphs with no code point of their own (old-style figures, small caps) are
# given private-use code points by reportlab, once per process and in the order
# they are first met: the number is a handle, never written out. The ToUnicode
# map says what text each one stands for *in this document* (or nothing), so
# the bytes do not depend on what the process drew before.
_PRIVATE_TEXT: ContextVar[dict[tuple[str, int], str] | None] = ContextVar(
    "_PRIVATE_TEXT", default=None
)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a subset, with this document's text for private code points."""
    face = fontname.split("+", 1)[-1]
    texts = _PRIVATE_TEXT.get() or {}
    pairs = [(i, texts.get((face, cp), chr(cp))) for i, cp in enumerate(subset)]
    lines = [f"<{i:02X}> <{t.encode('utf-16-be').hex().upper()}>" for i, t in pairs if t]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(lines)} beginbfchar",
            *lines,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

# Per document: the suffix after the face name of each font that shares its PostScript
# name with another font of the document but not its bytes (``_Fonts.distinct_names``).
_SUFFIXES: ContextVar[dict[str, str] | None] = ContextVar("_SUFFIXES", default=None)
# reportlab reads the names when the document is saved, from faces the process shares.
_SAVING = threading.Lock()


class _Fonts:
    """reportlab registrations and glyph → character maps, one per font file.

    Kept for the process: parsing a font for reportlab costs more than
    drawing a book, and batch exports reuse them.
    """

    registered: dict[str, TTFont] = {}  # noqa: RUF012 - process-wide cache on purpose
    reverse: dict[str, dict[int, int]] = {}  # noqa: RUF012
    faces: dict[str, str] = {}  # noqa: RUF012 - the face name the ToUnicode maps are keyed by
    # (glyph id, text) → (character drawn, its width, its code point if private else 0):
    # what ``_code`` decided, per font
    codes: dict[str, dict[tuple[int, str], tuple[str, float, int]]] = {}  # noqa: RUF012
    # Per font, each character of its own character map → (its glyph, its width): a glyph
    # drawn as the character that maps to it is that character (what ``_code`` decides).
    plain: dict[str, tuple[dict[str, int], dict[str, float]]] = {}  # noqa: RUF012

    def __init__(self) -> None:
        # Operators of short runs met before in this document (leader dots, folios):
        # the same glyphs at the same size and scale give the same operators.
        self._shown: dict[tuple[str, float, float, Glyphs], str] = {}
        self._shown_doc: object = None

    def name(self, font: Font) -> str:
        # By bytes, not by PostScript name alone: an entry's own face named like another's
        # (a batch worker draws strangers' entries in turn) is drawn with its own outlines.
        key = f"LS-{font.key}-{font.digest}"
        if key not in self.registered:
            ttf = TTFont(key, str(font.path), shapable=True)
            pdfmetrics.registerFont(ttf)
            ttf.hbFont(10)  # sets up reportlab's private code points for unmapped glyphs
            self.registered[key] = ttf
            reverse: dict[int, int] = {}
            for cp in sorted(font.cmap):
                gid = ttf.face.charToGlyph.get(cp)
                if gid is not None:
                    reverse.setdefault(gid, cp)
            self.reverse[key] = reverse
            self.faces[key] = _face_name(ttf)
            # Only the font's own characters: reportlab's private code points come and go.
            mapped = [cp for cp in ttf.face.charToGlyph if cp in font.cmap]
            self.plain[key] = (
                {chr(cp): ttf.face.charToGlyph[cp] for cp in mapped},
                {chr(cp): ttf.face.charWidths.get(cp, 0) for cp in mapped},
            )
        return key

    def shaped(self, run: GlyphRun) -> ShapedStr:
        """The run as reportlab's shaped string (for runs ``show`` does not handle)."""
        chars, advances, offsets, widths = self._metrics(self.name(run.font), run)
        dys = run.glyphs.dys
        data = [
            ShapeData(0, advances[i], 0, offsets[i], -dy * 1000 / run.size, widths[i])
            for i, dy in enumerate(repeat(0.0, len(chars)) if dys is None else dys)
        ]
        return ShapedStr(chars, shapeData=data)

    def show(self, run: GlyphRun, doc: object) -> str | None:
        """The text operators of ``run`` (see ``pdf_text``); None when a glyph moves vertically."""
        glyphs = run.glyphs
        if glyphs.dys is not None:
            return None
        key = self.name(run.font)
        memo = None
        if len(glyphs.gids) <= SHORT_RUN:  # a long run (a line of text) seldom comes twice
            if doc is not self._shown_doc:  # codes and subset names belong to one document
                self._shown.clear()
                self._shown_doc = doc
            memo = (key, run.size, run.hscale, glyphs)
            known = self._shown.get(memo)
            if known is not None:
                return known
        chars, advances, offsets, widths = self._metrics(key, run)
        shown = show_glyphs(self.registered[key], doc, run.size, chars, advances, offsets, widths)
        if memo is not None:
            self._shown[memo] = shown
        return shown

    def _metrics(
        self, key: str, run: GlyphRun
    ) -> tuple[str, list[float], list[float], list[float]]:
        """Code points, advances, x offsets and font widths, in thousandths of an em.

        Pen positions are taken from the first glyph (the text origin) and are
        final: Tz (horizontal scale) widens them again when drawing.
        """
        glyphs = run.glyphs
        xs = glyphs.xs.tolist()
        x0 = xs[0]
        if x0 != 0:
            xs = list(map(sub, xs, repeat(x0, len(xs))))
        unit = 1000 / run.size / run.hscale
        chars: str | None = None
        if glyphs.ends is None and not glyphs.extracts:  # a character per glyph, as set
            glyph_of, width_of = self.plain[key]
            text = glyphs.text
            if list(map(glyph_of.get, text)) == glyphs.gids.tolist():
                chars, widths = text, list(map(width_of.__getitem__, text))
        if chars is None:
            chars, widths = self._by_glyph(key, run)
        # Pen steps to the next glyph; the last glyph's own advance.
        advances = list(map(mul, map(sub, islice(xs, 1, None), xs), repeat(unit)))
        advances.append(glyphs.advances[-1] * unit)
        dxs = glyphs.dxs
        offsets = [0.0] * len(xs) if dxs is None else [dx * unit for dx in dxs]
        return chars, advances, offsets, widths

    def _by_glyph(self, key: str, run: GlyphRun) -> tuple[str, list[float]]:
        """The characters drawing the run's glyphs and their widths, decided glyph by glyph.

        Records this document's text for each private code point drawn.
        """
        glyphs = run.glyphs
        codes = self.codes.setdefault(key, {})
        document_texts = _PRIVATE_TEXT.get()
        pairs = list(zip(glyphs.gids, glyphs.extract_texts(), strict=True))
        # Looked up in C (map); only glyphs met for the first time go through _drawn.
        found = list(map(codes.get, pairs))
        known: list[tuple[str, float, int]] = (
            [k or self._drawn(key, run.font, *pair) for k, pair in zip(found, pairs, strict=True)]
            if None in found
            else cast(list[tuple[str, float, int]], found)
        )
        chars = "".join(map(_FIRST, known))
        widths = list(map(_SECOND, known))
        if document_texts is not None:  # this document's text for each private code point
            face = self.faces[key] + ((_SUFFIXES.get() or {}).get(key) or "")
            privates = compress(zip(known, pairs, strict=True), map(_THIRD, known))
            for (_char, _width, private), (_gid, text) in privates:
                document_texts.setdefault((face, private), text)
        return chars, widths

    @classmethod
    def forget(cls, keep: Callable[[str], bool]) -> None:
        """Drop the registrations of faces read from files ``keep`` refuses.

        A batch worker's past entries' own fonts: reportlab's parse of a face is a few MB.
        """
        with _SAVING:
            for key in [k for k, ttf in cls.registered.items() if not keep(ttf.face.filename)]:
                for memo in (cls.registered, cls.reverse, cls.faces, cls.codes, cls.plain):
                    memo.pop(key, None)
                pdfmetrics._fonts.pop(key, None)

    def distinct_names(self, keys: Iterable[str]) -> dict[str, str]:
        """Suffixes that tell apart this document's fonts sharing a face name, not their bytes.

        The first by bytes keeps its name: a book whose fonts are named apart (every
        book set in the shipped faces) has the names it always had. Each other gets
        its digest after the name, so its subset, ToUnicode map and text are its own.
        """
        by_name: dict[str, list[str]] = {}
        for key in keys:
            by_name.setdefault(self.faces[key], []).append(key)
        return {
            key: "-" + key.rsplit("-", 1)[-1][:8]
            for same in by_name.values()
            if len(same) > 1
            for key in sorted(same)[1:]
        }

    @contextmanager
    def named_apart(self, suffixes: dict[str, str]) -> Iterator[None]:
        """Give the faces this document's suffixes while reportlab writes its fonts."""
        with _SAVING:
            kept = {key: self.registered[key].face.subfontNameX for key in suffixes}
            try:
                for key, suffix in suffixes.items():
                    self.registered[key].face.subfontNameX = suffix.encode()
                yield
            finally:
                for key, former in kept.items():
                    self.registered[key].face.subfontNameX = former

    def _drawn(self, key: str, font: Font, gid: int, text: str) -> tuple[str, float, int]:
        """The character drawing ``gid`` as ``text``, its width, its code point if private."""
        codes = self.codes.setdefault(key, {})
        known = codes.get((gid, text))
        if known is None:  # decided once per font: private code points are made in order
            cp, private = self._code(key, font, gid, text)
            width = self.registered[key].face.charWidths.get(cp, 0)
            known = codes[(gid, text)] = (chr(cp), width, cp if private else 0)
        return known

    def _code(self, key: str, font: Font, gid: int, text: str) -> tuple[int, bool]:
        """The code point that draws ``glyph`` and extracts as its text.

        The character map's own code point when it draws this glyph (so U+2019
        stays U+2019 although the font maps U+02BC to the same glyph);
        otherwise a private code point whose ToUnicode entry is the text
        (ligatures give "fi", not U+FB01; a line-final hyphen gives U+2010).
        """
        ttf = self.registered[key]
        if len(text) == 1 and ttf.face.charToGlyph.get(ord(text)) == gid:
            return ord(text), False
        if not text:  # inside a cluster: whatever the font calls it
            known = self.reverse[key].get(gid)
            if known is not None:
                return known, False
        width = font.advance(gid) * 1000 / font.units_per_em
        cp: int = ttf.hbAddPrivate(f"{font.glyph_name(gid)}|{text}", gid, width)
        return cp, True


def _face_name(ttf: TTFont) -> str:
    name = ttf.face.name
    return name.decode() if isinstance(name, bytes) else str(name)
