"""Small contest entries made at test time, and a runner for the real ``batch`` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

EPOCH = "1359331200"
CLAUSE = (
    "Le présent contrat, conclu entre les parties soussignées, a pour objet de définir les "
    "conditions dans lesquelles l’auteur cède à l’éditeur le droit de reproduire et de "
    "représenter l’œuvre, sous réserve des dispositions de l’article {n} ci-après."
)


def write_entry(
    folder: Path, *, theme: str = "classique", paragraphs: int = 3, **book: str
) -> Path:
    """An entry with its own text inside its folder; ``book`` adds [book] keys."""
    folder.mkdir(parents=True)
    body = "\n\n".join(CLAUSE.format(n=i + 1) for i in range(paragraphs))
    (folder / "texte.md").write_text(
        f"---\ntitle: Entrée {folder.name}\nlang: fr\n---\n\n# Chapitre premier\n\n{body}\n",
        encoding="utf-8",
    )
    lines = ["[book]", 'source = "texte.md"', f'theme = "{theme}"']
    lines += [f'{k} = "{v}"' for k, v in book.items()]
    lines += ["", "[metadata]", f'entrant = "Équipe {folder.name}"']
    path = folder / "book.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def make_entry() -> Callable[..., Path]:
    return write_entry


def batch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "layout_studio", "batch", *args]


def batch_env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONIOENCODING="utf-8")


def run_batch_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The real command, as an organiser runs it (output not a terminal)."""
    return subprocess.run(
        batch_command(*args),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=batch_env(),
        timeout=timeout,
    )


def leftovers(out: Path) -> list[Path]:
    """Hidden temporary files or staging folders anywhere under ``out``."""
    return sorted(p for p in out.rglob("*") if p.name.startswith(".") and ".part" in p.name)
