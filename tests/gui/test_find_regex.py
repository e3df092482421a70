"""The find/replace bar in regular-expression mode: groups, one undo step, bad patterns."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from tests.conftest import BOOK_TOML


def opened(qtbot, w):
    assert w.open_path(Path(BOOK_TOML))
    qtbot.waitUntil(lambda: w.build is not None and not w.worker.running, timeout=20000)
    return w


def test_regular_expression_walk(qtbot, window):
    w = opened(qtbot, window)
    bar = w.find_bar
    original = w.editor.toPlainText()
    qtbot.keySequence(w, QKeySequence(QKeySequence.StandardKey.Replace))
    assert bar.regex.isVisible() and bar.regex.text() == "Expression régulière"
    bar.regex.setChecked(True)
    # Count: the same as Python's re on the text.
    qtbot.keyClicks(bar.find_edit, r"jardin\w*")
    expected = re.findall(r"(?i)jardin\w*", original)
    assert len(expected) > 3
    qtbot.waitUntil(lambda: bar.count.text() == f"{len(expected)} occurrences")
    bar.case.setChecked(True)
    cased = re.findall(r"jardin\w*", original)
    assert bar.count.text() == f"{len(cased)} occurrences"
    # Whole words: « jardin » alone, not « jardinier ».
    bar.find_edit.setText("jardin")
    bar.words.setChecked(True)
    alone = re.findall(r"(?<!\w)jardin(?!\w)", original)
    assert bar.count.text() == (
        f"{len(alone)} occurrences"
        if len(alone) > 1
        else ("1 occurrence" if alone else "introuvable")
    )
    bar.words.setChecked(False)
    # Next and previous select matches of the pattern, in order, wrapping.
    bar.find_edit.setText(r"jardini(er|ère)s?")
    starts = [m.start() for m in re.finditer(r"jardini(er|ère)s?", original)]
    assert bar.find_next()
    first = w.editor.textCursor().selectionStart()
    assert first in starts
    # Every match is tinted in the editor, the current one darker (seen with the focus in the bar).
    tints = w.editor.extraSelections()
    assert sorted(t.cursor.selectionStart() for t in tints[:-1]) == starts
    assert tints[-1].cursor.selectionStart() == first
    assert tints[-1].format.background().color() != tints[0].format.background().color()
    assert bar.find_next()
    assert w.editor.textCursor().selectionStart() == starts[(starts.index(first) + 1) % len(starts)]
    assert bar.find_previous()
    assert w.editor.textCursor().selectionStart() == first
    # Replace one with a backreference, then all with a named group: one undo step each.
    bar.replace_edit.setText(r"\1<\g<0>>")
    selected = w.editor.textCursor().selectedText()
    bar.replace_one()
    after_one = w.editor.toPlainText()
    suffix = re.fullmatch(r"jardini(er|ère)s?", selected).group(1)
    assert after_one[first:].startswith(f"{suffix}<{selected}>")
    bar.find_edit.setText(r"(?P<nom>jardini)(?P<fin>er|ère)")
    bar.replace_edit.setText(r"\g<fin>·\g<nom>")
    n = bar.replace_all()
    assert n == len(re.findall(r"jardini(?:er|ère)", after_one))
    assert w.editor.toPlainText() == re.sub(
        r"(?P<nom>jardini)(?P<fin>er|ère)", r"\g<fin>·\g<nom>", after_one
    )
    w.undo_stack.undo()
    assert w.editor.toPlainText() == after_one
    w.undo_stack.undo()
    assert w.editor.toPlainText() == original


def test_bad_and_runaway_patterns_leave_the_editor_usable(qtbot, window):
    w = opened(qtbot, window)
    bar = w.find_bar
    bar.open_replace()
    bar.regex.setChecked(True)
    original = w.editor.toPlainText()
    bar.find_edit.setText("(jardin")
    assert bar.error.isVisible()
    assert "parenthèse non fermée" in bar.error.text()
    assert bar.count.text() == ""
    assert not bar.find_next()
    assert bar.replace_all() == 0
    assert w.editor.toPlainText() == original
    bar.find_edit.setText("(jardin)")
    assert not bar.error.isVisible()
    bar.replace_edit.setText(r"\2")
    assert bar.replace_all() == 0
    assert "groupe inexistant" in bar.error.text()
    assert w.editor.toPlainText() == original
    # A pattern that backtracks forever on a long line stops; typing goes on.
    end = w.editor.textCursor()
    end.movePosition(QTextCursor.MoveOperation.End)
    end.insertText("\n" + "a" * 30_000 + "!")
    grown = w.editor.toPlainText()
    started = time.perf_counter()
    bar.find_edit.setText(r"(a|aa)+$")
    qtbot.waitUntil(lambda: "interrompue" in bar.count.text(), timeout=10000)
    assert bar.replace_all() == 0
    assert "recherche arrêtée" in bar.error.text()
    assert time.perf_counter() - started < 10
    assert w.editor.toPlainText() == grown
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert w.editor.extraSelections() == []


def test_plain_mode_keeps_special_characters_literal_and_no_break_spaces(qtbot, window):
    w = opened(qtbot, window)
    bar = w.find_bar
    bar.open_replace()
    w.editor.setPlainText("Prix : 3.50\u00a0€ ou 3x50 € 😀 jardin (a+b)")
    bar.find_edit.setText("3.50\u00a0€")
    assert bar.count.text() == "1 occurrence"  # the dot is not « any character »
    bar.find_edit.setText("(a+b)")
    assert bar.find_next()
    assert w.editor.textCursor().selectedText() == "(a+b)"  # after the emoji: positions hold
    bar.replace_edit.setText("(c)")
    assert bar.replace_all() == 1
    assert w.editor.toPlainText().endswith("😀 jardin (c)")


def test_replace_all_of_thousands_is_one_step_too(qtbot, window):
    from layout_studio.gui.find_replace import _EDITS_ONE_BY_ONE

    w = opened(qtbot, window)
    bar = w.find_bar
    bar.open_replace()
    bar.regex.setChecked(True)

    def raw() -> str:
        return w.editor.document().toRawText().replace("\u2029", "\n")

    original = raw()
    n = len(re.findall(r"(?i)([aeiou])", original))
    assert n > _EDITS_ONE_BY_ONE  # the whole-text path
    bar.find_edit.setText(r"([aeiou])")
    bar.replace_edit.setText("<\\1\u202f>")  # a group and a narrow no-break space
    assert bar.replace_all() == n
    assert raw() == re.sub(r"(?i)([aeiou])", "<\\1\u202f>", original)
    assert bar.count.text() == f"{n} remplacements"
    w.undo_stack.undo()
    assert raw() == original  # one undo step, no-break spaces and all


def test_typing_a_pattern_counts_once_it_rests(qtbot, window, monkeypatch):
    """A runaway pattern typed letter by letter is not matched at each letter (0.5 s each)."""
    from layout_studio.gui import find_replace

    w = opened(qtbot, window)
    bar = w.find_bar
    bar.open_find()
    bar.regex.setChecked(True)
    w.editor.setPlainText("a" * 30_000 + "!")
    calls = []
    real = find_replace.search.count_matches

    def counting(pattern, text):
        calls.append(pattern.pattern)
        return real(pattern, text)

    monkeypatch.setattr(find_replace.search, "count_matches", counting)
    qtbot.keyClicks(bar.find_edit, r"(a|aa)+$")
    qtbot.waitUntil(lambda: "interrompue" in bar.count.text(), timeout=10000)
    assert len(calls) == 1
    # Plain text is counted as it is typed (linear, and bounded anyway).
    bar.regex.setChecked(False)
    calls.clear()
    bar.find_edit.clear()
    qtbot.keyClicks(bar.find_edit, "aa")
    assert len(calls) == 2
