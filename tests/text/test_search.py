"""Find and replace without Qt: plain and regular-expression queries, their bounds."""

from __future__ import annotations

import re
import time

import pytest

from layout_studio.text import search
from layout_studio.text.search import Query, SearchError, compile_query, replace_all

TEXT = "Le jardinier arrose. Un Jardinier taille ; les jardiniers rient.\nLe jardin dort."


def spans(query: Query, text: str = TEXT) -> list[tuple[int, int]]:
    return search.count_matches(compile_query(query), text).spans


def test_plain_text_is_never_a_pattern_and_options_narrow_it():
    assert spans(Query("jardinier")) == [m.span() for m in re.finditer("(?i)jardinier", TEXT)]
    assert len(spans(Query("jardinier", case=True))) == 2
    assert len(spans(Query("jardinier", words=True))) == 2  # not « jardiniers »
    assert len(spans(Query("jardinier", case=True, words=True))) == 1
    assert spans(Query("r.")) == []  # the dot is a dot: "r." never occurs in the text
    assert len(spans(Query("e.", regex=True))) > 0


def test_regular_expression_with_groups_in_the_replacement():
    query = Query(r"(?P<qui>\w+)ier(s?)\b", regex=True, replacement=r"\g<qui>-\2")
    text, n = replace_all(query, TEXT)
    assert n == 3
    assert "jardin- arrose" in text and "Jardin- taille" in text and "jardin-s rient" in text
    # Line anchors work per line, as in an editor.
    assert len(spans(Query(r"^Le", regex=True))) == 2


def test_next_and_previous_wrap_around():
    pattern = compile_query(Query("jardinier"))
    every = spans(Query("jardinier"))
    first, second, third = every
    assert search.find_next(pattern, TEXT, *first) == second
    assert search.find_next(pattern, TEXT, *third) == first  # wraps to the top
    assert search.find_previous(pattern, TEXT, second[0]) == first
    assert search.find_previous(pattern, TEXT, first[0]) == third  # wraps to the bottom
    nothing = compile_query(Query("absent"))
    assert search.find_next(nothing, TEXT, 0, 0) is None
    assert search.find_previous(nothing, TEXT, 0) is None


def test_empty_matches_do_not_stick():
    pattern = compile_query(Query(r"^", regex=True))
    first = search.find_next(pattern, TEXT, 0, 0)
    assert first == (TEXT.index("\n") + 1,) * 2  # the next line start, not where we are


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(", "parenthèse non fermée"),
        ("a)", "parenthèse fermante sans ouvrante"),
        ("*a", "rien à répéter"),
        ("[z-a]", "intervalle"),
        (r"(?:x{65535}){65535}", "répétitions trop grandes"),
        ("x" * (search.MAX_PATTERN + 1), "motif trop long"),
    ],
)
def test_bad_patterns_are_one_french_line(pattern, reason):
    with pytest.raises(SearchError) as caught:
        compile_query(Query(pattern, regex=True))
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_group_in_the_replacement_is_refused():
    with pytest.raises(SearchError, match="groupe inexistant"):
        replace_all(Query(r"(jardin)", regex=True, replacement=r"\3"), TEXT)


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(\w+\s?)*$", r"^(a|a?)+$"])
def test_catastrophic_patterns_stop_within_the_time_limit(pattern):
    text = "a" * 50_000 + "!"
    query = Query(pattern, regex=True, replacement="x")
    started = time.process_time()
    counted = search.count_matches(compile_query(query), text)
    assert not counted.complete
    with pytest.raises(SearchError, match="recherche arrêtée"):
        replace_all(query, text)
    with pytest.raises(SearchError, match="recherche arrêtée"):
        search.find_previous(compile_query(query), text, len(text))
    # Three searches of 0.5 s of matching each. In CPU time: a loaded machine stretches the
    # wall clock, not the work; a search that did not stop would run for hours.
    assert time.process_time() - started < 10 * search.TIME_LIMIT


def test_counting_stops_at_the_cap_and_replace_all_is_bounded(monkeypatch):
    text = "e " * (search.MAX_COUNT + 5)
    counted = search.count_matches(compile_query(Query("e")), text)
    assert not counted.complete and len(counted.spans) == search.MAX_COUNT
    monkeypatch.setattr(search, "MAX_RESULT", 1000)
    with pytest.raises(SearchError, match="rien n’a été remplacé"):
        replace_all(Query("e", replacement="x" * 100), text)
