"""One export job typesets the book once, whatever it writes (PDF, EPUB, ONIX).

The EPUB's page-list needs the print pages: it reuses the page model the PDF
is drawn from rather than typesetting again, and an EPUB-only export typesets
once for both needs. The EPUB written beside a PDF is byte for byte the
EPUB written alone, and EPUBCheck and DAISY Ace accept it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import layout_studio.export.epub as epub_package
import layout_studio.layout.service as service
import layout_studio.layout.typeset as typeset_module
from layout_studio.export.job import run_export
from tests.conftest import ace, epubcheck, epubcheck_problems

ROOT = Path(__file__).resolve().parents[2]
STORY = ROOT / "examples" / "cmad" / "story.md"


@pytest.fixture
def typesets(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every typeset an export runs (the job's and the print service's).

    The user's cache is off: a book read back from it is not typeset at all
    (``test_stored_book``); here every export sets its book.
    """
    calls: list[int] = []
    original = typeset_module.typeset

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(typeset_module, "typeset", counting)
    monkeypatch.setattr(service, "typeset", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    return calls


@pytest.fixture
def epub_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = epub_package.build_epub

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(epub_package, "build_epub", counting)
    return calls


def test_pdf_and_epub_of_one_export_typeset_once(tmp_path, typesets, epub_builds):
    both = run_export(STORY, pdf=tmp_path / "b.pdf", epub=tmp_path / "b.epub")
    assert len(typesets) == 1
    assert len(epub_builds) == 1
    assert set(both.written) == {"pdf", "epub"}
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")


def test_an_epub_alone_typesets_once_and_is_the_epub_written_beside_the_pdf(
    tmp_path, typesets, epub_builds
):
    run_export(STORY, pdf=tmp_path / "b.pdf", epub=tmp_path / "b.epub")
    typesets.clear()
    run_export(STORY, epub=tmp_path / "alone.epub")
    assert len(typesets) == 1
    assert (tmp_path / "alone.epub").read_bytes() == (tmp_path / "b.epub").read_bytes()


def test_epub_and_onix_share_one_build(tmp_path, typesets, epub_builds):
    run_export(STORY, epub=tmp_path / "b.epub", onix=tmp_path / "b.xml")
    assert len(typesets) == 1
    assert len(epub_builds) == 1
    alone = run_export(STORY, onix=tmp_path / "alone.xml")
    assert alone.written == {"onix": tmp_path / "alone.xml"}
    assert (tmp_path / "alone.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()


def test_epub_written_beside_the_pdf_passes_epubcheck_and_ace(tmp_path, typesets):
    run_export(STORY, pdf=tmp_path / "b.pdf", epub=tmp_path / "b.epub")
    assert len(typesets) == 1
    assert epubcheck_problems(epubcheck(tmp_path / "b.epub")) == []
    assert ace(tmp_path / "b.epub") == []
