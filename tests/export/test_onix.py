"""ONIX 3.0 record of the e-book: parses, and says what the EPUB's OPF says."""

from __future__ import annotations

import shutil
import zipfile
from xml.etree import ElementTree as ET

from tests.conftest import BOOK_TOML, run_cli

X = "{http://ns.editeur.org/onix/3.0/reference}"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def _project(tmp_path):
    toml = tmp_path / "book.toml"
    shutil.copy(BOOK_TOML.parent / "story.md", tmp_path / "story.md")  # its own files only
    toml.write_text(
        '[book]\nsource = "story.md"\n\n[metadata]\n'
        'byline = "26 auteurs"\nisbn = "978-0-306-40615-7"\nprint_isbn = "0-306-40615-2"\n',
        encoding="utf-8",
    )
    return toml


def test_onix_record_matches_the_opf(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1359331200")
    epub, onix = tmp_path / "livre.epub", tmp_path / "notice.xml"
    done = run_cli("export", str(_project(tmp_path)), "--epub", str(epub), "--onix", str(onix))
    assert done.returncode == 0, done.stderr
    record = ET.parse(onix).getroot()  # round-trips through an XML parser
    assert record.tag == f"{X}ONIXMessage" and record.get("release") == "3.0"
    with zipfile.ZipFile(epub) as z:
        md = ET.fromstring(z.read("EPUB/content.opf")).find("opf:metadata", OPF)
    metas = {}
    for m in md.findall("opf:meta", OPF):
        if m.get("property") and not m.get("refines"):
            metas.setdefault(m.get("property"), []).append(m.text)
    product = record.find(f"{X}Product")
    ident = product.find(f"{X}ProductIdentifier")
    assert ident.findtext(f"{X}ProductIDType") == "15"
    assert "urn:isbn:" + ident.findtext(f"{X}IDValue") == md.findtext("dc:identifier", None, OPF)
    detail = product.find(f"{X}DescriptiveDetail")
    assert detail.findtext(f"{X}ProductForm") == "ED"
    assert detail.findtext(f"{X}ProductFormDetail") == "E101"  # EPUB
    title = detail.find(f"{X}TitleDetail/{X}TitleElement")
    assert title.findtext(f"{X}TitleText") == md.findtext("dc:title", None, OPF)
    people = [c.findtext(f"{X}PersonName") for c in detail.findall(f"{X}Contributor")]
    assert people == [c.text for c in md.findall("dc:creator", OPF)]
    assert len(people) == 28
    assert {c.findtext(f"{X}ContributorRole") for c in detail.findall(f"{X}Contributor")} == {"A01"}
    assert detail.findtext(f"{X}Language/{X}LanguageCode") == "fre"
    features = {}
    for f in detail.findall(f"{X}ProductFormFeature"):
        assert f.findtext(f"{X}ProductFormFeatureType") == "09"  # code list 196
        features[f.findtext(f"{X}ProductFormFeatureValue")] = f.findtext(
            f"{X}ProductFormFeatureDescription"
        )
    # Same facts as the OPF: conformance, page numbers, summary, certifier.
    assert metas["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert {"04", "81", "85"} <= set(features)
    assert "pageNavigation" in metas["schema:accessibilityFeature"] and "19" in features
    assert "tableOfContents" in metas["schema:accessibilityFeature"] and "11" in features
    assert "alternativeText" in metas["schema:accessibilityFeature"] and "14" in features
    assert features["00"] == metas["schema:accessibilitySummary"][0]
    assert features["90"] == metas["a11y:certifiedBy"][0] == "Concours 3CR"
    related = product.find(f"{X}RelatedMaterial/{X}RelatedProduct")
    assert related.findtext(f"{X}ProductRelationCode") == "13"  # paginated from the print book
    print_id = related.findtext(f"{X}ProductIdentifier/{X}IDValue")
    assert metas["pageBreakSource"] == [f"urn:isbn:{print_id}"]
    published = product.find(f"{X}PublishingDetail")
    assert published.findtext(f"{X}Publisher/{X}PublisherName") == "Concours 3CR"
    assert published.findtext(f"{X}PublishingDate/{X}Date") == "20130128"
