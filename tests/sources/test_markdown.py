"""The Markdown source format: front matter, credits, sections, notes, escaping, round trip."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_studio.model import (
    Contribution,
    Credit,
    CreditMark,
    DeclaredContributor,
    Document,
    Footnote,
    FootnoteCall,
    Mark,
    Matter,
    Metadata,
    Paragraph,
    SceneBreak,
    Section,
    Text,
)
from layout_studio.sources import load_source, parse_markdown_text, to_markdown

SAMPLE = """---
title: Il était une fois un Community Manager
subtitle: Une histoire co-écrite
lang: fr
contributors:
  - Cécile
  - name: Catherine
    file-as: Catherine
    affiliation: CDP
---

{.front}
# Préface

Un livre écrit à *cinquante-deux* mains[^1].

# L’histoire

Le jardinier sème. [Cécile]{.credit}

Premier paragraphe de Catherine.

Second paragraphe, [10 000]{.nobreak} graines. [Catherine, CDP]{.credit confidence="0.6"}

* * *

Une phrase <script>alert(1)</script> & ]]> </p> sans crédit.

[^1]: Cinquante-deux mains, deux cent soixante doigts.
"""


def test_sample_is_parsed_into_the_model():
    doc = parse_markdown_text(SAMPLE)
    meta = doc.metadata
    assert meta.title == "Il était une fois un Community Manager"
    assert meta.subtitle == "Une histoire co-écrite"
    assert meta.language == "fr"
    assert meta.contributors[1] == DeclaredContributor("Catherine", "Catherine", "aut", "CDP")
    front, story = doc.sections
    assert (front.matter, front.title) == (Matter.FRONT, "Préface")
    assert front.content[0].spans[1] == Text("cinquante-deux", frozenset({Mark.EMPHASIS}))
    assert front.content[0].spans[-2:] == (FootnoteCall("1"), Text("."))
    first, second, scene, tail = story.content
    assert isinstance(first, Contribution) and first.credit.name == "Cécile"
    assert isinstance(second, Contribution) and len(second.blocks) == 2
    assert second.credit == Credit("Catherine", "CDP")
    assert second.credit.confidence == 0.6
    assert Text("10 000", frozenset({Mark.NOBREAK})) in second.blocks[1].spans
    assert isinstance(scene, SceneBreak)
    assert tail.plain_text == "Une phrase <script>alert(1)</script> & ]]> </p> sans crédit."
    assert doc.footnotes[0].paragraphs[0].plain_text.startswith("Cinquante-deux mains")
    assert [(c.name, c.contributions) for c in doc.contributors] == [
        ("Cécile", 1),
        ("Catherine", 1),
    ]


def test_credit_positions_in_markdown(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(SAMPLE, encoding="utf-8")
    result = load_source(path)
    lines = SAMPLE.split("\n")
    for record in result.report.credits:
        assert lines[record.line - 1][record.column - 1 :].startswith(record.raw)
    assert [r.needs_review for r in result.report.credits] == [False, True]


def test_imported_story_round_trips(imported):
    md = to_markdown(imported.document)
    again = parse_markdown_text(md)
    assert again == imported.document
    assert to_markdown(again) == md


def test_bundled_story_md_is_the_reviewed_book():
    from tests.conftest import STORY_MD

    result = load_source(STORY_MD)
    doc = result.document
    assert len(doc.contributions()) == 30
    assert len(doc.contributors) == 28
    assert not any(r.needs_review for r in result.report.credits)
    assert doc.metadata.title == "Il était une fois un Community Manager"


# --- round trip property ---------------------------------------------------------

_alphabet = st.sampled_from(
    list(string.ascii_letters + string.digits + " .,;:!?'\"()[]{}*_`#<>&-+=|~\\/")
    + ["é", "à", "ç", "œ", "«", "»", "…", "\u00a0", "\u202f", "’", "😀"]
)
_words = st.text(_alphabet, min_size=1, max_size=30).map(lambda s: " ".join(s.split()))
_text = _words.filter(bool)
_marks = st.sampled_from(
    [frozenset(), frozenset({Mark.EMPHASIS}), frozenset({Mark.STRONG}), frozenset({Mark.NOBREAK})]
)
_name = st.from_regex(r"[A-Z][a-zé]{1,8}( [A-Z])?", fullmatch=True)


@st.composite
def _paragraph(draw, credit: Credit | None = None):
    spans = []
    for _ in range(draw(st.integers(1, 4))):
        spans.append(Text(draw(_text), draw(_marks)))
    # Normalise as the reader does: merge runs, no space at the ends or before a credit.
    merged: list = []
    for s in spans:
        if merged and merged[-1].marks == s.marks:
            merged[-1] = Text(merged[-1].text + " " + s.text, s.marks)
        else:
            merged.append(s)
    spans = [m for m in merged if m.text.strip()]
    if not spans:
        spans = [Text("mot")]
    if credit is not None:
        spans.append(CreditMark(credit))
    return Paragraph(tuple(spans))


@st.composite
def _document(draw):
    content = []
    for _ in range(draw(st.integers(1, 4))):
        credit = Credit(draw(_name))
        content.append(Contribution((draw(_paragraph(credit)),), credit))
    title = draw(_words.filter(bool))
    return Document(Metadata(title=title), (Section("Histoire", tuple(content)),))


def _normalised(doc: Document) -> Document:
    """The document as the reader sees it (adjacent runs, spaces between runs)."""
    return parse_markdown_text(to_markdown(doc))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_markdown_model_markdown_is_stable(doc):
    md1 = to_markdown(doc)
    model1 = parse_markdown_text(md1)
    md2 = to_markdown(model1)
    assert parse_markdown_text(md2) == model1
    assert md2 == md1 or to_markdown(parse_markdown_text(md2)) == md2

    # No letter is lost on the way.
    def letters(d: Document) -> str:
        return "".join(c for p in d.paragraphs() for c in p.plain_text if c.isalnum())

    assert letters(model1) == letters(doc)
    assert [c.credit.name for c in model1.contributions()] == [
        c.credit.name for c in doc.contributions()
    ]


def test_footnotes_and_scene_breaks_round_trip():
    doc = Document(
        Metadata("Titre"),
        (
            Section(
                None,
                (
                    Paragraph((Text("Avant"), FootnoteCall("a"))),
                    SceneBreak(),
                    Paragraph((Text("Après"),)),
                ),
            ),
        ),
        (Footnote("a", (Paragraph((Text("La note"),)),)),),
    )
    assert parse_markdown_text(to_markdown(doc)) == doc


def test_unquoted_hash_in_front_matter_is_reported(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Le livre du #CMAD\n---\n\nTexte. [Alice]{.credit}\n", encoding="utf-8"
    )
    result = load_source(path)
    assert result.document.metadata.title == "Le livre du"
    assert any("commentaire YAML" in n for n in result.report.notes)


def test_invalid_front_matter_is_a_clear_error(tmp_path):
    import pytest

    from layout_studio.errors import InputError

    path = tmp_path / "story.md"
    path.write_text("---\ntitle: [oops\n---\n\nTexte.\n", encoding="utf-8")
    with pytest.raises(InputError, match="YAML"):
        load_source(path)


def test_attribute_spans_past_the_cap_are_kept_as_text_and_reported():
    """markdown-it's attribute plugin copies the rest of the paragraph at each ``[…]{``.

    A paragraph of 20,000 of them took quadratic time (1.25 MB: 14 s to parse,
    10× for 5× the text); past ``MAX_ATTRIBUTE_SPANS`` the ``[`` is escaped,
    so the words stay, as text, and the import report says so.
    """
    from pathlib import Path

    from layout_studio.sources.markdown import MAX_ATTRIBUTE_SPANS, import_markdown
    from layout_studio.sources.reading import DecodedText

    n = MAX_ATTRIBUTE_SPANS + 40
    text = "Début " + " ".join(f"[nom{i}]{{.credit}}" for i in range(n)) + " fin.\n"
    result = import_markdown(DecodedText(Path("hostile.md"), text, "utf-8", False, "lf"))
    words = " ".join(
        span.text
        for section in result.document.sections
        for block in section.blocks()
        for span in getattr(block, "spans", ())
        if hasattr(span, "text")
    )
    assert f"nom{n - 1}" in words  # nothing lost
    assert any("accolades" in note for note in result.report.notes), result.report.notes
    # An ordinary paragraph with a few spans is parsed as typed, report silent.
    plain = "Il dit [ceci]{lang=en} et [cela]{.smallcaps}.\n"
    ordinary = import_markdown(DecodedText(Path("ok.md"), plain, "utf-8", False, "lf"))
    assert not any("accolades" in note for note in ordinary.report.notes)


@pytest.mark.parametrize(
    "text",
    ["a\rb\n# T\n\nx (Alice)\n", "# A\r\rtexte\r# B\rsuite (Alice)\n", "a\r\n\r\n# T\r\nx\r\n"],
)
def test_carriage_returns_are_line_ends_as_in_the_normalised_text(text):
    """A text from the editor or the API may hold lone CRs: no crash, the same book as LF."""
    as_lf = text.replace("\r\n", "\n").replace("\r", "\n")
    assert parse_markdown_text(text) == parse_markdown_text(as_lf)


def test_a_credit_inside_a_paragraph_is_reported_never_dropped_silently():
    """Only a paragraph's last credit closes a contribution: an earlier one credited nobody
    and vanished from the book without a word (found typing a second credit in the app)."""
    from pathlib import Path

    from layout_studio.sources.markdown import import_markdown
    from layout_studio.sources.markdown_chunks import IncrementalMarkdown
    from layout_studio.sources.reading import DecodedText

    text = (
        "# L’histoire\n\nPremier passage. [Anne]{.credit} Un mot de plus. [Zoé]{.credit}\n\n"
        "Autre passage. [Paul]{.credit}\n"
    )
    decoded = DecodedText(Path("deux.md"), text, "utf-8", False, "lf")
    result = import_markdown(decoded)
    lost = [note for note in result.report.notes if "Anne" in note]
    assert len(lost) == 1, result.report.notes
    assert "milieu d’un paragraphe" in lost[0] and "Zoé" in lost[0]
    assert "\n" not in lost[0]  # one line
    assert IncrementalMarkdown().parse(decoded).report.notes == result.report.notes
    # A paragraph with one credit at its end: the report says nothing of it.
    one = DecodedText(Path("un.md"), "# T\n\nTexte. [Anne]{.credit}\n", "utf-8", False, "lf")
    assert import_markdown(one).report.notes == []
