"""The installed faces and the fonts' character maps kept in the user's cache.

The index of faces is read back while the files and folders it was made from
are unchanged; a font added, removed or changed in place makes a fresh scan.
A character map is keyed on the font file's bytes.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from layout_studio.style.theme import load_theme
from layout_studio.text import fonts


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def system_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system font folder of the test's own; the process's index forgotten around it."""
    folder = tmp_path / "system-fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "SYSTEM_FONT_DIRS", (folder,))
    fonts.system_faces.cache_clear()
    yield folder
    fonts.system_faces.cache_clear()


@pytest.fixture
def new_process(monkeypatch: pytest.MonkeyPatch):
    """Forgets the fonts opened in this process, as a new process would, then restores them.

    Emptying the real memos instead would leave later tests with two objects for one
    file: one held by the engine's memos, one opened again.
    """

    def forget() -> None:
        monkeypatch.setattr(fonts, "_OPENED", {})
        wrapped = fonts._characters.__wrapped__
        monkeypatch.setattr(fonts, "_characters", functools.lru_cache(maxsize=64)(wrapped))

    forget()
    return forget


def _faces(name: str) -> list[Path]:
    theme = load_theme("classique")
    return [theme.body.font.path(name), theme.heading.font.path("bold")]


def _scan(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real scans of the system folders."""
    calls: list[int] = []
    original = fonts._scan_system

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(fonts, "_scan_system", counting)
    return calls


def _read_again() -> tuple[fonts.FontFace, ...]:
    fonts.system_faces.cache_clear()  # a new process, as far as the index goes
    return fonts.system_faces()


def test_index_is_read_back_while_nothing_changed(
    cache_dir: Path, system_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular, _bold = _faces("regular")
    shutil.copy(regular, system_dir / "a.ttf")
    scans = _scan(monkeypatch)
    first = _read_again()
    again = _read_again()
    assert len(scans) == 1
    assert again == first
    assert [f.path for f in first] == [system_dir / "a.ttf"]


def test_a_font_added_removed_or_changed_in_place_is_seen(
    cache_dir: Path, system_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular, bold = _faces("regular")
    shutil.copy(regular, system_dir / "a.ttf")
    first = _read_again()
    (system_dir / "deeper").mkdir()
    shutil.copy(bold, system_dir / "deeper" / "b.ttf")
    added = _read_again()
    assert {f.path for f in added} == {system_dir / "a.ttf", system_dir / "deeper" / "b.ttf"}
    # Another face written over a.ttf (same name, same folder listing).
    shutil.copy(bold, system_dir / "a.ttf")
    changed = _read_again()
    a_face = next(f for f in changed if f.path == system_dir / "a.ttf")
    assert a_face.style != next(f for f in first if f.path == system_dir / "a.ttf").style
    (system_dir / "deeper" / "b.ttf").unlink()
    assert [f.path for f in _read_again()] == [system_dir / "a.ttf"]


def test_a_damaged_index_means_a_scan(
    cache_dir: Path, system_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular, _bold = _faces("regular")
    shutil.copy(regular, system_dir / "a.ttf")
    first = _read_again()
    for entry in (cache_dir / "font-index").glob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    scans = _scan(monkeypatch)
    assert _read_again() == first
    assert len(scans) == 1


def test_the_package_faces_read_back_are_those_scanned(cache_dir: Path) -> None:
    fonts.package_faces.cache_clear()
    try:
        first = fonts.package_faces()
        fonts.package_faces.cache_clear()
        again = fonts.package_faces()
        scanned, _watched = fonts._scan_packages()
        assert first == again == tuple(scanned)
        assert len(list((cache_dir / "font-index").glob("*.bin"))) == 1
    finally:
        fonts.package_faces.cache_clear()


def test_character_map_from_the_cache_is_the_fonts_and_follows_its_bytes(
    cache_dir: Path, tmp_path: Path, new_process
) -> None:
    regular, bold = _faces("italic")
    font = tmp_path / "face.ttf"
    shutil.copy(regular, font)
    fresh = frozenset(fonts.Font(font).cmap)
    assert fonts.font_characters(font) == fresh  # computed, then stored
    new_process()  # read back from the cache
    assert fonts.font_characters(font) == fresh
    assert len(list((cache_dir / "font-characters").glob("*.bin"))) == 1
    shutil.copy(bold, font)  # same path, other bytes (the process's memory sees it too)
    assert fonts.font_characters(font) == frozenset(fonts.Font(font).cmap) != fresh


def test_a_font_read_back_from_a_page_model_is_read_on_first_use(
    tmp_path: Path, new_process
) -> None:
    import pickle

    regular, _bold = _faces("regular")
    font = tmp_path / "lazy.ttf"
    shutil.copy(regular, font)
    lazy = pickle.loads(pickle.dumps(fonts.Font(font)))
    assert "_hb_font" not in lazy.__dict__  # not read yet
    assert lazy.units_per_em == fonts.Font(font).units_per_em
    assert lazy.shape("fin").glyphs == fonts.Font(font).shape("fin").glyphs
    assert fonts.load_font(str(font)) is lazy  # one object per file and process


def test_a_font_file_written_over_is_read_again_by_the_same_process(tmp_path: Path) -> None:
    regular, bold = _faces("regular")
    font = tmp_path / "face.ttf"
    shutil.copy(regular, font)
    before = fonts.load_font(str(font))
    shutil.copy(bold, font)
    after = fonts.load_font(str(font))
    assert after is not before
    assert after.shape("Hamburgefonstiv").width == fonts.Font(font).shape("Hamburgefonstiv").width
    assert after.shape("Hamburgefonstiv").width != before.shape("Hamburgefonstiv").width


FACTS = ("key", "units_per_em", "ascender", "descender", "cap_height", "x_height", "cmap")


def _facts(font: fonts.Font) -> tuple[object, ...]:
    return (*(getattr(font, n) for n in FACTS), font.glyph_order, font.gsub_features)


def test_font_facts_from_the_cache_are_those_parsed_and_follow_the_bytes(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular, bold = _faces("regular")
    font = tmp_path / "face.ttf"
    shutil.copy(regular, font)
    with monkeypatch.context() as m:
        m.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
        parsed = _facts(fonts.Font(font))  # fontTools, no cache
    assert _facts(fonts.Font(font)) == parsed  # parsed, then stored
    assert len(list((cache_dir / "font-facts").glob("*.bin"))) == 1
    calls: list[int] = []
    original = fonts._parse_facts
    monkeypatch.setattr(fonts, "_parse_facts", lambda *a: calls.append(1) or original(*a))
    assert _facts(fonts.Font(font)) == parsed  # read back
    assert calls == []
    shutil.copy(bold, font)  # same path, other bytes
    changed = fonts.Font(font)
    assert calls == [1]
    assert _facts(changed) != parsed


def test_font_facts_damaged_or_malformed_are_parsed_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular, _bold = _faces("regular")
    font = tmp_path / "face.ttf"
    shutil.copy(regular, font)
    parsed = _facts(fonts.Font(font))
    entry = next((cache_dir / "font-facts").glob("*.bin"))
    entry.write_bytes(entry.read_bytes()[:-5] + b"?????")  # checksum now wrong
    assert _facts(fonts.Font(font)) == parsed
    entry = next((cache_dir / "font-facts").glob("*.bin"))
    from layout_studio.io.disk_cache import DiskCache

    DiskCache("font-facts").put(entry.stem, b'{"key": "x"}')  # whole, but not facts
    assert _facts(fonts.Font(font)) == parsed


def test_a_postscript_font_still_fails_with_the_cache_on(cache_dir: Path, tmp_path: Path) -> None:
    from tests.robustness.test_bounds import _cff_font

    path = _cff_font(tmp_path / "cff.otf")
    for _ in range(2):  # nothing stored the first time: the second fails alike
        with pytest.raises(fonts.FontError, match="CFF"):
            fonts.Font(path)
    assert not list((cache_dir / "font-facts").glob("*.bin"))


def test_a_file_written_into_a_path_folder_does_not_mean_a_scan(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``python -m layout_studio`` puts the current folder on sys.path, and an export
    # writes its PDF there: only a font package appearing there may change the faces.
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    calls: list[int] = []
    original = fonts._scan_packages

    def counting() -> tuple[list[fonts.FontFace], list[str]]:
        calls.append(1)
        return original()

    monkeypatch.setattr(fonts, "_scan_packages", counting)
    fonts.package_faces.cache_clear()
    try:
        first = fonts.package_faces()
        (folder / "story.pdf").write_bytes(b"%PDF")
        fonts.package_faces.cache_clear()
        assert fonts.package_faces() == first
        assert len(calls) == 1
        (folder / "font_new-1.0.dist-info").mkdir()
        fonts.package_faces.cache_clear()
        assert fonts.package_faces() == first  # no such distribution: the same faces
        assert len(calls) == 2
    finally:
        fonts.package_faces.cache_clear()


def test_a_broken_font_distribution_is_skipped_whoever_reads_the_metadata(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once the importlib_metadata backport is imported (another installed package may do
    # it), its finder answers for every path entry, and a dist-info folder without METADATA
    # raises MetadataNotFound (a FileNotFoundError) instead of reading as empty: the scan
    # must skip that folder, not fail every export.
    import importlib.metadata

    folder = tmp_path / "site" / "font_broken-1.0.dist-info"
    folder.mkdir(parents=True)

    class Broken:
        _path = folder

        @property
        def metadata(self) -> object:
            raise FileNotFoundError("No package metadata was found.")

        files = None

    real = importlib.metadata.distributions
    monkeypatch.setattr(importlib.metadata, "distributions", lambda: [Broken(), *real()])
    fonts.package_faces.cache_clear()
    try:
        assert any(face.family for face in fonts.package_faces())  # the real packages still
    finally:
        fonts.package_faces.cache_clear()
