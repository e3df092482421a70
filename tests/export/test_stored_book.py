"""The typeset book, the typographic cover and the fonts' facts kept in the user's cache.

A second cold export of the same text reads them back instead of typesetting;
whatever changed (the text, the theme, a font file's bytes) is typeset again,
a damaged entry is ignored, two processes filling the cache at once leave it
whole, and the outputs are byte for byte those of an export with the cache off.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import layout_studio.layout.service as service
import layout_studio.layout.typeset as typeset_module
from layout_studio.export import stored_book
from layout_studio.export.job import prepare, run_export
from layout_studio.model.document import Document, Mark, Paragraph, Section, Text
from layout_studio.style.theme import load_theme
from tests.conftest import ROOT

STORY = ROOT / "examples" / "cmad" / "cmad-story-source.txt"


@pytest.fixture
def typesets(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every typeset an export runs."""
    calls: list[int] = []
    original = typeset_module.typeset

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(typeset_module, "typeset", counting)
    monkeypatch.setattr(service, "typeset", counting)
    return calls


def _story(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def _uncached(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    theme: Path | None = None,
) -> bytes:
    """The bytes of the same export with the cache off."""
    with monkeypatch.context() as m:
        m.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
        target = tmp_path / f"off.{kind}"
        run_export(source, theme=theme, **{kind: target})
        return target.read_bytes()


def test_second_export_reads_the_book_back_and_writes_the_same_bytes(
    cache_dir: Path, tmp_path: Path, typesets: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _story(tmp_path)
    first = run_export(source, epub=tmp_path / "a.epub")
    assert len(typesets) == 1
    assert len(list((cache_dir / "books").glob("*.bin"))) == 1
    typesets.clear()
    again = run_export(source, epub=tmp_path / "b.epub", pdf=tmp_path / "b.pdf")
    assert typesets == []  # read back, not typeset
    assert again.prepared.book == first.prepared.book
    assert again.prepared.theme == first.prepared.theme
    assert again.warnings[: len(first.warnings)] == first.warnings  # then the PDF's own
    assert (tmp_path / "b.epub").read_bytes() == (tmp_path / "a.epub").read_bytes()
    assert (tmp_path / "b.epub").read_bytes() == _uncached(source, tmp_path, monkeypatch, "epub")
    assert (tmp_path / "b.pdf").read_bytes() == _uncached(source, tmp_path, monkeypatch, "pdf")


def test_a_changed_text_is_typeset_again(
    cache_dir: Path, tmp_path: Path, typesets: list[int]
) -> None:
    source = _story(tmp_path)
    run_export(source, epub=tmp_path / "a.epub")
    source.write_text(
        source.read_text(encoding="utf-8").replace("histoire", "aventure", 1), encoding="utf-8"
    )
    typesets.clear()
    changed = run_export(source, epub=tmp_path / "b.epub")
    assert len(typesets) == 1
    fresh = prepare(source)  # no cache at all
    assert changed.prepared.book == fresh.book


def test_a_changed_theme_is_typeset_again(
    cache_dir: Path, tmp_path: Path, typesets: list[int]
) -> None:
    source = _story(tmp_path)
    theme = tmp_path / "mine.toml"
    theme.write_text('[theme]\nextends = "classique"\n[body]\nsize = 10.5\n', encoding="utf-8")
    run_export(source, theme=theme, pdf=tmp_path / "a.pdf")
    theme.write_text('[theme]\nextends = "classique"\n[body]\nsize = 11\n', encoding="utf-8")
    typesets.clear()
    changed = run_export(source, theme=theme, pdf=tmp_path / "b.pdf")
    assert len(typesets) == 1
    assert changed.prepared.book == prepare(source, theme=theme).book


def _own_font_theme(folder: Path, font: Path) -> Path:
    """A theme whose body face is a file in its own folder."""
    folder.mkdir(exist_ok=True)
    shutil.copy(font, folder / "body.ttf")
    theme = folder / "own.toml"
    theme.write_text(
        '[theme]\nextends = "classique"\n[body]\nfont = { regular = "body.ttf" }\n',
        encoding="utf-8",
    )
    return theme


def test_a_font_file_changed_in_place_is_typeset_again(
    cache_dir: Path, tmp_path: Path, typesets: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _story(tmp_path)
    classique = load_theme("classique")
    theme = _own_font_theme(tmp_path / "theme", classique.body.font.path("regular"))
    first = run_export(source, theme=theme, epub=tmp_path / "a.epub")
    # Same path, other bytes (another face): never the book set in the former face.
    shutil.copy(classique.heading.font.path("bold"), tmp_path / "theme" / "body.ttf")
    typesets.clear()
    changed = run_export(source, theme=theme, epub=tmp_path / "b.epub")
    assert len(typesets) == 1
    assert changed.prepared.book != first.prepared.book
    assert (tmp_path / "b.epub").read_bytes() == _uncached(
        source, tmp_path, monkeypatch, "epub", theme
    )


def test_a_damaged_entry_is_ignored(cache_dir: Path, tmp_path: Path, typesets: list[int]) -> None:
    source = _story(tmp_path)
    run_export(source, pdf=tmp_path / "a.pdf")
    entry = next((cache_dir / "books").glob("*.bin"))
    raw = entry.read_bytes()
    entry.write_bytes(raw[: len(raw) // 2] + b"\0" * (len(raw) - len(raw) // 2))
    typesets.clear()
    run_export(source, pdf=tmp_path / "b.pdf")
    assert len(typesets) == 1
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_a_well_formed_entry_that_does_not_unpickle_is_ignored(
    cache_dir: Path, tmp_path: Path, typesets: list[int]
) -> None:
    source = _story(tmp_path)
    run_export(source, pdf=tmp_path / "a.pdf")
    entry = next((cache_dir / "books").glob("*.bin"))
    store = stored_book.BookStore()
    store.cache.put(entry.stem, b"not a pickle")  # checksum right, content wrong
    typesets.clear()
    run_export(source, pdf=tmp_path / "b.pdf")
    assert len(typesets) == 1
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_code_changed_since_the_process_started_turns_the_book_cache_off(
    cache_dir: Path, tmp_path: Path, typesets: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import layout_studio

    stored_book.code_version.cache_clear()
    monkeypatch.setattr(layout_studio, "LOADED_AT_NS", 0)  # every source file is newer
    try:
        assert stored_book.code_version() is None
        source = _story(tmp_path)
        run_export(source, pdf=tmp_path / "a.pdf")
        assert not list((cache_dir / "books").glob("*.bin"))
    finally:
        stored_book.code_version.cache_clear()


KEY = """
from layout_studio.export.stored_book import book_key
from layout_studio.model.document import Document, Mark, Paragraph, Section, Text, Metadata
from layout_studio.style.theme import load_theme
marks = frozenset({Mark.EMPHASIS, Mark.STRONG, Mark.SMALL_CAPS, Mark.NOBREAK})
doc = Document(Metadata(title="T"), (Section("S", (Paragraph((Text("mot", marks),)),)),))
print(book_key(doc, load_theme("classique"), None))
"""


def test_the_key_does_not_depend_on_the_hash_seed(cache_dir: Path) -> None:
    keys = set()
    for seed in ("1", "2", "3", "4"):
        out = subprocess.run(
            [sys.executable, "-c", KEY],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={**_env(), "PYTHONHASHSEED": seed},
        )
        keys.add(out.stdout.strip())
    assert len(keys) == 1 and None not in keys and "None" not in keys


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_the_key_tells_marks_apart() -> None:
    theme = load_theme("classique")

    def doc(marks: frozenset[Mark]) -> Document:
        from layout_studio.model.document import Metadata

        return Document(Metadata(title="T"), (Section("S", (Paragraph((Text("mot", marks),)),)),))

    one = stored_book.book_key(doc(frozenset({Mark.EMPHASIS})), theme, None)
    other = stored_book.book_key(doc(frozenset({Mark.STRONG})), theme, None)
    both = stored_book.book_key(doc(frozenset({Mark.EMPHASIS, Mark.STRONG})), theme, None)
    assert len({one, other, both}) == 3
    assert stored_book.book_key(doc(frozenset({Mark.EMPHASIS})), theme, "X") != one


KINDS = ("epub", "pdf")
EXPORT = """
import sys
from layout_studio.export.job import run_export
run_export(sys.argv[1], epub=sys.argv[2], pdf=sys.argv[3])
"""


def test_two_processes_filling_the_cache_at_once_corrupt_nothing(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typesets: list[int]
) -> None:
    source = _story(tmp_path)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                EXPORT,
                str(source),
                *(str(tmp_path / f"{i}.{k}") for k in KINDS),
            ],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        for i in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    epub = _uncached(source, tmp_path, monkeypatch, "epub")
    pdf = _uncached(source, tmp_path, monkeypatch, "pdf")
    for i in range(2):
        assert (tmp_path / f"{i}.epub").read_bytes() == epub
        assert (tmp_path / f"{i}.pdf").read_bytes() == pdf
    assert not list(cache_dir.rglob(".*.part"))
    # What they left is whole: a third export reads it back and writes the same bytes.
    typesets.clear()
    run_export(source, epub=tmp_path / "3.epub", pdf=tmp_path / "3.pdf")
    assert typesets == []
    assert (tmp_path / "3.epub").read_bytes() == epub
    assert (tmp_path / "3.pdf").read_bytes() == pdf


def _library_digest(name: str) -> str:
    import hashlib

    h = hashlib.sha256()
    stored_book.libraries_digest(h, (name,))
    return h.hexdigest()


def test_a_library_file_changed_in_a_subpackage_changes_the_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file edited in place below a package's top folder (``reportlab/pdfbase/*.py``)
    changes neither that folder's entries nor their times: it is counted itself."""
    site = tmp_path / "site"
    module = site / "lsfakelib" / "sub" / "deeper" / "mod.py"
    module.parent.mkdir(parents=True)
    (site / "lsfakelib" / "__init__.py").write_text("", encoding="utf-8")
    module.write_text("# one version\n", encoding="utf-8")
    (module.parent / "__pycache__").mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = _library_digest("lsfakelib")
    assert _library_digest("lsfakelib") == before
    (module.parent / "__pycache__" / "mod.cpython-311.pyc").write_bytes(b"bytecode")
    assert _library_digest("lsfakelib") == before  # bytecode follows its source
    module.write_text("# another version, longer\n", encoding="utf-8")
    assert _library_digest("lsfakelib") != before
