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


def test_a_worker_without_a_theme_of_its_own_takes_one_no_other_worker_has_set():
    """Two workers starting on one theme would both set it: each theme's words shaped twice."""
    tasks = deque(
        [("a", ("moderne",)), ("b", ("moderne",)), ("c", ("poche",)), ("d", ("classique",))]
    )

    def theme(task):
        return task[1][0]

    # The second fresh worker, the first having taken a "moderne" entry.
    assert pool._preferred(tasks, set(), theme, claimed={"moderne"}) == 2
    # A worker whose themes are done, "poche" being set by another: the unclaimed one.
    assert pool._preferred(tasks, {"x"}, theme, claimed={"moderne", "poche"}) == 3
    # Every waiting theme claimed: the first waiting entry, as before.
    assert pool._preferred(tasks, set(), theme, claimed={"moderne", "poche", "classique"}) == 0


def test_two_workers_set_each_theme_once_when_the_entries_allow(monkeypatch):
    """A contest of two themes on two workers: no theme is set by both (a timeline of pids)."""
    import os
    import tempfile
    from pathlib import Path

    log = Path(tempfile.mkdtemp()) / "log"
    tasks = [(f"e{i}", (theme, str(log))) for i, theme in enumerate(["m"] * 4 + ["p"] * 4)]
    outcomes: list[pool.Outcome] = []
    pool.run_tasks(
        _log_theme,
        tasks,
        workers=2,
        timeout=60,
        interrupt=runner.Interrupt(),
        on_end=outcomes.append,
        group=lambda task: task[1][0],
    )
    assert sorted(o.kind for o in outcomes) == ["done"] * 8
    # Both workers are given their first entry before either ends one: each its own theme
    # (a worker that falls behind may later help with the other's, as it should).
    first: dict[str, str] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, theme = line.split()
        first.setdefault(pid, theme)
    assert sorted(first.values()) == ["m", "p"]
    assert str(os.getpid()) not in first


def _log_theme(theme: str, log: str) -> str:
    import os
    import time

    time.sleep(0.05)  # long enough that both workers are busy from the start
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {theme}\n")
    return theme


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
