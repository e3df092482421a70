"""French spell-checking: the story's real typos are found, ordinary French is not flagged."""

from __future__ import annotations

import pytest

from layout_studio.text.spelling import FrenchSpeller, check_lines
from tests.conftest import STORY_MD, run_cli


@pytest.fixture(scope="module")
def speller():
    return FrenchSpeller()


def words(speller, text):
    return [m.word for m in speller.check(text)]


def test_the_typos_of_the_story_are_found(speller):
    text = STORY_MD.read_text(encoding="utf-8")
    found = {m.word for _line, m in check_lines(speller, text.splitlines())}
    assert {"s’empreigne", "apparâitre", "rédactionn", "désident", "béta"} <= found


def test_ordinary_french_is_not_flagged(speller):
    """A held-out passage written for this test, not taken from the story."""
    text = (
        "Le lendemain, l’équipe s’est réunie dans la salle du conseil : chacun a lu son "
        "chapitre à voix haute, puis on a voté. Qu’aurait-on pu faire d’autre ? Les œuvres "
        "complètes du poète, reliées en cuir, attendaient sur l’étagère ; elle les connait "
        "par cœur, dit-elle, et c’est là-haut qu’elle range ses souvenirs d’enfance."
    )
    assert words(speller, text) == []


def test_names_markup_urls_and_tags_are_never_flagged(speller):
    text = (
        "Ikram et Zoubida écrivent sur https://exemple.fr/pagexyz avec #CMADxyz et @ericxyz "
        "[Qwertzu]{.credit} un texte[^1] {.front .candidate} contact@exemple.fr 12kgz"
    )
    assert words(speller, text) == []


def test_suggestions_put_the_accents_right(speller):
    assert "apparaître" in speller.suggestions("apparâitre")
    assert "rédaction" in speller.suggestions("rédactionn")
    assert speller.suggestions("s’empreigne")[0].startswith("s’")


def test_personal_dictionary_is_kept(tmp_path):
    path = tmp_path / "dico" / "perso.txt"
    first = FrenchSpeller(path)
    assert words(first, "un réseautage efficace") == ["réseautage"]
    first.add("réseautage")
    assert words(first, "un réseautage efficace") == []
    assert words(FrenchSpeller(path), "un réseautage efficace") == []
    again = FrenchSpeller(tmp_path / "autre.txt")
    again.ignore("réseautage")
    assert words(again, "un réseautage efficace") == []


def test_front_matter_is_not_checked(speller):
    lines = ["---", "title: Xyzzyq plugh", "---", "", "Un texte plughh."]
    assert [(line, m.word) for line, m in check_lines(speller, lines)] == [(5, "plughh")]


def test_a_long_hostile_line_is_checked_in_linear_time(speller):
    """100,000 characters of one letter or of hyphens end (no regex backtracking)."""
    for text in ("a" * 100_000, "a-" * 50_000, "’a" * 50_000, "[" * 50_000 + "]{.credit"):
        speller.check(text)


def test_inspect_spelling_on_the_command_line():
    result = run_cli("inspect", str(STORY_MD), "--spelling", "--json")
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    by_word = {item["word"]: item for item in data["spelling"]}
    assert "apparaître" in by_word["apparâitre"]["suggestions"]
    line = STORY_MD.read_text(encoding="utf-8").splitlines()[by_word["apparâitre"]["line"] - 1]
    column = by_word["apparâitre"]["column"] - 1
    assert line[column : column + len("apparâitre")] == "apparâitre"
