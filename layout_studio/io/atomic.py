"""Atomic file writes: a temporary file in the same folder, then a rename.

Takes a destination path and bytes (or text); gives a complete file or the
previous one, never a truncated one, even if the process is killed midway.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from layout_studio.errors import OutputError


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise OutputError(target, "le dossier de destination n’existe pas")
    if not folder.is_dir():
        raise OutputError(target, "le chemin de destination n’est pas un dossier")
    if target.is_dir():
        raise OutputError(target, "la destination est un dossier, pas un fichier")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except PermissionError:
        raise OutputError(
            target, "impossible d’écrire dans ce dossier (permission refusée)"
        ) from None
    except OSError as exc:
        raise OutputError(target, _os_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _final_mode(target))  # mkstemp makes 0600; a book is not a secret
        os.replace(tmp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise OutputError(target, _os_reason(exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text with LF line endings atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def _final_mode(target: Path) -> int:
    """The existing file's mode, else 0666 minus the umask, as ``open()`` would give."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disque plein (ou quota atteint) : rien n’a été remplacé"
    if exc.errno == errno.EFBIG:
        return "fichier trop gros pour ce système de fichiers : rien n’a été remplacé"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "écriture refusée (dossier en lecture seule ou permission refusée)"
    return f"écriture impossible ({exc.strerror or exc})"
