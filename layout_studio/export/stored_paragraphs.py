"""Broken paragraphs kept on disk between runs: an edited text breaks only what changed.

Takes the theme a cold export typesets with (and, afterwards, the document it
set); gives ``preload``, which puts what an earlier run with the same theme
broke into the typesetter's in-process memos, and ``keep``, which stores this
run's. A text edited between two exports then breaks the edited paragraph
again, not the book. The memos are the engine's own (it already serves a batch
and the preview this way), each keyed on the theme object and on all the rest
its value depends on: body paragraphs (content, credit, indent, drop cap,
hyphenation, looseness: ``layout.paragraphs``), short texts (text, style,
measure, alignment) and index or contents entries (label, style, folio,
target, indent: ``layout.matter.entries``).

The disk entry's key holds what they depend on besides their own key, as the
stored book's does (``stored_book.theme_key``): the engine's code and
libraries, the theme as pickled, its fonts' bytes. An entry keeps what the
last document set (a paragraph it no longer has is dropped; each memo is
bounded); entries live in ``io.disk_cache`` (atomic, checksummed, bounded,
shared by processes).
"""

from __future__ import annotations

import importlib
import io
import pickle
from typing import TYPE_CHECKING, Any

from layout_studio.export.stored_book import by_constructor, no_collection, theme_key
from layout_studio.io.disk_cache import DiskCache, cache_key

if TYPE_CHECKING:
    from layout_studio.model.document import Document
    from layout_studio.style.theme import Theme

NAMESPACE = "paragraphs"
FORMAT = "2"  # bump when a memo's key or value changes shape
# The memos, as (module, name): dicts of (id(theme), *key) → (theme, value, missing glyphs).
MEMOS = (
    ("layout_studio.layout.paragraphs", "_PARAGRAPHS"),
    ("layout_studio.layout.paragraphs", "_SIMPLE"),
    ("layout_studio.layout.matter.entries", "_ENTRIES"),
    # Each paragraph's breaks at looseness 0 and ±1: without them page filling breaks
    # every paragraph again to learn whether a variant is a line longer or shorter.
    ("layout_studio.layout.paragraphs", "_LOOSE"),
)
BODY = (0, 3)  # the body paragraphs' memos: the first key part is the paragraph's spans
MAX_ENTRIES = 5_000  # per memo; beyond, only what this run set is kept

Stored = list[dict[tuple[object, ...], tuple[Any, Any]]]


def _memo(index: int) -> dict[tuple[object, ...], tuple[object, Any, Any]]:
    module, name = MEMOS[index]
    memo: dict[tuple[object, ...], tuple[object, Any, Any]] = getattr(
        importlib.import_module(module), name
    )
    return memo


class ParagraphStore:
    """What the typesetter broke with one theme: ``preload`` before a typeset, ``keep`` after."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.cache = DiskCache(NAMESPACE)
        base = theme_key(theme) if self.cache.folder is not None else None
        self.key = cache_key(FORMAT, base) if base is not None else None
        self.loaded: list[set[tuple[object, ...]]] = [set() for _ in MEMOS]

    def preload(self) -> None:
        """Put the stored values into the memos (a damaged entry only costs the breaking)."""
        data = self.cache.get(self.key) if self.key is not None else None
        if data is None:
            return
        try:
            with no_collection():
                stored: Stored = pickle.loads(data)  # our own checksummed entry
            if len(stored) != len(MEMOS):
                return
            mark = id(self.theme)
            for index, values in enumerate(stored):
                memo = _memo(index)
                for key, (value, missing) in values.items():
                    memo.setdefault((mark, *key), (self.theme, value, missing))
                self.loaded[index] = set(values)
        except Exception:  # a stale or odd entry: the typeset breaks them again
            return

    def keep(self, document: Document) -> None:
        """Store what this run set with the theme (a paragraph ``document`` lacks is dropped)."""
        if self.key is None:
            return
        present = {p.spans for p in document.paragraphs(include_candidates=True)}
        stored: Stored = []
        for index in range(len(MEMOS)):
            loaded = self.loaded[index]
            mine = {
                key[1:]: (value, missing)
                for key, (theme, value, missing) in list(_memo(index).items())
                if theme is self.theme
            }
            if index in BODY:
                mine = {k: v for k, v in mine.items() if k not in loaded or k[0] in present}
            if len(mine) > MAX_ENTRIES:
                mine = {k: v for k, v in mine.items() if k not in loaded}
                if len(mine) > MAX_ENTRIES:
                    mine = {}
            stored.append(mine)
        if [set(values) for values in stored] == self.loaded:
            return  # nothing new to keep
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=5)
        pickler.dispatch_table = by_constructor()
        try:
            with no_collection():
                pickler.dump(stored)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self.cache.put(self.key, out.getvalue())
