"""The book's dictionary (``dictionnaire.txt`` beside ``book.toml``), headless and on the CLI."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from layout_studio.errors import InputError
from layout_studio.text.book_dictionary import (
    BOOK_DICTIONARY,
    MAX_DICTIONARY_BYTES,
    BookDictionary,
)
from layout_studio.text.spelling import FrenchSpeller
from tests.conftest import BOOK_TOML, run_cli


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "livre"
    folder.mkdir()
    for name in ("book.toml", "story.md"):
        shutil.copy(BOOK_TOML.parent / name, folder / name)
    return folder


def spelling(path: Path) -> set[str]:
    result = run_cli("inspect", str(path), "--spelling", "--json")
    assert result.returncode == 0, result.stderr
    return {item["word"] for item in json.loads(result.stdout)["spelling"]}


def test_inspect_reads_the_project_dictionary(project: Path):
    before = spelling(project / "book.toml")
    assert {"réseaulument", "partenariale"} <= before
    (project / BOOK_DICTIONARY).write_text(
        "# mots du livre\nréseaulument\n  Partenariale  \n", encoding="utf-8"
    )
    after = spelling(project / "book.toml")
    assert after == before - {"réseaulument", "partenariale"}
    assert spelling(project / "story.md") == after  # the source's folder is the book's


def test_a_dictionary_leading_out_of_the_project_is_refused(project: Path, tmp_path: Path):
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("réseaulument\n", encoding="utf-8")
    os.symlink(outside, project / BOOK_DICTIONARY)
    result = run_cli("inspect", str(project / "book.toml"), "--spelling")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "dictionnaire.txt" in lines[0] and "hors du dossier" in lines[0]
    assert "Traceback" not in result.stderr


def test_size_encoding_and_special_files_are_bounded(project: Path):
    path = project / BOOK_DICTIONARY
    path.write_bytes(b"mot\n" * (MAX_DICTIONARY_BYTES // 4 + 1))
    with pytest.raises(InputError, match="trop gros"):
        BookDictionary.read(project)
    path.write_bytes(b"caf\xe9\n")
    with pytest.raises(InputError, match="UTF-8"):
        BookDictionary.read(project)
    path.unlink()
    os.mkfifo(path)  # a reader would block forever on a pipe: refused before opening
    with pytest.raises(InputError, match="pas un fichier ordinaire"):
        BookDictionary.read(project)
    path.unlink()
    path.write_text("\ufeffd’" + "x" * 60 + "\nvrai mot\nzorglub\n", encoding="utf-8")
    assert BookDictionary.read(project).words == {"zorglub"}  # too long, two words: skipped


def test_words_are_written_sorted_and_read_back(project: Path):
    book = BookDictionary.read(project)
    speller = FrenchSpeller(book=book)
    assert [m.word for m in speller.check("un zorglub et un œzorg")] == ["zorglub", "œzorg"]
    speller.add_to_book("zorglub")
    speller.add_to_book("œzorg")
    again = FrenchSpeller(book=BookDictionary.read(project))
    assert again.check("un zorglub et un oezorg") == []
    lines = (project / BOOK_DICTIONARY).read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["zorglub", "œzorg"]
    # A new book has no folder: nothing is written until it is saved.
    new = BookDictionary()
    new.add("plouf")
    assert new.path is None
    (project / "copie").mkdir()
    new.save(project / "copie")
    assert (project / "copie" / BOOK_DICTIONARY).read_text(encoding="utf-8").endswith("plouf\n")


def test_inspect_spelling_of_a_word_document(tmp_path: Path):
    """A .docx is checked on the Markdown ``import`` would write (it has no lines of its own)."""
    from tests.sources.test_docx_odt import BOOK, make_docx

    typo = ("", [("Les tomates apparâitront bientôt dans le jardinn.", "")])
    source = make_docx(tmp_path / "livre.docx", [*BOOK, typo])
    assert spelling(source) == {"apparâitront", "jardinn"}
    (tmp_path / BOOK_DICTIONARY).write_text("jardinn\n", encoding="utf-8")
    assert spelling(source) == {"apparâitront"}
