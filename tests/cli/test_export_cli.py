"""``layout-studio export`` and ``themes`` as a user runs them."""

from __future__ import annotations

import shutil

import pypdf
from PIL import Image

from tests.conftest import BOOK_TOML, STORY_MD, run_cli


def test_export_story_md_with_theme_and_cover(tmp_path):
    cover = tmp_path / "cover.jpg"
    Image.new("RGB", (1800, 2600), (30, 90, 120)).save(cover, "JPEG")
    pdf, wrap = tmp_path / "livre.pdf", tmp_path / "couv.pdf"
    done = run_cli(
        "export",
        str(STORY_MD),
        "--theme",
        "poche",
        "--cover",
        str(cover),
        "--pdf",
        str(pdf),
        "--print-cover",
        str(wrap),
    )
    assert done.returncode == 0, done.stderr
    assert "pages, thème poche" in done.stderr
    assert len(pypdf.PdfReader(pdf).pages) > 10
    assert "/XObject" in pypdf.PdfReader(wrap).pages[0]["/Resources"]  # the image is on the cover


def test_export_project_file_writes_its_outputs(tmp_path):
    project = tmp_path / "projet"
    shutil.copytree(BOOK_TOML.parent, project)
    toml = project / "book.toml"
    text = toml.read_text(encoding="utf-8").replace('"out/', '"sortie/')
    toml.write_text(text, encoding="utf-8")
    done = run_cli("export", str(toml), "--json")
    assert done.returncode == 0, done.stderr
    assert (project / "sortie" / "story.pdf").stat().st_size > 10000
    assert (project / "sortie" / "story-cover.pdf").exists()
    assert '"overfull_lines": 0' in done.stdout


def test_themes_lists_the_bundled_themes():
    done = run_cli("themes")
    assert done.returncode == 0
    for name in ("classique", "moderne", "poche"):
        assert name in done.stdout


def _one_error_line(done):
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr
    return lines[0]


def test_bad_inputs_one_line_and_nothing_written(tmp_path):
    pdf = tmp_path / "livre.pdf"
    pdf.write_bytes(b"previous version")
    bad_cover = tmp_path / "cover.png"
    bad_cover.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    line = _one_error_line(
        run_cli("export", str(STORY_MD), "--cover", str(bad_cover), "--pdf", str(pdf))
    )
    assert str(bad_cover) in line
    assert pdf.read_bytes() == b"previous version"  # the user's previous file is intact
    line = _one_error_line(
        run_cli("export", str(STORY_MD), "--theme", "inexistant", "--pdf", str(pdf))
    )
    assert "thème inconnu" in line
    theme = tmp_path / "t.toml"
    theme.write_text('[body]\nfont = "Comic Nope"\n', encoding="utf-8")
    line = _one_error_line(
        run_cli("export", str(STORY_MD), "--theme", str(theme), "--pdf", str(pdf))
    )
    assert str(theme) in line and "body.font" in line and "introuvable" in line
    project = tmp_path / "book.toml"
    project.write_text('[book]\nsource = "absent.md"\n[sortie]\npdf = "x.pdf"\n', encoding="utf-8")
    line = _one_error_line(run_cli("export", str(project)))
    assert "sortie : section inconnue" in line
    assert not list(tmp_path.glob(".*.part"))
