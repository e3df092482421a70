"""Bounded reading of the small structured inputs: ``book.toml``, themes, front matter.

Takes a path (or parsed data) and a limit; gives the file's bytes, or a parsed
TOML document, or raises the caller's ``InputError`` subclass with one line.
A file over its limit is refused from its size before a byte is read, and the
read itself never takes more than the limit, whatever the file claims.
Nesting deeper than ``MAX_NESTING`` is refused too: the parsers and the code
after them recurse, and a stranger's 5,000 nested brackets must not reach them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from layout_studio.errors import InputError

#: Largest ``book.toml`` accepted, in bytes (a real one is under 2 KB).
MAX_PROJECT_BYTES = 256 * 1024
#: Largest theme file accepted, each ``extends`` parent included (bundled: ~2 KB).
MAX_THEME_BYTES = 256 * 1024
#: Largest YAML front matter accepted in a Markdown source.
MAX_FRONT_MATTER_BYTES = 64 * 1024
#: Deepest nesting of tables and lists (a theme needs 4: [theme.body] font = {…}).
MAX_NESTING = 10


def limit_text(limit: int) -> str:
    """A byte limit as the README states it: ``256 Kio``."""
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} Mio"
    return f"{limit // 1024} Kio"


def too_big(size: int, limit: int) -> str:
    """The reason for refusing ``size`` bytes: actual size and limit."""
    shown = f"{size / 1e6:.1f} Mo" if size >= 1_000_000 else f"{size / 1e3:.1f} ko"
    return f"fichier trop gros ({shown} ; la limite est {limit_text(limit)})"


def read_limited(
    path: Path,
    limit: int,
    error: type[InputError] = InputError,
    missing: str = "fichier introuvable",
) -> bytes:
    """The bytes of ``path`` if it is a regular file holding at most ``limit``.

    The size is checked before reading and the read never takes more than
    ``limit + 1`` bytes; FIFOs and devices are refused without blocking
    (``io.paths.read_regular``).
    """
    from layout_studio.io.paths import check_regular, read_regular

    try:
        size = check_regular(path, missing).st_size
        if size > limit:
            raise error(path, too_big(size, limit))
        data = read_regular(path, limit)  # the file may have grown since the stat
    except InputError as exc:
        if isinstance(exc, error):
            raise
        raise error(path, exc.message) from None
    if len(data) > limit:
        raise error(path, too_big(len(data), limit))
    return data


def too_deep(value: object, limit: int = MAX_NESTING) -> bool:
    """Whether lists and tables nest deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list | tuple):
            children = list(item)
        else:
            continue
        if children and depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def nesting_reason() -> str:
    """The reason given for input nested too deeply."""
    return f"imbrication trop profonde (tables et listes : {MAX_NESTING} niveaux au plus)"


def parse_toml(path: Path, data: bytes, error: type[InputError], what: str) -> dict[str, Any]:
    """Decode and parse TOML bytes; ``what`` names the file in the encoding message."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(path, f"{what} doit être encodé en UTF-8") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(path, f"TOML invalide : {exc}") from None
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        raise error(path, f"TOML invalide : {nesting_reason()}") from None
    if too_deep(document):
        raise error(path, f"TOML invalide : {nesting_reason()}")
    return document
