"""The typeset book kept on disk between runs, keyed on everything typesetting reads.

Takes the corrected document, the resolved theme and the byline; gives back
the theme, book and page-rule notes that ``typeset`` and ``apply_service``
gave the last time the very same inputs were set, or ``None``. A cold
export of an unchanged text (a PDF after an EPUB, a second export) then
skips typesetting, the bulk of its time.

The key holds everything the result depends on, so that no stale book is
ever served: the document and the theme as pickled (sets sorted, so the key
does not depend on the process's hash seed), the byline, the bytes of every
font file the theme names and of the hyphenation patterns, the source files
of Layout Studio's engine (size and time, as Python checks its bytecode),
the files of the libraries it calls
(HarfBuzz, libhyphen, pyphen, fontTools, Pillow: an upgrade replaces them)
and Python's version. Entries live in ``io.disk_cache`` (atomic, checksummed, bounded,
shared by processes); ``LAYOUT_STUDIO_CACHE_DIR=off`` turns them off.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.util
import io
import operator
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio.io.disk_cache import DiskCache, cache_key

if TYPE_CHECKING:
    from layout_studio.layout.page import TypesetDocument
    from layout_studio.model.document import Document
    from layout_studio.style.theme import Theme

NAMESPACE = "books"
FORMAT = "2"  # bump when the stored tuple changes shape
_PACKAGE = Path(__file__).resolve().parents[1]
# Libraries whose own files decide shaping, metrics, hyphenation and the cover's pixels.
_LIBRARIES = ("uharfbuzz", "hyphen", "pyphen", "fontTools", "PIL")
_PATTERNS = ("hyph_fr.dic", "hyph_en_US.dic")

Stored = tuple["Theme", "TypesetDocument", list[str]]


class _KeyPickler(pickle.Pickler):
    """Pickles for a key: a set becomes its members' pickles, sorted (no hash-seed order)."""

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) in (set, frozenset):
            return (type(obj).__name__, tuple(sorted(_key_bytes(m) for m in obj)))
        return None


def _key_bytes(value: object) -> bytes:
    out = io.BytesIO()
    _KeyPickler(out, protocol=5).dump(value)
    return out.getvalue()


@functools.cache
def code_version() -> str | None:
    """A digest of the engine's files (the desktop app's excepted) and of the libraries.

    Each file counts by its size and modification time, as Python itself decides
    whether a file's bytecode is current: the key follows the code that runs.
    ``None`` when a source file changed after this process loaded the package
    (an upgrade under a running app): the code that runs may not be that source.
    """
    from layout_studio import LOADED_AT_NS

    h = hashlib.sha256(sys.version.encode())
    files = _package_files()
    if not any(name.endswith(".py") for name, _st in files):
        return None  # bytecode only (a frozen build): nothing tells its version apart
    for name, st in files:
        if st.st_mtime_ns >= LOADED_AT_NS:
            return None
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    libraries_digest(h, _LIBRARIES)
    return h.hexdigest()


def libraries_digest(h: Any, names: tuple[str, ...]) -> None:
    """Feed ``h`` the files of each library, sub-packages included (size and time).

    A new version replaces them; bytecode is left out (it follows its source).
    """
    for name in names:
        spec = importlib.util.find_spec(name)  # finds without importing
        folders = list(spec.submodule_search_locations or []) if spec else []
        h.update(f"{name}:{folders}".encode())
        if spec is not None and not folders and spec.origin:  # one file (a C extension)
            with contextlib.suppress(OSError):
                st = os.stat(spec.origin)
                h.update(f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}".encode())
        for folder in folders:
            _tree_digest(h, folder, "")
            for pattern in _PATTERNS:
                file = Path(folder) / "dictionaries" / pattern
                if name == "pyphen" and file.is_file():
                    h.update(hashlib.sha256(file.read_bytes()).digest())


def _tree_digest(h: Any, folder: str, prefix: str) -> None:
    """Feed ``h`` every file below ``folder`` (relative name, size, time), bytecode excepted.

    Sub-packages too: a file edited in place leaves its folder's own time alone.
    """
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        name = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":  # bytecode follows its source
                _tree_digest(h, entry.path, name + "/")
        elif not entry.name.endswith((".pyc", ".pyo")):
            st = entry.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())


def _package_files() -> list[tuple[str, os.stat_result]]:
    """The package's files (sources and data: word lists, service rules), the app's excepted.

    By relative path, sorted; no ``__pycache__`` (bytecode follows its source).
    """
    found: list[tuple[str, os.stat_result]] = []
    for folder, dirs, names in os.walk(_PACKAGE):
        top = folder == str(_PACKAGE)
        dirs[:] = [d for d in dirs if d != "__pycache__" and not (top and d == "gui")]
        relative = os.path.relpath(folder, _PACKAGE)
        for name in names:
            if not name.endswith((".pyc", ".pyo")):
                path = os.path.join(folder, name)
                found.append((os.path.normpath(os.path.join(relative, name)), os.stat(path)))
    return sorted(found)


def book_key(document: Document, theme: Theme, byline: str | None) -> str | None:
    """The key of a typeset, or ``None`` when an input cannot be read or pickled."""
    return _with_fonts(_inputs_key(document, theme, byline), theme)


def theme_key(theme: Theme) -> str | None:
    """The key of what a typeset reads besides the document and byline (``stored_paragraphs``)."""
    code = code_version()
    if code is None:
        return None
    try:
        key = cache_key(FORMAT, code, _key_bytes(theme))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return None
    return _with_fonts(key, theme)


def _with_fonts(key: str | None, theme: Theme) -> str | None:
    if key is None:
        return None
    try:
        fonts = [hashlib.sha256(f.read_bytes()).digest() for f in theme.font_files()]
    except OSError:
        return None
    return cache_key(key, *fonts)


def _inputs_key(document: Document, theme: Theme, byline: str | None) -> str | None:
    code = code_version()
    if code is None:
        return None
    try:
        return cache_key(
            FORMAT,
            code,
            _key_bytes(document),
            _key_bytes(theme),
            byline if byline is not None else "\0",
        )
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return None


class BookStore:
    """Typeset books on disk: ``get`` and ``put`` by ``book_key``."""

    def __init__(self) -> None:
        self.cache = DiskCache(NAMESPACE)

    @property
    def enabled(self) -> bool:
        """False when the cache is off (no key is even computed then)."""
        return self.cache.folder is not None

    def get(self, key: str) -> Stored | None:
        """What was stored for ``key``; ``None`` when missing, damaged or unreadable."""
        data = self.cache.get(key)
        if data is None:
            return None
        try:
            with no_collection():
                theme, book, notes = pickle.loads(data)  # our own checksummed entry
        except Exception:  # a stale or odd entry only costs a typeset
            return None
        return theme, book, list(notes)

    def put(self, key: str, stored: Stored) -> None:
        """Keep a typeset (silently skipped if it cannot be pickled or written)."""
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=5)
        pickler.dispatch_table = by_constructor()
        try:
            with no_collection():
                pickler.dump(stored)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self.cache.put(key, out.getvalue())


def by_constructor() -> dict[type, Callable[[Any], Any]]:
    """Frozen dataclasses rebuilt by their constructor, not by dataclass state.

    A book has one ``PlacedGlyph`` per glyph, a stored paragraph one ``Glyph``,
    ``Piece`` and item per glyph or word: read back through ``__init__`` they
    load in half the time (``dataclasses``' own state is set field by field in
    Python), and the entry is smaller. None of them has an ``__post_init__``.
    """
    import copyreg

    from layout_studio.layout.inline import PackedPiece, Piece, Style
    from layout_studio.layout.items import Box, Glue, Penalty
    from layout_studio.layout.linebreak import Line
    from layout_studio.layout.page import GlyphRun, LineInfo, PlacedGlyph
    from layout_studio.text.fonts import Glyph

    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    rebuilt = (PlacedGlyph, GlyphRun, LineInfo, Glyph, Piece, PackedPiece, Style, Box, Glue)
    for cls in (*rebuilt, Penalty, Line):
        table[cls] = _constructor_reduce(cls)
    return table


def _constructor_reduce(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    import dataclasses

    names = [f.name for f in dataclasses.fields(cls) if f.init]
    if len(names) == 1:
        one = operator.attrgetter(names[0])

        def single(obj: Any) -> tuple[Any, ...]:
            return (cls, (one(obj),))

        return single
    fields = operator.attrgetter(*names)

    def reduce(obj: Any) -> tuple[Any, ...]:
        return (cls, fields(obj))  # attrgetter of several names: a tuple, in C

    return reduce


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection while a book is read or written (as the preview does while it sets).

    Unpickling a long book creates millions of objects: the collector would scan
    them again and again (reading a 77-page book took twice as long).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
