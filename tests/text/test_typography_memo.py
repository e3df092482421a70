"""Typography with a memo gives what it gives without one, paragraphs moved or not.

The live preview keeps, from one build to the next, each paragraph's
corrections and where they were located (line, column): after random edits
of the story (some moving every later paragraph by lines, some only by
characters, some indenting a paragraph), the corrected document, the
corrections and the warnings must equal those of a run that remembers nothing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_studio.sources.markdown import parse_markdown_text
from layout_studio.text.typography import apply_typography
from tests.layout.test_incremental import STORY, apply_edit, edits


def _indent(text: str, where: float) -> str:
    """A paragraph indented by a space: same line, another column."""
    at = text.find("\n\n", int(where * len(text)))
    return text if at < 0 else text[: at + 2] + " " + text[at + 2 :]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.lists(st.one_of(edits(), st.floats(0.5, 1.0)), min_size=1, max_size=4))
def test_remembered_corrections_equal_fresh_ones_after_random_edits(sequence):
    memo: dict[object, object] = {}
    located: dict[object, object] = {}
    text = STORY
    for step in [None, *sequence]:
        if isinstance(step, float):
            text = _indent(text, step)
        elif step is not None:
            text = apply_edit(text, step)
        document = parse_markdown_text(text)
        remembered = apply_typography(document, None, memo, located)  # type: ignore[arg-type]
        fresh = apply_typography(document)
        assert repr(remembered) == repr(fresh), step
