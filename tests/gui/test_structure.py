"""The structure view: sections and passages with their authors, jumps, moves as one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from layout_studio.sources.outline import outline
from tests.conftest import BOOK_TOML


def settle(qtbot, w, timeout=30000):
    """The builds and the theme gallery done, so that none finishes after the window."""
    qtbot.waitUntil(
        lambda: (
            w.build is not None
            and not w.worker.running
            and w.worker.pending is None
            and not w.gallery_pending
            and not w.reading_builds()  # read off the UI thread
        ),
        timeout=timeout,
    )


def titles(w):
    return [s.title for s in outline(w.editor.toPlainText()).sections]


def test_structure_lists_sections_and_passages_with_their_authors(qtbot, window):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    found = outline(w.editor.toPlainText())
    tree = w.structure.tree
    assert tree.topLevelItemCount() == len(found.sections)
    for i, section in enumerate(found.sections):
        item = tree.topLevelItem(i)
        assert item.text(0).startswith(section.title)
        assert item.childCount() == len(section.passages)
        for j, passage in enumerate(section.passages):
            for author in passage.authors:
                assert author in item.child(j).text(0)
    # The candidate section says it is not printed, and is greyed.
    candidate = next(i for i, s in enumerate(found.sections) if s.candidate)
    assert "non imprimée" in tree.topLevelItem(candidate).text(0)
    assert tree.topLevelItem(candidate).foreground(0).color().name() == "#8a8a8a"
    settle(qtbot, w)


def test_clicking_a_passage_goes_there_in_the_editor(qtbot, window):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    found = outline(w.editor.toPlainText())
    story = next(i for i, s in enumerate(found.sections) if len(s.passages) > 5)
    passage = found.sections[story].passages[5]
    item = w.structure.tree.topLevelItem(story).child(5)
    rect = w.structure.tree.visualItemRect(item)
    w.structure.tree.scrollToItem(item)
    rect = w.structure.tree.visualItemRect(item)
    qtbot.mouseClick(w.structure.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.editor.textCursor().blockNumber() + 1 == passage.line
    assert passage.authors[0] in w.editor.textCursor().block().text()
    settle(qtbot, w)


def test_moving_a_section_is_one_undo_step(qtbot, window):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    original = w.editor.toPlainText()
    before = titles(w)
    w.structure.select_section(1)
    w.structure.down.click()
    assert titles(w) == [before[0], before[2], before[1]]
    # The tree follows at once, the moved section stays selected and the editor is on it.
    assert w.structure.tree.topLevelItem(2).text(0).startswith(before[1])
    assert w.structure.selected_section() == 2
    assert w.editor.textCursor().block().text() == f"# {before[1]}"
    assert w.undo_stack.count() == 1
    w.undo_stack.undo()
    assert w.editor.toPlainText() == original
    w.undo_stack.redo()
    assert titles(w) == [before[0], before[2], before[1]]
    settle(qtbot, w)


def test_dragging_a_section_reorders_the_text(qtbot, window):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    before = titles(w)
    tree = w.structure.tree
    for i in range(tree.topLevelItemCount()):
        tree.topLevelItem(i).setExpanded(False)
    last = tree.topLevelItem(len(before) - 1)
    tree.setCurrentItem(last)
    first = tree.visualItemRect(tree.topLevelItem(0))
    mime = QMimeData()
    drop = QDropEvent(
        QPointF(QPoint(first.center().x(), first.top() + 1)),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(drop)
    assert titles(w) == [before[-1], *before[:-1]]
    assert w.undo_stack.count() == 1
    # The tree was rebuilt from the text, not moved by Qt: one item per section still.
    assert tree.topLevelItemCount() == len(before)
    settle(qtbot, w)


def test_structure_follows_typing(qtbot, window):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    count = w.structure.tree.topLevelItemCount()
    cursor = w.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    w.editor.setTextCursor(cursor)
    for line in ("", "# Epilogue", "", "Fin. [Zoe]{.credit}"):
        qtbot.keyClick(w.editor, Qt.Key.Key_Return)
        qtbot.keyClicks(w.editor, line)
    qtbot.waitUntil(lambda: w.structure.tree.topLevelItemCount() == count + 1, timeout=10000)
    last = w.structure.tree.topLevelItem(count)
    assert last.text(0).startswith("Epilogue")
    assert "Zoe" in last.child(0).text(0)
    settle(qtbot, w)
