"""A batch always ends: a time limit per entry, broken entries reported, nothing left behind.

The acceptance case of issue 13: thirty entries, broken ones and one whose
work never ends within the time limit, finish with exit 3, a report and a
contact sheet. Every fixture is made at test time.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.batch.conftest import CLAUSE, leftovers, run_batch_cli, write_entry

THEMES = ("classique", "moderne", "poche")
SLOW_PARAGRAPHS = 30_000  # ~7 MB of legal text: over two minutes of work
TIMEOUT = "20"  # above a small entry (1.5 s; 9 s on a loaded machine), far below the slow one


def _slow_entry(folder: Path) -> Path:
    """A genuinely long job: a legal text of twenty thousand clauses."""
    path = write_entry(folder, theme="classique")
    body = "\n\n".join(CLAUSE.format(n=i + 1) for i in range(SLOW_PARAGRAPHS))
    (folder / "texte.md").write_text(
        f"---\ntitle: Conditions générales\nlang: fr\n---\n\n# Conditions\n\n{body}\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def contest(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Thirty entries; gives the folder and, per entry, the status it must end with."""
    root = tmp_path_factory.mktemp("contest-30")
    expected: dict[str, str] = {}
    _slow_entry(root / "a-lent")  # sorted first: it holds a worker from the start
    expected["a-lent"] = "timeout"
    for i in range(22):
        name = f"equipe-{i:02d}"
        if i == 5:  # one entry with its own cover image, inside its folder
            write_entry(root / name, theme=THEMES[i % 3], cover="couv.png")
            Image.new("RGB", (900, 1275), (40, 90, 60)).save(root / name / "couv.png")
        else:
            write_entry(root / name, theme=THEMES[i % 3])
        expected[name] = "ok"

    write_entry(root / "x-couverture-absente", cover="absente.jpg")
    write_entry(root / "x-theme-inconnu", theme="inexistant")
    write_entry(root / "x-texte-indechiffrable")
    (root / "x-texte-indechiffrable" / "texte.md").write_bytes(
        b"\xff\xfe\x00\xd8" * 10 + b"\x81\x8d\x8f" * 50
    )
    write_entry(root / "x-source-absente")
    (root / "x-source-absente" / "texte.md").unlink()
    bad_toml = root / "x-toml-casse"
    bad_toml.mkdir()
    (bad_toml / "book.toml").write_text('[book\nsource = "texte.md"\n', encoding="utf-8")
    no_source = root / "x-sans-source"
    no_source.mkdir()
    (no_source / "book.toml").write_text('[book]\ntheme = "poche"\n', encoding="utf-8")
    write_entry(root / "x-tube")
    fifo = root / "x-tube" / "texte.md"
    fifo.unlink()
    os.mkfifo(fifo)  # a source that never ends: nobody ever writes into it
    for name in os.listdir(root):
        if name.startswith("x-"):
            expected[name] = "error"
    assert len(expected) == 30
    return root, expected


@pytest.fixture(scope="module")
def thirty(contest, tmp_path_factory):
    root, expected = contest
    out = tmp_path_factory.mktemp("out-30")
    started = time.monotonic()
    done = run_batch_cli(
        str(root),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--timeout",
        TIMEOUT,
        "--contact-sheet",
        str(out / "jury.pdf"),
    )
    return done, out, expected, time.monotonic() - started


def test_thirty_entries_end_with_exit_3_a_report_and_a_contact_sheet(thirty):
    from pypdf import PdfReader

    done, out, expected, seconds = thirty
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {e["name"]: e["status"] for e in report["entries"]}
    assert set(statuses) == set(expected)
    for name, status in expected.items():
        if name == "x-tube":  # refused at once, or stopped by the time limit
            assert statuses[name] in ("error", "timeout"), name
        else:
            assert statuses[name] == status, (name, statuses[name])
    assert report["summary"]["ok"] == 22 and report["summary"]["failed"] == 8
    assert report["summary"]["interrupted"] is False
    assert report["timeout"] == float(TIMEOUT)
    pages = PdfReader(out / "jury.pdf").pages
    assert len(pages) == 31  # one page per entry and the ranking
    assert seconds < 150, f"the batch took {seconds:.0f} s"


def test_the_stuck_entry_is_stopped_with_its_reason_in_french(thirty):
    done, out, _expected, _seconds = thirty
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    slow = next(e for e in report["entries"] if e["name"] == "a-lent")
    assert slow["status"] == "timeout"
    assert "a-lent" in slow["error"] and "délai dépassé" in slow["error"]
    assert f"{TIMEOUT} s" in slow["error"]
    assert slow["outputs"] == {}
    assert "a-lent" in done.stderr and "délai dépassé" in done.stderr
    for name in ("x-couverture-absente", "x-theme-inconnu", "x-texte-indechiffrable"):
        error = next(e["error"] for e in report["entries"] if e["name"] == name)
        assert error and "\n" not in error and "Traceback" not in error


def test_failed_entries_leave_no_folder_and_no_file(thirty):
    _done, out, expected, _seconds = thirty
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert leftovers(out) == []
    for entry in report["entries"]:
        folder = out / entry["name"]
        if entry["status"] == "ok":
            files = sorted(p.name for p in folder.iterdir())
            assert files == ["couverture.pdf", "livre.epub", "livre.pdf"]
            for output in entry["outputs"].values():
                data = Path(output["path"]).read_bytes()
                assert hashlib.sha256(data).hexdigest() == output["sha256"]
        else:
            assert not folder.exists(), entry["name"]
    assert {p.name for p in out.iterdir()} == {
        *(n for n, s in expected.items() if s == "ok"),
        "report.json",
        "jury.pdf",
    }


def test_a_killed_worker_is_replaced_with_one_job(tmp_path):
    """--jobs 1: the only worker is killed on the slow entry; the next entries still run."""
    _slow_entry(tmp_path / "entrees" / "a-lent")
    write_entry(tmp_path / "entrees" / "b-court", theme="poche")
    write_entry(tmp_path / "entrees" / "c-court", theme="moderne")
    out = tmp_path / "out"
    done = run_batch_cli(
        str(tmp_path / "entrees"), "--out", str(out), "--jobs", "1", "--timeout", "15"
    )
    assert done.returncode == 3, done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [e["status"] for e in report["entries"]] == ["timeout", "ok", "ok"]
    assert not (out / "a-lent").exists() and leftovers(out) == []


def test_a_failed_rerun_keeps_the_previous_files_and_sweeps_old_leftovers(tmp_path):
    """All or nothing per entry: a run that fails leaves the last good set untouched."""
    book = write_entry(tmp_path / "entrees" / "alice", theme="poche")
    out = tmp_path / "out"
    first = run_batch_cli(str(book), "--out", str(out), "--jobs", "1")
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in (out / "alice").iterdir()}
    # what a SIGKILLed run could have left: a staging folder and a hidden temporary file
    (out / ".alice.part").mkdir()
    (out / ".alice.part" / "livre.pdf").write_bytes(b"%PDF-1.4 truncated")
    (out / "alice" / ".livre.pdf.x1y2z3.part").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "entrees" / "alice" / "texte.md").write_bytes(b"\xff\xfe\x00\xd8" * 40)
    second = run_batch_cli(str(book), "--out", str(out), "--jobs", "1")
    assert second.returncode == 3, second.stderr
    assert {p.name: p.read_bytes() for p in (out / "alice").iterdir()} == before
    assert leftovers(out) == []


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf"])
def test_bad_timeout_is_bad_usage(tmp_path, value):
    book = write_entry(tmp_path / "alice")
    done = run_batch_cli(str(book), "--out", str(tmp_path / "o"), "--timeout", value)
    assert done.returncode == 2, done.stderr
    assert "--timeout" in done.stderr and "Traceback" not in done.stderr


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def test_no_worker_outlives_a_batch_killed_by_sigkill(tmp_path):
    """A parent killed outright (out of memory, kill -9) takes its stuck workers with it."""
    import signal
    import subprocess

    from tests.batch.conftest import batch_command, batch_env
    from tests.conftest import ROOT

    book = _slow_entry(tmp_path / "a-lent")
    proc = subprocess.Popen(
        batch_command(str(book), "--out", str(tmp_path / "out"), "--jobs", "1"),
        cwd=ROOT,
        env=batch_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert workers, "no worker started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)  # do not leave it running if the test fails
    assert not alive, "a worker outlived its batch"


def test_an_entry_that_fails_late_is_not_ok_and_leaves_nothing(tmp_path, monkeypatch):
    """A failure after the files are written (here: the thumbnails) fails the whole entry."""
    from layout_studio.batch import runner, thumbnails

    def broken(_prepared, _image):
        raise MemoryError

    monkeypatch.setattr(thumbnails, "thumbnails", broken)
    book = write_entry(tmp_path / "alice", theme="poche")
    folder = tmp_path / "out" / "alice"
    record = runner.export_entry(str(book), str(folder), ("pdf",), "alice")
    assert record["status"] == "error" and "mémoire" in record["error"]
    runner.commit_entry(record, folder)
    assert not folder.exists() and leftovers(tmp_path / "out") == []
