"""The typeset story: TeX-quality rules checked on the page model itself."""

from __future__ import annotations

import itertools
import re

import pytest

from layout_studio.layout.page import dump

BAD_START = re.compile(r"^[;:!?»\u00a0\u202f]")


def _text_lines(book):
    return [(page, line) for page in book.pages for line in page.lines if line.kind == "text"]


def test_no_overfull_line_and_runs_inside_the_measure(story_book, classic_theme):
    g = classic_theme.page
    assert story_book.report.overfull_lines == 0
    for page in story_book.pages:
        if page.kind in ("blank",):
            continue
        left = g.inner if page.recto else g.outer
        for line in page.lines:
            assert not line.overfull, line.text
        for run in page.runs():
            if page.kind == "body" and g.top <= run.y <= g.top + g.text_height:
                assert run.x >= left - 0.01
                assert run.x + run.width <= left + g.text_width + 0.05, run.text


def test_never_two_hyphenated_lines_in_a_row(story_book):
    assert story_book.report.hyphenated_lines > 10  # hyphenation is really on
    previous = None
    for _page, line in _text_lines(story_book):
        if previous is not None and previous.para == line.para:
            assert not (previous.hyphenated and line.hyphenated), (previous.text, line.text)
        previous = line
    assert story_book.report.consecutive_hyphens == 0


def test_no_widow_no_orphan(story_book):
    by_para: dict[int, list[tuple[int, int]]] = {}
    for page, line in _text_lines(story_book):
        if line.para >= 0:
            by_para.setdefault(line.para, []).append((page.index, line.index))
    split = 0
    for lines in by_para.values():
        pages = sorted({p for p, _ in lines})
        if len(pages) > 1:
            split += 1
            first = [i for p, i in lines if p == pages[0]]
            last = [i for p, i in lines if p == pages[-1]]
            assert len(first) >= 2, "orphan: one line left at the bottom"
            assert len(last) >= 2, "widow: one line alone at the top"
    assert split > 0  # the rule was exercised


def test_french_line_edges(story_book):
    for _page, line in _text_lines(story_book):
        assert not BAD_START.match(line.text), line.text
        assert not line.text.rstrip().endswith("«"), line.text


def test_every_credit_whole_on_one_line(story_book, story_document):
    texts = [line.text for _p, line in _text_lines(story_book)]
    for contribution in story_document.contributions():
        label = contribution.credit.label
        assert any(label in t for t in texts), label


def test_word_space_spread_is_measured_and_bounded(story_book):
    spread = story_book.report.word_space_spread
    assert story_book.report.justified_lines > 100
    assert 0.0 < spread < 0.35


def test_book_structure(story_book, story_document):
    pages = story_book.pages
    folios = [p.folio for p in pages]
    assert folios[:4] == ["i", "ii", "iii", "iv"]
    first_body = next(p for p in pages if p.kind == "body")
    assert first_body.folio == "1" and first_body.recto and first_body.opening
    # Openings on the right, running heads elsewhere: title on verso, section on recto.
    for page in pages:
        if page.opening:
            assert page.recto
    body = [p for p in pages if p.kind == "body" and not p.opening]
    for page in body:
        heads = [r.text for r in page.runs() if r.y < 60]
        assert heads, page.folio
    contributors = {c.name for c in story_document.contributors}
    index_text = "\n".join(p.text() for p in pages if p.section == "Index des contributeurs")
    for name in contributors:
        assert name in index_text
    titles = [o.title for o in story_book.outline]
    assert titles[:2] == ["Table des matières", "L’histoire"]
    assert "Index des contributeurs" in titles
    colophon = pages[3].text()
    assert "contributions de 28 auteurs" in colophon


def test_toc_and_index_point_at_the_right_pages(story_book):
    pages = story_book.pages
    toc = next(p for p in pages if p.section == "Table des matières")
    anchor = next(o.anchor for o in story_book.outline if o.title == "L’histoire")
    body_page = pages[story_book.anchors[anchor]]
    assert re.search(rf"L’histoire[ .]+{body_page.folio}$", toc.text(), re.M)
    for page in pages:
        for link in [i for i in page.items if type(i).__name__ == "Link"]:
            assert link.target in story_book.anchors


def test_golden_dump_of_the_first_story_page(story_book, golden):
    page = next(p for p in story_book.pages if p.kind == "body")
    text = dump(story_book).split(f"page {page.index + 1} ")[1].split("\npage ")[0]
    golden("story-first-page.dump", text)


@pytest.mark.parametrize("name", ["moderne", "poche"])
def test_other_themes_keep_the_rules(story_document, name):
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    book = typeset(story_document, load_theme(name))
    assert book.report.overfull_lines == 0
    assert book.report.consecutive_hyphens == 0
    for page in book.pages:
        for line in page.lines:
            assert not BAD_START.match(line.text)


def test_long_url_never_overflows(classic_theme):
    from layout_studio.layout.typeset import typeset
    from layout_studio.model.document import Document, Metadata, Paragraph, Section, Text

    url = "https://exemple.fr/" + "abcdefghij" * 28
    doc = Document(
        Metadata("Essai"), (Section("Lien", (Paragraph((Text(f"Voir {url} pour la suite."),)),)),)
    )
    book = typeset(doc, classic_theme)
    assert book.report.overfull_lines == 0
    g = classic_theme.page
    for page in book.pages:
        left = g.inner if page.recto else g.outer
        for run in page.runs():
            assert run.x + run.width <= left + g.text_width + 0.05


def test_missing_glyph_falls_back_or_is_reported(classic_theme):
    from layout_studio.layout.typeset import typeset
    from layout_studio.model.document import Document, Metadata, Paragraph, Section, Text

    doc = Document(
        Metadata("Essai"),
        (Section("Émoji", (Paragraph((Text("Bravo \u203d et \U0001f600 !"),)),)),),
    )
    book = typeset(doc, classic_theme)
    missing = book.report.missing_glyphs
    assert "\U0001f600" in missing and missing.get("\u203d") == "SourceSansPro-Regular"
    assert any("\U0001f600" in w for w in book.report.warnings)


def test_a_single_author_is_counted_in_the_singular(classic_theme, tmp_path):
    """« 1 auteurs » was printed on the title page and in the colophon."""
    import pypdf

    from layout_studio.export.pdf import write_pdf
    from layout_studio.layout.typeset import typeset
    from layout_studio.sources.markdown import parse_markdown_text
    from layout_studio.text.typography import apply_typography

    doc = apply_typography(
        parse_markdown_text("# Récit\n\nUn seul passage. [Zoé]{.credit}\n")
    ).document
    pdf = write_pdf(typeset(doc, classic_theme), tmp_path / "un.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert "1 auteurs" not in text and "1 AUTEURS" not in text.upper()
    assert "1 auteur" in text.lower()
    assert "les auteurs" not in text


def _hyphen_pairs(book) -> tuple[int, int]:
    """(two hyphenated lines in a row, hyphenated lines) over the book's text lines."""
    lines = [ln for page in book.pages for ln in page.lines if ln.kind == "text"]
    pairs = sum(a.hyphenated and b.hyphenated for a, b in itertools.pairwise(lines))
    return pairs, sum(ln.hyphenated for ln in lines)


def test_a_theme_allowing_double_hyphens_still_pays_their_demerits(story_document):
    """``forbid_double_hyphens = false``: the theme's ``double_hyphen_demerits`` still count."""
    from layout_studio.layout.typeset import typeset
    from layout_studio.style.theme import load_theme

    fewer = 0
    for name in ("classique", "moderne", "poche"):
        allowed = load_theme(name, {"linebreak": {"forbid_double_hyphens": False}})
        assert allowed.breaking.double_hyphen_demerits > 0
        free = load_theme(
            name, {"linebreak": {"forbid_double_hyphens": False, "double_hyphen_demerits": 0}}
        )
        (paid, hyphens), (unpaid, _) = (
            _hyphen_pairs(typeset(story_document, allowed)),
            _hyphen_pairs(typeset(story_document, free)),
        )
        assert hyphens > 20, name  # the story hyphenates enough for this to mean something
        assert paid <= unpaid, name
        fewer += paid < unpaid
    assert fewer, "the theme's double_hyphen_demerits changed no break"


def test_a_single_author_is_singular_on_the_cover_and_in_the_epub(classic_theme):
    import io
    import zipfile

    from layout_studio.export.epub import build_epub
    from layout_studio.layout.cover import default_byline
    from layout_studio.layout.typeset import typeset
    from layout_studio.sources.markdown import parse_markdown_text
    from layout_studio.text.typography import apply_typography

    doc = apply_typography(
        parse_markdown_text("# Récit\n\nUn seul passage. [Zoé]{.credit}\n")
    ).document
    assert default_byline(doc) == "1 auteur"
    built = build_epub(doc, classic_theme, typeset(doc, classic_theme))
    with zipfile.ZipFile(io.BytesIO(built.data)) as z:
        text = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    assert "1 auteurs" not in text and "de 1 auteur :" in text
