"""Fonts for the EPUB: the theme's faces, subset to the characters the book uses.

Takes the theme and the characters the book draws (``rendered_characters``
of its XHTML, plus what the CSS generates); gives
``EmbeddedFont``s (family, style, weight, subset bytes) and the licence
texts to ship beside them. Subsets are kept in the user's cache folder
(``io.disk_cache``), as subsetting is most of an EPUB's export time.
Subsetting keeps kerning, ligatures, small capitals and figure styles so
the CSS can ask for them. A character no embedded face has is listed in
``missing``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from layout_studio.io.disk_cache import DiskCache, cache_key
from layout_studio.style.theme import FontSpec, Theme
from layout_studio.text.fonts import font_characters

_STYLES = {
    "regular": ("normal", 400),
    "italic": ("italic", 400),
    "bold": ("normal", 700),
    "bolditalic": ("italic", 700),
}


@dataclass(frozen=True)
class EmbeddedFont:
    """One face as written into the EPUB."""

    family: str  # the CSS family name
    style: str  # "normal" | "italic"
    weight: int
    file_name: str  # generated, never from user input
    data: bytes
    source: Path


@dataclass(frozen=True)
class FontSet:
    """Every embedded face, their licences and what none of them can draw."""

    fonts: tuple[EmbeddedFont, ...]
    licences: dict[str, str]  # generated file name → licence text
    missing: frozenset[str]
    body_family: str
    heading_family: str
    fallback_families: tuple[str, ...]


#: Bump when ``subsetting.options`` change: cached subsets then no longer match.
_OPTIONS_VERSION = "1"


def _subset(path: Path, text: str) -> bytes:
    """The face at ``path`` cut to ``text``: from memory, the disk cache, or made now.

    Keyed on the font file's bytes, never its path, and on SOURCE_DATE_EPOCH
    (fontTools stamps ``head.modified`` with it), in memory as on disk: a
    process that exports again (the app, a batch worker) never gets a subset of
    an older file or date.
    """
    return _subset_of(path.read_bytes(), text, os.environ.get("SOURCE_DATE_EPOCH", ""))


@functools.lru_cache(maxsize=32)  # a batch or the app re-exports the same text and faces
def _subset_of(font_bytes: bytes, text: str, epoch: str) -> bytes:
    """The subset, from the disk cache when it was made before.

    The key holds the font's bytes, the characters, fontTools' version, the
    options and the epoch, so a changed font or text never gets a stale subset.
    """
    import fontTools  # its version only; the subsetter itself loads on a miss

    cache = DiskCache("font-subsets")
    key = cache_key(font_bytes, text, fontTools.version, _OPTIONS_VERSION, epoch)
    cached = cache.get(key)
    if cached is not None:
        return cached
    data = _make_subset(font_bytes, text)
    cache.put(key, data)
    return data


def _make_subset(font_bytes: bytes, text: str) -> bytes:
    from layout_studio.export.epub.subsetting import make_subset

    return make_subset(font_bytes, text)


def _licence(path: Path) -> str:
    """The licence file shipped with the font, else the font's own licence record."""
    for folder in (path.parent, path.parent.parent):
        for name in ("OFL.txt", "LICENSE.txt", "LICENSE", "OFL", "LICENCE.txt"):
            candidate = folder / name
            if candidate.is_file():
                return candidate.read_text(encoding="utf-8", errors="replace")
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    names = font["name"]
    parts = [names.getDebugName(i) or "" for i in (0, 13, 14)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _slug(family: str) -> str:
    return "".join(c.lower() if c.isalnum() else "-" for c in family if c.isascii()).strip("-")


def embed_fonts(
    theme: Theme, chars: set[str], styles: frozenset[str] = frozenset(_STYLES)
) -> FontSet:
    """Subset the theme's body, heading and fallback faces to ``chars``.

    ``styles`` are the body styles the text uses ("regular", "italic", "bold",
    "bolditalic"); faces nobody asks for are not embedded.
    """
    text = "".join(sorted(chars | set(" 0123456789…–—’«»"))) + "\u00a0"
    body_styles = tuple(s for s in _STYLES if s in styles or s == "regular")
    specs: list[tuple[FontSpec, tuple[str, ...]]] = [(theme.body.font, body_styles)]
    if theme.heading.font.family != theme.body.font.family:
        specs.append((theme.heading.font, ("regular",)))
    if theme.credit.font.family not in (theme.body.font.family, theme.heading.font.family):
        specs.append((theme.credit.font, ("regular", "italic")))
    covered: set[int] = set()
    for spec, spec_styles in specs:
        for style in spec_styles:
            if style in spec.faces:
                covered |= font_characters(spec.faces[style].path)
    fallbacks: list[tuple[FontSpec, str]] = []
    for spec in theme.fallback_fonts:
        cmap = font_characters(spec.path("regular"))
        needed = "".join(c for c in text if ord(c) not in covered and ord(c) in cmap)
        if needed:
            fallbacks.append((spec, needed))
            covered |= {ord(c) for c in needed}
    fonts: list[EmbeddedFont] = []
    licences: dict[str, str] = {}
    seen: set[Path] = set()

    def add(family: str, style: str, path: Path, subset_text: str) -> None:
        if path in seen:
            return
        seen.add(path)
        css_style, weight = _STYLES[style]
        name = f"{_slug(family)}-{style}.ttf"
        fonts.append(
            EmbeddedFont(family, css_style, weight, name, _subset(path, subset_text), path)
        )
        licence_name = f"{_slug(family)}-licence.txt"
        licences.setdefault(licence_name, _licence(path))

    for spec, spec_styles in specs:
        for style in spec_styles:
            face = spec.faces.get(style)
            if face is not None:
                add(spec.family, style, face.path, text)
    fallback_names = []
    for spec, needed in fallbacks:
        family = f"{spec.family} Fallback"
        fallback_names.append(family)
        for style in body_styles:
            face = spec.faces.get(style)
            if face is not None:
                add(family, style, face.path, needed)
    missing = frozenset(c for c in text if ord(c) not in covered and not c.isspace())
    if "\u202f" in text and 0x202F not in covered:
        missing |= {"\u202f"}
    return FontSet(
        tuple(fonts),
        licences,
        missing,
        theme.body.font.family,
        theme.heading.font.family,
        tuple(fallback_names),
    )


def rendered_characters(docs: Iterable[str]) -> set[str]:
    """Every character of the documents' body text, as the reader will draw it."""
    out: set[str] = set()
    for xhtml in docs:
        body = ET.fromstring(xhtml).find("{http://www.w3.org/1999/xhtml}body")
        if body is not None:
            for text in body.itertext():
                out.update(text)
    return out


def has_narrow_nbsp(theme: Theme) -> bool:
    """Whether an embedded face (body or fallback) can draw U+202F."""
    if 0x202F in font_characters(theme.body.font.path("regular")):
        return True
    return any(0x202F in font_characters(s.path("regular")) for s in theme.fallback_fonts)
