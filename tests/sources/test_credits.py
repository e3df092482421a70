"""Credit detection on the real #CMAD source and on hand-made cases."""

from __future__ import annotations

import pytest

from layout_studio.sources.credits import credits_in, scan_line

EXPECTED_NAMES = [
    "aristote",
    "Cécile",
    "Catherine",
    "Jean-Luc",
    "Christophe",
    "FHX",
    "Patrice",
    "Anthony",
    "Sophie",
    "Ank Ter",
    "Julie",
    "Isabelle",
    "Martine",
    "Vivien",
    "Serge",
    "Pierre",
    "Beya",
    "Pierrick",
    "Isabelle D",
    "David",
    "Jean-François",
    "Abdelhamid",
    "Quentin",
    "Lionel",
    "Eric P",
    "Alexandra le D",
    "Nicolas",
    "Sophie",
    "Anthony",
    "Arnaud",
]


def test_story_has_30_contributions_and_28_contributors(imported):
    doc = imported.document
    assert [c.credit.name for c in doc.contributions()] == EXPECTED_NAMES
    contributors = doc.contributors
    assert len(contributors) == 28
    counts = {c.name: c.contributions for c in contributors}
    assert counts["Sophie"] == 2 and counts["Anthony"] == 2
    assert counts["Isabelle"] == 1 and counts["Isabelle D"] == 1


def test_affiliation_and_spaced_name(imported):
    credits = {c.credit.raw: c.credit for c in imported.document.contributions()}
    assert credits["(Catherine, CDP)"].name == "Catherine"
    assert credits["(Catherine, CDP)"].affiliation == "CDP"
    assert credits["( Sophie)"].name == "Sophie"
    assert credits["( Sophie)"].key == credits["(Sophie)"].key


def test_credit_positions_point_at_the_source(imported, source_text):
    for record in imported.report.credits:
        assert source_text[record.offset : record.offset + len(record.raw)] == record.raw
        line = source_text.split("\n")[record.line - 1]
        assert line[record.column - 1 : record.column - 1 + len(record.raw)] == record.raw


def test_every_credit_has_a_confidence_and_doubtful_ones_are_flagged(imported):
    records = imported.report.credits
    assert all(0.5 <= r.confidence <= 1 for r in records)
    flagged = [r.name for r in records if r.needs_review]
    assert "aristote" in flagged  # lowercase pseudonym: an editor should confirm it
    assert "Jean-François" not in flagged


@pytest.mark.parametrize(
    "aside",
    [
        "(ou madame)",
        "(car oui c'était une femme)",
        "(écritures, photos, graphismes, tournages et montages vidéos etc)",
        "(si si c’est possible ! voir Eric Messeca !)",
        "(1)",
        "(2)",
        "(heure Française)",
        "(stat google)",
        '(façon Franck Dubosc "pour toi Public")',
    ],
)
def test_asides_are_not_credits(imported, aside):
    raws = [c.credit.raw for c in imported.document.contributions()]
    assert aside not in raws
    assert credits_in(f"Il dit {aside} et repart.") == []


@pytest.mark.parametrize("word", ["curieux(se)", "charmant(e)", "ami(e)s"])
def test_word_endings_are_not_credits(word):
    candidates = scan_line(f"Il est {word} et sociable.")
    assert candidates and not any(c.is_credit for c in candidates)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("aux CM ! (Christophe) Être Community Manager", "Christophe"),
        ("on dirait la vraie ..vie...(Pierre) Je connais", "Pierre"),
        ("d'un brin d'humour. (Jean-François) Les community", "Jean-François"),
        ("le sauvera (Alexandra le D) Le Community", "Alexandra le D"),
    ],
)
def test_tricky_credits(line, name):
    found = credits_in(line)
    assert [c.name for c in found] == [name]


def test_mid_sentence_name_is_flagged_for_review():
    (cand,) = credits_in("Il habite très (Paris) bien loin.")
    assert cand.needs_review


def test_rejected_parentheses_are_reported(imported):
    raws = {r.raw for r in imported.report.rejected}
    assert {"(ou madame)", "(car oui c'était une femme)", "(1)", "(2)", "(e)"} <= raws
