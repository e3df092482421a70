"""The main window: editor, live preview, panels, menus, projects, undo, autosave, export.

Takes a file to open (optional); gives the application window. The text is
in the editor; everything else about the book is a ``BookSettings`` value
changed only through undoable commands. Each change asks the layout worker
for a new build; the preview, panels and title follow the newest build.
"""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QLocale,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from layout_studio import __version__
from layout_studio.errors import LayoutStudioError
from layout_studio.gui.contributors import ContributorsPanel
from layout_studio.gui.cover_panel import CoverPanel
from layout_studio.gui.editor import SourceEditor
from layout_studio.gui.export_task import KINDS, ExportTask
from layout_studio.gui.export_task import label as export_label
from layout_studio.gui.find_replace import FindReplaceBar
from layout_studio.gui.markers import QT_TRANSLATE_NOOP
from layout_studio.gui.markup import MarkupEditor
from layout_studio.gui.preflight_panel import PreflightPanel
from layout_studio.gui.preview import PreviewArea
from layout_studio.gui.recovery import clear_recovery, load_recovery, save_recovery
from layout_studio.gui.render import Guides, page_image
from layout_studio.gui.spelling import SpellingController
from layout_studio.gui.syntax_guide import SyntaxGuide
from layout_studio.gui.themes_panel import ThemesPanel, save_theme_file
from layout_studio.gui.worker import LayoutWorker
from layout_studio.layout.page import Page
from layout_studio.model.document import Paragraph
from layout_studio.session import (
    OPENABLE_SUFFIXES,
    BookSettings,
    Build,
    build,
    open_file,
    rename_contributor,
    resolve_credit,
    save_project,
)
from layout_studio.style.theme import theme_summaries

AUTOSAVE_MS = 30_000


def user_themes_dir() -> Path:
    """The user's own themes (``LAYOUT_STUDIO_THEMES_DIR`` overrides it), created if needed."""
    from layout_studio.style.theme import user_themes_dir as folder_of_user_themes

    folder = folder_of_user_themes()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def user_themes() -> list[tuple[str, str, str]]:
    """(path, label, description) of each theme file in the user's folder that loads."""
    from layout_studio.style.theme import load_theme

    found = []
    for path in sorted(user_themes_dir().glob("*.toml")):
        try:
            theme = load_theme(path)
        except LayoutStudioError:
            continue  # a broken file is not offered; opening it directly reports why
        found.append((str(path.resolve()), theme.label, theme.description))
    return found


MAX_RECENT = 8
THUMBNAILS_PER_SLICE = 6  # ~1.5 ms a page: a slice stays well under the 50 ms budget
THUMB_WIDTH, THUMB_HEIGHT = 72, 102  # a page thumbnail, in device-independent pixels
NEW_BOOK = """---
title: Titre du livre
lang: fr
---

# Chapitre

Premier passage. [Autrice]{.credit}
"""


def _settle_memory() -> None:
    """Collect once, then keep what is loaded out of the garbage collector's full passes.

    A full collection scans every tracked object — fonts, caches, the page
    model — and holds the GIL ~50 ms, stalling the UI while the worker
    typesets. Done once when a book opens (not while typing), freezing
    leaves later full passes only the objects made since.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class _TextEdit(QUndoCommand):
    """One undo step of the editor's own document, so one stack undoes text and settings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "modification du texte"))
        self.window = window
        self.first = True

    def redo(self) -> None:
        if self.first:  # the edit already happened in the editor
            self.first = False
            return
        self.window.editor.document().redo()

    def undo(self) -> None:
        self.window.editor.document().undo()


class _SettingsEdit(QUndoCommand):
    """A change of theme, setting, cover, metadata or typography rule."""

    def __init__(self, window: MainWindow, before: BookSettings, after: BookSettings, label: str):
        super().__init__(label)
        self.window, self.before, self.after = window, before, after

    def redo(self) -> None:
        self.window.apply_settings(self.after)

    def undo(self) -> None:
        self.window.apply_settings(self.before)


class MetadataDialog(QDialog):
    """Title, subtitle, byline, dedication, publisher, date, description; contributor names."""

    FIELDS = (  # labels marked for lupdate, translated where shown
        ("title", QT_TRANSLATE_NOOP("MetadataDialog", "Titre")),
        ("subtitle", QT_TRANSLATE_NOOP("MetadataDialog", "Sous-titre")),
        ("byline", QT_TRANSLATE_NOOP("MetadataDialog", "Mention d’auteur")),
        ("dedication", QT_TRANSLATE_NOOP("MetadataDialog", "Dédicace")),
        ("publisher", QT_TRANSLATE_NOOP("MetadataDialog", "Éditeur")),
        ("date", QT_TRANSLATE_NOOP("MetadataDialog", "Date (AAAA-MM-JJ)")),
        ("description", QT_TRANSLATE_NOOP("MetadataDialog", "Présentation")),
    )

    def __init__(self, parent: QWidget, current: dict[str, str], names: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Métadonnées du livre"))
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, source in self.FIELDS:
            label = self.tr(source)
            edit = QLineEdit(current.get(key, ""))
            edit.setAccessibleName(label)
            self.edits[key] = edit
            form.addRow(label, edit)
        form.addRow(
            QLabel(
                self.tr(
                    "Contributeurs, dans l’ordre du colophon et de l’EPUB "
                    "(double-clic ou F2 pour corriger un nom) :"
                )
            )
        )
        self.names = QListWidget()
        self.names.setAccessibleName(self.tr("Noms et ordre des contributeurs"))
        self.original = list(names)  # the name in the text, row by row (kept in step)
        self.moved = False
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.names.addItem(item)
        form.addRow(self.names)
        moves = QHBoxLayout()
        for label, keys, handler in (
            (self.tr("Monter"), "Alt+Up", lambda: self.shift(-1)),
            (self.tr("Descendre"), "Alt+Down", lambda: self.shift(1)),
            (self.tr("Ordre alphabétique"), "", self.alphabetical),
        ):
            button = QPushButton(label)
            button.setAccessibleName(label)
            if keys:
                shortcut = QKeySequence(keys)
                button.setShortcut(shortcut)
                # Shown as the user's keyboard names it (Alt+Haut in French).
                button.setToolTip(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
            button.clicked.connect(handler)
            moves.addWidget(button)
        form.addRow(moves)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {k: e.text().strip() for k, e in self.edits.items() if e.text().strip()}

    def shift(self, step: int) -> None:
        """Move the selected contributor up (-1) or down (+1)."""
        row = self.names.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.names.count():
            return
        item = self.names.takeItem(row)
        self.names.insertItem(target, item)
        self.original.insert(target, self.original.pop(row))
        self.names.setCurrentRow(target)
        self.moved = True

    def alphabetical(self) -> None:
        """Back to the default order (accents ignored)."""
        from layout_studio.model.document import sort_key

        rows = sorted(
            ((self.names.item(i).text(), self.original[i]) for i in range(self.names.count())),
            key=lambda pair: sort_key(pair[0]),
        )
        self.names.clear()
        self.original = [old for _new, old in rows]
        for new, _old in rows:
            item = QListWidgetItem(new)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.names.addItem(item)
        self.moved = True

    def order(self) -> tuple[str, ...]:
        """The display names in the chosen order."""
        return tuple(
            self.names.item(i).text().strip()
            for i in range(self.names.count())
            if self.names.item(i).text().strip()
        )

    def renames(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.names.count()):
            old, new = self.original[i], self.names.item(i).text().strip()
            if new and new != old:
                out.append((old, new))
        return out


class MainWindow(QMainWindow):
    """Layout Studio's window."""

    def __init__(self, *, ask_recovery: bool = True) -> None:
        super().__init__()
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
        self._registered_fonts: set[str] = set()
        self.thumb_generation = 0
        self.thumb_pages: dict[int, Page] = {}  # the page each thumbnail shows
        self.settle_memory = False  # a book was just opened: freeze what it loaded, once
        self.thumbnails_drawn = 0  # the generation whose pictures are all drawn
        self.last_export: Path | None = None
        self.last_error: str | None = None
        self.prefs = QSettings()
        self.undo_stack = QUndoStack(self)
        self.worker = LayoutWorker(self)
        self.worker.built.connect(self.on_built)
        self.worker.failed.connect(self.on_failed)
        self._build_ui()
        self.spelling = SpellingController(self.editor, self.prefs)
        self.markup = MarkupEditor(self.editor)
        self.syntax_guide: SyntaxGuide | None = None
        self._build_menus()
        self.undo_stack.cleanChanged.connect(lambda _c: self.update_title())
        self.editor.document().undoCommandAdded.connect(
            lambda: self.undo_stack.push(_TextEdit(self))
        )
        self.editor.textChanged.connect(self.on_text_changed)
        self.editor.cursorPositionChanged.connect(self.on_cursor_moved)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.autosave_now)
        self.autosave.start()
        self.setAcceptDrops(True)
        self.restore_prefs()
        self.set_text(NEW_BOOK, clean=True)
        if ask_recovery:
            QTimer.singleShot(0, self.offer_recovery)

    # ---- layout of the window ------------------------------------------------------------
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
        self.contributors = ContributorsPanel()
        self.contributors.jump.connect(self.editor.goto_line)
        self.contributors.rename.connect(self.rename)
        self.contributors.resolve.connect(self.resolve_credit)
        from layout_studio.gui.typography_panel import TypographyPanel

        self.typography = TypographyPanel()
        self.typography.toggled.connect(self.toggle_rule)
        self.typography.jump.connect(self.editor.goto_line)
        self.themes = ThemesPanel()
        self.themes.chosen.connect(self.choose_theme)
        self.themes.setting.connect(self.change_setting)
        self.themes.save_button.clicked.connect(self.save_theme_as)
        self.cover_panel = CoverPanel()
        self.preflight = PreflightPanel()
        self.preflight.run_button.clicked.connect(self.run_preflight)
        self.cover_panel.chosen.connect(self.choose_cover)
        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, THUMB_HEIGHT))
        self.thumbnails.setMovement(QListWidget.Movement.Static)
        # A fixed grid: items get their size before their picture (drawn later, in
        # slices), and without one Qt laid them out ~17 px apart, overlapping.
        self.thumbnails.setGridSize(QSize(THUMB_WIDTH + 14, THUMB_HEIGHT + 24))
        self.thumbnails.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMinimumHeight(THUMB_HEIGHT + 24 + 24)
        self.thumbnails.setMaximumHeight(THUMB_HEIGHT + 24 + 30)
        self.thumbnails.setAccessibleName(self.tr("Vignettes des pages"))
        self.thumbnails.currentRowChanged.connect(lambda row: self.preview.show_page(row))
        self.preview.canvas.pageClicked.connect(self._follow_page)
        self.preview.pageShown.connect(self._follow_page)
        self.docks: dict[str, QDockWidget] = {}
        for key, title, widget, area in (
            (
                "contributors",
                self.tr("Contributeurs"),
                self.contributors,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
            (
                "typography",
                self.tr("Typographie"),
                self.typography,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
            ("themes", self.tr("Styles"), self.themes, Qt.DockWidgetArea.RightDockWidgetArea),
            (
                "cover",
                self.tr("Couverture"),
                self.cover_panel,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            (
                "preflight",
                self.tr("Contrôle d’impression"),
                self.preflight,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            ("pages", self.tr("Pages"), self.thumbnails, Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")
            content: QWidget = widget
            if key in ("themes", "cover"):
                # Tall forms scroll instead of forcing the window taller than a laptop screen.
                content = QScrollArea()
                content.setWidgetResizable(True)
                content.setFrameShape(QFrame.Shape.NoFrame)
                content.setWidget(widget)
            dock.setWidget(content)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        self.tabifyDockWidget(self.docks["contributors"], self.docks["typography"])
        self.tabifyDockWidget(self.docks["themes"], self.docks["cover"])
        self.tabifyDockWidget(self.docks["cover"], self.docks["preflight"])
        self.docks["contributors"].raise_()
        self.docks["themes"].raise_()
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

    def show_styles(self) -> None:
        self.docks["themes"].show()
        self.docks["themes"].raise_()

    # ---- state --------------------------------------------------------------------
    @property
    def base(self) -> Path | None:
        anchor = self.project or self.source
        return anchor.parent if anchor else None

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean() or self.settings != self.saved_settings

    def update_title(self) -> None:
        anchor = self.project or self.source
        name = anchor.name if anchor else self.tr("Sans titre")
        self.setWindowModified(self.is_modified())
        self.setWindowTitle(f"{name}[*] — Layout Studio")

    def set_text(self, text: str, *, clean: bool) -> None:
        self.settle_memory = True
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.document().clearUndoRedoStacks()
        self.undo_stack.clear()
        if clean:
            self.undo_stack.setClean()
        self.request_build(now=True)
        self.update_title()

    def apply_settings(self, settings: BookSettings) -> None:
        self.settings = settings
        self.request_build(now=True)
        self.update_title()

    def change_settings(self, after: BookSettings, label: str) -> None:
        if after != self.settings:
            self.undo_stack.push(_SettingsEdit(self, self.settings, after, label))

    def request_build(self, *, now: bool = False) -> None:
        self._requested_text = self.editor.toPlainText()
        self.worker.request(self._requested_text, self.settings, self.base, now=now)

    # ---- builds -------------------------------------------------------------------
    def on_text_changed(self) -> None:
        # Highlighting changes formats, which Qt also reports as textChanged: ignore those.
        text = self.editor.toPlainText()
        if text == self._requested_text:
            return
        self.request_build()
        self.update_title()

    def on_built(self, result: Build) -> None:
        self.build = result
        if self.settle_memory:
            self.settle_memory = False
            _settle_memory()
        pages: list[Page] = [result.cover_page, *result.book.pages]
        self.preview.show_pages(pages, result.theme.page)
        included = [s for s in result.document.sections if not s.candidate]
        paragraphs = [[b for b in s.blocks() if isinstance(b, Paragraph)] for s in included]
        self.pid_line = {}
        for pid, (si, ordinal) in result.book.paragraph_sources.items():
            para = (
                paragraphs[si][ordinal]
                if si < len(paragraphs) and ordinal < len(paragraphs[si])
                else None
            )
            if para is not None and para.source is not None:
                self.pid_line[pid] = para.source.line
        self.pid_page = {}
        for page in result.book.pages:
            for line in page.lines:
                self.pid_page.setdefault(line.para, page.index + 1)
        self.editor.set_corrections(result.typography)
        self.contributors.update_from(result, self.editor.toPlainText())
        self.typography.update_from(result.typography, self.settings.disabled_rules)
        self.themes.show_theme(result.theme)
        self.themes.select(self.settings.theme)
        self.cover_panel.show_cover(
            result.cover_page,
            [w for w in result.warnings if "dpi" in w or "couleur" in w or "convert" in w],
        )
        self.refresh_thumbnails(pages)
        if self.themes.gallery.count() == 0 and not self.gallery_pending:
            self.refresh_gallery()
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

    def on_failed(self, message: str) -> None:
        self.status.setText(f"⚠ {message}")

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
        """
        self.thumb_generation += 1
        generation = self.thumb_generation
        view = self.thumbnails
        view.blockSignals(True)
        while view.count() > len(pages):
            self.thumb_pages.pop(view.count() - 1, None)
            view.takeItem(view.count() - 1)
        for i, page in enumerate(pages):
            label = self.tr("couv.") if i == 0 else page.folio
            if i < view.count():
                view.item(i).setText(label)
            else:
                item = QListWidgetItem(label)
                item.setSizeHint(QSize(THUMB_WIDTH + 10, THUMB_HEIGHT + 20))
                view.addItem(item)
        view.blockSignals(False)
        ratio = self.devicePixelRatioF()

        def draw(start: int) -> None:
            if generation != self.thumb_generation:
                return
            end = min(len(pages), start + THUMBNAILS_PER_SLICE)
            for i in range(start, end):
                if self.thumb_pages.get(i) == pages[i]:
                    continue  # an edit changes a page or two: the others keep their picture
                self.thumb_pages[i] = pages[i]
                image = page_image(pages[i], THUMB_WIDTH, device_pixel_ratio=ratio)
                view.item(i).setIcon(QIcon(QPixmap.fromImage(image)))
            if end < len(pages):
                QTimer.singleShot(0, view, lambda: draw(end))  # dies with the strip
            else:
                self.thumbnails_drawn = generation

        QTimer.singleShot(0, view, lambda: draw(0))

    def refresh_gallery(self) -> None:
        """Each theme shown by a real page of this book, typeset on the layout thread."""
        text, base, current = self.editor.toPlainText(), self.base, self.settings
        names = theme_summaries() + user_themes()
        if current.theme not in {n for n, _l, _d in names}:
            names.append((current.theme, Path(current.theme).stem, ""))

        def pages() -> list[tuple[str, str, Page | None]]:
            found: list[tuple[str, str, Page | None]] = []
            for name, label, _desc in names:
                settings = dataclasses.replace(current, theme=name, overrides={}, cover=None)
                try:
                    sample = build(text, settings, base)
                except LayoutStudioError:
                    found.append((name, label, None))
                    continue
                body = next(
                    (p for p in sample.book.pages if p.kind == "body"), sample.book.pages[0]
                )
                found.append((name, label, body))
            return found

        def show(result: object) -> None:
            if not isinstance(result, list):
                return
            ratio = self.devicePixelRatioF()
            entries = [
                (name, label, page_image(page, 110, device_pixel_ratio=ratio) if page else None)
                for name, label, page in result
            ]
            self.themes.set_themes(entries, self.settings.theme)

        def done(result: object) -> None:
            self.gallery_pending = False
            show(result)

        self.gallery_pending = True
        self.worker.call(pages, done)

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

    # ---- editor ↔ preview ------------------------------------------------------------
    def on_line_clicked(self, pid: int, *, focus: bool = False) -> None:
        line = self.pid_line.get(pid)
        if line:
            self.editor.blockSignals(True)
            self.editor.goto_line(line, focus=focus)
            self.editor.blockSignals(False)

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

    # ---- settings changes -----------------------------------------------------------------
    def choose_theme(self, spec: str) -> None:
        self.change_settings(
            dataclasses.replace(self.settings, theme=spec, overrides={}),
            self.tr("changement de thème"),
        )

    def change_setting(self, table: str, key: str, value: object) -> None:
        self.change_settings(
            self.settings.with_override(table, key, value),
            self.themes.setting_label(table, key),
        )

    def toggle_rule(self, rule: str, enabled: bool) -> None:
        disabled = set(self.settings.disabled_rules)
        (disabled.discard if enabled else disabled.add)(rule)
        self.change_settings(
            dataclasses.replace(self.settings, disabled_rules=frozenset(disabled)),
            self.tr("règle {rule}").format(rule=rule),
        )

    def choose_cover(self, path: Path | None) -> None:
        if path is not None:
            from layout_studio.export.cover import load_cover
            from layout_studio.style.theme import load_theme

            try:
                load_cover(
                    path, self.build.theme if self.build else load_theme(self.settings.theme)
                )
            except LayoutStudioError as exc:
                QMessageBox.warning(self, self.tr("Image refusée"), str(exc))
                return
        self.change_settings(dataclasses.replace(self.settings, cover=path), self.tr("couverture"))

    def edit_metadata(self) -> None:
        names = [c.name for c in self.build.document.ordered_contributors] if self.build else []
        current = dict(self.settings.metadata)
        if self.build:
            meta = self.build.document.metadata
            for key in ("title", "subtitle", "publisher", "date", "description", "dedication"):
                value = getattr(meta, key, None)
                if value and key not in current:
                    current[key] = value
        dialog = MetadataDialog(self, current, names)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._apply_metadata(dialog)
        finally:
            # Deleted now, not with the window at exit, where PySide6 found it
            # still shared with Python ("shared QObject was deleted directly").
            dialog.deleteLater()

    def _apply_metadata(self, dialog: MetadataDialog) -> None:
        """The dialog's fields, names and order as one undo step."""
        self.undo_stack.beginMacro(self.tr("métadonnées"))
        metadata: dict[str, object] = dict(dialog.values())
        previous = self.settings.metadata.get("contributor_order")
        if dialog.moved:
            metadata["contributor_order"] = dialog.order()
        elif previous:
            renamed = dict(dialog.renames())
            metadata["contributor_order"] = tuple(renamed.get(n, n) for n in previous)
        self.change_settings(
            dataclasses.replace(self.settings, metadata=metadata), self.tr("métadonnées")
        )
        for old, new in dialog.renames():
            self.rename(old, new)
        self.undo_stack.endMacro()

    def replace_text(self, text: str) -> None:
        """Replace the whole text as one undoable editor step (keeps the cursor line)."""
        line = self.editor.textCursor().blockNumber()
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.editor.goto_line(line + 1)

    def rename(self, old: str, new: str) -> None:
        text, count = rename_contributor(self.editor.toPlainText(), old, new)
        if count:
            self.replace_text(text)
            self.statusBar().showMessage(
                self.tr("« {old} » → « {new} » : {count} crédit(s) modifié(s)").format(
                    old=old, new=new, count=count
                ),
                5000,
            )

    def resolve_credit(self, line: int, name: str, confirm: bool) -> None:
        self.replace_text(resolve_credit(self.editor.toPlainText(), line, name, confirm=confirm))

    def save_theme_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer le thème"),
            str(user_themes_dir() / "mon-theme.toml"),
            self.tr("Thème (*.toml)"),
        )
        if not path:
            return
        try:
            save_theme_file(
                Path(path), self.settings.theme, Path(path).stem, self.settings.overrides
            )
        except LayoutStudioError as exc:
            QMessageBox.critical(self, self.tr("Enregistrement impossible"), str(exc))
            return
        self.change_settings(
            dataclasses.replace(self.settings, theme=str(Path(path).resolve()), overrides={}),
            self.tr("nouveau thème"),
        )
        self.refresh_gallery()

    # ---- view ---------------------------------------------------------------------------
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

    # ---- files ----------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        if not self.is_modified():
            return True
        answer = QMessageBox.warning(
            self,
            self.tr("Modifications non enregistrées"),
            self.tr("Le livre a été modifié. Enregistrer les modifications ?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_book(self) -> None:
        if self.maybe_save():
            self.project = self.source = self.opened_from = None
            self.settings = self.saved_settings = BookSettings()
            self.set_text(NEW_BOOK, clean=True)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Ouvrir"),
            str(self.prefs.value("folders/open", str(Path.home()))),
            self.tr("Livres (*.toml *.md *.txt *.docx *.odt)"),
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        try:
            opened = open_file(path)
        except LayoutStudioError as exc:
            QMessageBox.critical(self, self.tr("Ouverture impossible"), str(exc))
            return False
        self.project, self.source = opened.project, opened.source
        self.opened_from = path
        self.preview.reset()
        self.settings = self.saved_settings = opened.settings
        self.set_text(opened.text, clean=opened.source is not None)
        self.prefs.setValue("folders/open", str(path.parent))
        self.add_recent(path)
        if opened.notes:
            self.statusBar().showMessage(" ; ".join(opened.notes), 8000)
        self.themes.gallery.clear()
        return True

    def save(self) -> bool:
        if self.project is None:
            return self.save_as()
        return self.write_project(self.project)

    def save_as(self) -> bool:
        start = str(self.project or self.default_project_path())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Enregistrer le projet"), start, self.tr("Projet Layout Studio (*.toml)")
        )
        if not path:
            return False
        target = Path(path) if path.endswith(".toml") else Path(path + ".toml")
        return self.write_project(target, new=True)

    def default_project_path(self) -> Path:
        """Where Save As proposes a new project: beside the text, else the last folder."""
        if self.base:
            return self.base / "book.toml"
        if self.opened_from is not None:
            return self.opened_from.parent / "book.toml"
        folder = str(self.prefs.value("folders/open", str(Path.home())))
        return Path(folder) / "book.toml"

    def write_project(self, project: Path, *, new: bool = False) -> bool:
        # Save As writes a new copy of the text beside the new project.
        source = None if new else self.source
        # Save As in the same folder carries the old project's other keys and comments.
        previous = self.project if self.project and self.project.parent == project.parent else None
        try:
            written = save_project(
                project, self.editor.toPlainText(), self.settings, source, previous=previous
            )
        except LayoutStudioError as exc:
            QMessageBox.critical(self, self.tr("Enregistrement impossible"), str(exc))
            return False
        self.project, self.source = project, written
        self.saved_settings = self.settings
        self.undo_stack.setClean()
        clear_recovery()
        self.add_recent(project)
        self.update_title()
        self.statusBar().showMessage(self.tr("Enregistré : {path}").format(path=project), 4000)
        return True

    def add_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if p != str(path.resolve())]
        recent.insert(0, str(path.resolve()))
        self.prefs.setValue("recent", recent[:MAX_RECENT])
        self.refresh_recent()

    def recent_files(self) -> list[str]:
        value = self.prefs.value("recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        for entry in self.recent_files():
            act = self.recent_menu.addAction(Path(entry).name)
            act.setToolTip(entry)
            act.triggered.connect(
                lambda _c=False, p=entry: self.maybe_save() and self.open_path(Path(p))
            )
        self.recent_menu.setEnabled(bool(self.recent_files()))

    # ---- safety of work ---------------------------------------------------------------------
    def autosave_now(self) -> Path | None:
        if not self.is_modified():
            return None
        return save_recovery(self.editor.toPlainText(), self.settings, self.project, self.source)

    def offer_recovery(self) -> None:
        found = load_recovery()
        if found is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Récupération"),
            self.tr("Layout Studio s’est fermé sans enregistrer. Restaurer le texte récupéré ?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(found)
        else:
            clear_recovery()

    def restore(self, found) -> None:  # type: ignore[no-untyped-def]
        self.project, self.source = found.project, found.source
        self.saved_settings = BookSettings()
        self.settings = found.settings
        self.set_text(found.text, clean=False)
        self.undo_stack.resetClean()
        self.update_title()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.prefs.setValue("window/geometry", self.saveGeometry())
        self.prefs.setValue("window/state", self.saveState())
        self.prefs.setValue("window/splitter", self.splitter.saveState())
        self.worker.wait(10_000)
        self.autosave.stop()
        self.undo_stack.blockSignals(True)  # the stack dies with the window: no more title updates
        clear_recovery()
        event.accept()

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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and Path(urls[0].toLocalFile()).suffix.lower() in OPENABLE_SUFFIXES:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and self.maybe_save():
            self.open_path(Path(urls[0].toLocalFile()))

    # ---- export -------------------------------------------------------------------------------
    def export(self, kind: str, target: Path | None = None) -> ExportTask | None:
        if target is None:
            folder = str(self.prefs.value("folders/export", str(self.base or Path.home())))
            stem = (self.project or self.source or Path(self.tr("livre"))).stem
            suffix = ".epub" if kind == "epub" else ".pdf"
            name = (
                self.tr("{stem}-couverture.pdf").format(stem=stem)
                if kind == "print_cover"
                else stem + suffix
            )
            pattern = "EPUB (*.epub)" if kind == "epub" else "PDF (*.pdf)"
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Exporter : {kind}").format(kind=export_label(KINDS[kind])),
                str(Path(folder) / name),
                pattern,
            )
            if not chosen:
                return None
            target = Path(chosen)
        self.prefs.setValue("folders/export", str(target.parent))
        self.autosave_now()
        task = ExportTask(
            kind,
            target,
            self.editor.toPlainText(),
            self.settings,
            self.base,
            source=self.source,
            project=self.project,
        )
        shown = export_label(KINDS[kind])
        progress = QProgressDialog(
            self.tr("Export {kind}…").format(kind=shown), self.tr("Annuler"), 0, 100, self
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(task.cancel)

        def advance(label: str, percent: int) -> None:
            progress.setLabelText(
                self.tr("Export {kind} : {step}").format(kind=shown, step=export_label(label))
            )
            progress.setValue(percent)

        task.signals.progress.connect(advance)
        task.signals.finished.connect(
            lambda path, warnings: self.export_done(progress, Path(path), warnings)
        )
        task.signals.failed.connect(lambda message: self.export_failed(progress, message))
        task.signals.cancelled.connect(progress.close)
        task.setAutoDelete(False)
        self.tasks.append(task)
        QThreadPool.globalInstance().start(task)
        return task

    def export_done(self, progress: QProgressDialog, path: Path, warnings: list[str]) -> None:
        progress.close()
        self.last_export = path
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Export terminé"))
        box.setText(self.tr("Fichier écrit : {path}").format(path=path))
        if warnings:
            box.setDetailedText("\n".join(warnings))
        open_file_button = box.addButton(
            self.tr("Ouvrir le fichier"), QMessageBox.ButtonRole.AcceptRole
        )
        open_folder_button = box.addButton(
            self.tr("Ouvrir le dossier"), QMessageBox.ButtonRole.ActionRole
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.setModal(False)
        box.buttonClicked.connect(
            lambda b: (
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
                if b is open_file_button
                else QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
                if b is open_folder_button
                else None
            )
        )
        box.show()
        self.statusBar().showMessage(self.tr("Exporté : {path}").format(path=path), 8000)

    def export_failed(self, progress: QProgressDialog, message: str) -> None:
        progress.close()
        self.last_error = message
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Export impossible"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setModal(False)
        box.show()

    def run_preflight(self) -> None:
        """The printer's checks on the saved project (asks to save changes first)."""
        if self.is_modified() and not self.save():
            return
        self.docks["preflight"].raise_()
        self.preflight.check(self.project or self.source)

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
