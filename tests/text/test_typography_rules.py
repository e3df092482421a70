"""Each French rule with examples and exceptions; records; options; properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_studio.sources import load_source
from layout_studio.text.typography import FrenchOptions, apply_to_text, apply_typography
from layout_studio.text.typography.fr import NBSP, NNBSP

RULE_EXAMPLES = [
    # (input, expected)
    ("Vraiment ?", f"Vraiment{NNBSP}?"),
    ("Vraiment !", f"Vraiment{NNBSP}!"),
    ("d'abord ; ensuite", f"d’abord{NNBSP}; ensuite"),
    ("ceci : cela", f"ceci{NBSP}: cela"),
    ('Il a dit "oui".', f"Il a dit «{NBSP}oui{NBSP}»."),
    ("« Déjà » !", f"«{NBSP}Déjà{NBSP}»{NNBSP}!"),
    ('Il cria "elle a dit "non" hier".', f"Il cria «{NBSP}elle a dit “non” hier{NBSP}»."),
    ("aujourd'hui", "aujourd’hui"),
    ("Et alors...", "Et alors…"),
    ("Et alors...quoi", "Et alors… quoi"),
    ("temps.Il", "temps. Il"),
    ("Manager,c'est", "Manager, c’est"),
    ("mot , autre", "mot, autre"),
    ("fin . Début", "fin. Début"),
    ("un coeur et une oeuvre", "un cœur et une œuvre"),
    ("Oeuvre et OEUVRE", "Œuvre et ŒUVRE"),
    ("chef-d'oeuvre", "chef-d’œuvre"),
    ("le 1ère fois", "le 1re fois"),
    ("le 3ème", "le 3e"),
    ("M. Martin et Mme Durand", f"M.{NBSP}Martin et Mme{NBSP}Durand"),
    ("p. 12", f"p.{NBSP}12"),
    ("10000 habitants", f"10{NNBSP}000 habitants"),
    ("1 000 000 euros", f"1{NNBSP}000{NNBSP}000 euros"),
    ("50€", f"50{NBSP}€"),
    ("20 %", f"20{NBSP}%"),
]

EXCEPTIONS = [
    "http://owl.li/hgast",
    "Voir https://exemple.fr/a?b=c;d",
    "à 10:55 précises",
    "le web 2.0 et la version 2.0.13",
    "#CMAD et @eric",
    "Bonjour :-)",
    "Salut ;)",
    "Content :)",
    "le coefficient de la moelle",
    "coexister à Noël",
    "depuis 2008",
    "75001 Paris",
    "une idée (?) curieuse",
    "écrire à eric@example.fr",
    "CM1 et CM2",
    "ISBN 978-2-07-036822-8",  # an ISBN keeps its digits together
    "réf. 12-34567-890",
]


@pytest.mark.parametrize(("source", "expected"), RULE_EXAMPLES)
def test_rule_examples(source, expected):
    assert apply_to_text(source) == expected
    assert apply_to_text(expected) == expected


@pytest.mark.parametrize("source", EXCEPTIONS)
def test_exceptions_are_left_as_typed(source):
    assert apply_to_text(source) == source


def test_unbalanced_quote_is_reported_not_guessed():
    from layout_studio.sources import parse_markdown_text

    doc = parse_markdown_text('---\ntitle: T\n---\n\nIl dit "bonjour et part.\n')
    result = apply_typography(doc)
    assert '"bonjour' in result.document.paragraphs()[0].plain_text
    assert [w.warning.rule for w in result.warnings] == ["quotes"]


def test_space_choice_is_configurable():
    opts = FrenchOptions(space_before={";": "nbsp", "!": "nbsp", "?": "none", ":": "nbsp"})
    assert apply_to_text("Quoi ? Oui !", opts) == f"Quoi? Oui{NBSP}!"


def test_rules_can_be_switched_off():
    opts = FrenchOptions(disabled=frozenset({"oe", "quotes"}))
    assert apply_to_text('un "coeur"', opts) == 'un "coeur"'
    with pytest.raises(ValueError):
        FrenchOptions(disabled=frozenset({"nope"})) and apply_to_text(
            "x", FrenchOptions(disabled=frozenset({"nope"}))
        )


def test_every_correction_is_recorded_on_the_story(source_path):
    result = apply_typography(load_source(source_path).document)
    by_rule = result.by_rule()
    assert {"apostrophe", "quotes", "ellipsis", "punctuation-space", "oe", "missing-space"} <= set(
        by_rule
    )
    for group in by_rule.values():
        for item in group:
            assert (
                item.correction.before != item.correction.after
                or item.correction.after.startswith("^")
            )
            assert item.line is not None
    # The source stays as typed: the model given to the rules is unchanged.
    doc = load_source(source_path).document
    assert "'" in doc.paragraphs()[1].plain_text


def test_story_typography_is_idempotent_and_credits_untouched(source_path):
    doc = load_source(source_path).document
    once = apply_typography(doc).document
    twice = apply_typography(once)
    assert twice.document == once
    assert not twice.corrections
    assert [c.credit for c in once.contributions()] == [c.credit for c in doc.contributions()]


def _fold(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE")
    return re.sub(r"(?<=\d)(ères|ère|ere|èmes|ème|eme|è)", "e", text)


french_text = st.lists(
    st.sampled_from(
        list("abcdeéèàôœOoEeMm0123456789 .,;:!?'\"«»()-…#@/")
        + ["\u00a0", "\u202f", ":-)", ";)", "http://a.fr", "10:55", "2.0", "coeur", "2ème", "M. "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=2000)
@given(french_text)
def test_typography_is_idempotent(text):
    once = apply_to_text(text)
    assert apply_to_text(once) == once


@settings(max_examples=300, deadline=2000)
@given(french_text)
def test_no_letter_is_lost(text):
    out = apply_to_text(text)
    letters = lambda s: [c for c in _fold(s) if c.isalnum()]  # noqa: E731
    assert letters(out) == letters(text)


def test_glued_lowercase_period_is_reported_not_changed():
    from layout_studio.sources import parse_markdown_text

    doc = parse_markdown_text(
        "---\ntitle: T\n---\n\nle respect des autres.il est simple, voir http://owl.li/x\n"
    )
    result = apply_typography(doc)
    assert "autres.il" in result.document.paragraphs()[0].plain_text
    assert [w.warning.message for w in result.warnings] == [
        "point collé à un mot en minuscules : espace oubliée ?"
    ]


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("55000m", "55\u202f000\u00a0m"),  # found by Hypothesis: grouped on a second pass only
        ("10:55000m", "10:55\u202f000\u00a0m"),
        ("12500km", "12\u202f500\u00a0km"),
        ("55000 €", "55\u202f000\u00a0€"),
    ],
)
def test_a_long_number_glued_to_its_unit_is_grouped_in_the_same_pass(typed, wanted):
    assert apply_to_text(typed) == wanted
    assert apply_to_text(wanted) == wanted


@pytest.mark.parametrize("typed", ["12345abc", "MP35000m", "F50000x"])
def test_a_long_number_glued_to_letters_that_are_no_unit_is_left(typed):
    assert apply_to_text(typed) == typed


# Characters the protected patterns turn on, with letters, digits and spaces around them.
_PROTECT_ALPHABET = "ab1.:;=8-'^o)(][|/\\*3DPpOo<xX@#w htps\u00a0é"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_PROTECT_ALPHABET, max_size=40))
def test_protected_regions_match_the_whole_pattern(text):
    """Searching with only the alternatives a text may hold finds what the whole pattern finds."""
    from layout_studio.text.typography.fr import _PROTECT, protected_regions

    expected = [(m.start(), m.end()) for m in _PROTECT.finditer(text)]
    assert protected_regions(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="oOeEœaçİΣ -’", max_size=30).map(lambda t: t + " cœur coeur OEUVRE"))
def test_the_oe_rule_looks_at_words_only_where_the_text_has_oe(text: str) -> None:
    """Its shortcut (no "oe" in the lowered text: no edit) gives the edits of every word's test."""
    from layout_studio.text.typography import fr
    from layout_studio.text.typography.engine import RuleContext

    expected = [
        edit
        for m in fr._WORD.finditer(text)
        if "oe" in m.group(0).lower()
        and (
            m.group(0).lower() in fr._OE_WORDS
            or any(m.group(0).lower().startswith(p) for p in fr._OE_PREFIXES)
        )
        for edit in fr._ligature_edits(m.group(0), m.start())
    ]
    assert fr._oe(RuleContext(text=text, protected=[], superscript=[])) == expected
    short = text.removesuffix(" cœur coeur OEUVRE")
    assert fr._oe(RuleContext(text=short, protected=[], superscript=[])) == [
        e for e in expected if e.end <= len(short)
    ]
