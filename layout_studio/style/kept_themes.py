"""Theme objects a process keeps while the files they were read from are unchanged.

Takes a theme's loader arguments (``kept_theme``) or a theme just loaded
(``shared_theme``); gives one object per theme while its own files and the
font files it names are unchanged, and a new one once any of them is written
over. The engine's paragraph memos are keyed on the theme object: a process
that kept one (the app between builds, a batch worker between entries) would
otherwise set the next build with the widths of a face since replaced.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from layout_studio.style.theme import Theme, load_theme
from layout_studio.text.fonts import file_stamp

Stamp = tuple[tuple[int, int, int], ...]

KEPT = 16  # themes kept by settings (the app's recent choices, the gallery's themes)
SHARED = 8  # themes shared by equality (a batch's entries)

_KEPT: dict[tuple[str | Path, str], tuple[Theme, Stamp]] = {}
_SHARED: list[tuple[Theme, Stamp]] = []
_LOCK = threading.Lock()  # the app's layout and gallery threads both ask


def files_stamp(theme: Theme) -> Stamp:
    """The version of every file ``theme`` was read from: its own files, then its fonts."""
    return tuple(file_stamp(str(path)) for path in (*theme.files, *theme.font_files()))


def kept_theme(spec: str | Path, overrides_json: str) -> Theme:
    """The theme of ``spec`` with these overrides (JSON), read again once a file of it changed."""
    key = (spec, overrides_json)
    with _LOCK:
        hit = _KEPT.get(key)
        if hit is not None and files_stamp(hit[0]) == hit[1]:
            return hit[0]
        overrides: dict[str, Any] | None = json.loads(overrides_json) or None
        theme = load_theme(spec, overrides)
        _KEPT.pop(key, None)
        _KEPT[key] = (theme, files_stamp(theme))
        while len(_KEPT) > KEPT:
            del _KEPT[next(iter(_KEPT))]
        return theme


def held_themes() -> list[Theme]:
    """Every theme kept or shared now: the fonts a process's memos may rightly hold."""
    with _LOCK:
        return [t for t, _ in _SHARED] + [t for t, _ in _KEPT.values()]


def shared_theme(theme: Theme) -> Theme:
    """An equal theme loaded before from the same files, unchanged since; else ``theme``."""
    stamp = files_stamp(theme)
    with _LOCK:
        for known, known_stamp in _SHARED:
            if known_stamp == stamp and known == theme:
                return known
        _SHARED.insert(0, (theme, stamp))
        del _SHARED[SHARED:]
        return theme
