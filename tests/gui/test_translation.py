"""The interface in French by default and in English on an English locale.

Checks the whole interface, not only the menus: every label, button,
tooltip, accessible name, header and dialog of the main window and the
metadata dialog shows English text under an English locale, with no French
source string left (wrapped but untranslated, or never wrapped). The
shipped catalogue must match what ``pyside6-lupdate`` finds in the code,
and Qt's own strings (standard buttons, key names) follow the locale.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QMenu,
    QToolBar,
    QTreeWidget,
    QWidget,
)

from layout_studio.gui.i18n import translate_en
from tests.conftest import BOOK_TOML

GUI = Path(__file__).resolve().parents[2] / "layout_studio" / "gui"
FRENCH = re.compile(r"[éèêàçùôîœ’«»]|\b(le|la|les|des|du|une|et|pour|sans|ligne)\b", re.I)


def _strings(root: QWidget, skip: set[int]) -> list[str]:
    """What the user reads: texts, tooltips, accessible names, titles, headers, menus."""
    out: list[str] = [root.windowTitle()]
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if id(w) in skip or any(id(p) in skip for p in _parents(w)):
            continue
        out += [w.accessibleName(), w.toolTip()]
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QDockWidget):
            out.append(w.windowTitle())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            out += [header.text(i) for i in range(header.columnCount())]
        if isinstance(w, QMenu):
            out.append(w.title())
        for action in w.actions():
            out += [action.text(), action.toolTip()]
    return [s for s in out if s]


def _parents(w: QWidget):
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()


def _untranslated(strings: list[str]) -> list[str]:
    sources = {k for k, v in translate_en.EN.items() if k != v}
    return sorted({s for s in strings if s in sources or FRENCH.search(s.replace("&", ""))})


@pytest.fixture()
def english(qtbot):
    from layout_studio.gui.app import install_translation

    app = QApplication.instance()
    translators = install_translation(app, QLocale(QLocale.Language.English))
    assert len(translators) == 2  # Qt's own strings and the app's
    yield app
    for t in translators:
        app.removeTranslator(t)


def test_the_whole_english_interface_is_english(qtbot, english, window):
    from layout_studio.gui.window import MetadataDialog

    w = window  # made after the English translators: ``english`` comes first
    assert w.open_path(BOOK_TOML)
    qtbot.waitUntil(lambda: w.build is not None and not w.worker.running, timeout=20000)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Insert", "&View", "&Book", "E&xport", "&Help"]
    # Book data (text, names, theme descriptions, engine messages) is French by design.
    data = {
        w.editor,
        w.reader,
        w.thumbnails,
        w.themes.gallery,
        w.themes.page_size,
        w.contributors.tree,
        w.contributors.doubtful,
        w.typography.tree,
        w.cover_panel.notes,
        w.status,
        w.statusBar(),
    }
    skip = {id(x) for x in data}
    strings = _strings(w, skip)
    for tree in (w.contributors.tree, w.typography.tree):
        header = tree.headerItem()
        strings += [header.text(i) for i in range(header.columnCount())]
    strings += [x.accessibleName() for x in data if isinstance(x, QWidget)]
    strings += [w.status.text(), *(bar.windowTitle() for bar in w.findChildren(QToolBar))]
    for menu in w.menuBar().findChildren(QMenu):
        strings += [a.text() for a in menu.actions()]
    assert len(strings) > 100
    assert w.thumbnails.item(0).text() == "cover"
    for expected in ("Save as Theme…", "Typographic corrections", "Tools", "Cover thumbnail"):
        assert expected in strings
    assert re.fullmatch(
        r"\d+ pages · \d+ hyphenations · 0 overfull line\(s\) · .*", w.status.text()
    )
    dialog = MetadataDialog(w, {"title": "Il était une fois"}, ["Cécile", "aristote"])
    names = {id(dialog.names), id(dialog.edits["title"])}
    dialog_strings = _strings(dialog, names)
    assert "Move Up" in dialog_strings and "Alt+Up" in dialog_strings
    assert _untranslated(strings + dialog_strings) == []
    dialog.deleteLater()


def test_french_is_the_default_with_qt_strings_in_french(qtbot, tmp_path, monkeypatch):
    from layout_studio.gui.app import install_translation
    from layout_studio.gui.window import MainWindow

    monkeypatch.setenv("LAYOUT_STUDIO_STATE_DIR", str(tmp_path))
    app = QApplication.instance()
    translators = install_translation(app, QLocale(QLocale.Language.French))
    try:
        assert len(translators) == 1  # Qt's own; the app's source strings are French
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        assert sorted(b.text() for b in buttons.buttons()) == ["Annuler", "Enregistrer"]
        native = QKeySequence.SequenceFormat.NativeText
        assert QKeySequence("Alt+Up").toString(native) == "Alt+Haut"
        w = MainWindow(ask_recovery=False)
        assert next(a.text() for a in w.menuBar().actions()) == "&Fichier"
        assert w.themes.save_button.text() == "Enregistrer comme thème…"
        w.maybe_save = lambda: True
        w.worker.wait()
        w.close()
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_shipped_catalogue_matches_the_code(tmp_path):
    """lupdate on today's code finds no string the shipped .ts and .qm lack."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if not lupdate or not lrelease:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "en.ts"
    shutil.copy(GUI / "i18n" / "layout_studio_en.ts", ts)
    sources = sorted(p.name for p in GUI.glob("*.py"))
    subprocess.run(
        [lupdate, *sources, "-ts", str(ts), "-no-obsolete"],
        cwd=GUI,
        check=True,
        capture_output=True,
    )
    translate_en.main(str(ts))  # raises SystemExit naming any string without English
    fresh = _messages(ts)
    assert fresh == _messages(GUI / "i18n" / "layout_studio_en.ts")
    assert len(fresh) > 140
    qm = tmp_path / "en.qm"
    subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (GUI / "i18n" / "layout_studio_en.qm").read_bytes()


def _messages(path: Path) -> set[tuple[str, str, str]]:
    from xml.etree import ElementTree as ET

    out = set()
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            out.add((name, m.findtext("source") or "", m.findtext("translation") or ""))
    return out
