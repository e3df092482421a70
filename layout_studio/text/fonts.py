"""Fonts: finding faces, real metrics and shaping with HarfBuzz.

Takes a family name and a style ("Source Serif Pro", "italic") or a font
file path; gives a ``Font`` that measures and shapes text with the font's
own GSUB/GPOS tables (kerning, fi/fl ligatures, small caps, old-style
figures) through uharfbuzz, and reads metrics and the character map with
fontTools.

Faces come from three places, in this order: OFL font packages installed by
pip (any distribution named ``font-*``), a path given by the theme, and the
system's font directories. Only TrueType-outline files are accepted,
because reportlab embeds nothing else; a missing face is an error, never a
silent fallback.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont, TTLibError

STYLES = ("regular", "italic", "bold", "bold-italic")
_STYLE_NAMES = {
    "regular": ("regular", "book", "roman", "normal"),
    "italic": ("italic", "oblique"),
    "bold": ("bold",),
    "bold-italic": ("bold italic", "bold oblique"),
}
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


class FontError(Exception):
    """A font cannot be found or used; the message is French and user-facing."""


@dataclass(frozen=True, slots=True)
class FontFace:
    """One installed font file with its family and style names."""

    path: Path
    family: str
    style: str
    origin: str  # "package:<dist>", "system"


@dataclass(frozen=True, slots=True)
class Glyph:
    """A shaped glyph in font units: id, source cluster, advance and offsets."""

    gid: int
    cluster: int
    advance: float
    dx: float = 0.0
    dy: float = 0.0


@dataclass(frozen=True, slots=True)
class Shaped:
    """The glyphs HarfBuzz chose for a string, and their total advance (font units)."""

    text: str
    glyphs: tuple[Glyph, ...]
    width: float


def _read_face(path: Path, origin: str) -> FontFace | None:
    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        name = font["name"]
        family = name.getDebugName(1) or path.stem
        style = name.getDebugName(2) or "Regular"
        font.close()
    except (TTLibError, OSError, KeyError, AssertionError):
        return None
    return FontFace(path, family, style, origin)


def has_truetype_outlines(path: Path) -> bool:
    """Whether the file has TrueType (``glyf``) outlines, the only ones reportlab embeds."""
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return "glyf" in font
    except (TTLibError, OSError, KeyError, AssertionError):
        return False


@functools.cache
def package_faces() -> tuple[FontFace, ...]:
    """Faces shipped by pip-installed font packages (``font-source-serif-pro``...)."""
    faces: list[FontFace] = []
    for dist in importlib.metadata.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if not name.startswith("font-") or not dist.files:
            continue
        for file in dist.files:
            if file.suffix.lower() == ".ttf":
                face = _read_face(Path(str(dist.locate_file(file))), f"package:{name}")
                if face:
                    faces.append(face)
    return tuple(sorted(faces, key=lambda f: (f.family, f.style, str(f.path))))


def font_path_allowed(path: Path, theme_dir: Path) -> bool:
    """Whether a theme may name this font file.

    Themes are exchanged between entrants, so a theme may only reach a
    TrueType/OpenType file in its own folder (or below it), in the system
    font folders, or in a pip font package: never ``/etc/...`` or
    ``../../secret.ttf``.
    """
    if path.suffix.lower() not in (".ttf", ".otf"):
        return False
    try:
        real = path.resolve(strict=True)
    except OSError:
        return False
    roots = [theme_dir, *SYSTEM_FONT_DIRS]
    roots += [face.path.parent for face in package_faces()]
    for root in roots:
        with contextlib.suppress(OSError):
            if real.is_relative_to(root.resolve()):
                return True
    return False


@functools.cache
def system_faces() -> tuple[FontFace, ...]:
    """TrueType faces found in the usual system font directories."""
    faces: list[FontFace] = []
    for root in SYSTEM_FONT_DIRS:
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            for file in sorted(files):
                if file.lower().endswith(".ttf"):
                    face = _read_face(Path(dirpath) / file, "system")
                    if face:
                        faces.append(face)
    return tuple(faces)


def families() -> dict[str, dict[str, FontFace]]:
    """Installed families (packages first, then system) with their four styles."""
    table: dict[str, dict[str, FontFace]] = {}
    for face in (*package_faces(), *system_faces()):
        style = _style_key(face.style)
        if style is not None:
            table.setdefault(face.family, {}).setdefault(style, face)
    return table


def _style_key(style_name: str) -> str | None:
    lowered = style_name.strip().lower()
    for key, names in _STYLE_NAMES.items():
        if lowered in names:
            return key
    return None


def find_face(family: str, style: str = "regular") -> FontFace:
    """The face of ``family`` in ``style``; packages win over system fonts."""
    wanted = family.strip().casefold()
    for pool in (package_faces(), system_faces()):
        for face in pool:
            if face.family.casefold() == wanted and _style_key(face.style) == style:
                return face
    known = sorted({f.family for f in package_faces()})
    hint = ", ".join(known[:8]) if known else "aucune police installée par pip"
    raise FontError(f"police introuvable : « {family} » ({style}) ; polices disponibles : {hint}")


@functools.lru_cache(maxsize=64)
def load_font(path: str) -> Font:
    """Open a font file once per process."""
    return Font(Path(path))


class Font:
    """A TrueType font: metrics, character map and cached HarfBuzz shaping."""

    def __init__(self, path: Path) -> None:
        try:
            data = path.read_bytes()
            tt = TTFont(path, lazy=True)
        except (OSError, TTLibError) as exc:
            raise FontError(f"{path} : police illisible ({exc})") from None
        if "glyf" not in tt:
            raise FontError(
                f"{path} : contours PostScript (CFF) non pris en charge ; "
                "choisissez le fichier .ttf"
            )
        self.path = path
        self.key = (tt["name"].getDebugName(6) or path.stem).replace(" ", "")
        self.units_per_em = float(tt["head"].unitsPerEm)
        os2 = tt["OS/2"]
        self.ascender = float(os2.sTypoAscender)
        self.descender = float(os2.sTypoDescender)
        self.cap_height = float(getattr(os2, "sCapHeight", 0) or self.ascender * 0.7)
        self.x_height = float(getattr(os2, "sxHeight", 0) or self.ascender * 0.5)
        self.cmap: dict[int, str] = dict(tt.getBestCmap() or {})
        self.glyph_order = tt.getGlyphOrder()
        self.gsub_features: frozenset[str] = (
            frozenset(rec.FeatureTag for rec in tt["GSUB"].table.FeatureList.FeatureRecord)
            if "GSUB" in tt
            else frozenset()
        )
        tt.close()
        self._hb_font = hb.Font(hb.Face(hb.Blob(data)))
        self._cache: dict[tuple[str, tuple[str, ...]], Shaped] = {}

    def __repr__(self) -> str:
        return f"Font({self.key})"

    def __reduce__(self) -> tuple[Callable[[str], Font], tuple[str]]:
        # Sent by path (the preview's worker process sends page models): HarfBuzz
        # objects do not pickle, and the receiver opens each file once anyway.
        return (load_font, (str(self.path),))

    def nominal_glyph(self, char: str) -> int:
        """The glyph id the character map gives ``char`` (0 when missing)."""
        return int(self._hb_font.get_nominal_glyph(ord(char)) or 0)

    def advance(self, gid: int) -> float:
        """Horizontal advance of a glyph, in font units."""
        return float(self._hb_font.get_glyph_h_advance(gid))

    def has_char(self, char: str) -> bool:
        """True when the font's character map covers ``char``."""
        return ord(char) in self.cmap

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` the font cannot draw (spaces ignored)."""
        return {c for c in text if not c.isspace() and ord(c) not in self.cmap}

    def shape(self, text: str, features: Iterable[str] = ("kern", "liga")) -> Shaped:
        """Shape ``text`` with the given OpenType features (results cached)."""
        feats = tuple(features)
        key = (text, feats)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.language = "fr"
        hb.shape(self._hb_font, buf, dict.fromkeys(feats, True))
        glyphs = tuple(
            Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
            for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
        )
        shaped = Shaped(text, glyphs, float(sum(g.advance for g in glyphs)))
        if len(self._cache) > 50000:
            self._cache.clear()
        self._cache[key] = shaped
        return shaped

    def width(self, text: str, size: float, features: Iterable[str] = ("kern", "liga")) -> float:
        """Advance width of ``text`` at ``size`` points."""
        return self.shape(text, features).width * size / self.units_per_em

    def glyph_name(self, gid: int) -> str:
        """The glyph's PostScript name (for reporting and PDF mapping)."""
        return self.glyph_order[gid] if 0 <= gid < len(self.glyph_order) else ".notdef"
