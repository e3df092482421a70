"""Find and replace in the source editor, as a bar under it.

Takes the ``QPlainTextEdit`` holding the book's Markdown; gives a bar with
« Rechercher » / « Remplacer par », next and previous match (wrapping at the
ends), case and whole-word options, « Remplacer » and « Tout remplacer ».
Replacing everything is one undo step. The search is plain text, never a
regular expression, so no pattern typed by the user can run away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)


class FindReplaceBar(QWidget):
    """The find/replace bar; hidden until Ctrl+F (find) or Ctrl+H (replace)."""

    replaced = Signal(int)  # how many replacements were just made

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Rechercher"))
        self.find_edit.setAccessibleName(self.tr("Rechercher"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._update_count)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("Remplacer par"))
        self.replace_edit.setAccessibleName(self.tr("Remplacer par"))
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.case = QCheckBox(self.tr("Respecter la casse"))
        self.case.toggled.connect(self._update_count)
        self.words = QCheckBox(self.tr("Mots entiers"))
        self.words.toggled.connect(self._update_count)
        self.count = QLabel("")
        previous = QPushButton(self.tr("Précédent"))
        previous.clicked.connect(self.find_previous)
        following = QPushButton(self.tr("Suivant"))
        following.clicked.connect(self.find_next)
        self.replace_button = QPushButton(self.tr("Remplacer"))
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button = QPushButton(self.tr("Tout remplacer"))
        self.replace_all_button.clicked.connect(self.replace_all)
        close = QPushButton("×")
        close.setAccessibleName(self.tr("Fermer la recherche"))
        close.setFlat(True)
        close.clicked.connect(self.close_bar)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(previous, 0, 1)
        grid.addWidget(following, 0, 2)
        grid.addWidget(self.case, 0, 3)
        grid.addWidget(self.count, 0, 4)
        grid.addWidget(close, 0, 5)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.addWidget(self.words, 1, 3)
        grid.setColumnStretch(0, 1)
        self.replace_row = (self.replace_edit, self.replace_button, self.replace_all_button)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.hide()

    # ---- opening and closing ----------------------------------------------------------
    def open_find(self) -> None:
        self._open(replace=False)

    def open_replace(self) -> None:
        self._open(replace=True)

    def _open(self, *, replace: bool) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a selection within one paragraph
            self.find_edit.setText(selected)
        for widget in self.replace_row:
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._update_count()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    # ---- searching ---------------------------------------------------------------------
    def _flags(self, *, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.words.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, *, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        document = self.editor.document()
        flags = self._flags(backward=backward)
        found = document.find(needle, self.editor.textCursor(), flags)
        if found.isNull():  # wrap around at the end (or the start)
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, flags)
        if found.isNull():
            self.count.setText(self.tr("introuvable"))
            return False
        self.editor.setTextCursor(found)
        self.editor.centerCursor()
        return True

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def matches(self) -> list[QTextCursor]:
        """Every match in the text, in order."""
        needle = self.find_edit.text()
        if not needle:
            return []
        document = self.editor.document()
        found: list[QTextCursor] = []
        cursor = QTextCursor(document)
        while True:
            cursor = document.find(needle, cursor, self._flags())
            if cursor.isNull():
                return found
            found.append(QTextCursor(cursor))

    def _update_count(self) -> None:
        if not self.isVisible() or not self.find_edit.text():
            self.count.setText("")
            return
        n = len(self.matches())
        if n == 0:
            self.count.setText(self.tr("introuvable"))
        elif n == 1:
            self.count.setText(self.tr("1 occurrence"))
        else:
            self.count.setText(self.tr("{n} occurrences").format(n=n))

    # ---- replacing ---------------------------------------------------------------------
    def _selection_matches(self) -> bool:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return False
        selected, needle = cursor.selectedText(), self.find_edit.text()
        if self.case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace_one(self) -> None:
        """Replace the selected match, then go to the next one."""
        if self._selection_matches():
            self.editor.textCursor().insertText(self.replace_edit.text())
            self.replaced.emit(1)
        self.find_next()
        self._update_count()

    def replace_all(self) -> int:
        """Replace every match as one undo step; gives the count."""
        found = self.matches()
        if not found:
            self.count.setText(self.tr("introuvable"))
            return 0
        replacement = self.replace_edit.text()
        edit = QTextCursor(self.editor.document())
        edit.beginEditBlock()
        for cursor in reversed(found):  # from the end: earlier positions stay valid
            cursor.insertText(replacement)
        edit.endEditBlock()
        n = len(found)
        self.count.setText(
            self.tr("1 remplacement") if n == 1 else self.tr("{n} remplacements").format(n=n)
        )
        self.replaced.emit(n)
        return n
