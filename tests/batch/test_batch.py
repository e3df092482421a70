"""Headless batch: parallel entries, broken ones reported, report, contact sheet, atomicity."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, STORY_MD, run_cli

EPOCH = "1359331200"


def _project(folder: Path, **book: str) -> Path:
    """An entry folder holding its own story (and cover): a project names nothing outside it."""
    folder.mkdir(parents=True)
    shutil.copy(STORY_MD, folder / "story.md")
    if "cover" in book and Path(book["cover"]).is_absolute():
        shutil.copy(book["cover"], folder / Path(book["cover"]).name)
        book["cover"] = Path(book["cover"]).name
    lines = ["[book]", 'source = "story.md"']
    lines += [f'{k} = "{v}"' for k, v in book.items()]
    lines += ["", "[metadata]", f'entrant = "Équipe {folder.name}"']
    path = folder / "book.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def contest(tmp_path_factory) -> Path:
    """Six entries: four good (each theme, one with a cover), two broken."""
    root = tmp_path_factory.mktemp("contest")
    cover = root / "couv.png"
    Image.new("RGB", (1800, 2550), (40, 90, 60)).save(cover)
    _project(root / "alice", theme="classique")
    _project(root / "bruno", theme="moderne", cover=str(cover))
    _project(root / "chloé et co", theme="poche")
    _project(root / "damien", theme="moderne")
    _project(root / "erreur-couverture", cover="absente.jpg")
    bad = root / "erreur-texte"
    bad.mkdir()
    (bad / "texte.txt").write_bytes(b"\xff\xfe\x00\xd8" * 10 + b"\x81\x8d\x8f" * 50)
    (bad / "book.toml").write_text('[book]\nsource = "texte.txt"\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def batch_run(contest, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "layout_studio",
            "batch",
            str(contest),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--contact-sheet",
            str(out / "jury.pdf"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    return done, out


def test_exit_code_and_report(batch_run):
    done, out = batch_run
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entries = {e["name"]: e for e in report["entries"]}
    assert set(entries) == {
        "alice",
        "bruno",
        "chloe-et-co",
        "damien",
        "erreur-couverture",
        "erreur-texte",
    }
    assert report["summary"] == {"entries": 6, "ok": 4, "failed": 2, "interrupted": False}
    assert "absente.jpg" in entries["erreur-couverture"]["error"]
    assert "texte.txt" in entries["erreur-texte"]["error"]
    for name in ("alice", "bruno", "chloe-et-co", "damien"):
        e = entries[name]
        assert e["status"] == "ok" and e["pages"] > 10
        assert set(e["outputs"]) == {"pdf", "epub", "cover"}
        for output in e["outputs"].values():
            path = Path(output["path"])
            assert path.parent == out / name and path.stat().st_size == output["bytes"]
            import hashlib

            assert hashlib.sha256(path.read_bytes()).hexdigest() == output["sha256"]
        q = e["quality"]
        assert q["overfull_lines"] == 0 and q["longest_hyphen_run"] <= 1
        assert {"widows", "orphans", "hyphenated_lines", "loose_lines"} <= set(q)
        assert e["seconds"]["total"] > 0
    assert not (out / "erreur-couverture").exists()  # no empty folder for a failed entry


def test_outputs_are_valid_files(batch_run):
    from pypdf import PdfReader

    _done, out = batch_run
    assert len(PdfReader(out / "alice" / "livre.pdf").pages) == 17
    assert PdfReader(out / "bruno" / "couverture.pdf").pages[0].mediabox.width > 600
    import zipfile

    with zipfile.ZipFile(out / "damien" / "livre.epub") as z:
        assert z.namelist()[0] == "mimetype"


def test_contact_sheet_one_page_per_entry_plus_ranking(batch_run):
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    _done, out = batch_run
    reader = PdfReader(out / "jury.pdf")
    assert len(reader.pages) == 7
    texts = [p.extract_text() for p in reader.pages]
    assert "Équipe alice" in texts[0] and "Classique" in texts[0] and "148 × 210 mm" in texts[0]
    assert "Entrée en échec" in texts[4] or "Entrée en échec" in texts[5]
    assert "Classement" in texts[-1] and "erreur-texte" in texts[-1]
    ranking = texts[-1]
    assert all(f"Équipe {n}" in ranking for n in ("alice", "bruno", "damien"))
    # the thumbnails are real pictures: the page is far from blank
    bitmap = pdfium.PdfDocument(out / "jury.pdf")[1].render(scale=0.5).to_pil().convert("L")
    dark = sum(1 for v in bitmap.tobytes() if v < 200) / (bitmap.width * bitmap.height)
    assert dark > 0.05


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_same_bytes_across_jobs_and_reversed_order(contest, batch_run, tmp_path, jobs):
    """Entries run in reverse order (each worker meets other themes first): same bytes."""
    _done, out = batch_run
    again = tmp_path / "again"
    names = ["damien", "chloé et co", "bruno", "alice"]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    subprocess.run(
        [sys.executable, "-m", "layout_studio", "batch"]
        + [str(contest / name / "book.toml") for name in names]
        + ["--out", str(again), "--jobs", jobs],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=600,
        check=True,
    )
    for name in ("alice", "bruno", "chloe-et-co", "damien"):
        for file in ("livre.pdf", "livre.epub", "couverture.pdf"):
            assert (again / name / file).read_bytes() == (out / name / file).read_bytes(), (
                name,
                file,
            )


def test_bad_usage_exits_2(tmp_path):
    done = run_cli("batch", str(tmp_path / "nulle-part"), "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and "projet introuvable" in done.stderr
    done = run_cli("batch", str(STORY_MD), "--out", str(tmp_path / "o"), "--formats", "pdf,docx")
    assert done.returncode == 2 and "docx" in done.stderr
    assert "Traceback" not in done.stderr
