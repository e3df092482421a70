"""Where an export may write, and all or nothing for its set of outputs.

Fixtures are built in ``tmp_path``. A refused destination must leave every
file as it was (inputs first), write nothing anywhere, exit 1 with one line
naming the file, and never block on a FIFO or replace a device.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layout_studio.errors import LayoutStudioError
from layout_studio.export import job
from layout_studio.io import atomic
from tests.conftest import STORY_MD, run_cli

QUICK = 60


def _refused(done, *needles: str) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: file bytes, or the kind of a non-file."""
    seen: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISREG(mode):
            seen[str(path)] = path.read_bytes()
        else:
            seen[str(path)] = stat.filemode(mode)
    return seen


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    shutil.copy(STORY_MD, path)
    return path


# ---- explicit --pdf / --print-cover / --epub ------------------------------------------


def test_one_missing_folder_writes_nothing_at_all(tmp_path, story):
    before = _snapshot(tmp_path)
    done = run_cli(
        "export",
        str(story),
        "--pdf",
        str(tmp_path / "good.pdf"),
        "--print-cover",
        str(tmp_path / "missing-folder" / "c.pdf"),
        timeout=QUICK,
    )
    _refused(done, "c.pdf", "dossier de destination")
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("option", ["--pdf", "--print-cover", "--epub"])
def test_output_onto_the_source_is_refused(tmp_path, story, option):
    before = _snapshot(tmp_path)
    done = run_cli("export", str(story), option, str(story), timeout=QUICK)
    _refused(done, "story.md", "entrée")
    assert _snapshot(tmp_path) == before


def test_output_onto_the_cover_or_theme_or_project_is_refused(tmp_path, story):
    from PIL import Image

    cover = tmp_path / "couv.pdf.png"
    Image.new("RGB", (600, 900), (0, 90, 0)).save(cover, "PNG")
    theme = tmp_path / "t.toml"
    theme.write_text('[theme]\nextends = "poche"\n', encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text('[book]\nsource = "story.md"\n', encoding="utf-8")
    before = _snapshot(tmp_path)
    for args in (
        ("--cover", str(cover), "--pdf", str(cover)),
        ("--theme", str(theme), "--epub", str(theme)),
    ):
        _refused(run_cli("export", str(story), *args, timeout=QUICK), "entrée")
    _refused(run_cli("export", str(project), "--pdf", str(project), timeout=QUICK), "entrée")
    assert _snapshot(tmp_path) == before


def test_two_outputs_onto_one_file_are_refused(tmp_path, story):
    target = str(tmp_path / "x.pdf")
    done = run_cli("export", str(story), "--pdf", target, "--print-cover", target, timeout=QUICK)
    _refused(done, "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def _null_device(tmp_path: Path) -> Path:
    """A character device to aim at: a private copy of /dev/null when root could replace it.

    Run as root against a broken build, aiming at the real /dev/null would
    replace the machine's own; a private node shows the same bug harmlessly.
    """
    if os.geteuid() != 0:
        return Path("/dev/null")  # nobody else may rename over it
    node = tmp_path / "null.pdf"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return node


def test_a_device_is_never_replaced(tmp_path, story):
    device = _null_device(tmp_path)
    before = os.stat(device)
    done = run_cli("export", str(story), "--pdf", str(device), timeout=QUICK)
    _refused(done, str(device), "pas un fichier ordinaire")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_fifo_symlink_or_folder_as_output_is_refused_at_once(tmp_path, story):
    os.mkfifo(tmp_path / "tube.pdf")
    (tmp_path / "dossier.pdf").mkdir()
    kept = tmp_path / "garde.pdf"
    kept.write_bytes(b"previous")
    (tmp_path / "lien.pdf").symlink_to(kept)
    before = _snapshot(tmp_path)
    for name, reason in (
        ("tube.pdf", "pas un fichier ordinaire"),
        ("dossier.pdf", "dossier"),
        ("lien.pdf", "lien symbolique"),
    ):
        done = run_cli("export", str(story), "--pdf", str(tmp_path / name), timeout=QUICK)
        _refused(done, name, reason)
    assert _snapshot(tmp_path) == before


# ---- outputs named by a project -------------------------------------------------------


def _project(folder: Path, output: str) -> Path:
    folder.mkdir()
    shutil.copy(STORY_MD, folder / "story.md")
    path = folder / "book.toml"
    path.write_text(f'[book]\nsource = "story.md"\n[output]\n{output}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "output, reason",
    [
        ('pdf = "../evade.pdf"', "dossier du projet"),
        ('pdf = "{tmp}/evade.pdf"', "absolu"),
        ('pdf = "dehors/evade.pdf"', "dossier du projet"),  # dehors -> a folder outside
        ('pdf = "story.md"', ".pdf"),
        ('epub = "livre.pdf"', ".epub"),
        ('pdf = "book.toml"', ".pdf"),
        ('pdf = "lien.pdf"', "lien symbolique"),
        ('pdf = "a.pdf"\nprint_cover = "a.pdf"', "a.pdf"),
    ],
)
def test_project_outputs_stay_in_the_project_and_off_its_inputs(tmp_path, output, reason):
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    project = _project(tmp_path / "entree", output.format(tmp=tmp_path.as_posix()))
    (project.parent / "dehors").symlink_to(elsewhere, target_is_directory=True)
    (project.parent / "lien.pdf").symlink_to(elsewhere / "cible.pdf")
    before = _snapshot(tmp_path)
    done = run_cli("export", str(project), timeout=QUICK)
    _refused(done, "book.toml", "output.", reason)
    assert _snapshot(tmp_path) == before


def test_project_outputs_in_a_new_subfolder_are_written(tmp_path):
    project = _project(tmp_path / "entree", 'pdf = "out/livre.pdf"\nepub = "out/livre.epub"')
    done = run_cli("export", str(project), timeout=QUICK * 2)
    assert done.returncode == 0, done.stderr
    assert (project.parent / "out" / "livre.pdf").read_bytes().startswith(b"%PDF")
    assert (project.parent / "out" / "livre.epub").read_bytes().startswith(b"PK")


def test_batch_ignores_a_projects_own_outputs(tmp_path):
    project = _project(tmp_path / "entree", 'pdf = "../../evade.pdf"')
    out = tmp_path / "rendus"
    done = run_cli("batch", str(project), "--out", str(out), "--formats", "pdf", timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "entree" / "livre.pdf").exists()
    assert not (tmp_path.parent / "evade.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entree", "rendus"]


# ---- all or nothing -------------------------------------------------------------------


def test_a_failure_on_the_last_output_leaves_the_previous_set(tmp_path, monkeypatch):
    pdf, epub = tmp_path / "livre.pdf", tmp_path / "livre.epub"
    pdf.write_bytes(b"old pdf")
    epub.write_bytes(b"old epub")
    real = job.render_output

    def failing(kind, **kwargs):
        if kind == "epub":
            raise LayoutStudioError(epub, "échec simulé")
        return real(kind, **kwargs)

    monkeypatch.setattr(job, "render_output", failing)
    with pytest.raises(LayoutStudioError):
        job.run_export(STORY_MD, pdf=pdf, epub=epub)
    assert pdf.read_bytes() == b"old pdf" and epub.read_bytes() == b"old epub"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["livre.epub", "livre.pdf"]


def test_nothing_is_renamed_before_every_output_is_complete(tmp_path, monkeypatch):
    outputs = {"pdf": tmp_path / "a.pdf", "print_cover": tmp_path / "c.pdf"}
    outputs["epub"] = tmp_path / "a.epub"
    renames: list[tuple[str, set[str]]] = []
    real_replace = os.replace

    def replace(src, dst):
        parts = {p.name for p in tmp_path.iterdir() if p.name.endswith(".part")}
        renames.append((Path(dst).name, parts))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    job.run_export(STORY_MD, **outputs)
    assert [name for name, _ in renames] == ["a.pdf", "c.pdf", "a.epub"]
    assert len(renames[0][1]) == 3  # all three complete before the first rename
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_part_files_are_cleaned_by_the_next_run(tmp_path, story):
    dead = tmp_path / atomic.part_name("livre.pdf", pid=_dead_pid())
    alive = tmp_path / atomic.part_name("livre.epub", pid=os.getpid())
    old = tmp_path / atomic.part_name("autre.pdf", pid=os.getpid())
    foreign = tmp_path / ".notes.txt.part"
    for path in (dead, alive, old, foreign):
        path.write_bytes(b"debris")
    day_ago = time.time() - 2 * 86400
    os.utime(old, (day_ago, day_ago))
    done = run_cli("export", str(story), "--pdf", str(tmp_path / "livre.pdf"), timeout=QUICK * 2)
    assert done.returncode == 0, done.stderr
    assert not dead.exists() and not old.exists()
    assert alive.exists() and foreign.exists()  # a live run's file and others' files stay
