"""Finished PDFs kept on disk between runs: an unchanged build's file read back, not drawn again.

Takes the key of a typeset book (``stored_book.book_key``: the document, the
theme, the byline, the fonts' bytes, the engine's code and the libraries that
typeset) and the kind of output (print or screen PDF); gives the bytes and
warnings ``render_pdf`` and ``print_warnings`` gave for that book, or ``None``.
A second export of the same text then loads neither reportlab nor pikepdf.

The key adds everything else the bytes depend on, so that no stale file is
ever served: ``SOURCE_DATE_EPOCH`` (the dates), the files of the PDF writers
(reportlab, its C accelerator ``_rl_accel``, pikepdf and the qpdf and LittleCMS
its wheels bundle: an upgrade replaces them), zlib's version (the streams are
compressed), reportlab's ``RL_*`` settings from the environment and the CMYK
profiles the print PDF may embed (their bytes). A reportlab settings file (a ``reportlab_settings``
module or ``~/.reportlab_settings``) can change any setting: the store is off
then. Entries live in ``io.disk_cache`` (atomic, checksummed, bounded, shared
by processes): a JSON line of warnings, then the PDF; no pickle.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import zlib
from pathlib import Path

from layout_studio.export.color import PROFILE_PLACES
from layout_studio.export.stored_book import libraries_digest
from layout_studio.io.disk_cache import DiskCache, cache_key

NAMESPACE = "outputs"
FORMAT = "1"  # bump when an entry changes shape
KINDS = ("pdf", "screen_pdf")
# Pillow's own files are in the book's key already (``stored_book``).
_WRITERS = ("reportlab", "_rl_accel", "pikepdf")  # _rl_accel: reportlab's C helpers, one file
_BUNDLED = ("pikepdf.libs", "pillow.libs")


@functools.cache
def writers_version() -> str | None:
    """A digest of what writes the PDF besides the engine; ``None`` when it cannot be told."""
    if importlib.util.find_spec("reportlab_settings") is not None:
        return None
    try:
        if (Path.home() / ".reportlab_settings").exists():
            return None
    except (OSError, RuntimeError):  # no home folder: reportlab reads none either
        pass
    h = hashlib.sha256(zlib.ZLIB_RUNTIME_VERSION.encode())  # qpdf and the tags compress
    libraries_digest(h, _WRITERS)
    spec = importlib.util.find_spec("pikepdf")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for bundled in _BUNDLED:  # a wheel's own qpdf and LittleCMS, beside the package
            with contextlib.suppress(OSError), os.scandir(Path(folder).parent / bundled) as found:
                for entry in sorted(found, key=lambda e: e.name):
                    st = entry.stat()
                    h.update(f"{bundled}/{entry.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    for name in sorted(n for n in os.environ if n.startswith("RL_")):
        h.update(f"{name}={os.environ[name]}\0".encode())
    root = Path("/")
    for pattern in PROFILE_PLACES:
        for path in sorted(root.glob(pattern.lstrip("/"))):
            try:
                h.update(f"{path}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                h.update(f"{path}\0?".encode())
    return h.hexdigest()


class OutputStore:
    """One output of one book: ``get`` and ``put`` its bytes and warnings."""

    def __init__(self, book_key: str, kind: str) -> None:
        self.cache = DiskCache(NAMESPACE)
        writers = writers_version() if self.cache.folder is not None else None
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self.key = (
            cache_key(FORMAT, book_key, kind, "\0" if epoch is None else epoch, writers)
            if writers is not None and kind in KINDS
            else None
        )

    def get(self) -> tuple[bytes, list[str]] | None:
        """The stored bytes and warnings; ``None`` when missing, damaged or off."""
        if self.key is None:
            return None
        entry = self.cache.get(self.key)
        if entry is None:
            return None
        head, sep, data = entry.partition(b"\n")
        try:
            warnings = json.loads(head)
        except ValueError:
            return None
        if not sep or not isinstance(warnings, list):
            return None
        return data, [str(w) for w in warnings]

    def put(self, data: bytes, warnings: list[str]) -> None:
        """Keep an output (silently skipped when the store is off or the disk fails)."""
        if self.key is not None:
            head = json.dumps(warnings, ensure_ascii=True).encode("ascii")
            self.cache.put(self.key, head + b"\n" + data)
