"""Remembered paragraphs give the document and report a parser that remembers nothing gives.

``import_markdown`` keeps each paragraph's inline tokens and its spans from
one parse to the next; only its credits are placed again, where the
paragraph now is. After random edits (some moving every credit by lines,
some adding link references or footnotes that turn the memory off), the
document (positions included) and the report's credit list must equal those
of a fresh parser and builder.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gui_latency import big_text
from layout_studio.sources import markdown
from layout_studio.sources.markdown import _Builder, _defuse_brackets, import_markdown
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import ImportReport
from tests.layout.test_incremental import BASE, STORY, apply_edit, edits

PATH = BASE / "story.md"


def _decoded(text: str) -> DecodedText:
    return DecodedText(PATH, text, "utf-8", False, "lf")


def remembered(text: str) -> str:
    result = import_markdown(_decoded(text))
    report = result.report
    return repr((result.document, report.credits, report.title_guessed))


def fresh(text: str) -> str:
    decoded = _decoded(text)
    report = ImportReport.for_source(decoded, "md")
    builder = _Builder(decoded, report)
    document = builder.build(markdown.markdown_parser().parse(_defuse_brackets(text)))
    return repr((document, report.credits, report.title_guessed))


def test_an_unchanged_paragraph_reuses_its_spans_and_its_credit_moves_with_it(monkeypatch):
    text = big_text(STORY, 3)
    import_markdown(_decoded(text))
    made: list[object] = []
    plan = markdown._plan
    monkeypatch.setattr(markdown, "_plan", lambda children: made.append(1) or plan(children))
    at = text.index("\n# ", text.index("\n---\n") + 5)
    moved = text[:at] + "\n\nUn paragraphe ajouté\nsur deux lignes.\n" + text[at:]
    again = remembered(moved)
    after_edit = len(made)
    assert remembered(moved) == again  # unchanged: only footnote paragraphs are redone
    assert after_edit == 1 + (len(made) - after_edit)  # and the new paragraph
    assert again == fresh(moved)
    assert repr(import_markdown(_decoded(moved)).report.credits) != repr(
        import_markdown(_decoded(text)).report.credits
    )  # the credits below the new lines did move


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.lists(edits(), min_size=1, max_size=5))
def test_remembered_parses_equal_fresh_parses_after_random_edits(sequence):
    text = STORY
    assert remembered(text) == fresh(text)
    for edit in sequence:
        text = apply_edit(text, edit)
        assert remembered(text) == fresh(text), edit
