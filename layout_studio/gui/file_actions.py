"""File and project actions of the main window: new, open, save, recent files, recovery.

Takes the window's state (``WindowState``); gives ``FileActions``: asking
before losing changes, opening any source or project, saving (Save As next
to the text), the recent files menu, the autosaved recovery copy, closing,
and opening a file dropped on the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QMessageBox,
)

from layout_studio.errors import LayoutStudioError
from layout_studio.gui.recovery import clear_recovery, load_recovery, save_recovery
from layout_studio.gui.spelling import SpellingController
from layout_studio.gui.window_state import NEW_BOOK, WindowState
from layout_studio.session import (
    OPENABLE_SUFFIXES,
    BookSettings,
    open_file,
    save_project,
)

MAX_RECENT = 8


class FileActions(WindowState):
    """New, open, save, recent files, recovery, close, drop."""

    recent_menu: QMenu
    spelling: SpellingController

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
            self.spelling.open_book(None)

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
        notes = list(opened.notes)
        problem = self.spelling.open_book(self.base)
        if problem:
            notes.append(problem)
        if notes:
            self.statusBar().showMessage(" ; ".join(notes), 8000)
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
                project, self.editor.source_text(), self.settings, source, previous=previous
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
        problem = self.spelling.book_saved(project.parent)
        if problem:
            QMessageBox.warning(self, self.tr("Dictionnaire du livre non enregistré"), problem)
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

    def autosave_now(self) -> Path | None:
        if not self.is_modified():
            return None
        return save_recovery(self.editor.source_text(), self.settings, self.project, self.source)

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
        self.spelling.open_book(self.base)
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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and Path(urls[0].toLocalFile()).suffix.lower() in OPENABLE_SUFFIXES:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and self.maybe_save():
            self.open_path(Path(urls[0].toLocalFile()))
