"""Broken paragraphs kept in the user's cache: an edited text breaks only what changed.

A cold export of an edited text reads back what an earlier export broke with
the same theme; a changed theme or font file never gets them, a damaged
entry is ignored, the entry does not grow with edits, and the outputs are
byte for byte those of an export with the cache off.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import layout_studio.layout.matter.entries as entries
import layout_studio.layout.paragraphs as paragraphs
from layout_studio.export import job, stored_paragraphs
from layout_studio.export.job import prepare, run_export
from layout_studio.style import kept_themes
from layout_studio.style.theme import load_theme
from tests.conftest import ROOT

STORY = ROOT / "examples" / "cmad" / "cmad-story-source.txt"


@pytest.fixture
def breaks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every paragraph the typesetter breaks."""
    calls: list[int] = []
    original = paragraphs.ParagraphSetter._break_paragraph

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(paragraphs.ParagraphSetter, "_break_paragraph", counting)
    return calls


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty the in-process memos, as a new process has them."""
    monkeypatch.setattr(paragraphs, "_PARAGRAPHS", {})
    monkeypatch.setattr(paragraphs, "_SIMPLE", {})
    monkeypatch.setattr(paragraphs, "_LOOSE", {})
    monkeypatch.setattr(entries, "_ENTRIES", {})
    monkeypatch.setattr(kept_themes, "_SHARED", [])
    monkeypatch.setattr(job, "_TYPOGRAPHY", {})


def _story(tmp_path: Path, word: str = "") -> Path:
    """The story, with ``word`` added in one paragraph of the body."""
    text = STORY.read_text(encoding="utf-8")
    middle = text.index("Je connais une community manager") + len("Je connais")
    path = tmp_path / "story.txt"
    path.write_text(f"{text[:middle]}{word}{text[middle:]}", encoding="utf-8")
    return path


def _uncached(source: Path, tmp_path: Path, kind: str, theme: Path | None = None) -> bytes:
    with pytest.MonkeyPatch.context() as m:
        m.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
        _new_process(m)
        target = tmp_path / f"off.{kind}"
        run_export(source, theme=theme, **{kind: target})
        return target.read_bytes()


def _stored(cache_dir: Path) -> list[dict[tuple[object, ...], object]]:
    (entry,) = (cache_dir / stored_paragraphs.NAMESPACE).glob("*.bin")
    data: list[dict[tuple[object, ...], object]] = pickle.loads(entry.read_bytes()[32:])
    return data


def test_an_edited_text_breaks_only_the_edited_paragraph(
    cache_dir: Path, tmp_path: Path, breaks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(_story(tmp_path), pdf=tmp_path / "a.pdf")
    everything = len(breaks)
    breaks.clear()
    source = _story(tmp_path, " zorglub")
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(source, pdf=tmp_path / "b.pdf", epub=tmp_path / "b.epub")
    assert 0 < len(breaks) <= 3  # the edited paragraph, in its looser and tighter settings
    assert everything > 10 * len(breaks)
    assert (tmp_path / "b.pdf").read_bytes() == _uncached(source, tmp_path, "pdf")
    assert (tmp_path / "b.epub").read_bytes() == _uncached(source, tmp_path, "epub")


def test_a_changed_theme_breaks_everything_again(
    cache_dir: Path, tmp_path: Path, breaks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = tmp_path / "mine.toml"
    theme.write_text('[theme]\nextends = "classique"\n[body]\nsize = 10.5\n', encoding="utf-8")
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(_story(tmp_path), theme=theme, pdf=tmp_path / "a.pdf")
    theme.write_text('[theme]\nextends = "classique"\n[body]\nsize = 11\n', encoding="utf-8")
    breaks.clear()
    source = _story(tmp_path, " zorglub")
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(source, theme=theme, pdf=tmp_path / "b.pdf")
    cached = len(breaks)
    breaks.clear()
    assert (tmp_path / "b.pdf").read_bytes() == _uncached(source, tmp_path, "pdf", theme)
    assert cached == len(breaks)  # every paragraph broken, as with no cache


def test_a_font_file_changed_in_place_breaks_everything_again(
    cache_dir: Path, tmp_path: Path, breaks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    classique = load_theme("classique")
    folder = tmp_path / "theme"
    folder.mkdir()
    shutil.copy(classique.body.font.path("regular"), folder / "body.ttf")
    theme = folder / "own.toml"
    theme.write_text(
        '[theme]\nextends = "classique"\n[body]\nfont = { regular = "body.ttf" }\n',
        encoding="utf-8",
    )
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(_story(tmp_path), theme=theme, epub=tmp_path / "a.epub")
    # Same path, other bytes (another face): never the lines set in the former face.
    shutil.copy(classique.heading.font.path("bold"), folder / "body.ttf")
    breaks.clear()
    source = _story(tmp_path, " zorglub")
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(source, theme=theme, epub=tmp_path / "b.epub")
    cached = len(breaks)
    breaks.clear()
    assert (tmp_path / "b.epub").read_bytes() == _uncached(source, tmp_path, "epub", theme)
    assert cached == len(breaks)  # every paragraph broken, as with no cache


def test_a_well_formed_entry_that_does_not_unpickle_is_ignored(
    cache_dir: Path, tmp_path: Path, breaks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(_story(tmp_path), pdf=tmp_path / "a.pdf")
    (entry,) = (cache_dir / stored_paragraphs.NAMESPACE).glob("*.bin")
    stored_paragraphs.DiskCache(stored_paragraphs.NAMESPACE).put(entry.stem, b"not a pickle")
    breaks.clear()
    source = _story(tmp_path, " zorglub")
    with monkeypatch.context() as m:
        _new_process(m)
        run_export(source, pdf=tmp_path / "b.pdf")
    cached = len(breaks)
    breaks.clear()
    assert (tmp_path / "b.pdf").read_bytes() == _uncached(source, tmp_path, "pdf")
    assert cached == len(breaks)  # every paragraph broken, as with no cache


def test_the_entry_does_not_grow_with_edits(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = []
    for word in ("", " un", " deux", " trois"):
        with monkeypatch.context() as m:
            _new_process(m)
            run_export(_story(tmp_path, word), pdf=tmp_path / "a.pdf")
        stored = _stored(cache_dir)
        sizes.append([len(stored[i]) for i in stored_paragraphs.BODY])
    assert sizes[1] == sizes[2] == sizes[3]
    assert prepare(_story(tmp_path, " trois")).book.page_count > 0


def test_stored_paragraphs_read_back_equal_and_glyphs_by_their_constructor(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses
    import io

    from layout_studio.export.stored_book import by_constructor

    with monkeypatch.context() as m:
        _new_process(m)
        run_export(_story(tmp_path), pdf=tmp_path / "a.pdf")
    stored = _stored(cache_dir)
    table = by_constructor()
    frozen = {"by constructor": 0, "by state": 0}

    class Counting(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            params = getattr(type(obj), "__dataclass_params__", None)
            if params is not None and params.frozen:
                frozen["by constructor" if type(obj) in table else "by state"] += 1
            return NotImplemented

    out = io.BytesIO()
    pickler = Counting(out, protocol=5)
    pickler.dispatch_table = table
    pickler.dump(stored)
    assert pickle.loads(out.getvalue()) == stored
    # dataclasses sets a frozen instance's state field by field, in Python: the
    # objects made per glyph or per word are rebuilt by their constructor instead.
    assert frozen["by state"] * 10 < frozen["by constructor"], frozen
    for cls in table:
        if dataclasses.is_dataclass(cls):
            assert not hasattr(cls, "__post_init__"), cls  # rebuilt as constructed
