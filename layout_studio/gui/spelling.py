"""Spell-checking in the editor: the French dictionary loaded off the UI thread.

Takes the source editor and the app's settings; gives the checkable action
*Vérifier l’orthographe* (on by default, remembered) and, once the word list
is loaded on a pool thread, red wavy underlines and the suggestions menu in
the editor. The book's words go to its ``dictionnaire.txt``, beside its
``book.toml`` (``text.book_dictionary``): read when a book is opened, written
at once when the book has a folder, else when the project is first saved.
The editor's own words, for every book, go to ``dictionnaire-personnel.txt``
in the app's state folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence

from layout_studio.errors import LayoutStudioError
from layout_studio.gui.editor import SourceEditor
from layout_studio.gui.recovery import state_dir
from layout_studio.text.book_dictionary import BookDictionary
from layout_studio.text.spelling import FrenchSpeller, warm_suggestions

PERSONAL_DICTIONARY = "dictionnaire-personnel.txt"


class SpellingController(QObject):
    """Owns the speller and the action that switches it."""

    loaded = Signal(object)  # the FrenchSpeller, from the loading thread

    def __init__(self, editor: SourceEditor, prefs: QSettings) -> None:
        super().__init__(editor)
        self.editor = editor
        self.prefs = prefs
        self.speller: FrenchSpeller | None = None
        self.book = BookDictionary()
        self.loading = False
        self.action = QAction(self.tr("Vérifier l’&orthographe"), editor)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Shift+F7"))
        self.action.setChecked(str(prefs.value("spelling", "true")).lower() == "true")
        self.action.toggled.connect(self.set_enabled)
        self.loaded.connect(self._ready)
        if self.action.isChecked():
            self.load()

    def load(self) -> None:
        """Read the word list on a pool thread (≈0.5 s), then underline."""
        if self.speller is not None or self.loading:
            return
        self.loading = True
        path = state_dir() / PERSONAL_DICTIONARY

        def work() -> None:
            speller = FrenchSpeller(path, self.book)
            self.loaded.emit(speller)
            warm_suggestions()  # the first suggestions menu then opens at once

        QThreadPool.globalInstance().start(work)

    def _ready(self, speller: FrenchSpeller) -> None:
        self.loading = False
        self.speller = speller
        speller.book = self.book  # a book opened while the list was loading
        if self.action.isChecked():
            self.editor.set_speller(speller)

    def set_enabled(self, on: bool) -> None:
        self.prefs.setValue("spelling", "true" if on else "false")
        if not on:
            self.editor.set_speller(None)
        elif self.speller is not None:
            self.editor.set_speller(self.speller)
        else:
            self.load()

    # ---- the book's dictionary ---------------------------------------------------------------
    def open_book(self, folder: Path | None) -> str | None:
        """Read the dictionary of the book in ``folder`` (None: a new book); a problem, if any."""
        problem = None
        try:
            self.book = BookDictionary.read(folder) if folder is not None else BookDictionary()
        except LayoutStudioError as exc:
            self.book = BookDictionary(folder)
            problem = str(exc)
        self._use_book()
        return problem

    def book_saved(self, folder: Path) -> str | None:
        """The project was saved in ``folder``: the book's words go with it; a problem, if any."""
        if folder == self.book.folder:
            return None
        try:
            self.book.save(folder)
        except (OSError, LayoutStudioError) as exc:
            return str(exc)
        return None

    def _use_book(self) -> None:
        if self.speller is not None:
            self.speller.book = self.book
            if self.editor.highlighter.speller is not None:
                self.editor.highlighter.rehighlight()
