"""Cold start: a command loads only the libraries it uses (the figures are in the benchmark)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SOURCE

HEAVY = ("markdown_it", "yaml", "stdnum", "PIL", "requests", "reportlab", "pikepdf")

PROBE = """
import json, sys
from layout_studio.cli import main
code = main(sys.argv[1:])
heavy = {heavy!r}
print(json.dumps({{"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}}))
"""


def loaded_by(*args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
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
