"""View and preview control of the main window: builds shown, pages, thumbnails, e-reader.

Takes the window's state (``WindowState``); gives ``ViewControl``: each new
build shown in the preview and the status bar, the page thumbnails (drawn in
slices), the e-reader preview, the editor and the preview following each
other, print or e-reader view, spreads, guides, and a window that fits its
screen.
"""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QByteArray,
    QSize,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QIcon,
    QImage,
    QPixmap,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
)

from layout_studio.gui.contributors import ContributorsPanel
from layout_studio.gui.editor import correction_lines
from layout_studio.gui.offthread import OffThread
from layout_studio.gui.render import Guides, page_image
from layout_studio.gui.ui_first import urgent
from layout_studio.gui.window_state import WindowState, settle_memory
from layout_studio.layout.page import Page
from layout_studio.model.document import Paragraph
from layout_studio.session import (
    Build,
)
from layout_studio.sources.markdown_moves import positions_steady

# Thumbnails are painted on the panels' thread, this many per request (~4–20 ms each on a
# 350-page book: on the UI thread they made its longest stalls, up to 350 ms for six).
THUMBNAILS_PER_REQUEST = 8
THUMB_IDLE_MS = 400  # pages out of view are drawn when typing paused for this long
NOTE_MS = 12000  # how long a note of the import stays in the status bar
THUMB_WIDTH, THUMB_HEIGHT = 72, 102  # a page thumbnail, in device-independent pixels


def source_maps(result: Build) -> tuple[dict[int, int], dict[int, int]]:
    """Each typeset paragraph's source line, and the page (1-based) where it starts."""
    included = [s for s in result.document.sections if not s.candidate]
    paragraphs = [[b for b in s.blocks() if isinstance(b, Paragraph)] for s in included]
    pid_line: dict[int, int] = {}
    with positions_steady():  # the layout thread may be parsing the next text
        for pid, (si, ordinal) in result.book.paragraph_sources.items():
            para = (
                paragraphs[si][ordinal]
                if si < len(paragraphs) and ordinal < len(paragraphs[si])
                else None
            )
            if para is not None and para.source is not None:
                pid_line[pid] = para.source.line
    pid_page: dict[int, int] = {}
    for page in result.book.pages:
        for line in page.lines:
            pid_page.setdefault(line.para, page.index + 1)
    return pid_line, pid_page


class ViewControl(WindowState):
    """The preview, thumbnails and e-reader follow the builds and the editor."""

    pid_line: dict[int, int]
    pid_page: dict[int, int]
    thumb_generation: int
    thumbnails_drawn: int
    thumb_pages: dict[int, Page]
    thumb_list: list[Page]
    thumb_labels: list[str]  # the label of each item of the strip
    thumbnails: QListWidget
    status: QLabel
    device: QComboBox
    reader: QTextBrowser
    act_spreads: QAction
    guide_actions: dict[str, QAction]
    _registered_fonts: set[str]
    offthread: OffThread
    contributors: ContributorsPanel
    _readings_owed = False  # the build shown was not read (a newer state waited)
    _panels_owed = False  # nor shown in the panels (typing went on)
    _notes_said: frozenset[str] | None = None  # the import's notes of the last build shown

    @urgent
    def on_built(self, result: Build) -> None:
        self.build = result
        if self.settle_memory:
            self.settle_memory = False
            settle_memory()
        # Typing goes on: a key came, and a build, within the pause before this one.
        typing = (
            self.thumb_timer.isActive() and time.monotonic() - self.typed_at < THUMB_IDLE_MS / 1000
        )
        pages: list[Page] = [result.cover_page, *result.book.pages]
        self.preview.show_pages(pages, result.theme.page)
        # A newer state waits: nothing is read of this build (~100 ms of Python per build
        # on a 350-page book, taking the interpreter lock from the next one). Keystrokes
        # keep coming: the source maps follow it; the editor's marks (found again in the
        # lines typed into, see ``SourceHighlighter.line_marks``) and the panels wait for
        # the pause (lists 14 ms, marks 8 ms a build on the panels' thread, and the marks'
        # redrawing on the UI thread).
        self._readings_owed = self.worker.waiting()
        self._panels_owed = self._readings_owed or typing
        if not self._readings_owed:
            self._read_build(result, panels=not self._panels_owed)
        self.refresh_thumbnails(pages)
        rep = result.book.report
        self.status.setText(
            self.tr(
                "{pages} pages · {hyphens} coupures · {overfull} ligne(s) trop longue(s) · "
                "composé en {ms} ms"
            ).format(
                pages=result.book.page_count,
                hyphens=rep.hyphenated_lines,
                overfull=rep.overfull_lines,
                ms=f"{self.worker.last_seconds * 1000:.0f}",
            )
        )
        if self.views.currentIndex() == 1:
            self.refresh_ereader()
        self._say_new_notes(result.import_notes)

    def _say_new_notes(self, notes: list[str]) -> None:
        """What the import says of the text and did not say of the last build, in the status bar.

        A credit typed in the middle of a paragraph is dropped from the book (its last
        credit counts): said as it happens, once. The first build of a text says
        nothing: opening it showed its notes.
        """
        said, self._notes_said = self._notes_said, frozenset(notes)
        if said is None:
            return
        new = [note for note in notes if note not in said]
        if new:
            self.statusBar().showMessage(" ; ".join(new), NOTE_MS)

    def _read_build(self, result: Build, *, panels: bool = True) -> None:
        """The source maps and (``panels``) the editor's marks and the panels follow ``result``."""
        # Read off the UI thread (~50 ms on a 350-page book), shown when ready.
        self.offthread.run("maps", lambda: source_maps(result), self._show_maps)
        if panels:
            self._read_panels(result)

    def _read_panels(self, result: Build) -> None:
        """The editor's marks and the panels follow ``result``."""
        base = self.editor.correction_keys
        self.offthread.run(
            "corrections",
            lambda: correction_lines(result.typography, base),
            lambda found: self.editor.show_corrections(found[0], found[1], base),
        )
        self.show_build_in_panels(result)

    def pay_readings(self) -> None:
        """Read the build shown, as far as it was left unread, once nothing newer comes."""
        if self.worker.waiting() or self.worker.running or self.build is None:
            return  # the build on its way is read when it comes
        if self._readings_owed:
            self._read_build(self.build)
        elif self._panels_owed:
            self._read_panels(self.build)
        self._readings_owed = self._panels_owed = False

    def forget_readings(self) -> None:
        """Another text: what the last build's readings owed is owed no more.

        Nor is what its import said: the new text's first build says nothing more.
        """
        self._readings_owed = self._panels_owed = False
        self._notes_said = None

    def _show_maps(self, maps: tuple[dict[int, int], dict[int, int]]) -> None:
        self.pid_line, self.pid_page = maps

    def reading_builds(self) -> bool:
        """Whether some reading of the last build (maps, marks, lists) is still on its way."""
        return (
            self._readings_owed
            or self._panels_owed
            or self.offthread.pending("maps")
            or self.offthread.pending("corrections")
            or self.contributors.offthread.pending("lists")
            or self.structure.offthread.pending("outline")
        )

    def on_failed(self, message: str) -> None:
        self.status.setText(f"⚠ {message}")
        self.pay_readings()  # the text typing paused at failed: the last shown is read

    def _follow_page(self, index: int) -> None:
        """Keep the thumbnail strip on the page shown (clicked or reached by keyboard)."""
        self.thumbnails.blockSignals(True)
        self.thumbnails.setCurrentRow(index)
        self.thumbnails.blockSignals(False)

    def refresh_thumbnails(self, pages: list[Page]) -> None:
        """Labels now; pictures a few pages per turn of the event loop.

        Drawing every thumbnail at once held the UI thread ~35 ms per edit
        (pushing its longest stall over 50 ms); in slices the preview repaints
        first and typing never waits. A newer build stops an older slicing.
        The pages in view are drawn first; the others once typing pauses
        (while typing in a 350-page book, redrawing the ~50 pages an edit
        changes took half the UI thread's time, and slowed the next build).
        """
        self.thumb_generation += 1
        generation = self.thumb_generation
        self.thumb_list = pages
        # Typing goes on (a build came within the pause before this one): a changed
        # thumbnail in view waits for the pause too (repainting the typed page's at each
        # build took the interpreter lock from the next build); a missing one is drawn.
        typing = self.thumb_timer.isActive()
        view = self.thumbnails
        view.blockSignals(True)
        while view.count() > len(pages):
            self.thumb_pages.pop(view.count() - 1, None)
            view.takeItem(view.count() - 1)
        labels = self.thumb_labels
        del labels[view.count() :]
        wanted = [self.tr("couv."), *(page.folio for page in pages[1:])] if pages else []
        # The usual edit moves no folio: one comparison, no item visited.
        for i, label in enumerate(wanted if wanted != labels else ()):
            if i < len(labels):
                if labels[i] != label:  # an edit seldom moves a folio: 350 items not reset
                    view.item(i).setText(label)
                    labels[i] = label
            else:
                labels.append(label)
                item = QListWidgetItem(label)
                item.setSizeHint(QSize(THUMB_WIDTH + 10, THUMB_HEIGHT + 20))
                view.addItem(item)
        view.blockSignals(False)
        if not self.worker.waiting():
            QTimer.singleShot(
                0,
                view,
                lambda: self._draw_thumbnails(generation, self._in_view(), missing_only=typing),
            )
        # else typing goes on: painting them on the panels' thread held the GIL ~75 ms
        # per build on a 350-page book, as long as the next build, which it slowed; the
        # last build of the burst (or the pause) draws them.
        self.thumb_timer.start()  # then draw_all_thumbnails, once typing pauses

    def _in_view(self) -> range:
        """The thumbnails the strip shows (one more each side)."""
        view = self.thumbnails
        step = view.gridSize().width()
        left = view.horizontalScrollBar().value()
        first = max(0, left // step - 1)
        last = min(view.count(), (left + view.viewport().width()) // step + 2)
        return range(first, last)

    def draw_all_thumbnails(self) -> None:
        """Typing paused: read the build shown (if owed), draw the pages out of view too."""
        self.pay_readings()
        pass_all = range(len(self.thumb_list))
        self._draw_thumbnails(self.thumb_generation, pass_all, complete=True)

    def draw_thumbnails_in_view(self) -> None:
        """The strip scrolled: draw the pages come into view that are not drawn yet."""
        self._draw_thumbnails(self.thumb_generation, self._in_view())

    @urgent
    def _draw_thumbnails(
        self,
        generation: int,
        indices: range,
        start: int = 0,
        *,
        complete: bool = False,
        missing_only: bool = False,
    ) -> None:
        """Draw the stale thumbnails among ``indices`` from ``start``, a few per request.

        ``missing_only``: only those with no picture yet.
        """
        if generation != self.thumb_generation or (complete and self.thumb_timer.isActive()):
            return  # a newer build, or typing again (the timer starts the pass again)
        pages = self.thumb_list
        stale: list[tuple[int, Page]] = []
        end = start
        while end < len(indices) and len(stale) < THUMBNAILS_PER_REQUEST:
            i = indices[end]
            end += 1
            if i >= len(pages):
                continue
            old = self.thumb_pages.get(i)
            if old is pages[i] or (old is not None and (missing_only or old == pages[i])):
                continue  # an edit changes a page or two: the others keep their picture
            stale.append((i, pages[i]))
        if not stale:
            if complete:
                self.thumbnails_drawn = generation
            return
        ratio = self.devicePixelRatioF()

        def paint() -> list[tuple[int, Page, QImage]]:
            return [
                (i, page, page_image(page, THUMB_WIDTH, device_pixel_ratio=ratio))
                for i, page in stale
            ]

        def show(drawn: list[tuple[int, Page, QImage]]) -> None:
            if generation != self.thumb_generation:
                return
            view = self.thumbnails
            for i, page, image in drawn:
                if i < view.count():
                    self.thumb_pages[i] = page
                    view.item(i).setIcon(QIcon(QPixmap.fromImage(image)))
            self._draw_thumbnails(
                generation, indices, end, complete=complete, missing_only=missing_only
            )

        # A pass over all pages is not cancelled by the drawing of those in view.
        self.offthread.run("all thumbnails" if complete else "thumbnails", paint, show)

    def refresh_ereader(self) -> None:
        if self.build is None:
            return
        from layout_studio.gui.ereader import reader_content

        b = self.build
        html, css = reader_content(b, self.settings.soft_hyphens)
        width, height = self.device.currentData()
        self.reader.setFixedSize(width, height)
        # Qt's rich text ignores @font-face: register the theme's files and use the family.
        from PySide6.QtGui import QFont, QFontDatabase

        faces = [b.theme.body.font.path(style) for style in ("regular", "italic", "bold")]
        for path in map(str, [*faces, b.theme.heading.font.path("regular")]):
            if path not in self._registered_fonts:
                QFontDatabase.addApplicationFont(path)
                self._registered_fonts.add(path)
        font = QFont(b.theme.body.font.family)
        font.setPointSizeF(11)
        self.reader.document().setDefaultFont(font)
        self.reader.document().setDefaultStyleSheet(css)
        self.reader.setHtml(html)

    def on_line_clicked(self, pid: int, *, focus: bool = False) -> None:
        line = self.pid_line.get(pid)
        if line:
            self.editor.blockSignals(True)
            self.editor.goto_line(line, focus=focus)
            self.editor.blockSignals(False)

    @urgent
    def on_cursor_moved(self) -> None:
        if not self.pid_line:
            return
        line = self.editor.textCursor().blockNumber() + 1
        best = max(
            (p for p, ln in self.pid_line.items() if ln <= line),
            key=lambda p: self.pid_line[p],
            default=None,
        )
        if best is not None and best in self.pid_page:
            self.preview.show_page(self.pid_page[best])

    def set_view(self, index: int) -> None:
        self.views.setCurrentIndex(index)
        if index == 1:
            self.refresh_ereader()

    def toggle_spreads(self) -> None:
        self.preview.set_spreads(self.act_spreads.isChecked())

    def update_guides(self) -> None:
        self.preview.canvas.guides = Guides(
            **{k: a.isChecked() for k, a in self.guide_actions.items()}
        )
        self.preview.canvas.update()

    def fit_to_screen(self, wanted: QSize | None = None) -> None:
        """Take ``wanted`` (or the current size), never more than the screen's free area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        size = wanted or self.size()
        # The frame (title bar, borders) is not in size(): keep room for it, guessed
        # until the window manager has framed the window.
        extra = self.frameGeometry().size() - self.geometry().size()
        if not self.isVisible():
            extra = extra.expandedTo(QSize(16, 48))
        width = min(size.width(), free.width() - extra.width())
        height = min(size.height(), free.height() - extra.height())
        self.resize(width, height)
        frame = self.frameGeometry()
        if not free.contains(frame):
            self.move(
                max(free.left(), min(frame.left(), free.right() - frame.width())),
                max(free.top(), min(frame.top(), free.bottom() - frame.height())),
            )

    def restore_prefs(self) -> None:
        for key, apply in (
            ("window/geometry", self.restoreGeometry),
            ("window/state", self.restoreState),
            ("window/splitter", self.splitter.restoreState),
        ):
            value = self.prefs.value(key)
            if isinstance(value, QByteArray):
                apply(value)
        self.fit_to_screen()  # saved on a bigger screen: shrink to this one
