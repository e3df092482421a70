"""Same input and SOURCE_DATE_EPOCH give the same bytes, whatever ran before in the process.

Exports the three shipped themes in one order, then in the reverse order, in
this one process, and compares every PDF and EPUB byte for byte with the
files a fresh process writes for that theme alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, STORY_MD

EPOCH = "1359331200"
THEMES = ("classique", "moderne", "poche")


def _fresh(theme: str, folder: Path) -> dict[str, bytes]:
    """The theme's files from a process that exported nothing before."""
    folder.mkdir(parents=True)
    script = (
        "import sys\n"
        "from layout_studio.export.job import run_export\n"
        "run_export(sys.argv[1], theme=sys.argv[2], pdf=sys.argv[3], epub=sys.argv[4])\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(STORY_MD), theme]
        + [str(folder / "livre.pdf"), str(folder / "livre.epub")],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: (folder / name).read_bytes() for name in ("livre.pdf", "livre.epub")}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("fresh")
    return {theme: _fresh(theme, root / theme) for theme in THEMES}


@pytest.mark.parametrize("order", [THEMES, THEMES[::-1]], ids=["forward", "reverse"])
def test_one_process_any_order_same_bytes_as_fresh_processes(fresh, order, tmp_path, monkeypatch):
    from layout_studio.export.job import run_export

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for theme in order:
        folder = tmp_path / theme
        folder.mkdir()
        run_export(STORY_MD, theme=theme, pdf=folder / "livre.pdf", epub=folder / "livre.epub")
    for theme in order:
        for name, expected in fresh[theme].items():
            assert (tmp_path / theme / name).read_bytes() == expected, (theme, name, order)


def _entry_with_face(folder: Path, face: Path, postscript_name: str) -> Path:
    """An entry whose theme sets the body in ``face``, renamed ``postscript_name``."""
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True)
    (folder / "story.md").write_bytes(STORY_MD.read_bytes())
    font = TTFont(face)
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = postscript_name
    font.save(folder / "corps.ttf")
    (folder / "t.toml").write_text(
        '[theme]\nextends = "classique"\n[body]\nfont = { regular = "corps.ttf" }\n',
        encoding="utf-8",
    )
    (folder / "book.toml").write_text(
        '[book]\nsource = "story.md"\ntheme = "t.toml"\n', encoding="utf-8"
    )
    return folder / "book.toml"


def test_an_entrys_face_is_never_an_earlier_entrys_of_the_same_name(tmp_path, monkeypatch):
    # Two strangers' faces may carry one PostScript name: a worker must embed each
    # entry's own file, as a fresh process does, never the one it registered first.
    from layout_studio.batch.runner import export_entry
    from layout_studio.style.theme import load_theme

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    classique = load_theme("classique")
    name = "Inconnue-Regular"
    first = _entry_with_face(tmp_path / "a", classique.body.font.path("regular"), name)
    second = _entry_with_face(tmp_path / "b", classique.heading.font.path("bold"), name)
    script = (
        "import sys\n"
        "from layout_studio.batch.runner import export_entry\n"
        "export_entry(sys.argv[1], sys.argv[2], ('pdf',), 'b')\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(second), str(tmp_path / "fresh" / "b")],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        check=True,
        capture_output=True,
        timeout=300,
    )
    fresh = (tmp_path / "fresh" / ".b.part" / "livre.pdf").read_bytes()
    for project in (first, second):
        record = export_entry(
            str(project), str(tmp_path / "one" / project.parent.name), ("pdf",), "x"
        )
        assert record["status"] == "ok", record["error"]
    assert (tmp_path / "one" / ".b.part" / "livre.pdf").read_bytes() == fresh
