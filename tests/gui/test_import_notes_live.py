"""A credit typed in the middle of a paragraph is said in the status bar, as it is typed.

The book keeps a paragraph's last credit only. At opening and at export the
warning was given; while typing, the credit vanished from the preview and the
contributors without a word.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor

from tests.gui.test_window import opened, settle


def test_a_credit_made_a_middle_one_by_typing_is_said(qtbot, window):
    w = opened(qtbot, window)
    assert "au milieu" not in w.statusBar().currentMessage()
    doc = w.editor.document()
    block = next(
        doc.findBlockByNumber(i)
        for i in range(doc.blockCount())
        if doc.findBlockByNumber(i).text().endswith("[Cécile]{.credit}")
    )
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    w.editor.setTextCursor(cursor)
    qtbot.keyClicks(w.editor, " Et encore. [Zoe]{.credit}")  # ASCII: QTest types keys
    settle(qtbot, w)
    shown = w.statusBar().currentMessage()
    assert "crédit « Cécile » au milieu d’un paragraphe" in shown, shown
    # Said once: the next builds of the same state do not say it again.
    w.statusBar().clearMessage()
    qtbot.keyClicks(w.editor, " ")
    settle(qtbot, w)
    assert w.statusBar().currentMessage() == ""
