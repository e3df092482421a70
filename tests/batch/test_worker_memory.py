"""A batch worker's memos must not keep the fonts of the entries it exported long ago.

A worker exports entry after entry in one process; the layout's memos
(shaped pieces, words, broken paragraphs) key on fonts and themes. An entry
may ship its own fonts (a theme in its folder naming ``.ttf`` files there):
once the worker has moved on to other themes, those fonts, and what was set
with them, must be freed, or a long contest grows each worker without end.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pytest

from layout_studio.batch.runner import export_entry
from layout_studio.layout import inline, paragraphs
from layout_studio.style import kept_themes
from layout_studio.style.theme import load_theme
from layout_studio.text.fonts import Font
from tests.batch.conftest import write_entry


def _own_fonts_entry(folder: Path) -> Path:
    """An entry whose theme, in its folder, sets the body in its own copy of a face."""
    project = write_entry(folder, theme="propre.toml", paragraphs=4)
    classique = load_theme("classique")
    for variant in ("regular", "italic"):
        shutil.copy(classique.body.font.path(variant), folder / f"corps-{variant}.ttf")
    (folder / "propre.toml").write_text(
        '[theme]\nextends = "classique"\n[body]\n'
        'font = { regular = "corps-regular.ttf", italic = "corps-italic.ttf" }\n',
        encoding="utf-8",
    )
    return project


def _export(project: Path, out: Path) -> None:
    record = export_entry(str(project), str(out / project.parent.name), ("pdf", "epub"), "e")
    assert record["status"] == "ok", record["error"]


def _fonts_under(folder: Path) -> list[weakref.ref[Font]]:
    gc.collect()
    return [
        weakref.ref(o)
        for o in gc.get_objects()
        if isinstance(o, Font) and o.path.is_relative_to(folder)
    ]


def test_fonts_of_past_entries_are_freed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_themes, "_SHARED", [])
    monkeypatch.setattr(kept_themes, "_KEPT", {})
    monkeypatch.setattr(kept_themes, "SHARED", 1)  # the worker keeps one theme's memos
    own = _own_fonts_entry(tmp_path / "propre")
    _export(own, tmp_path / "out")
    fonts = _fonts_under(own.parent)
    assert fonts  # the entry's own faces were loaded and set with
    _export(write_entry(tmp_path / "suivante"), tmp_path / "out")
    gc.collect()
    assert [r() for r in fonts if r() is not None] == []


def test_the_themes_kept_keep_their_memos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Freeing must not cost a worker that stays with its themes its warm memos.
    monkeypatch.setattr(kept_themes, "_SHARED", [])
    first = write_entry(tmp_path / "a", paragraphs=5)
    _export(first, tmp_path / "out")
    memos = (inline._PIECES, inline._WORDS, paragraphs._PARAGRAPHS)
    kept = [{id(v) for v in memo.values()} for memo in memos]
    assert all(kept)
    _export(first, tmp_path / "out")  # the same entry again: nothing set anew
    assert [{id(v) for v in memo.values()} for memo in memos] == kept


def test_reportlab_forgets_the_faces_of_past_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # reportlab's parse of a face (its tables, a few MB) is kept per process for the PDFs.
    from reportlab.pdfbase import pdfmetrics

    from layout_studio.export.pdf_fonts import _Fonts

    monkeypatch.setattr(kept_themes, "_SHARED", [])
    monkeypatch.setattr(kept_themes, "_KEPT", {})
    monkeypatch.setattr(kept_themes, "SHARED", 1)
    own = _own_fonts_entry(tmp_path / "propre")
    from fontTools.ttLib import TTFont

    for variant in ("regular", "italic"):  # faces of their own, not copies of the shipped ones
        face = TTFont(own.parent / f"corps-{variant}.ttf")
        face["name"].setName(f"Version propre {tmp_path.name}", 5, 3, 1, 0x409)
        face.save(own.parent / f"corps-{variant}.ttf")
    _export(own, tmp_path / "out")

    def own_faces() -> list[str]:
        return [
            key
            for key, ttf in _Fonts.registered.items()
            if Path(ttf.face.filename).is_relative_to(own.parent)
        ]

    registered = own_faces()
    assert registered
    _export(write_entry(tmp_path / "suivante"), tmp_path / "out")
    assert own_faces() == []
    assert not set(registered) & set(pdfmetrics.getRegisteredFontNames())
