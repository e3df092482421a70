"""The collect stage reuses a word's items: reuse must never change a result.

``InlineBuilder.word`` keeps each word's items per setting (style,
hyphenation, penalty, expansion, measure). These tests check that a reused
word is the same as a fresh one, that a different setting is never served
another setting's items, and that glyphs missing from the fonts are still
reported by every builder that meets them, not only the first.
"""

from __future__ import annotations

from layout_studio.layout import inline
from layout_studio.layout.inline import Collected, InlineBuilder, Style
from layout_studio.layout.items import Box, Penalty
from layout_studio.text.fonts import find_face, load_font
from layout_studio.text.hyphenate import shared_hyphenator

FONT = load_font(str(find_face("Source Serif Pro").path))
STYLE = Style(FONT, 10.0)
WORD = "extraordinairement"


def _items(builder: InlineBuilder, word: str, style: Style = STYLE, hyphenate: bool = True):
    builder.word(word, style, hyphenate)
    return builder.finish()


def test_a_reused_word_equals_a_fresh_one():
    inline._WORDS.clear()
    hyph = shared_hyphenator()
    first = _items(InlineBuilder(300.0, hyph), WORD)
    assert next(iter(inline._WORDS))[:2] == (WORD, STYLE)  # it was kept
    again = _items(InlineBuilder(300.0, hyph), WORD)
    inline._WORDS.clear()
    fresh = _items(InlineBuilder(300.0, hyph), WORD)
    assert first == again == fresh
    assert sum(1 for it in first if isinstance(it, Penalty) and it.flagged) >= 4


def test_each_setting_gets_its_own_items():
    hyph = shared_hyphenator()
    hyphenated = _items(InlineBuilder(300.0, hyph), WORD)
    whole = _items(InlineBuilder(300.0, None), WORD)
    unhyphenated = _items(InlineBuilder(300.0, hyph), WORD, hyphenate=False)
    assert len(hyphenated) > len(whole) == len(unhyphenated)
    expanded = _items(InlineBuilder(300.0, hyph, expansion=0.02), WORD)
    boxes = [it for it in expanded if isinstance(it, Box)]
    assert boxes and all(b.stretch == b.width * 0.02 for b in boxes)
    assert all(it.stretch == 0 for it in hyphenated if isinstance(it, Box))
    penalised = _items(InlineBuilder(300.0, hyph, hyphen_penalty=700.0), WORD)
    assert {it.penalty for it in penalised if isinstance(it, Penalty) and it.flagged} >= {700.0}
    bigger = _items(InlineBuilder(300.0, hyph), WORD, Style(FONT, 14.0))
    assert bigger[0].width > hyphenated[0].width  # type: ignore[union-attr]
    narrow = _items(InlineBuilder(20.0, None), WORD)  # wider than the line: emergency cuts
    assert len(narrow) > len(whole)


def test_missing_glyphs_are_reported_on_every_reuse():
    word = "bravo\U0001f600"  # the story's kind of emoji: not in Source Serif
    reports = []
    for _ in range(2):
        collected = Collected()
        InlineBuilder(300.0, None, collected=collected).word(word, STYLE)
        reports.append(collected.missing)
    assert reports[0] == reports[1] == {"\U0001f600": ""}
