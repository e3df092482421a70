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
import hashlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

_INDEX_FORMAT = "2"
# A watched sys.path folder counts by its font packages' names, not by its time: writing
# an output into the current folder (``python -m``) must not make the next run scan again.
_LISTING = "listing:"
_FACTS = {
    "key",
    "units_per_em",
    "ascender",
    "descender",
    "cap_height",
    "x_height",
    "cmap",
    "glyph_order",
    "gsub_features",
}
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
    from fontTools.ttLib import TTFont, TTLibError  # only when a face is read

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
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return "glyf" in font
    except (TTLibError, OSError, KeyError, AssertionError):
        return False


@functools.cache
def package_faces() -> tuple[FontFace, ...]:
    """Faces shipped by pip-installed font packages (``font-source-serif-pro``...)."""
    roots = [os.path.abspath(entry or os.curdir) for entry in sys.path]
    return _indexed("package", roots, _scan_packages)


def _scan_packages() -> tuple[list[FontFace], list[str]]:
    """The font packages' faces, and the folders whose listing decides them."""
    import importlib.metadata  # only when the index is missing or outdated

    faces: list[FontFace] = []
    watched = [_LISTING + os.path.abspath(entry or os.curdir) for entry in sys.path]
    for dist in importlib.metadata.distributions():
        record = getattr(dist, "_path", None)  # its .dist-info folder: a reinstall changes it
        # A font package's folder is named after it ("font_source_serif_pro-1.0.dist-info"):
        # the others' metadata (most of the scan's time, parsed as e-mail) is not read.
        if record is not None and not _folder_name(str(record)).lower().startswith("font"):
            continue
        try:
            name = (dist.metadata["Name"] or "").lower()
            files = dist.files
        except OSError:  # a folder without METADATA (importlib_metadata raises, not the stdlib)
            continue
        if not name.startswith("font-") or not files:
            continue
        if record is not None:
            watched.append(str(record))
        for file in files:
            if file.suffix.lower() == ".ttf":
                path = Path(str(dist.locate_file(file)))
                watched.append(str(path))  # even unreadable: it may be mended in place
                face = _read_face(path, f"package:{name}")
                if face:
                    faces.append(face)
    return sorted(faces, key=lambda f: (f.family, f.style, str(f.path))), watched


def _folder_name(record: str) -> str:
    """The distribution's own folder name (an egg's metadata is its ``EGG-INFO``)."""
    base = os.path.basename(os.path.normpath(record))
    if base.upper() == "EGG-INFO":
        return os.path.basename(os.path.dirname(os.path.normpath(record)))
    return base


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
    return _indexed("system", [str(root) for root in SYSTEM_FONT_DIRS], _scan_system)


def _scan_system() -> tuple[list[FontFace], list[str]]:
    """The system's faces, and every folder walked (a new file changes its folder)."""
    faces: list[FontFace] = []
    watched = [str(root) for root in SYSTEM_FONT_DIRS]
    for root in SYSTEM_FONT_DIRS:
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            watched.append(dirpath)
            for file in sorted(files):
                if file.lower().endswith(".ttf"):
                    watched.append(os.path.join(dirpath, file))
                    face = _read_face(Path(dirpath) / file, "system")
                    if face:
                        faces.append(face)
    return faces, watched


def _stamp(path: str) -> list[int] | list[str] | None:
    """What changes when a file or folder does (a folder: an entry added or removed).

    For a ``_LISTING`` folder: the names in it that may be a font package's (``font*``).
    """
    if path.startswith(_LISTING):
        try:
            with os.scandir(path.removeprefix(_LISTING)) as entries:
                return sorted(e.name for e in entries if e.name.lower().startswith("font"))
        except OSError:
            return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size if not os.path.isdir(path) else 0, st.st_mtime_ns, st.st_ino]


def _indexed(
    kind: str, roots: list[str], scan: Callable[[], tuple[list[FontFace], list[str]]]
) -> tuple[FontFace, ...]:
    """The faces ``scan`` finds, read back from the user's cache while nothing changed.

    Reading every installed font's name table is most of a theme's loading: the
    index keeps the faces with the stamps of their files and of the folders
    whose listing decided them; any stamp that differs means a fresh scan.
    """
    from layout_studio.io.disk_cache import DiskCache, cache_key

    cache = DiskCache("font-index")
    key = cache_key(_INDEX_FORMAT, kind, *roots)
    raw = cache.get(key) if cache.folder is not None else None
    if raw is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError):
            index = json.loads(raw)
            if all(_stamp(p) == stamp for p, stamp in index["stamps"]):
                return tuple(
                    FontFace(Path(p), fam, sty, ori) for p, fam, sty, ori in index["faces"]
                )
    found, watched = scan()
    index = {
        "stamps": [[p, _stamp(p)] for p in dict.fromkeys(watched)],
        "faces": [[str(f.path), f.family, f.style, f.origin] for f in found],
    }
    if cache.folder is not None:
        cache.put(key, json.dumps(index).encode())
    return tuple(found)


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
    for pool in (package_faces, system_faces):  # the system's only when no package has it
        for face in pool():
            if face.family.casefold() == wanted and _style_key(face.style) == style:
                return face
    known = sorted({f.family for f in package_faces()})
    hint = ", ".join(known[:8]) if known else "aucune police installée par pip"
    raise FontError(f"police introuvable : « {family} » ({style}) ; polices disponibles : {hint}")


def font_characters(path: str | os.PathLike[str]) -> frozenset[int]:
    """The code points the font's character map covers (``load_font(path).cmap``'s keys).

    Read back from the user's cache, keyed on the file's bytes, when that font
    was read before: an EPUB export of a typeset book then reads no font at all.
    """
    return _characters(str(path), file_stamp(str(path)))


@functools.lru_cache(maxsize=64)
def _characters(path: str, _stamp: tuple[int, int, int]) -> frozenset[int]:
    import array
    import hashlib

    from layout_studio.io.disk_cache import DiskCache, cache_key

    cache = DiskCache("font-characters")
    key = None
    if cache.folder is not None:
        with contextlib.suppress(OSError):
            key = cache_key(_INDEX_FORMAT, hashlib.sha256(Path(path).read_bytes()).digest())
    raw = cache.get(key) if key is not None else None
    if raw is not None and len(raw) % array.array("I").itemsize == 0:
        return frozenset(array.array("I", raw))
    points = frozenset(load_font(path).cmap)  # a bad file fails here, as before
    if key is not None:
        cache.put(key, array.array("I", sorted(points)).tobytes())
    return points


def load_font(path: str | os.PathLike[str]) -> Font:
    """Open a font file once per process and version of the file (read now: a bad file fails).

    A file written over while the process runs (the app, a batch worker) is
    read again: never the metrics of its former bytes.
    """
    font = _font_at(str(path), file_stamp(str(path)))
    font.load()
    return font


def file_stamp(path: str) -> tuple[int, int, int]:
    """Size, time and inode of a file: another version of it (written over, replaced)."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1, -1)  # Font.load then says what is wrong
    return (st.st_size, st.st_mtime_ns, st.st_ino)


# Fonts opened in this process, by path and file version, least recently used first.
_OPENED: dict[tuple[str, tuple[int, int, int]], Font] = {}
_OPENED_MAX = 64
_OPENED_LOCK = threading.Lock()  # the app's layout and panel threads open fonts too


def _font_at(path: str, stamp: tuple[int, int, int]) -> Font:
    key = (path, stamp)
    with _OPENED_LOCK:
        font = _OPENED.pop(key, None)
        if font is None:
            font = Font(Path(path), lazy=True)  # lazy: nothing read under the lock
            if len(_OPENED) >= _OPENED_MAX:
                del _OPENED[next(iter(_OPENED))]
        _OPENED[key] = font  # now the most recently used
    return font


def forget_fonts(keep: Callable[[str], bool]) -> None:
    """Let go of the fonts opened from files ``keep`` refuses (a batch worker, between entries).

    A font still used elsewhere lives on; the next ``load_font`` of its file opens it again.
    """
    with _OPENED_LOCK:
        for key in [k for k in _OPENED if not keep(k[0])]:
            del _OPENED[key]


def _unpickled_font(path: str) -> Font:
    """The font of a page model read back: the file is read only when the font is used."""
    return _font_at(path, file_stamp(path))


def _font_facts(path: Path, data: bytes, sha256: bytes) -> dict[str, Any]:
    """What ``Font`` reads with fontTools: metrics, character map, glyph order, GSUB features.

    Kept in the user's cache, keyed on the file's bytes and fontTools' own
    files: a cold export then neither imports fontTools nor parses a font.
    Only a font that parsed is stored, so a bad file always fails here.
    """
    from layout_studio.io.disk_cache import DiskCache, cache_key

    cache = DiskCache("font-facts")
    key = cache_key(_INDEX_FORMAT, _library_stamp("fontTools"), sha256)
    raw = cache.get(key) if cache.folder is not None else None
    if raw is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError):
            facts: dict[str, Any] = json.loads(raw)
            facts["cmap"] = [(int(cp), str(name)) for cp, name in facts["cmap"]]
            if set(facts) == _FACTS:
                return facts
    facts = _parse_facts(path, data)
    if cache.folder is not None:
        cache.put(key, json.dumps(facts).encode())
    return facts


def _parse_facts(path: Path, data: bytes) -> dict[str, Any]:
    import io

    from fontTools.ttLib import TTFont, TTLibError

    try:
        tt = TTFont(io.BytesIO(data), lazy=True)
        if "glyf" not in tt:
            raise FontError(
                f"{path} : contours PostScript (CFF) non pris en charge ; "
                "choisissez le fichier .ttf"
            )
        os2 = tt["OS/2"]
        ascender = float(os2.sTypoAscender)
        facts = {
            "key": (tt["name"].getDebugName(6) or path.stem).replace(" ", ""),
            "units_per_em": float(tt["head"].unitsPerEm),
            "ascender": ascender,
            "descender": float(os2.sTypoDescender),
            "cap_height": float(getattr(os2, "sCapHeight", 0) or ascender * 0.7),
            "x_height": float(getattr(os2, "sxHeight", 0) or ascender * 0.5),
            "cmap": sorted((tt.getBestCmap() or {}).items()),
            "glyph_order": list(tt.getGlyphOrder()),
            "gsub_features": sorted(
                {rec.FeatureTag for rec in tt["GSUB"].table.FeatureList.FeatureRecord}
                if "GSUB" in tt
                else set()
            ),
        }
        tt.close()
    except (OSError, TTLibError) as exc:
        raise FontError(f"{path} : police illisible ({exc})") from None
    return facts


def _library_stamp(name: str) -> str:
    """A library's ``__init__`` size and time (found, not imported): an upgrade changes it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    origin = spec.origin if spec is not None else None
    return f"{name}:{origin}:{_stamp(origin) if origin else None}"


class Font:
    """A TrueType font: metrics, character map and cached HarfBuzz shaping.

    ``lazy``: the file is read on first use of the font (a book read back
    from the cache may never draw with it: an EPUB export).
    """

    key: str
    digest: str  # of the file's bytes: two files may share a PostScript name (``key``)
    units_per_em: float
    ascender: float
    descender: float
    cap_height: float
    x_height: float
    cmap: dict[int, str]
    glyph_order: list[str]
    gsub_features: frozenset[str]
    _cache: dict[tuple[str, tuple[str, ...]], Shaped]
    _hb: Any
    _hb_font: Any

    def __init__(self, path: Path, *, lazy: bool = False) -> None:
        self.path = path
        if not lazy:
            self.load()

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute

        def __getattr__(self, name: str) -> Any:
            # Reached only for attributes not set yet: those ``load`` sets.
            if name.startswith("__") or "_hb_font" in self.__dict__:
                raise AttributeError(name)
            self.load()
            return getattr(self, name)

    def load(self) -> None:
        """Read the file (once): metrics, character map, HarfBuzz face."""
        if "_hb_font" in self.__dict__:
            return
        import uharfbuzz as hb

        path = self.path
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FontError(f"{path} : police illisible ({exc})") from None
        sha256 = hashlib.sha256(data).digest()  # the facts' cache key and the PDF's font name
        facts = _font_facts(path, data, sha256)
        self.key = facts["key"]
        self.digest = sha256.hex()[:20]
        self.units_per_em = facts["units_per_em"]
        self.ascender = facts["ascender"]
        self.descender = facts["descender"]
        self.cap_height = facts["cap_height"]
        self.x_height = facts["x_height"]
        self.cmap = dict(facts["cmap"])
        self.glyph_order = facts["glyph_order"]
        self.gsub_features = frozenset(facts["gsub_features"])
        self._cache = {}
        self._hb = hb
        self._hb_font = hb.Font(hb.Face(hb.Blob(data)))  # set last: marks the font loaded

    def __repr__(self) -> str:
        return f"Font({self.__dict__.get('key', self.path.stem)})"

    def __reduce__(self) -> tuple[Callable[[str], Font], tuple[str]]:
        # Sent by path (the preview's worker process, the cache of typeset books):
        # HarfBuzz objects do not pickle, and the receiver opens each file once anyway.
        return (_unpickled_font, (str(self.path),))

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
        hb = self._hb
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
