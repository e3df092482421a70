"""Checkpoints between units of engine work, where a host may let another thread go first.

Takes nothing; gives ``checkpoint()``, called by the engine between short
units of work (a paragraph corrected or set, a page placed, a chunk of
the text parsed), and ``install(gate)``, with which a host puts a function
there. The desktop app installs one that holds its layout thread while the
interface thread handles its events: Python runs one thread at a time, and
without it the interface waited for the engine's turn several times per
repaint. With no gate installed a checkpoint returns at once, so exports
and batches run as before.
"""

from __future__ import annotations

from collections.abc import Callable

_gate: Callable[[], None] | None = None


def checkpoint() -> None:
    """Give the installed gate a chance to hold this thread (no gate: return at once)."""
    gate = _gate
    if gate is not None:
        gate()


def install(gate: Callable[[], None] | None) -> Callable[[], None] | None:
    """Put ``gate`` at every checkpoint (``None``: none); gives the gate it replaces."""
    global _gate
    previous, _gate = _gate, gate
    return previous
