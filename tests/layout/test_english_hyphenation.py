"""``{lang=en}`` passages are hyphenated with English patterns in the PDF, not French ones.

``problem`` breaks prob-lem in English and pro-blem in French; the words below
share no break point between the two languages. A narrow measure makes the
layout break many of them: every break inside the English passage must be an
English point (so none is a French one). The same words outside the span (a
French paragraph) keep breaking at French points. The oracle is pyphen on the
dictionaries it ships.
"""

from __future__ import annotations

import itertools

import pyphen
import pytest

from layout_studio.layout.typeset import typeset
from layout_studio.sources import parse_markdown_text
from layout_studio.style.theme import load_theme
from layout_studio.text.typography import apply_typography

# English words whose English and French break points are disjoint.
WORDS = (
    "another however knowledge meanwhile nothing president problem standing whatever without"
).split()
ENGLISH = pyphen.Pyphen(lang="en_US", left=2, right=3)
FRENCH = pyphen.Pyphen(lang="fr", left=2, right=3)


def _breaks(english_span: bool) -> list[tuple[str, int]]:
    """(word, offset) of every break the layout made inside one of ``WORDS``."""
    text = " ".join(WORDS * 16)
    body = f"[{text}]{{lang=en}}" if english_span else text
    doc = apply_typography(parse_markdown_text(f"---\ntitle: T\n---\n\n# R\n\n{body}\n")).document
    # A 46 mm measure: many words must break somewhere.
    theme = load_theme("classique", {"page": {"inner": "51mm", "outer": "51mm"}})
    book = typeset(doc, theme)
    lines = [ln for page in book.pages if page.kind == "body" for ln in page.lines]
    found = []
    for line, following in itertools.pairwise(lines):
        if not line.hyphenated or following.para != line.para:
            continue
        head = line.text.split()[-1].rstrip("-\u2010")
        tail = following.text.split()[0].strip(".,")
        found.append((head + tail, len(head)))
    return found


@pytest.fixture(scope="module")
def english_breaks():
    return _breaks(english_span=True)


def test_english_words_break_at_english_points(english_breaks):
    assert len(english_breaks) >= 5, english_breaks
    for word, at in english_breaks:
        assert word in WORDS, word
        assert set(ENGLISH.positions(word)).isdisjoint(FRENCH.positions(word))
        assert at in ENGLISH.positions(word), f"{word} broken at {at}: {ENGLISH.inserted(word)}"


def test_the_same_words_in_french_text_keep_french_points():
    breaks = _breaks(english_span=False)
    assert len(breaks) >= 5, breaks
    for word, at in breaks:
        assert at in FRENCH.positions(word), f"{word} broken at {at}: {FRENCH.inserted(word)}"


def test_epub_soft_hyphens_in_english_runs_are_english():
    import io
    import zipfile

    from layout_studio.export.epub import build_epub

    source = "---\ntitle: T\n---\n\n# R\n\nLe problème : [the problem is knowledge]{lang=en}.\n"
    doc = apply_typography(parse_markdown_text(source)).document
    theme = load_theme("classique")  # justified: soft hyphens by default
    data = build_epub(doc, theme, typeset(doc, theme)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        section = z.read("EPUB/text/section-01.xhtml").decode("utf-8")
    english = section.split('xml:lang="en">')[1].split("</span>")[0]
    assert english == "the prob\u00adlem is knowl\u00adedge"
    assert "pro\u00adblème" in section  # the French word keeps French points


def test_without_english_patterns_english_runs_are_not_hyphenated(monkeypatch):
    from layout_studio.text import hyphenate

    monkeypatch.setitem(hyphenate.LANGUAGES, "en", "hyph_absent.dic")
    hyphenate.english_hyphenator.cache_clear()
    try:
        assert hyphenate.english_hyphenator() is None
        assert _breaks(english_span=True) == []
    finally:
        hyphenate.english_hyphenator.cache_clear()
