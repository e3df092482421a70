"""The benchmark scripts' own command lines and helpers (they are run by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from benchmarks.tex import TEX_SPECIAL, tex_escape

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "pdf_figures.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pdf_figures_help_is_usage_not_a_file() -> None:
    done = _run("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage:")


def test_pdf_figures_missing_file_is_one_line(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "absent.pdf"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith("absent.pdf: no such file")


@given(st.text(alphabet=st.sampled_from("ab \\{}#$%&_^~\u00a0\u202f"), max_size=40))
def test_tex_escape_leaves_no_bare_special(text: str) -> None:
    escaped = tex_escape(text, french_spaces=True)
    # Taking every escape out again leaves no character LaTeX would read as markup.
    stripped = escaped
    for replacement in sorted(TEX_SPECIAL.values(), key=len, reverse=True):
        stripped = stripped.replace(replacement, "")
    stripped = stripped.replace(r"\nobreak\hskip.5\fontdimen2\font\relax{}", "")
    assert not set(stripped) & (set(TEX_SPECIAL) - {"~"})
    assert stripped.count("~") == text.count("\u00a0")
    assert "\u00a0" not in escaped and "\u202f" not in escaped
    assert tex_escape(text) == "".join(TEX_SPECIAL.get(c, c) for c in text)
