"""The collection run when typing pauses scans only what was made since the last one.

A full pass over a long book's objects held the GIL 0.7–1 s on the 351-page
book, two seconds after every pause: the interface froze then.
"""

from __future__ import annotations

import gc

from layout_studio.gui.worker import settle_memory


def _generations_collected(action) -> list[int]:
    seen: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(watch)
    try:
        action()
    finally:
        gc.callbacks.remove(watch)
    return seen


def test_the_pause_collection_never_scans_the_frozen_objects():
    settle_memory(full=True)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    made_since = [[i] for i in range(1000)]
    cycle: list[object] = []
    cycle.append(cycle)  # cyclic garbage made since: the pause still collects it
    del cycle
    freed: list[int] = []
    generations = _generations_collected(lambda: freed.append(settle_memory()))
    assert freed[0] >= 1  # the cycle
    assert generations and max(generations) < 2, generations  # never a full pass
    assert gc.get_freeze_count() >= frozen + len(made_since)  # survivors frozen too
    gc.unfreeze()


def test_opening_a_book_collects_everything_once():
    assert 2 in _generations_collected(lambda: settle_memory(full=True))
    gc.unfreeze()


def test_overlapping_builds_keep_collection_off_until_the_last_ends():
    """Two workers (two windows) may build at once: the first to end must not turn GC on."""
    from layout_studio.gui.worker import collection_paused, collection_resumed

    assert gc.isenabled()
    collection_paused()  # build A
    collection_paused()  # build B, started while A runs
    collection_resumed()  # A ends
    assert not gc.isenabled()  # B still runs
    collection_resumed()
    assert gc.isenabled()
