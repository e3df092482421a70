"""Whether a panel is really in view: takes a widget, gives a yes or no.

A dock behind another dock's tab is still "visible" to Qt (it is moved out
of the window, not hidden), so panels that follow every build ask this
instead of ``isVisible()``: a panel out of view catches up when its dock's
tab is brought forward (``QDockWidget.visibilityChanged``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def on_screen(widget: QWidget) -> bool:
    """True when some part of ``widget`` can be seen (shown, and not under another tab)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()
