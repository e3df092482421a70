"""A ragged text that fits is set as one line without the breaker: the same lines as with it.

``ParagraphSetter.break_lines`` skips Knuth–Plass for unjustified text whose
natural width fits the measure (index and contents entries, titles, names).
These tests set random texts both ways, through the breaker and through the
shortcut, and ask for equal lines (glyphs, positions, flags) at many measures
and alignments, and for the shortcut to be taken when it should.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout_studio.layout import paragraphs
from layout_studio.layout.inline import SetLine
from layout_studio.layout.items import Item
from layout_studio.layout.typeset import Typesetter
from layout_studio.model.document import Document, Metadata
from layout_studio.style.theme import load_theme

WORDS = ["Le", "matin", "où", "tout", "a", "commencé", "arc-en-ciel", "«", "»", "l’été", "1987,"]


@pytest.fixture(scope="module")
def setter() -> Typesetter:
    return Typesetter(Document(Metadata("Essai"), ()), load_theme("classique"))


def _lines(ts: Typesetter, text: str, measure: float, align: str, shortcut: bool) -> list[SetLine]:
    b = ts.builder(measure)
    b.text(text, ts.span_style(frozenset()), hyphenate=False)
    items = b.finish()
    if not shortcut:
        ragged, breaks = ts.breaks(items, measure, False, None, (0,))
        return ts.set_lines(ragged, breaks[0], measure, False, align, None)
    return ts.break_lines(items, measure, justify=False, align=align)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=0, max_size=12),
    nbsp=st.booleans(),
    measure=st.floats(min_value=20.0, max_value=400.0),
    align=st.sampled_from(["left", "center", "right"]),
)
def test_the_shortcut_gives_the_breakers_lines(
    setter: Typesetter, words: list[str], nbsp: bool, measure: float, align: str
) -> None:
    text = (" \u00a0" if nbsp else " ").join(words)
    assert _lines(setter, text, measure, align, True) == _lines(setter, text, measure, align, False)


def test_the_shortcut_is_taken_for_a_short_text_only(
    setter: Typesetter, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[bool] = []
    real = paragraphs.ParagraphSetter._fits

    def spy(self: paragraphs.ParagraphSetter, items: list[Item], measure: float) -> bool:
        taken.append(real(self, items, measure))
        return taken[-1]

    monkeypatch.setattr(paragraphs.ParagraphSetter, "_fits", spy)
    short = _lines(setter, "Le matin", 200.0, "left", True)
    long = _lines(setter, " ".join(WORDS * 3), 200.0, "left", True)
    assert taken == [True, False]
    assert len(short) == 1 and len(long) > 1
