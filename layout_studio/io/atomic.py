"""Atomic file writes: temporary files in the destination folder, then renames.

Takes destination paths and bytes (or text); gives complete files or the
previous ones, never a truncated one, even if the process is killed midway.
``OutputSet`` does it for several files at once, all or nothing: every
destination is checked before anything is written, every file is written
to its hidden ``.part`` file, and the renames start only when all are
complete; on any failure every temporary file is removed.

Temporary files are named ``.NAME.ls-HOST-PID-RANDOM.part``. A run cleans
the ones a killed run left in the folders it writes to: those of a process
of this host that no longer exists, and any older than a day (a live
concurrent run's files are left alone).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from layout_studio.errors import OutputError

#: A leftover temporary file older than this is removed whoever made it.
STALE_SECONDS = 24 * 3600
_PART = re.compile(r"^\..+\.ls-(?P<host>[A-Za-z0-9]{1,16})-(?P<pid>\d{1,10})-[0-9a-f]{8}\.part$")


def _host() -> str:
    try:  # what gethostname() gives, without importing socket (a cold export's start-up)
        name = os.uname().nodename
    except AttributeError:  # Windows
        import socket

        name = socket.gethostname()
    tag = re.sub(r"[^A-Za-z0-9]", "", name)[:16]
    return tag or "h"


def part_name(target_name: str, pid: int | None = None) -> str:
    """The hidden temporary name for ``target_name`` written by process ``pid``."""
    pid = os.getpid() if pid is None else pid
    return f".{target_name}.ls-{_host()}-{pid}-{os.urandom(4).hex()}.part"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files killed runs left in ``folder``; give what was removed."""
    removed: list[Path] = []
    host, now = _host(), time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PART.match(entry.name)
        if not match:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        dead = match["host"] == host and not _alive(int(match["pid"]))
        if dead or now - info.st_mtime > STALE_SECONDS:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def check_destination(target: Path, *, follow_links: bool = False) -> Path:
    """Where ``target`` will really be written; ``OutputError`` if it must not be.

    The folder must exist; an existing destination must be a regular file:
    never a directory, a FIFO, a device or a socket, and never a symlink
    unless ``follow_links`` (then the file it points to is the destination).
    """
    if follow_links and target.is_symlink():
        with contextlib.suppress(OSError, RuntimeError):
            target = target.resolve()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise OutputError(target, "le dossier de destination n’existe pas")
    if not folder.is_dir():
        raise OutputError(target, "le chemin de destination n’est pas un dossier")
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(target, _os_reason(exc)) from None
    if stat.S_ISLNK(mode):
        raise OutputError(target, "la destination est un lien symbolique (refusé)")
    if stat.S_ISDIR(mode):
        raise OutputError(target, "la destination est un dossier, pas un fichier")
    if not stat.S_ISREG(mode):
        from layout_studio.io.paths import special_kind

        raise OutputError(
            target,
            f"la destination n’est pas un fichier ordinaire ({special_kind(mode)}) : "
            "rien n’a été écrit",
        )
    return target


class OutputSet:
    """Several outputs written all or nothing (use as a context manager, then ``commit``)."""

    def __init__(self, targets: Iterable[Path], *, follow_links: bool = False) -> None:
        self._real: dict[Path, Path] = {}
        seen: dict[Path | tuple[int, int], Path] = {}
        for target in targets:
            real = check_destination(Path(target), follow_links=follow_links)
            key = _identity(real)
            if key in seen:
                raise OutputError(target, f"même fichier que la sortie {seen[key]} (refusé)")
            seen[key] = Path(target)
            self._real[Path(target)] = real
        self._parts: dict[Path, Path] = {}
        self._committed = False
        for folder in {real.parent for real in self._real.values()}:
            clean_stale_parts(folder if str(folder) else Path("."))

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._committed:
            self.discard()

    def write(self, target: Path, data: bytes) -> None:
        """Write ``data`` to ``target``'s temporary file (fsynced); nothing is renamed yet."""
        target = Path(target)
        real = self._real[target]
        folder = real.parent if str(real.parent) else Path(".")
        part = folder / part_name(real.name)
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except PermissionError:
            raise OutputError(
                target, "impossible d’écrire dans ce dossier (permission refusée)"
            ) from None
        except OSError as exc:
            raise OutputError(target, _os_reason(exc)) from None
        self._parts[target] = part
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(part, _final_mode(real))  # 0600 at creation; a book is not a secret
        except OSError as exc:
            raise OutputError(target, _os_reason(exc)) from None

    def commit(self) -> None:
        """Rename every temporary file into place, once all are written."""
        missing = [t for t in self._real if t not in self._parts]
        if missing:
            raise OutputError(missing[0], "sortie non écrite : rien n’a été remplacé")
        for real in self._real.values():
            check_destination(real)  # nothing swapped in since the start
        for target, real in self._real.items():
            try:
                os.replace(self._parts[target], real)
            except OSError as exc:
                raise OutputError(target, _os_reason(exc)) from None
            del self._parts[target]
        self._committed = True
        for folder in {real.parent for real in self._real.values()}:
            _sync_folder(folder if str(folder) else Path("."))

    def discard(self) -> None:
        """Remove every temporary file still there."""
        for part in self._parts.values():
            with contextlib.suppress(OSError):
                os.unlink(part)
        self._parts.clear()


def _identity(path: Path) -> Path | tuple[int, int]:
    """What makes two destinations the same file: the inode if it exists, else the path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        try:
            return path.parent.resolve() / path.name
        except (OSError, RuntimeError):
            return path.absolute()


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (best effort: not every system can fsync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    A symlink at ``path`` is followed (the user's own file is saved where it
    lives); a directory, FIFO, device or socket is refused.
    """
    target = Path(path)
    with OutputSet([target], follow_links=True) as out:
        out.write(target, data)
        out.commit()
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
