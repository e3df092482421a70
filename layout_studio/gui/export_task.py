"""Exports run off the UI thread, with progress and cancel.

Takes what to export (print PDF, print cover or EPUB), the target path and
the editor's current state, with the build the preview shows; gives Qt
signals for progress, success (the file written, warnings), failure (one
clear line) and cancellation. The book is the preview's when it was built of
the same text and settings (typeset again otherwise); either is fitted to
the print service's page rules as ``layout-studio export`` fits it
(``session.build``), so that both write the same bytes. Every file is
written atomically, so a cancelled or failed export leaves the previous file
untouched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Signal

from layout_studio.errors import LayoutStudioError
from layout_studio.export.job import build_inputs, write_output
from layout_studio.gui.markers import QT_TRANSLATE_NOOP
from layout_studio.session import BookSettings, Build, build, shown_build

# Marked for lupdate here, translated where shown (``label``).
KINDS = {
    "pdf": QT_TRANSLATE_NOOP("Export", "PDF d’impression"),
    "print_cover": QT_TRANSLATE_NOOP("Export", "couverture à plat"),
    "epub": QT_TRANSLATE_NOOP("Export", "EPUB"),
}
COMPOSING = QT_TRANSLATE_NOOP("Export", "composition")
FINISHED = QT_TRANSLATE_NOOP("Export", "terminé")


def label(text: str) -> str:
    """An export kind or step in the interface's language."""
    return QCoreApplication.translate("Export", text)


class Cancelled(Exception):
    """The user pressed Cancel."""


class ExportSignals(QObject):
    """What an export tells the window."""

    progress = Signal(str, int)
    finished = Signal(str, object)  # path, warnings
    failed = Signal(str)
    cancelled = Signal()


class ExportTask(QRunnable):
    """One export; ``cancel()`` stops it at the next step, at the latest before the write."""

    def __init__(
        self,
        kind: str,
        target: Path,
        text: str,
        settings: BookSettings,
        base: Path | None,
        *,
        source: Path | None = None,
        project: Path | None = None,
        shown: Build | None = None,
    ):
        super().__init__()
        self.shown = shown  # the preview's last build: the export's own when built of the same
        # The files being edited: an export must never be written over them.
        self.source, self.project = source, project
        self.kind, self.target, self.text, self.settings, self.base = (
            kind,
            target,
            text,
            settings,
            base,
        )
        self.signals = ExportSignals()
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def check(self) -> None:
        """Stop here if Cancel was pressed."""
        if self._cancel:
            raise Cancelled

    def step(self, label: str, percent: int) -> None:
        self.check()
        self.signals.progress.emit(label, percent)

    def run(self) -> None:
        try:
            self.step(COMPOSING, 10)
            built = shown_build(self.shown, self.text, self.settings, self.base)
            self.shown = None  # the window keeps its tasks: a build held here outlived it
            if built is None:
                built = build(self.text, self.settings, self.base)
            byline = self.settings.metadata.get("byline") or None
            self.step(KINDS[self.kind], 60)
            inputs = build_inputs(
                source=self.source, project=self.project, cover=self.settings.cover
            )
            built.warnings += write_output(
                self.kind,
                self.target,
                document=built.document,
                theme=built.theme,
                book=built.book,
                cover=built.cover,
                byline=byline,
                soft_hyphens=self.settings.soft_hyphens,
                inputs=inputs,
                before_commit=self.check,  # Cancel during rendering: nothing written
            )
            self.signals.progress.emit(FINISHED, 100)
            self.signals.finished.emit(str(self.target), built.warnings)
        except Cancelled:
            self.signals.cancelled.emit()
        except LayoutStudioError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            self.signals.failed.emit(f"{self.target} : {exc.strerror or exc}")
        except Exception as exc:  # never let an export crash the app with the user's work
            self.signals.failed.emit(
                QCoreApplication.translate("Export", "{path} : erreur interne ({error})").format(
                    path=self.target, error=repr(exc)
                )
            )
