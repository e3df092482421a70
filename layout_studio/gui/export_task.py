"""Exports run off the UI thread, with progress and cancel.

Takes what to export (print PDF, print cover or EPUB), the target path and
the editor's current state; gives Qt signals for progress, success (the
file written, warnings), failure (one clear line) and cancellation. Every
file is written atomically, so a cancelled or failed export leaves the
previous file untouched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from layout_studio.errors import LayoutStudioError
from layout_studio.session import BookSettings, build

KINDS = {"pdf": "PDF d’impression", "print_cover": "couverture à plat", "epub": "EPUB"}


class Cancelled(Exception):
    """The user pressed Cancel."""


class ExportSignals(QObject):
    """What an export tells the window."""

    progress = Signal(str, int)
    finished = Signal(str, object)  # path, warnings
    failed = Signal(str)
    cancelled = Signal()


class ExportTask(QRunnable):
    """One export; ``cancel()`` stops it at the next step."""

    def __init__(
        self, kind: str, target: Path, text: str, settings: BookSettings, base: Path | None
    ):
        super().__init__()
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

    def step(self, label: str, percent: int) -> None:
        if self._cancel:
            raise Cancelled
        self.signals.progress.emit(label, percent)

    def run(self) -> None:
        try:
            self.step("composition", 10)
            built = build(self.text, self.settings, self.base)
            byline = self.settings.metadata.get("byline") or None
            self.step(KINDS[self.kind], 60)
            if self.kind == "pdf":
                from layout_studio.export.pdf import write_pdf

                write_pdf(built.book, self.target)
            elif self.kind == "print_cover":
                from layout_studio.export.cover import print_cover
                from layout_studio.export.pdf import write_pdf

                wrap = print_cover(built.book, built.document, built.theme, built.cover, byline)
                write_pdf(wrap, self.target)
            else:
                from layout_studio.export.epub import write_epub

                done = write_epub(
                    built.document,
                    built.theme,
                    built.book,
                    self.target,
                    cover=built.cover,
                    byline=byline,
                    soft_hyphens=self.settings.soft_hyphens,
                )
                built.warnings.extend(done.warnings)
            self.signals.progress.emit("terminé", 100)
            self.signals.finished.emit(str(self.target), built.warnings)
        except Cancelled:
            self.signals.cancelled.emit()
        except LayoutStudioError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            self.signals.failed.emit(f"{self.target} : {exc.strerror or exc}")
        except Exception as exc:  # never let an export crash the app with the user's work
            self.signals.failed.emit(f"{self.target} : erreur interne ({exc!r})")
