"""Batch entries on an existing Dask cluster (``--scheduler ADDRESS``, the ``[cluster]`` extra).

Takes the same tasks as ``pool.run_tasks`` and a scheduler address; gives
the same ``Outcome`` for each task as it ends, so the runner commits,
reports and draws the contact sheet exactly as for a local batch. Each task
runs on a Dask worker in a child process of its own, killed at its time
limit (``isolated.py``). The workers must see the projects and the output
folder at the same paths (a shared file system). Dask schedules; nothing
here does.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from layout_studio.batch.isolated import run_isolated
from layout_studio.batch.pool import POLL_SECONDS, Interrupt, Outcome, Task
from layout_studio.errors import LayoutStudioError


class ClusterError(LayoutStudioError):
    """The Dask cluster cannot be used (exit code 2: fix the command or the extra)."""

    exit_code = 2


def run_on_cluster(
    tasks: Sequence[Task],
    *,
    address: str,
    timeout: float,
    interrupt: Interrupt,
    on_end: Callable[[Outcome], None],
    on_tick: Callable[[], None] | None = None,
) -> None:
    """Submit every task to the scheduler at ``address``; report each end.

    On ``interrupt``, tasks not yet finished are cancelled and end as
    ``interrupted`` (one already running on a worker finishes in its own
    process; its staging folder is swept by the next run).
    """
    try:
        import distributed
    except ImportError:
        raise ClusterError(
            None,
            "--scheduler demande Dask : pip install 'layout-studio[cluster]'",
        ) from None
    try:
        dask: Any = distributed  # untyped library: used through Any
        client = dask.Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            None, f"--scheduler {address} : planificateur Dask injoignable ({exc})"
        ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        pending: dict[Any, str] = {
            client.submit(run_isolated, args, timeout, epoch, pure=False): key
            for key, args in tasks
        }
        while pending and not interrupt.requested:
            for future in [f for f in pending if f.done()]:
                on_end(_outcome(pending.pop(future), future))
            if on_tick is not None:
                on_tick()
            time.sleep(POLL_SECONDS)
        if pending:
            client.cancel(list(pending))
            for key in pending.values():
                on_end(Outcome(key, "interrupted"))
    finally:
        client.close()


def _outcome(key: str, future: Any) -> Outcome:
    if future.status != "finished":
        return Outcome(key, "died", detail=f"Dask : {future.exception()!r}")
    kind, value = future.result()
    if kind == "done":
        return Outcome(key, "done", result=value)
    return Outcome(key, "timeout" if kind == "timeout" else "died", detail=str(value))
