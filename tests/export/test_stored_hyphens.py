"""The EPUB's soft hyphens from hyphenation points kept in the user's cache.

Words seen by an earlier export are not hyphenated again (the patterns are not
even loaded); other minimums never get them; a damaged entry is ignored; the
points are always the hyphenator's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import layout_studio.export.epub.stored_hyphens as stored_hyphens
import layout_studio.text.hyphenate as hyphenate
from layout_studio.export.epub.stored_hyphens import StoredHyphens
from layout_studio.text.hyphenate import shared_hyphenator

WORDS = ["anticonstitutionnellement", "jardinier", "récolter", "l’imprimerie", "Paris", "porte-clé"]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, bool]]:
    """Every hyphenator asked for (the patterns are loaded for it)."""
    calls: list[tuple[int, int, bool]] = []

    def counting(left: int, right: int, capitalised: bool) -> hyphenate.Hyphenator:
        calls.append((left, right, capitalised))
        return shared_hyphenator(left, right, capitalised)

    monkeypatch.setattr(hyphenate, "shared_hyphenator", counting)
    return calls


def _points(store: StoredHyphens) -> list[tuple[int, ...]]:
    found = [store.positions(w) for w in WORDS]
    store.keep()
    return found


def test_words_seen_before_need_no_patterns(
    cache_dir: Path, loads: list[tuple[int, int, bool]]
) -> None:
    expected = [shared_hyphenator(2, 3, False).positions(w) for w in WORDS]
    assert _points(StoredHyphens(2, 3, False)) == expected
    assert loads == [(2, 3, False)]
    loads.clear()
    assert _points(StoredHyphens(2, 3, False)) == expected
    assert loads == []


def test_other_minimums_never_get_the_stored_points(
    cache_dir: Path, loads: list[tuple[int, int, bool]]
) -> None:
    _points(StoredHyphens(2, 3, False))
    loads.clear()
    assert _points(StoredHyphens(3, 3, True)) == [
        shared_hyphenator(3, 3, True).positions(w) for w in WORDS
    ]
    assert loads == [(3, 3, True)]


def test_a_damaged_entry_is_ignored(cache_dir: Path, loads: list[tuple[int, int, bool]]) -> None:
    _points(StoredHyphens(2, 3, False))
    (entry,) = (cache_dir / stored_hyphens.NAMESPACE).glob("*.bin")
    stored_hyphens.DiskCache(stored_hyphens.NAMESPACE).put(entry.stem, b"[1, 2")
    loads.clear()
    assert _points(StoredHyphens(2, 3, False)) == [
        shared_hyphenator(2, 3, False).positions(w) for w in WORDS
    ]
    assert loads == [(2, 3, False)]
