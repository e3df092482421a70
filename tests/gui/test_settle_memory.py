"""The collection run when typing pauses looks only at what was made since the last one.

A full pass over a long book's objects held the GIL 0.7–1 s on the 351-page
book, two seconds after every pause: the interface froze then. Survivors
are frozen, so a pause's collection of every generation sees only what was
made since; and the app starts no full collection of its own while one types.
"""

from __future__ import annotations

import gc

from layout_studio.gui.worker import hold_full_collections, settle_memory


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


def test_the_pause_collection_frees_cycles_of_every_age_and_freezes_the_survivors():
    settle_memory(full=True)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    made_since = [[i] for i in range(1000)]
    old: list[object] = []
    old.append(old)
    gc.collect()  # this cycle aged into the oldest generation before it died
    young: list[object] = []
    young.append(young)  # and this one was made since
    del young, old
    freed: list[int] = []
    generations = _generations_collected(lambda: freed.append(settle_memory()))
    assert freed[0] >= 2  # both cycles
    assert 2 in generations, generations
    # Frozen objects stay out of every collection: they are not unfrozen by it.
    assert gc.get_freeze_count() >= frozen
    # Survivors frozen too: none is left in a generation. (Not counted: another thread of the
    # process may free frozen objects meanwhile.)
    tracked = {id(o) for o in gc.get_objects()}
    assert not [item for item in made_since if id(item) in tracked]
    gc.unfreeze()


def test_the_app_starts_no_full_collection_while_objects_age():
    """Python started one on any thread once enough objects had aged: 70–300 ms stalls."""
    threshold = gc.get_threshold()
    gc.collect()
    try:
        hold_full_collections()
        kept: list[object] = []
        generations = _generations_collected(
            lambda: kept.extend([[i] for i in range(200_000)])  # enough to age many times
        )
    finally:
        gc.set_threshold(*threshold)
    assert generations  # the young ones are still collected as they fill
    assert 2 not in generations, generations


def test_opening_a_book_collects_everything_once():
    assert 2 in _generations_collected(lambda: settle_memory(full=True))
    gc.unfreeze()


def test_an_export_ending_while_a_build_runs_leaves_collection_off(qtbot):
    """The worker's pause and the typesetter's are one count: an export (its typeset holds
    the collector off on its own thread) that ends while the preview builds must not turn
    collection back on under the build."""
    from layout_studio.gui.worker import _Job
    from layout_studio.layout.gc_pause import paused_gc
    from layout_studio.session import BookSettings

    seen: list[bool] = []
    export = paused_gc()

    class Builder:
        def build(self, text: str, settings: object, base: object) -> object:
            export.__exit__(None, None, None)  # the export's typeset ends meanwhile
            seen.append(gc.isenabled())
            raise RuntimeError("no book here")  # reported as the build's error

    assert gc.isenabled()
    export.__enter__()  # an export typesets on its own thread
    _Job(Builder(), 1, "", BookSettings(), None).run()  # type: ignore[arg-type]
    assert seen == [False]
    assert gc.isenabled()  # both ended
