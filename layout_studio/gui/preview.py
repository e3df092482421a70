"""The print preview's canvas: pages or facing spreads, zoom, guides, click-to-source.

Takes the pages of a ``Build`` (cover page + typeset pages) and paints them
with ``gui.render``, the page model the PDF is drawn from; gives signals
when the user clicks a line (its paragraph id) so the editor can follow.
The scroll area around it is ``gui.preview_area``. Each page in view is
kept as a picture: a repaint draws the pictures. A page to paint (first
shown, changed by an edit, at a new zoom) is painted in the paints that
show it, ``PAINT_SLICE_MS`` a paint, going on where it stopped on the next
turn of the event loop, its former picture (or a blank page) shown
meanwhile; an edited page only in the band the edit changed
(``gui.page_bands``). A page taking more than ``PAINT_BUDGET_MS`` in all is
left to the preview's own thread (``gui.page_painter``), as are the next
ones until a page paints fast again (300–500 ms for a page of the 350-page
book first shown while the layout worker runs); the budget is well above a
page typed in: a third thread asking for the interpreter lock while the
user types slowed the builds.
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
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QWidget

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
            a is b or (a.width == b.width and a.height == b.height)
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
