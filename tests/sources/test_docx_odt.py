"""DOCX and ODT sources: generated here with python-docx and odfpy, read to the model of their Markdown twin.

Also: the clear one-line errors for encrypted, corrupt, macro-enabled and
oversized (zip bomb) files, and the command line and the app accepting them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from odf import dc, style, text
from odf.opendocument import OpenDocumentText

from layout_studio.errors import InputError
from layout_studio.model import Mark
from layout_studio.sources import load_source, office, parse_markdown_text, to_markdown
from tests.conftest import run_cli

TWIN = """\
---
title: Le jardin partagé
subtitle: Une histoire à trois voix
lang: fr
---

Il était une *fois* un jardin[^1] où poussaient des **tomates**. [Alice]{.credit}

# Premier chapitre

## Au printemps

Les graines du 1[er]{.sup} mars germent vite. [Bob, CDP]{.credit}

Un paragraphe sans crédit, où l’Agence de l’environnement (ADEME) est citée.

* * *

La *fin* du jardin[^2]. [Alice]{.credit}

[^1]: Un jardin *ouvrier*.

[^2]: Fin de la note.
"""

# The same book as a word processor holds it: (style, runs); a run is
# (text, marks) with marks among "i", "b", "sup", or ("note", paragraphs).
NOTE1 = [[("Un jardin ", ""), ("ouvrier", "i"), (".", "")]]
NOTE2 = [[("Fin de la note.", "")]]
BOOK: list[tuple[str, list[tuple[str, str] | tuple[str, list[list[tuple[str, str]]]]]]] = [
    ("Title", [("Le jardin partagé", "")]),
    ("Subtitle", [("Une histoire à trois voix", "")]),
    (
        "",
        [
            ("Il était une ", ""),
            ("fois ", "i"),  # Word often keeps the space inside the italics
            ("un jardin", ""),
            ("note", NOTE1),
            (" où poussaient des ", ""),
            ("tomates", "b"),
            (". (Alice)", ""),
        ],
    ),
    ("Heading 1", [("Premier chapitre", "")]),
    ("Heading 2", [("Au printemps", "")]),
    ("", [("Les graines du 1", ""), ("er", "sup"), (" mars germent vite. (Bob, CDP)", "")]),
    ("", [("Un paragraphe sans crédit, où l’Agence de l’environnement (ADEME) est citée.", "")]),
    ("", [("* * *", "")]),
    ("", [("La ", ""), ("fin", "i"), (" du jardin", ""), ("note", NOTE2), (". (Alice)", "")]),
]


# -- DOCX -----------------------------------------------------------------------------------


def _docx_run(paragraph, text_: str, marks: str):
    run = paragraph.add_run(text_)
    run.italic = "i" in marks or None
    run.bold = "b" in marks or None
    if "sup" in marks:
        run.font.superscript = True
    if "sc" in marks:
        run.font.small_caps = True
    return run


def make_docx(path: Path, book=BOOK) -> Path:
    """Write ``book`` as a .docx with python-docx; footnotes go in a footnotes part."""
    document = docx.Document()
    document.core_properties.language = "fr-FR"
    notes: list[list[list[tuple[str, str]]]] = []
    for style_name, runs in book:
        paragraph = document.add_paragraph(style=style_name or None)
        for text_, marks in runs:
            if text_ == "note":
                notes.append(marks)  # type: ignore[arg-type]
                ref = OxmlElement("w:r")
                ref_el = OxmlElement("w:footnoteReference")
                ref_el.set(qn("w:id"), str(len(notes)))
                ref.append(ref_el)
                paragraph._p.append(ref)
            else:
                _docx_run(paragraph, text_, marks)  # type: ignore[arg-type]
    if notes:
        _add_footnotes(document, notes)
    document.save(str(path))
    return path


def _add_footnotes(document, notes) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for number, paragraphs in enumerate(notes, 1):
        xml = [f'<w:footnote w:id="{number}">']
        for runs in paragraphs:
            xml.append(
                '<w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
            )
            for text_, marks in runs:
                rpr = "<w:rPr><w:i/></w:rPr>" if "i" in marks else ""
                xml.append(f'<w:r>{rpr}<w:t xml:space="preserve">{text_}</w:t></w:r>')
            xml.append("</w:p>")
        xml.append("</w:footnote>")
        body.append("".join(xml))
    blob = f'<w:footnotes xmlns:w="{w}">{"".join(body)}</w:footnotes>'.encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


# -- ODT ------------------------------------------------------------------------------------


def make_odt(path: Path, book=BOOK) -> Path:
    """Write ``book`` as an .odt with odfpy: named Title/Subtitle styles, automatic text styles."""
    document = OpenDocumentText()
    document.meta.addElement(dc.Language(text="fr"))
    for name in ("Title", "Subtitle"):
        document.styles.addElement(style.Style(name=name, family="paragraph"))
    text_styles = {}
    for key, props in (
        ("i", {"fontstyle": "italic"}),
        ("b", {"fontweight": "bold"}),
        ("sup", {"textposition": "super 58%"}),
        ("sc", {"fontvariant": "small-caps"}),
    ):
        st = style.Style(name=f"T_{key}", family="text")
        st.addElement(style.TextProperties(**props))
        document.automaticstyles.addElement(st)
        text_styles[key] = st
    notes = 0
    for style_name, runs in book:
        if style_name.startswith("Heading"):
            element = text.H(outlinelevel=int(style_name[-1]))
        elif style_name:
            element = text.P(stylename=style_name)
        else:
            element = text.P()
        for text_, marks in runs:
            if text_ == "note":
                notes += 1
                note = text.Note(id=f"ftn{notes}", noteclass="footnote")
                note.addElement(text.NoteCitation(text=str(notes)))
                body = text.NoteBody()
                for runs_ in marks:
                    p = text.P()
                    for t, m in runs_:
                        _odt_run(p, t, m, text_styles)
                    body.addElement(p)
                note.addElement(body)
                element.addElement(note)
            else:
                _odt_run(element, text_, marks, text_styles)  # type: ignore[arg-type]
        document.text.addElement(element)
    document.save(str(path))
    return path


def _odt_run(element, text_: str, marks: str, styles) -> None:
    if not marks:
        element.addText(text_)
        return
    span = text.Span(stylename=styles[marks], text=text_)
    element.addElement(span)


SMALL_CAPS_BOOK = [
    ("Title", [("Petites capitales", "")]),
    (
        "",
        [
            ("Au ", ""),
            ("XXI", "sc"),
            ("e", "sup"),
            (" siècle, ", ""),
            ("Victor Hugo", "sc"),
            (" est lu. (Alice)", ""),
        ],
    ),
]
SMALL_CAPS_TWIN = """\
---
title: Petites capitales
lang: fr
---

Au [XXI]{.smallcaps}[e]{.sup} siècle, [Victor Hugo]{.smallcaps} est lu. [Alice]{.credit}
"""


@pytest.mark.parametrize("make", ["docx", "odt"])
def test_small_capitals_are_kept_as_the_mark(make, tmp_path):
    maker = make_docx if make == "docx" else make_odt
    result = load_source(maker(tmp_path / f"sc.{make}", book=SMALL_CAPS_BOOK))
    assert to_markdown(result.document) == to_markdown(parse_markdown_text(SMALL_CAPS_TWIN))
    assert result.document == parse_markdown_text(SMALL_CAPS_TWIN)


def _ext(make) -> str:
    return make.__name__.removeprefix("make_")


# -- the model --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def twin():
    return parse_markdown_text(TWIN)


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_imported_to_the_same_model_as_the_markdown_twin(make, twin, tmp_path):
    path = make(tmp_path / f"livre.{_ext(make)}")
    result = load_source(path)
    assert result.document == twin
    assert to_markdown(result.document) == to_markdown(twin)


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_credits_are_detected_and_reported_as_in_plain_text(make, tmp_path):
    path = make(tmp_path / f"livre.{_ext(make)}")
    report = load_source(path).report
    assert [(c.name, c.affiliation) for c in report.credits] == [
        ("Alice", None),
        ("Bob", "CDP"),
        ("Alice", None),
    ]
    assert [r.raw for r in report.rejected] == ["(ADEME)"]
    assert report.source_format == _ext(make)


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_a_text_without_credits_is_the_whole_body(make, tmp_path):
    book = [
        ("Title", [("Note de service", "")]),
        ("", [("La réunion du comité (CSE) aura lieu lundi.", "")]),
        ("", [("Le directeur (Paul Martin) la présidera, ", ""), ("comme d’habitude", "i")]),
    ]
    path = make(tmp_path / f"note.{_ext(make)}", book)
    doc = load_source(path).document
    assert doc.contributions() == []
    assert [p.plain_text for p in doc.paragraphs()] == [
        "La réunion du comité (CSE) aura lieu lundi.",
        "Le directeur (Paul Martin) la présidera, comme d’habitude",
    ]


# -- refused files ------------------------------------------------------------------------------


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_source(path)
    message = caught.value.one_line()
    assert message.startswith(str(path) + " : ") and "\n" not in message
    return message


def test_encrypted_word_file_is_refused(tmp_path):
    # Office stores a password-protected .docx as an OLE file holding an "EncryptedPackage".
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    path = tmp_path / "secret.docx"
    path.write_bytes(ole + b"\x00" * 1024)
    assert "chiffré" in _refused(path)


def test_old_binary_word_file_is_refused(tmp_path):
    path = tmp_path / "vieux.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    assert "ancien format binaire" in _refused(path)


def test_encrypted_odt_is_refused(tmp_path):
    manifest = (
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
        b"</manifest:file-entry></manifest:manifest>"
    )
    path = _zip(
        tmp_path / "secret.odt",
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"\x8f\x12 encrypted bytes",
            "META-INF/manifest.xml": manifest,
        },
    )
    assert "chiffré" in _refused(path)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_not_an_archive_is_refused(tmp_path, suffix):
    path = tmp_path / f"faux{suffix}"
    path.write_text("Ceci est un texte renommé.", encoding="utf-8")
    assert "pas une archive" in _refused(path)


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_truncated_file_is_refused(make, tmp_path):
    good = make(tmp_path / f"livre.{_ext(make)}")
    path = tmp_path / f"tronque.{_ext(make)}"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "corrompu" in _refused(path)


def test_damaged_entry_is_refused(tmp_path):
    good = make_docx(tmp_path / "livre.docx")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    # Flip bytes inside the entry's compressed data (after its local header).
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    for i in range(start, start + 16):
        data[i] ^= 0xFF
    path = tmp_path / "abime.docx"
    path.write_bytes(bytes(data))
    assert "corrompu" in _refused(path)


def test_docm_with_macros_is_refused(tmp_path):
    good = make_docx(tmp_path / "livre.docx")
    entries = {}
    with zipfile.ZipFile(good) as archive:
        for name in archive.namelist():
            entries[name] = archive.read(name)
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    entries["word/vbaProject.bin"] = b'Attribute VB_Name = "Module1"'
    path = _zip(tmp_path / "macros.docm", entries)
    assert "macros" in _refused(path)


def test_odt_holding_only_macros_is_refused(tmp_path):
    content = (
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' office:version="1.2"><office:body><office:text/></office:body></office:document-content>'
    )
    path = _zip(
        tmp_path / "macros.odt",
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content,
            "Basic/Standard/Module1.xml": b"<script/>",
        },
    )
    assert "macros" in _refused(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    # 4 MiB of zeros compress about 1000 times: refused from the archive's directory.
    path = _zip(
        tmp_path / "bombe.docx",
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (4 * 1024 * 1024)},
    )
    message = _refused(path)
    assert "bombe de décompression" in message


def test_too_many_entries_and_too_big_are_refused(tmp_path, monkeypatch):
    path = _zip(tmp_path / "foule.odt", {f"f{i}.xml": b"" for i in range(office.MAX_ENTRIES + 1)})
    assert "entrées" in _refused(path)
    monkeypatch.setattr(office, "MAX_UNCOMPRESSED", 1000)
    path = make_odt(tmp_path / "gros.odt")
    assert "une fois décompressée" in _refused(path)


# -- command line and app -------------------------------------------------------------------------


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_command_line_accepts_docx_and_odt(make, tmp_path):
    path = make(tmp_path / f"livre.{_ext(make)}")
    imported = run_cli("import", str(path), "-o", str(tmp_path / "livre.md"))
    assert imported.returncode == 0, imported.stderr
    assert "[Bob, CDP]{.credit}" in (tmp_path / "livre.md").read_text(encoding="utf-8")
    inspected = run_cli("inspect", str(path), "--json")
    assert inspected.returncode == 0 and '"contributions": 3' in inspected.stdout
    pdf = tmp_path / "livre.pdf"
    exported = run_cli("export", str(path), "--pdf", str(pdf))
    assert exported.returncode == 0, exported.stderr
    from pypdf import PdfReader

    words = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "tomates" in words and "Premier chapitre" in words


def test_command_line_error_is_one_line(tmp_path):
    path = tmp_path / "faux.odt"
    path.write_bytes(b"PK\x03\x04 pas vraiment une archive")
    result = run_cli("inspect", str(path))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(path) in result.stderr


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_the_app_opens_docx_and_odt_as_markdown_to_review(make, tmp_path):
    from layout_studio.session import open_file

    path = make(tmp_path / f"livre.{_ext(make)}")
    opened = open_file(path)
    assert opened.source is None  # saved beside it as .md, never written back
    assert parse_markdown_text(opened.text) == parse_markdown_text(TWIN)


def test_odt_paragraph_set_in_italics_is_emphasis_but_a_named_style_is_not(tmp_path):
    document = OpenDocumentText()
    whole = style.Style(name="P1", family="paragraph")
    whole.addElement(style.TextProperties(fontstyle="italic"))
    document.automaticstyles.addElement(whole)
    quote = style.Style(name="Quotations", family="paragraph")
    quote.addElement(style.TextProperties(fontstyle="italic"))
    document.styles.addElement(quote)
    document.text.addElement(text.P(stylename="P1", text="Tout le paragraphe penche."))
    document.text.addElement(text.P(stylename="Quotations", text="Une citation droite."))
    document.save(str(tmp_path / "italique.odt"))
    first, second = load_source(tmp_path / "italique.odt").document.paragraphs()
    assert [s.marks for s in first.spans] == [frozenset({Mark.EMPHASIS})]
    assert [s.marks for s in second.spans] == [frozenset()]


def test_word_text_is_read_in_nfc_without_byte_order_marks(tmp_path):
    document = docx.Document()
    document.add_paragraph("\ufeffLe cafe\u0301 du village.")
    document.save(str(tmp_path / "nfd.docx"))
    (paragraph,) = load_source(tmp_path / "nfd.docx").document.paragraphs()
    assert paragraph.plain_text == "Le café du village."


def test_word_file_with_only_an_image_is_refused_and_says_so(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    run._r.append(OxmlElement("w:drawing"))
    document.save(str(tmp_path / "image.docx"))
    assert "1 image(s)" in _refused(tmp_path / "image.docx")


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_damaged_files_give_a_one_line_error_or_a_book_never_a_crash(make, tmp_path):
    import random

    good = make(tmp_path / f"livre.{_ext(make)}").read_bytes()
    rng = random.Random(16)
    outcomes = set()
    for _ in range(150):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        path = tmp_path / f"abime.{_ext(make)}"
        path.write_bytes(bytes(data))
        try:
            load_source(path)
            outcomes.add("livre")
        except InputError as exc:
            assert "\n" not in exc.one_line()
            outcomes.add("erreur")
    assert "erreur" in outcomes


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_without_a_title_style_the_first_line_or_sentence_is_the_title(make, tmp_path):
    body = [("", [("Le marché rouvre place Kléber, M. Roth en tête. Puis la foule arrive.", "")])]
    titled = make(tmp_path / f"titre.{_ext(make)}", [("", [("Le marché de Noël", "")]), *body])
    result = load_source(titled)
    assert result.document.metadata.title == "Le marché de Noël"
    assert not result.report.title_guessed and len(result.document.paragraphs()) == 1
    guessed = load_source(make(tmp_path / f"phrase.{_ext(make)}", body))
    assert guessed.document.metadata.title == "Le marché rouvre place Kléber, M. Roth en tête"
    assert guessed.report.title_guessed
