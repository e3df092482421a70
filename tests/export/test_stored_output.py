"""Finished PDFs kept in the user's cache (``export.stored_output``).

A second export of the same text reads its PDF back instead of drawing it,
with the same warnings and the bytes of an export with the cache off;
whatever else decides the bytes (the text, the date, print or screen, the
writers' settings) draws it again, and a damaged entry is ignored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import layout_studio.export.pdf as pdf_module
from layout_studio.export import stored_output
from layout_studio.export.job import run_export
from layout_studio.io.disk_cache import DiskCache
from tests.conftest import ROOT

STORY = ROOT / "examples" / "cmad" / "cmad-story-source.txt"


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each PDF drawn (its ``screen`` flag)."""
    calls: list[bool] = []
    original = pdf_module.render_pdf

    def counting(doc, *, screen: bool = False):  # type: ignore[no-untyped-def]
        calls.append(screen)
        return original(doc, screen=screen)

    monkeypatch.setattr(pdf_module, "render_pdf", counting)
    return calls


def _story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _uncached(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **kind: bool) -> bytes:
    (name,) = kind
    with monkeypatch.context() as m:
        m.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
        target = tmp_path / f"off-{name}.pdf"
        run_export(source, **{name: target})  # type: ignore[arg-type]
        return target.read_bytes()


def test_a_second_export_reads_the_pdf_back(
    cache_dir: Path, tmp_path: Path, draws: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _story(tmp_path)
    first = run_export(source, pdf=tmp_path / "a.pdf", screen_pdf=tmp_path / "a-screen.pdf")
    assert draws == [False, True]
    draws.clear()
    again = run_export(source, pdf=tmp_path / "b.pdf", screen_pdf=tmp_path / "b-screen.pdf")
    assert draws == []
    assert again.warnings == first.warnings
    assert any("noir et blanc" in w for w in again.warnings)  # the print PDF's own warning
    printed = (tmp_path / "b.pdf").read_bytes()
    screen = (tmp_path / "b-screen.pdf").read_bytes()
    assert printed == (tmp_path / "a.pdf").read_bytes()
    assert printed != screen
    assert printed == _uncached(source, tmp_path, monkeypatch, pdf=True)
    assert screen == _uncached(source, tmp_path, monkeypatch, screen_pdf=True)


def test_another_date_or_text_draws_again(
    cache_dir: Path, tmp_path: Path, draws: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _story(tmp_path)
    run_export(source, pdf=tmp_path / "a.pdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    draws.clear()
    run_export(source, pdf=tmp_path / "b.pdf")
    assert draws == [False]
    assert (tmp_path / "b.pdf").read_bytes() == _uncached(source, tmp_path, monkeypatch, pdf=True)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("histoire", "aventure", 1), encoding="utf-8")
    draws.clear()
    run_export(source, pdf=tmp_path / "c.pdf")
    assert draws == [False]
    assert (tmp_path / "c.pdf").read_bytes() == _uncached(source, tmp_path, monkeypatch, pdf=True)


@pytest.mark.parametrize("content", [b"no line break", b"{not json\n%PDF", b'"a"\n%PDF'])
def test_a_malformed_entry_is_drawn_again(
    cache_dir: Path, tmp_path: Path, draws: list[bool], content: bytes
) -> None:
    source = _story(tmp_path)
    run_export(source, pdf=tmp_path / "a.pdf")
    entry = next((cache_dir / stored_output.NAMESPACE).glob("*.bin"))
    DiskCache(stored_output.NAMESPACE).put(entry.stem, content)  # checksum right
    draws.clear()
    run_export(source, pdf=tmp_path / "b.pdf")
    assert draws == [False]
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_an_entry_holds_the_warnings_then_the_pdf(cache_dir: Path, tmp_path: Path) -> None:
    source = _story(tmp_path)
    result = run_export(source, pdf=tmp_path / "a.pdf")
    entry = next((cache_dir / stored_output.NAMESPACE).glob("*.bin"))
    stored = DiskCache(stored_output.NAMESPACE).get(entry.stem)
    assert stored is not None
    head, _, data = stored.partition(b"\n")
    assert data == (tmp_path / "a.pdf").read_bytes()
    assert set(json.loads(head)) <= set(result.warnings)


def test_writers_settings_change_the_key_or_turn_the_store_off(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_output.writers_version.cache_clear()
    try:
        plain = stored_output.OutputStore("book", "pdf").key
        assert plain is not None
        assert stored_output.OutputStore("book", "screen_pdf").key != plain
        monkeypatch.setenv("RL_invariant", "0")
        stored_output.writers_version.cache_clear()
        assert stored_output.OutputStore("book", "pdf").key not in (None, plain)
        monkeypatch.delenv("RL_invariant")
        with monkeypatch.context() as m:  # another zlib compresses the streams otherwise
            m.setattr(stored_output.zlib, "ZLIB_RUNTIME_VERSION", "0.0")
            stored_output.writers_version.cache_clear()
            assert stored_output.OutputStore("book", "pdf").key not in (None, plain)
        settings = tmp_path / "settings"
        settings.mkdir()
        (settings / "reportlab_settings.py").write_text("invariant = 0\n", encoding="utf-8")
        monkeypatch.syspath_prepend(str(settings))
        stored_output.writers_version.cache_clear()
        assert stored_output.OutputStore("book", "pdf").key is None
    finally:
        stored_output.writers_version.cache_clear()


def test_a_changed_reportlab_accelerator_changes_the_key(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_rl_accel`` (numbers, escapes, checksums) is one file beside the packages, not a folder."""
    folder = tmp_path / "site"
    folder.mkdir()
    accel = folder / "_rl_accel.py"
    accel.write_text("# one version\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, "_rl_accel", raising=False)  # else found as imported
    stored_output.writers_version.cache_clear()
    try:
        before = stored_output.OutputStore("book", "pdf").key
        accel.write_text("# another version, longer\n", encoding="utf-8")
        stored_output.writers_version.cache_clear()
        after = stored_output.OutputStore("book", "pdf").key
        assert None not in (before, after)
        assert after != before
    finally:
        stored_output.writers_version.cache_clear()
