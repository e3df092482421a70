"""Export actions of the main window: print PDF, flat cover, EPUB, and the preflight check.

Takes the window's state (``WindowState``); gives ``ExportActions``: the
destination asked (the last export folder first), the export on a pool
thread with its progress and cancel, the result (open the file or its
folder) or the one-line error, and the printer's checks on the saved project.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    Qt,
    QThreadPool,
    QUrl,
)
from PySide6.QtGui import (
    QDesktopServices,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QProgressDialog,
)

from layout_studio.gui.export_task import KINDS, ExportTask
from layout_studio.gui.export_task import label as export_label
from layout_studio.gui.preflight_panel import PreflightPanel
from layout_studio.gui.window_state import WindowState


class ExportActions(WindowState):
    """Exports with progress, their results, and the preflight."""

    tasks: list[ExportTask]
    last_export: Path | None
    last_error: str | None
    preflight: PreflightPanel

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
            self.editor.source_text(),
            self.settings,
            self.base,
            source=self.source,
            project=self.project,
            shown=self.build,
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
