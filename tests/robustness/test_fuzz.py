"""Hypothesis on the raw-text importer, with a deadline: documented errors only, no letter lost."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout_studio.errors import InputError
from layout_studio.sources import load_source, to_markdown

WORDS = ["jardin", "Community", "Manager", "l’arbre", "été", "«", "»", "!", "?", ";", "…", "œuvre"]
piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["(Alice)", "(Zoé, Paris)", "(1)", "((x))", "(", ")", "\n\n", "\n", " "]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
)
raw_text = st.lists(piece, max_size=60).map(" ".join)


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFC", text).casefold() if c.isalpha())


@settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(raw_text)
def test_importer_loses_no_letter(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "texte.txt"
    path.write_text(text, encoding="utf-8")
    try:
        result = load_source(path)
    except InputError as exc:  # the documented refusal: one line naming the file
        assert str(path) in exc.one_line() and "\n" not in exc.one_line()
        return
    kept = _letters(to_markdown(result.document))
    kept += _letters(" ".join(str(item) for item in result.report.left_out))
    missing = _letters(text) - kept
    assert not missing, missing
