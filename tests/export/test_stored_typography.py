"""Corrected paragraphs kept in the user's cache: typography redone only where the text changed.

A cold export reads back what an earlier one corrected with the same options;
other options never get them, a damaged entry is ignored, the entry follows
the text (bounded), and the corrected document is the one computed afresh.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import layout_studio.text.typography as typography
from layout_studio.export import job, stored_typography
from layout_studio.sources import load_source
from layout_studio.text.typography import apply_typography
from layout_studio.text.typography.options import options_from_table
from tests.conftest import STORY_MD


@pytest.fixture
def corrected(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every paragraph the rules run on."""
    calls: list[int] = []
    original = typography._Collector._spans

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(typography._Collector, "_spans", counting)
    return calls


def _project(folder: Path, typography_table: str = "", word: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    text = STORY_MD.read_text(encoding="utf-8")
    if word:
        at = text.index(" ", len(text) // 2)
        text = f"{text[:at]}{word}{text[at:]}"
    (folder / "story.md").write_text(text, encoding="utf-8")
    (folder / "book.toml").write_text(
        f'[book]\nsource = "story.md"\ntheme = "poche"\n{typography_table}', encoding="utf-8"
    )
    return folder / "book.toml"


def _prepare(book: Path, monkeypatch: pytest.MonkeyPatch) -> job.Prepared:
    """``prepare`` as a new process runs it (no memo in memory)."""
    with monkeypatch.context() as m:
        m.setattr(job, "_TYPOGRAPHY", {})
        return job.prepare(book, outputs=False, stored=True)


def _fresh(book: Path, table: dict[str, object]) -> object:
    """The corrected document without any memo."""
    document = job.prepare(book, outputs=False).document  # for its metadata changes
    raw = load_source(book.parent / "story.md").document
    raw = type(raw)(metadata=document.metadata, sections=raw.sections, footnotes=raw.footnotes)
    return apply_typography(raw, options_from_table(table)).document


def test_an_edited_text_is_corrected_again_only_where_it_changed(
    cache_dir: Path, tmp_path: Path, corrected: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _project(tmp_path / "b")
    first = _prepare(book, monkeypatch)
    everything = len(corrected)
    corrected.clear()
    again = _prepare(book, monkeypatch)
    assert corrected == []
    assert again.document == first.document and again.warnings == first.warnings
    _project(tmp_path / "b", word=" zorglub")
    edited = _prepare(book, monkeypatch)
    assert 0 < len(corrected) <= 2 and everything > 10
    assert edited.document == _fresh(book, {})


def test_other_options_never_get_the_stored_paragraphs(
    cache_dir: Path, tmp_path: Path, corrected: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _prepare(_project(tmp_path / "plain"), monkeypatch)
    everything = len(corrected)
    corrected.clear()
    table = '\n[typography]\ndisabled = ["oe"]\ndash = "em"\n'
    other = _prepare(_project(tmp_path / "other", table), monkeypatch)
    assert len(corrected) == everything
    assert other.document == _fresh(
        tmp_path / "other" / "book.toml", {"disabled": ["oe"], "dash": "em"}
    )


def test_a_well_formed_entry_that_does_not_unpickle_is_ignored(
    cache_dir: Path, tmp_path: Path, corrected: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _project(tmp_path / "b")
    _prepare(book, monkeypatch)
    everything = len(corrected)
    (entry,) = (cache_dir / stored_typography.NAMESPACE).glob("*.bin")
    stored_typography.DiskCache(stored_typography.NAMESPACE).put(entry.stem, b"not a pickle")
    corrected.clear()
    document = _prepare(book, monkeypatch).document
    assert len(corrected) == everything
    assert document == _fresh(book, {})


def test_the_entry_follows_the_text(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = []
    for word in ("", " un", " deux", " trois"):
        _prepare(_project(tmp_path / "b", word=word), monkeypatch)
        (entry,) = (cache_dir / stored_typography.NAMESPACE).glob("*.bin")
        sizes.append(len(pickle.loads(entry.read_bytes()[32:])))
    assert sizes[0] == sizes[1] == sizes[2] == sizes[3]


def test_a_data_file_of_the_rules_is_part_of_the_key(tmp_path: Path) -> None:
    from layout_studio.export import stored_book

    names = [name for name, _st in stored_book._package_files()]
    assert "text/typography/oe_words.txt" in {n.replace("\\", "/") for n in names}
    assert not any("__pycache__" in n or n.startswith("gui") for n in names)
    shutil.rmtree(tmp_path, ignore_errors=True)
