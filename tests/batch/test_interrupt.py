"""Ctrl-C stops a batch on every try: exit 130, a report, nothing half-done, no process left.

The terminal sends SIGINT to the whole process group (parent and workers);
the test does the same, at the moment the first entry has ended and the
workers are busy with the next ones (the first progress line on stderr is
the readiness signal: no sleeps). It runs 10 times in a row in the suite,
alternating ``--jobs 1`` and ``--jobs 2``; ``CTRL_C_RUNS=50`` is the stress
run to make after touching the batch's signal handling (50/50 passed, twice).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.batch.conftest import batch_command, batch_env, leftovers, write_entry
from tests.conftest import ROOT

RUNS = int(os.environ.get("CTRL_C_RUNS", "10"))
ENTRIES = 6


@pytest.fixture(scope="module")
def contest(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ctrl-c")
    for i in range(ENTRIES):
        write_entry(root / f"equipe-{i}", theme=("classique", "moderne", "poche")[i % 3])
    return root


@pytest.mark.parametrize("run", range(RUNS))
def test_ctrl_c_stops_cleanly_every_time(contest, tmp_path, run):
    jobs = "1" if run % 2 == 0 else "2"
    out = tmp_path / "out"
    proc = subprocess.Popen(
        batch_command(str(contest), "--out", str(out), "--jobs", jobs, "--formats", "pdf"),
        cwd=ROOT,
        env=batch_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a shell job
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # "[1/6] …": the workers are on the next entries
    assert first.startswith(f"[1/{ENTRIES}]"), first
    os.killpg(proc.pid, signal.SIGINT)
    rest = proc.stderr.read()
    proc.wait(timeout=60)
    stderr = first + rest
    assert proc.returncode == 130, stderr  # never death by signal (-2), never 0 or 3
    assert "Traceback" not in stderr
    assert stderr.rstrip().endswith("interrompu"), stderr
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # no worker outlives the batch
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["interrupted"] is True
    statuses = {e["name"]: e["status"] for e in report["entries"]}
    assert len(statuses) == ENTRIES
    assert set(statuses.values()) == {"ok", "interrupted"}, statuses
    assert leftovers(out) == []
    for entry in report["entries"]:
        folder = out / entry["name"]
        if entry["status"] == "ok":
            data = Path(entry["outputs"]["pdf"]["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["outputs"]["pdf"]["sha256"]
        else:
            assert not folder.exists(), f"{folder} left by an interrupted entry"
