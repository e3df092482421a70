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


def test_shaped_pieces_are_kept_and_report_missing_glyphs_each_time() -> None:
    inline._PIECES.clear()
    fallback = load_font(str(find_face("Source Sans Pro").path))
    style = Style(FONT, 10.0, fallbacks=(fallback,))
    text = "a\u203d\U0001f600"
    first, second = Collected(), Collected()
    pieces = inline.shape_pieces(text, style, first)
    assert (text, style) in inline._PIECES
    again = inline.shape_pieces(text, style, second)
    inline._PIECES.clear()
    fresh = inline.shape_pieces(text, style, Collected())
    assert pieces == again == fresh and pieces is not again  # callers may extend their list
    assert first.missing == second.missing
    assert set(first.missing) == {"\u203d", "\U0001f600"}


def test_a_style_sends_no_hash_to_another_process() -> None:
    import pickle

    # The font as a receiving process opens it (by path, once per process): an earlier
    # test may have emptied the font cache since FONT was loaded, at collection.
    font = load_font(FONT.path)
    style = Style(font, 10.0)
    hash(style)
    back = pickle.loads(pickle.dumps(style))
    assert back._hash == 0  # fonts hash by identity: the receiver's are other objects
    assert back == style and hash(back) == hash(style)
    assert hash(style.with_(size=11.0)) == hash(Style(font, 11.0))


def test_a_piece_run_is_packed_once_and_never_served_to_another_piece() -> None:
    from layout_studio.layout import parts

    parts._GLYPHS.clear()
    one, two = (inline.shape_pieces(t, STYLE)[0] for t in ("12", "347"))
    first = parts.piece_run(one, 5.0, 7.0)
    again = parts.piece_run(one, 9.0, 2.0)
    assert again.glyphs is first.glyphs and (again.x, again.y) == (9.0, 2.0)
    other = parts.piece_run(two, 5.0, 7.0)
    parts._GLYPHS.clear()
    assert other.glyphs == parts.piece_run(two, 0.0, 0.0).glyphs != first.glyphs
    assert first.glyphs == parts.piece_run(one, 0.0, 0.0).glyphs
    assert first.glyphs.text == "12" and len(first.glyphs) == 2
