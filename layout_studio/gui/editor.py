"""The Markdown source editor with highlighting of credits, front matter and corrections.

Takes the Markdown text and, after each build, the typography record; gives
a ``QPlainTextEdit`` where credits stand out (doubtful ones in orange),
the YAML front matter is greyed, and every place a French rule will change
is underlined with the correction as its tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from layout_studio.text.typography import TypographyResult
from layout_studio.text.typography.fr import RULE_LABELS

_CREDIT = re.compile(r"\[[^\[\]\n]+\]\{\.credit[^{}\n]*\}")  # linear: see session._CREDIT
_FRONT = 1  # block state: inside the front matter


@dataclass(frozen=True)
class Mark:
    """One correction shown in the editor."""

    column: int  # 0-based in the line
    length: int
    tip: str


class SourceHighlighter(QSyntaxHighlighter):
    """Colours credits, headings, front matter; underlines typography corrections."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.marks: dict[int, list[Mark]] = {}
        self.credit = QTextCharFormat()
        self.credit.setForeground(QColor(25, 95, 150))
        self.credit.setFontWeight(QFont.Weight.DemiBold)
        self.doubtful = QTextCharFormat(self.credit)
        self.doubtful.setBackground(QColor(255, 220, 150))
        self.front = QTextCharFormat()
        self.front.setForeground(QColor(120, 120, 120))
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setForeground(QColor(110, 40, 40))
        self.fix = QTextCharFormat()
        self.fix.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.fix.setUnderlineColor(QColor(30, 150, 80))

    def highlightBlock(self, text: str) -> None:
        number = self.currentBlock().blockNumber()
        previous = self.previousBlockState()
        if (number == 0 and text.strip() == "---") or (
            previous == _FRONT and text.strip() != "---"
        ):
            self.setFormat(0, len(text), self.front)
            self.setCurrentBlockState(_FRONT)
            return
        if previous == _FRONT:  # the closing ---
            self.setFormat(0, len(text), self.front)
            self.setCurrentBlockState(0)
            return
        self.setCurrentBlockState(0)
        if text.startswith("#") or text.startswith("{."):
            self.setFormat(0, len(text), self.heading)
        for m in _CREDIT.finditer(text):
            fmt = self.doubtful if "confidence=" in m.group(0) else self.credit
            self.setFormat(m.start(), m.end() - m.start(), fmt)
        for mark in self.marks.get(number, []):
            self.setFormat(mark.column, mark.length, self.fix)


class SourceEditor(QPlainTextEdit):
    """The source text, with correction tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(11.0, font.pointSizeF()))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = SourceHighlighter(self.document())
        self.setAccessibleName(self.tr("Source du livre (Markdown)"))
        self.setTabChangesFocus(False)
        self.viewport().installEventFilter(self)

    def set_corrections(self, result: TypographyResult) -> None:
        """Underline where the rules change the text (positions found near the reported column)."""
        marks: dict[int, list[Mark]] = {}
        doc = self.document()
        for located in result.corrections:
            if located.line is None:
                continue
            block = doc.findBlockByNumber(located.line - 1)
            if not block.isValid():
                continue
            line = block.text()
            c = located.correction
            guess = max(0, (located.column or 1) - 1)
            found = line.find(c.before, max(0, guess - 40)) if c.before.strip() else -1
            column = found if found >= 0 else min(guess, max(0, len(line) - 1))
            length = max(1, len(c.before))
            label = RULE_LABELS.get(c.rule, c.rule)
            shown_before = c.before.replace("\u00a0", "⍽").replace("\u202f", "·") or "∅"
            shown_after = c.after.replace("\u00a0", "⍽").replace("\u202f", "·") or "∅"
            tip = f"{label} : « {shown_before} » → « {shown_after} »"
            marks.setdefault(located.line - 1, []).append(Mark(column, length, tip))
        self.highlighter.marks = marks
        self.highlighter.rehighlight()

    def tip_at(self, line: int, column: int) -> str | None:
        """The correction tooltip at a 0-based line and column, if any."""
        for mark in self.highlighter.marks.get(line, []):
            if mark.column <= column <= mark.column + mark.length:
                return mark.tip
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            help_event = QHelpEvent(event.type(), event.pos(), event.globalPos())  # type: ignore[attr-defined]
            cursor = self.cursorForPosition(help_event.pos())
            tip = self.tip_at(cursor.blockNumber(), cursor.positionInBlock())
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def goto_line(self, line: int) -> None:
        """Put the cursor at the start of 1-based ``line`` and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
