"""The desktop app is installed with the product and says in one line why it cannot start."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata

from tests.conftest import ROOT


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def _env_without_display() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_pyside6_is_a_dependency_of_the_plain_install():
    """`pip install .` must bring the app: PySide6 is required without any extra."""
    requires = metadata.requires("layout-studio") or []
    plain = [r for r in requires if "extra ==" not in r]
    assert any(r.replace("_", "-").lower().startswith("pyside6") for r in plain), requires


def test_gui_scripts_point_at_the_launcher():
    entry = {e.name: e.value for e in metadata.entry_points(group="gui_scripts")}
    assert entry.get("layout-studio-gui") == "layout_studio.launch_gui:main"


def test_without_a_display_the_app_says_so_in_one_line():
    result = _run(
        "from layout_studio.launch_gui import main; raise SystemExit(main([]))",
        _env_without_display(),
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "aucun écran" in lines[0]
    assert "Traceback" not in result.stderr


def test_gui_subcommand_without_a_display_says_so_in_one_line():
    result = _run(
        "from layout_studio.cli import main; raise SystemExit(main(['gui']))",
        _env_without_display(),
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "aucun écran" in result.stderr


def test_a_broken_pyside6_gives_one_line_with_a_command_that_works():
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6'): sys.modules[name] = None\n"
        "from layout_studio.launch_gui import main, PYSIDE_REQUIREMENT\n"
        "raise SystemExit(main([]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    result = _run(code, env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "pip install 'PySide6-Essentials>=6.8,<6.10'" in lines[0]
    assert "layout-studio[gui]" not in result.stderr
