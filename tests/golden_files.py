"""Golden files: a test's output compared with ``tests/golden/``, regenerated only on purpose.

Takes a golden file's name, the text a test produced, and whether ``pytest --update-golden``
was given. Gives a pass when they match; otherwise a failure naming the file with a unified
diff. A missing golden fails too (it is never written behind the test's back). Under
``--update-golden`` the file is rewritten and the diff of what changed is kept in ``CHANGES``,
which ``tests/conftest.py`` prints at the end of the run, so nothing changes unseen.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
CHANGES: list[str] = []


def golden_diff(name: str, before: str, after: str) -> str:
    """The unified diff from the golden file's text to the new one."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"tests/golden/{name} (golden)",
            tofile=f"tests/golden/{name} (now)",
        )
    )


def check_golden(name: str, actual: str, *, update: bool, folder: Path = GOLDEN) -> None:
    """Fail unless ``actual`` equals the golden file ``name``; rewrite it only if ``update``."""
    path = folder / name
    before = path.read_text(encoding="utf-8") if path.exists() else None
    if update:
        if before != actual:
            path.write_text(actual, encoding="utf-8")
            change = golden_diff(name, before or "", actual)
            CHANGES.append(change if before is not None else f"new golden file: {path}\n{change}")
        return
    if before is None:
        pytest.fail(
            f"golden file {path} is missing: run `pytest --update-golden` on purpose, "
            "then read the diff it prints and commit the file",
            pytrace=False,
        )
    if before != actual:
        pytest.fail(
            f"output differs from the golden file {path}; if the change is intended, "
            f"run `pytest --update-golden` and commit it.\n{golden_diff(name, before, actual)}",
            pytrace=False,
        )
