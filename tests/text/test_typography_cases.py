"""Every case of shared/corpus/typography-cases.tsv, as a string and through the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout_studio.model import CreditMark, Mark, Text
from layout_studio.sources import parse_markdown_text
from layout_studio.sources.writer import _escape
from layout_studio.text.typography import apply_to_text, apply_typography
from tests.conftest import CASES, LOCAL_CASES


def load_cases(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        case_id, source, expected = line.split("\t")
        rows.append((case_id, source, expected))
    return rows


def expected_pattern(expected: str) -> re.Pattern[str]:
    pattern = re.escape(expected)
    for token, repl in (
        ("{nbsp}", "\u00a0"),
        ("{nnbsp}", "\u202f"),
        ("{nb}", "[\u00a0\u202f]"),
        ("{sp}", "[ \u00a0\u202f]"),
    ):
        pattern = pattern.replace(re.escape(token), repl)
    return re.compile(pattern)


CASE_FILE = CASES if CASES.exists() else LOCAL_CASES
ALL_CASES = load_cases(CASE_FILE)


def test_local_copy_matches_shared_corpus():
    if CASES.exists():
        assert LOCAL_CASES.read_text(encoding="utf-8") == CASES.read_text(encoding="utf-8")
    assert len(ALL_CASES) >= 25


@pytest.mark.parametrize(
    ("case_id", "source", "expected"), ALL_CASES, ids=[c[0] for c in ALL_CASES]
)
def test_case_as_string(case_id, source, expected):
    out = apply_to_text(source)
    assert expected_pattern(expected).fullmatch(out), f"{case_id}: {out!r}"
    assert apply_to_text(out) == out, "not idempotent"


@pytest.mark.parametrize(
    ("case_id", "source", "expected"), ALL_CASES, ids=[c[0] for c in ALL_CASES]
)
def test_case_through_the_model_with_a_credit(case_id, source, expected):
    md = f"---\ntitle: T\n---\n\n{_escape(source)} [Jean-François]{{.credit}}\n"
    doc = parse_markdown_text(md)
    result = apply_typography(doc)
    (para,) = result.document.paragraphs()
    *text_spans, credit = para.spans
    assert isinstance(credit, CreditMark) and credit.credit.name == "Jean-François"
    text = "".join(s.text for s in text_spans if isinstance(s, Text))
    assert expected_pattern(expected).fullmatch(text), f"{case_id}: {text!r}"


def test_ordinal_suffix_is_superscript():
    doc = parse_markdown_text("---\ntitle: T\n---\n\nLe 1er jour et la 2ème fois.\n")
    (para,) = apply_typography(doc).document.paragraphs()
    sup = [s.text for s in para.spans if isinstance(s, Text) and Mark.SUPERSCRIPT in s.marks]
    assert sup == ["er", "e"]
    again = apply_typography(apply_typography(doc).document)
    assert again.document == apply_typography(doc).document
    assert not [c for c in again.corrections if c.correction.rule == "ordinals"]


def test_emphasis_keeps_its_place_when_spacing_changes():
    doc = parse_markdown_text('---\ntitle: T\n---\n\nIl dit "*engager*"!\n')
    (para,) = apply_typography(doc).document.paragraphs()
    assert para.plain_text == "Il dit «\u00a0engager\u00a0»\u202f!"
    emph = [s.text for s in para.spans if isinstance(s, Text) and Mark.EMPHASIS in s.marks]
    assert emph == ["engager"]
