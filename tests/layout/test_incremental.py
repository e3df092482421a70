"""The live preview's incremental builds give exactly what a fresh full build gives.

Random edit sequences (typing, deleting, splitting and merging paragraphs,
retitling, crediting, adding and removing sections) are applied to the
story, and to a book of about 210 pages; after each edit the page model of
``IncrementalBuilder.build`` is compared with a fresh ``session.build``, and
the parse (whose paragraphs are remembered) with a parser that remembers nothing.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gui_latency import big_text
from layout_studio.errors import InputError
from layout_studio.export.pdf import render_pdf
from layout_studio.layout.page import dump
from layout_studio.session import Build, IncrementalBuilder, build, open_file
from layout_studio.sources.markdown import (
    _Builder,
    _defuse_brackets,
    markdown_parser,
    parse_markdown_text,
)
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import ImportReport
from tests.conftest import ROOT

PROJECT = ROOT / "examples" / "cmad" / "book.toml"
BASE = ROOT / "examples" / "cmad"
OPENED = open_file(PROJECT)
STORY = OPENED.text
BODY_START = STORY.index("\n---\n") + 5  # edits stay out of the front matter

WORDS = [
    "le",
    "jardin",
    "[jardin]",
    "[^1]",
    "^[une note]",
    "\\*",
    "*",
    "«\u00a0oui\u00a0»",
    "l'été",
    "1er",
    "XIXe",
    "etc...",
    "Œuvre",
    "—",
]
CHARS = list("aeiouxyzéèàçœ ,;:!?'\"«»-—.0123456789") + ["\u00a0", "\n"]


def model(result: Build) -> str:
    """Everything a build shows: pages, their lines, anchors, report, corrections."""
    book = result.book
    parts = [dump(book, glyphs=True)]
    parts += [repr(page.lines) for page in book.pages]
    parts.append(repr((book.anchors, book.paragraph_sources, book.report, book.outline)))
    parts.append(repr((book.title, book.authors, result.warnings, result.cover_page)))
    parts.append(repr((result.document, result.typography.corrections)))
    parts.append(repr(result.typography.warnings))
    return "\n".join(parts)


def _at(text: str, where: float) -> int:
    """A position in the body of ``text`` (``where`` in [0, 1])."""
    return BODY_START + int(where * (len(text) - BODY_START))


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def apply_edit(text: str, edit: tuple[str, float, int, str]) -> str:
    """One edit, as an author would make it in the editor."""
    kind, where, size, word = edit
    pos = _at(text, where)
    if kind == "insert":
        return text[:pos] + word + text[pos:]
    if kind == "delete":
        return text[:pos] + text[pos + size :]
    if kind == "split":
        return text[:pos] + "\n\n" + text[pos:]
    if kind == "merge":
        gap = text.find("\n\n", pos)
        return text if gap < 0 else text[:gap] + " " + text[gap + 2 :]
    if kind == "title":
        head = text.find("\n# ", pos)
        if head < 0:
            head = text.rfind("\n# ", BODY_START, pos)
        if head < 0:
            return text
        end = text.index("\n", head + 1) if "\n" in text[head + 1 :] else len(text)
        return text[:end] + " " + word + text[end:]
    if kind == "credit":
        end = text.find("\n\n", pos)
        end = len(text) if end < 0 else end
        return text[:end] + f" [{word.strip() or 'Nom'}]{{.credit}}" + text[end:]
    if kind == "add-section":
        start = _line_start(text, pos)
        return text[:start] + f"\n# Nouvelle {word}\n\nUn paragraphe neuf.\n\n" + text[start:]
    if kind == "reference":  # a link reference definition changes how "[jardin]" reads
        return text + "\n\n[jardin]: https://exemple.org\n"
    if kind == "remove-section":
        head = text.find("\n# ", pos)
        if head < 0:
            return text
        nxt = text.find("\n# ", head + 1)
        return text[:head] + (text[nxt:] if nxt >= 0 else "\n")
    raise AssertionError(kind)


def edits(kinds: list[str] | None = None) -> st.SearchStrategy[tuple[str, float, int, str]]:
    every = [
        "insert",
        "insert",
        "delete",
        "split",
        "merge",
        "title",
        "credit",
        "add-section",
        "remove-section",
        "reference",
    ]
    return st.tuples(
        st.sampled_from(kinds or every),
        st.floats(0.0, 1.0),
        st.integers(1, 40),
        st.one_of(st.sampled_from(WORDS), st.text(st.sampled_from(CHARS), min_size=1, max_size=6)),
    )


def _outcome(fn, text: str) -> str:  # type: ignore[no-untyped-def]
    try:
        return model(fn(text, OPENED.settings, BASE))
    except InputError as exc:  # a broken state of the text: both must say the same
        return f"error: {exc}"


def fresh_parse(text: str) -> str:
    """The document as a parser that remembers nothing reads it."""
    decoded = DecodedText(BASE / "story.md", text, "utf-8", False, "lf")
    builder = _Builder(decoded, ImportReport.for_source(decoded, "md"))
    return repr(builder.build(markdown_parser().parse(_defuse_brackets(text))))


def check_sequence(text: str, sequence: list[tuple[str, float, int, str]]) -> str:
    builder = IncrementalBuilder()
    assert _outcome(builder.build, text) == _outcome(build, text)
    for edit in sequence:
        text = apply_edit(text, edit)
        assert _outcome(builder.build, text) == _outcome(build, text), edit
        parsed = repr(parse_markdown_text(text, str(BASE / "story.md")))
        assert parsed == fresh_parse(text), edit
    return text


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.lists(edits(), min_size=1, max_size=4))
def test_incremental_builds_of_the_story_equal_full_builds(sequence):
    check_sequence(STORY, sequence)


def test_an_edit_reuses_the_unchanged_sections_and_gives_the_same_pdf(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    text = big_text(STORY, 6)
    builder = IncrementalBuilder()
    builder.build(text, OPENED.settings, BASE)
    pos = text.index("Paris", text.index("# Chapitre 3"))
    edited = text[:pos] + "Grand " + text[pos:]
    incremental = builder.build(edited, OPENED.settings, BASE)
    assert builder.layout.hits >= 5  # every chapter but the edited one
    assert builder.markdown.reused > 100  # chunks not parsed again
    full = build(edited, OPENED.settings, BASE)
    assert model(incremental) == model(full)
    assert render_pdf(incremental.book) == render_pdf(full.book)


BIG = big_text(STORY, 50)  # about 350 pages, the benchmarks' long book


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits(), min_size=2, max_size=2))
def test_incremental_builds_of_a_long_book_equal_full_builds(sequence):
    check_sequence(BIG, sequence)


def test_changed_settings_are_never_served_from_the_previous_builds():
    builder = IncrementalBuilder()
    plain = OPENED.settings
    states = [
        plain,
        dataclasses.replace(plain, theme="moderne"),
        dataclasses.replace(plain, disabled_rules=frozenset({"quotes", "apostrophe"})),
        plain.with_override("running_heads", "enabled", False),
        plain.with_override("credits", "placement", "inline"),
        dataclasses.replace(plain, metadata={**plain.metadata, "byline": "Trois auteurs"}),
        plain,
    ]
    for state in states:
        assert model(builder.build(STORY, state, BASE)) == model(build(STORY, state, BASE))
