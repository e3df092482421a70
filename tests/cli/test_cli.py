"""The command line as a user runs it: import, inspect, JSON, and bad input."""

from __future__ import annotations

import json
import os

import pytest

from layout_studio import cli
from layout_studio.sources.reading import MAX_SOURCE_BYTES
from tests.conftest import SOURCE, run_cli


def test_import_writes_a_reviewable_markdown(tmp_path):
    out = tmp_path / "story.md"
    proc = run_cli("import", str(SOURCE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "30 contributions, 28 contributeurs" in proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Il était une fois un Community Manager\n")
    assert text.count("{.credit") == 30
    assert '[aristote]{.credit confidence="0.60"}' in text
    assert not list(tmp_path.glob(".*.part"))
    # The written file reads back to the same book.
    again = run_cli("inspect", str(out), "--json")
    data = json.loads(again.stdout)
    assert data["counts"]["contributions"] == 30 and data["counts"]["contributors"] == 28


def test_inspect_json_follows_the_schema():
    proc = run_cli("inspect", str(SOURCE), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "layout-studio/inspect" and data["schema_version"] == 1
    assert set(data) >= {
        "source",
        "title",
        "counts",
        "contributors",
        "credits",
        "typography",
        "matter_candidates",
        "left_out",
        "rejected_parentheses",
    }
    assert data["source"]["encoding"] == "utf-8"
    assert data["counts"]["contributions"] == 30
    assert data["counts"]["contributors"] == 28
    assert data["counts"]["paragraphs"] == 30
    credit = data["credits"][0]
    assert set(credit) == {
        "index",
        "name",
        "affiliation",
        "raw",
        "confidence",
        "needs_review",
        "line",
        "column",
        "offset",
    }
    rules = data["typography"]["rules"]
    assert rules["punctuation-space"]["count"] > 0
    assert {"before", "after", "line", "column", "context"} == set(rules["oe"]["corrections"][0])
    kinds = {item["kind"] for item in data["left_out"]}
    assert "comments" in kinds
    assert [c["matter"] for c in data["matter_candidates"]] == ["front", "back"]


def test_inspect_text_is_french_and_complete():
    proc = run_cli("inspect", str(SOURCE))
    assert proc.returncode == 0
    out = proc.stdout
    for expected in (
        "Titre : Il était une fois",
        "Contributions : 30",
        "Contributeurs : 28",
        "(Catherine, CDP)",
        "Corrections typographiques",
        "Laissé de côté",
        "à vérifier",
    ):
        assert expected in out


# --- bad input: one line, no traceback, non-zero exit, nothing written --------------


def _bad_cases(tmp_path):
    directory = tmp_path / "dossier.txt"
    directory.mkdir()
    empty = tmp_path / "vide.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blanc.txt"
    blank.write_bytes(b" \n\n  \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(b"abc\x00\x01\x02" * 100)
    undecodable = tmp_path / "octets.txt"
    undecodable.write_bytes("Un texte accentué ".encode() + b"\x81\x8d\x90 (Alice)\n")
    huge = tmp_path / "enorme.txt"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)  # sparse: cheap to make
    bad_ext = tmp_path / "livre.pages"
    bad_ext.write_bytes(b"PK\x03\x04")
    return {
        "missing": (tmp_path / "absent.txt", "introuvable"),
        "directory": (directory, "dossier"),
        "empty": (empty, "vide"),
        "blank": (blank, "vide"),
        "binary": (binary, "binaire"),
        "nul-bytes": (zeros, "binaire"),
        "undecodable": (undecodable, "indécodables"),
        "too-large": (huge, "trop gros"),
        "unknown-format": (bad_ext, "non pris en charge"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "empty",
        "blank",
        "binary",
        "nul-bytes",
        "undecodable",
        "too-large",
        "unknown-format",
    ],
)
@pytest.mark.parametrize("command", ["import", "inspect"])
def test_bad_input(tmp_path, case, command):
    path, reason = _bad_cases(tmp_path)[case]
    out = tmp_path / "sortie.md"
    args = [command, str(path)] + (["-o", str(out)] if command == "import" else [])
    proc = run_cli(*args)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert proc.stdout == ""
    assert not out.exists()
    assert not list(tmp_path.glob(".*.part"))


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    src = tmp_path / "secret.txt"
    src.write_text("Texte (Alice)\n", encoding="utf-8")
    out = tmp_path / "sortie.md"
    if os.geteuid() != 0:
        src.chmod(0)
        proc = run_cli("import", str(src), "-o", str(out))
        code, err = proc.returncode, proc.stderr
    else:  # root reads anything: make the read itself fail as the OS would
        from layout_studio.sources import reading

        def deny(path):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(reading, "_open_bytes", deny)
        code = cli.main(["import", str(src), "-o", str(out)])
        err = capsys.readouterr().err
    assert code == 1
    assert err.strip().count("\n") == 0 and "permission" in err and str(src) in err
    assert not out.exists()


def test_output_folder_missing_is_a_clear_error(tmp_path):
    proc = run_cli("import", str(SOURCE), "-o", str(tmp_path / "absent" / "story.md"))
    assert proc.returncode == 1
    assert "n’existe pas" in proc.stderr and "Traceback" not in proc.stderr


def test_failed_import_keeps_the_previous_output(tmp_path):
    out = tmp_path / "story.md"
    out.write_text("travail précieux\n", encoding="utf-8")
    bad = tmp_path / "vide.txt"
    bad.write_bytes(b"")
    proc = run_cli("import", str(bad), "-o", str(out))
    assert proc.returncode == 1
    assert out.read_text(encoding="utf-8") == "travail précieux\n"


def test_import_refuses_to_overwrite_its_source(tmp_path):
    src = tmp_path / "story.md"
    src.write_text("---\ntitle: T\n---\n\nTexte. [Alice]{.credit}\n", encoding="utf-8")
    before = src.read_bytes()
    proc = run_cli("import", str(src), "-o", str(src))
    assert proc.returncode == 1 and "écraserait" in proc.stderr
    assert src.read_bytes() == before


def test_no_command_is_usage_error():
    proc = run_cli()
    assert proc.returncode == 2
