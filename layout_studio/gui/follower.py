"""A panel that follows the builds only while it is in view.

Takes, for each new build, how to show it (a callable, which knows the build);
gives ``BuildFollower``, a ``QWidget`` base that shows it at once when the
panel is in view (``on_screen``), and otherwise keeps only the newest one and
shows it when the panel comes into view (its ``showEvent``, or ``catch_up``
called when its dock's tab is brought forward): a panel out of view costs
nothing per build.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from layout_studio.gui.on_screen import on_screen


class BuildFollower(QWidget):
    """Shows the newest build now if in view, else when next in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending: Callable[[], None] | None = None  # the newest build, not yet shown

    def follow_with(self, show: Callable[[], None]) -> None:
        """A new build, shown by ``show()``: now if the panel is in view, else later."""
        self._pending = show
        if on_screen(self):
            self.catch_up()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()  # hidden, it did not follow the builds

    def catch_up(self) -> None:
        """Show the last build if not yet shown (the panel came into view)."""
        if self._pending is not None:
            show, self._pending = self._pending, None
            show()
