"""French hyphenation: patterns from pyphen's file, PyHyphen engine, rules and cache."""

from __future__ import annotations

import pytest

from layout_studio.text.hyphenate import FrenchHyphenator, dictionary_path, may_hyphenate


@pytest.fixture(scope="module", params=["libhyphen", "pyphen"])
def hyph(request):
    return FrenchHyphenator(backend=request.param)


def test_patterns_come_from_an_installed_file():
    path = dictionary_path()
    assert path.name == "hyph_fr.dic" and path.stat().st_size > 1000


def test_default_backend_is_pyhyphen():
    assert FrenchHyphenator().backend_name == "libhyphen"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("l’extraordinaire", "l’ex-tra-or-di-naire"),
        ("l'extraordinaire", "l'ex-tra-or-di-naire"),
        ("anticonstitutionnellement", "an-ti-cons-ti-tu-tion-nel-le-ment"),
        ("réseautage", "ré-seau-tage"),
        ("communautaires", "com-mu-nau-taires"),
    ],
)
def test_french_words(hyph, word, expected):
    assert hyph.hyphenated(word) == expected


@pytest.mark.parametrize(
    "word",
    ["Cécile", "Jean-François", "HUMOUR", "CM2", "2008", "http://owl.li/hgast", "eric@exemple.fr"],
)
def test_never_hyphenated(hyph, word):
    assert hyph.positions(word) == ()


def test_compounds_break_only_at_their_hyphen(hyph):
    assert hyph.positions("après-midi") == (6,)
    assert hyph.hyphenated("après-midi") == "après-midi"


def test_minimum_lengths_are_configurable():
    default = FrenchHyphenator()
    assert all(
        p >= 2 and len("extraordinaire") - p >= 3 for p in default.positions("extraordinaire")
    )
    wide = FrenchHyphenator(left=4, right=4)
    assert wide.hyphenated("extraordinaire") == "extra-or-di-naire" or all(
        p >= 4 and len("extraordinaire") - p >= 4 for p in wide.positions("extraordinaire")
    )
    assert wide.positions("extraordinaire") != default.positions("extraordinaire")
    with pytest.raises(ValueError):
        FrenchHyphenator(left=0)


def test_words_are_hyphenated_once(hyph):
    h = FrenchHyphenator(backend=hyph.backend_name)
    for _ in range(3):
        h.positions("caméléons")
    info = h.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_both_backends_agree_on_the_story(imported):
    import re

    words = set()
    for para in imported.document.paragraphs():
        words.update(re.findall(r"[a-zà-ÿœ’']+", para.plain_text))
    lib, py = FrenchHyphenator(backend="libhyphen"), FrenchHyphenator(backend="pyphen")
    differ = [w for w in sorted(words) if lib.positions(w) != py.positions(w)]
    assert len(words) > 500
    assert len(differ) <= len(words) // 100, differ[:20]


def test_may_hyphenate():
    assert may_hyphenate("jardinier")
    assert not may_hyphenate("Paris")
    assert not may_hyphenate("CMAD")
    assert not may_hyphenate("2.0")
