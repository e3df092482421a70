"""``prepare`` remembers corrected paragraphs per process and options: never a different result."""

from __future__ import annotations

import shutil

from layout_studio.export import job
from layout_studio.sources import load_source
from layout_studio.text.typography import apply_typography
from layout_studio.text.typography.options import options_from_table
from tests.conftest import STORY_MD


def _project(folder, typography: str = ""):
    folder.mkdir()
    shutil.copy(STORY_MD, folder / "story.md")
    (folder / "book.toml").write_text(
        f'[book]\nsource = "story.md"\ntheme = "poche"\n{typography}', encoding="utf-8"
    )
    return folder / "book.toml"


def _fresh(book, table):
    """What the corrections are without any memo."""
    document = job.prepare(book, outputs=False).document  # for its metadata changes
    raw = load_source(book.parent / "story.md").document
    raw = type(raw)(metadata=document.metadata, sections=raw.sections, footnotes=raw.footnotes)
    return apply_typography(raw, options_from_table(table)).document


def test_an_entry_corrected_after_others_is_corrected_as_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(job, "_TYPOGRAPHY", {})
    plain = _project(tmp_path / "plain")
    other = _project(tmp_path / "other", '\n[typography]\ndisabled = ["oe"]\ndash = "em"\n')
    first = job.prepare(plain, outputs=False)
    assert len(job._TYPOGRAPHY) == 1 and next(iter(job._TYPOGRAPHY.values()))
    # Other options: their own memo, not the first one's paragraphs.
    second = job.prepare(other, outputs=False)
    assert len(job._TYPOGRAPHY) == 2
    again = job.prepare(plain, outputs=False)  # every paragraph from the memo
    assert again.document == first.document
    assert again.document == _fresh(plain, {})
    assert second.document == _fresh(other, {"disabled": ["oe"], "dash": "em"})
    assert second.document != first.document  # the options do change the text
    assert again.warnings == first.warnings


def test_the_memo_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(job, "_TYPOGRAPHY", {})
    monkeypatch.setattr(job, "MAX_MEMO_PARAGRAPHS", 20)
    plain = _project(tmp_path / "plain")
    job.prepare(plain, outputs=False)
    held = sum(len(m) for m in job._TYPOGRAPHY.values())
    assert held > 20  # one story is more than the bound...
    again = job.prepare(plain, outputs=False)
    assert again.document == _fresh(plain, {})
    # ...so the next build started from an empty memo rather than growing it
    assert sum(len(m) for m in job._TYPOGRAPHY.values()) == held
