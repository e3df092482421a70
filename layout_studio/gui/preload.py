"""The libraries the engine imports lazily, imported once on the UI thread before any other.

Takes nothing; gives nothing but the modules loaded. The engine imports
markdown-it, fontTools, HarfBuzz, Pillow and the hyphenation patterns inside
the functions that need them, so that a command loads only what it uses. In
the app, those functions run on several threads at once (the layout worker,
the panels' thread, exports, the UI thread opening a file), and two threads
importing one package's modules in different orders can meet in Python's
import locks: one of them then fails with ``_DeadlockError`` (seen opening a
book while the first build started). Loading them first, on one thread, takes
that race away.
"""

from __future__ import annotations

import contextlib
import importlib

from layout_studio.text.hyphenate import hnj_module

#: Every third-party module the engine imports inside a function (a test checks the list).
LAZY_MODULES = (
    "fontTools",
    "fontTools.subset",
    "fontTools.ttLib",
    "fontTools.ttLib.tables.otTables",
    "markdown_it",
    "markdown_it.rules_core",
    "markdown_it.rules_core.state_core",
    "markdown_it.token",
    "mdit_py_plugins.attrs",
    "mdit_py_plugins.footnote",
    "mdit_py_plugins.front_matter",
    "PIL.Image",
    "PIL.ImageCms",
    "PIL.ImageOps",
    "platformdirs",
    "pyphen",
    "spellchecker",
    "stdnum.exceptions",
    "stdnum.isbn",
    "uharfbuzz",
    "yaml",
)


def preload() -> None:
    """Import ``LAZY_MODULES`` and PyHyphen's C module (those not installed are left)."""
    for name in LAZY_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    with contextlib.suppress(ImportError):
        hnj_module()  # loaded by path, not by ``import hyphen`` (see ``hnj_module``)
