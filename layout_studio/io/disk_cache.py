"""A small content-addressed cache of bytes on disk, shared by processes.

Takes a namespace and keys made of everything the cached value depends on
(hashed here); gives the bytes stored for that key, or ``None``. Entries
are written to a temporary file then renamed, so a reader sees a whole
entry or none, and several processes may fill the cache at once. Each
entry carries the SHA-256 of its data: a damaged entry is ignored and
removed, never served. The folder is bounded in size: the least recently
written entries go first.

The folder is ``platformdirs.user_cache_path("layout-studio")``, or
``$LAYOUT_STUDIO_CACHE_DIR`` when set; ``LAYOUT_STUDIO_CACHE_DIR=off``
turns the cache off. Any error of the cache (read-only disk, full disk)
only costs the time the cache would have saved.

Some entries are pickles, as trusted as the program's own bytecode: on
POSIX the folders and entries are used only when the user owns them and
nobody else can write them (a shared or planted folder is ignored).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

ENV = "LAYOUT_STUDIO_CACHE_DIR"
MAX_BYTES = 64 * 1024 * 1024
_DIGEST = 32


def cache_root() -> Path | None:
    """The cache folder, or ``None`` when the cache is off."""
    value = os.environ.get(ENV)
    if value == "off":
        return None
    if value:
        return Path(value)
    from platformdirs import user_cache_path  # only when the cache is used

    return user_cache_path("layout-studio", appauthor=False)


def cache_key(*parts: bytes | str) -> str:
    """A file-name-safe key from the parts (unambiguous: each is length-prefixed)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _ours(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (always true where uids do not exist)."""
    if not hasattr(os, "geteuid"):
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


class DiskCache:
    """One namespace of the cache: ``get`` and ``put`` bytes by key."""

    def __init__(self, namespace: str, max_bytes: int = MAX_BYTES) -> None:
        root = cache_root()
        self.folder = root / namespace if root is not None else None
        self.max_bytes = max_bytes

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.bin" if self.folder is not None else None

    def _trusted(self) -> bool:
        """Whether the folder and the cache root are ours alone (see the module's docstring)."""
        assert self.folder is not None
        try:
            return all(_ours(os.stat(f)) for f in (self.folder.parent, self.folder))
        except OSError:
            return False

    def get(self, key: str) -> bytes | None:
        """The bytes stored for ``key``, or ``None`` (missing, damaged or cache off)."""
        path = self._path(key)
        if path is None:
            return None
        try:
            if not self._trusted():
                return None
            with open(path, "rb") as entry:
                if not _ours(os.fstat(entry.fileno())):
                    return None
                raw = entry.read()
        except OSError:
            return None
        digest, data = raw[:_DIGEST], raw[_DIGEST:]
        if len(digest) != _DIGEST or hashlib.sha256(data).digest() != digest:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` for ``key`` (atomically; silently skipped on any disk error)."""
        path = self._path(key)
        if path is None or self.folder is None or len(data) > self.max_bytes:
            return
        try:
            # 0o700 for both, whatever the umask: a group-writable folder would not be trusted.
            self.folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.folder.mkdir(mode=0o700, exist_ok=True)
            if not self._trusted():
                return
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(hashlib.sha256(data).digest())
                    out.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        """Remove the oldest entries until the folder fits in ``max_bytes``."""
        assert self.folder is not None
        entries = []
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".bin"):
                with contextlib.suppress(OSError):
                    st = entry.stat()
                    entries.append((st.st_mtime_ns, st.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)  # another process may have removed it first
            total -= size
