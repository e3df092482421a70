"""Control characters and escape sequences from strangers are never printed raw.

A theme key, a theme name, a file name or a batch entry carrying ESC
sequences, C1 controls or bidirectional overrides must reach stderr as
visible escapes (``\\x1b``), never as the bytes a terminal obeys. Fixtures
are written here, at test time.
"""

from __future__ import annotations

import pytest

from layout_studio.errors import InputError
from layout_studio.messages import printable
from tests.conftest import run_cli

RAW = ("\x1b", "\x9b", "\x07", "\x00", "\u202e", "\u2066", "\x7f", "\r")


def _no_raw_control(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in RAW})
    assert not found, f"raw control characters on stderr: {found}"


@pytest.mark.parametrize(
    "raw,shown",
    [
        ("\x1b[31mrouge\x1b[0m", "\\x1b[31mrouge\\x1b[0m"),
        ("csi\x9b2J", "csi\\x9b2J"),
        ("cloche\x07 nul\x00 del\x7f", "cloche\\x07 nul\\x00 del\\x7f"),
        ("fichier\u202eftp.exe", "fichier\\u202eftp.exe"),
        ("isolé\u2066x\u2069", "isolé\\u2066x\\u2069"),
        ("deux\nlignes\r", "deux\\x0alignes\\x0d"),
        ("octet\udcff", "octet\\udcff"),
    ],
)
def test_printable_shows_escapes(raw, shown):
    assert printable(raw) == shown


def test_printable_keeps_ordinary_text():
    text = "Thème « Sage » : l’été, 10 % — 日本語, ελληνικά, مرحبا\u00a0!\u202f?"
    assert printable(text) == text


def test_error_line_escapes_file_and_reason():
    line = InputError("dossier/\x1b]0;titre\x07.md", "clé « \x1b[2J » inconnue").one_line()
    _no_raw_control(line)
    assert "\\x1b]0;titre\\x07.md" in line and "\\x1b[2J" in line


def test_theme_key_and_name_escaped_on_stderr(tmp_path):
    source = tmp_path / "histoire.md"
    source.write_text("---\ntitle: Essai\n---\n\nUn passage. (Alice)\n", encoding="utf-8")
    theme = tmp_path / "th\x1b[5meme.toml"
    theme.write_text(
        '[theme]\nname = "nom\\u001b[31m"\n'
        '[body]\n"clé\\u001b[31m\\u009b" = 1\n'
        '["section\\u001b[41m\\u202e"]\nx = 1\n',
        encoding="utf-8",
    )
    done = run_cli("export", str(source), "--theme", str(theme), "--pdf", str(tmp_path / "o.pdf"))
    assert done.returncode == 0, done.stderr
    _no_raw_control(done.stderr)
    assert "clé\\x1b[31m\\x9b" in done.stderr  # the unknown key, shown
    assert "section\\x1b[41m\\u202e" in done.stderr  # the unknown section, shown
    assert "nom\\x1b[31m" in done.stderr  # the theme's name in the summary
    assert "th\\x1b[5meme.toml" in done.stderr  # the file name in the warnings


def test_missing_file_with_escapes_is_one_escaped_line(tmp_path):
    missing = tmp_path / "\x1b[2J\x1b[Hhistoire\u202e.md"
    done = run_cli("export", str(missing), "--pdf", str(tmp_path / "o.pdf"))
    assert done.returncode == 1
    _no_raw_control(done.stderr)
    assert done.stderr.count("\n") == 1 and "\\x1b[2J\\x1b[Hhistoire\\u202e.md" in done.stderr


def test_theme_error_value_escaped(tmp_path):
    source = tmp_path / "histoire.md"
    source.write_text("---\ntitle: Essai\n---\n\nUn passage. (Alice)\n", encoding="utf-8")
    theme = tmp_path / "theme.toml"
    theme.write_text('[credits]\nplacement = "\\u001b[31mpartout"\n', encoding="utf-8")
    done = run_cli("export", str(source), "--theme", str(theme), "--pdf", str(tmp_path / "o.pdf"))
    assert done.returncode == 1
    _no_raw_control(done.stderr)
    assert "credits.placement" in done.stderr and "\\x1b[31mpartout" in done.stderr


def test_batch_lines_escaped(tmp_path):
    entry = tmp_path / "entrees" / "a\x1b[31m"
    entry.mkdir(parents=True)
    (entry / "histoire.md").write_text("Un passage. (Alice)\n", encoding="utf-8")
    (entry / "book.toml").write_text(
        '[book]\nsource = "histoire.md"\ntheme = "inconnu\\u001b[31m"\n', encoding="utf-8"
    )
    done = run_cli(
        "batch", str(tmp_path / "entrees"), "--out", str(tmp_path / "sortie"), "--jobs", "1"
    )
    assert done.returncode == 3, done.stderr
    _no_raw_control(done.stderr)
    assert "inconnu\\x1b[31m" in done.stderr
