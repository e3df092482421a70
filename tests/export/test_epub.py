"""EPUB export: EPUBCheck-clean, metadata, nav and page-list, French spacing, credits, safety."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PIL import Image

from tests.conftest import BOOK_TOML, epubcheck, epubcheck_problems, run_cli
from tests.validators import ace_many

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
EPOCH = "1359331200"  # 2013-01-28
EBOOK_ISBN = "978-0-306-40615-7"  # ISO 2108's sample, valid check digit
PRINT_ISBN = "0-306-40615-2"  # its ISBN-10 form, given as the print edition's

HOSTILE_MD = """---
title: "Livre <b>hostile</b> & co"
lang: fr
---

# Chapitre </h1><script>alert(1)</script>

Un passage qui contient <script>alert("x")</script> & ]]> et </p> et un \x07 contrôle. (Mallory)

Un second passage parfaitement sage. (Alice)
"""

NOTES_MD = """---
title: Notes
lang: fr
dedication: À celles et ceux qui annotent.
---

# Chapitre

Un passage avec une note[^1] à la fin. (Alice)

Un autre passage. (Bob)

[^1]: Le texte de la note, avec une « citation ».
"""


def _build(tmp: Path, name: str, *args: str, source: Path = BOOK_TOML, env_epoch=True) -> Path:
    out = tmp / f"{name}.epub"
    from layout_studio.export.job import run_export

    run_export(source, epub=out, **dict(a.split("=", 1) for a in args))  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="session")
def epubs(tmp_path_factory) -> dict[str, Path]:
    """Every EPUB the suite checks: each theme, with and without a cover, hostile text."""
    tmp = tmp_path_factory.mktemp("epub")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cover = tmp / "cover.png"
    Image.new("RGB", (900, 1350), (30, 90, 120)).save(cover)
    hostile = tmp / "hostile.md"
    hostile.write_text(HOSTILE_MD, encoding="utf-8")
    notes = tmp / "notes.md"
    notes.write_text(NOTES_MD, encoding="utf-8")
    with_isbn = tmp / "book.toml"  # the example, with the e-book's and the print ISBN
    shutil.copy(BOOK_TOML.parent / "story.md", tmp / "story.md")  # a project names its own files
    with_isbn.write_text(
        '[book]\nsource = "story.md"\n\n[metadata]\n'
        f'byline = "26 auteurs"\nisbn = "{EBOOK_ISBN}"\nprint_isbn = "{PRINT_ISBN}"\n',
        encoding="utf-8",
    )
    from layout_studio.export.job import run_export

    built = {}
    try:
        for name, kwargs in {
            "classique": {"theme": "classique"},
            "classique-cover": {"theme": "classique", "cover": cover},
            "moderne": {"theme": "moderne"},
            "moderne-cover": {"theme": "moderne", "cover": cover},
            "poche-soft": {"theme": "poche", "soft_hyphens": True},
            "poche-cover": {"theme": "poche", "cover": cover},
        }.items():
            source = with_isbn if name == "poche-cover" else BOOK_TOML
            built[name] = run_export(source, epub=tmp / f"{name}.epub", **kwargs)
        built["hostile"] = run_export(hostile, epub=tmp / "hostile.epub")
        built["notes"] = run_export(notes, epub=tmp / "notes.epub")
    finally:
        mp.undo()
    return {k: v.written["epub"] for k, v in built.items()} | {
        f"{k}:warnings": v.warnings for k, v in built.items()
    }


@pytest.fixture(scope="session")
def checks(epubs) -> dict[str, dict]:
    paths = {k: v for k, v in epubs.items() if not k.endswith(":warnings")}
    return {name: epubcheck(path) for name, path in paths.items()}  # one JVM, in turn


@pytest.fixture(scope="session")
def ace_reports(epubs) -> dict[str, list[str]]:
    """DAISY Ace's violations for every EPUB the suite builds."""
    paths = {k: v for k, v in epubs.items() if not k.endswith(":warnings")}
    files = list(paths.values())
    halves = [files[: len(files) // 2], files[len(files) // 2 :]]  # two browsers, two cores
    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = [v for half in pool.map(ace_many, halves) for v in half]
    return dict(zip(paths, verdicts, strict=True))


def _zip(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path)


def _xml(z: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(z.read(name))


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


BUILT = [
    "classique",
    "classique-cover",
    "moderne",
    "moderne-cover",
    "poche-soft",
    "poche-cover",
    "hostile",
    "notes",
]


@pytest.mark.parametrize("name", BUILT)
def test_ace_reports_no_violation(ace_reports, name):
    assert ace_reports[name] == []


@pytest.mark.parametrize("name", BUILT)
def test_epubcheck_reports_nothing(checks, name):
    report = checks[name]
    assert report["checker"]["nFatal"] == 0
    assert epubcheck_problems(report) == []
    assert report["checker"]["nError"] == 0
    assert report["checker"]["nWarning"] == 0


def test_mimetype_first_stored_and_names_generated(epubs):
    for key in ("classique", "hostile"):
        with _zip(epubs[key]) as z:
            first = z.infolist()[0]
            assert first.filename == "mimetype"
            assert first.compress_type == zipfile.ZIP_STORED
            assert z.read("mimetype") == b"application/epub+zip"
            for info in z.infolist():
                assert re.fullmatch(r"[A-Za-z0-9_./-]+", info.filename), info.filename
                assert ".." not in info.filename


def test_opf_metadata(epubs, story_prepared):
    with _zip(epubs["classique"]) as z:
        opf = _xml(z, "EPUB/content.opf")
    md = opf.find("opf:metadata", NS)
    assert md.find("dc:language", NS).text == "fr"
    titles = {t.get("id"): t.text for t in md.findall("dc:title", NS)}
    assert titles["title"] == "Il était une fois un Community Manager"
    assert titles["subtitle"].startswith("Une histoire co-écrite")
    metas = md.findall("opf:meta", NS)
    refines = {(m.get("refines"), m.get("property")): m for m in metas if m.get("refines")}
    assert refines[("#subtitle", "title-type")].text == "subtitle"
    creators = md.findall("dc:creator", NS)
    names = [c.text for c in creators]
    assert len(names) == len(set(names)) == 28
    assert names == [c.name for c in story_prepared.document.ordered_contributors]
    for c in creators:
        role = refines[(f"#{c.get('id')}", "role")]
        assert role.text == "aut" and role.get("scheme") == "marc:relators"
        assert refines[(f"#{c.get('id')}", "file-as")].text
    assert md.find("dc:publisher", NS).text == "Concours 3CR"
    assert md.find("dc:date", NS).text == "2013-01-28"
    modified = [m.text for m in metas if m.get("property") == "dcterms:modified"]
    assert modified == ["2013-01-28T00:00:00Z"]  # from SOURCE_DATE_EPOCH
    ident = md.find("dc:identifier", NS).text
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident)
    props = {m.get("property") for m in metas}
    for needed in (
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
    ):
        assert needed in props
    manifest = opf.find("opf:manifest", NS)
    cover = [i for i in manifest if "cover-image" in (i.get("properties") or "")]
    assert len(cover) == 1 and cover[0].get("media-type") == "image/jpeg"


def _metas(opf: ET.Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in opf.find("opf:metadata", NS).findall("opf:meta", NS):
        if m.get("property") and not m.get("refines"):
            out.setdefault(m.get("property"), []).append(m.text or "")
    return out


def test_package_declares_language_and_pagination_source(epubs):
    for key in ("classique", "moderne-cover", "notes"):
        with _zip(epubs[key]) as z:
            opf = _xml(z, "EPUB/content.opf")
        md = opf.find("opf:metadata", NS)
        assert (
            opf.get("{http://www.w3.org/XML/1998/namespace}lang") == md.find("dc:language", NS).text
        )
        source = md.find("dc:source", NS)
        refined = [
            m.text
            for m in md.findall("opf:meta", NS)
            if m.get("refines") == f"#{source.get('id')}" and m.get("property") == "source-of"
        ]
        assert refined == ["pagination"]
        assert _metas(opf)["pageBreakSource"] == [source.text]


def test_isbns_identify_the_book_and_its_pagination_source(epubs):
    with _zip(epubs["poche-cover"]) as z:
        opf = _xml(z, "EPUB/content.opf")
        colophon = _text(_xml(z, "EPUB/text/colophon.xhtml"))
    md = opf.find("opf:metadata", NS)
    ident = md.find("dc:identifier", NS)
    assert ident.get("id") == opf.get("unique-identifier")
    assert ident.text == "urn:isbn:" + EBOOK_ISBN.replace("-", "")
    types = [m for m in md.findall("opf:meta", NS) if m.get("refines") == f"#{ident.get('id')}"]
    assert [(m.get("property"), m.text) for m in types] == [("identifier-type", "15")]
    print_urn = "urn:isbn:9780306406157"  # the ISBN-10 given, as ISBN-13
    assert md.find("dc:source", NS).text == print_urn
    assert _metas(opf)["pageBreakSource"] == [print_urn]
    assert f"ISBN {EBOOK_ISBN} (numérique)" in colophon
    assert "ISBN 978-0-306-40615-7 (imprimé)" in colophon


def test_conformance_claimed_only_with_a_publisher(epubs):
    with _zip(epubs["classique"]) as z:
        claimed = _metas(_xml(z, "EPUB/content.opf"))
    assert claimed["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert claimed["a11y:certifiedBy"] == ["Concours 3CR"]
    assert "Conforme à EPUB Accessibility 1.1" in claimed["schema:accessibilitySummary"][0]
    with _zip(epubs["notes"]) as z:  # no publisher: nobody answers for the claim
        unclaimed = _metas(_xml(z, "EPUB/content.opf"))
    assert "dcterms:conformsTo" not in unclaimed and "a11y:certifiedBy" not in unclaimed
    assert "Aucune conformité déclarée" in unclaimed["schema:accessibilitySummary"][0]
    assert "appels de note" in unclaimed["schema:accessibilitySummary"][0]
    assert not [w for w in epubs["classique:warnings"] if w.startswith("accessibilité")]


def test_low_contrast_theme_loses_the_claim(story_document):
    from layout_studio.export.epub import build_epub
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique", {"credits": {"color": "#aaaaaa"}})
    built = build_epub(story_document, theme, typeset(story_document, theme))
    with zipfile.ZipFile(io.BytesIO(built.data)) as z:
        metas = _metas(_xml(z, "EPUB/content.opf"))
    assert "dcterms:conformsTo" not in metas
    assert [w for w in built.warnings if w.startswith("accessibilité") and "contraste" in w]


def test_landmarks_include_the_table_of_contents(epubs):
    with _zip(epubs["classique"]) as z:
        nav = _xml(z, "EPUB/nav.xhtml")
    marks = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "landmarks")
    kinds = {a.get(EPUB_TYPE): a.get("href") for a in marks.iter(f"{{{NS['x']}}}a")}
    assert kinds["toc"] == "nav.xhtml#toc"
    assert nav.find(".//x:nav[@id='toc']", NS) is not None


def test_identifier_is_stable_and_book_specific(epubs, story_prepared):
    import dataclasses

    from layout_studio.export.epub.package import book_identifier

    def ident(path):
        with _zip(path) as z:
            return _xml(z, "EPUB/content.opf").find("opf:metadata/dc:identifier", NS).text

    # Same book, other theme and cover: same identifier.
    assert ident(epubs["classique"]) == ident(epubs["moderne-cover"]) == ident(epubs["poche-soft"])
    doc = story_prepared.document
    other = dataclasses.replace(doc, metadata=dataclasses.replace(doc.metadata, title="Autre"))
    assert book_identifier(other) != book_identifier(doc)


def test_every_document_declares_french(epubs):
    with _zip(epubs["classique"]) as z:
        pages = [n for n in z.namelist() if n.endswith(".xhtml")]
        assert len(pages) >= 6
        for name in pages:
            root = _xml(z, name)
            assert root.get("lang") == "fr", name
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr", name


def test_nav_order_matches_spine(epubs):
    with _zip(epubs["classique"]) as z:
        opf = _xml(z, "EPUB/content.opf")
        nav = _xml(z, "EPUB/nav.xhtml")
    hrefs = {i.get("id"): i.get("href") for i in opf.find("opf:manifest", NS)}
    spine = [hrefs[r.get("idref")] for r in opf.find("opf:spine", NS)]
    toc = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "toc")
    targets = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a")]
    assert [t for t in spine if t in targets] == targets  # same order
    assert "text/section-01.xhtml" in targets and "text/index.xhtml" in targets
    assert spine[0] == "text/cover.xhtml"
    labels = [_text(a) for a in toc.iter(f"{{{NS['x']}}}a")]
    assert "L’histoire" in labels and "Index des contributeurs" in labels


def test_page_list_points_where_print_pages_begin(epubs, story_prepared):
    """Each page-list entry lands on the text that opens that page in the PDF."""
    book = story_prepared.book
    first_line = {
        p.folio: next((ln.text for ln in p.lines if ln.kind == "text"), None) for p in book.pages
    }
    # A page that starts with the end of a word ("teur,") is marked before the whole word.
    continued = {
        b.folio: bool(a.lines) and a.lines[-1].text.rstrip().endswith("-")
        for a, b in zip(book.pages, book.pages[1:], strict=False)
    }
    with _zip(epubs["classique"]) as z:
        nav = _xml(z, "EPUB/nav.xhtml")
        page_list = next(
            n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "page-list"
        )
        entries = [(a.get("href"), _text(a)) for a in page_list.iter(f"{{{NS['x']}}}a")]
        body_folios = [p.folio for p in book.pages if p.kind == "body"]
        assert [label for _h, label in entries if label in body_folios] == body_folios
        checked = 0
        for href, label in entries:
            name, anchor = href.split("#")
            if not name.startswith("text/section-"):  # generated pages: see the test below
                continue
            raw = z.read("EPUB/" + name).decode("utf-8")
            raw = raw.replace("\u00ad", "")  # soft hyphens (on by default when justified)
            assert f'id="{anchor}"' in raw
            marker = raw.index(f'id="{anchor}"')
            after = html.unescape(re.sub(r"<[^>]+>", "", raw[marker:].split(">", 1)[1]))
            expected = first_line.get(label)
            if expected and not raw[marker:].split(">", 2)[2].lstrip().startswith("<h1"):
                skip = 1 if continued.get(label) else 0
                words = expected.split()[skip : skip + 3]
                if words[-1].endswith("-"):
                    words = words[:-1]
                got = after.split()[skip : skip + len(words)]
                assert " ".join(got) == " ".join(words), label
                checked += 1
        assert checked >= 5


def _tokens(text: str) -> list[str]:
    # pypdf reads the PDF's apostrophe as U+02BC, a letter for \w: make it the text's U+2019.
    # Letters only: the print's index and table of contents add page numbers.
    return re.findall(r"[^\W\d_]+", text.replace("\u00ad", "").replace("\u02bc", "\u2019"))


@pytest.mark.parametrize(
    ("key", "theme"), [("classique", "classique"), ("moderne", "moderne"), ("poche-soft", "poche")]
)
def test_page_list_lists_every_print_page_where_it_begins(epubs, tmp_path, key, theme):
    """Page-list labels == the PDF's page labels; each lands on the words that open that page."""
    import pypdf

    from layout_studio.export.job import run_export

    pdf = run_export(BOOK_TOML, pdf=tmp_path / "book.pdf", theme=theme).written["pdf"]
    reader = pypdf.PdfReader(pdf)
    labels = list(reader.page_labels)
    assert len(labels) == len(reader.pages) and "i" in labels and "1" in labels
    page_text = {
        label: re.sub(r"-\n", "", page.extract_text() or "")
        for label, page in zip(labels, reader.pages, strict=True)
    }
    with _zip(epubs[key]) as z:
        nav = _xml(z, "EPUB/nav.xhtml")
        page_list = next(
            n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == "page-list"
        )
        entries = [(a.get("href"), _text(a)) for a in page_list.iter(f"{{{NS['x']}}}a")]
        assert [label for _h, label in entries] == labels
        checked = 0
        for href, label in entries:
            name, anchor = href.split("#")
            raw = z.read("EPUB/" + name).decode("utf-8")
            after = raw[raw.index(f'id="{anchor}"') :]
            words = re.sub(r"<[^>]+>", " ", after.split(">", 1)[1]).split()
            pdf_letters = "".join(_tokens(page_text[label]))[:300]
            if not pdf_letters:  # a blank page: marked where the next page begins
                continue
            # Compared as letters (drop caps, line ends, page numbers), from the second word: the
            # first may be split across pages in print. The e-book's table of contents
            # also lists title page and colophon: its heading only.
            following = words[0:3] if name == "nav.xhtml" else words[1:12]
            probe = "".join(_tokens(" ".join(following)))[:16]
            found = len(probe) >= 12 and probe in pdf_letters
            assert found, (label, probe, pdf_letters[:80])
            checked += 1
        assert checked == sum(1 for t in page_text.values() if _tokens(t))


def test_french_spacing_written_as_characters(epubs):
    with _zip(epubs["classique"]) as z:
        raw = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
    assert "&nbsp;" not in raw and "&#160;" not in raw and "&#xa0;" not in raw.lower()
    text = _text(ET.fromstring(raw))
    assert re.search("\u202f[!?;]", text)  # fine no-break space before high punctuation
    assert "\u00a0:" in text or "\u202f:" in text
    # never an ordinary space there (emoticons such as ";)" are left as typed)
    assert not re.search(r"\w [!?;:](?![()DPp])", text)
    assert "«\u202f" in text or "«\u00a0" in text


def test_credits_are_classed_and_glued(epubs, story_prepared):
    with _zip(epubs["classique"]) as z:
        raw = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
        root = ET.fromstring(raw)
        css = z.read("EPUB/styles/book.css").decode("utf-8")
    spans = [s for s in root.iter(f"{{{NS['x']}}}span") if "credit" in (s.get("class") or "")]
    credits = [c.credit.label for c in story_prepared.document.contributions()]
    body_credits = [c for c in credits if c in {_text(s) for s in spans}]
    assert len(spans) == len(body_credits) > 20
    assert raw.count('\u00a0<span class="credit') == len(spans)  # glued to the last word
    rule = re.search(r"\.credit \{([^}]*)\}", css).group(1)
    assert "white-space: nowrap" in rule and "hyphens: none" in rule
    assert "-webkit-hyphens: none" in rule


def test_hyphenation_css_and_soft_hyphens(epubs):
    with _zip(epubs["moderne"]) as z:
        css = z.read("EPUB/styles/book.css").decode("utf-8")
        plain = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
    assert "hyphens: auto" in css and "-webkit-hyphens: auto" in css
    assert "-epub-hyphens" not in css
    assert "\u00ad" not in plain
    with _zip(epubs["poche-soft"]) as z:
        soft = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
        root = ET.fromstring(soft)
    assert soft.count("\u00ad") > 200
    assert "com\u00admu\u00adni\u00adca\u00adtion" in soft
    for span in root.iter(f"{{{NS['x']}}}span"):
        if "credit" in (span.get("class") or ""):
            assert "\u00ad" not in _text(span)
    # Removing the soft hyphens gives back, byte for byte, the same book built without them.
    assert soft.replace("\u00ad", "") == _section_without_soft_hyphens("poche")


def _section_without_soft_hyphens(theme: str) -> str:
    """The first section of the story's EPUB in ``theme``, soft hyphens off."""
    from layout_studio.export.epub.package import build_epub
    from layout_studio.export.job import prepare

    prepared = prepare(BOOK_TOML, theme=theme)
    built = build_epub(
        prepared.document,
        prepared.theme,
        prepared.book,
        byline=prepared.byline,
        soft_hyphens=False,
    )
    with zipfile.ZipFile(io.BytesIO(built.data)) as z:
        return z.read("EPUB/text/section-01.xhtml").decode("utf-8")


def _section(path: Path) -> str:
    with _zip(path) as z:
        return z.read("EPUB/text/section-01.xhtml").decode("utf-8")


def _text_align(path: Path) -> str:
    with _zip(path) as z:
        css = z.read("EPUB/styles/book.css").decode("utf-8")
    found = re.search(r"(?m)^body \{[^}]*text-align: (\w+)", css)
    assert found is not None
    return found.group(1)


def test_soft_hyphens_by_default_only_in_justified_themes(epubs):
    # The example's book.toml says nothing about soft hyphens: each theme decides.
    assert "soft_hyphens" not in BOOK_TOML.read_text(encoding="utf-8")
    justified = _section(epubs["classique"])
    assert _text_align(epubs["classique"]) == "justify"
    assert justified.count("\u00ad") > 200
    assert justified.replace("\u00ad", "") == _section_without_soft_hyphens("classique")
    assert _text_align(epubs["moderne"]) == "left"
    assert "\u00ad" not in _section(epubs["moderne"])
    assert "\u00ad" in _section(epubs["poche-cover"])  # justified too


@pytest.mark.parametrize(
    ("theme", "setting", "expected"),
    [("classique", "false", False), ("moderne", "true", True)],
)
def test_soft_hyphens_project_setting_wins_over_the_theme(tmp_path, theme, setting, expected):
    from layout_studio.export.job import run_export

    shutil.copy(BOOK_TOML.parent / "story.md", tmp_path / "story.md")
    project = tmp_path / "book.toml"
    project.write_text(
        f'[book]\nsource = "story.md"\ntheme = "{theme}"\n\n[epub]\nsoft_hyphens = {setting}\n',
        encoding="utf-8",
    )
    out = run_export(project, epub=tmp_path / "livre.epub").written["epub"]
    assert ("\u00ad" in _section(out)) is expected
    # The command line's --soft-hyphens / --no-soft-hyphens wins over the project.
    flipped = run_export(project, epub=tmp_path / "autre.epub", soft_hyphens=not expected)
    assert ("\u00ad" in _section(flipped.written["epub"])) is not expected


def test_fonts_subset_embedded_with_licence(epubs):
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique")
    with _zip(epubs["classique"]) as z:
        names = z.namelist()
        css = z.read("EPUB/styles/book.css").decode("utf-8")
        fonts = [n for n in names if n.endswith(".ttf")]
        assert "EPUB/fonts/source-serif-pro-regular.ttf" in fonts
        data = z.read("EPUB/fonts/source-serif-pro-regular.ttf")
        assert len(data) < theme.body.font.path("regular").stat().st_size / 3
        assert not [n for n in names if n.endswith(".txt")]  # nothing unreferenced
        licences = _text(_xml(z, "EPUB/text/licences.xhtml"))
        assert "SIL OPEN FONT LICENSE" in licences.upper() and "Source Serif Pro" in licences
        colophon = z.read("EPUB/text/colophon.xhtml").decode("utf-8")
        assert 'href="licences.xhtml"' in colophon
        spine = _xml(z, "EPUB/content.opf").find("opf:spine", NS)
        linear = {r.get("idref"): r.get("linear") for r in spine}
        assert linear["licences"] == "no"  # outside the reading order, reached by the link
        section = _text(_xml(z, "EPUB/text/section-01.xhtml"))
        from fontTools.ttLib import TTFont

        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        fallback = TTFont(
            io.BytesIO(z.read("EPUB/fonts/source-sans-pro-fallback-regular.ttf"))
        ).getBestCmap()
        for ch in set(section) - {"\n"}:
            assert ord(ch) in cmap or ord(ch) in fallback, repr(ch)
        assert 0x202F in fallback  # the fine space comes from the fallback face
    for font in fonts:
        assert f"fonts/{font.rsplit('/', 1)[1]}" in css
    assert "font-family" in css and "serif" in css  # a system stack after the embedded faces


_STYLE_OF = {("normal", "400"): "regular", ("italic", "400"): "italic"}
_STYLE_OF |= {("normal", "700"): "bold", ("italic", "700"): "bolditalic"}


@pytest.mark.parametrize(
    ("key", "theme_name"),
    [("classique", "classique"), ("moderne", "moderne"), ("poche-soft", "poche")],
)
def test_every_drawn_character_is_in_its_subset(epubs, key, theme_name):
    """Each character of the XHTML text and the CSS ``content:`` is in the embedded subsets."""
    from fontTools.ttLib import TTFont

    from layout_studio.style.theme import load_theme

    theme = load_theme(theme_name)
    with _zip(epubs[key]) as z:
        chars: set[str] = set()
        for name in z.namelist():
            if name.endswith(".xhtml"):
                for text in _xml(z, name).find("x:body", NS).itertext():
                    chars.update(text)
        css = z.read("EPUB/styles/book.css").decode("utf-8")
        for match in re.finditer(r'content:\s*"((?:[^"\\]|\\.)*)"', css):
            chars.update(re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m[1], 16)), match[1]))
        faces = re.findall(
            r'font-family: "([^"]+)";\s*font-style: (\w+);\s*font-weight: (\d+);\s*'
            r'src: url\("\.\./fonts/([^"]+)"\)',
            css,
        )
        assert faces
        subsets = {
            (family, _STYLE_OF[(style, weight)]): set(
                TTFont(io.BytesIO(z.read(f"EPUB/fonts/{file}"))).getBestCmap()
            )
            for family, style, weight, file in faces
        }
    drawn = {c for c in chars if not c.isspace() and c != "\u00ad"}
    assert {"©", "•", ":"} <= drawn  # colophon, the passage separator, the index
    specs = {s.family: s for s in (theme.body.font, theme.heading.font, theme.credit.font)}
    specs |= {f"{s.family} Fallback": s for s in theme.fallback_fonts}
    for (family, style), subset in subsets.items():
        original = set(TTFont(specs[family].faces[style].path).getBestCmap())
        # A fallback face only needs what the body face of that style lacks (U+202F).
        primary = subsets.get((theme.body.font.family, style), set())
        needed = (
            drawn
            if not family.endswith(" Fallback")
            else {c for c in drawn if ord(c) not in primary}
        )
        lacking = sorted(c for c in needed if ord(c) in original and ord(c) not in subset)
        assert lacking == [], (family, style)
    embedded = set().union(*subsets.values())
    assert sorted(c for c in drawn if ord(c) not in embedded) == []


def test_hostile_text_stays_text(epubs):
    with _zip(epubs["hostile"]) as z:
        raw = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
        root = ET.fromstring(raw)  # well-formed despite the input
        opf = z.read("EPUB/content.opf").decode("utf-8")
    assert not list(root.iter(f"{{{NS['x']}}}script"))
    text = _text(root)
    assert "<script>alert(\u201cx\u201d)</script>" in text or "<script>alert(" in text
    assert "]]>" in text and "</p>" in text and "&" in text
    assert "\x07" not in raw
    h1 = next(root.iter(f"{{{NS['x']}}}h1"))
    assert "<script>" in _text(h1)
    assert (
        "Livre <b>hostile</b> & co"
        in ET.fromstring(opf.encode()).find("opf:metadata/dc:title", NS).text
    )
    assert any("contrôle" in w and "hostile.md" in w for w in epubs["hostile:warnings"])


def test_control_characters_in_a_built_document_are_dropped_and_reported(story_document):
    """The API may be given a model nobody cleaned: XML still comes out well-formed."""
    import dataclasses

    from layout_studio.export.epub import build_epub
    from layout_studio.layout.typeset import typeset
    from layout_studio.model.document import Text
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique")
    section = story_document.body_sections[0]
    first = section.content[0]
    para = first.blocks[0]
    dirty = dataclasses.replace(para, spans=(Text("Bip\x07 bip\x1b."), *para.spans))
    contribution = dataclasses.replace(first, blocks=(dirty, *first.blocks[1:]))
    sections = list(story_document.sections)
    sections[sections.index(section)] = dataclasses.replace(
        section, content=(contribution, *section.content[1:])
    )
    doc = dataclasses.replace(story_document, sections=tuple(sections))
    built = build_epub(doc, theme, typeset(doc, theme))
    with zipfile.ZipFile(io.BytesIO(built.data)) as z:
        root = ET.fromstring(z.read("EPUB/text/section-01.xhtml"))
    assert "Bip bip." in _text(root)
    assert any("U+0007" in w for w in built.warnings)
    assert any("U+001B" in w for w in built.warnings)


def test_footnotes_are_epub3_footnotes(epubs):
    with _zip(epubs["notes"]) as z:
        root = _xml(z, "EPUB/text/section-01.xhtml")
    refs = [a for a in root.iter(f"{{{NS['x']}}}a") if a.get(EPUB_TYPE) == "noteref"]
    notes = [a for a in root.iter(f"{{{NS['x']}}}aside") if a.get(EPUB_TYPE) == "footnote"]
    assert len(refs) == 1 and len(notes) == 1
    assert refs[0].get("href") == "#" + notes[0].get("id")
    assert "citation" in _text(notes[0]).replace("\u00ad", "")  # soft hyphens by default


def test_cover_sizes(epubs, tmp_path, story_prepared):
    from layout_studio.export.cover import load_cover
    from layout_studio.export.epub.package import cover_jpeg

    with _zip(epubs["moderne-cover"]) as z:
        img = Image.open(io.BytesIO(z.read("EPUB/images/cover.jpg")))
        cover_page = z.read("EPUB/text/cover.xhtml").decode()
    assert img.width == 1400 and img.height == 2100  # 900×1350 widened to the minimum
    assert 'alt="Couverture : Il était une fois' in cover_page
    assert any("agrandie" in w for w in epubs["moderne-cover:warnings"])
    with _zip(epubs["classique"]) as z:
        generated = Image.open(io.BytesIO(z.read("EPUB/images/cover.jpg")))
    assert generated.width == 1600 and generated.height <= 2560
    # the typographic cover is not blank: title ink on the theme's background
    assert len(set(generated.convert("L").resize((40, 60)).tobytes())) > 5
    big = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 6000), "white").save(big)
    theme = story_prepared.theme
    data, w, h = cover_jpeg(load_cover(big, theme), story_prepared.document, theme, None, [])
    assert (w, h) == (1600, 2400)
    assert Image.open(io.BytesIO(data)).size == (1600, 2400)


def test_reproducible_with_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    from layout_studio.export.job import run_export

    a = run_export(BOOK_TOML, epub=tmp_path / "a.epub").written["epub"].read_bytes()
    b = run_export(BOOK_TOML, epub=tmp_path / "b.epub").written["epub"].read_bytes()
    assert a == b


def test_narrow_space_falls_back_when_no_font_has_it(story_document):
    from layout_studio.export.epub import build_epub
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    theme = load_theme("classique", {"fonts": {"fallback": []}})
    built = build_epub(story_document, theme, typeset(story_document, theme))
    with zipfile.ZipFile(io.BytesIO(built.data)) as z:
        text = z.read("EPUB/text/section-01.xhtml").decode()
    assert "\u202f" not in text and "\u00a0!" in text
    assert any("U+202F" in w for w in built.warnings)


def test_cli_writes_epub_and_refuses_bad_destination(tmp_path):
    out = tmp_path / "livre.epub"
    done = run_cli("export", str(BOOK_TOML), "--epub", str(out))
    assert done.returncode == 0, done.stderr
    assert zipfile.is_zipfile(out)
    bad = run_cli("export", str(BOOK_TOML), "--epub", str(tmp_path / "absent" / "x.epub"))
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1 and "x.epub" in bad.stderr
    assert not (tmp_path / "absent").exists()


def test_golden_opf_and_chapter(epubs, golden):
    with _zip(epubs["classique"]) as z:
        opf = z.read("EPUB/content.opf").decode("utf-8")
        chapter = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
    golden("story.opf", opf)
    golden("story-section-01.xhtml", chapter)


def test_epubcheck_usage_mode_reports_only_the_embedded_fonts(tmp_path):
    """``epubcheck -u``: the one usage note left is CSS-028, which every book embedding fonts gets."""
    from layout_studio.export.job import run_export

    epub = tmp_path / "story.epub"
    run_export(BOOK_TOML.parent / "story.md", epub=epub)
    messages = epubcheck(epub, usage=True)["messages"]
    assert [(m["severity"], m["ID"]) for m in messages] == [("USAGE", "CSS-028")], messages
