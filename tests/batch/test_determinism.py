"""Same input and SOURCE_DATE_EPOCH give the same bytes, whatever ran before in the process.

Exports the three shipped themes in one order, then in the reverse order, in
this one process, and compares every PDF and EPUB byte for byte with the
files a fresh process writes for that theme alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, STORY_MD

EPOCH = "1359331200"
THEMES = ("classique", "moderne", "poche")


def _fresh(theme: str, folder: Path) -> dict[str, bytes]:
    """The theme's files from a process that exported nothing before."""
    folder.mkdir(parents=True)
    script = (
        "import sys\n"
        "from layout_studio.export.job import run_export\n"
        "run_export(sys.argv[1], theme=sys.argv[2], pdf=sys.argv[3], epub=sys.argv[4])\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(STORY_MD), theme]
        + [str(folder / "livre.pdf"), str(folder / "livre.epub")],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: (folder / name).read_bytes() for name in ("livre.pdf", "livre.epub")}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("fresh")
    return {theme: _fresh(theme, root / theme) for theme in THEMES}


@pytest.mark.parametrize("order", [THEMES, THEMES[::-1]], ids=["forward", "reverse"])
def test_one_process_any_order_same_bytes_as_fresh_processes(fresh, order, tmp_path, monkeypatch):
    from layout_studio.export.job import run_export

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for theme in order:
        folder = tmp_path / theme
        folder.mkdir()
        run_export(STORY_MD, theme=theme, pdf=folder / "livre.pdf", epub=folder / "livre.epub")
    for theme in order:
        for name, expected in fresh[theme].items():
            assert (tmp_path / theme / name).read_bytes() == expected, (theme, name, order)
