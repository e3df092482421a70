"""The editor's no-break spaces reach the file, the build and every rewrite of the text.

``QPlainTextEdit.toPlainText`` turns U+00A0 into a plain space. An author's
« M. Dupont » or « 10 000 » typed with no-break spaces (or imported with
them from a word processor) must not lose them when the project is saved,
exported, previewed, or when a contributor is renamed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from tests.conftest import ROOT
from tests.gui.test_window import opened, settle

KEPT = "M.\u00a0Dupont compta 10\u00a0000 abonnés"


def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "livre"
    shutil.copytree(ROOT / "examples" / "cmad", folder)
    story = folder / "story.md"
    text = story.read_text(encoding="utf-8")
    at = text.index("Paris")
    story.write_text(text[:at] + KEPT + ". " + text[at:], encoding="utf-8")
    return folder / "book.toml"


def test_no_break_spaces_survive_the_save_the_build_and_a_rename(qtbot, window, tmp_path):
    w = opened(qtbot, window, _project(tmp_path))
    assert KEPT in w.worker.built_text  # the preview's build reads them
    w.editor.appendPlainText("Encore. [Zoé]{.credit}")
    settle(qtbot, w)
    assert KEPT in w.worker.built_text
    saved = tmp_path / "copie.toml"
    assert w.write_project(saved, new=True)
    assert KEPT in (tmp_path / "copie.md").read_text(encoding="utf-8")
    w.rename("Zoé", "Zoé Martin")
    settle(qtbot, w)
    assert "[Zoé Martin]{.credit}" in w.editor.source_text()
    assert KEPT in w.editor.source_text()
