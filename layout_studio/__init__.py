"""Layout Studio: lay out a co-written French book as a print PDF and an EPUB.

The engine (model, sources, text, layout, export, batch) is pure Python and
never imports Qt; ``layout_studio.gui`` is the only package that does.

Small public API::

    from layout_studio import load_source, apply_typography
    result = load_source("story.md")
    book = apply_typography(result.document).document
"""

from __future__ import annotations

import time as _time

__version__ = "0.1.0"
# When this process loaded the package: a source file changed since may not be the
# code that runs, so the caches keyed on the code's source stay off then (stored_book).
LOADED_AT_NS = _time.time_ns()

from layout_studio.sources import load_source, to_markdown  # noqa: E402 (the time first)
from layout_studio.text.typography import (  # noqa: E402
    FrenchOptions,
    apply_to_text,
    apply_typography,
)


def __getattr__(name: str) -> object:
    # The layout and export stack loads fonts and reportlab: import it on first use only,
    # so ``import layout_studio`` stays cheap for ``inspect``.
    lazy = {
        "load_theme": "layout_studio.style.theme",
        "typeset": "layout_studio.layout.typeset",
        "write_pdf": "layout_studio.export.pdf",
        "run_export": "layout_studio.export.job",
        "prepare": "layout_studio.export.job",
    }
    if name in lazy:
        import importlib

        return getattr(importlib.import_module(lazy[name]), name)
    raise AttributeError(name)


__all__ = [
    "FrenchOptions",
    "__version__",
    "apply_to_text",
    "apply_typography",
    "load_source",
    "load_theme",
    "prepare",
    "run_export",
    "to_markdown",
    "typeset",
    "write_pdf",
]
