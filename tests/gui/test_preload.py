"""The engine's lazily imported libraries are loaded before the app starts its threads.

Two threads importing one package in different orders can fail with
``_DeadlockError`` (seen once: the UI thread opening a book while the first
build read markdown-it). ``gui.preload`` imports them first, on the UI thread;
these tests keep its list equal to what the engine imports inside functions.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")

from layout_studio.gui.preload import LAZY_MODULES
from tests.conftest import ROOT

# rich: the command line's; distributed: a batch's cluster. Neither runs in the app.
OURS = ("layout_studio", "PySide6", "rich", "distributed")


def _imported_in_functions() -> set[str]:
    """Third-party modules the engine (outside ``gui/``) imports inside a function."""
    found: set[str] = set()
    for path in (ROOT / "layout_studio").rglob("*.py"):
        if "gui" in path.relative_to(ROOT / "layout_studio").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in OURS and top not in sys.stdlib_module_names:
                        found.add(name)
    return found


def test_every_library_the_engine_imports_lazily_is_preloaded():
    lazy = _imported_in_functions()
    assert {"markdown_it", "fontTools.ttLib", "uharfbuzz"} <= lazy  # the scan works
    # ``hyphen`` itself is never imported: its C module is loaded by path. A package
    # whose submodules are preloaded is loaded (``from PIL import Image``).
    missing = [
        name
        for name in lazy - {"hyphen"}
        if not any(m == name or m.startswith(name + ".") for m in LAZY_MODULES)
    ]
    assert missing == []


def test_a_new_window_has_them_loaded_before_its_threads_start(tmp_path):
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from layout_studio.gui.window import MainWindow
w = MainWindow(ask_recovery=False)
missing = [m for m in {sorted(LAZY_MODULES)!r} if m not in sys.modules]
print("missing", missing, "hnj" if "hyphen.hnj" in sys.modules else "no hnj")
"""
    env = {"QT_QPA_PLATFORM": "offscreen", "LAYOUT_STUDIO_STATE_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, **env},
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "missing [] hnj" in out.stdout
