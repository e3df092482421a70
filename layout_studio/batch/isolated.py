"""One batch entry in a process of its own, killed at its time limit.

Takes ``export_entry``'s arguments, a time limit and the organiser's
``SOURCE_DATE_EPOCH``; gives ``(kind, value)``: ``("done", record)``, or
``("timeout" | "died", reason)`` after sweeping the entry's staging folder.
Used where the local worker pool cannot run, on a Dask worker (its tasks run
in threads that cannot be killed, in a daemonic process that may not use
``multiprocessing``). Run as ``python -m layout_studio.batch.isolated``, the
child reads the arguments as a pickle on standard input and writes the
record as a pickle on standard output (both from this module only).
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import layout_studio


def run_isolated(args: tuple[Any, ...], timeout: float, epoch: str | None) -> tuple[str, Any]:
    """Export one entry in a child process; kill it after ``timeout`` seconds."""
    from layout_studio.batch.runner import staging_folder

    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:  # the organiser's, not the worker machine's
        env["SOURCE_DATE_EPOCH"] = epoch
    # The child runs this very copy of the package, wherever the worker found it.
    package_root = str(Path(layout_studio.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "layout_studio.batch.isolated"],
            input=pickle.dumps(args),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:  # the child was killed (SIGKILL)
        shutil.rmtree(staging_folder(args[1]), ignore_errors=True)
        return ("timeout", f"{timeout:g} s")
    if done.returncode != 0 or not done.stdout:
        shutil.rmtree(staging_folder(args[1]), ignore_errors=True)
        return ("died", f"code {done.returncode}")
    return ("done", pickle.loads(done.stdout))


def _main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from layout_studio.batch.runner import export_entry

    args = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed may corrupt the record
    record = export_entry(*args)
    out.write(pickle.dumps(record))
    out.flush()


if __name__ == "__main__":
    _main()
