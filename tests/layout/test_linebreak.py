"""Knuth–Plass against the first-fit oracle on real text, with fixed-width words."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from layout_studio.layout.items import INFINITY, Box, Glue, Item, Penalty, paragraph_end
from layout_studio.layout.linebreak import BreakParams, first_fit, knuth_plass

SPACE = Glue(3.0, 1.5, 1.0)  # a word space of 3 units stretching 1.5, shrinking 1


def words_to_items(words: list[str], char: float = 1.0) -> list[Item]:
    items: list[Item] = []
    for i, w in enumerate(words):
        if i:
            items.append(SPACE)
        items.append(Box(len(w) * char, w))
    return items + paragraph_end()


def natural_width(items: list[Item], line) -> float:
    seg = items[line.start : line.end]
    w = sum(i.width for i in seg if isinstance(i, Box | Glue))
    while seg and isinstance(seg[-1], Glue):  # trailing glue is discarded at a break
        w -= seg[-1].width
        seg = seg[:-1]
    end = items[line.end]
    return w + (end.width if isinstance(end, Penalty) else 0)


def min_width(items, line) -> float:
    seg = items[line.start : line.end]
    return natural_width(items, line) - sum(i.shrink for i in seg if isinstance(i, Glue))


def text_of(items, lines) -> list[str]:
    return [
        " ".join(i.content for i in items[ln.start : ln.end] if isinstance(i, Box)) for ln in lines
    ]


STORY = [
    "Il",
    "était",
    "une",
    "fois",
    "un",
    "Community",
    "Manager",
    "qui",
    "vivait",
    "dans",
    "un",
    "jardin",
    "et",
    "son",
    "métier",
    "consistait",
    "à",
    "le",
    "cultiver.",
    "Le",
    "jour,",
    "il",
    "prend",
    "soin",
    "de",
    "toutes",
    "ses",
    "plantes.",
    "L’après-midi,",
    "il",
    "accueille",
    "les",
    "passants",
    "et",
    "leur",
    "offre",
    "des",
    "fruits.",
    "Les",
    "soirs",
    "d’été,",
    "il",
    "choisit",
    "un",
    "arbre",
    "et",
    "dort",
    "sous",
    "ses",
    "branches.",
    "Les",
    "soirs",
    "d’hivers,",
    "il",
    "reste",
    "à",
    "l’abri",
    "dans",
    "sa",
    "cabane",
    "à",
    "outils.",
]


def test_every_word_is_set_once_in_order():
    items = words_to_items(STORY)
    lines = knuth_plass(items, 60)
    assert " ".join(text_of(items, lines)).split() == STORY


def test_no_line_is_wider_than_the_measure():
    items = words_to_items(STORY)
    for measure in (30, 45, 60, 90):
        for line in knuth_plass(items, measure):
            assert min_width(items, line) <= measure + 1e-9
            assert not line.overfull


def test_total_fit_is_more_even_than_first_fit():
    items = words_to_items(STORY)
    kp = knuth_plass(items, 45)
    ff = first_fit(items, 45)

    def spread(lines):
        ratios = [abs(line.ratio) for line in lines[:-1]]
        return max(ratios)

    ff_ratios = []
    for line in ff[:-1]:
        seg = items[line.start : line.end]
        slack = 45 - natural_width(items, line)
        stretch = sum(i.stretch for i in seg if isinstance(i, Glue))
        ff_ratios.append(abs(slack / stretch) if stretch else 0)
    assert spread(kp) <= max(ff_ratios) + 1e-9
    assert len(kp) <= len(ff) + 1


def test_forced_break_ends_the_paragraph_with_parfillskip():
    items = words_to_items(["court", "paragraphe"])
    lines = knuth_plass(items, 100)
    assert len(lines) == 1 and lines[0].end == len(items) - 1


def test_unbreakable_overlong_box_is_set_overfull_not_lost():
    url = "http://exemple.fr/" + "x" * 300
    items = words_to_items(["Voir", url, "pour", "les", "détails"])
    lines = knuth_plass(items, 40)
    assert " ".join(text_of(items, lines)).split() == ["Voir", url, "pour", "les", "détails"]
    assert any(line.overfull for line in lines)


def test_hyphen_penalty_is_used_only_when_it_pays():
    # "extra-ordinaire" may break with a flagged penalty of width 1 (the hyphen).
    items: list[Item] = [
        Box(10, "aaaaaaaaaa"),
        SPACE,
        Box(5, "extra"),
        Penalty(1, 50, True),
        Box(9, "ordinaire"),
        SPACE,
        Box(10, "bbbbbbbbbb"),
        *paragraph_end(),
    ]
    wide = knuth_plass(items, 60)
    assert len(wide) == 1
    narrow = knuth_plass(items, 20, BreakParams())
    assert any(isinstance(items[ln.end], Penalty) and items[ln.end].flagged for ln in narrow[:-1])


@settings(max_examples=100, deadline=2000)
@given(
    st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=60),
    st.integers(min_value=12, max_value=80),
)
def test_property_no_line_wider_than_measure(words, measure):
    items = words_to_items(words)
    lines = knuth_plass(items, measure)
    assert " ".join(text_of(items, lines)).split() == words
    for line in lines:
        if not line.overfull:
            assert min_width(items, line) <= measure + 1e-9
    assert INFINITY == 10000.0


def hyphenable(words: list[str]) -> list[Item]:
    """Words of six letters or more may break in their middle, with a flagged hyphen."""
    items: list[Item] = []
    for i, w in enumerate(words):
        if i:
            items.append(SPACE)
        if len(w) >= 6:
            half = len(w) // 2
            items += [Box(half, w[:half]), Penalty(1, 50, True), Box(len(w) - half, w[half:])]
        else:
            items.append(Box(len(w), w))
    return items + paragraph_end()


def hyphen_pairs(items: list[Item], lines) -> int:
    """How many times two lines in a row end with a hyphen."""
    ends = [items[ln.end] for ln in lines]
    flags = [isinstance(e, Penalty) and e.flagged and e.penalty > -INFINITY for e in ends]
    return sum(a and b for a, b in itertools.pairwise(flags))


def test_double_hyphen_demerits_steer_away_from_hyphen_ladders():
    """With the ban lifted, α (\\doublehyphendemerits) alone must cut consecutive hyphens.

    For an exact total-fit breaker, adding α to each pair can never raise the
    number of pairs; on some measures of this paragraph it must lower it.
    """
    items = hyphenable(STORY * 3)
    allowed = BreakParams(forbid_double_hyphens=False)
    assert allowed.double_hyphen_demerits > 0
    free = BreakParams(forbid_double_hyphens=False, double_hyphen_demerits=0)
    fewer = []
    for measure in range(14, 62, 2):
        with_alpha = hyphen_pairs(items, knuth_plass(items, measure, allowed))
        without = hyphen_pairs(items, knuth_plass(items, measure, free))
        assert with_alpha <= without, measure
        if with_alpha < without:
            fewer.append(measure)
    assert fewer, "α never changed a break: the double-hyphen demerits are not applied"


def _random_paragraph(draw: st.DrawFn) -> list[Item]:
    """Words with hyphenation points, explicit hyphens and unbreakable spaces, TeX-ended."""
    items: list[Item] = [Box(draw(st.sampled_from([0.0, 15.0])))]  # an indent, or none
    for i in range(draw(st.integers(1, 60))):
        if i:
            if draw(st.integers(0, 9)) == 0:
                items.append(Penalty(0.0, INFINITY))  # a no-break space
            items.append(Glue(3.0, 1.5, 1.0))
        for j in range(draw(st.integers(1, 3))):  # syllables
            if j:
                flagged = draw(st.booleans())
                penalty = draw(st.sampled_from([50.0, 200.0, 5000.0, -100.0]))
                items.append(Penalty(2.0 if flagged else 0.0, penalty, flagged))
            items.append(Box(float(draw(st.integers(1, 14))), "", None, *draw(_expansion)))
    return items + paragraph_end()


_expansion = st.sampled_from([(0.0, 0.0), (0.3, 0.3)])  # font expansion, as pdfTeX's


@settings(max_examples=120, deadline=None)
@given(
    st.composite(_random_paragraph)(),
    st.one_of(st.floats(20.0, 120.0), st.lists(st.floats(20.0, 120.0), min_size=1, max_size=3)),
    st.sampled_from(
        [
            BreakParams(),
            BreakParams(emergency_stretch=10.0),
            BreakParams(tolerance=100.0),
            BreakParams(forbid_double_hyphens=False),  # α, not the ban, against hyphen ladders
        ]
    ),
)
def test_tuned_breaker_matches_the_reference_at_every_looseness(items, measure, params):
    """The precomputed totals and inlined candidate break exactly as the plain loop did,
    and one run gives the lines of looseness 0, +1 and -1 that three runs gave."""
    from dataclasses import replace

    from layout_studio.layout.linebreak import knuth_plass_loose
    from tests import kp_reference

    found = knuth_plass_loose(items, measure, params, (0, 1, -1))
    for looseness in (0, 1, -1):
        expected = kp_reference.knuth_plass(items, measure, replace(params, looseness=looseness))
        assert found[looseness] == expected
