"""What the window redoes after each build: only what changed, and hidden panels only when shown."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor

from layout_studio.gui.editor import SourceEditor
from layout_studio.gui.on_screen import on_screen
from layout_studio.text.typography import LocatedCorrection, TypographyResult
from layout_studio.text.typography.engine import Correction
from tests.gui.test_window import opened, settle


def _located(line: int, column: int, before: str = "'", after: str = "’") -> LocatedCorrection:
    return LocatedCorrection(Correction("apostrophe", before, after, 0, before), line, column)


def _result(corrections: list[LocatedCorrection]) -> TypographyResult:
    from layout_studio.model.document import Document, Metadata

    return TypographyResult(Document(Metadata(title="t"), ()), tuple(corrections), ())


def _shown(qtbot, w) -> None:
    """The last state is built and shown (its readings may wait for typing to pause)."""
    settle(qtbot, w, readings=False)


def _type_in_paragraph(
    qtbot, w, start: str | None = "Paris", typed: str = "x", wait=settle
) -> None:
    """Type ``typed`` after the first word of the paragraph starting with ``start``.

    ``start=None``: at the end of the first long paragraph without any typographic
    correction (the panels list a contribution by its first words). ``wait``: for
    the window to settle (``_shown`` while typing never pauses: the readings wait).
    """
    doc = w.editor.document()
    corrected = {c.line for c in w.build.typography.corrections}
    number = next(
        i
        for i in range(doc.blockCount())
        if (
            doc.findBlockByNumber(i).text().startswith(start)
            if start is not None
            else len(doc.findBlockByNumber(i).text()) > 200 and i + 1 not in corrected
        )
    )
    cursor = QTextCursor(doc.findBlockByNumber(number))
    cursor.movePosition(
        QTextCursor.MoveOperation.EndOfWord
        if start is not None
        else QTextCursor.MoveOperation.EndOfBlock
    )
    w.editor.setTextCursor(cursor)
    w.editor.insertPlainText(typed)
    wait(qtbot, w)


def test_set_corrections_after_an_edit_looks_again_only_at_the_changed_line(qtbot):
    editor = SourceEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("l'un\nl'autre\nd'abord\n")
    editor.set_corrections(_result([_located(1, 2), _located(2, 2), _located(3, 2)]))
    first = dict(editor.highlighter.marks)
    assert sorted(first) == [0, 1, 2]
    redrawn: list[int] = []
    original = editor.highlighter.rehighlightBlock
    editor.highlighter.rehighlightBlock = lambda block: (  # type: ignore[method-assign]
        redrawn.append(block.blockNumber()),
        original(block),
    )
    changes: list[None] = []
    editor.textChanged.connect(lambda: changes.append(None))
    # The second line's correction changed (another rule's result there).
    changed = _located(2, 2, after="\u02bc")
    editor.set_corrections(_result([_located(1, 2), changed, _located(3, 2)]))
    marks = editor.highlighter.marks
    assert marks[0] is first[0] and marks[2] is first[2]  # kept, not computed again
    assert marks[1] is not first[1]
    assert redrawn == [1]
    assert changes == []  # new underlines are not new text: no build asked for
    # A correction gone: its line loses its marks, and is redrawn.
    editor.set_corrections(_result([_located(1, 2), changed]))
    assert sorted(editor.highlighter.marks) == [0, 1]
    assert redrawn == [1, 2]


def test_a_mark_follows_its_words_while_typing_and_hides_while_lines_moved(qtbot):
    """Marks wait for the pause while one types: in a line typed into they are found again
    in its text (an underline never drifts onto other letters); while lines were added
    above, a moved line shows none (it would show another line's)."""
    editor = SourceEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("l'un\nl'autre\n")
    editor.set_corrections(_result([_located(1, 2), _located(2, 2)]))
    highlighter = editor.highlighter
    assert [m.column for m in highlighter.line_marks(1, "l'autre")] == [1]
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    cursor.insertText("et ")  # before the apostrophe: it moves three columns on
    assert [m.column for m in highlighter.line_marks(1, "et l'autre")] == [4]
    assert editor.tip_at(1, 4) is not None and editor.tip_at(1, 1) is None
    cursor = QTextCursor(editor.document().findBlockByNumber(0))
    cursor.insertText("Titre\n")  # a line added above: every line below has moved
    assert editor.document().findBlockByNumber(1).text() == "l'un"
    assert highlighter.line_marks(1, "l'un") == []  # line 1's marks were another text's
    assert highlighter.line_marks(0, "Titre") == []
    # The next marks found (the pause) are those of the lines as they are.
    editor.set_corrections(_result([_located(2, 2), _located(3, 5)]))
    assert [m.column for m in highlighter.line_marks(1, "l'un")] == [1]
    assert [m.column for m in highlighter.line_marks(2, "et l'autre")] == [4]
    # A space a rule changes (it cannot be looked for by its text) moves with its words;
    # a mark inside what was typed over goes.
    editor.setPlainText("Quoi ? Oui !\n")
    editor.set_corrections(_result([_located(1, 5, " "), _located(1, 11, " ")]))
    assert [m.column for m in highlighter.line_marks(0, "Quoi ? Oui !")] == [4, 10]
    QTextCursor(editor.document().findBlockByNumber(0)).insertText("Et ")
    assert [m.column for m in highlighter.line_marks(0, "Et Quoi ? Oui !")] == [7, 13]
    cursor = QTextCursor(editor.document().findBlockByNumber(0))
    cursor.setPosition(7)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("!")  # " ?" typed over
    assert [m.column for m in highlighter.line_marks(0, "Et Quoi! Oui !")] == [12]


def test_keystrokes_copy_the_text_once_per_build_not_per_key(qtbot, window):
    w = opened(qtbot, window)
    copies: list[None] = []
    original = w.editor.source_text

    def counted() -> str:
        copies.append(None)
        return original()

    w.editor.source_text = counted  # type: ignore[method-assign]
    w.structure.timer.setInterval(600_000)  # the outline reads the text at a pause: not now
    for key in "xyz":  # within the throttle: one build for the three
        w.editor.insertPlainText(key)
    assert copies == []  # the keystrokes themselves copy nothing
    settle(qtbot, w)
    assert len(copies) == 1
    assert w.worker.built_text == original()
    # The spelling check of the typed paragraph, at the pause, changes formats only:
    # Qt reports it as textChanged, which must not copy the text again.
    highlighter = w.editor.highlighter
    highlighter.waiting.append(w.editor.textCursor().block())
    highlighter.check_waiting()
    assert len(copies) == 1


def test_a_shown_cover_panel_is_not_laid_out_again_when_a_paragraph_changes(qtbot, window):
    w = opened(qtbot, window)
    w.docks["cover"].show()
    w.docks["cover"].raise_()
    qtbot.waitUntil(lambda: w.cover_panel.wraparound is not None, timeout=10000)
    before = w.cover_panel.wraparound
    _type_in_paragraph(qtbot, w)
    assert w.cover_panel.wraparound is before
    # The title is on the cover: changing it lays the cover out again.
    w.change_metadata("title", "Un autre titre", "titre")
    settle(qtbot, w)
    assert w.cover_panel.wraparound is not before
    assert w.cover_panel.texts["title"].text() == "Un autre titre"


def test_a_hidden_cover_panel_catches_up_when_shown(qtbot, window):
    w = opened(qtbot, window)
    w.docks["themes"].raise_()  # the cover's tab is behind the styles
    qtbot.waitUntil(lambda: not on_screen(w.cover_panel), timeout=5000)
    w.change_metadata("title", "Titre caché", "titre")
    settle(qtbot, w)
    assert w.cover_panel.wraparound is None  # not laid out while hidden
    assert w.cover_panel.texts["title"].text() != "Titre caché"
    w.docks["cover"].raise_()
    qtbot.waitUntil(lambda: w.cover_panel.wraparound is not None, timeout=10000)
    assert w.cover_panel.texts["title"].text() == "Titre caché"


def test_panels_keep_their_lists_when_typing_changes_none_of_it(qtbot, window):
    w = opened(qtbot, window)
    w.docks["typography"].raise_()
    qtbot.waitUntil(lambda: on_screen(w.typography), timeout=5000)
    settle(qtbot, w)
    rules = w.typography.tree.topLevelItem(0)
    _type_in_paragraph(qtbot, w, None)
    assert w.typography.tree.topLevelItem(0) is rules  # not cleared and refilled
    w.docks["contributors"].raise_()
    qtbot.waitUntil(lambda: on_screen(w.contributors), timeout=5000)
    settle(qtbot, w)
    person = w.contributors.tree.topLevelItem(0)
    _type_in_paragraph(qtbot, w, None)
    assert w.contributors.tree.topLevelItem(0) is person


def test_a_hidden_typography_panel_catches_up_when_shown(qtbot, window):
    w = opened(qtbot, window)
    w.docks["contributors"].raise_()
    qtbot.waitUntil(lambda: not on_screen(w.typography), timeout=5000)

    def count(tree) -> int:
        return sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))

    shown = count(w.typography.tree)
    _type_in_paragraph(qtbot, w, typed=' "ici" ')  # new quotes, new corrections
    assert count(w.typography.tree) == shown  # hidden: left as it was
    w.docks["typography"].raise_()
    qtbot.waitUntil(lambda: on_screen(w.typography), timeout=5000)
    assert count(w.typography.tree) > shown
    quotes = len(w.build.typography.by_rule()["quotes"])
    labels = [
        w.typography.tree.topLevelItem(i) for i in range(w.typography.tree.topLevelItemCount())
    ]
    assert any(item.rule == "quotes" and f"({quotes})" in item.text(0) for item in labels)


def test_an_edit_in_a_first_paragraph_relabels_its_passage_in_place(qtbot, window):
    w = opened(qtbot, window)
    tree = w.contributors.tree
    person = tree.topLevelItem(0)
    _type_in_paragraph(qtbot, w, "Paris", typed="zzz")
    assert tree.topLevelItem(0) is person  # the list is not cleared and refilled
    people = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    passages = [p.child(j) for p in people for j in range(p.childCount())]
    assert any(p.text(0).startswith("Pariszzz") for p in passages)
    line = next(p.line for p in passages if p.text(0).startswith("Pariszzz"))
    assert w.editor.document().findBlockByNumber(line - 1).text().startswith("Pariszzz")


def _in_view_truly(w) -> set[int]:
    view = w.thumbnails
    port = view.viewport().rect()
    return {i for i in range(view.count()) if view.visualItemRect(view.item(i)).intersects(port)}


def test_thumbnails_in_view_first_the_others_when_typing_pauses_or_scrolled_to(qtbot, window):
    w = window
    w.thumb_timer.setInterval(600_000)  # typing never pauses, until said otherwise
    opened(qtbot, w)
    view = w.thumbnails

    def drawn() -> set[int]:
        return {i for i in range(view.count()) if not view.item(i).icon().isNull()}

    shown = _in_view_truly(w)
    assert shown and len(shown) < view.count()  # the story's 18 pages do not all fit
    assert shown <= set(w._in_view()) and len(w._in_view()) <= len(shown) + 2
    qtbot.waitUntil(lambda: shown <= drawn(), timeout=10000)
    assert drawn() <= set(w._in_view())  # out of view: not drawn while builds come
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    last = view.count() - 1
    assert last in _in_view_truly(w) and last in w._in_view()
    qtbot.waitUntil(lambda: last in drawn(), timeout=10000)
    # Once typing pauses, every page gets its picture.
    _type_in_paragraph(qtbot, w, None, wait=_shown)
    assert w.thumb_timer.isActive()
    w.thumb_timer.setInterval(50)
    w.thumb_timer.start()
    qtbot.waitUntil(lambda: w.thumbnails_drawn == w.thumb_generation, timeout=10000)
    assert drawn() == set(range(view.count()))


def test_marks_out_of_view_wait_while_typing_those_in_view_do_not(qtbot):
    editor = SourceEditor()
    qtbot.addWidget(editor)
    editor.resize(300, 200)
    editor.show()
    editor.setPlainText("l'un\n" * 399 + "l'un")
    typing = [True]
    editor.typing = lambda: typing[0]
    redrawn: list[int] = []
    original = editor.highlighter.rehighlightBlock
    editor.highlighter.rehighlightBlock = lambda block: (  # type: ignore[method-assign]
        redrawn.append(block.blockNumber()),
        original(block),
    )
    # Every line gets its first marks (a book just opened), while the user types.
    editor.set_corrections(_result([_located(n, 2) for n in range(1, 401)]))
    qtbot.wait(150)
    shown = editor.lines_in_view()
    assert 0 < len(shown) < 100
    assert sorted(redrawn) == list(shown)  # the lines in view at once, no others
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: set(editor.lines_in_view()) <= set(redrawn))  # scrolled to
    assert len(redrawn) < 400
    typing[0] = False  # a pause: the others follow
    qtbot.waitUntil(lambda: sorted(redrawn) == list(range(400)), timeout=10_000)
    assert editor.highlighter.marks.keys() == set(range(400))


def _readings_seen(w) -> tuple[list[str], list[object]]:
    """The panels'-thread readings asked for, and the builds the contributors followed."""
    runs: list[str] = []
    original = w.offthread.run
    w.offthread.run = lambda name, fn, done: (runs.append(name), original(name, fn, done))
    follows: list[object] = []
    w.contributors.follow = lambda result, text: follows.append(result)
    return runs, follows


def test_builds_shown_while_typing_goes_on_leave_the_readings_to_the_last(qtbot, window):
    """The panels' readings of a build (source maps, marks, lists: ~100 ms of Python on a
    350-page book) wait while a newer state waits for its build: they took the interpreter
    lock from that build. The build shown once typing pauses is read."""
    w = opened(qtbot, window)
    runs, follows = _readings_seen(w)
    build = w.build
    w.worker.pending = ("typed on", w.settings, w.base)  # a newer state waits
    w.on_built(build)
    assert w.preview.canvas.pages[1] is build.book.pages[0]  # the preview follows at once
    assert "maps" not in runs and "corrections" not in runs and follows == []
    w.worker.pending = None  # typing paused: the last build is read
    w.on_built(build)
    assert "maps" in runs and "corrections" in runs and follows == [build]
    settle(qtbot, w)


def test_builds_shown_while_keystrokes_keep_coming_leave_the_panels_to_the_pause(qtbot, window):
    """At 9 keystrokes a second, most builds arrive with no newer state waiting yet: the
    contributors' lists (~14 ms of Python a build on a 350-page book) took the interpreter
    lock from the next build. A build shown while typing goes on (a key and a build came
    within the pause) gives the maps at once; the editor's marks (found again in the lines
    typed into) and the panels follow it when typing pauses, not while a newer state waits
    or a build runs."""
    w = opened(qtbot, window)
    runs, follows = _readings_seen(w)
    build = w.build
    assert build is not None and w.worker.pending is None
    w.thumb_timer.setInterval(600_000)
    w.thumb_timer.start()  # a build came a moment ago, and a key: typing goes on
    w.typed_at = time.monotonic()
    w.on_built(build)
    assert w.preview.canvas.pages[1] is build.book.pages[0]  # the preview follows at once
    assert "maps" in runs and "corrections" not in runs  # marks and panels: at the pause
    assert follows == []
    assert w.reading_builds()  # owed: what waits for the window to settle waits for them
    w.worker.pending = ("typed on", w.settings, w.base)
    w.pay_readings()  # a newer state waits: its build pays
    assert follows == [] and w.reading_builds()
    w.worker.pending = None
    w.thumb_timer.setInterval(20)
    w.thumb_timer.start()  # typing pauses
    qtbot.waitUntil(lambda: follows == [build], timeout=5000)
    assert "corrections" in runs
    settle(qtbot, w)
    runs.clear()
    follows.clear()
    qtbot.waitUntil(lambda: not w.thumb_timer.isActive(), timeout=5000)
    w.typed_at = time.monotonic()
    w.on_built(build)  # the first build after a pause: read at once
    assert "maps" in runs and "corrections" in runs and follows == [build]
    settle(qtbot, w)


def test_another_text_owes_nothing_of_the_last_ones_readings(qtbot, window):
    w = opened(qtbot, window)
    _runs, follows = _readings_seen(w)
    w.thumb_timer.setInterval(600_000)
    w.thumb_timer.start()
    w.typed_at = time.monotonic()
    w.on_built(w.build)
    assert w.reading_builds() and follows == []
    w.set_text("# Autre\n\nUn autre texte. [Zoé]{.credit}\n", clean=True)
    qtbot.waitUntil(lambda: "Zoé" in w.worker.built_text, timeout=10000)
    qtbot.waitUntil(lambda: len(follows) == 1, timeout=10000)  # the new text's build, at once
    assert follows[0] is w.build and "Zoé" in repr(w.build.document.sections)
    settle(qtbot, w, readings=False)


def test_a_changed_thumbnail_in_view_waits_while_typing_goes_on(qtbot, window, monkeypatch):
    # Repainting the typed page's thumbnail at each build (~20 ms of Python on the
    # panels' thread) took the interpreter lock from the next build: it waits for the
    # pause, like the pages out of view; a page with no picture yet is drawn at once.
    from layout_studio.gui import view_control

    w = window
    w.thumb_timer.setInterval(600_000)  # typing never pauses, until said otherwise
    opened(qtbot, w)
    view = w.thumbnails
    target = next(i for i, page in enumerate(w.thumb_list) if "Paris" in page.text())
    view.scrollToItem(view.item(target))
    in_view = [i for i in w._in_view() if i < view.count()]
    assert target in in_view
    qtbot.waitUntil(lambda: all(i in w.thumb_pages for i in in_view), timeout=10000)
    painted: list[object] = []
    original = view_control.page_image

    def counting(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        painted.append(page)
        return original(page, *args, **kwargs)

    monkeypatch.setattr(view_control, "page_image", counting)
    _type_in_paragraph(qtbot, w, "Paris", wait=_shown)
    qtbot.wait(300)
    assert w.thumb_pages[target] != w.thumb_list[target]  # its page changed
    assert painted == []
    w.thumb_timer.setInterval(50)
    w.thumb_timer.start()
    qtbot.waitUntil(lambda: w.thumbnails_drawn == w.thumb_generation, timeout=10000)
    assert w.thumb_pages[target] is w.thumb_list[target] and painted
