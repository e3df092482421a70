"""The window's state: the book's text and settings, undo, builds requested.

Takes nothing; gives ``WindowState``, the base every part of the main window
builds on: what is open (project, source), the settings and the undo stack
(one stack for text and settings), whether the book is modified, and the
request of a new build after each change. It declares the widgets the parts
share; ``MainWindow`` creates them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QTimer,
)
from PySide6.QtGui import (
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from layout_studio.gui.editor import SourceEditor
from layout_studio.gui.preview_area import PreviewArea
from layout_studio.gui.structure_panel import StructurePanel
from layout_studio.gui.themes_panel import ThemesPanel
from layout_studio.gui.ui_first import urgent
from layout_studio.gui.worker import LayoutWorker
from layout_studio.gui.worker import settle_memory as settle_full
from layout_studio.session import (
    BookSettings,
    Build,
)

AUTOSAVE_MS = 30_000
NEW_BOOK = """---
title: Titre du livre
lang: fr
---

# Chapitre

Premier passage. [Autrice]{.credit}
"""


def settle_memory() -> None:
    """Collect everything once and freeze it: done when a book opens (see ``worker``)."""
    settle_full(full=True)


class TextEdit(QUndoCommand):
    """One undo step of the editor's own document, so one stack undoes text and settings."""

    def __init__(self, window: WindowState) -> None:
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


class SettingsEdit(QUndoCommand):
    """A change of theme, setting, cover, metadata or typography rule."""

    def __init__(self, window: WindowState, before: BookSettings, after: BookSettings, label: str):
        super().__init__(label)
        self.window, self.before, self.after = window, before, after

    def redo(self) -> None:
        self.window.apply_settings(self.after)

    def undo(self) -> None:
        self.window.apply_settings(self.before)


if TYPE_CHECKING:
    _Window = QMainWindow
else:
    # At run time the parts are plain mixins and ``MainWindow`` adds QMainWindow last:
    # shiboken crashes on a class that inherits QMainWindow through two Python bases.
    _Window = object


class WindowState(_Window):
    """What the parts of the window share: state, widgets, and the changes that make undo steps."""

    # The widgets and helpers the parts use (created by ``MainWindow``).
    settings: BookSettings
    saved_settings: BookSettings
    project: Path | None
    source: Path | None
    opened_from: Path | None
    build: Build | None
    prefs: QSettings
    undo_stack: QUndoStack
    worker: LayoutWorker
    editor: SourceEditor
    preview: PreviewArea
    views: QStackedWidget
    splitter: QSplitter
    structure: StructurePanel
    themes: ThemesPanel
    docks: dict[str, QDockWidget]
    autosave: QTimer
    thumb_timer: QTimer  # runs while typing goes on: the page strip waits for the pause
    settle_memory: bool
    _requested_text: str
    _requested_count: int  # characters of the text last requested (a keystroke changes it)
    typed_at = -1e9  # monotonic seconds of the last edit typed (``on_text_changed``)

    # Provided by the other parts (``FileActions``, ``PanelWiring``).
    def save(self) -> bool:
        """Save the book (``FileActions``)."""
        raise NotImplementedError

    def autosave_now(self) -> Path | None:
        """Save a recovery copy (``FileActions``)."""
        raise NotImplementedError

    def show_build_in_panels(self, result: Build) -> None:
        """Each panel follows the newest build (``PanelWiring``)."""
        raise NotImplementedError

    def forget_readings(self) -> None:
        """The last build's readings are owed no more (``ViewControl``)."""
        raise NotImplementedError

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
        self.forget_readings()  # another text: its first build is read at once
        self.typed_at = -1e9
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.document().clearUndoRedoStacks()
        self.structure.refresh()
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
            self.undo_stack.push(SettingsEdit(self, self.settings, after, label))

    def request_build(self, *, now: bool = False, text: str | None = None) -> None:
        """Typeset ``text`` (the editor's, already copied by the caller, or copied now)."""
        self._requested_text = self.editor.source_text() if text is None else text
        self._requested_count = self.editor.document().characterCount()
        self.worker.request(self._requested_text, self.settings, self.base, now=now)

    def _editor_text(self) -> str:
        """The editor's text, copied when the build starts (see ``on_text_changed``)."""
        self._requested_text = self.editor.source_text()
        return self._requested_text

    @urgent
    def on_text_changed(self) -> None:
        # Highlighting changes formats, which Qt also reports as textChanged: ignore those.
        # A keystroke changes the length: the text is then copied once, when its build
        # starts, not at each keystroke (a 620,000-character book cost ~2.4 ms a copy,
        # 10–35 ms with the layout worker running). Same length: compared to be sure.
        if self.editor.highlighter.explicit:
            return  # a paragraph underlined again (spelling, corrections): formats only
        self.typed_at = time.monotonic()
        count = self.editor.document().characterCount()
        if count == self._requested_count:
            text = self.editor.source_text()
            if text == self._requested_text:
                return
            self.request_build(text=text)
        else:
            self._requested_count = count
            self.worker.request(self._editor_text, self.settings, self.base)
        self.update_title()
        if self.thumb_timer.isActive():
            self.thumb_timer.start()  # still typing: the pages out of view can wait

    def replace_text(self, text: str) -> None:
        """Replace the whole text as one undoable editor step (keeps the cursor line)."""
        line = self.editor.textCursor().blockNumber()
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.editor.goto_line(line + 1)
