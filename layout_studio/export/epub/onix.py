"""An ONIX 3.0 product record for the e-book, with the same facts as its OPF.

Takes the ``Document`` and the ``Facts`` the EPUB build established
(identifier, language, page-list, notes, WCAG checks); gives the bytes of
an ONIX for Books 3.0 message holding one product: ISBN (or the derived
identifier), EPUB 3 format, title, contributors with their roles, language,
publisher and date, description, the print edition it is paginated from,
and the accessibility details in code list 196 (ProductFormFeatureType 09)
— what French distributors ingest. Codes follow EDItEUR's lists 5, 17, 74,
150, 175, 196 (issue 68).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from layout_studio.export.epub.metadata import Facts, conforms, summary
from layout_studio.io.atomic import atomic_write_bytes
from layout_studio.model.document import Document

NS = "http://ns.editeur.org/onix/3.0/reference"
# Code list 74 uses ISO 639-2/B: the languages a French house most often publishes.
_ISO_639_2B = {"fr": "fre", "en": "eng", "de": "ger", "es": "spa", "it": "ita", "pt": "por"}
_ISO_639_2B |= {"nl": "dut", "br": "bre", "oc": "oci", "ca": "cat", "eu": "baq", "co": "cos"}
# MARC relator (the OPF's role) → code list 17.
_ROLES = {"aut": "A01", "edt": "B01", "trl": "B06", "ill": "A12", "pht": "A13", "aui": "A15"}
_ROLES |= {"aft": "A19", "com": "C01", "ctb": "A01", "nrt": "E03"}


def accessibility_codes(document: Document, facts: Facts) -> list[str]:
    """Code list 196 values true of this e-book, matching its OPF metadata."""
    codes = []
    if conforms(document, facts):
        codes += ["04", "81", "85"]  # EPUB Accessibility 1.1, WCAG 2.1, level AA
    codes += ["10", "11", "13", "14"]  # nothing disabled, toc, one reading order, alt text
    if facts.has_pages:
        codes.append("19")  # print-equivalent page numbering (source: RelatedProduct 13)
    codes += ["22", "29", "30", "32", "36", "52"]
    return codes


def onix_record(document: Document, facts: Facts, when: dt.datetime) -> bytes:
    """The ONIX 3.0 message (one product) as UTF-8 XML bytes."""
    meta = document.metadata
    ET.register_namespace("", NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        el = ET.SubElement(parent, f"{{{NS}}}{tag}")
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{NS}}}ONIXMessage", {"release": "3.0"})
    header = sub(root, "Header")
    sub(sub(header, "Sender"), "SenderName", meta.publisher or "Layout Studio")
    sub(header, "SentDateTime", when.strftime("%Y%m%d"))
    product = sub(root, "Product")
    sub(product, "RecordReference", facts.identifier)
    sub(product, "NotificationType", "03")  # confirmed
    ident = sub(product, "ProductIdentifier")
    if facts.identifier.startswith("urn:isbn:"):
        sub(ident, "ProductIDType", "15")  # ISBN-13
        sub(ident, "IDValue", facts.identifier.removeprefix("urn:isbn:"))
    else:
        sub(ident, "ProductIDType", "01")  # proprietary
        sub(ident, "IDTypeName", "Layout Studio")
        sub(ident, "IDValue", facts.identifier)

    detail = sub(product, "DescriptiveDetail")
    sub(detail, "ProductComposition", "00")  # single-item
    sub(detail, "ProductForm", "ED")  # digital download
    sub(detail, "ProductFormDetail", "E101")  # EPUB
    for code in accessibility_codes(document, facts):
        feature = sub(detail, "ProductFormFeature")
        sub(feature, "ProductFormFeatureType", "09")
        sub(feature, "ProductFormFeatureValue", code)
    for code, described in _described(document, facts):
        feature = sub(detail, "ProductFormFeature")
        sub(feature, "ProductFormFeatureType", "09")
        sub(feature, "ProductFormFeatureValue", code)
        sub(feature, "ProductFormFeatureDescription", described)
    sub(detail, "EpubTechnicalProtection", "00")  # none
    if meta.series:  # a publisher's series (list 148: 10), before the book's own title
        collection = sub(detail, "Collection")
        sub(collection, "CollectionType", "10")
        series = sub(collection, "TitleDetail")
        sub(series, "TitleType", "01")
        element = sub(series, "TitleElement")
        sub(element, "TitleElementLevel", "02")  # collection level
        if meta.series_number:
            sub(element, "PartNumber", meta.series_number)
        sub(element, "TitleText", meta.series)
    title = sub(detail, "TitleDetail")
    sub(title, "TitleType", "01")
    element = sub(title, "TitleElement")
    sub(element, "TitleElementLevel", "01")
    sub(element, "TitleText", meta.title)
    if meta.subtitle:
        sub(element, "Subtitle", meta.subtitle)
    declared = {c.name.casefold(): c for c in meta.contributors}
    for n, c in enumerate(document.ordered_contributors, start=1):
        known = declared.get(c.name.casefold())
        person = sub(detail, "Contributor")
        sub(person, "SequenceNumber", str(n))
        sub(person, "ContributorRole", _ROLES.get(known.role if known else "aut", "A01"))
        sub(person, "PersonName", c.name)
    language_code = _ISO_639_2B.get(facts.language.split("-")[0].lower())
    if language_code:
        language = sub(detail, "Language")
        sub(language, "LanguageRole", "01")  # language of text
        sub(language, "LanguageCode", language_code)
    if meta.subjects:  # code list 27, 20 = keywords, one Subject separated by semicolons
        subject = sub(detail, "Subject")
        sub(subject, "SubjectSchemeIdentifier", "20")
        sub(subject, "SubjectHeadingText", "; ".join(meta.subjects))

    if meta.description:
        content = sub(sub(product, "CollateralDetail"), "TextContent")
        sub(content, "TextType", "03")  # description
        sub(content, "ContentAudience", "00")  # unrestricted
        sub(content, "Text", meta.description)
    publishing = sub(product, "PublishingDetail")
    if meta.publisher:
        publisher = sub(publishing, "Publisher")
        sub(publisher, "PublishingRole", "01")
        sub(publisher, "PublisherName", meta.publisher)
    date = _onix_date(meta.date or "")
    if date is not None:
        published = sub(publishing, "PublishingDate")
        sub(published, "PublishingDateRole", "01")  # publication date
        value, form = date
        sub(published, "Date", value).attrib.update({"dateformat": form} if form else {})
    if facts.has_pages and facts.page_source.startswith("urn:isbn:"):
        related = sub(sub(product, "RelatedMaterial"), "RelatedProduct")
        sub(related, "ProductRelationCode", "13")  # e-publication based on this print product
        ident = sub(related, "ProductIdentifier")
        sub(ident, "ProductIDType", "15")
        sub(ident, "IDValue", facts.page_source.removeprefix("urn:isbn:"))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def write_onix(document: Document, facts: Facts, when: dt.datetime, path: str | Path) -> None:
    """Write the record atomically to ``path``."""
    atomic_write_bytes(path, onix_record(document, facts, when))


def _described(document: Document, facts: Facts) -> list[tuple[str, str]]:
    """Code list 196 values that carry text: the summary and who certifies."""
    out = [("00", summary(document, facts))]
    if conforms(document, facts):
        out.append(("90", (document.metadata.publisher or "").strip()))
    return out


def _onix_date(date: str) -> tuple[str, str] | None:
    """ISO date → (ONIX value, dateformat): YYYYMMDD (default), YYYYMM (01) or YYYY (05)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date.replace("-", ""), ""
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return date.replace("-", ""), "01"
    if re.fullmatch(r"\d{4}", date):
        return date, "05"
    return None
