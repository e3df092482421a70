"""Cold start: a command loads only the libraries it uses (the figures are in the benchmark)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SOURCE

HEAVY = (
    "markdown_it",
    "yaml",
    "stdnum",
    "PIL",
    "requests",
    "reportlab",
    "pikepdf",
    "uharfbuzz",
    "fontTools.ttLib",
    "fontTools.subset",
    "importlib.metadata",
    "layout_studio.layout.typeset",
)
# What a book read back from the user's cache spares an export: the typesetting
# engine, HarfBuzz, parsing fonts, and for the EPUB the subsetter and the cover's drawing.
ENGINE = {"uharfbuzz", "layout_studio.layout.typeset", "importlib.metadata"}

PROBE = """
import json, sys
from layout_studio.cli import main
code = main(sys.argv[1:])
heavy = {heavy!r}
print(json.dumps({{"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}}))
"""


def loaded_by(*args: str, cache: Path | None = None) -> list[str]:
    env = dict(os.environ)
    if cache is not None:
        env["LAYOUT_STUDIO_CACHE_DIR"] = str(cache)
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
        env=env,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    return list(result["loaded"])


def test_inspect_loads_no_export_library() -> None:
    assert loaded_by("inspect", str(SOURCE), "--json") == []


def test_epub_export_of_a_text_loads_no_pdf_nor_markdown_library(tmp_path: Path) -> None:
    loaded = loaded_by("export", str(SOURCE), "--epub", str(tmp_path / "s.epub"))
    assert not {"markdown_it", "yaml", "stdnum", "requests", "reportlab", "pikepdf"} & set(loaded)


def test_pdf_export_of_a_text_loads_no_markdown_library(tmp_path: Path) -> None:
    loaded = loaded_by("export", str(SOURCE), "--pdf", str(tmp_path / "s.pdf"))
    assert not {"markdown_it", "yaml", "stdnum", "requests"} & set(loaded)
    assert {"reportlab", "pikepdf"} <= set(loaded)


def test_epub_export_of_a_book_in_the_cache_loads_no_engine_nor_font_parser(
    tmp_path: Path,
) -> None:
    target = str(tmp_path / "s.epub")
    first = loaded_by("export", str(SOURCE), "--epub", target, cache=tmp_path / "cache")
    assert set(first) >= ENGINE  # typeset, then kept
    again = loaded_by("export", str(SOURCE), "--epub", target, cache=tmp_path / "cache")
    assert not set(again) & {
        *ENGINE,
        "fontTools.ttLib",
        "fontTools.subset",
        "PIL",
        "reportlab",
        "pikepdf",
    }


def test_pdf_export_of_a_book_in_the_cache_loads_no_engine_nor_pdf_writer(
    tmp_path: Path,
) -> None:
    target = str(tmp_path / "s.pdf")
    first = loaded_by("export", str(SOURCE), "--pdf", target, cache=tmp_path / "cache")
    assert {"reportlab", "pikepdf", "uharfbuzz"} <= set(first)  # drawn, then kept
    again = loaded_by("export", str(SOURCE), "--pdf", target, cache=tmp_path / "cache")
    # The same book's PDF is read back (export.stored_output): nothing is drawn.
    assert not set(again) & {*ENGINE, "reportlab", "pikepdf", "PIL", "fontTools.ttLib"}
