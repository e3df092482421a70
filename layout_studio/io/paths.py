"""Which files may be read: regular files only, and inside the folders a file may name.

Takes paths (and, for confinement, the folders they must stay in); gives
the checked path, the bytes of a regular file read without ever blocking,
or an ``InputError`` with one French reason. A FIFO, a device or a socket
is refused before it is opened, and opened with ``O_NONBLOCK`` besides, so
that a file swapped in between cannot block the read either.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from layout_studio.errors import InputError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def special_kind(mode: int) -> str | None:
    """``None`` for a regular file, else what the file is, in French."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "dossier"
    if stat.S_ISFIFO(mode):
        return "tube nommé"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "périphérique"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "lien symbolique"
    return "fichier spécial"


def not_regular(kind: str) -> str:
    """The reason given for a file that is not a regular file."""
    if kind == "dossier":
        return "c’est un dossier, pas un fichier"
    return f"pas un fichier ordinaire ({kind})"


def existing_problem(path: Path) -> str | None:
    """Why an existing ``path`` cannot be read as a regular file (``None``: it can, or absent)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    kind = special_kind(mode)
    return not_regular(kind) if kind else None


def check_regular(path: Path, missing: str = "fichier introuvable") -> os.stat_result:
    """The ``stat`` of ``path`` (symlinks followed) if it is a regular file, else ``InputError``."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(path, missing) from None
    except PermissionError:
        raise InputError(path, "lecture refusée (permission)") from None
    except OSError as exc:
        raise InputError(path, f"fichier illisible ({exc.strerror or exc})") from None
    kind = special_kind(st.st_mode)
    if kind:
        raise InputError(path, not_regular(kind))
    return st


def read_regular(path: Path, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file; refuse anything else without blocking."""
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        raise InputError(path, "fichier introuvable") from None
    except PermissionError:
        raise InputError(path, "lecture refusée (permission)") from None
    except IsADirectoryError:
        raise InputError(path, not_regular("dossier")) from None
    except OSError as exc:
        raise InputError(path, f"fichier illisible ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        kind = special_kind(os.fstat(fd).st_mode)  # what was opened, not what was checked
        if kind:
            raise InputError(path, not_regular(kind))
        try:
            return handle.read(limit + 1)
        except OSError as exc:
            raise InputError(path, f"fichier illisible ({exc.strerror or exc})") from None


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether ``path``, symlinks resolved, lies in one of ``roots`` (resolved too)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False
    for root in roots:
        try:
            if real.is_relative_to(root.resolve()):
                return True
        except (OSError, RuntimeError):
            continue
    return False


def confined(
    origin: Path,
    key: str,
    value: object,
    base: Path,
    *,
    roots: Iterable[Path] = (),
    absolute_roots: Iterable[Path] = (),
    scope: str = "du dossier du projet",
) -> Path:
    """A path an untrusted file (``origin``) names under ``key``, checked, joined to ``base``.

    Relative paths must resolve, symlinks followed, inside ``base`` or one of
    ``roots``; absolute ones are refused unless they lie in ``absolute_roots``.
    An existing file must be a regular one. Errors name ``origin`` and ``key``.
    """
    if not isinstance(value, str) or not value:
        raise InputError(origin, f"{key} : chemin attendu")
    if "\x00" in value:
        raise InputError(origin, f"{key} : caractère nul dans le chemin")
    path = Path(value)
    allowed = [base, *roots]
    if path.is_absolute():
        extra = list(absolute_roots)
        if not (extra and inside(path, extra)):
            raise InputError(
                origin,
                f"{key} : chemin absolu refusé (« {value} ») ; "
                f"indiquez un chemin relatif à l’intérieur {scope}",
            )
    else:
        path = base / path
        if not inside(path, allowed):
            raise InputError(origin, f"{key} : « {value} » mène hors {scope} (refusé)")
    problem = existing_problem(path)
    if problem:
        raise InputError(origin, f"{key} : « {value} » : {problem}")
    return path


def same_file(a: Path, b: Path) -> bool:
    """Same file: the same resolved path, or the same inode (hard links)."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
