"""The raw page is cut into story, candidates, footnotes and left-out comments; nothing is lost."""

from __future__ import annotations

import unicodedata
from collections import Counter

from layout_studio.model import FootnoteCall, Matter, Paragraph


def test_story_is_the_body_and_candidates_are_offered(imported):
    doc = imported.document
    body = doc.body_sections
    assert [s.matter for s in body] == [Matter.BODY]
    assert body[0].title == "L’histoire"
    first = body[0].content[0].blocks[0]
    assert first.plain_text.startswith("Il était une fois un Community Manager...qui vivait")
    candidates = [s for s in doc.sections if s.candidate]
    assert [(s.matter, s.title) for s in candidates] == [
        (Matter.FRONT, "Introduction"),
        (Matter.BACK, "Comment cette histoire a été écrite"),
    ]
    assert candidates[0].content[0].plain_text.startswith("Phase 2 je propose")
    assert any("Mode d'emploi" in b.plain_text for b in candidates[1].blocks())
    report = imported.report
    assert [(c.first_line, c.last_line) for c in report.candidates] == [(1, 4), (6, 11)]


def test_footnotes_are_attached_to_their_calls(imported):
    doc = imported.document
    assert {f.label for f in doc.footnotes} == {"1", "2"}
    calls = [
        s.label
        for sec in doc.sections
        for b in sec.blocks()
        if isinstance(b, Paragraph)
        for s in b.spans
        if isinstance(s, FootnoteCall)
    ]
    assert sorted(calls) == ["1", "2"]
    note1 = next(f for f in doc.footnotes if f.label == "1")
    assert note1.paragraphs[0].plain_text.startswith("plus de 1200 visites")


def test_blog_comments_are_left_out_and_listed(imported, source_text):
    comments = [i for i in imported.report.left_out if i.kind == "comments"]
    assert len(comments) == 1
    item = comments[0]
    assert (item.first_line, item.last_line) == (14, 69)
    assert item.text.count("RépondreSupprimer") == source_text.count("RépondreSupprimer")


def test_orphan_punctuation_after_credits_is_reported(imported):
    orphans = [i for i in imported.report.left_out if i.kind == "orphan-punctuation"]
    assert orphans and all(i.text == "." for i in orphans)
    assert len(orphans) == 11  # "(Cécile). Paris", "(Catherine, CDP). Community"...


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


def test_no_text_is_dropped_silently(imported, source_text):
    """Every letter and digit of the page is in the book, a footnote or the report."""
    doc, report = imported.document, imported.report
    kept = []
    for section in doc.sections:
        kept.append(section.title or "")
        kept.extend(b.plain_text for b in section.blocks() if isinstance(b, Paragraph))
    for note in doc.footnotes:
        kept.append(f"({note.label})")
        kept.extend(p.plain_text for p in note.paragraphs)
    kept.extend(i.text for i in report.left_out)
    found = _letters("\n".join(kept))
    # Section titles are added by the importer; footnote labels appear as calls and notes.
    expected = _letters(source_text)
    missing = expected - found
    assert not missing, f"lettres perdues : {dict(missing)}"


def test_title_is_guessed_and_reported(imported):
    assert imported.document.metadata.title == "Il était une fois un Community Manager"
    assert imported.report.title_guessed


def test_hard_wrapped_text_with_blank_lines(tmp_path):
    from layout_studio.sources import load_source

    src = tmp_path / "wrapped.txt"
    src.write_text(
        "Il était une fois un jardin\nqui poussait lentement. (Alice)\n\n"
        "Un autre jour, la pluie\ntomba sur les fleurs. (Bob)\n\n"
        "Et la fin arriva\ndoucement. (Alice)\n",
        encoding="utf-8",
    )
    doc = load_source(src).document
    assert [c.credit.name for c in doc.contributions()] == ["Alice", "Bob", "Alice"]
    assert (
        doc.contributions()[0]
        .blocks[0]
        .plain_text.startswith("Il était une fois un jardin qui poussait")
    )
    assert [(c.name, c.contributions) for c in doc.contributors] == [("Alice", 2), ("Bob", 1)]
