r"""Find and replace in the source editor, as a bar under it.

Takes the ``QPlainTextEdit`` holding the book's Markdown; gives a bar with
« Rechercher » / « Remplacer par », next and previous match (wrapping at the
ends), case and whole-word options, plain text or « Expression régulière »
(Python's syntax, ``\1`` and ``\g<nom>`` in the replacement), the number
of matches, « Remplacer » and « Tout remplacer » (one undo step). The
matching itself is ``text.search``: bounded in time, so no pattern typed or
pasted can freeze the editor; a bad pattern is one line in the bar.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from layout_studio.gui.editor import plain_text
from layout_studio.text import search
from layout_studio.text.search import Query, SearchError

#: Above this many replacements, *Tout remplacer* swaps the whole text in one edit.
_EDITS_ONE_BY_ONE = 2000
#: Quiet time after the last letter of a regular expression before it is counted.
PATTERN_REST_MS = 250
#: Matches tinted in the editor while the bar is open (the count goes further).
MAX_TINTED = 2000
_MATCH = QColor(255, 236, 150)  # every match
_CURRENT = QColor(255, 180, 60)  # the selected one: visible while the focus is in the bar


class _Positions:
    """Python string indices ↔ Qt document positions (UTF-16: an emoji counts twice)."""

    def __init__(self, text: str) -> None:
        self.wide = (
            [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        )
        self.wide_qt = [i + k for k, i in enumerate(self.wide)]

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self.wide, index) if self.wide else index

    def from_qt(self, position: int) -> int:
        if not self.wide:
            return position
        return position - bisect.bisect_right(self.wide_qt, position - 2)


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
        self.find_edit.setMaxLength(search.MAX_PATTERN)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._pattern_edited)
        # A regular expression is counted once the typing rests: each letter of a
        # runaway pattern would otherwise cost the whole search time limit.
        self._count_later = QTimer(self)
        self._count_later.setSingleShot(True)
        self._count_later.setInterval(PATTERN_REST_MS)
        self._count_later.timeout.connect(self._update_count)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("Remplacer par"))
        self.replace_edit.setAccessibleName(self.tr("Remplacer par"))
        self.replace_edit.setMaxLength(search.MAX_PATTERN)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.case = QCheckBox(self.tr("Respecter la casse"))
        self.case.toggled.connect(self._update_count)
        self.words = QCheckBox(self.tr("Mots entiers"))
        self.words.toggled.connect(self._update_count)
        self.regex = QCheckBox(self.tr("Expression régulière"))
        self.regex.setToolTip(
            self.tr("Syntaxe de Python ; dans le remplacement, \\1 ou \\g<nom> reprend un groupe")
        )
        self.regex.toggled.connect(self._update_count)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.error.hide()
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
        # The fields, then the options on a row of their own: the editor's column is
        # narrow at 1280 px, and the fields must keep their width.
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(previous, 0, 1)
        grid.addWidget(following, 0, 2)
        grid.addWidget(close, 0, 3)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2, 1, 2)
        options = QHBoxLayout()
        for widget in (self.case, self.words, self.regex):
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.count)
        grid.addLayout(options, 2, 0, 1, 4)
        grid.addWidget(self.error, 3, 0, 1, 4)
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
        self.editor.setExtraSelections([])
        self.editor.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    # ---- searching ---------------------------------------------------------------------
    def query(self) -> Query:
        return Query(
            self.find_edit.text(),
            case=self.case.isChecked(),
            words=self.words.isChecked(),
            regex=self.regex.isChecked(),
            replacement=self.replace_edit.text(),
        )

    def _text(self) -> str:
        """The editor's text, no-break spaces kept (``toPlainText`` turns U+00A0 into spaces)."""
        return plain_text(self.editor)

    def _show_error(self, exc: SearchError | None) -> None:
        self.error.setText(str(exc) if exc else "")
        self.error.setToolTip(str(exc) if exc else "")
        self.error.setVisible(exc is not None)

    def _cursor(self, positions: _Positions, span: tuple[int, int]) -> QTextCursor:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(positions.to_qt(span[0]))
        cursor.setPosition(positions.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _select(
        self, positions: _Positions, span: tuple[int, int], every: list[tuple[int, int]]
    ) -> None:
        self.editor.setTextCursor(self._cursor(positions, span))
        self.editor.centerCursor()
        self._tint(positions, every, span)

    def _tint(
        self,
        positions: _Positions,
        spans: list[tuple[int, int]],
        current: tuple[int, int] | None = None,
    ) -> None:
        """Tint the matches in the editor, the current one darker."""
        selections = []
        tinted = [(span, _MATCH) for span in spans[:MAX_TINTED]]
        if current is not None:  # last: drawn over its light tint
            tinted.append((current, _CURRENT))
        for span, color in tinted:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(positions, span)  # type: ignore[attr-defined]
            selection.format.setBackground(color)  # type: ignore[attr-defined]
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _find(self, *, backward: bool) -> bool:
        if not self.find_edit.text():
            return False
        if self._count_later.isActive():  # Enter before the typing rested: count now
            self._update_count()
        text = self._text()
        positions = _Positions(text)
        cursor = self.editor.textCursor()
        start = positions.from_qt(cursor.selectionStart())
        end = positions.from_qt(cursor.selectionEnd())
        try:
            pattern = search.compile_query(self.query())
            if backward:
                found = search.find_previous(pattern, text, start)
            else:
                found = search.find_next(pattern, text, start, end)
        except SearchError as exc:
            self._show_error(exc)
            return False
        self._show_error(None)
        if found is None:
            self.count.setText(self.tr("introuvable"))
            return False
        self._select(positions, found, search.count_matches(pattern, text).spans)
        return True

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _pattern_edited(self) -> None:
        if not (self.regex.isChecked() and self.find_edit.text()):
            self._update_count()
            return
        try:  # checking the syntax is cheap: say at once what is wrong
            search.compile_query(self.query())
        except SearchError as exc:
            self._count_later.stop()
            self.count.setText("")
            self._show_error(exc)
            self.editor.setExtraSelections([])
            return
        self._show_error(None)
        self._count_later.start()

    def _update_count(self) -> None:
        self._count_later.stop()
        if not self.isVisible() or not self.find_edit.text():
            self.count.setText("")
            self._show_error(None)
            self.editor.setExtraSelections([])
            return
        try:
            pattern = search.compile_query(self.query())
        except SearchError as exc:
            self.count.setText("")
            self._show_error(exc)
            self.editor.setExtraSelections([])
            return
        self._show_error(None)
        text = self._text()
        counted = search.count_matches(pattern, text)
        positions = _Positions(text)
        cursor = self.editor.textCursor()
        selected = (
            positions.from_qt(cursor.selectionStart()),
            positions.from_qt(cursor.selectionEnd()),
        )
        current = selected if cursor.hasSelection() and selected in set(counted.spans) else None
        self._tint(positions, counted.spans, current)
        n = len(counted.spans)
        if not counted.complete:
            if n >= search.MAX_COUNT:
                label = self.tr("plus de {n} occurrences")
            else:  # stopped by the time limit
                label = self.tr("au moins {n} occurrences (recherche interrompue)")
            self.count.setText(label.format(n=n))
        elif n == 0:
            self.count.setText(self.tr("introuvable"))
        elif n == 1:
            self.count.setText(self.tr("1 occurrence"))
        else:
            self.count.setText(self.tr("{n} occurrences").format(n=n))

    # ---- replacing ---------------------------------------------------------------------
    def replace_one(self) -> None:
        """Replace the selected match, then go to the next one."""
        text = self._text()
        positions = _Positions(text)
        cursor = self.editor.textCursor()
        start = positions.from_qt(cursor.selectionStart())
        end = positions.from_qt(cursor.selectionEnd())
        query = self.query()
        try:
            pattern = search.compile_query(query)
            match = search.match_at(pattern, text, start, end) if cursor.hasSelection() else None
            if match is not None:
                cursor.insertText(search.expand(query, match))
                self.replaced.emit(1)
        except SearchError as exc:
            self._show_error(exc)
            return
        self.find_next()
        self._update_count()

    def replace_all(self) -> int:
        """Replace every match as one undo step; gives the count."""
        self._count_later.stop()  # the count below replaces a pending one
        text = self._text()
        try:
            found = search.replacements(self.query(), text)
        except SearchError as exc:
            self._show_error(exc)
            return 0
        self._show_error(None)
        if not found:
            self.count.setText(self.tr("introuvable"))
            return 0
        positions = _Positions(text)
        edit = QTextCursor(self.editor.document())
        edit.beginEditBlock()
        if len(found) <= _EDITS_ONE_BY_ONE:
            for start, end, new in reversed(found):  # from the end: earlier positions stay valid
                edit.setPosition(positions.to_qt(start))
                edit.setPosition(positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
                edit.insertText(new)
        else:  # thousands of edits cost seconds: one edit of the whole text
            parts, position = [], 0
            for start, end, new in found:
                parts += [text[position:start], new]
                position = end
            parts.append(text[position:])
            edit.select(QTextCursor.SelectionType.Document)
            edit.insertText("".join(parts))
        edit.endEditBlock()
        self.editor.setExtraSelections([])
        n = len(found)
        self.count.setText(
            self.tr("1 remplacement") if n == 1 else self.tr("{n} remplacements").format(n=n)
        )
        self.replaced.emit(n)
        return n
