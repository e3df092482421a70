"""The app's exports: the same files as the command line's, from the book the preview shows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor

from tests.conftest import ROOT
from tests.gui.test_window import opened, settle

EXAMPLE = ROOT / "examples" / "cmad"


def _project(folder: Path, printing: str = "") -> Path:
    folder.mkdir()
    shutil.copy(EXAMPLE / "story.md", folder / "story.md")
    toml = folder / "book.toml"
    toml.write_text(
        '[book]\nsource = "story.md"\ntheme = "classique"\n\n'
        '[metadata]\nbyline = "26 auteurs"\n' + printing,
        encoding="utf-8",
    )
    return toml


def _export(qtbot, w, kind: str, target: Path) -> list[str]:
    task = w.export(kind, target)
    assert task is not None
    with qtbot.waitSignal(task.signals.finished, timeout=120000) as done:
        pass
    path, warnings = done.args
    assert Path(path) == target
    return list(warnings)


@pytest.mark.parametrize("kind", ["pdf", "print_cover", "epub"])
def test_the_apps_export_is_the_command_lines(qtbot, window, tmp_path, monkeypatch, kind):
    """A KDP project: 17 pages padded to KDP's 24, the spine sized for them, the EPUB's page
    list from the printed book, as ``layout-studio export`` writes them (the app's export
    wrote 17 pages, which KDP refuses, and the preview showed them)."""
    from layout_studio.export.job import run_export

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = _project(tmp_path / "livre", '\n[print]\nservice = "kdp"\n')
    w = opened(qtbot, window, project)
    suffix = "epub" if kind == "epub" else "pdf"
    from_app = tmp_path / f"app.{suffix}"
    warnings = _export(qtbot, w, kind, from_app)
    from_cli = tmp_path / f"cli.{suffix}"
    run_export(project, **{kind: from_cli})
    assert from_app.read_bytes() == from_cli.read_bytes()
    if kind == "pdf":
        from pypdf import PdfReader

        assert len(PdfReader(from_app).pages) == 24
        assert any("7 page(s) blanche(s) ajoutée(s)" in x for x in warnings), warnings
    # The preview shows the book the printer gets: the same 24 pages, the cover before.
    assert w.build.book.page_count == 24
    assert len(w.preview.canvas.pages) == 25


def test_an_export_takes_the_book_the_preview_shows(qtbot, window, tmp_path, monkeypatch):
    """Nothing is typeset again when the preview shows the text and settings exported (a
    350-page book's export took the whole typesetting again); the file is the same."""
    from layout_studio.gui import export_task

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    w = opened(qtbot, window, _project(tmp_path / "livre"))
    real_build = export_task.build
    calls: list[str] = []

    def build(text, *args, **kwargs):
        calls.append(text)
        return real_build(text, *args, **kwargs)

    monkeypatch.setattr(export_task, "build", build)
    shown = tmp_path / "shown.pdf"
    _export(qtbot, w, "pdf", shown)
    assert calls == []
    # Typed, then exported before the preview's next build: typeset for the export.
    cursor = QTextCursor(w.editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    w.editor.setTextCursor(cursor)
    w.editor.insertPlainText("\n\nUne ligne de plus.\n")
    typed = tmp_path / "typed.pdf"
    _export(qtbot, w, "pdf", typed)
    assert len(calls) == 1 and calls[0].endswith("Une ligne de plus.\n")
    settle(qtbot, w)
    calls.clear()
    again = tmp_path / "again.pdf"
    _export(qtbot, w, "pdf", again)
    assert calls == []
    assert again.read_bytes() == typed.read_bytes() != shown.read_bytes()
    # The project's theme file written over since the preview set it: typeset again.
    theme = w.project.parent / "maison.toml"
    theme.write_text(_THEME.format(size=10.5), encoding="utf-8")
    w.choose_theme("maison.toml")
    settle(qtbot, w)
    calls.clear()
    _export(qtbot, w, "pdf", tmp_path / "maison.pdf")
    assert calls == []
    theme.write_text(_THEME.format(size=12), encoding="utf-8")
    bigger = tmp_path / "maison-12.pdf"
    _export(qtbot, w, "pdf", bigger)
    assert len(calls) == 1
    assert bigger.read_bytes() != (tmp_path / "maison.pdf").read_bytes()


_THEME = """[theme]
name = "maison"
label = "Maison"
extends = "classique"

[body]
size = {size}
"""


def test_a_widened_gutter_is_the_exports_not_a_setting(qtbot, window, tmp_path, monkeypatch):
    """A 170-page book on KDP with a 10 mm inner margin: the preview and the export have
    KDP's 12.7 mm gutter (the same bytes as the command line's), but the styles panel shows
    the 10 mm chosen (it showed 12.7, and Enter in its box made that a setting)."""
    from benchmarks.gui_latency import big_text
    from layout_studio.export.job import run_export
    from layout_studio.style.units import MM

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = _project(
        tmp_path / "livre", '\n[print]\nservice = "kdp"\n\n[theme.page]\ninner = "10mm"\n'
    )
    story = project.parent / "story.md"
    story.write_text(big_text(story.read_text(encoding="utf-8"), 23), encoding="utf-8")
    w = opened(qtbot, window, project)
    assert 150 < w.build.book.page_count <= 300
    assert w.build.theme.page.inner == pytest.approx(0.5 * 72)
    assert w.themes.margins["inner"].value() == pytest.approx(10.0)
    from_app, from_cli = tmp_path / "app.pdf", tmp_path / "cli.pdf"
    _export(qtbot, w, "pdf", from_app)
    run_export(project, pdf=from_cli)
    assert from_app.read_bytes() == from_cli.read_bytes()
    assert w.settings.overrides["page"]["inner"] == "10mm"
    assert 12.6 * MM < w.build.theme.page.inner < 12.8 * MM


def test_a_finished_export_keeps_no_build(qtbot, window, tmp_path):
    """The window keeps its export tasks: one holding the build it took kept a whole page
    model alive for the rest of the session."""
    w = opened(qtbot, window, _project(tmp_path / "livre"))
    task = w.export("pdf", tmp_path / "livre.pdf")
    assert task is not None  # it may have taken its build already: it runs on a pool thread
    with qtbot.waitSignal(task.signals.finished, timeout=120000):
        pass
    assert task.shown is None
