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


def test_name_quoted_mid_sentence_is_not_a_credit():
    """A credit closes a contribution; a name the sentence runs on after is quoted."""
    (cand,) = scan_line("Il habite très (Paris) bien loin.")
    assert not cand.is_credit and "fil de la phrase" in cand.reason
    (cand,) = scan_line("Sa présidente (Marie Lefèvre), élue en mai, a parlé.")
    assert not cand.is_credit


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Fabienne Rochas (DG de la Métropole) assure que tout va bien.", "fonction"),
        ("le gestionnaire du réseau (SNCF Réseau). Il", "sigle suivi"),
        ("Le Comité national olympique (CNO) a lancé une campagne.", "sigle défini"),
        ("la Société nationale des chemins de fer français (SNCF). Elle", "sigle défini"),
        ("Leur association (ACRM). Elle a déposé un recours.", "sigle accolé"),
        ("Son président (Directeur général) parle.", "fonction"),
        ("Jean Martin (Directeur). Il parle.", "fonction"),
        ("raconte Claire Lemoine (gérante). Les clients", "fonction"),
        ("a dit Paul (Maire de Lyon). Ensuite", "fonction"),
        ("la recherche (Institut Pasteur). Ensuite", "organisation"),
        ("tout le monde (presque). Ensuite", "minuscules accolé"),
    ],
)
def test_jobs_organisations_and_acronyms_are_not_credits(line, reason):
    (cand,) = scan_line(line)
    assert not cand.is_credit
    assert reason in cand.reason


def test_a_pseudonym_in_capitals_after_a_sentence_is_still_a_credit():
    (cand,) = scan_line("Bonne fête à tous les CM ! (FHX) le community manager")
    assert cand.is_credit and cand.name == "FHX"


def test_rejected_parentheses_are_reported(imported):
    raws = {r.raw for r in imported.report.rejected}
    assert {"(ou madame)", "(car oui c'était une femme)", "(1)", "(2)", "(e)"} <= raws
