"""The layout's process-wide memos, trimmed to the fonts a batch worker still sets with.

Takes font file paths (the files of the themes a worker keeps); drops from
the memos of shaped pieces, words, spaces, short lines, broken paragraphs
and index entries everything set with another font, and lets
``text.fonts`` forget those fonts: a contest entry may ship its own faces,
and without this a worker would keep every past entry's fonts (and what
they set) until a memo reached its size bound. What the kept fonts set
stays, so a worker that stays with its themes loses nothing. Results never
depend on the memos: dropping an entry only means setting it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from layout_studio.layout import inline, paragraphs, parts
from layout_studio.layout.inline import Style
from layout_studio.layout.matter import entries
from layout_studio.style.theme import Theme
from layout_studio.text.fonts import Font, forget_fonts

# The files kept by the last release (None before the first: the memos may hold anything).
_KEPT: list[frozenset[str] | None] = [None]


def release(files: frozenset[str]) -> None:
    """Drop what was set with a font not read from one of ``files`` (paths).

    Skipped when ``files`` holds every file kept last time: the memos then
    hold only those and what the themes set since (whose files are among
    ``files``, as the caller keeps its recent themes'), so nothing would go.
    """
    last, _KEPT[0] = _KEPT[0], files
    if last is not None and files >= last:
        return
    keep = files.__contains__
    fonts: dict[int, bool] = {}  # by id: the fonts are alive while the memos are walked
    themes: dict[int, bool] = {}

    def font_ok(font: Font) -> bool:
        ok = fonts.get(id(font))
        if ok is None:
            ok = fonts[id(font)] = keep(str(font.path))
        return ok

    styles: dict[int, bool] = {}  # a few styles key thousands of words

    def style_ok(style: Style) -> bool:
        ok = styles.get(id(style))
        if ok is None:
            ok = styles[id(style)] = font_ok(style.font) and all(map(font_ok, style.fallbacks))
        return ok

    def theme_ok(theme: Theme) -> bool:
        ok = themes.get(id(theme))
        if ok is None:
            ok = themes[id(theme)] = all(keep(str(p)) for p in theme.font_files())
        return ok

    _filter(inline._PIECES, lambda k, _v: style_ok(k[1]))
    _filter(inline._WORDS, lambda k, _v: style_ok(k[1]))
    _filter(inline._SPACES_MADE, lambda k, _v: style_ok(k[0]))
    _filter(inline._SPACE_GIDS, lambda _k, v: font_ok(v[0].font))
    _filter(parts._GLYPHS, lambda _k, v: font_ok(v[0].font))
    for memo in (paragraphs._SIMPLE, paragraphs._PARAGRAPHS, paragraphs._LOOSE, entries._ENTRIES):
        _filter(memo, lambda _k, v: theme_ok(v[0]))
    forget_fonts(keep)


def _filter(memo: dict[Any, Any], ok: Callable[[Any, Any], bool]) -> None:
    for key in [k for k, v in memo.items() if not ok(k, v)]:
        del memo[key]


def theme_files(themes: Iterable[Theme]) -> frozenset[str]:
    """The font files of ``themes``, as ``release`` takes them."""
    return frozenset(str(p) for theme in themes for p in theme.font_files())
