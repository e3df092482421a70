"""Font expansion (microtype's): used because it measurably evens the spaces.

The issue allows small glyph scaling only if it lowers the spacing
variance. These tests hold it to that on the story, and check that the
scaling stays within its limit, flushes the right edge, and reaches the PDF.
"""

from __future__ import annotations

import pypdf
import pytest

from layout_studio.layout.page import GlyphRun
from layout_studio.layout.typeset import typeset
from layout_studio.style.theme import load_theme


@pytest.fixture(scope="module")
def without_expansion(story_document):
    off = {"expansion": 0, "letter_spacing": 0}  # no microtypography at all
    return typeset(story_document, load_theme("classique", {"linebreak": off}))


def test_expansion_lowers_the_word_space_spread(story_book, without_expansion):
    on = story_book.report
    off = without_expansion.report
    assert off.word_space_spread > 0.25  # the text is hard on this measure
    assert on.word_space_spread < 0.75 * off.word_space_spread
    assert on.word_space_spread <= 0.17  # LaTeX + microtype on the same text: 0.145
    assert on.overfull_lines == off.overfull_lines == 0
    assert on.consecutive_hyphens == 0


def test_glyphs_scale_within_the_limit_and_only_on_justified_lines(story_book, classic_theme):
    limit = classic_theme.expansion
    assert limit == pytest.approx(0.02)
    scales = [
        run.hscale for page in story_book.pages for run in page.items if isinstance(run, GlyphRun)
    ]
    assert all(1 - limit - 1e-9 <= s <= 1 + limit + 1e-9 for s in scales)
    assert sum(1 for s in scales if s > 1) > 30 and sum(1 for s in scales if s < 1) > 5
    for page in story_book.pages:
        for run in page.items:
            if isinstance(run, GlyphRun) and run.size != classic_theme.body.size:
                assert run.hscale == 1.0, run.text  # headings, folios, running heads


def test_justified_lines_end_flush_with_the_measure(story_book, classic_theme):
    g = classic_theme.page
    right_edges = []
    for page in story_book.pages:
        if page.kind != "body":
            continue
        right = (g.inner if page.recto else g.outer) + g.text_width
        ends: dict[float, float] = {}
        for run in page.items:
            if isinstance(run, GlyphRun) and run.size == classic_theme.body.size and run.glyphs:
                last = run.glyphs[-1]
                ends[round(run.y, 2)] = max(
                    ends.get(round(run.y, 2), 0), run.x + last.x + last.advance
                )
        justified_y = {round(line.y, 2) for line in page.lines if line.justified}
        right_edges += [right - ends[y] for y in justified_y if y in ends]
    assert len(right_edges) > 100
    hyphen_or_punct_slack = 0.05
    assert max(abs(d) for d in right_edges) < hyphen_or_punct_slack


def test_the_pdf_draws_expanded_glyphs_with_horizontal_scaling(story_pdf):
    reader = pypdf.PdfReader(story_pdf)
    body = reader.pages[8].get_contents().get_data().decode("latin-1")
    scales = [float(tok.split()[-1]) for tok in _tz(body)]
    assert scales and all(98 <= s <= 102 for s in scales)
    assert "Community" in reader.pages[8].extract_text()


def _tz(content: str) -> list[str]:
    out = []
    tokens = content.split()
    for i, tok in enumerate(tokens):
        if tok == "Tz":
            out.append(f"x {tokens[i - 1]}")
    return out
