"""The print preview: pages or facing spreads, zoom, guides, click-to-source.

Takes the ``Build`` of the book (cover page + typeset pages) and paints it
with ``gui.render`` — the page model the PDF is drawn from. Gives signals
when the user clicks a line (its paragraph id) so the editor can follow.
Each page in view is kept as a picture: a repaint draws the pictures. A page
to paint (first shown, changed by an edit, at a new zoom) is painted in the
paint that shows it while pages take less than ``PAINT_BUDGET_MS``; one
that takes longer is left to the preview's own thread (``gui.page_painter``),
as are the next ones until a page paints fast again, its former picture (or a
blank page) shown meanwhile, so that the window never stalls long on a dense
page (300–500 ms for a page of the 350-page book first shown while the
layout worker runs). The budget is well above a page typed in (5–90 ms): a
third thread asking for the interpreter lock while the user types slowed the
builds and left the preview 400–700 ms behind the keys.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollArea, QWidget

from layout_studio.gui.page_bands import band_steps, changed_box
from layout_studio.gui.page_painter import PagePainter, Work
from layout_studio.gui.render import Guides, image_steps
from layout_studio.gui.ui_first import urgent
from layout_studio.layout.page import Page
from layout_studio.style.theme import PageGeometry

GAP = 18  # pixels between pages and rows
PAINT_SLICE_MS = 20.0  # a paint event paints pages for this long at most, then the loop turns
PAINT_BUDGET_MS = 100.0  # a page taking longer, over its slices, is left to the preview's thread
KEPT_PICTURES = 12  # pictures of pages out of view kept (a few pages back and forth)


@dataclass
class _Slot:
    page: Page
    index: int  # position in the preview's page list (0 = cover)
    rect: QRectF  # in widget pixels


@dataclass
class _Picture:
    """A page painted at one zoom, pixel ratio, guides and geometry (``key``)."""

    page: Page
    key: tuple[object, ...]
    image: QImage
    order: int = 0  # pictures asked later show newer pages


class PageCanvas(QWidget):
    """Paints the pages; one point of the page = ``zoom`` pixels."""

    lineClicked = Signal(int)  # paragraph id of LineInfo.para; the keyboard stays here
    lineActivated = Signal(int)  # Enter: go and edit that paragraph
    pageClicked = Signal(int)
    painted = Signal()  # a paint that showed each page in view as it is now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: list[Page] = []
        self.geometry_: PageGeometry | None = None
        self.zoom = 1.2
        self.spreads = False
        self.guides = Guides()
        self.current = -1
        self.slots: list[_Slot] = []
        self._bottoms: list[float] = []  # of the slots, for finding those in view
        self.pictures: dict[int, _Picture] = {}  # by position in the page list
        # Pages painted here when shown, whatever they take (grabs of the widget).
        self.at_once = False
        self._asked = 0  # pictures asked for so far
        self._quick = True  # the last page painted took less than PAINT_BUDGET_MS
        # The page being painted here, one slice a paint: its work key, picture, steps left
        # and the seconds they have taken so far.
        self._resume: tuple[tuple[object, ...], _Picture, Generator[None, None, None], float] | None
        self._resume = None
        self.clock: Callable[[], float] = time.perf_counter  # seconds (tests: a fake one)
        self.painter_ = PagePainter(self)
        self.painter_.painted.connect(self._painted)
        self.setAccessibleName(self.tr("Aperçu des pages"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_pages(self, pages: list[Page], geometry: PageGeometry | None) -> None:
        same_places = len(pages) == len(self.pages) and all(
            a.width == b.width and a.height == b.height
            for a, b in zip(pages, self.pages, strict=True)
        )
        self.pages = pages
        self.geometry_ = geometry
        if same_places and len(self.slots) == len(pages):
            # An edit seldom moves a page: the places stay (laying out a 350-page book's
            # again took ~12 ms of the UI thread per build).
            for slot in self.slots:
                slot.page = pages[slot.index]
            self.update()
        else:
            self.relayout()

    def rows(self) -> list[list[int]]:
        if not self.spreads:
            return [[i] for i in range(len(self.pages))]
        rows: list[list[int]] = [[0]] if self.pages else []
        # Book pages: the first is a recto (alone on the right), then versos left of rectos.
        book = list(range(1, len(self.pages)))
        if book:
            rows.append([-1, book[0]])
            rest = book[1:]
            rows += [rest[i : i + 2] for i in range(0, len(rest), 2)]
        return rows

    def relayout(self) -> None:
        self.slots = []
        y = float(GAP)
        width = 0.0
        for row in self.rows():
            x = float(GAP)
            height = 0.0
            for index in row:
                ref = self.pages[index if index >= 0 else 1]
                w, h = ref.width * self.zoom, ref.height * self.zoom
                if index >= 0:
                    self.slots.append(_Slot(self.pages[index], index, QRectF(x, y, w, h)))
                x += w + (0 if self.spreads and len(row) == 2 and index != row[-1] else GAP)
                height = max(height, h)
            width = max(width, x)
            y += height + GAP
        self._bottoms = [s.rect.bottom() for s in self.slots]  # in order: rows go down
        self.setMinimumSize(QSize(int(width + GAP), int(y)))
        self.resize(self.minimumSize())
        self.update()

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def slots_in(self, area: QRectF) -> list[_Slot]:
        """The slots that ``area`` meets (found by bisection: a long book has hundreds)."""
        found = []
        for slot in self.slots[bisect.bisect_left(self._bottoms, area.top()) :]:
            if slot.rect.top() > area.bottom():
                break
            if slot.rect.intersects(area):
                found.append(slot)
        return found

    @urgent
    def paintEvent(self, event: QPaintEvent) -> None:
        visible = QRectF(event.rect())
        if self.at_once or self._quick:
            if self.at_once:
                self._paint_here(visible, math.inf, math.inf)
            else:
                self._paint_here(visible, PAINT_SLICE_MS, PAINT_BUDGET_MS)
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(92, 96, 104))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        current = True  # every page in view drawn as it is now
        shown: set[int] = set()
        for slot in self.slots_in(visible):
            shown.add(slot.index)
            painter.fillRect(slot.rect.translated(3, 3), QColor(0, 0, 0, 70))
            key = self._key(slot)
            picture = self.pictures.get(slot.index)
            if picture is None:  # not painted yet: a blank page meanwhile
                painter.fillRect(slot.rect, Qt.GlobalColor.white)
                current = False
            else:
                if not self._shows(slot, picture, key):
                    current = False  # shown as it was until painted again
                margin = self._margin(picture.key)
                if picture.key == key:
                    corner = QPointF(
                        round(slot.rect.left() - margin * self.zoom),
                        round(slot.rect.top() - margin * self.zoom),
                    )
                    painter.drawImage(corner, picture.image)
                else:  # another zoom or guides: the old picture stretched meanwhile
                    pad = margin * self.zoom
                    painter.drawImage(slot.rect.adjusted(-pad, -pad, pad, pad), picture.image)
            if slot.index == self.current:
                painter.setPen(QColor(255, 200, 0))
                painter.drawRect(slot.rect.adjusted(-2, -2, 2, 2))
        painter.end()
        if len(self.pictures) > KEPT_PICTURES + len(shown):
            for index in [i for i in self.pictures if i not in shown][:-KEPT_PICTURES]:
                del self.pictures[index]
        if not current and self._resume is None:
            self._ask()
        elif current and self.up_to_date():
            self.painted.emit()

    def _shows(self, slot: _Slot, picture: _Picture, key: tuple[object, ...]) -> bool:
        """Whether ``picture`` shows ``slot``'s page as it is now (an equal page is adopted)."""
        if picture.key != key:
            return False
        if picture.page is not slot.page and picture.page == slot.page:
            picture.page = slot.page  # an equal page of a newer build: nothing to paint
        return picture.page is slot.page

    def _key(self, slot: _Slot) -> tuple[object, ...]:
        """What a page's picture depends on besides the page."""
        geometry = self.geometry_ if slot.index > 0 else None
        return (self.zoom, self.devicePixelRatioF(), self.guides, geometry)

    def _margin(self, key: tuple[object, ...]) -> float:
        """Points of picture around the page: the bleed guide is drawn outside it."""
        guides, geometry = key[2], key[3]
        if isinstance(guides, Guides) and guides.bleed and isinstance(geometry, PageGeometry):
            return float(geometry.bleed) + 1.0
        return 0.0

    def _new_picture(self, slot: _Slot, key: tuple[object, ...]) -> _Picture:
        ratio = max(1.0, self.devicePixelRatioF())
        margin = self._margin(key)
        width = (slot.page.width + 2 * margin) * self.zoom * ratio
        height = (slot.page.height + 2 * margin) * self.zoom * ratio
        image = QImage(
            max(1, math.ceil(width)),
            max(1, math.ceil(height)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)  # around the page: the canvas shows through
        self._asked += 1
        return _Picture(slot.page, key, image, self._asked)

    def _steps(self, picture: _Picture) -> Generator[None, None, None]:
        geometry = picture.key[3]
        return image_steps(
            picture.image,
            picture.page,
            self.zoom,
            geometry if isinstance(geometry, PageGeometry) else None,
            self.guides,
            self._margin(picture.key),
        )

    def _wanting(self, area: QRectF) -> list[_Slot]:
        """The pages in ``area`` whose picture is missing or stale (the current one first)."""
        wanting = [
            s
            for s in self.slots_in(area)
            if (picture := self.pictures.get(s.index)) is None
            or not self._shows(s, picture, self._key(s))
        ]
        return sorted(wanting, key=lambda s: s.index != self.current)

    def _work_key(self, slot: _Slot) -> tuple[object, ...]:
        return (slot.index, id(slot.page), self._key(slot))

    def _ask(self) -> None:
        """Have the pages in view that want a picture painted on the preview's thread."""
        wanting = self._wanting(self._view())
        keys = [self._work_key(s) for s in wanting]
        if keys == self.painter_.asked():
            return  # on their way
        works = []
        for slot, key in zip(wanting, keys, strict=True):
            picture = self._new_picture(slot, self._key(slot))
            works.append(Work(slot.index, key, picture, self._steps(picture)))
        self.painter_.paint(works)

    def _painted(self, work: Work) -> None:
        """A picture painted on the preview's thread: shown if newer than the one shown.

        Even a page an edit has changed since: it is nearer the text than the one shown.
        """
        picture = work.picture
        assert isinstance(picture, _Picture)
        self._quick = work.seconds * 1000 < PAINT_BUDGET_MS
        slot = self._slot(work.index)
        shown = self.pictures.get(work.index)
        if (
            slot is None
            or self._key(slot) != picture.key
            or (shown is not None and shown.order > picture.order and shown.key == picture.key)
        ):
            return
        self.pictures[work.index] = picture
        self.update(slot.rect.adjusted(-4, -4, 8, 8).toAlignedRect())

    def _paint_here(self, area: QRectF, slice_ms: float, budget_ms: float) -> None:
        """Paint the pages in ``area`` that want a picture, here, for ``slice_ms`` at most.

        A page not done by then goes on in the next paint, on the next turn of the
        event loop, so that no paint holds the UI thread much longer than a slice
        (a dense page of the 350-page book takes 40–50 ms). One that takes more than
        ``budget_ms`` in all is dropped, left to the preview's thread as are the
        next ones until a page paints fast again.
        """
        deadline = self.clock() + slice_ms / 1000
        wanting = self._wanting(area)
        resume, self._resume = self._resume, None
        if resume is not None and all(resume[0] != self._work_key(s) for s in wanting):
            resume[2].close()  # its page changed or left the view: it ends its painter
            resume = None
        for slot in wanting:
            key = self._work_key(slot)
            if resume is not None and resume[0] == key:
                _key, picture, steps, spent = resume
                resume = None
            else:
                (picture, steps), spent = self._begin(slot), 0.0
            began = self.clock()
            for _step in steps:
                now = self.clock()
                over = (spent + now - began) * 1000 >= budget_ms
                if now >= deadline or over:
                    spent += now - began
                    if over:
                        steps.close()
                        self._quick = False
                    else:
                        self._resume = (key, picture, steps, spent)
                        QTimer.singleShot(0, self.update)  # the next slice, after other events
                    if resume is not None:
                        resume[2].close()
                    return
            self.pictures[slot.index] = picture

    def _begin(self, slot: _Slot) -> tuple[_Picture, Generator[None, None, None]]:
        """A picture for ``slot`` and its steps: the band an edit changed, or the whole page.

        The band is repainted on a copy of the page's picture when it shows the page
        before the edit at the same zoom, without guides (``gui.page_bands``).
        """
        key = self._key(slot)
        shown = self.pictures.get(slot.index)
        if shown is not None and shown.key == key and self.guides == Guides():
            box = changed_box(shown.page, slot.page)
            if box is not None:
                self._asked += 1
                picture = _Picture(slot.page, key, shown.image.copy(), self._asked)
                geometry = key[3] if isinstance(key[3], PageGeometry) else None
                steps = band_steps(picture.image, slot.page, box, self.zoom, geometry, self.guides)
                return picture, steps
        picture = self._new_picture(slot, key)
        return picture, self._steps(picture)

    def _slot(self, index: int) -> _Slot | None:
        slot = self.slots[index] if 0 <= index < len(self.slots) else None
        if slot is not None and slot.index == index:
            return slot
        return next((s for s in self.slots if s.index == index), None)

    def _view(self) -> QRectF:
        return QRectF(self.visibleRegion().boundingRect())

    def up_to_date(self) -> bool:
        """Whether each page in view is shown as it is now (none waits to be painted)."""
        return all(
            (picture := self.pictures.get(s.index)) is not None
            and self._shows(s, picture, self._key(s))
            for s in self.slots_in(self._view())
        )

    def slot_at(self, pos: QPointF) -> _Slot | None:
        return next((s for s in self.slots if s.rect.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        slot = self.slot_at(event.position())
        if slot is None:
            return
        self.current = slot.index
        self.pageClicked.emit(slot.index)
        y = (event.position().y() - slot.rect.top()) / self.zoom
        lines = [ln for ln in slot.page.lines if ln.para >= 0]
        if lines:
            nearest = min(lines, key=lambda ln: abs(ln.y - 3 - y))
            self.lineClicked.emit(nearest.para)
        self.update()

    def page_rect(self, index: int) -> QRectF | None:
        slot = next((s for s in self.slots if s.index == index), None)
        return slot.rect if slot else None


def _anchor_text(page: Page) -> str | None:
    """The first text line of a page: what the reader sees at its top."""
    return next((ln.text for ln in page.lines if ln.para >= 0 and ln.text), None)


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
            target = next(
                (i for i, p in enumerate(pages) if any(ln.text == anchor for ln in p.lines)),
                before,
            )
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
