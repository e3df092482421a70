"""The Imprimerie nationale rules: examples, counter-examples, switches, records, time."""

from __future__ import annotations

import time

import pytest

from layout_studio.layout.typeset import incipit
from layout_studio.model import Contribution, Credit, Mark, Paragraph, Text
from layout_studio.sources import parse_markdown_text
from layout_studio.text.typography import FrenchOptions, apply_to_text, apply_typography
from layout_studio.text.typography.engine import RuleContext
from layout_studio.text.typography.fr import NBSP, NNBSP
from layout_studio.text.typography.imprimerie import IMPRIMERIE_LABELS, imprimerie_rules

# (rule, typed, expected) — each rule's French examples.
EXAMPLES = [
    ("units", "Il mesure 1,80 m.", f"Il mesure 1,80{NBSP}m."),
    ("units", "72,5 kg et 200g de farine", f"72,5{NBSP}kg et 200{NBSP}g de farine"),
    ("units", "1/2 m puis 10-20 m/s", f"1/2{NBSP}m puis 10–20{NBSP}m/s"),
    ("units", "3 m² à 20°C", f"3{NBSP}m² à 20{NBSP}°C"),
    ("units", "2 mn de marche", f"2{NBSP}mn de marche"),
    ("units", "un disque de 2 To", f"un disque de 2{NBSP}To"),
    ("closing-space", "« Bonjour »,dit-il.", f"«{NBSP}Bonjour{NBSP}», dit-il."),
    ("closing-space", "(voir plus haut),puis", "(voir plus haut), puis"),
    ("closing-space", "« Oui ».Il part.", f"«{NBSP}Oui{NBSP}». Il part."),
    ("closing-space", "(note).Puis", "(note). Puis"),
    ("dashes", "le boulot de jardinier - CM", f"le boulot de jardinier –{NBSP}CM"),
    ("dashes", "mon ami - un vrai - est venu.", f"mon ami –{NBSP}un vrai{NBSP}– est venu."),
    ("dashes", "un ami -- un vrai -- vint.", f"un ami –{NBSP}un vrai{NBSP}– vint."),
    ("dashes", "- Bonjour, dit-il.", f"—{NBSP}Bonjour, dit-il."),
    ("dashes", "-Bonjour, dit-il.", f"—{NBSP}Bonjour, dit-il."),
    ("dashes", "— Et le public ?", f"—{NBSP}Et le public{NNBSP}?"),
    ("dashes", "la guerre de 1914-1918", "la guerre de 1914–1918"),
    ("dashes", "voir p. 12-15 et 1939-45", f"voir p.{NBSP}12–15 et 1939–45"),
    ("numero", "le n° 5 et le No 12", f"le nº{NBSP}5 et le Nº{NBSP}12"),
    ("numero", "N°3", f"Nº{NBSP}3"),
    ("etc", "pommes, poires, etc...", "pommes, poires, etc."),
    ("etc", "poires, etc.… et pommes", "poires, etc. et pommes"),
    ("etc", "poires, etc, pommes", "poires, etc., pommes"),
    ("tied-abbreviations", "cf. la note", f"cf.{NBSP}la note"),
    ("tied-abbreviations", "c-à-d le reste", f"c.-à-d.{NBSP}le reste"),
    ("tied-abbreviations", "p. ex. ceci", f"p.{NBSP}ex. ceci"),
    ("centuries", "au XXIème siècle", f"au XXIe{NBSP}siècle"),
    ("centuries", "le XIXe siècle", f"le XIXe{NBSP}siècle"),
    ("capital-accents", "UN ESPRIT FEDERATEUR", "UN ESPRIT FÉDÉRATEUR"),
    ("capital-accents", "Etat et Ecole", "État et École"),
    ("capital-accents", "l'Etat", "l’État"),
    ("capital-accents", "Ca va ?", f"Ça va{NNBSP}?"),
]

# (rule, text that must stay as typed by this rule)
COUNTER_EXAMPLES = [
    ("units", "Il m’a dit 3 m’a"),
    ("units", "a 1 l"),  # litre or a letter: left
    ("units", "format A4 m"),
    ("units", "10 s plus tard"),
    ("units", "20\u202f°C"),  # a space the user chose is kept
    ("closing-space", "« Bonjour », dit-il."),
    ("closing-space", "f(x).y"),
    ("dashes", "5 - 3 = 2"),
    ("dashes", "tél. 06-12-34-56-78"),
    ("dashes", "le 2013-01-28"),
    ("dashes", "ISBN 978-2-07-036822-8"),
    ("dashes", "la Covid-19 et un week-end"),
    ("dashes", "score 3-1"),
    ("dashes", "-5 °C ce matin"),
    ("dashes", "- un justificatif de domicile"),  # a list item, not dialogue
    ("numero", "le n° de série"),
    ("numero", "non, pas le no man’s land"),
    ("etc", "et cætera, etc."),
    ("etc", "etcetera"),
    ("tied-abbreviations", "le cf"),
    ("centuries", "Louis XIV et le 21e siècle"),
    ("centuries", "IXe VIIIer siècle"),
    ("capital-accents", "ELEVE"),  # élève or élevé: not guessed
    ("capital-accents", "le CA de la société"),  # an acronym
    ("capital-accents", "MARCHE"),  # marche or marché: not in the list
    ("capital-accents", "Eric"),  # names are never accented
]


def _visible(text: str) -> str:
    return text.replace(NBSP, "⍽").replace(NNBSP, "·")


@pytest.mark.parametrize(("rule", "typed", "expected"), EXAMPLES)
def test_example(rule, typed, expected):
    out = apply_to_text(typed)
    assert out == expected, _visible(out)
    assert apply_to_text(out) == out, "not idempotent"
    # Switched off, the rule leaves its part as typed.
    off = apply_to_text(typed, FrenchOptions(disabled=frozenset({rule})))
    assert off != out, f"{rule} did nothing: {_visible(off)}"


@pytest.mark.parametrize(("rule", "typed"), COUNTER_EXAMPLES)
def test_counter_example(rule, typed):
    with_rule = apply_to_text(typed)
    without = apply_to_text(typed, FrenchOptions(disabled=frozenset({rule})))
    assert with_rule == without, _visible(with_rule)


def test_superscripts_on_centuries_and_reigns():
    doc = parse_markdown_text("---\ntitle: T\n---\n\nAu XXIème siècle, François Ier régnait.\n")
    result = apply_typography(doc)
    para = result.document.sections[0].content[0]
    assert isinstance(para, Paragraph)
    sup = [s.text for s in para.spans if isinstance(s, Text) and Mark.SUPERSCRIPT in s.marks]
    assert sup == ["e", "er"]


def test_em_dash_option():
    out = apply_to_text("jardinier - CM", FrenchOptions(dash="em"))
    assert out == f"jardinier —{NBSP}CM"
    with pytest.raises(ValueError, match="tiret"):
        apply_to_text("x", FrenchOptions(dash="long"))


def test_corrections_are_recorded_with_rule_before_after():
    doc = parse_markdown_text(
        "---\ntitle: T\n---\n\n« Oui »,dit-il : 1,80 m, 1914-1918, n° 5, etc... cf. XXIème siècle\n"
    )
    result = apply_typography(doc)
    rules = {c.correction.rule: c.correction for c in result.corrections}
    for name in ("units", "closing-space", "dashes", "numero", "etc", "tied-abbreviations"):
        assert name in rules, name
    assert (rules["dashes"].before, rules["dashes"].after) == ("-", "–")
    assert (rules["etc"].before, rules["etc"].after) == ("etc…", "etc.")
    centuries = [(c.correction.before, c.correction.after) for c in result.corrections]
    assert ("ème", "^e") in centuries
    missing = set(IMPRIMERIE_LABELS) - set(result.by_rule())
    assert missing == {"capital-accents", "lang-en"}  # nothing for them in this text


def test_incipit_keeps_1er_whole():
    doc = parse_markdown_text("---\ntitle: T\n---\n\nLe 1er jour de la 2ème semaine.\n")
    para = apply_typography(doc).document.sections[0].content[0]
    assert isinstance(para, Paragraph)
    assert any(Mark.SUPERSCRIPT in s.marks for s in para.spans if isinstance(s, Text))
    contribution = Contribution(blocks=(para,), credit=Credit("Éric"))
    assert incipit(contribution).startswith("Le 1er jour de la 2e")


# Inputs built to make a backtracking pattern quadratic: long runs of the
# characters each family's patterns repeat, and of almost-matches.
ADVERSARIAL = {
    "units": ["1", "1 ", "1,", "1m", "1-", "9/", "1\u202f"],
    "closing-space": ["»", "»,", ")", ",", "»\u202f"],
    "dashes": [" ", " -", "- ", "1-", "1", "-", "a - b. "],
    "numero": ["n°", "no ", "N", "n°1"],
    "etc": ["etc", "etc.", ".", "etc "],
    "tied-abbreviations": ["c-à-d", "cf. ", "p. ", "c."],
    "centuries": ["I", "XXe ", "Aa ", "XIe siècle "],
    "capital-accents": ["A", "Ab", "É1", "Etat "],
}


@pytest.mark.parametrize("family", sorted(ADVERSARIAL))
@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_patterns_run_in_linear_time(family, size):
    (rule,) = [r for r in imprimerie_rules(NBSP, "en") if r.name == family]
    for chunk in ADVERSARIAL[family]:
        text = (chunk * (size // len(chunk) + 1))[:size]
        start = time.perf_counter()
        rule.apply(RuleContext(text=text, protected=[], superscript=[]))
        elapsed = time.perf_counter() - start
        # Quadratic work on a megabyte would take hours; linear takes well under this.
        assert elapsed < 20.0, f"{family} on {chunk!r} × {size}: {elapsed:.1f} s"


# --- passages in English ---------------------------------------------------------------

_EN_SOURCE = "---\ntitle: T\n---\n\nIl a dit : [« I'm too old... » Really ?]{lang=en} Vraiment ?\n"


def _first_paragraph(source: str, options: FrenchOptions | None = None) -> Paragraph:
    doc = apply_typography(parse_markdown_text(source), options).document
    para = doc.sections[0].content[0]
    assert isinstance(para, Paragraph)
    return para


def test_lang_en_span_gets_english_conventions():
    para = _first_paragraph(_EN_SOURCE)
    english = [s.text for s in para.spans if isinstance(s, Text) and Mark.LANG_EN in s.marks]
    assert english == ["“I’m too old…” Really?"]
    french = "".join(s.text for s in para.spans if isinstance(s, Text))
    assert french.startswith(f"Il a dit{NBSP}: ") and french.endswith(f"Vraiment{NNBSP}?")


def test_lang_en_is_recorded_and_switchable():
    result = apply_typography(parse_markdown_text(_EN_SOURCE))
    changes = [(c.correction.before, c.correction.after) for c in result.corrections]
    assert ("« ", "“") in changes and (" ", "") in changes
    assert "lang-en" in result.by_rule()
    # Switched off, the span is French text like the rest.
    para = _first_paragraph(_EN_SOURCE, FrenchOptions(disabled=frozenset({"lang-en"})))
    text = "".join(s.text for s in para.spans if isinstance(s, Text))
    assert f"Really{NNBSP}?" in text and "«" in text


def test_lang_en_round_trips_through_the_markdown_writer():
    from layout_studio.sources.writer import to_markdown

    doc = parse_markdown_text(_EN_SOURCE)
    again = parse_markdown_text(to_markdown(doc))
    assert again.sections[0].content == doc.sections[0].content


def test_french_offsets_after_an_english_span_point_at_the_source():
    result = apply_typography(parse_markdown_text(_EN_SOURCE))
    flat = "Il a dit : « I'm too old... » Really ? Vraiment ?"
    last = [c for c in result.corrections if c.correction.rule == "punctuation-space"][-1]
    assert flat[last.correction.offset :].startswith(" ?")
    assert flat[: last.correction.offset].endswith("Vraiment")


def test_importer_proposes_lang_en_and_never_applies_it(tmp_path):
    from layout_studio.sources import load_source

    page = tmp_path / "article.txt"
    page.write_text(
        "Le retour du champion\n\n"
        "Le vieux boxeur a souri avant de répondre, comme toujours, à sa manière.\n\n"
        "Il a lâché : « I'm too old for this, and you know it. » Puis il est parti.\n\n"
        "Notre Community Manager parle de brainstorming et de « soft skills » au bureau.\n\n"
        "La salle était pleine, les journalistes aussi, et personne n’a rien dit.\n",
        encoding="utf-8",
    )
    result = load_source(page)
    proposals = [n for n in result.report.notes if "{lang=en}" in n]
    assert len(proposals) == 1, proposals
    assert "I'm too old for this" in proposals[0] and "ligne 5" in proposals[0]
    paragraphs = [
        block
        for section in result.document.sections
        for block in section.content
        if isinstance(block, Paragraph)
    ]
    assert len(paragraphs) == 4
    assert not any(
        Mark.LANG_EN in s.marks for p in paragraphs for s in p.spans if isinstance(s, Text)
    )


def test_epub_marks_english_runs_and_leaves_them_unhyphenated():
    from layout_studio.export.epub.xhtml import Writer

    writer = Writer(soft_hyphens=lambda text: text.replace("o", "o\u00ad"))
    html = writer.text_run(Text("too old", frozenset({Mark.LANG_EN})))
    assert html == '<span lang="en" xml:lang="en">too old</span>'
    assert "\u00ad" in writer.text_run(Text("too old"))


def test_project_chooses_the_dash(tmp_path):
    from layout_studio.errors import InputError
    from layout_studio.export.job import _options

    options = _options({"dash": "em"}, tmp_path / "book.toml")
    assert apply_to_text("jardinier - CM", options) == f"jardinier —{NBSP}CM"
    with pytest.raises(InputError, match="tiret"):
        _options({"dash": "long"}, tmp_path / "book.toml")


def test_proposal_for_markdown_and_docx_sources_but_not_for_marked_spans(tmp_path):
    import docx

    from layout_studio.sources import load_source

    english = "Il a lâché : « I'm too old for this, and you know it. » Puis il est parti."
    md = tmp_path / "texte.md"
    md.write_text(
        f"---\ntitle: T\n---\n\n{english}\n\n"
        "Elle a dit : [« It's not over, and you know it. »]{lang=en} Et voilà.\n",
        encoding="utf-8",
    )
    notes = [n for n in load_source(md).report.notes if "{lang=en}" in n]
    assert len(notes) == 1 and "I'm too old" in notes[0]
    document = docx.Document()
    document.add_paragraph("Le vieux boxeur a souri avant de répondre, à sa manière.")
    document.add_paragraph(english)
    path = tmp_path / "texte.docx"
    document.save(str(path))
    notes = [n for n in load_source(path).report.notes if "{lang=en}" in n]
    assert len(notes) == 1 and "I'm too old" in notes[0]
