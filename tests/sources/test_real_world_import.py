"""Ordinary French blog articles are imported whole: every word reaches the book, no false credit.

The articles in ``tests/fixtures/articles`` were written for these tests, in
the style of pages copied from news sites and blogs: a title line, acronyms
and job titles in parentheses, hard-wrapped lines, share buttons and cookie
banners. Hold-out habit: the rules (``sources/residue.py``,
``sources/paragraphs.py``, ``sources/titles.py``, the job, organisation and
acronym rules of ``sources/credits.py``) were tuned on the three
``tuning-*`` articles only. The three ``holdout-*`` articles were written
afterwards and checked once with the rules frozen: every word reached the
PDF and there was no false credit (none of 15 parentheses), but 2 of 3 titles,
0 of 3 paragraph counts and 1 of 3 residue lists were right (weak widget
words such as "E-mail" or "Newsletter" on their own lines, "Articles
similaires", a title set right above hard-wrapped text, a dialogue line).
The rules were then fixed for those cases, and three more articles
(``holdout-7`` to ``holdout-9``: a recipe blog, a town-hall notice with a
list and a breadcrumb, an interview in dialogue) were written and checked
once with the rules frozen again: every word reached the PDF, no false
credit (0 of 8 parentheses, a brand "(Thermomix)." caught by the whole-text
rule), 2 of 3 titles, 1 of 3 residue lists, 0 of 3 paragraph counts (Pinterest's
"Épingler", "Imprimer la recette", a breadcrumb taken for the title, the
dash rule added for holdout-6 splitting an interview answer). Those were
fixed in turn (the dash rule was dropped); all nine are now tuning texts,
and the next hold-out must be new articles. Holdout-6's one-line reply
("— On ne lâchera rien, promet la capitaine…") was then told from holdout-9's
answer that goes on by its closing incise (see ``WHOLE_REPLIES``).

The ground truth below (title, number of paragraphs, residue lines, true
credits) is what the articles were written to hold, not what the importer
gives.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout_studio.export.job import run_export
from layout_studio.model import Paragraph
from layout_studio.sources import load_source
from layout_studio.sources.titles import first_sentence_title

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


# title, body paragraphs, residue lines planted in the page, true credits
TRUTH: dict[str, tuple[str, int, set[str], list[str]]] = {
    "tuning-1-velo-lyon.txt": (
        "Le vélo gagne du terrain à Lyon",
        7,
        {
            "Partager",
            "Facebook Twitter",
            "Tweet",
            "background preloader",
            "Lire la suite",
            "J'aime",
            "Partager sur Facebook",
        },
        [],
    ),
    "tuning-2-athletisme.txt": (
        "Athlétisme : les clubs amateurs à la peine",
        6,
        {
            "Ce site utilise des cookies pour améliorer votre expérience de navigation. "
            "En poursuivant, vous acceptez leur utilisation. OK",
            "Lire aussi : Le stade Pierre-Bolle enfin rénové",
            "J’aime",
            "Chargement…",
        },
        [],
    ),
    "tuning-3-boulangerie.txt": (
        "Une boulangerie de quartier fête ses cent ans",
        5,
        {"Partager cet article", "Facebook Twitter LinkedIn"},
        [],
    ),
    "holdout-4-musee.txt": (
        "Le musée de Rouen rouvre sa galerie des peintres normands",
        6,
        {
            "Partager :",
            "Twitter",
            "Facebook",
            "E-mail",
            "Imprimer",
            "J'aime chargement…",
            "Articles similaires",
        },
        [],
    ),
    "holdout-5-cloud.txt": (
        "Pourquoi les PME se tournent vers le cloud ?",
        5,
        {
            "Nous utilisons des cookies pour mesurer l'audience et personnaliser les contenus. "
            "Accepter Refuser Paramétrer",
            "Tweet",
            "Partager sur LinkedIn",
            "Lire la suite",
            "Newsletter",
            "Recevez chaque semaine l'essentiel de l'actualité des entreprises.",
            "S'abonner",
        },
        [],
    ),
    "holdout-6-football.txt": (
        "Football féminin : Quevilly rêve de la deuxième division",
        7,
        {"Partager", "Facebook Twitter WhatsApp"},
        [],
    ),
    "holdout-7-tarte.txt": (
        "La tarte aux pommes de ma grand-mère",
        5,
        {
            "Épingler",
            "Imprimer la recette",
            "Partager la publication",
            "Pinterest",
            "Facebook",
            "Commentaires",
            "Laisser un commentaire",
        },
        [],
    ),
    "holdout-8-ccas.txt": (
        "Un nouveau service de portage de repas pour les aînés",
        9,
        {
            "Accueil › Actualités › Solidarité",
            "Partager sur Facebook",
            "Partager sur X",
            "Imprimer",
            "Haut de page",
        },
        [],
    ),
    "holdout-9-entretien.txt": (
        "« Le théâtre amateur tient nos villages debout »",
        8,
        {"J’aime", "Tweet"},
        [],
    ),
}


def _words(text: str) -> Counter[str]:
    """Words, case-folded, hyphens and line-end hyphenation removed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"\s*[-\u2010\u2011]\s*\n\s*", "", text)  # "Ro\n-\nchas", "Ro-\nchas"
    text = re.sub(r"[-\u2010\u2011]", "", text)
    text = text.translate(str.maketrans("’'\u02bc", "   ")).casefold()
    return Counter(re.findall(r"\w+", text))


@pytest.fixture(scope="module", params=sorted(TRUTH))
def article(request, tmp_path_factory):
    path = ARTICLES / request.param
    result = load_source(path)
    pdf = tmp_path_factory.mktemp("articles") / "article.pdf"
    run_export(path, pdf=pdf)
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    return request.param, path.read_text(encoding="utf-8"), result, pdf_text


def test_every_word_of_the_body_reaches_the_pdf(article):
    name, source, result, pdf_text = article
    left_out = {
        i for item in result.report.left_out for i in range(item.first_line, item.last_line + 1)
    }
    body = "\n".join(ln for n, ln in enumerate(source.split("\n"), 1) if n not in left_out)
    missing = _words(body) - _words(pdf_text)
    assert not missing, f"{name} : mots absents du PDF : {dict(missing)}"


def test_no_false_credit(article):
    name, _source, result, _pdf = article
    expected = TRUTH[name][3]
    assert [c.credit.name for c in result.document.contributions()] == expected
    assert [r.name for r in result.report.credits] == expected
    assert not [s for s in result.document.sections if s.candidate], "du texte serait écarté"


def test_title_comes_from_the_title_line(article):
    name, _source, result, _pdf = article
    assert result.document.metadata.title == TRUTH[name][0]


def test_hard_wrapped_lines_are_joined_into_paragraphs(article):
    name, _source, result, _pdf = article
    paragraphs = result.document.paragraphs()
    assert len(paragraphs) == TRUTH[name][1]
    assert all(isinstance(p, Paragraph) for p in paragraphs)


# A page of narrative hard-wrapped at 70 characters around the lines under test.
NARRATIVE = textwrap.fill(
    "Le club a fini la saison en tête du championnat régional, devant des tribunes "
    "pleines chaque dimanche. Les dirigeantes préparent déjà la suite avec prudence, "
    "car le budget reste serré et les déplacements coûteront plus cher l'an prochain.",
    70,
)
AFTER = textwrap.fill(
    "Prochain match samedi à quinze heures, à domicile, contre une équipe qui n'a "
    "pas encore perdu cette saison et compte bien rester invaincue.",
    70,
)

# A one-line reply closed by its incise (reply, comma, verb of saying) is whole:
# the line after it opens a new paragraph even if its first word would not have fitted.
WHOLE_REPLIES = [
    "— On ne lâchera rien, promet la capitaine en quittant la pelouse du stade.",
    "— Nous reviendrons plus forts, assure l'entraîneuse devant les journalistes.",
    "— C'est le plus beau jour de ma carrière de joueuse, sourit-elle, émue.",
    "— Il faudra gagner les quatre derniers matchs, explique-t-il aux supporters.",
]
# Left joined to the next line: no incise, an incise not closing the line, no dash.
REPLIES_GOING_ON = [
    "— Par hasard. Un soir de fête du village, il manquait un spectacle au bal.",
    "— Oui, dit-il. Il prit son manteau, ouvrit la porte et sortit sans un mot.",
    "Le budget augmente, explique la trésorière dans un communiqué très détaillé.",
    "— Un boulanger, une infirmière, deux retraités de la SNCF et des lycéens.",
]


def _paragraphs(line: str) -> list[str]:
    from layout_studio.sources.paragraphs import split_paragraphs

    paras, _residue, wrapped = split_paragraphs(f"{NARRATIVE}\n{line}\n{AFTER}\n")
    assert wrapped
    return [p.text for p in paras]


@pytest.mark.parametrize("line", WHOLE_REPLIES)
def test_a_one_line_reply_closed_by_its_incise_ends_its_paragraph(line):
    assert len(line) + 1 + len("Prochain") > 70  # the next word would not have fitted
    paras = _paragraphs(line)
    assert paras[1] == line
    assert paras[2].startswith("Prochain match")


@pytest.mark.parametrize("line", REPLIES_GOING_ON)
def test_other_sentence_ending_lines_go_on(line):
    assert len(line) + 1 + len("Prochain") > 70
    paras = _paragraphs(line)
    assert any(p.startswith(line + " Prochain match") for p in paras), paras


def test_web_residue_is_set_aside_and_listed(article):
    name, _source, result, pdf_text = article
    residue = [i for i in result.report.left_out if i.kind == "web-residue"]
    listed = {line for item in residue for line in item.text.split("\n")}
    assert listed == TRUTH[name][2]
    book = " ".join(p.plain_text for p in result.document.paragraphs())
    for word in ("Facebook", "Partager", "preloader", "Chargement", "cookies"):
        assert word not in book
        assert word not in pdf_text


def test_compound_word_hyphenated_at_a_line_end_is_glued():
    result = load_source(ARTICLES / "holdout-6-football.txt")
    text = " ".join(p.plain_text for p in result.document.paragraphs())
    assert "district de Seine-Maritime organise" in text


def test_title_is_never_cut_at_an_abbreviation():
    assert (
        first_sentence_title("Le matin du 12 mars, M. Martin partit. Il pleuvait.")
        == "Le matin du 12 mars, M. Martin partit"
    )
    assert first_sentence_title("Mme. Durand et J.-P. Roux ont vu le web 2.0 naître. Puis") == (
        "Mme. Durand et J.-P. Roux ont vu le web 2.0"
    )
    assert first_sentence_title("Il était une fois un CM...qui vivait là.") == (
        "Il était une fois un CM"
    )


def test_page_without_title_line_guesses_past_abbreviations(tmp_path):
    src = tmp_path / "sans-titre.txt"
    src.write_text(
        "Le matin du 12 mars, M. Martin est parti. Il pleuvait sur Lyon.\n"
        "Le soir, il est rentré en tramway avec ses collègues du service.\n",
        encoding="utf-8",
    )
    result = load_source(src)
    assert result.document.metadata.title == "Le matin du 12 mars, M. Martin est parti"
    assert result.report.title_guessed


def test_a_signature_closing_an_article_is_its_only_credit(tmp_path):
    src = tmp_path / "signe.txt"
    src.write_text(
        "Un potager sur le toit\n\n"
        "La mairie a installé des bacs sur le toit de l'école.\n\n"
        "Les enfants y sèment des radis chaque printemps. (Louise Martin)\n",
        encoding="utf-8",
    )
    doc = load_source(src).document
    (contribution,) = doc.contributions()
    assert contribution.credit.name == "Louise Martin"
    assert len(contribution.blocks) == 2  # the whole text, not only its last paragraph


def test_a_lone_name_inside_an_article_is_quoted_not_a_credit(tmp_path):
    src = tmp_path / "cite.txt"
    src.write_text(
        "Un potager sur le toit\n\n"
        "La mairie a installé des bacs. L'idée vient de l'adjointe (Louise Martin).\n\n"
        "Les enfants y sèment des radis chaque printemps.\n",
        encoding="utf-8",
    )
    result = load_source(src)
    assert result.document.contributions() == []
    assert [r.raw for r in result.report.rejected] == ["(Louise Martin)"]
    assert len(result.document.paragraphs()) == 2


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Partager", "partage"),
        ("Partager 34", "partage"),
        ("Facebook | Twitter | E-mail", "réseaux sociaux"),
        ("J’aime Chargement…", "réseaux sociaux"),
        ("Ce site utilise des cookies. En poursuivant, vous acceptez.", "cookies"),
        ("Accueil › Actualités › Sport", "navigation"),
        ("Lire aussi : La mairie rénove le stade", "lien"),
        ("Menu", None),
        ("E-mail", None),
        ("Des cookies au chocolat pour le goûter.", None),
        ("Partager un repas avec ses voisins, voilà le but.", None),
        ("Lire la suite du rapport prendra du temps.", None),
    ],
)
def test_residue_lines_are_recognised_and_text_is_not(line, kind):
    from layout_studio.sources.residue import residue_kind, spread_residue

    assert spread_residue([residue_kind(line)], [line]) == [kind]


def test_weak_widget_words_are_residue_only_next_to_residue():
    from layout_studio.sources.residue import residue_kind, spread_residue

    lines = ["Un texte.", "", "Menu", "Facebook", "E-mail", "Un autre texte qui suit.", "Menu"]
    kinds = spread_residue([residue_kind(ln) if ln else None for ln in lines], lines)
    assert kinds == [
        None,
        None,
        "réseaux sociaux",
        "réseaux sociaux",
        "réseaux sociaux",
        None,
        None,
    ]


def test_title_line_may_hold_an_acronym_in_parentheses(tmp_path):
    src = tmp_path / "greve.txt"
    src.write_text(
        "La grève (SNCF) continue ce week-end\n\n"
        "Les trains régionaux resteront à quai samedi et dimanche dans toute la région.\n",
        encoding="utf-8",
    )
    result = load_source(src)
    assert result.document.metadata.title == "La grève (SNCF) continue ce week-end"
    assert not result.report.title_guessed
    assert [p.plain_text for p in result.document.paragraphs()] == [
        "Les trains régionaux resteront à quai samedi et dimanche dans toute la région."
    ]


def test_short_lines_that_end_sentences_stay_paragraphs(tmp_path):
    """A page of one-sentence lines (no blank line) is not hard-wrapped: nothing is joined."""
    lines = [
        "Le rendez-vous est fixé à dix heures.",
        "Chacun apporte son pique-nique.",
        "Les enfants de moins de six ans entrent gratuitement.",
        "En cas de pluie, la fête aura lieu sous la halle.",
        "Renseignements à la mairie.",
    ]
    src = tmp_path / "annonce.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_source(src)
    assert [p.plain_text for p in result.document.paragraphs()] == lines
    assert not any("coupé à la main" in n for n in result.report.notes)
