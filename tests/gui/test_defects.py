"""Defects found by a first-time user under a real X server, each pinned by a test."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import BOOK_TOML


def settle(qtbot, w, timeout=20000):
    qtbot.waitUntil(
        lambda: (
            w.build is not None
            and not w.worker.running
            and w.worker.pending is None
            and not w.worker.timer.isActive()
            and not w.reading_builds()  # read off the UI thread
        ),
        timeout=timeout,
    )


def opened(qtbot, w, path=BOOK_TOML):
    assert w.open_path(Path(path))
    settle(qtbot, w)
    qtbot.waitUntil(lambda: w.thumbnails_drawn == w.thumb_generation, timeout=10000)
    return w


def test_thumbnails_do_not_overlap_and_a_click_opens_that_page(qtbot, window):
    w = opened(qtbot, window)
    view = w.thumbnails
    rects = [view.visualItemRect(view.item(i)) for i in range(view.count())]
    for a, b in itertools.pairwise(rects):
        assert not a.intersects(b), (a, b)
        assert a.width() >= 72
    # Click the middle of the thumbnail labelled « 1 »: the preview shows that page.
    row = next(i for i in range(view.count()) if view.item(i).text() == "1")
    view.scrollToItem(view.item(row))
    rect = view.visualItemRect(view.item(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentRow() == row
    assert w.preview.canvas.current == row


def test_clicking_in_the_preview_keeps_the_keyboard_there(qtbot, window):
    """A click shows the passage in the editor but Page Down must still turn pages."""
    w = opened(qtbot, window)
    canvas = w.preview.canvas
    index = next(i for i, p in enumerate(canvas.pages) if p.kind == "body" and i > 7)
    page = canvas.pages[index]  # the canvas shows the cover first
    w.preview.show_page(index)
    rect = canvas.page_rect(index)
    body = [ln for ln in page.lines if ln.para in w.pid_line]
    line = body[len(body) // 2]
    y = int(rect.top() + (line.y - 3) * canvas.zoom)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), y))
    assert w.editor.textCursor().blockNumber() + 1 == w.pid_line[line.para]
    assert QApplication.focusWidget() is not w.editor
    before = canvas.current
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    assert canvas.current == before + 1


def test_enter_in_the_preview_goes_to_the_passage_in_the_editor(qtbot, window):
    w = opened(qtbot, window)
    w.preview.setFocus()
    w.preview.show_page(9)
    w.preview.canvas.current = 9
    qtbot.keyClick(w.preview, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is w.editor


def test_undo_texts_name_the_setting_not_its_key(qtbot, window):
    w = opened(qtbot, window)
    for (table, key), name in {
        ("page", "inner"): "marge intérieure",
        ("body", "size"): "corps du texte",
        ("body", "leading"): "interlignage",
        ("credits", "placement"): "place des crédits",
        ("hyphenation", "enabled"): "césure",
        ("page", "size"): "format de page",
    }.items():
        value = {
            "inner": "20mm",
            "size": 10.5 if table == "body" else "A5",
            "leading": 14.0,
            "placement": "line",
            "enabled": False,
        }[key]
        w.themes.setting.emit(table, key, value)
        text = w.undo_stack.undoText()
        assert name in text, text
        assert f"{table}.{key}" not in text


FIT_SCRIPT = """
import json, sys
from PySide6.QtCore import QCoreApplication, QSettings
from layout_studio.gui.app import make_app
from layout_studio.gui.window import MainWindow
app = make_app()
QCoreApplication.setOrganizationName("Layout Studio Tests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
w = MainWindow(ask_recovery=False)
w.show()
app.processEvents()
f, a = w.frameGeometry(), w.screen().availableGeometry()
print(json.dumps([f.x(), f.y(), f.width(), f.height(), a.width(), a.height()]))
"""


@pytest.mark.parametrize("screen", [(1280, 800), (1600, 1000)])
def test_the_window_fits_the_screen_it_opens_on(tmp_path, screen):
    """At 1280×800 the window opened at 1400×900 with its panels clipped."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    width, height = screen
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "s",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        LAYOUT_STUDIO_STATE_DIR=str(tmp_path / "state"),
    )
    result = subprocess.run(
        [sys.executable, "-c", FIT_SCRIPT, str(tmp_path / "ini")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    x, y, w, h, free_w, free_h = json.loads(result.stdout.strip().splitlines()[-1])
    assert (free_w, free_h) == (width, height)
    assert x >= 0 and y >= 0 and x + w <= free_w and y + h <= free_h, (x, y, w, h)


def visible(w):
    return w.preview.visible_page()


def test_the_preview_opens_showing_whole_pages(qtbot, window):
    w = opened(qtbot, window)
    viewport = w.preview.viewport().rect()
    rect = w.preview.canvas.page_rect(visible(w))
    assert rect.height() <= viewport.height() and rect.width() <= viewport.width(), (rect, viewport)


def test_toggling_spreads_keeps_the_same_page_in_view(qtbot, window):
    w = opened(qtbot, window)
    w.preview.show_page(9)
    assert visible(w) == 9
    w.act_spreads.trigger()
    assert w.act_spreads.isChecked()
    assert visible(w) in (9, 8) and 9 in w.preview.visible_pages()
    w.act_spreads.trigger()
    assert visible(w) == 9


def test_a_change_that_adds_a_page_keeps_the_same_text_in_view(qtbot, window):
    w = opened(qtbot, window)
    canvas = w.preview.canvas
    w.preview.show_page(12)
    first = next(ln.text for ln in canvas.pages[12].lines if ln.para >= 0)
    pages_before = len(canvas.pages)
    cursor = w.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    block = w.editor.document().findBlockByNumber(w.pid_line[min(w.pid_line)] - 1)
    cursor.setPosition(block.position())
    cursor.insertText("Un long paragraphe ajouté en tête. " * 60 + "\n\n")
    settle(qtbot, w)
    assert len(canvas.pages) > pages_before
    shown = canvas.pages[visible(w)]
    assert any(ln.text == first for ln in shown.lines), first


def test_the_thumbnail_highlight_follows_scrolling(qtbot, window):
    w = opened(qtbot, window)
    rect = w.preview.canvas.page_rect(11)
    w.preview.verticalScrollBar().setValue(int(rect.top()))
    qtbot.waitUntil(lambda: w.thumbnails.currentRow() == 11, timeout=2000)


def test_the_tablet_reader_never_grows_the_window(qtbot, window):
    """The 768 × 1024 tablet grew the window to 1232 px high and never shrank back."""
    w = opened(qtbot, window)
    w.resize(1200, 760)
    qtbot.wait(50)
    size = w.size()
    w.act_reader.trigger()
    for index in (1, 0, 1):
        w.device.setCurrentIndex(index)
        qtbot.wait(50)
        assert w.size() == size
        assert w.minimumSizeHint().height() <= 760
        assert w.reader.width() == w.device.currentData()[0]
    # The editor keeps a usable width (not one word per line).
    assert w.editor.width() >= 250


QUIT_AFTER_METADATA = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from layout_studio.gui.app import make_app
from layout_studio.gui.window import MainWindow
app = make_app()
QCoreApplication.setOrganizationName("Layout Studio Tests")
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
w = MainWindow(ask_recovery=False)
w.show()
w.open_path(Path(sys.argv[2]))
def accept():
    dialog = QApplication.activeModalWidget()
    dialog.findChildren(QLineEdit)[0].setText("Un autre titre")
    dialog.accept()
QTimer.singleShot(200, accept)
w.edit_metadata()
w.maybe_save = lambda: True
w.close()
QTimer.singleShot(100, app.quit)
app.exec()
print("quit", flush=True)
"""


def test_quitting_after_the_metadata_dialog_is_clean(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LAYOUT_STUDIO_STATE_DIR=str(tmp_path / "s"))
    result = subprocess.run(
        [sys.executable, "-c", QUIT_AFTER_METADATA, str(tmp_path / "ini"), str(BOOK_TOML)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "quit" in result.stdout
    assert "QObject" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def test_find_and_replace_walk(qtbot, window):
    """Ctrl+F finds, F3 goes on (wrapping), Ctrl+H replaces one then all as one undo step."""
    from PySide6.QtGui import QKeySequence

    w = opened(qtbot, window)
    original = w.editor.toPlainText()
    typo = "s’empreigne"
    assert typo in original
    qtbot.keySequence(w, QKeySequence(QKeySequence.StandardKey.Find))
    assert w.find_bar.isVisible() and not w.find_bar.replace_edit.isVisible()
    qtbot.keyClicks(w.find_bar.find_edit, "jardinier")
    total = original.lower().count("jardinier")
    assert total > 2
    assert str(total) in w.find_bar.count.text()
    qtbot.keyClick(w.find_bar.find_edit, Qt.Key.Key_Return)
    first = w.editor.textCursor().selectionStart()
    assert w.editor.textCursor().selectedText().lower() == "jardinier"
    for _ in range(total):  # F3 `total` times comes back to the first match
        w.find_bar.find_next()
    assert w.editor.textCursor().selectionStart() == first
    # Replace: one, then all; a single undo brings the whole text back.
    qtbot.keySequence(w, QKeySequence(QKeySequence.StandardKey.Replace))
    assert w.find_bar.replace_edit.isVisible()
    w.find_bar.find_edit.setText(typo)
    w.find_bar.replace_edit.setText("s’imprègne")
    w.find_bar.find_next()
    w.find_bar.replace_one()
    assert typo not in w.editor.toPlainText()
    w.find_bar.find_edit.setText("jardinier")
    w.find_bar.replace_edit.setText("JARDINIER")
    w.find_bar.case.setChecked(True)
    n = w.find_bar.replace_all()
    assert n == original.count("jardinier")
    assert "jardinier" not in w.editor.toPlainText()
    w.undo_stack.undo()
    text = w.editor.toPlainText()
    assert text.count("jardinier") == original.count("jardinier")
    assert typo not in text  # the single replacement is a step of its own
    w.undo_stack.undo()
    assert w.editor.toPlainText() == original
    qtbot.keyClick(w.find_bar.find_edit, Qt.Key.Key_Escape)
    assert not w.find_bar.isVisible()


def test_a_build_keeps_the_page_in_view_when_an_earlier_page_has_the_same_first_line(
    qtbot, window, tmp_path
):
    """A page's first line may be found earlier in the book (a refrain, « — Oui. », a
    passage quoted again): the view stayed on the text but jumped to its first
    occurrence, pages away from where the user was typing."""
    import shutil

    from benchmarks.gui_latency import big_text

    folder = tmp_path / "cmad"
    shutil.copytree(Path(BOOK_TOML).parent, folder, ignore=shutil.ignore_patterns("out"))
    story = folder / "story.md"
    story.write_text(big_text(story.read_text(encoding="utf-8"), 3), encoding="utf-8")
    w = opened(qtbot, window, folder / "book.toml")
    canvas = w.preview.canvas
    pages = canvas.pages

    def first_line(page):  # type: ignore[no-untyped-def]
        return next((ln.text for ln in page.lines if ln.para >= 0 and ln.text), None)

    # A page of the third chapter whose first line opens an earlier page too.
    repeated = [
        i
        for i, page in enumerate(pages)
        if first_line(page) and any(first_line(p) == first_line(page) for p in pages[: i - 1])
    ]
    target = repeated[-1]
    w.preview.show_page(target)
    assert visible(w) == target
    cursor = w.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\n\nUn mot de la fin.\n")  # after the page: it does not move
    settle(qtbot, w)
    assert canvas.pages is not pages  # a new build is shown
    assert visible(w) == target
