"""Robustness sweep: hostile texts, images and projects, each with what it must give.

Every input states whether it must be refused (one line naming it, with the reason)
or exported (and then which checks its PDF and EPUB must pass); a refusal is never
taken for success, nor an export for a refusal.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Refused:
    """The input must be refused with one line naming it and saying ``reason``."""

    reason: str


@dataclass(frozen=True)
class Exported:
    """The input must give a PDF and an EPUB, and these checks must hold."""

    contributors: tuple[str, ...] | None = None  # the credited names, in order; None: unchecked
    warnings: tuple[str, ...] = ()  # each must appear in some warning
    contains: tuple[str, ...] = ()  # set somewhere in the book's lines
    overfull: int = 0  # lines allowed to stick out of the measure


GLYPH_MISSING = "absent de toutes les polices"
NO_CREDIT = "aucun crédit reconnu"

# What each hostile text must give: a clear refusal, or an export passing these checks.
EXPECTED_TEXTS: dict[str, Refused | Exported] = {
    "vide": Refused("fichier vide"),
    "seulement-credits": Exported(contributors=("Alice", "Bob")),
    "mot-5000": Exported(contributors=("Alice",), contains=("Début", "fin."), overfull=1),
    # Scripts the fonts lack are drawn as boxes, and said so; a name with an emoji is no credit.
    "emoji-ecritures": Exported(
        contributors=(), warnings=(GLYPH_MISSING, NO_CREDIT), contains=("jardin",)
    ),
    "droite-a-gauche": Exported(contributors=("Nour",), warnings=(GLYPH_MISSING,)),
    "controles": Exported(
        contributors=("Alice",),
        warnings=("3 caractère(s) de contrôle supprimé(s)",),
        contains=("contrôles.",),
    ),
    "guillemets-orphelins": Exported(contributors=("Alice",), contains=("bonjour", "fermer.")),
    "parentheses-imbriquees": Exported(contributors=("Alice",), contains=("(dit-on)",)),
    # Thirty first names are no byline: the parenthesis stays in the text, and a warning says so.
    "credit-tres-long": Exported(contributors=(), warnings=(NO_CREDIT,), contains=("passage.",)),
    # "(Auteur 3)" is no name (a digit): no credit, a warning, and every line still set.
    "dix-mille-paragraphes": Exported(
        contributors=(), warnings=(NO_CREDIT,), contains=("Ligne 9999", "(Auteur 5)")
    ),
}


def test_every_hostile_text_has_its_expectation():
    assert sorted(EXPECTED_TEXTS) == sorted(TEXTS)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_hostile_texts(tmp_path, name):
    source = tmp_path / f"{name}.txt"
    source.write_text(TEXTS[name], encoding="utf-8")
    pdf, epub = tmp_path / "out.pdf", tmp_path / "out.epub"
    expected = EXPECTED_TEXTS[name]
    if isinstance(expected, Refused):
        with pytest.raises(LayoutStudioError) as caught:
            run_export(source, pdf=pdf, epub=epub)
        _assert_refused(caught.value, source.name, expected.reason)
        assert not pdf.exists() and not epub.exists()
        return
    result = run_export(source, pdf=pdf, epub=epub)
    book = result.prepared.book
    _assert_outputs(book, pdf, epub)
    if expected.contributors is not None:
        names = [c.name for c in result.prepared.document.contributors]
        assert tuple(names) == expected.contributors
    for fragment in expected.warnings:
        assert any(fragment in w for w in result.warnings), (fragment, result.warnings[:5])
    assert book.report.overfull_lines <= expected.overfull
    setting = [line.text for page in book.pages for line in page.lines]
    for fragment in expected.contains:
        assert any(fragment in line for line in setting), fragment
    assert not [ln for ln in setting if CONTROL.search(ln)], "a control character was set"
    _assert_no_text_lost(TEXTS[name], book)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _assert_refused(error: LayoutStudioError, name: str, reason: str) -> None:
    line = error.one_line()
    assert name in line and reason in line, line
    assert "\n" not in line


def _assert_outputs(book, pdf, epub):
    """A PDF with every page of the book and a well-formed EPUB container."""
    from pypdf import PdfReader

    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(pdf).pages) == book.page_count
    with zipfile.ZipFile(epub) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and z.read(first) == b"application/epub+zip"
        assert z.testzip() is None


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


def _make_cover(folder: Path, kind: str) -> Path:
    """A hostile cover image, made at test time."""
    cover = folder / f"couv-{kind}"
    if kind == "zero":
        cover = cover.with_suffix(".jpg")
        cover.write_bytes(b"")
    elif kind == "rep":  # a folder where an image is expected
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
    else:  # "bombe": a small PNG declaring 30000 × 30000 pixels
        cover = cover.with_suffix(".png")
        Image.new("1", (30000, 30000)).save(cover, optimize=True)
    return cover


@dataclass(frozen=True)
class Converted:
    """The cover must be used, converted to RGB with this colour, and its resolution judged."""

    rgb: tuple[int, int, int]


GREY_16 = round(30000 / 65535 * 255)  # the 16-bit grey level, on 8 bits
EXPECTED_COVERS: dict[str, Refused | Converted] = {
    "zero": Refused("non reconnu comme image"),
    "rep": Refused("c’est un dossier, pas un fichier"),
    "svg": Refused("non reconnu comme image"),
    "gif-anime": Refused("GIF non pris en charge"),
    "png-16": Converted((GREY_16, GREY_16, GREY_16)),
    "cmyk": Converted((255, 255 - 80, 255 - 80)),  # C=0 M=80 Y=80 K=0 without a profile
    "tronque": Refused("image corrompue ou tronquée"),
    "bombe": Refused("trop de pixels"),
}


@pytest.mark.parametrize("kind", sorted(EXPECTED_COVERS))
def test_hostile_covers(tmp_path, kind):
    from pypdf import PdfReader

    from tests.conftest import STORY_MD

    cover = _make_cover(tmp_path, kind)
    outputs = {
        "pdf": tmp_path / "out.pdf",
        "print_cover": tmp_path / "couverture.pdf",
        "epub": tmp_path / "out.epub",
    }
    expected = EXPECTED_COVERS[kind]
    if isinstance(expected, Refused):
        with pytest.raises(LayoutStudioError) as caught:
            run_export(STORY_MD, cover=cover, **outputs)
        _assert_refused(caught.value, cover.name, expected.reason)
        assert not any(p.exists() for p in outputs.values())
        return
    result = run_export(STORY_MD, cover=cover, **outputs)
    _assert_outputs(result.prepared.book, outputs["pdf"], outputs["epub"])
    assert any(cover.name in w and "300 dpi" in w for w in result.warnings), result.warnings
    (printed,) = PdfReader(outputs["print_cover"]).pages[0].images
    with zipfile.ZipFile(outputs["epub"]) as z:
        name = next(n for n in z.namelist() if "/images/cover." in n)
        shown = Image.open(io.BytesIO(z.read(name)))
        shown.load()
    # The print cover holds the image in print inks (PDF/X-1a): back to sRGB through the
    # same output profile, it shows the expected colour within what the inks can print.
    from PIL import ImageCms

    from layout_studio.export.color import output_profile

    profile = output_profile()
    assert profile is not None, "Ghostscript's CMYK profile is needed (apt-get install ghostscript)"
    assert printed.image.mode == "CMYK"
    back = ImageCms.profileToProfile(
        printed.image, str(profile.path), ImageCms.createProfile("sRGB"), outputMode="RGB"
    )
    for image, tolerance in ((back, 16), (shown, 3)):
        assert image.mode == "RGB"
        centre = image.getpixel((image.width // 2, image.height // 2))
        assert all(abs(a - b) <= tolerance for a, b in zip(centre, expected.rgb, strict=True)), (
            centre
        )


@pytest.mark.parametrize(
    "content, reason",
    [
        ('[book]\nsource = "absent.md"\n', "introuvable"),
        ('[book]\nsource = "../../etc/passwd"\n', "../../etc/passwd"),
        ('[book]\nsource = "book.toml"\n', "« .toml » non pris en charge"),
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
    assert reason and reason in caught.value.one_line()
    assert "\n" not in caught.value.one_line()
    assert not (tmp_path / "x.pdf").exists()
