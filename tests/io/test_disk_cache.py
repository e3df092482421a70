"""The disk cache of font subsets: never stale, never corrupt, bounded."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layout_studio.export.epub import fonts
from layout_studio.io.disk_cache import DiskCache, cache_key
from layout_studio.style.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # fontTools dates the subset
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", str(folder))
    fonts._subset_of.cache_clear()
    yield folder
    fonts._subset_of.cache_clear()


def _body_font() -> Path:
    return load_theme("classique").body.font.path("regular")


def _glyphs(data: bytes) -> set[int]:
    from io import BytesIO

    return set(TTFont(BytesIO(data)).getBestCmap())


def test_cached_subset_is_the_fresh_subset(cache_dir: Path) -> None:
    font = _body_font()
    fresh = fonts._make_subset(font.read_bytes(), "abc")
    first = fonts._subset(font, "abc")
    fonts._subset_of.cache_clear()
    second = fonts._subset(font, "abc")  # from disk this time
    assert first == fresh == second
    assert len(list((cache_dir / "font-subsets").glob("*.bin"))) == 1


def test_changed_text_or_font_is_never_served_stale(cache_dir: Path, tmp_path: Path) -> None:
    font = tmp_path / "face.ttf"
    shutil.copy(_body_font(), font)
    abc = fonts._subset(font, "abc")
    fonts._subset_of.cache_clear()
    assert _glyphs(fonts._subset(font, "xyz")) >= {ord("x"), ord("y"), ord("z")}
    # Same path, same text, another font file: must be subset again, not read back.
    other = load_theme("classique").heading.font.path("regular")
    if other.read_bytes() == font.read_bytes():
        other = load_theme("classique").body.font.path("italic")
    shutil.copy(other, font)
    fonts._subset_of.cache_clear()
    changed = fonts._subset(font, "abc")
    assert changed != abc
    assert changed == fonts._make_subset(other.read_bytes(), "abc")


def test_damaged_entry_is_ignored_and_removed(cache_dir: Path) -> None:
    cache = DiskCache("t")
    key = cache_key("k")
    cache.put(key, b"payload")
    entry = next((cache_dir / "t").glob("*.bin"))
    entry.write_bytes(entry.read_bytes()[:-2] + b"!!")
    assert cache.get(key) is None
    assert not entry.exists()


def test_cache_stays_within_its_bound(cache_dir: Path) -> None:
    cache = DiskCache("t", max_bytes=1000)
    for i in range(10):
        cache.put(cache_key(str(i)), bytes(300))
    total = sum(p.stat().st_size for p in (cache_dir / "t").glob("*.bin"))
    assert total <= 1000
    assert cache.get(cache_key("9")) == bytes(300)  # the newest is kept


def test_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    cache = DiskCache("t")
    cache.put("k", b"x")
    assert cache.get("k") is None


FILL = """
import sys
from layout_studio.io.disk_cache import DiskCache, cache_key
cache = DiskCache("t")
for round in range(40):
    for i in range(8):
        data = (str(i) * 5000).encode()
        cache.put(cache_key(str(i)), data)
        got = cache.get(cache_key(str(i)))
        assert got is None or got == data, (i, len(got))
"""


def test_two_processes_filling_at_once_corrupt_nothing(cache_dir: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", FILL], cwd=ROOT, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    cache = DiskCache("t")
    for i in range(8):
        assert cache.get(cache_key(str(i))) == (str(i) * 5000).encode()
    assert not list((cache_dir / "t").glob(".*.part"))


def test_one_process_never_reuses_a_subset_across_epochs_or_font_files(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cache clearing here: what the app or a batch worker does in one process."""
    font = tmp_path / "face.ttf"
    shutil.copy(_body_font(), font)
    first = fonts._subset(font, "abc")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1359331200")
    dated = fonts._subset(font, "abc")
    assert dated == fonts._make_subset(font.read_bytes(), "abc")  # stamped with the new date
    assert dated != first
    other = load_theme("classique").body.font.path("italic")
    shutil.copy(other, font)
    assert fonts._subset(font, "abc") == fonts._make_subset(other.read_bytes(), "abc")


def _filled(folder: Path) -> DiskCache:
    cache = DiskCache("trust")
    cache.put("k", b"value")
    assert cache.get("k") == b"value"
    return cache


def test_a_folder_others_can_write_is_not_trusted(cache_dir: Path) -> None:
    # The cache holds pickles: whoever can write it could run code in our process.
    cache = _filled(cache_dir)
    (cache_dir / "trust").chmod(0o777)
    assert cache.get("k") is None
    cache.put("k2", b"other")
    assert not (cache_dir / "trust" / "k2.bin").exists()
    (cache_dir / "trust").chmod(0o755)
    cache_dir.chmod(0o775)  # the root too
    assert DiskCache("trust").get("k") is None


def test_a_folder_or_entry_someone_else_owns_is_not_trusted(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    cache = _filled(cache_dir)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(cache_dir).st_uid + 1)
    assert cache.get("k") is None
    cache.put("k3", b"other")
    assert not (cache_dir / "trust" / "k3.bin").exists()


def test_a_group_writable_umask_still_makes_a_trusted_cache(cache_dir: Path) -> None:
    import os

    old = os.umask(0o002)  # Debian's user-private groups
    try:
        _filled(cache_dir)
    finally:
        os.umask(old)
