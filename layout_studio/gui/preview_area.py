"""The scrollable print preview: zoom, fit to width or page, the page in view kept in view.

Takes pages and their geometry (``show_pages``) and shows them on a
``gui.preview.PageCanvas`` in a scroll area; gives ``pageShown`` with the
page at the top of the view as the user scrolls.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from layout_studio.gui.preview import GAP, PageCanvas
from layout_studio.gui.ui_first import urgent
from layout_studio.layout.page import Page
from layout_studio.style.theme import PageGeometry


def _anchor_text(page: Page) -> str | None:
    """The first text line of a page: what the reader sees at its top."""
    return next((ln.text for ln in page.lines if ln.para >= 0 and ln.text), None)


def _nearest_showing(pages: list[Page], text: str, near: int) -> int:
    """The page nearest ``near`` with a line reading ``text`` (``near`` if none).

    Nearest, not first: a book may repeat a line (a refrain, « — Oui. »), and
    its first occurrence can be chapters away. Looked for outwards, so the
    usual case (the same page, or the next) reads one or two pages.
    """
    for i in sorted(range(len(pages)), key=lambda i: abs(i - near)):
        if any(ln.text == text for ln in pages[i].lines):
            return i
    return near


class PreviewArea(QScrollArea):
    """The scrollable preview with zoom (Ctrl+wheel), fit width and fit page.

    It opens fitted to the page and keeps the same content in view when the
    pages change (an edit adds a page, spreads are toggled, the window is
    resized); ``pageShown`` follows the page at the top of the view.
    """

    pageShown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = PageCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setAccessibleName(self.tr("Aperçu d’impression"))
        self.fit_mode: str | None = "page"  # "page", "width", or None after a manual zoom
        self._shown = -1
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # ---- what is in view ---------------------------------------------------------------
    def visible_pages(self) -> list[int]:
        """Indices of the pages on the row at the top of the view."""
        top = self.verticalScrollBar().value() + GAP
        canvas = self.canvas
        slots = canvas.slots
        if not slots:
            return []
        first = min(bisect.bisect_left(canvas._bottoms, top), len(slots) - 1)
        row_top = slots[first].rect.top()
        # The row's slots are next to each other: a spread's verso may come just before.
        near = slots[max(0, first - 1) : first + 2]
        return [s.index for s in near if s.rect.top() == row_top]

    def visible_page(self) -> int:
        """The page the reader is on: the current one if in view, else the top one."""
        pages = self.visible_pages()
        if self.canvas.current in pages:
            return self.canvas.current
        return pages[-1] if pages else -1

    def _scrolled(self, _value: int) -> None:
        page = self.visible_page()
        if page != self._shown and page >= 0:
            self._shown = page
            self.pageShown.emit(page)

    def reset(self) -> None:
        """Another book: open it fitted to the page, from its first page."""
        self.canvas.set_pages([], None)
        self.canvas.current = -1
        self.fit_mode = "page"

    # ---- changes that must keep the content in view ----------------------------------------
    def show_pages(self, pages: list[Page], geometry: PageGeometry | None) -> None:
        """New pages (after an edit): same text at the top of the view as before."""
        before = self.visible_page()
        anchor = (
            _anchor_text(self.canvas.pages[before])
            if 0 <= before < len(self.canvas.pages)
            else None
        )
        first = not self.canvas.pages
        self.canvas.set_pages(pages, geometry)
        self.refit()
        if first:
            self.show_page(0)
            return
        target = before
        if anchor is not None:
            target = _nearest_showing(pages, anchor, before)
        self.show_page(max(0, min(target, len(pages) - 1)))

    def set_spreads(self, on: bool) -> None:
        page = self.visible_page()
        self.canvas.spreads = on
        self.canvas.relayout()
        self.refit()
        self.show_page(page)

    @urgent
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_mode and self.canvas.pages:
            page = self.visible_page()
            self.refit()
            self.show_page(page)

    # ---- zoom ------------------------------------------------------------------------
    def set_zoom(self, zoom: float, *, manual: bool = True) -> None:
        if manual:
            self.fit_mode = None
        zoom = max(0.2, min(6.0, zoom))
        if zoom == self.canvas.zoom and self.canvas.slots:
            return  # a fit that finds the same zoom after each build: nothing moves
        center = self.verticalScrollBar().value() / max(1, self.canvas.height())
        self.canvas.zoom = zoom
        self.canvas.relayout()
        self.verticalScrollBar().setValue(int(center * self.canvas.height()))

    def refit(self) -> None:
        if self.fit_mode == "page":
            self.fit_page()
        elif self.fit_mode == "width":
            self.fit_width()

    def fit_width(self) -> None:
        self.fit_mode = "width"
        if self.canvas.pages:
            per_row = 2 if self.canvas.spreads else 1
            width = self.viewport().width() - GAP * (per_row + 1)
            self.set_zoom(width / (self.canvas.pages[-1].width * per_row), manual=False)

    def fit_page(self) -> None:
        self.fit_mode = "page"
        if self.canvas.pages:
            page = self.canvas.pages[-1]
            by_height = (self.viewport().height() - 2 * GAP) / page.height
            per_row = 2 if self.canvas.spreads else 1
            by_width = (self.viewport().width() - GAP * (per_row + 1)) / (page.width * per_row)
            self.set_zoom(min(by_height, by_width), manual=False)

    def show_page(self, index: int) -> None:
        rect = self.canvas.page_rect(index)
        if rect is not None:
            self.canvas.current = index
            self.verticalScrollBar().setValue(int(rect.top() - GAP))
            self.canvas.update()
            self._scrolled(0)

    @urgent
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Page Down/Up: next/previous page or spread; Home/End: first/last; Enter: its text."""
        canvas = self.canvas
        count = len(canvas.pages)
        key = Qt.Key(event.key())
        step = 2 if canvas.spreads and canvas.current >= 1 else 1
        current = max(canvas.current, 0)
        targets = {
            Qt.Key.Key_PageDown: min(count - 1, current + step),
            Qt.Key.Key_PageUp: max(0, current - step),
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: count - 1,
        }
        if count and key in targets:
            self.show_page(targets[key])
            canvas.pageClicked.emit(canvas.current)
            event.accept()
        elif count and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and canvas.current >= 0:
            lines = [ln for ln in canvas.pages[canvas.current].lines if ln.para >= 0]
            if lines:
                canvas.lineActivated.emit(lines[0].para)
            event.accept()
        else:
            super().keyPressEvent(event)

    @urgent
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1.1 if event.angleDelta().y() > 0 else 1 / 1.1
            self.set_zoom(self.canvas.zoom * step)
            event.accept()
        else:
            super().wheelEvent(event)
