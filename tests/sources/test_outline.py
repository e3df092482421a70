"""The outline of a source (sections, passages, authors) and moving a section, without Qt."""

from __future__ import annotations

from layout_studio.model.document import Contribution
from layout_studio.sources.markdown import parse_markdown_text
from layout_studio.sources.outline import move_section, outline
from tests.conftest import STORY_MD


def test_outline_agrees_with_the_parser_on_the_real_story():
    text = STORY_MD.read_text(encoding="utf-8")
    found = outline(text)
    document = parse_markdown_text(text)
    assert [s.title for s in found.sections] == [s.title for s in document.sections]
    assert [s.candidate for s in found.sections] == [s.candidate for s in document.sections]
    for mine, parsed in zip(found.sections, document.sections, strict=True):
        credits = [c.credit for c in parsed.content if isinstance(c, Contribution)]
        signed = [p for p in mine.passages if p.authors]
        assert [p.authors[-1] for p in signed] == [c.name for c in credits]
        # Each passage starts where the parser's contribution starts.
        starts = [c.blocks[0].source.line for c in parsed.content if isinstance(c, Contribution)]
        assert [p.line for p in signed] == starts
    lines = text.split("\n")
    for section in found.sections:
        assert lines[section.line - 1].startswith("# ")
        assert section.title in lines[section.line - 1]


def test_affiliation_unsigned_text_and_several_authors():
    text = (
        "# Un\n\nPremier. [Catherine, CDP]{.credit}\n\n"
        "Deux paragraphes\nsur deux lignes.\n\nfin. [A]{.credit} [B]{.credit}\n\nReste non signé.\n"
    )
    (section,) = outline(text).sections
    assert [p.authors for p in section.passages] == [("Catherine",), ("A", "B"), ()]
    assert [p.line for p in section.passages] == [3, 5, 10]
    assert section.passages[1].excerpt == "Deux paragraphes sur deux lignes."
    assert "[" not in section.passages[0].excerpt


def test_headings_in_front_matter_and_code_are_not_sections():
    text = "---\ntitle: '# pas un titre'\n---\n\n```\n# code\n```\n\n# Vrai\n\nTexte.\n"
    found = outline(text)
    assert [s.title for s in found.sections] == ["", "Vrai"]
    assert not found.sections[0].titled
    assert found.sections[1].titled


def test_move_section_round_trip_keeps_every_line():
    text = STORY_MD.read_text(encoding="utf-8")
    before = outline(text)
    moved = move_section(text, 2, 0)
    after = outline(moved)
    titles = [s.title for s in before.sections]
    assert [s.title for s in after.sections] == [titles[2], titles[0], titles[1]]
    # The classes travel with their section, footnotes stay at the end.
    assert after.sections[0].classes == before.sections[2].classes
    assert moved.rstrip().split("\n")[-1] == text.rstrip().split("\n")[-1]
    assert sorted(filter(None, moved.split("\n"))) == sorted(filter(None, text.split("\n")))
    assert move_section(moved, 0, 2) == text


def test_untitled_lead_and_impossible_moves_leave_the_text():
    text = "Avant tout titre.\n\n# A\n\nx\n\n# B\n\ny"
    assert move_section(text, 0, 1) == text  # the lead text is not a section to move
    assert move_section(text, 1, 5) == text
    assert move_section(text, 1, 1) == text
    assert move_section(text, 2, 1) == "Avant tout titre.\n\n# B\n\ny\n\n# A\n\nx"
