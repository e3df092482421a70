"""Centuries in small capitals: ``XXIe siècle`` as the Imprimerie nationale sets it.

The numeral of a century or millennium is marked small capitals by the
``centuries`` rule; a reign (``François Ier``, ``Louis XIV``) keeps full
capitals. The PDF sets the mark with the font's ``c2sc`` glyphs (capitals to
small capitals) where the face has them, and full capitals at the normal size
where it has not (the italic faces of Source Serif and Source Sans); the EPUB
marks it ``<span class="sc">`` styled ``all-small-caps``.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from layout_studio.export.epub import build_epub
from layout_studio.layout.typeset import typeset
from layout_studio.model import Mark, Paragraph, Text
from layout_studio.sources import parse_markdown_text
from layout_studio.style.theme import load_theme
from layout_studio.text.typography import FrenchOptions, apply_typography


def _spans(source: str, options: FrenchOptions | None = None) -> tuple[Text, ...]:
    doc = parse_markdown_text(f"---\ntitle: T\n---\n\n{source}\n")
    para = apply_typography(doc, options).document.sections[0].content[0]
    assert isinstance(para, Paragraph)
    return tuple(s for s in para.spans if isinstance(s, Text))


def _small_caps(spans: tuple[Text, ...]) -> list[str]:
    return [s.text for s in spans if Mark.SMALL_CAPS in s.marks]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Au XXIème siècle, tout change.", ["XXI"]),
        ("le XIXe siècle et le XXe siècle", ["XIX", "XX"]),
        ("au IIIe millénaire", ["III"]),
        ("aux XVIIe et XVIIIe s. déjà", ["XVIII"]),  # "XVIIe et": no siècle after it
        ("le Ier siècle", ["I"]),
        ("le XXI[e]{.sup} siècle", ["XXI"]),  # a superscript typed in the source
        ("le [XX]{.smallcaps}[e]{.sup} siècle", ["XX"]),  # already marked: kept
    ],
)
def test_century_numerals_are_small_capitals(typed, expected):
    spans = _spans(typed)
    assert _small_caps(spans) == expected
    # The suffix stays a superscript, outside the small capitals.
    for s in spans:
        if Mark.SUPERSCRIPT in s.marks:
            assert Mark.SMALL_CAPS not in s.marks


@pytest.mark.parametrize(
    "typed",
    [
        "François Ier et Louis XIV régnaient.",  # reigns: full capitals
        "le XXIe arrondissement",  # not a century
        "la page XXI",
        "le 21e siècle",  # arabic figures
        "IXe VIIIer siècle",  # "VIIIer" is no ordinal
        "CIVILISATION DU XXE SIÈCLE",  # all capitals: no suffix recognised
    ],
)
def test_counter_examples_keep_full_capitals(typed):
    assert _small_caps(_spans(typed)) == []


def test_switched_off_with_the_centuries_rule():
    off = FrenchOptions(disabled=frozenset({"centuries"}))
    assert _small_caps(_spans("Au XXIème siècle.", off)) == []


def test_small_capitals_are_recorded_and_idempotent():
    doc = parse_markdown_text("---\ntitle: T\n---\n\nAu XXIème siècle.\n")
    first = apply_typography(doc)
    changes = [
        (c.correction.rule, c.correction.before, c.correction.after) for c in first.corrections
    ]
    assert ("centuries", "XXI", "[XXI]{.smallcaps}") in changes
    again = apply_typography(first.document)
    assert again.document == first.document
    assert not [c for c in again.corrections if c.correction.rule == "centuries"]


SOURCE = """---
title: Essai
---

# Récit

Au XXIème siècle, on lit. *Au XIXe siècle, on lisait.* [Zoé]{.credit}
"""


@pytest.fixture(scope="module")
def built():
    doc = apply_typography(parse_markdown_text(SOURCE)).document
    theme = load_theme("classique")
    return doc, theme, typeset(doc, theme)


def _glyphs_after(book, text: str, count: int):
    """The ``count`` glyphs after those spelling ``text`` (spaces left out)."""
    pairs = [
        (run, g)
        for page in book.pages
        if page.kind == "body"
        for run in page.runs()
        for g in run.glyphs
        if not g.text.isspace()
    ]
    texts = [g.text for _, g in pairs]
    for i in range(len(texts) - len(text) + 1):
        if "".join(texts[i : i + len(text)]) == text:
            return pairs[i + len(text) : i + len(text) + count]
    raise AssertionError(f"{text!r} not found in {''.join(texts)!r}")


def test_pdf_sets_the_numeral_with_the_fonts_small_capitals(built):
    _doc, _theme, book = built
    numeral = _glyphs_after(book, "Au", 3)
    run = numeral[0][0]
    assert "c2sc" in run.font.gsub_features  # Source Serif's roman has them
    small = [g.gid for g in run.font.shape("XXI", ("c2sc",)).glyphs]
    capitals = [g.gid for g in run.font.shape("XXI", ()).glyphs]
    assert small != capitals
    assert [g.gid for _, g in numeral] == small
    suffix = _glyphs_after(book, "AuXXI", 1)[0][1]
    assert suffix.gid == run.font.shape("e", ("sups",)).glyphs[0].gid


def test_pdf_falls_back_to_full_capitals_in_a_face_without_them(built):
    _doc, theme, book = built
    numeral = _glyphs_after(book, "lit.Au", 3)  # the italic sentence's numeral
    run, glyphs = numeral[0][0], [g for _, g in numeral]
    assert [g.text for g in glyphs] == ["X", "I", "X"]
    assert "c2sc" not in run.font.gsub_features  # the italic face has none
    assert [g.gid for g in glyphs] == [g.gid for g in run.font.shape("XIX", ()).glyphs]
    assert run.size == theme.body.size  # full capitals at the normal size, not shrunk


def test_epub_marks_the_numeral_small_caps(built):
    doc, theme, book = built
    data = build_epub(doc, theme, book).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        section = z.read("EPUB/text/section-01.xhtml").decode("utf-8").replace("\u00ad", "")
        css = next(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".css"))
    assert '<span class="sc">XXI</span><sup>e</sup>\u00a0siècle' in section
    # Each run is wrapped on its own: adjacent <em> elements read as one.
    assert '<em>Au <span class="sc">XIX</span><sup>e</sup>' in section.replace("</em><em>", "")
    assert "font-variant-caps: all-small-caps" in css
