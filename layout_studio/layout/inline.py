"""Inline layout: collect text into items, then set broken lines as glyph runs.

Takes styled text (a string plus a ``Style``: font, size, colour, OpenType
features, fallback fonts) and gives, in two stages named as in typst:

* **collect** — ``InlineBuilder`` turns words into boxes of shaped glyphs
  (HarfBuzz: kerning and ligatures), spaces into glue, hyphenation points
  into flagged penalties carrying the hyphen to draw. French spaces stay
  spaces: U+00A0 becomes an unbreakable interword glue, U+202F an
  unbreakable glue half a space wide with no stretch (as babel-french's
  thin space), so nothing is rewritten and nothing can break there.
  Credits and other "keep together" material become single boxes.
* **finalize** — ``set_line`` gives a ``SetLine``: glyph runs with pen
  positions, the glue set to the line's ratio (justified) or natural
  (ragged), the hyphen added at a hyphenated break.

Characters the font lacks are taken from the theme's fallback fonts; those
no font has are recorded in the report (drawn as the font's .notdef box,
never silently dropped).
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import mul, sub

from layout_studio.layout.items import INFINITY, Box, Glue, Item, Penalty, paragraph_end
from layout_studio.layout.linebreak import Line
from layout_studio.layout.page import RGB, GlyphRun, Glyphs
from layout_studio.text.fonts import Font, Glyph
from layout_studio.text.hyphenate import FrenchHyphenator

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = re.compile(r"([ \t\n\u00a0\u202f]+)")
_EDGE = re.compile(r"\W*")  # a leading run of non-word characters (matched, never searched)
_URLISH = re.compile(r"(://|www\.|@\w+\.\w|\.(?:com|fr|org|net)\b)")
_URL_CUTS = re.compile(r"[/.\-_?&=#]")
EX_HYPHEN_PENALTY = 50.0  # TeX's \exhyphenpenalty
URL_PENALTY = 200.0
EMERGENCY_PENALTY = 5000.0


@dataclass(frozen=True, slots=True)
class Style:
    """How a run of text is set."""

    font: Font
    size: float
    color: RGB = (0.0, 0.0, 0.0)
    features: tuple[str, ...] = ("kern", "liga")
    fallbacks: tuple[Font, ...] = ()
    rise: float = 0.0  # points upwards (superscripts)
    # Styles key the word and shape memos (a lookup per word): hashed once.
    _hash: int = field(default=0, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        h = self._hash
        if not h:
            h = hash((self.font, self.size, self.color, self.features, self.fallbacks, self.rise))
            object.__setattr__(self, "_hash", h)
        return h

    def __reduce__(self) -> tuple[type[Style], tuple[object, ...]]:
        # Without the hash: a font hashes by identity, another process has others.
        return (Style, (self.font, self.size, self.color, self.features, self.fallbacks, self.rise))

    def with_(self, **changes: object) -> Style:
        """A copy with some fields changed."""
        from dataclasses import replace

        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class PackedPiece:
    """A piece's glyphs as arrays in font units, ready to be copied into glyph runs."""

    gids: array[int]
    advances: array[float]
    dxs: array[float] | None  # None: all zero
    dys: array[float] | None  # downwards (HarfBuzz's, negated); None: all zero
    text: str
    lengths: array[int] | None  # characters per glyph; None: one each
    # Advances times a scale (font units to points), by scale: a book sets its
    # words at one or two sizes, so each piece's products are made once.
    _scaled: dict[float, list[float]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def scaled(self, wide: float) -> list[float]:
        """``advance * wide`` for each glyph (shared: never change the list)."""
        hit = self._scaled.get(wide)
        if hit is None:
            if len(self._scaled) > 3:  # font expansion: a scale per line
                self._scaled.clear()
            hit = self._scaled[wide] = list(map(mul, self.advances, repeat(wide, len(self.gids))))
        return hit

    @classmethod
    def of(cls, glyphs: tuple[Glyph, ...], texts: tuple[str, ...]) -> PackedPiece:
        """Pack shaped glyphs and their texts."""
        dxs = array("d", [g.dx for g in glyphs])
        dys = array("d", [-g.dy for g in glyphs])  # negated first, as ``-dy * scale`` did
        return cls(
            array("H", [g.gid for g in glyphs]),
            array("d", [g.advance for g in glyphs]),
            dxs if any(dxs) else None,
            dys if any(dys) else None,
            "".join(texts),
            None if all(len(t) == 1 for t in texts) else array("I", [len(t) for t in texts]),
        )


@dataclass(frozen=True, slots=True)
class Piece:
    """Shaped glyphs of one font: what a box or a hyphen draws."""

    font: Font
    size: float
    color: RGB
    glyphs: tuple[Glyph, ...]
    texts: tuple[str, ...]  # characters per glyph ("" after the first of a cluster)
    rise: float = 0.0
    _packed: PackedPiece | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def packed(self) -> PackedPiece:
        """The glyphs as arrays, packed when the piece is first set.

        Once per piece (pieces are cached with their words): setting a line
        copies arrays instead of looping over glyphs.
        """
        packed = self._packed
        if packed is None:
            packed = PackedPiece.of(self.glyphs, self.texts)
            object.__setattr__(self, "_packed", packed)
        return packed

    @property
    def width(self) -> float:
        """Advance width in points."""
        return sum(g.advance for g in self.glyphs) * self.size / self.font.units_per_em

    @property
    def text(self) -> str:
        """The characters drawn."""
        return "".join(self.texts)


@dataclass(frozen=True, slots=True)
class SpaceGlyph:
    """The space drawn for a glue (kept in the PDF so text extraction sees words)."""

    font: Font
    size: float
    color: RGB
    char: str
    interword: bool  # a breakable word space (counted in the spacing statistics)


@dataclass
class Collected:
    """What ``InlineBuilder`` saw besides the items: missing glyphs."""

    missing: dict[str, str] = field(default_factory=dict)


def _cluster_texts(text: str, glyphs: tuple[Glyph, ...]) -> tuple[str, ...]:
    starts = sorted({g.cluster for g in glyphs})
    ends = {s: e for s, e in zip(starts, [*starts[1:], len(text)], strict=True)}
    seen: set[int] = set()
    out = []
    for g in glyphs:
        if g.cluster in seen:
            out.append("")
        else:
            seen.add(g.cluster)
            out.append(text[g.cluster : ends[g.cluster]])
    return tuple(out)


# Shaped pieces by (text, style), with the characters found missing in order: a
# book's folios, dot leaders and hyphens are shaped again and again.
_PIECES: dict[tuple[str, Style], tuple[tuple[Piece, ...], tuple[tuple[str, str], ...]]] = {}
_PIECES_MAX = 50_000


def shape_pieces(text: str, style: Style, collected: Collected | None = None) -> list[Piece]:
    """Shape ``text``, switching to a fallback font for characters the font lacks."""
    if len(text) > 256:  # not a word: not worth keeping
        return _shape_pieces(text, style, collected if collected is not None else Collected())
    key = (text, style)
    hit = _PIECES.get(key)
    if hit is None:
        seen = Collected()
        hit = (tuple(_shape_pieces(text, style, seen)), tuple(seen.missing.items()))
        if len(_PIECES) > _PIECES_MAX:
            _PIECES.clear()
        _PIECES[key] = hit
    if collected is not None:
        for char, found in hit[1]:
            collected.missing.setdefault(char, found)
    return list(hit[0])


def _shape_pieces(text: str, style: Style, collected: Collected) -> list[Piece]:
    if "smcp" in style.features and "smcp" not in style.font.gsub_features:
        return _synthetic_small_caps(text, style, collected)
    runs: list[tuple[Font, list[str]]] = []  # lists, not strings: appending stays linear
    for char in text:
        chosen = style.font
        if not style.font.has_char(char):
            for candidate in style.fallbacks:
                if candidate.has_char(char):
                    chosen = candidate
                    break
            if collected is not None and not char.isspace():
                found = chosen.key if chosen is not style.font else ""
                collected.missing.setdefault(char, found)
        if runs and runs[-1][0] is chosen:
            runs[-1][1].append(char)
        else:
            runs.append((chosen, [char]))
    pieces = []
    for font, chars in runs:
        chunk = "".join(chars)
        glyphs = _shape_long(font, chunk, style.features)
        pieces.append(
            Piece(font, style.size, style.color, glyphs, _cluster_texts(chunk, glyphs), style.rise)
        )
    return pieces


MAX_SHAPE_RUN = 4096  # characters HarfBuzz shapes at once


def _shape_long(font: Font, text: str, features: tuple[str, ...]) -> tuple[Glyph, ...]:
    """Glyphs of ``text``, shaped in slices when it is longer than any word.

    HarfBuzz gives up (MemoryError) on a megabyte of "/": a run that long is
    shaped ``MAX_SHAPE_RUN`` characters at a time, cut before a base
    character, its clusters shifted back to offsets in the whole run.
    """
    if len(text) <= MAX_SHAPE_RUN:
        return font.shape(text, features).glyphs
    glyphs: list[Glyph] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_SHAPE_RUN)
        while start + 1 < end < len(text) and unicodedata.combining(text[end]):
            end -= 1  # never separate a mark from its base
        for g in font.shape(text[start:end], features).glyphs:
            glyphs.append(Glyph(g.gid, g.cluster + start, g.advance, g.dx, g.dy))
        start = end
    return tuple(glyphs)


def _synthetic_small_caps(text: str, style: Style, collected: Collected) -> list[Piece]:
    # The font has no real small caps: capitals at 78 % stand in for them.
    plain = style.with_(features=tuple(f for f in style.features if f != "smcp"))
    small = plain.with_(size=style.size * 0.78)
    pieces: list[Piece] = []
    for chunk in re.findall(r"[a-zà-ÿœæ]+|[^a-zà-ÿœæ]+", text):
        if chunk[0].islower():
            pieces.extend(shape_pieces(chunk.upper(), small, collected))
        else:
            pieces.extend(shape_pieces(chunk, plain, collected))
    return pieces


def _core(token: str) -> tuple[str, str]:
    """Leading non-word characters, and the word without its trailing ones ("«mot»," → «, mot).

    Two anchored matches (the second on the reversed token) instead of one
    pattern with a lazy middle, which was quadratic on long runs of "/".
    """
    prefix = _EDGE.match(token)
    head = prefix.end() if prefix else 0
    suffix = _EDGE.match(token[::-1])
    tail = suffix.end() if suffix else 0
    return token[:head], token[head : max(head, len(token) - tail)]


def _split_piece(piece: Piece, cuts: list[int]) -> list[Piece] | None:
    """Cut a piece at character offsets (sorted); None if a ligature spans a cut."""
    starts = {g.cluster for g in piece.glyphs}
    if any(c not in starts for c in cuts):
        return None
    parts: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for i, g in enumerate(piece.glyphs):
        parts[bisect.bisect_right(cuts, g.cluster)].append(i)  # one pass: linear in glyphs
    return [
        Piece(
            piece.font,
            piece.size,
            piece.color,
            tuple(piece.glyphs[i] for i in idx),
            tuple(piece.texts[i] for i in idx),
            piece.rise,
        )
        for idx in parts
    ]


_WordKey = tuple[object, ...]
_WORDS: dict[_WordKey, tuple[tuple[Item, ...], tuple[tuple[str, str], ...]]] = {}
_WORDS_MAX = 200_000
_SPACES_MADE: dict[tuple[Style, str], tuple[Item, ...]] = {}


def _thin(cuts: dict[int, tuple[float, bool]], gap: int) -> dict[int, tuple[float, bool]]:
    """Cuts of a string wider than the line, at most about two per ``gap`` characters.

    A run of "/" or "-" offers a break after every character; the line
    breaker weighs every pair of nearby breaks, so a long run made it crawl.
    Real cuts (URL separators, hyphens) are kept first, ``gap`` apart; an
    emergency cut only where no real one is that close.
    """
    kept: dict[int, tuple[float, bool]] = {}
    last = -gap
    for at in sorted(o for o, c in cuts.items() if c[0] < EMERGENCY_PENALTY):
        if at - last >= gap:
            kept[at] = cuts[at]
            last = at
    real = sorted(kept)
    for at in sorted(o for o, c in cuts.items() if c[0] >= EMERGENCY_PENALTY):
        i = bisect.bisect_left(real, at)
        near = (i < len(real) and real[i] - at < gap) or (i > 0 and at - real[i - 1] < gap)
        if not near:
            kept[at] = cuts[at]
    return kept


class InlineBuilder:
    """Collect stage: styled text in, boxes/glue/penalties out."""

    def __init__(
        self,
        measure: float,
        hyphenator: FrenchHyphenator | None = None,
        hyphen_penalty: float = 50.0,
        collected: Collected | None = None,
        expansion: float = 0.0,
        tracking: float = 0.0,
        english: FrenchHyphenator | None = None,
    ) -> None:
        self.measure = measure
        self.english = english  # for {lang=en} runs; None: never hyphenated
        self.expansion = expansion  # glyphs may be set this fraction wider or narrower
        self.tracking = tracking  # and each spaced by up to this fraction of an em
        self.hyphenator = hyphenator
        self.hyphen_penalty = hyphen_penalty
        self.collected = collected if collected is not None else Collected()
        self.items: list[Item] = []

    # -- spaces -------------------------------------------------------------
    def space(self, style: Style, kind: str = " ") -> None:
        """A word space: breakable (" "), unbreakable (U+00A0) or thin (U+202F)."""
        # Items are immutable: a book's spaces share one set per style.
        key = (style, kind)
        made = _SPACES_MADE.get(key)
        if made is None:
            start = len(self.items)
            self._space(style, kind)
            if len(_SPACES_MADE) > _WORDS_MAX:
                _SPACES_MADE.clear()
            made = _SPACES_MADE[key] = tuple(self.items[start:])
        else:
            self.items.extend(made)

    def _space(self, style: Style, kind: str) -> None:
        font = style.font
        w = font.advance(font.nominal_glyph(" ")) * style.size / font.units_per_em
        if kind == NNBSP:
            glue = Glue(w * 0.5, 0.0, 0.0, SpaceGlyph(font, style.size, style.color, " ", False))
        else:
            glue = Glue(
                w, w / 2, w / 3, SpaceGlyph(font, style.size, style.color, " ", kind == " ")
            )
        if kind != " ":
            self.items.append(Penalty(0.0, INFINITY))
        self.items.append(glue)

    def skip(self, width: float, breakable: bool = False) -> None:
        """A fixed horizontal space (indent, gap before a credit)."""
        if not breakable:
            self.items.append(Penalty(0.0, INFINITY))
        self.items.append(Glue(width, 0.0, 0.0))

    def box(self, pieces: list[Piece], content: str = "") -> None:
        """Unbreakable material drawn as the given pieces."""
        width = sum(p.width for p in pieces)
        self.items.append(self._glyph_box(width, content, tuple(pieces)))

    def _glyph_box(self, width: float, content: str, pieces: tuple[Piece, ...]) -> Box:
        track = (
            sum(len(p.glyphs) * p.size for p in pieces) * self.tracking if self.tracking else 0.0
        )
        room = width * self.expansion + track
        return Box(width, content, pieces, room, room, track)

    def indent(self, width: float) -> None:
        r"""An empty box, as TeX's \\parindent."""
        if width > 0:
            self.items.append(Box(width, ""))

    # -- text ---------------------------------------------------------------
    def text(self, text: str, style: Style, hyphenate: bool = True, english: bool = False) -> None:
        """Words and spaces of ``text`` (``english``: hyphenated with English patterns)."""
        for token in _SPACES.split(text):
            if not token:
                continue
            if token[0] in " \t\n\u00a0\u202f":
                kind = NNBSP if NNBSP in token else NBSP if NBSP in token else " "
                self.space(style, kind)
            else:
                self.word(token, style, hyphenate, english)

    def word(self, token: str, style: Style, hyphenate: bool = True, english: bool = False) -> None:
        """One word: a box, or boxes between hyphenation penalties.

        Items are immutable and a book repeats its words, so a word's items
        (and the glyphs it found missing) are computed once per setting.
        """
        hyphenator = self.english if english else self.hyphenator
        key = (
            token,
            style,
            hyphenate,
            hyphenator,
            self.hyphen_penalty,
            self.expansion,
            self.tracking,
            self.measure,
        )
        hit = _WORDS.get(key)
        if hit is None:
            start = len(self.items)
            saved, self.collected = self.collected, Collected()
            try:
                self._word(token, style, hyphenate, hyphenator)
            finally:
                missing, self.collected = self.collected.missing, saved
            if len(_WORDS) > _WORDS_MAX:
                _WORDS.clear()
            hit = _WORDS[key] = (tuple(self.items[start:]), tuple(missing.items()))
        else:
            self.items.extend(hit[0])
        for char, found in hit[1]:
            self.collected.missing.setdefault(char, found)

    def _word(
        self, token: str, style: Style, hyphenate: bool, hyphenator: FrenchHyphenator | None
    ) -> None:
        pieces = shape_pieces(token, style, self.collected)
        if len(pieces) != 1:
            for piece in pieces:
                self.items.append(self._glyph_box(piece.width, piece.text, (piece,)))
            return
        piece = pieces[0]
        cuts: dict[int, tuple[float, bool]] = {}  # offset → (penalty, adds a hyphen)
        if hyphenate and hyphenator is not None:
            prefix, core = _core(token)
            for pos in hyphenator.positions(core):
                at = len(prefix) + pos
                explicit = token[at - 1] == "-"
                cuts[at] = (EX_HYPHEN_PENALTY if explicit else self.hyphen_penalty, not explicit)
        elif "-" in token.strip("-"):
            for i, ch in enumerate(token[:-1]):
                if ch == "-" and i > 0:
                    cuts[i + 1] = (EX_HYPHEN_PENALTY, False)
        if piece.width > self.measure * 0.5 or _URLISH.search(token):
            for m in _URL_CUTS.finditer(token):
                if 0 < m.end() < len(token):
                    cuts.setdefault(m.end(), (URL_PENALTY, False))
        if piece.width > self.measure:
            # Emergency: a string wider than the line may break anywhere.
            step = max(1, len(token) // max(1, math.ceil(piece.width / (self.measure * 0.5))) // 4)
            for i in range(step, len(token), step):
                cuts.setdefault(i, (EMERGENCY_PENALTY, False))
            cuts = _thin(cuts, step)
        offsets = sorted(cuts)
        parts = _split_piece(piece, offsets) if offsets else None
        if parts is None and offsets:
            clusters = {g.cluster for g in piece.glyphs}
            offsets = [o for o in offsets if o in clusters]
            parts = _split_piece(piece, offsets) if offsets else None
        if not parts:
            self.items.append(self._glyph_box(piece.width, token, (piece,)))
            return
        for i, part in enumerate(parts):
            self.items.append(self._glyph_box(part.width, part.text, (part,)))
            if i < len(offsets):
                penalty, adds = cuts[offsets[i]]
                if adds:
                    hyphen = shape_pieces("-", style.with_(features=("kern",)))[0]
                    self.items.append(Penalty(hyphen.width, penalty, True, hyphen))
                else:
                    self.items.append(Penalty(0.0, penalty, penalty == EX_HYPHEN_PENALTY))

    def finish(self) -> list[Item]:
        """The paragraph's items, ended as TeX ends a paragraph."""
        while self.items and isinstance(self.items[-1], Glue):
            self.items.pop()
        return [*self.items, *paragraph_end()]


@dataclass
class SetLine:
    """A finished line: glyph runs (x from the line start, y=0 on the baseline)."""

    runs: list[GlyphRun]
    width: float
    ratio: float
    hyphenated: bool
    justified: bool
    space: float | None  # width of its word spaces, when justified
    overfull: bool


class _RunBuilder:
    """Glyphs of consecutive pieces of one style, appended to packed arrays."""

    def __init__(self) -> None:
        self.runs: list[GlyphRun] = []
        self.key: tuple[object, ...] | None = None
        self.x0 = 0.0
        self.font: Font | None = None
        self.size = 0.0
        self.color: RGB = (0, 0, 0)
        self.rise = 0.0
        self.hscale = 1.0
        self._clear()

    def _clear(self) -> None:
        self.gids: array[int] = array("H")
        self.pens: list[float] = []  # absolute; made relative to x0 once, at close
        self.advances: array[float] = array("d")
        self.dxs: array[float] | None = None
        self.dys: array[float] | None = None
        self.texts: list[str] = []
        self.ends: array[int] | None = None  # None while every glyph has one character
        self.chars = 0
        self.extracts: tuple[tuple[int, str], ...] = ()

    def close(self) -> None:
        if self.gids and self.font is not None:
            x0 = self.x0
            glyphs = Glyphs(
                self.gids,
                array("d", map(sub, self.pens, repeat(x0, len(self.pens)))),
                self.advances,
                self.dxs,
                self.dys,
                "".join(self.texts),
                self.ends,
                self.extracts,
            )
            self.runs.append(
                GlyphRun(
                    self.x0,
                    -self.rise,
                    self.font,
                    self.size,
                    self.color,
                    glyphs,
                    hscale=self.hscale,
                )
            )
            self._clear()
        self.key = None

    def start(
        self, font: Font, size: float, color: RGB, rise: float, x: float, hscale: float
    ) -> None:
        """Go on with the current run, or open a new one at ``x`` if the style differs."""
        key = (font.key, size, color, rise, hscale)
        if key != self.key:
            self.close()
            self.key, self.font, self.size, self.color, self.rise, self.x0 = (
                key,
                font,
                size,
                color,
                rise,
                x,
            )
            self.hscale = hscale

    def add_space(
        self, font: Font, size: float, color: RGB, x: float, gid: int, width: float, hscale: float
    ) -> None:
        """One space glyph at pen ``x``, ``width`` wide."""
        if not (
            self.key is not None
            and font is self.font
            and size == self.size
            and color == self.color
            and self.rise == 0.0
            and hscale == self.hscale
        ):
            self.start(font, size, color, 0.0, x, hscale)
        self.gids.append(gid)
        self.pens.append(x)
        self.advances.append(width)
        if self.dxs is not None:
            self.dxs.append(0.0)
        if self.dys is not None:
            self.dys.append(0.0)
        self.texts.append(" ")
        self.chars += 1
        if self.ends is not None:
            self.ends.append(self.chars)

    def add_piece(self, piece: Piece, x: float, hscale: float, spacing: float) -> float:
        """The piece's glyphs from pen ``x`` (each ``spacing`` wider); gives the pen after."""
        packed = piece._packed
        if packed is None:
            packed = piece.packed
        font, size = piece.font, piece.size
        if not (
            self.key is not None
            and font is self.font
            and size == self.size
            and piece.color == self.color
            and piece.rise == self.rise
            and hscale == self.hscale
        ):
            self.start(font, size, piece.color, piece.rise, x, hscale)
        scale = size / font.units_per_em
        wide = scale * hscale
        # The same float operations, in the same order, as a loop doing
        # ``advance = glyph.advance * wide + spacing; x += advance``.
        if hscale == 1.0:
            advances = packed.scaled(wide)
            if spacing:
                advances = [a + spacing for a in advances]
        elif spacing:
            # An expanded line has a scale of its own: nothing to share.
            advances = [a * wide + spacing for a in packed.advances]
        else:
            advances = [a * wide for a in packed.advances]
        n = len(advances)
        pens = self.pens
        pens.extend(accumulate(advances, initial=x))
        end = pens.pop()
        self.gids.extend(packed.gids)
        self.advances.extend(advances)
        if packed.dxs is not None or self.dxs is not None:
            self.dxs = _offsets(self.dxs, packed.dxs, wide, len(self.gids) - n, n)
        if packed.dys is not None or self.dys is not None:
            self.dys = _offsets(self.dys, packed.dys, scale, len(self.gids) - n, n)
        self.texts.append(packed.text)
        if packed.lengths is not None or self.ends is not None:
            if self.ends is None:
                self.ends = array("I", range(1, self.chars + 1))
            if packed.lengths is None:
                self.ends.extend(range(self.chars + 1, self.chars + n + 1))
            else:
                ends = accumulate(packed.lengths, initial=self.chars)
                next(ends)  # the initial value: the end before this piece
                self.ends.extend(ends)
        self.chars += len(packed.text)
        return end

    def mark_hard_hyphen(self) -> None:
        """A line broken after the word's own hyphen: that hyphen extracts as U+2010."""
        n = len(self.gids)
        if n and self.texts and self.texts[-1].endswith("-"):
            ends = self.ends
            if ends is None or ends[-1] - (ends[n - 2] if n > 1 else 0) == 1:
                self.extracts = ((n - 1, "\u2010"),)


# The glyph of each space (asked of HarfBuzz once, not once per space), by the
# identity of its ``SpaceGlyph`` (shared by a style's spaces; kept with it).
_SPACE_GIDS: dict[int, tuple[SpaceGlyph, int]] = {}


def _offsets(
    run: array[float] | None, piece: array[float] | None, factor: float, before: int, n: int
) -> array[float]:
    """A run's glyph offsets with a piece's ``n`` appended, scaled (zeros for the glyphs before)."""
    if run is None:
        run = array("d", bytes(8 * before))
    if piece is None:
        run.extend(repeat(0.0, n))
    else:
        run.extend(map(mul, piece, repeat(factor, n)))
    return run


def set_line(
    items: list[Item], line: Line, measure: float, justify: bool = True, align: str = "left"
) -> SetLine:
    """Finalize stage: position the glyphs of ``line`` (glue set to fit ``measure``)."""
    seg = items[line.start : line.end]
    first = 0
    while first < len(seg) and not isinstance(seg[first], Box):
        first += 1
    seg = seg[first:]
    brk = items[line.end] if line.end < len(items) else None
    hyphen = brk if isinstance(brk, Penalty) and brk.payload is not None else None
    # One pass, each total added up in the items' order as sum() would.
    natural = stretch = shrink = font_stretch = font_shrink = 0.0
    for it in seg:
        kind = type(it)
        if kind is Glue:
            natural += it.width
            stretch += it.stretch  # type: ignore[union-attr]
            shrink += it.shrink  # type: ignore[union-attr]
        elif kind is Box:
            natural += it.width
            font_stretch += it.stretch  # type: ignore[union-attr]
            font_shrink += it.shrink  # type: ignore[union-attr]
    if hyphen:
        natural += hyphen.width
    else:
        natural += 0.0
    if not justify:
        font_stretch = font_shrink = 0.0
    ends_paragraph = isinstance(brk, Penalty) and brk.penalty <= -INFINITY
    ratio = 0.0  # as the breaker saw it: glue and font expansion together
    glue_ratio = font_ratio = 0.0
    if justify:
        # As pdfTeX and LuaTeX do: glyphs absorb the slack first, up to their
        # expansion limit; the word spaces take only what is left.
        if natural < measure and stretch + font_stretch > 0:
            ratio = (measure - natural) / (stretch + font_stretch)
            # Infinite glue (a paragraph's last line, a signed credit) takes the
            # slack alone, as in TeX: such lines keep their natural glyphs.
            fills = stretch >= 1000
            font_ratio = (
                min((measure - natural) / font_stretch, 1.0) if font_stretch and not fills else 0.0
            )
            rest = measure - natural - font_ratio * font_stretch
            glue_ratio = rest / stretch if stretch > 0 else 0.0
        elif natural > measure and shrink + font_shrink > 0:
            ratio = max(-1.0, (measure - natural) / (shrink + font_shrink))
            font_ratio = max((measure - natural) / font_shrink, -1.0) if font_shrink else 0.0
            rest = measure - natural - font_ratio * font_shrink
            glue_ratio = max(-1.0, rest / shrink) if shrink > 0 else 0.0
    x = 0.0
    builder = _RunBuilder()
    space_widths: list[float] = []
    total = natural + (
        glue_ratio * stretch + font_ratio * font_stretch
        if ratio > 0
        else glue_ratio * shrink + font_ratio * font_shrink
    )
    if not justify:
        x = {"left": 0.0, "center": (measure - natural) / 2, "right": measure - natural}[align]
    hscale = 1.0
    for it in seg:
        if type(it) is Box:
            pieces = it.payload
            if not isinstance(pieces, tuple):
                x += it.width  # an indent: glyph positions are absolute, the run goes on
                continue
            if font_ratio:
                room = (it.stretch if font_ratio > 0 else it.shrink) - it.tracking
                # Rounded: boxes of one line share one scale, hence one run.
                width = it.width
                hscale = round(1.0 + font_ratio * room / width, 9) if width > 0 and room else 1.0
                tracking = it.tracking
                if not tracking:
                    spacing = 0.0
                else:
                    glyphs = (
                        len(pieces[0].glyphs)
                        if len(pieces) == 1
                        else sum(len(piece.glyphs) for piece in pieces)
                    )
                    spacing = font_ratio * tracking / glyphs if glyphs else 0.0
            else:
                hscale, spacing = 1.0, 0.0  # what the expressions give at a zero ratio
            for piece in pieces:
                if piece.glyphs:
                    x = builder.add_piece(piece, x, hscale, spacing)
        elif type(it) is Glue:
            width = it.width + (glue_ratio * it.stretch if ratio > 0 else glue_ratio * it.shrink)
            payload = it.payload
            if isinstance(payload, SpaceGlyph) and width > 0:
                if payload.interword and it.stretch < 1000:
                    space_widths.append(width)
                known = _SPACE_GIDS.get(id(payload))
                if known is not None and known[0] is payload:
                    gid = known[1]
                else:
                    gid = payload.font.nominal_glyph(payload.char)
                    if len(_SPACE_GIDS) > 10000:
                        _SPACE_GIDS.clear()
                    _SPACE_GIDS[id(payload)] = (payload, gid)
                # The space joins its line's run (same scale).
                builder.add_space(payload.font, payload.size, payload.color, x, gid, width, hscale)
            x += width
    if hyphen is not None and isinstance(hyphen.payload, Piece):
        if hyphen.payload.glyphs:
            x = builder.add_piece(hyphen.payload, x, 1.0, 0.0)
    elif isinstance(brk, Penalty) and brk.flagged and not ends_paragraph:
        builder.mark_hard_hyphen()
    builder.close()
    justified = justify and not ends_paragraph and stretch < 1000  # fil glue: a ragged last line
    return SetLine(
        runs=builder.runs,
        width=total,
        ratio=ratio,
        hyphenated=bool(
            brk is not None and isinstance(brk, Penalty) and brk.flagged and not ends_paragraph
        ),
        justified=justified,
        space=(sum(space_widths) / len(space_widths)) if space_widths and justified else None,
        overfull=natural - shrink - font_shrink > measure + 0.01,
    )
