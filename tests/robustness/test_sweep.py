"""Robustness sweep: hostile texts, images and projects give a result or one clear error."""

from __future__ import annotations

import re
import zipfile

import pytest
from PIL import Image

from layout_studio.errors import LayoutStudioError
from layout_studio.export.job import run_export

TEXTS = {
    "vide": "",
    "seulement-credits": "(Alice)\n\n(Bob)\n",
    "mot-5000": "Début " + "a" * 5000 + " fin. (Alice)\n",
    "emoji-ecritures": "Le jardin 🌱🌻 et 日本語, ελληνικά, русский, हिन्दी. (Zoé 🙂)\n",
    "droite-a-gauche": "Le mot arabe مرحبا بالعالم et l’hébreu שלום עולם. (Nour)\n",
    "controles": "Un\x07 texte\x1b avec\x0c des contrôles. (Alice)\n",
    "guillemets-orphelins": 'Il dit "bonjour et s’en va. « Ouvert sans fermer. (Alice)\n',
    "parentheses-imbriquees": "Un aparté (qui (dit-on) est long) ici. (Alice)\n",
    "credit-tres-long": "Un passage. (" + "Jean-Christophe " * 30 + ")\n",
    "dix-mille-paragraphes": "".join(
        f"Ligne {i} du texte. (Auteur {i % 7})\n\n" for i in range(10_000)
    ),
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_hostile_texts(tmp_path, name):
    source = tmp_path / f"{name}.txt"
    source.write_text(TEXTS[name], encoding="utf-8")
    pdf, epub = tmp_path / "out.pdf", tmp_path / "out.epub"
    try:
        result = run_export(source, pdf=pdf, epub=epub)
    except LayoutStudioError as exc:
        assert str(source) in str(exc) and "\n" not in exc.one_line()
        assert not pdf.exists() and not epub.exists()
        return
    assert pdf.read_bytes().startswith(b"%PDF")
    assert zipfile.is_zipfile(epub)
    book = result.prepared.book
    assert book.report.overfull_lines <= 1 or name == "mot-5000"
    _assert_no_text_lost(TEXTS[name], book)


def _assert_no_text_lost(text, book):
    """Every Latin word of the input is set somewhere (lines joined, hyphens undone)."""
    flat = []
    for page in book.pages:
        for line in page.lines:
            flat.append(line.text[:-1] if line.hyphenated else line.text)
    setting = re.sub(r"\s+", "", "".join(flat))
    body = re.sub(r"\([^()]*\)", " ", text)  # credits are set apart (signature, index)
    words = {w for w in re.findall(r"[A-Za-zÀ-ÿ’']{4,}", body)}
    missing = sorted(w for w in words if w not in setting)
    assert not missing, missing[:10]
    for sentinel in re.findall(r"Ligne \d+", text)[:: max(1, len(text) // 20000)]:
        assert sentinel.replace(" ", "") in setting, sentinel


@pytest.mark.parametrize(
    "kind", ["zero", "dossier", "svg", "gif-anime", "png-16", "cmyk", "tronque", "bombe"]
)
def test_hostile_covers(tmp_path, kind):
    from tests.conftest import STORY_MD

    cover = tmp_path / f"couv-{kind}"
    if kind == "zero":
        cover = cover.with_suffix(".jpg")
        cover.write_bytes(b"")
    elif kind == "dossier":
        cover.mkdir()
    elif kind == "svg":
        cover = cover.with_suffix(".svg")
        cover.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    elif kind == "gif-anime":
        cover = cover.with_suffix(".gif")
        frames = [Image.new("P", (40, 40), i) for i in range(3)]
        frames[0].save(cover, save_all=True, append_images=frames[1:])
    elif kind == "png-16":
        cover = cover.with_suffix(".png")
        Image.new("I;16", (1800, 2500), 30000).save(cover)
    elif kind == "cmyk":
        cover = cover.with_suffix(".jpg")
        Image.new("CMYK", (1800, 2500), (0, 80, 80, 0)).save(cover)
    elif kind == "tronque":
        cover = cover.with_suffix(".jpg")
        Image.new("RGB", (1800, 2500), "red").save(cover)
        cover.write_bytes(cover.read_bytes()[:5000])
    else:  # a PNG declaring 30000 × 30000 pixels
        cover = cover.with_suffix(".png")
        Image.new("1", (30000, 30000)).save(cover, optimize=True)
    pdf = tmp_path / "out.pdf"
    try:
        run_export(STORY_MD, cover=cover, pdf=pdf, epub=tmp_path / "out.epub")
    except LayoutStudioError as exc:
        assert cover.name in exc.one_line()
        assert not pdf.exists()
        return
    assert kind in ("png-16", "cmyk")  # those two are converted, with a warning where due
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "content, reason",
    [
        ('[book]\nsource = "absent.md"\n', "introuvable"),
        ('[book]\nsource = "../../etc/passwd"\n', ""),
        ('[book]\nsource = "book.toml"\n', ""),
        ("[book\nsource =", "TOML"),
        ('[book]\nsource = "/nulle/part/story.md"\n', "chemin absolu refusé"),
    ],
)
def test_hostile_projects(tmp_path, content, reason):
    project = tmp_path / "sous" / "book.toml"
    project.parent.mkdir()
    project.write_text(content, encoding="utf-8")
    with pytest.raises(LayoutStudioError) as caught:
        run_export(project, pdf=tmp_path / "x.pdf")
    assert reason in caught.value.one_line()
    assert "\n" not in caught.value.one_line()
    assert not (tmp_path / "x.pdf").exists()
