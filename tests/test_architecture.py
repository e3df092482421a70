"""The engine never imports Qt: only layout_studio/gui may (ruff rule + this test)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

from tests.conftest import ROOT

PACKAGE = ROOT / "layout_studio"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_qt_import_outside_gui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        offenders += [f"{path}: {m}" for m in _imports(path) if m.split(".")[0] in QT]
    assert offenders == []


def test_engine_runs_with_qt_blocked(tmp_path):
    code = (
        "import sys\n"
        "for name in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'): sys.modules[name] = None\n"
        "import layout_studio, layout_studio.cli, layout_studio.sources, layout_studio.text.typography\n"
        "import layout_studio.text.hyphenate, layout_studio.inspection\n"
        f"raise SystemExit(layout_studio.cli.main(['inspect', r'{ROOT / 'examples/cmad/story.md'}', '--json']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert '"contributions": 30' in proc.stdout


def test_ruff_bans_qt_outside_gui(tmp_path):
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    probe = PACKAGE / "_qt_probe_for_test.py"
    probe.write_text('"""Probe."""\n\nimport PySide6  # noqa: F401\n', encoding="utf-8")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251", str(probe)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    finally:
        probe.unlink()
    del ruff
    assert proc.returncode == 1 and "TID251" in proc.stdout
