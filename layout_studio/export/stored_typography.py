"""Corrected paragraphs kept on disk between runs: French typography redone only where text changed.

Takes the typography options of a cold export and the paragraph memo
``apply_typography`` fills (input spans → corrected spans, corrections,
warnings; the rules see one paragraph at a time, so the memo's result is the
rules' result); gives ``preload``, which puts what an earlier export corrected
with the same options into the memo, and ``keep``, which stores the entries
this export used (``UsedMemo`` notes them: an entry no longer used is dropped,
so the entry follows the text and stays bounded).

The disk entry's key holds the options and the engine's code and data files
(``stored_book.code_version``: the rules and their word lists); entries live
in ``io.disk_cache`` (atomic, checksummed, bounded, shared by processes).
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from layout_studio.export.stored_book import code_version, no_collection
from layout_studio.io.disk_cache import DiskCache, cache_key

NAMESPACE = "typography"
FORMAT = "1"  # bump when the memo's key or value changes shape
MAX_ENTRIES = 20_000


class UsedMemo(dict[Any, Any]):
    """A paragraph memo that notes the keys looked up since ``used`` was last emptied."""

    def __init__(self) -> None:
        super().__init__()
        self.used: set[Any] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        """``dict.get``, noting ``key``."""
        self.used.add(key)
        return super().get(key, default)


class TypographyStore:
    """The corrected paragraphs of one set of options: ``preload`` before, ``keep`` after."""

    def __init__(self, options_key: str) -> None:
        self.cache = DiskCache(NAMESPACE)
        code = code_version() if self.cache.folder is not None else None
        self.key = cache_key(FORMAT, code, options_key) if code is not None else None
        self.loaded: set[Any] = set()

    def preload(self, memo: UsedMemo) -> None:
        """Put the stored entries into ``memo`` and start noting what is used."""
        memo.used = set()
        data = self.cache.get(self.key) if self.key is not None else None
        if data is None:
            return
        try:
            with no_collection():
                stored: dict[Any, Any] = pickle.loads(data)  # our own checksummed entry
            for key, value in stored.items():
                memo.setdefault(key, value)
        except Exception:  # a stale or odd entry: the rules run again
            return
        self.loaded = set(stored)

    def keep(self, memo: UsedMemo) -> None:
        """Store the entries used since ``preload`` (when they differ from those read)."""
        kept = {key: memo[key] for key in memo.used if key in memo}
        if self.key is None or not kept or len(kept) > MAX_ENTRIES or set(kept) == self.loaded:
            return
        out = io.BytesIO()
        try:
            with no_collection():
                pickle.Pickler(out, protocol=5).dump(kept)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self.cache.put(self.key, out.getvalue())
