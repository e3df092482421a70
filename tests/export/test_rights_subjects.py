"""Rights, keywords, series and ISBNs: from the front matter or book.toml to OPF, ONIX, colophons."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

import pytest

from layout_studio.errors import InputError
from layout_studio.sources.project import load_project

DC = "{http://purl.org/dc/elements/1.1/}"
X = "{http://ns.editeur.org/onix/3.0/reference}"
STORY = "# Chapitre\n\nUn passage assez long pour une page. [Alice]{.credit}\n"


def _export(tmp_path, header: str, toml: str = ""):
    from layout_studio.export.job import run_export

    (tmp_path / "livre.md").write_text(f"---\n{header}\n---\n\n{STORY}", "utf-8")
    source = tmp_path / "livre.md"
    if toml:
        source = tmp_path / "book.toml"
        source.write_text(f'[book]\nsource = "livre.md"\n\n[metadata]\n{toml}\n', "utf-8")
    epub, onix = tmp_path / "livre.epub", tmp_path / "notice.xml"
    run_export(source, epub=epub, onix=onix)
    with zipfile.ZipFile(epub) as z:
        opf = ET.fromstring(z.read("EPUB/content.opf"))
        colophon = z.read("EPUB/text/colophon.xhtml").decode("utf-8")
    return opf, ET.parse(onix).getroot(), colophon


def test_front_matter_rights_and_subjects_reach_opf_colophon_and_onix(tmp_path):
    opf, onix, colophon = _export(
        tmp_path,
        'title: "Essai"\ndate: "2024-05-01"\nrights: "Licence CC BY 4.0"\n'
        "subjects: [nouvelles, entreprise]",
    )
    assert [e.text for e in opf.iter(f"{DC}rights")] == ["Licence CC BY 4.0"]
    assert [e.text for e in opf.iter(f"{DC}subject")] == ["nouvelles", "entreprise"]
    assert "Licence CC BY 4.0" in colophon
    subject = onix.find(f".//{X}Subject")
    assert subject.findtext(f"{X}SubjectSchemeIdentifier") == "20"  # keywords
    assert subject.findtext(f"{X}SubjectHeadingText") == "nouvelles; entreprise"


def test_without_rights_dc_rights_repeats_the_colophon_copyright(tmp_path):
    opf, onix, colophon = _export(tmp_path, 'title: "Essai"\ndate: "2024-05-01"')
    rights = [e.text for e in opf.iter(f"{DC}rights")]
    assert rights == ["© 2024, l’auteur."] and rights[0] in colophon
    assert not list(opf.iter(f"{DC}subject")) and onix.find(f".//{X}Subject") is None


def test_book_toml_rights_and_subjects_win_over_the_front_matter(tmp_path):
    opf, _onix, _colophon = _export(
        tmp_path,
        'title: "Essai"\nrights: "ancien"\nsubjects: [ancien]',
        toml='rights = "Tous droits réservés"\nsubjects = ["roman", "humour"]',
    )
    assert [e.text for e in opf.iter(f"{DC}rights")] == ["Tous droits réservés"]
    assert [e.text for e in opf.iter(f"{DC}subject")] == ["roman", "humour"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [('subjects = "roman"', "liste de mots-clés"), ("rights = 4", "texte attendu")],
)
def test_book_toml_wrong_rights_or_subjects_name_the_key(tmp_path, line, reason):
    (tmp_path / "livre.md").write_text(STORY, "utf-8")
    toml = tmp_path / "book.toml"
    toml.write_text(f'[book]\nsource = "livre.md"\n\n[metadata]\n{line}\n', "utf-8")
    with pytest.raises(InputError) as caught:
        load_project(toml)
    message = caught.value.one_line()
    assert f"metadata.{line.split()[0]}" in message and reason in message


def test_front_matter_subjects_must_be_a_list(tmp_path):
    from layout_studio.sources import load_source

    path = tmp_path / "livre.md"
    path.write_text(f"---\nsubjects: roman\n---\n\n{STORY}", "utf-8")
    with pytest.raises(InputError, match="subjects"):
        load_source(path)


def test_series_reaches_opf_and_onix(tmp_path):
    opf, onix, _colophon = _export(
        tmp_path, 'title: "Essai"\nseries: "Histoires du CMAD"\nseries_number: 2'
    )
    metas = {m.get("property"): m for m in opf.iter("{http://www.idpf.org/2007/opf}meta")}
    collection = metas["belongs-to-collection"]
    assert collection.text == "Histoires du CMAD"
    refines = {
        m.get("property"): m.text
        for m in opf.iter("{http://www.idpf.org/2007/opf}meta")
        if m.get("refines") == "#" + collection.get("id")
    }
    assert refines == {"collection-type": "series", "group-position": "2"}
    series = onix.find(f".//{X}Collection")
    assert series.findtext(f"{X}CollectionType") == "10"
    element = series.find(f".//{X}TitleElement")
    assert element.findtext(f"{X}TitleElementLevel") == "02"
    assert element.findtext(f"{X}PartNumber") == "2"
    assert element.findtext(f"{X}TitleText") == "Histoires du CMAD"
    # ONIX order: the collection comes before the product's own title.
    detail = [child.tag for child in onix.find(f".//{X}DescriptiveDetail")]
    assert detail.index(f"{X}Collection") < detail.index(f"{X}TitleDetail")


def test_series_number_must_be_a_number(tmp_path):
    (tmp_path / "livre.md").write_text(STORY, "utf-8")
    toml = tmp_path / "book.toml"
    toml.write_text(
        '[book]\nsource = "livre.md"\n\n[metadata]\nseries = "S"\nseries_number = "deux"\n', "utf-8"
    )
    with pytest.raises(InputError, match=r"metadata\.series_number"):
        load_project(toml)


def test_epubcheck_and_ace_accept_every_new_metadata(tmp_path):
    from tests.conftest import ace, epubcheck, epubcheck_problems

    _export(
        tmp_path,
        'title: "Essai"\ndate: "2024-05-01"\npublisher: "Éditions du Jardin"\n'
        'rights: "Licence CC BY 4.0"\nsubjects: [nouvelles, entreprise]\n'
        'series: "Histoires du CMAD"\nseries_number: 2\n'
        'isbn: "978-0-306-40615-7"\nprint_isbn: "0-306-40615-2"',
    )
    report = epubcheck(tmp_path / "livre.epub")
    assert epubcheck_problems(report) == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == 0
    assert report["checker"]["nWarning"] == 0
    assert ace(tmp_path / "livre.epub") == []


def test_print_colophon_carries_rights_and_both_isbns(tmp_path):
    import pypdf

    from layout_studio.export.job import run_export

    (tmp_path / "livre.md").write_text(
        '---\ntitle: "Essai"\ndate: "2024-05-01"\nrights: "Licence CC BY 4.0"\n'
        'isbn: "978-0-306-40615-7"\nprint_isbn: "978-2-07-036002-4"\n---\n\n' + STORY,
        "utf-8",
    )
    result = run_export(tmp_path / "livre.md", pdf=tmp_path / "livre.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "livre.pdf").pages)
    assert "Licence CC BY 4.0" in text
    assert "ISBN 978-2-07-036002-4 (imprimé)" in text
    assert "ISBN 978-0-306-40615-7 (numérique)" in text
    assert not [w for w in result.warnings if "même numéro" in w]


def test_the_same_isbn_for_both_editions_is_a_warning(tmp_path):
    from layout_studio.export.job import run_export

    (tmp_path / "livre.md").write_text(
        '---\nisbn: "978-0-306-40615-7"\nprint_isbn: "0-306-40615-2"\n---\n\n' + STORY, "utf-8"
    )
    result = run_export(tmp_path / "livre.md", epub=tmp_path / "livre.epub")
    assert [w for w in result.warnings if "isbn et print_isbn sont le même numéro" in w]
