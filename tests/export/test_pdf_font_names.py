"""Fonts that share a PostScript name but not their bytes, in one process or one book.

A batch worker exports strangers' entries one after another; reportlab keeps
the fonts it registered for the process. An entry's own face named like
another entry's (or like a shipped face) must be drawn with its own
outlines, in the same bytes whatever entry came before, and a book using
both must export.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layout_studio.export import pdf_fonts
from layout_studio.export.job import run_export
from layout_studio.style.theme import load_theme
from tests.conftest import STORY_MD

NAME = "SourceSerifPro-Regular"


def _entry(folder: Path, face: str, *, headings_shipped: bool = False) -> Path:
    """A project whose body face is a copy of the shipped ``face`` renamed ``NAME``."""
    folder.mkdir()
    shutil.copy(STORY_MD, folder / "story.md")
    font = TTFont(load_theme("classique").body.font.path(face))
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = NAME
    font.save(folder / "corps.ttf")
    heading = "" if headings_shipped else '[heading]\nfont = { regular = "corps.ttf" }\n'
    (folder / "theme.toml").write_text(
        '[theme]\nextends = "classique"\n[body]\nfont = { regular = "corps.ttf" }\n' + heading,
        encoding="utf-8",
    )
    (folder / "book.toml").write_text(
        '[book]\nsource = "story.md"\ntheme = "theme.toml"\n', encoding="utf-8"
    )
    return folder / "book.toml"


@pytest.fixture
def fresh_registrations(monkeypatch: pytest.MonkeyPatch):
    """Forgets the process's font registrations, as a new process would."""

    def forget() -> None:
        for name in ("registered", "reverse", "faces", "codes", "plain"):
            monkeypatch.setattr(pdf_fonts._Fonts, name, {})

    return forget


def test_an_entry_is_drawn_with_its_own_face_whatever_came_before(
    tmp_path: Path, fresh_registrations, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    first = _entry(tmp_path / "a", "regular")
    second = _entry(tmp_path / "b", "bold")
    fresh_registrations()
    alone = run_export(second, pdf=tmp_path / "alone.pdf").written["pdf"].read_bytes()
    fresh_registrations()
    run_export(first, pdf=tmp_path / "first.pdf")
    after = run_export(second, pdf=tmp_path / "after.pdf").written["pdf"].read_bytes()
    assert after == alone


def test_a_book_using_two_faces_of_one_name_embeds_both_and_its_text_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    # The body in the entry's face named like the shipped regular, the rest in the shipped one.
    project = _entry(tmp_path / "b", "bold", headings_shipped=True)
    pdf = run_export(project, pdf=tmp_path / "b.pdf").written["pdf"]
    reader = PdfReader(pdf)
    outlines: dict[str, bytes] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            base = str(font["/BaseFont"]).split("+", 1)[1]
            if base.startswith(NAME):
                outlines[base] = font["/FontDescriptor"]["/FontFile2"].get_data()
    assert len(outlines) == 2, sorted(outlines)  # the name, and the name with the digest
    assert len(set(outlines.values())) == 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "community manager" in text.lower()
    assert "Il était une fois" in text
