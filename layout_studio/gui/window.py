"""The main window: editor, live preview, panels, menus, projects, undo, autosave, export.

Takes a file to open (optional); gives the application window. The text is
in the editor; everything else about the book is a ``BookSettings`` value
changed only through undoable commands. Each change asks the layout worker
for a new build; the preview, panels and title follow the newest build.

This module only builds the window and its menus; each concern is a part
of its own, on the shared state of ``window_state.WindowState``:
``file_actions`` (new, open, save, recent, recovery), ``export_actions``
(exports and preflight), ``view_control`` (preview, thumbnails, e-reader)
and ``panel_wiring`` (the docks and the changes the panels ask for).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QLocale,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from layout_studio import __version__
from layout_studio.gui.editor import SourceEditor
from layout_studio.gui.export_actions import ExportActions
from layout_studio.gui.export_task import ExportTask
from layout_studio.gui.file_actions import FileActions
from layout_studio.gui.find_replace import FindReplaceBar
from layout_studio.gui.markup import MarkupEditor
from layout_studio.gui.metadata_dialog import MetadataDialog
from layout_studio.gui.offthread import OffThread, wait_idle
from layout_studio.gui.panel_wiring import PanelWiring
from layout_studio.gui.preload import preload
from layout_studio.gui.preview_area import PreviewArea
from layout_studio.gui.spelling import SpellingController
from layout_studio.gui.syntax_guide import SyntaxGuide
from layout_studio.gui.view_control import THUMB_IDLE_MS, ViewControl
from layout_studio.gui.window_state import AUTOSAVE_MS, NEW_BOOK, TextEdit
from layout_studio.gui.worker import LayoutWorker
from layout_studio.layout.page import Page
from layout_studio.session import (
    BookSettings,
    Build,
)

__all__ = ["MainWindow", "MetadataDialog", "app_instance"]


class MainWindow(FileActions, ExportActions, ViewControl, PanelWiring, QMainWindow):
    """Layout Studio's window: the parts (files, exports, view, panels) put together."""

    def __init__(self, *, ask_recovery: bool = True) -> None:
        super().__init__()
        preload()  # before the window's threads: they import the engine's libraries too
        self.settings = BookSettings()
        self.saved_settings = self.settings
        self.project: Path | None = None
        self.source: Path | None = None
        self.opened_from: Path | None = None  # the file opened (a .txt has no project yet)
        self.build: Build | None = None
        self.pid_line: dict[int, int] = {}
        self.pid_page: dict[int, int] = {}
        self.tasks: list[ExportTask] = []
        self.gallery_pending = False
        self._requested_text = ""
        self._requested_count = -1
        self._registered_fonts: set[str] = set()
        self.thumb_generation = 0
        self.thumb_pages: dict[int, Page] = {}  # the page each thumbnail shows
        self.thumb_list: list[Page] = []  # the pages of the strip, drawn or not yet
        self.thumb_labels: list[str] = []  # the label of each of its items
        self.settle_memory = False  # a book was just opened: freeze what it loaded, once
        self.thumbnails_drawn = 0  # the generation whose pictures are all drawn
        self.last_export: Path | None = None
        self.last_error: str | None = None
        self.prefs = QSettings()
        self.undo_stack = QUndoStack(self)
        self.worker = LayoutWorker(self)
        self.offthread = OffThread(self)  # what the window reads of each build, off the UI
        self.worker.built.connect(self.on_built)
        self.worker.failed.connect(self.on_failed)
        self._build_ui()
        # Typing goes on while a build runs or waits: the editor's marks out of view wait.
        self.editor.typing = lambda: self.worker.running or self.worker.waiting()
        self.spelling = SpellingController(self.editor, self.prefs)
        self.editor.spelling_problem.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.markup = MarkupEditor(self.editor)
        self.syntax_guide: SyntaxGuide | None = None
        self._build_menus()
        self.undo_stack.cleanChanged.connect(lambda _c: self.update_title())
        self.editor.document().undoCommandAdded.connect(
            lambda: self.undo_stack.push(TextEdit(self))
        )
        self.editor.textChanged.connect(self.on_text_changed)
        self.editor.cursorPositionChanged.connect(self.on_cursor_moved)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.autosave_now)
        self.autosave.start()
        self.thumb_timer = QTimer(self)
        self.thumb_timer.setSingleShot(True)
        self.thumb_timer.setInterval(THUMB_IDLE_MS)
        self.thumb_timer.timeout.connect(self.draw_all_thumbnails)
        self.setAcceptDrops(True)
        self.restore_prefs()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._drain_threads)
        self.set_text(NEW_BOOK, clean=True)
        if ask_recovery:
            QTimer.singleShot(0, self.offer_recovery)

    def _drain_threads(self) -> None:
        """The app quits: its threads end their work first.

        A build or a picture still running as Python exits crashed it (1 quit in 10).
        """
        self.worker.wait(10_000)
        self.preview.canvas.painter_.wait(10_000)
        wait_idle(10_000)

    def _build_ui(self) -> None:
        self.editor = SourceEditor()
        self.preview = PreviewArea()
        self.preview.canvas.lineClicked.connect(self.on_line_clicked)
        self.preview.canvas.lineActivated.connect(lambda pid: self.on_line_clicked(pid, focus=True))
        self.ereader = QWidget()
        er_layout = QVBoxLayout(self.ereader)
        self.device = QComboBox()
        self.device.addItem(self.tr("Téléphone (360 × 640)"), (360, 640))
        self.device.addItem(self.tr("Tablette (768 × 1024)"), (768, 1024))
        self.device.setAccessibleName(self.tr("Taille de la liseuse"))
        self.device.currentIndexChanged.connect(lambda _i: self.refresh_ereader())
        er_layout.addWidget(self.device)
        self.reader = QTextBrowser()
        self.reader.setAccessibleName(self.tr("Aperçu liseuse"))
        self.reader.setOpenLinks(False)
        # The device keeps its exact size (line breaks depend on it) inside a scroller,
        # so a tablet never forces the window larger than the screen.
        self.reader_frame = QScrollArea()
        self.reader_frame.setWidget(self.reader)
        self.reader_frame.setWidgetResizable(False)
        self.reader_frame.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        er_layout.addWidget(self.reader_frame, 1)
        self.views = QStackedWidget()
        self.views.addWidget(self.preview)
        self.views.addWidget(self.ereader)
        self.find_bar = FindReplaceBar(self.editor)
        editing = QWidget()
        editing_layout = QVBoxLayout(editing)
        editing_layout.setContentsMargins(0, 0, 0, 0)
        editing_layout.setSpacing(0)
        editing_layout.addWidget(self.editor, 1)
        editing_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(editing)
        self.splitter.addWidget(self.views)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._build_panels()
        self.thumbnails.horizontalScrollBar().valueChanged.connect(
            lambda _v: self.draw_thumbnails_in_view()
        )
        self.preflight.run_button.clicked.connect(self.run_preflight)
        self.preview.canvas.pageClicked.connect(self._follow_page)
        self.preview.pageShown.connect(self._follow_page)
        self.status = QLabel("")
        self.statusBar().addPermanentWidget(self.status)
        self.fit_to_screen(QSize(1400, 900))

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m_file = bar.addMenu(self.tr("&Fichier"))
        self._action(m_file, self.tr("&Nouveau"), self.new_book, QKeySequence.StandardKey.New)
        self._action(m_file, self.tr("&Ouvrir…"), self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = m_file.addMenu(self.tr("Ouvrir &récent"))
        m_file.addSeparator()
        self._action(m_file, self.tr("&Enregistrer"), self.save, QKeySequence.StandardKey.Save)
        self._action(
            m_file, self.tr("Enregistrer &sous…"), self.save_as, QKeySequence.StandardKey.SaveAs
        )
        m_file.addSeparator()
        self._action(m_file, self.tr("&Quitter"), self.close, QKeySequence.StandardKey.Quit)
        m_edit = bar.addMenu(self.tr("É&dition"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Annuler"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Rétablir"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        m_edit.addAction(undo)
        m_edit.addAction(redo)
        m_edit.addSeparator()
        self._action(m_edit, self.tr("Co&uper"), self.editor.cut, QKeySequence.StandardKey.Cut)
        self._action(m_edit, self.tr("&Copier"), self.editor.copy, QKeySequence.StandardKey.Copy)
        self._action(m_edit, self.tr("C&oller"), self.editor.paste, QKeySequence.StandardKey.Paste)
        self._action(
            m_edit,
            self.tr("Tout &sélectionner"),
            self.editor.selectAll,
            QKeySequence.StandardKey.SelectAll,
        )
        m_edit.addSeparator()
        self._action(
            m_edit, self.tr("&Rechercher…"), self.find_bar.open_find, QKeySequence.StandardKey.Find
        )
        self._action(
            m_edit,
            self.tr("Rem&placer…"),
            self.find_bar.open_replace,
            QKeySequence.StandardKey.Replace,
        )
        self._action(
            m_edit,
            self.tr("Occurrence &suivante"),
            self.find_bar.find_next,
            QKeySequence.StandardKey.FindNext,
        )
        self._action(
            m_edit,
            self.tr("Occurrence &précédente"),
            self.find_bar.find_previous,
            QKeySequence.StandardKey.FindPrevious,
        )
        m_edit.addSeparator()
        m_edit.addAction(self.spelling.action)
        m_insert = bar.addMenu(self.tr("&Insertion"))
        self._action(
            m_insert,
            self.tr("&Crédit d’auteur (nom sélectionné)"),
            self.markup.mark_credit,
            "Ctrl+Alt+C",
        )
        self._action(
            m_insert, self.tr("&Saut de scène"), self.markup.insert_scene_break, "Ctrl+Alt+B"
        )
        self._action(m_insert, self.tr("&Note"), self.markup.insert_footnote, "Ctrl+Alt+F")
        self._action(m_insert, self.tr("S&ection"), self.markup.insert_section, "Ctrl+Alt+T")
        m_insert.addSeparator()
        self._action(
            m_insert, self.tr("&Inclure la section candidate"), self.markup.confirm_candidate
        )
        self._action(
            m_insert, self.tr("É&carter la section candidate"), self.markup.discard_candidate
        )
        m_view = bar.addMenu(self.tr("&Affichage"))
        modes = QActionGroup(self)
        self.act_print = self._action(
            m_view, self.tr("Aperçu d’&impression"), lambda: self.set_view(0), "Ctrl+1"
        )
        self.act_reader = self._action(
            m_view, self.tr("Aperçu &liseuse"), lambda: self.set_view(1), "Ctrl+2"
        )
        for a in (self.act_print, self.act_reader):
            a.setCheckable(True)
            modes.addAction(a)
        self.act_print.setChecked(True)
        m_view.addSeparator()
        self.act_spreads = self._action(
            m_view, self.tr("&Doubles pages"), self.toggle_spreads, "Ctrl+D"
        )
        self.act_spreads.setCheckable(True)
        self._action(
            m_view,
            self.tr("Zoom &avant"),
            lambda: self.preview.set_zoom(self.preview.canvas.zoom * 1.2),
            QKeySequence.StandardKey.ZoomIn,
        )
        self._action(
            m_view,
            self.tr("Zoom a&rrière"),
            lambda: self.preview.set_zoom(self.preview.canvas.zoom / 1.2),
            QKeySequence.StandardKey.ZoomOut,
        )
        self._action(m_view, self.tr("Ajuster à la &largeur"), self.preview.fit_width, "Ctrl+9")
        self._action(m_view, self.tr("Ajuster à la &page"), self.preview.fit_page, "Ctrl+0")
        m_view.addSeparator()
        self.guide_actions: dict[str, QAction] = {}
        for key, label in (
            ("trim", self.tr("Repères de &coupe")),
            ("bleed", self.tr("&Fond perdu")),
            ("margins", self.tr("&Marges")),
        ):
            act = self._action(m_view, label, self.update_guides)
            act.setCheckable(True)
            self.guide_actions[key] = act
        m_view.addSeparator()
        for dock in self.docks.values():
            m_view.addAction(dock.toggleViewAction())
        m_book = bar.addMenu(self.tr("&Livre"))
        self._action(m_book, self.tr("&Métadonnées…"), self.edit_metadata, "Ctrl+Shift+M")
        self._action(m_book, self.tr("&Couverture…"), self.cover_panel.pick)
        self._action(
            m_book,
            self.tr("Couverture &typographique (sans image)"),
            lambda: self.choose_cover(None),
        )
        self._action(m_book, self.tr("&Styles…"), self.show_styles)
        m_export = bar.addMenu(self.tr("E&xporter"))
        self._action(m_export, self.tr("PDF d’&impression…"), lambda: self.export("pdf"), "Ctrl+E")
        self._action(
            m_export, self.tr("&Couverture à plat (PDF)…"), lambda: self.export("print_cover")
        )
        self._action(m_export, self.tr("&EPUB…"), lambda: self.export("epub"), "Ctrl+Shift+E")
        m_export.addSeparator()
        self._action(
            m_export, self.tr("Contrôle avant &impression"), self.run_preflight, "Ctrl+Shift+P"
        )
        m_help = bar.addMenu(self.tr("Ai&de"))
        self._action(
            m_help,
            self.tr("&Guide de la syntaxe"),
            self.show_syntax_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(m_help, self.tr("À &propos de Layout Studio"), self.about)
        tools = self.addToolBar(self.tr("Outils"))
        tools.setObjectName("toolbar")
        for text, slot in (
            (self.tr("Ouvrir"), self.open_dialog),
            (self.tr("Enregistrer"), self.save),
            ("PDF", lambda: self.export("pdf")),
            ("EPUB", lambda: self.export("epub")),
        ):
            act = QAction(text, self)
            act.triggered.connect(slot)
            tools.addAction(act)
        tools.addAction(undo)
        tools.addAction(redo)
        self.refresh_recent()

    def show_syntax_guide(self) -> SyntaxGuide:
        english = QLocale().language() == QLocale.Language.English
        if self.syntax_guide is None:
            self.syntax_guide = SyntaxGuide(self, english=english)
        self.syntax_guide.show()
        self.syntax_guide.raise_()
        return self.syntax_guide

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("À propos de Layout Studio"),
            self.tr(
                "Layout Studio {version}\nMise en page de livres co-écrits : typographie "
                "française, césure, PDF d’impression et EPUB.\nLicence GPL-3.0 ou ultérieure."
            ).format(version=__version__),
        )


def app_instance() -> QApplication:
    """The running QApplication (created by ``gui.app``)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
