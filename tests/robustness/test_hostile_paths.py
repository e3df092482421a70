"""Hostile paths in projects and themes: nothing read outside, special files refused at once.

Every fixture is built in ``tmp_path``: a "secret" story outside the entry
(its title and text carry a marker), a second entry beside the first,
symlinks, absolute and ``../`` paths, and FIFOs. Each refusal must end
quickly, exit 1 with one line naming the file and the key, read nothing
outside and write nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import STORY_MD, run_cli

MARKER = "MARQUEURSECRET"
QUICK = 60  # seconds: a blocked open would hang forever, a refusal takes about one
SECRET_STORY = f"""---
title: {MARKER} titre
---

# Chapitre

Le texte {MARKER} ne doit jamais sortir de son dossier. [Alice]{{.credit}}
"""


def _entry(folder: Path, toml: str, *, story: bool = True) -> Path:
    """An entry folder with its own harmless story and the given ``book.toml``."""
    folder.mkdir(parents=True, exist_ok=True)
    if story:
        shutil.copy(STORY_MD, folder / "story.md")
    project = folder / "book.toml"
    project.write_text(toml, encoding="utf-8")
    return project


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the entry, holding a secret story, theme and image."""
    folder = tmp_path / "ailleurs"
    folder.mkdir()
    (folder / "secret.md").write_text(SECRET_STORY, encoding="utf-8")
    (folder / "secret.toml").write_text('[theme]\nlabel = "vol"\n', encoding="utf-8")
    Image.new("RGB", (600, 900), (250, 0, 0)).save(folder / "secret.png")
    return folder


def _book(key: str, value: str) -> str:
    """A ``[book]`` table with ``story.md`` as source, and ``key = value``."""
    book = {"source": "story.md", key: value}
    return "[book]\n" + "".join(f'{k} = "{v}"\n' for k, v in book.items())


def _refused(done, *needles: str) -> str:
    """Exit 1, one stderr line holding every needle, no traceback."""
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def _no_marker_in(folder: Path) -> None:
    """No PDF text, EPUB member or report under ``folder`` holds the secret marker."""
    for path in folder.rglob("*"):
        if path.suffix == ".pdf":
            text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
            assert MARKER not in text, path
            assert MARKER.encode() not in path.read_bytes(), path
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    assert MARKER.encode() not in z.read(name), (path, name)
        elif path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path


# ---- source, cover and theme named by a project --------------------------------------


@pytest.mark.parametrize(
    "key, value",
    [
        ("source", "{outside}/secret.md"),
        ("source", "../ailleurs/secret.md"),
        ("source", "../autre-entree/story.md"),
        ("cover", "{outside}/secret.png"),
        ("cover", "../ailleurs/secret.png"),
        ("theme", "{outside}/secret.toml"),
        ("theme", "../ailleurs/secret.toml"),
        ("theme", "/etc/passwd"),
    ],
)
def test_project_paths_outside_the_entry_are_refused(tmp_path, outside, key, value):
    _entry(tmp_path / "autre-entree", '[book]\nsource = "story.md"\n')
    (tmp_path / "autre-entree" / "story.md").write_text(SECRET_STORY, encoding="utf-8")
    value = value.format(outside=outside.as_posix())
    toml = _book(key, value)
    project = _entry(tmp_path / "entree", toml + '[output]\npdf = "livre.pdf"\n')
    before = _files(tmp_path)
    done = run_cli("export", str(project), timeout=QUICK)
    _refused(done, "book.toml", f"book.{key}")
    assert _files(tmp_path) == before  # nothing written, inside or out
    assert MARKER not in done.stderr


@pytest.mark.parametrize("key", ["source", "cover", "theme"])
def test_symlinks_leading_outside_are_refused(tmp_path, outside, key):
    target = {"source": "secret.md", "cover": "secret.png", "theme": "secret.toml"}[key]
    name = {"source": "lien.md", "cover": "lien.png", "theme": "lien.toml"}[key]
    toml = _book(key, name) + '[output]\npdf = "livre.pdf"\n'
    project = _entry(tmp_path / "entree", toml)
    (project.parent / name).symlink_to(outside / target)
    before = _files(tmp_path)
    done = run_cli("export", str(project), timeout=QUICK)
    _refused(done, "book.toml", f"book.{key}", "dossier du projet")
    assert _files(tmp_path) == before


def test_source_linked_to_etc_passwd_is_refused(tmp_path):
    project = _entry(tmp_path / "entree", '[book]\nsource = "passwd.md"\n', story=False)
    (project.parent / "passwd.md").symlink_to("/etc/passwd")
    done = run_cli("export", str(project), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK)
    _refused(done, "book.source")
    assert "root:x:" not in done.stderr and "nologin" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_symlinks_inside_the_entry_still_work(tmp_path):
    project = _entry(tmp_path / "entree", '[book]\nsource = "texte/lien.md"\n', story=False)
    (project.parent / "texte").mkdir()
    shutil.copy(STORY_MD, project.parent / "texte" / "vrai.md")
    (project.parent / "texte" / "lien.md").symlink_to("vrai.md")
    done = run_cli("export", str(project), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK * 2)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")


# ---- themes: extends and fonts --------------------------------------------------------


@pytest.mark.parametrize(
    "extends", ["{outside}/secret.toml", "../../ailleurs/secret.toml", "lien-parent.toml"]
)
def test_theme_extends_outside_its_folder_is_refused(tmp_path, outside, extends):
    toml = '[book]\nsource = "story.md"\ntheme = "themes/t.toml"\n'
    project = _entry(tmp_path / "entree", toml)
    themes = project.parent / "themes"
    themes.mkdir()
    (themes / "lien-parent.toml").symlink_to(outside / "secret.toml")
    extends = extends.format(outside=outside.as_posix())
    (themes / "t.toml").write_text(f'[theme]\nextends = "{extends}"\n', encoding="utf-8")
    done = run_cli("export", str(project), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK)
    _refused(done, "t.toml", "extends")
    assert not (tmp_path / "x.pdf").exists()


def test_theme_extends_a_bundled_theme_by_name_still_works(tmp_path):
    toml = '[book]\nsource = "story.md"\ntheme = "t.toml"\n'
    project = _entry(tmp_path / "entree", toml)
    (project.parent / "t.toml").write_text(
        '[theme]\nextends = "poche"\nlabel = "Mien"\n', encoding="utf-8"
    )
    done = run_cli("export", str(project), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK * 2)
    assert done.returncode == 0, done.stderr


# ---- non-regular files: refused at once, never opened for a blocking read -------------


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_fifo_as_explicit_source_is_refused_at_once(tmp_path):
    source = _fifo(tmp_path / "tube.md")
    done = run_cli("export", str(source), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK)
    _refused(done, "tube.md", "pas un fichier ordinaire")
    done = run_cli("inspect", str(source), timeout=QUICK)
    _refused(done, "tube.md", "pas un fichier ordinaire")


def test_fifo_as_book_toml_is_refused_at_once(tmp_path):
    project = _fifo(tmp_path / "book.toml")
    done = run_cli("export", str(project), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK)
    _refused(done, "book.toml", "pas un fichier ordinaire")


@pytest.mark.parametrize("key", ["source", "cover", "theme"])
def test_fifo_named_by_a_project_is_refused_at_once(tmp_path, key):
    name = {"source": "tube.md", "cover": "tube.png", "theme": "tube.toml"}[key]
    toml = _book(key, name)
    project = _entry(tmp_path / "entree", toml)
    _fifo(project.parent / name)
    done = run_cli("export", str(project), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK)
    _refused(done, "book.toml", f"book.{key}", "pas un fichier ordinaire")


@pytest.mark.parametrize("option, name", [("--cover", "tube.png"), ("--theme", "tube.toml")])
def test_fifo_as_explicit_cover_or_theme_is_refused_at_once(tmp_path, option, name):
    fifo = _fifo(tmp_path / name)
    done = run_cli(
        "export", str(STORY_MD), option, str(fifo), "--pdf", str(tmp_path / "x.pdf"), timeout=QUICK
    )
    _refused(done, name, "pas un fichier ordinaire")


def test_fifo_as_theme_parent_or_font_is_refused_at_once(tmp_path):
    _fifo(tmp_path / "parent.toml")
    theme = tmp_path / "t.toml"
    theme.write_text('[theme]\nextends = "parent.toml"\n', encoding="utf-8")
    pdf = str(tmp_path / "x.pdf")
    done = run_cli("export", str(STORY_MD), "--theme", str(theme), "--pdf", pdf, timeout=QUICK)
    _refused(done, "parent.toml", "pas un fichier ordinaire")
    _fifo(tmp_path / "police.ttf")
    theme.write_text('[body]\nfont = { regular = "police.ttf" }\n', encoding="utf-8")
    done = run_cli(
        "export",
        str(STORY_MD),
        "--theme",
        str(theme),
        "--pdf",
        str(tmp_path / "x.pdf"),
        timeout=QUICK,
    )
    _refused(done, "t.toml", "body.font", "pas un fichier ordinaire")


# ---- batch: strictly confined, one bad entry among good ones ---------------------------


def test_batch_reads_nothing_outside_and_ends(tmp_path, outside):
    entries = tmp_path / "entrees"
    _entry(entries / "bonne", '[book]\nsource = "story.md"\ntheme = "poche"\n')
    _entry(entries / "absolu", f'[book]\nsource = "{(outside / "secret.md").as_posix()}"\n')
    _entry(entries / "remonte", '[book]\nsource = "../../ailleurs/secret.md"\n')
    linked = _entry(entries / "lien", '[book]\nsource = "story.md"\ncover = "c.png"\n')
    (linked.parent / "c.png").symlink_to(outside / "secret.png")
    piped = _entry(entries / "tube", '[book]\nsource = "tube.md"\n', story=False)
    _fifo(piped.parent / "tube.md")
    out = tmp_path / "rendus"
    done = run_cli(
        "batch",
        str(entries),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--contact-sheet",
        str(out / "jury.pdf"),
        timeout=300,
    )
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    status = {e["name"]: (e["status"], e["error"] or "") for e in report["entries"]}
    assert status["bonne"][0] == "ok"
    for name, key in (
        ("absolu", "book.source"),
        ("remonte", "book.source"),
        ("lien", "book.cover"),
        ("tube", "book.source"),
    ):
        assert status[name][0] == "error" and key in status[name][1], status[name]
        assert not (out / name).exists()
    _no_marker_in(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ailleurs", "entrees", "rendus"]


def test_batch_entry_folder_linked_outside_is_refused(tmp_path, outside):
    entries = tmp_path / "entrees"
    _entry(entries / "bonne", '[book]\nsource = "story.md"\n')
    (outside / "book.toml").write_text('[book]\nsource = "secret.md"\n', encoding="utf-8")
    (entries / "intrus").symlink_to(outside, target_is_directory=True)
    out = tmp_path / "rendus"
    done = run_cli("batch", str(entries), "--out", str(out), "--formats", "pdf", timeout=300)
    assert done.returncode == 3, done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    status = {e["name"]: e for e in report["entries"]}
    assert status["bonne"]["status"] == "ok"
    assert status["intrus"]["status"] == "error"
    assert "dossier" in status["intrus"]["error"]
    _no_marker_in(out)
