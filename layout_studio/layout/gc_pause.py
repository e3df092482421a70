"""``paused_gc()``: Python's cyclic garbage collector held off while a book is typeset.

Takes nothing; gives a context manager. Typesetting makes hundreds of
thousands of lasting objects (items, lines, runs, pages) and almost no
reference cycles: the collector's passes walked them again and again, about
a fifth of the CPU of a 351-page typeset, to free a few thousand objects
that it frees anyway once it is back on. Nested or concurrent pauses (the
preview's worker thread) count: the collector comes back, as it was, when
the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic collector off for the block (reference counting goes on)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
