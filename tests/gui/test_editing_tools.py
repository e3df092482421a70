"""The editor's desk: spell-checking with its menu, candidate sections shown as not printed."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from tests.conftest import BOOK_TOML


def settle(qtbot, w, timeout=20000):
    qtbot.waitUntil(
        lambda: (
            w.build is not None
            and not w.worker.running
            and w.worker.pending is None
            and not w.reading_builds()  # read off the UI thread
        ),
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
    # Ajouter au dictionnaire personnel: the word is no longer underlined, and is saved.
    line, column = find(w.editor, "réseautage")
    cursor = QTextCursor(w.editor.document().findBlockByNumber(line))
    cursor.setPosition(cursor.position() + column + 3)
    menu = QMenu()
    w.editor.spelling_menu(menu, cursor)
    next(a for a in menu.actions() if "dictionnaire personnel" in a.text()).trigger()
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


def test_markup_rules_on_plain_strings():
    from layout_studio.gui.markup import (
        candidate_section,
        confirmed_attributes,
        credit_markup,
        next_note_number,
    )

    assert credit_markup("(Cécile)") == "[Cécile]{.credit}"
    assert credit_markup("  Catherine, CDP ") == "[Catherine, CDP]{.credit}"
    assert credit_markup("   ") is None
    assert next_note_number("a[^1] b[^7] c") == 8
    assert next_note_number("rien") == 1
    lines = ["{.front .candidate}", "# Intro", "", "texte", "", "# L’histoire", "", "suite"]
    assert candidate_section(lines, 3) == (0, 5)
    assert candidate_section(lines, 7) is None
    assert confirmed_attributes("{.front .candidate}") == "{.front}"
    assert confirmed_attributes("{.candidate}") is None


def test_insert_menu_writes_the_markup_and_each_is_one_undo_step(qtbot, window):
    from layout_studio.sources.markdown import parse_markdown_text

    w = window
    assert w.open_path(Path(BOOK_TOML))
    settle(qtbot, w)
    editor = w.editor
    original = editor.toPlainText()
    actions = {a.text().replace("&", ""): a for a in w.menuBar().actions()}
    insert_menu = actions["Insertion"].menu()
    by_text = {a.text().replace("&", ""): a for a in insert_menu.actions()}
    # Mark a name as a credit: a new passage ends with "(Zoé)", select it.
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("# L’histoire"))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText("\n\nUn passage ajouté.(Zoé)")
    end = cursor.position()
    cursor.setPosition(end - len("(Zoé)"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    by_text["Crédit d’auteur (nom sélectionné)"].trigger()
    assert "Un passage ajouté. [Zoé]{.credit}" in editor.toPlainText()
    # Inside an existing credit, nothing happens.
    start = editor.toPlainText().index("[Julie]{.credit}") + 1
    cursor.setPosition(start)
    cursor.setPosition(start + len("Julie"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    before = editor.toPlainText()
    by_text["Crédit d’auteur (nom sélectionné)"].trigger()
    assert editor.toPlainText() == before
    # Footnote: call at the cursor, note at the end, numbered after the existing ones.
    by_text["Note"].trigger()
    editor.insertPlainText("Une note ajoutée.")
    assert editor.toPlainText().rstrip().endswith("]: Une note ajoutée.")
    # Scene break and section.
    by_text["Saut de scène"].trigger()
    by_text["Section"].trigger()
    editor.insertPlainText("Épilogue")
    result = parse_markdown_text(editor.toPlainText())
    titles = [s.title for s in result.sections]
    assert "Épilogue" in titles
    # Confirm the candidate introduction: it enters the book.
    intro = editor.toPlainText().index("Phase 2 je propose")
    cursor = editor.textCursor()
    cursor.setPosition(intro)
    editor.setTextCursor(cursor)
    by_text["Inclure la section candidate"].trigger()
    sections = parse_markdown_text(editor.toPlainText()).sections
    assert any(s.title == "Introduction" and not s.candidate for s in sections)
    # Each action is one undo step: undo them all and get the original text back.
    for _ in range(8):  # paragraph, credit, note, its text, break, section, title, include
        w.undo_stack.undo()
    assert editor.toPlainText() == original


def test_discarding_a_candidate_section_removes_it_whole(qtbot, window):
    from layout_studio.sources.markdown import parse_markdown_text

    w = window
    assert w.open_path(Path(BOOK_TOML))
    settle(qtbot, w)
    editor = w.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("Phase 2 je propose"))
    editor.setTextCursor(cursor)
    assert w.markup.discard_candidate()
    text = editor.toPlainText()
    assert "Phase 2 je propose" not in text and "# Introduction" not in text
    assert "# L’histoire" in text
    titles = [s.title for s in parse_markdown_text(text).sections]
    assert "Introduction" not in titles


def test_syntax_guide_opens_from_the_help_menu(qtbot, window):
    guide = window.show_syntax_guide()
    assert guide.isVisible()
    html = guide.browser.toPlainText()
    assert "{.credit}" in html and "{.candidate}" in html and "[^1]" in html


def test_preflight_panel_shows_what_the_command_finds(qtbot, window, tmp_path):
    import shutil

    from layout_studio.preflight import preflight

    project = tmp_path / "book.toml"
    shutil.copy(BOOK_TOML, project)
    shutil.copy(BOOK_TOML.parent / "story.md", tmp_path / "story.md")
    w = window
    assert w.open_path(project)
    settle(qtbot, w)
    panel = w.preflight
    panel.service.setCurrentIndex(panel.service.findData("kdp"))
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.running, timeout=120000)
    shown = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    expected = [f.line() for f in preflight(project, "kdp")]
    assert sorted(shown) == sorted(expected) and shown
    assert panel.summary.text().startswith("0 erreur(s)")


def add_from_menu(w, word, which):
    line, column = find(w.editor, word)
    cursor = QTextCursor(w.editor.document().findBlockByNumber(line))
    cursor.setPosition(cursor.position() + column + 2)
    menu = QMenu()
    w.editor.spelling_menu(menu, cursor)
    labels = [a.text() for a in menu.actions()]
    assert f"Ajouter « {word} » au dictionnaire du livre" in labels
    assert f"Ajouter « {word} » au dictionnaire personnel" in labels
    next(a for a in menu.actions() if a.text().endswith(which)).trigger()
    return line, column


def underlined(w, word):
    line, column = find(w.editor, word)
    return formats_at(w.editor, line, column + 2).underlineStyle() == (
        QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    )


def test_book_dictionary_is_saved_with_the_project_and_read_back(qtbot, window, tmp_path):
    import shutil

    folder = tmp_path / "livre"
    folder.mkdir()
    for name in ("book.toml", "story.md"):
        shutil.copy(Path(BOOK_TOML).parent / name, folder / name)
    w = window
    assert w.open_path(folder / "book.toml")
    settle(qtbot, w)
    qtbot.waitUntil(lambda: w.editor.highlighter.speller is not None, timeout=20000)
    assert underlined(w, "réseaulument")
    add_from_menu(w, "réseaulument", "au dictionnaire du livre")
    assert not underlined(w, "réseaulument")
    saved = (folder / "dictionnaire.txt").read_text(encoding="utf-8")
    assert "réseaulument" in saved.splitlines()
    assert not (tmp_path / "state" / "dictionnaire-personnel.txt").exists()
    # Another book does not know the word; opening this one again does.
    w.new_book()
    w.editor.setPlainText("Un réseaulument de plus.")
    assert underlined(w, "réseaulument")
    assert w.open_path(folder / "book.toml")
    assert not underlined(w, "réseaulument")
    # A new book keeps its words until it is saved, then writes them beside its book.toml.
    w.new_book()
    w.editor.setPlainText("Un texte zorglubesque.")
    assert underlined(w, "zorglubesque")
    add_from_menu(w, "zorglubesque", "au dictionnaire du livre")
    assert not underlined(w, "zorglubesque")
    other = tmp_path / "nouveau"
    other.mkdir()
    assert w.write_project(other / "book.toml", new=True)
    assert "zorglubesque" in (other / "dictionnaire.txt").read_text(encoding="utf-8").split()


def test_a_hostile_book_dictionary_is_refused_in_one_line(qtbot, window, tmp_path):
    import os
    import shutil

    folder = tmp_path / "livre"
    folder.mkdir()
    for name in ("book.toml", "story.md"):
        shutil.copy(Path(BOOK_TOML).parent / name, folder / name)
    secret = tmp_path / "secret.txt"
    secret.write_text("réseaulument\n", encoding="utf-8")
    os.symlink(secret, folder / "dictionnaire.txt")
    w = window
    assert w.open_path(folder / "book.toml")
    settle(qtbot, w)
    message = w.statusBar().currentMessage()
    assert "dictionnaire.txt" in message and "hors du dossier" in message
    qtbot.waitUntil(lambda: w.editor.highlighter.speller is not None, timeout=20000)
    assert underlined(w, "réseaulument")  # the words outside were not read


def test_spelling_is_checked_off_the_typing_path(qtbot, window):
    """Keystrokes never run the spell-checker; the paragraph is checked once typing pauses."""
    from layout_studio.gui.editor import SPELL_IDLE_MS

    w = window
    assert w.open_path(Path(BOOK_TOML))
    settle(qtbot, w)
    qtbot.waitUntil(lambda: w.editor.highlighter.speller is not None, timeout=20000)
    speller = w.editor.highlighter.speller
    line, _column = find(w.editor, "apparâitre")
    assert underlined(w, "apparâitre")
    calls: list[str] = []
    real_check = speller.check

    def counting(text):
        calls.append(text)
        return real_check(text)

    speller.check = counting
    try:
        # Type at the start of the paragraph: the underline further on must follow the text.
        cursor = QTextCursor(w.editor.document().findBlockByNumber(line))
        w.editor.setTextCursor(cursor)
        w.editor.setFocus()
        qtbot.keyClicks(w.editor, "Zorglub rouge, fauxmot ")
        assert calls == []  # nothing checked while typing
        # A build arriving meanwhile re-highlights the paragraph: still not checked.
        w.editor.highlighter.rehighlightBlock(w.editor.document().findBlockByNumber(line))
        assert calls == []
        assert underlined(w, "apparâitre")  # the old underline moved with the text
        assert not underlined(w, "fauxmot")  # not yet: checked at the pause
        qtbot.wait(SPELL_IDLE_MS // 3)
        assert calls == []
        qtbot.waitUntil(lambda: underlined(w, "fauxmot"), timeout=5000)
        typed = w.editor.document().findBlockByNumber(line).text()
        assert set(calls) == {typed}  # the paragraph typed in, checked at the pause
        assert underlined(w, "apparâitre")
    finally:
        speller.check = real_check


def test_underlines_follow_an_edit_and_drop_the_word_it_touches():
    from layout_studio.gui.editor import _Checked, _moved_words
    from layout_studio.text.spelling import Misspelling

    text = "un fauxmot et un autremot ici"
    words = [Misspelling(3, 10, "fauxmot"), Misspelling(17, 25, "autremot")]
    old = _Checked(text, words, 0, fresh=True)
    before = _moved_words(old, "Oui, " + text)  # typed before both: both move
    assert [(w.start, w.end) for w in before] == [(8, 15), (22, 30)]
    assert [("Oui, " + text)[w.start : w.end] for w in before] == ["fauxmot", "autremot"]
    inside = _moved_words(old, text.replace("fauxmot", "fauxmots"))  # the word typed in
    assert [w.word for w in inside] == ["autremot"]
    assert [(w.start, w.end) for w in inside] == [(18, 26)]
    after = _moved_words(old, text + " encore")  # typed after: nothing moves
    assert [(w.start, w.end) for w in after] == [(3, 10), (17, 25)]


@pytest.mark.parametrize("width", [360, 430, 900])
def test_the_not_printed_badge_never_covers_the_line_it_marks(qtbot, window, width):
    w = window
    assert w.open_path(Path(BOOK_TOML))
    settle(qtbot, w)
    editor = w.editor
    editor.setFixedWidth(width)
    text = editor.toPlainText()
    line = text[: text.index("{.front .candidate}")].count("\n")
    block = editor.document().findBlockByNumber(line)
    editor.setTextCursor(QTextCursor(block))
    editor.centerCursor()
    qtbot.wait(50)
    rect = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
    text_end = rect.left() + block.layout().lineAt(0).naturalTextWidth()
    image = editor.viewport().grab().toImage()
    y = int(rect.top() + editor.fontMetrics().height() / 2)
    badge = [
        x for x in range(image.width()) if image.pixelColor(x, y).getRgb()[:3] == (250, 225, 160)
    ]
    assert not [x for x in badge if x <= text_end]  # beside the text, not over it
    if width >= 900:
        assert len(badge) > editor.fontMetrics().horizontalAdvance("Section candidate")
    elif width >= 430:
        assert badge  # the short label still fits
