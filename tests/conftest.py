"""Shared fixtures: the real #CMAD source and helpers to run the CLI."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.golden_files import CHANGES, GOLDEN, check_golden

# The EPUB judges live in tests/validators.py; tests import them from here too.
from tests.validators import ace as ace
from tests.validators import epubcheck as epubcheck
from tests.validators import epubcheck_problems as epubcheck_problems

# The GUI tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests never fill the user's cache folder: one fresh cache per test run.
if "LAYOUT_STUDIO_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["LAYOUT_STUDIO_CACHE_DIR"] = tempfile.mkdtemp(prefix="ls-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "cmad" / "cmad-story-source.txt"
STORY_MD = ROOT / "examples" / "cmad" / "story.md"
SHARED_SOURCE = ROOT.parent / "shared" / "corpus" / "cmad-story-source.txt"
CASES = ROOT.parent / "shared" / "corpus" / "typography-cases.tsv"
LOCAL_CASES = ROOT / "tests" / "golden" / "typography-cases.tsv"


@pytest.fixture(scope="session")
def source_path() -> Path:
    return SOURCE


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def imported():
    from layout_studio.sources import load_source

    return load_source(SOURCE)


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "layout_studio", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
    )


BOOK_TOML = ROOT / "examples" / "cmad" / "book.toml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="regenerate tests/golden/ files on purpose"
    )


@pytest.fixture(scope="session")
def golden_folder() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest, golden_folder: Path) -> Callable[[str, str], None]:
    """``golden(name, text)``: compare with tests/golden/name (see ``tests.golden_files``)."""
    update = bool(request.config.getoption("--update-golden"))
    return functools.partial(check_golden, update=update, folder=golden_folder)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show every golden file ``--update-golden`` rewrote, as a diff."""
    if CHANGES:
        terminalreporter.section("golden files rewritten by --update-golden")
        for change in CHANGES:
            terminalreporter.write(change)


@pytest.fixture(scope="session")
def story_document():
    """The reviewed story after the French rules: what the engine typesets."""
    from layout_studio.sources import load_source
    from layout_studio.text.typography import apply_typography

    return apply_typography(load_source(STORY_MD).document).document


@pytest.fixture(scope="session")
def classic_theme():
    from layout_studio.style.theme import load_theme

    return load_theme("classique")


@pytest.fixture(scope="session")
def story_book(story_document, classic_theme):
    from layout_studio.layout.typeset import typeset

    return typeset(story_document, classic_theme)


@pytest.fixture(scope="session")
def story_pdf(story_book, tmp_path_factory) -> Path:
    from layout_studio.export.pdf import write_pdf

    return write_pdf(story_book, tmp_path_factory.mktemp("pdf") / "story.pdf")


@pytest.fixture(scope="session")
def story_prepared():
    from layout_studio.export.job import prepare

    return prepare(BOOK_TOML)
