"""Preflight: zero errors on the example made for KDP, the right errors on files made wrong."""

from __future__ import annotations

import json

from PIL import Image

from tests.conftest import BOOK_TOML, ROOT, run_cli


def test_example_for_kdp_has_no_error():
    done = run_cli("preflight", str(BOOK_TOML), "--service", "kdp", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["errors"] == 0
    spine = next(f for f in report["findings"] if f["check"] == "dos")
    assert spine["value"] == round(24 * 0.002252 * 25.4, 3)  # 24 pages on KDP white paper


def test_a_project_made_wrong_is_caught(tmp_path):
    (tmp_path / "story.md").write_text(
        (ROOT / "examples" / "cmad" / "story.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    Image.new("RGB", (300, 420), (20, 40, 160)).save(tmp_path / "petite.jpg")
    (tmp_path / "book.toml").write_text(
        '[book]\nsource = "story.md"\ntheme = "classique"\ncover = "petite.jpg"\n'
        '[theme.page]\ntop = "6mm"\nouter = "4mm"\n',
        encoding="utf-8",
    )
    done = run_cli("preflight", str(tmp_path / "book.toml"), "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    findings = json.loads(done.stdout)["findings"]
    errors = {f["check"]: f for f in findings if f["level"] == "erreur"}
    assert set(errors) == {"marges", "résolution", "pages"}  # 17 pages: odd
    # 300 px over the 151 mm front panel (trim + bleed): 50 ppi, measured at the printed size.
    assert 49 < errors["résolution"]["value"] < 51
    assert errors["marges"]["value"] < 5  # text nearer the trim than the generic 5 mm
    assert errors["marges"]["pages"]


def test_a_screen_pdf_is_no_print_pdf(tmp_path):
    from layout_studio.export.job import run_export

    screen = tmp_path / "ecran.pdf"
    run_export(BOOK_TOML, screen_pdf=screen, pdf=tmp_path / "print.pdf")
    done = run_cli("preflight", str(screen), "--service", "lulu")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    for expected in (
        "GTS_PDFXVersion",
        "DeviceRGB",
        "annotation /Link",
        "fonds perdus haut 0.00 mm",
    ):
        assert any(expected in line for line in lines), expected
    assert any("17 pages : Lulu en demande 32 au moins" in line for line in lines)
    # One line per finding, pages named, no traceback.
    assert all(line.startswith(("erreur : ", "attention : ", "info : ")) for line in lines[:-1])
    ok = run_cli("preflight", str(tmp_path / "print.pdf"))
    assert ok.returncode == 1  # generic: the 17-page interior is odd
    assert "nombre impair" in ok.stdout and ok.stdout.count("erreur :") == 1


def test_preflight_refuses_a_fifo_at_once(tmp_path):
    import os

    from tests.conftest import run_cli

    fifo = tmp_path / "tube.pdf"
    os.mkfifo(fifo)
    done = run_cli("preflight", str(fifo), timeout=60)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "tube.pdf" in done.stderr
    assert "Traceback" not in done.stderr
