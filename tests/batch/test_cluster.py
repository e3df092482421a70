"""``batch --scheduler``: the same entries on a Dask cluster give the same report and bytes.

A local Dask cluster (two worker processes) stands in for the organisers'
one; the batch is the real command in a subprocess, as a client of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.batch.conftest import leftovers, run_batch_cli, write_entry
from tests.batch.test_limits import _slow_entry

TIMEOUT = "25"


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def contest(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cluster-contest")
    _slow_entry(root / "a-lent")
    for i, theme in enumerate(("classique", "moderne", "poche")):
        write_entry(root / f"equipe-{i}", theme=theme)
    write_entry(root / "x-theme-inconnu", theme="inexistant")
    return root


def _report(out: Path) -> dict[str, dict]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {e["name"]: e for e in data["entries"]}


def test_cluster_batch_matches_the_local_batch(scheduler, contest, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "cluster"
    common = ["--timeout", TIMEOUT, "--formats", "pdf,epub,cover"]
    here = run_batch_cli(str(contest), "--out", str(local), "--jobs", "2", *common)
    there = run_batch_cli(
        str(contest),
        "--out",
        str(remote),
        "--scheduler",
        scheduler,
        "--contact-sheet",
        str(remote / "jury.pdf"),
        *common,
    )
    assert here.returncode == 3, here.stderr
    assert there.returncode == 3, there.stderr
    assert "Traceback" not in there.stderr
    a, b = _report(local), _report(remote)
    assert {n: e["status"] for n, e in b.items()} == {
        "a-lent": "timeout",
        "equipe-0": "ok",
        "equipe-1": "ok",
        "equipe-2": "ok",
        "x-theme-inconnu": "error",
    }
    assert {n: e["status"] for n, e in a.items()} == {n: e["status"] for n, e in b.items()}
    assert "délai dépassé" in b["a-lent"]["error"]
    for name in ("equipe-0", "equipe-1", "equipe-2"):
        assert {k: o["sha256"] for k, o in a[name]["outputs"].items()} == {
            k: o["sha256"] for k, o in b[name]["outputs"].items()
        }
        for file in ("livre.pdf", "livre.epub", "couverture.pdf"):
            assert (remote / name / file).read_bytes() == (local / name / file).read_bytes()
    assert (remote / "jury.pdf").read_bytes().startswith(b"%PDF")
    assert not (remote / "a-lent").exists() and not (remote / "x-theme-inconnu").exists()
    assert leftovers(remote) == []


def test_unreachable_scheduler_is_one_line_exit_2(contest, tmp_path):
    done = run_batch_cli(
        str(contest / "equipe-0" / "book.toml"),
        "--out",
        str(tmp_path / "o"),
        "--scheduler",
        "tcp://127.0.0.1:9",
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "--scheduler" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
