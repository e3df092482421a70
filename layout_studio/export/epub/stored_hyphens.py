"""Hyphenation points of words kept on disk between runs, for the EPUB's soft hyphens.

Takes the hyphenation minimums (left, right, capitalised names); gives a
``positions`` function (word → break offsets, as ``Hyphenator.positions``)
that answers from what an earlier cold export computed with the same
settings, loads the patterns only for a word it has not seen, and ``keep``,
which stores the words this export asked for (so the entry follows the
text and stays bounded). The hyphenator is a pure function of the word, its
settings and its patterns: the key holds the settings and the engine's code
and libraries (``stored_book.code_version``: pyphen's and libhyphen's files,
the French patterns' bytes). Entries live in ``io.disk_cache`` (atomic,
checksummed, bounded, shared by processes).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from layout_studio.export.stored_book import code_version
from layout_studio.io.disk_cache import DiskCache, cache_key

if TYPE_CHECKING:
    from layout_studio.text.hyphenate import Hyphenator

NAMESPACE = "hyphens"
FORMAT = "1"
MAX_WORDS = 200_000


class StoredHyphens:
    """Word → hyphenation points, read back from the user's cache when known."""

    def __init__(self, left: int, right: int, capitalised: bool) -> None:
        self.minimums = (left, right, capitalised)
        self.cache = DiskCache(NAMESPACE)
        code = code_version() if self.cache.folder is not None else None
        self.key = cache_key(FORMAT, code, json.dumps(self.minimums)) if code is not None else None
        self.known: dict[str, tuple[int, ...]] = {}
        self.asked: dict[str, tuple[int, ...]] = {}
        self._hyphenator: Hyphenator | None = None
        data = self.cache.get(self.key) if self.key is not None else None
        if data is not None:
            try:
                stored = json.loads(data)
                self.known = {str(w): tuple(int(p) for p in ps) for w, ps in stored.items()}
            except (ValueError, TypeError, AttributeError):  # odd entry: computed again
                self.known = {}

    def positions(self, word: str) -> tuple[int, ...]:
        """Offsets in ``word`` where a hyphen may be inserted (empty if never)."""
        found = self.asked.get(word)
        if found is None:
            found = self.known.get(word)
            if found is None:
                found = self._hyphenate().positions(word)
            self.asked[word] = found
        return found

    def _hyphenate(self) -> Hyphenator:
        if self._hyphenator is None:  # the patterns load only for a word not seen before
            from layout_studio.text.hyphenate import shared_hyphenator

            self._hyphenator = shared_hyphenator(*self.minimums)
        return self._hyphenator

    def keep(self) -> None:
        """Store the words asked for, when they differ from those read."""
        if self.key is None or not self.asked or len(self.asked) > MAX_WORDS:
            return
        if self.asked.keys() == self.known.keys():
            return
        data = json.dumps(self.asked, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        self.cache.put(self.key, data.encode("utf-8"))
