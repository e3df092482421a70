"""The editor's desk: spell-checking with its menu, candidate sections shown as not printed."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from tests.conftest import BOOK_TOML


def settle(qtbot, w, timeout=20000):
    qtbot.waitUntil(
        lambda: w.build is not None and not w.worker.running and w.worker.pending is None,
        timeout=timeout,
    )


def formats_at(editor, line_number, column):
    block = editor.document().findBlockByNumber(line_number)
    ranges = block.layout().formats()
    for r in ranges:
        if r.start <= column < r.start + r.length:
            return QTextCharFormat(r.format)
    return QTextCharFormat()


def find(editor, word):
    text = editor.toPlainText()
    index = text.index(word)
    block = editor.document().findBlock(index)
    return block.blockNumber(), index - block.position()


def test_spell_check_underlines_and_its_menu_corrects(qtbot, window, tmp_path):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    settle(qtbot, w)
    assert w.spelling.action.isChecked()
    qtbot.waitUntil(lambda: w.editor.highlighter.speller is not None, timeout=20000)
    line, column = find(w.editor, "apparâitre")
    fmt = formats_at(w.editor, line, column + 2)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ok_line, ok_column = find(w.editor, "jardinier")
    assert formats_at(w.editor, ok_line, ok_column + 2).underlineStyle() != (
        QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    )
    # The context menu offers the correction first; choosing it fixes the text.
    cursor = QTextCursor(w.editor.document().findBlockByNumber(line))
    cursor.setPosition(cursor.position() + column + 3)
    menu = QMenu()
    menu.addAction("Copier")
    w.editor.spelling_menu(menu, cursor)
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "apparaître", labels
    assert any("dictionnaire" in t for t in labels)
    menu.actions()[0].trigger()
    assert "apparâitre" not in w.editor.toPlainText()
    assert "apparaître" in w.editor.toPlainText()
    # Ajouter au dictionnaire: the word is no longer underlined, and is saved.
    line, column = find(w.editor, "réseautage")
    cursor = QTextCursor(w.editor.document().findBlockByNumber(line))
    cursor.setPosition(cursor.position() + column + 3)
    menu = QMenu()
    w.editor.spelling_menu(menu, cursor)
    next(a for a in menu.actions() if "dictionnaire" in a.text()).trigger()
    assert formats_at(w.editor, line, column + 2).underlineStyle() != (
        QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    )
    saved = (tmp_path / "state" / "dictionnaire-personnel.txt").read_text(encoding="utf-8")
    assert "réseautage" in saved.split()
    # Switched off: no underline left.
    w.spelling.action.setChecked(False)
    line, column = find(w.editor, "s’empreigne")
    assert formats_at(w.editor, line, column + 4).underlineStyle() != (
        QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    )


def test_candidate_sections_are_shown_as_not_printed(qtbot, window):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    settle(qtbot, w)
    editor = w.editor
    text = editor.toPlainText()
    candidate_line = text[: text.index("Phase 2 je propose")].count("\n")
    story_line = text[: text.index("# L’histoire")].count("\n") + 2
    grey = formats_at(editor, candidate_line, 3)
    normal = formats_at(editor, story_line, 3)
    assert grey.background().color().name() == "#f2f2ec"
    assert normal.background().color().name() != "#f2f2ec"
