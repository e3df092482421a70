"""Typography with a memo gives what it gives without one, paragraphs moved or not.

The live preview keeps, from one build to the next, each paragraph's
corrections and where they were located (line, column): after random edits
of the story (some moving every later paragraph by lines, some only by
characters, some indenting a paragraph), the corrected document, the
corrections and the warnings must equal those of a run that remembers nothing.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_studio.session import _Recent
from layout_studio.sources.markdown import parse_markdown_text
from layout_studio.sources.markdown_chunks import IncrementalMarkdown
from layout_studio.sources.reading import DecodedText
from layout_studio.text.typography import apply_typography
from tests.layout.test_incremental import STORY, apply_edit, edits


def _indent(text: str, where: float) -> str:
    """A paragraph indented by a space: same line, another column."""
    at = text.find("\n\n", int(where * len(text)))
    return text if at < 0 else text[: at + 2] + " " + text[at + 2 :]


def _versions(sequence):  # type: ignore[no-untyped-def]
    """The story, then the text after each step (an edit, or an indent at a place)."""
    text = STORY
    for step in [None, *sequence]:
        if isinstance(step, float):
            text = _indent(text, step)
        elif step is not None:
            text = apply_edit(text, step)
        yield step, text


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.lists(st.one_of(edits(), st.floats(0.5, 1.0)), min_size=1, max_size=4))
def test_remembered_corrections_equal_fresh_ones_after_random_edits(sequence):
    memo: dict[object, object] = {}
    located: dict[object, object] = {}
    for step, text in _versions(sequence):
        document = parse_markdown_text(text)
        remembered = apply_typography(document, None, memo, located)  # type: ignore[arg-type]
        fresh = apply_typography(document)
        assert repr(remembered) == repr(fresh), step


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.lists(st.one_of(edits(), st.floats(0.5, 1.0)), min_size=1, max_size=4))
def test_items_taken_by_identity_equal_fresh_ones_after_random_edits(sequence):
    """As the preview corrects: the chunked parse keeps the unchanged blocks' objects."""
    parser = IncrementalMarkdown()
    memo, located = _Recent({}), _Recent({})
    before: dict[object, object] = {}
    for step, text in _versions(sequence):
        document = parser.document(DecodedText(Path("s.md"), text, "utf-8", False, "lf"))
        now: dict[object, object] = {}
        remembered = apply_typography(document, None, memo, located, (before, now))  # type: ignore[arg-type]
        fresh = apply_typography(parse_markdown_text(text, "s.md"))
        assert repr(remembered) == repr(fresh), step
        memo, located, before = _Recent(memo.kept()), _Recent(located.kept()), now


def test_a_paragraph_taken_as_it_was_is_located_where_it_now_stands() -> None:
    parser = IncrementalMarkdown()
    memo, located = _Recent({}), _Recent({})
    text = "# Titre\n\nUn mot : deux.\n\nEt encore : trois.\n"
    before: dict[object, object] = {}
    results = []
    for added in ("", "\nde plus", "\nde plus\net encore", "\nde plus"):
        version = text.replace("Un mot", "Un mot" + added)
        document = parser.document(DecodedText(Path("s.md"), version, "utf-8", False, "lf"))
        now: dict[object, object] = {}
        results.append(apply_typography(document, None, memo, located, (before, now)))
        before = now
        lines = [c.line for c in results[-1].corrections]
        assert lines == [3, 5 + added.count("\n")]  # each paragraph's line
    last = [result.document.sections[0].content[-1] for result in results]
    assert all(item is last[0] for item in last)  # taken as it was, not corrected again


def test_an_unchanged_section_is_taken_whole_and_located_where_it_now_stands() -> None:
    from benchmarks.gui_latency import big_text

    parser = IncrementalMarkdown()
    memo, located = _Recent({}), _Recent({})
    before: dict[object, object] = {}
    book = big_text(STORY, 3)
    at = book.index("Paris", len(book) // 3)
    # Lines moved below the edit, then not (a paragraph found in no other chapter).
    added = ("Une ville :\n\n", "Une ville, ici :\n\n")
    versions = [book, *(book[:at] + a + book[at:] for a in added)]
    results = []
    for version in versions:
        document = parser.document(DecodedText(Path("s.md"), version, "utf-8", False, "lf"))
        now: dict[object, object] = {}
        results.append(apply_typography(document, None, memo, located, (before, now)))  # type: ignore[arg-type]
        memo, located, before = _Recent(memo.kept()), _Recent(located.kept()), now
        assert repr(results[-1]) == repr(apply_typography(parse_markdown_text(version, "s.md")))
    sections = [r.document.sections for r in results]
    pairs = itertools.pairwise(sections)
    kept = [sum(a is b for a, b in zip(x, y, strict=True)) for x, y in pairs]
    assert kept == [len(sections[0]) - 1] * 2  # all but the edited one, lines moved or not
