"""Which entry a worker takes next: heavy ones first, and the themes it has already set."""

from __future__ import annotations

from collections import deque

from layout_studio.batch import pool, runner
from tests.batch.conftest import write_entry


def test_entries_with_the_most_bytes_run_first_the_others_in_order(tmp_path):
    """A contest's heavy entries (a cover picture) start first; the report keeps the order."""
    contest = tmp_path / "contest"
    for name in ("a", "b", "c", "d"):
        write_entry(contest / name)
    (contest / "c" / "cover.jpg").write_bytes(b"\xff" * 50_000)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "big.bin").write_bytes(b"\0" * 90_000)
    (elsewhere / "book.toml").write_text("[book]\n", encoding="utf-8")
    (contest / "e").symlink_to(elsewhere)  # refused by its worker, never measured
    entries = runner.find_entries([contest], tmp_path / "out")
    order = [e.name for e in runner._heaviest_first(entries)]
    assert order == ["c", "a", "b", "d", "e"]


def test_a_worker_takes_a_theme_it_has_set_else_the_first_waiting_entry():
    tasks = deque([("a", ("classique",)), ("b", ("poche",)), ("c", ("poche",))])

    def theme(task):
        return task[1][0]

    assert pool._preferred(tasks, set(), theme) == 0  # a fresh worker: the first
    assert pool._preferred(tasks, {"poche"}, theme) == 1  # its theme's first entry
    assert pool._preferred(tasks, {"moderne"}, theme) == 0  # none of its themes waits
    assert pool._preferred(tasks, {"poche"}, None) == 0  # no groups: in order


def test_the_theme_hint_is_read_safely(tmp_path):
    good = write_entry(tmp_path / "a", theme="poche")
    assert runner._theme_named(good) == "poche"
    broken = tmp_path / "b" / "book.toml"
    broken.parent.mkdir()
    broken.write_bytes(b"[book\ntheme = \xff")
    assert runner._theme_named(broken) is None  # the worker reports it, not the parent
    assert runner._theme_named(tmp_path / "c" / "book.toml") is None  # missing
    (tmp_path / "d").symlink_to(tmp_path / "a")
    assert runner._theme_named(tmp_path / "d" / "book.toml") is None  # refused later, unread
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "book.toml").symlink_to(good)  # a link may lead out of the entry
    assert runner._theme_named(tmp_path / "e" / "book.toml") is None
