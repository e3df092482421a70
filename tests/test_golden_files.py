"""Golden files are never written behind a test's back; ``--update-golden`` shows what changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

A_TEST = """
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def golden_folder():
    return Path(__file__).parent / "golden"


def test_output(golden):
    golden("sortie.txt", "ligne un\\nligne deux modifiée\\nligne trois\\n")
"""


def _pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest on ``folder`` with this suite's conftest as a plugin (fixture and summary)."""
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider"]
        + ["-c", str(folder / "pytest.ini"), "--rootdir", str(folder), str(folder), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_golden_fails_and_is_not_written(tmp_path):
    (tmp_path / "test_a.py").write_text(A_TEST, encoding="utf-8")
    (tmp_path / "golden").mkdir()
    done = _pytest(tmp_path)
    assert done.returncode == 1, done.stdout
    assert "1 failed" in done.stdout
    assert "is missing: run `pytest --update-golden` on purpose" in done.stdout
    assert not (tmp_path / "golden" / "sortie.txt").exists()


def test_a_changed_output_fails_with_its_diff(tmp_path):
    (tmp_path / "test_a.py").write_text(A_TEST, encoding="utf-8")
    (tmp_path / "golden").mkdir()
    golden = tmp_path / "golden" / "sortie.txt"
    golden.write_text("ligne un\nligne deux\nligne trois\n", encoding="utf-8")
    done = _pytest(tmp_path)
    assert done.returncode == 1, done.stdout
    assert "-ligne deux\n+ligne deux modifiée\n" in done.stdout
    assert golden.read_text(encoding="utf-8") == "ligne un\nligne deux\nligne trois\n"


def test_update_golden_rewrites_and_prints_the_diff(tmp_path):
    (tmp_path / "test_a.py").write_text(A_TEST, encoding="utf-8")
    (tmp_path / "golden").mkdir()
    golden = tmp_path / "golden" / "sortie.txt"
    golden.write_text("ligne un\nligne deux\nligne trois\n", encoding="utf-8")
    done = _pytest(tmp_path, "--update-golden")
    assert done.returncode == 0, done.stdout
    assert "golden files rewritten by --update-golden" in done.stdout
    assert " ligne un\n-ligne deux\n+ligne deux modifiée\n ligne trois\n" in done.stdout
    assert golden.read_text(encoding="utf-8").endswith("modifiée\nligne trois\n")
    # Once up to date, a second update has nothing to show.
    again = _pytest(tmp_path, "--update-golden")
    assert again.returncode == 0 and "rewritten" not in again.stdout, again.stdout


def test_update_golden_shows_a_new_file_whole(tmp_path):
    (tmp_path / "test_a.py").write_text(A_TEST, encoding="utf-8")
    (tmp_path / "golden").mkdir()
    done = _pytest(tmp_path, "--update-golden")
    assert done.returncode == 0, done.stdout
    assert "new golden file:" in done.stdout and "+ligne trois\n" in done.stdout
    assert (tmp_path / "golden" / "sortie.txt").exists()
