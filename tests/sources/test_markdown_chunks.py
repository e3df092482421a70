"""Parsing only the changed chunks gives what a parse of the whole text gives.

``IncrementalMarkdown`` cuts the text into chunks, parses only those it has
not seen and moves the others (positions, credit numbers). Random texts made
of the constructs that reach across blank lines (fenced code, lists, block
quotes, indented code, notes and their definitions, link references, block
attributes, front matter) are edited at random — lines inserted and
deleted, chunks joined by deleting a blank line or split by inserting one —
and after each edit the document and the whole report (notes, credits with
their positions and numbers) must equal those of a fresh full parse. Notes
and link references get their own texts: definitions added, removed,
renamed or given twice, calls moved across chunks or made before their
definition, definitions in lists and quotes. The same on the story's body
repeated, with and without its notes, where the chunks are really reused.
"""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gui_latency import big_text
from layout_studio.errors import InputError
from layout_studio.model import SourcePos
from layout_studio.sources import markdown
from layout_studio.sources.markdown import import_markdown, markdown_parser
from layout_studio.sources.markdown_chunks import IncrementalMarkdown, chunk_starts
from layout_studio.sources.markdown_recut import recut
from layout_studio.sources.reading import DecodedText
from tests.layout.test_incremental import BASE, STORY, apply_edit, edits

PATH = BASE / "story.md"

# Lines (some of several lines) that open, continue or close blocks.
LINES = [
    "Un paragraphe simple.",
    "Une phrase créditée. [Cécile]{.credit}",
    "[Catherine, CDP]{.credit}",
    "Deux crédits [Ana]{.credit} et [Bob, X]{.credit confidence=0.4}",
    "# Un titre",
    "# Titre [Zoé]{.credit}",
    "## Un intertitre",
    "{.front}",
    "{.back .candidate}",
    "{#id}",
    "* * *",
    "---",
    "===",
    "```",
    "```python",
    "~~~",
    "````",
    "```a`b",
    "  ```",
    "> ```",
    "- un item",
    "1. un item",
    "* item",
    "+ item",
    "  suite indentée",
    "    code indenté",
    "\tavec tabulation",
    "> une citation",
    "[^1]",
    "Appel[^1] ici.",
    "[^1]: la note",
    "[^2]: une autre note",
    "    note, suite",
    "Note en ligne^[dedans] ici.",
    "[jardin]: https://exemple.org",
    "Le [jardin] fleurit.",
    "[^a]: note créditée [Zoé]{.credit}",
    "Appel[^a] et[^2].",
    "> Appel[^1] cité",
    "> [^2]: note citée",
    "- [^a]: note en liste",
    "[JARDIN]: /autre",
    "[Cécile]: /c",
    "[" * 40 + "[^1]",
    "*emphase* et **fort**",
    "[dix mille]{.nobreak} [er]{.sup}",
    "...",
    "title: Titre",
    "lang: en",
    "Ligne\\",
    "<div>",
    "",
    "",
    "",
    "   ",
]
FRONTS = [
    "",
    "---\ntitle: T\n---\n",
    "---\ntitle: T\n\nsubtitle: S\n\n---\n",
    "----\ntitle: T\n\n---\n\nlang: fr\n----\n",
    "---\ntitle: T\n\nlang: fr\n...\n",
]

line = st.sampled_from(LINES)
texts = st.tuples(st.sampled_from(FRONTS), st.lists(line, max_size=30)).map(
    lambda t: t[0] + "\n".join(t[1])
)
# (kind, where in [0, 1], the lines inserted)
edit = st.tuples(
    st.sampled_from(["insert", "delete", "join", "split", "replace", "type", "move"]),
    st.floats(0.0, 1.0),
    st.lists(line, min_size=1, max_size=3),
)


def edited(text: str, change: tuple[str, float, list[str]]) -> str:
    kind, where, new = change
    lines = text.split("\n")
    at = min(int(where * len(lines)), len(lines) - 1)
    if kind == "insert":
        lines[at:at] = new
    elif kind == "delete":
        del lines[at]
    elif kind == "replace":
        lines[at] = new[0]
    elif kind == "move":  # a line elsewhere: a call or a definition in another chunk
        lines.insert(len(new[0]) * 7 % len(lines), lines.pop(at))
    elif kind == "split":  # a blank line: one chunk may become two
        lines.insert(at, "")
    elif kind == "join":  # a blank line less: two chunks may become one
        blanks = [i for i, s in enumerate(lines) if not s.strip()]
        if blanks:
            del lines[min(blanks, key=lambda i: abs(i - at))]
    elif kind == "rename":  # a call or a definition of another label
        lines[at] = lines[at].replace("1", "b", 1).replace("jardin", "jarden", 1)
    else:  # typing in a line
        column = int(where * len(lines[at]))
        lines[at] = lines[at][:column] + new[0][:3] + lines[at][column:]
    return "\n".join(lines)


# Lines that define, call or name notes and link references, in every container.
NOTE_LINES = [
    "Un paragraphe simple.",
    "Une phrase créditée. [Cécile]{.credit}",
    "# Un titre",
    "Appel[^1] ici.",
    "Deux appels[^2] et[^1].",
    "Appel[^a] crédité [Ana]{.credit}",
    "[^1]",
    "[^1]: la note",
    "[^1]: redéfinie, elle appelle[^2]",
    "[^2]: une autre note [Bob, X]{.credit confidence=0.4}",
    "[^a]: note a",
    "[^a]: ^[en ligne dans une note]",
    "[^1]: [^2]: imbriquée",
    "    suite de la note[^a]",
    "Une ^[note en ligne [^1] qui appelle] ici.",
    "Une ^[note ^[dans une note]] ici [Zoé]{.credit}.",
    "Une ^[note \\*échappée\\* [Yves]{.credit}] ici.",
    "> Appel[^a] cité",
    "> [^1]: note citée",
    "- item[^2]",
    "- [^2]: note en liste",
    "1. [^a]: note numérotée",
    "Appel\\[^1] échappé",
    "`code[^1]`",
    "```",
    "    [^1]: code indenté",
    "[jardin]: https://exemple.org",
    "[JARDIN]: /autre 'titre'",
    "[Jardin  fleuri]: /jf",
    "[Cécile]: /c",
    "Le [jardin] fleurit, le [Jardin fleuri] aussi.",
    "Le [jardin",
    "fleuri] encore.",
    "> fleuri] cité.",
    "[texte][jardin], [jardin][], ![image][jardin]",
    "[^b]: [jardin]",
    "[jardin]{.credit}",
    "",
    "",
    "",
]
# Blocks of a few lines between blank lines: many chunks, definitions and calls apart.
note_texts = st.lists(
    st.lists(st.sampled_from(NOTE_LINES), min_size=1, max_size=3).map("\n".join), max_size=12
).map("\n\n".join)
note_edit = st.tuples(
    st.sampled_from(["insert", "delete", "join", "split", "replace", "move", "rename"]),
    st.floats(0.0, 1.0),
    st.lists(st.sampled_from(NOTE_LINES), min_size=1, max_size=3),
)


def _decoded(text: str) -> DecodedText:
    return DecodedText(PATH, text, "utf-8", False, "lf")


def outcome(parse, text: str) -> str:  # type: ignore[no-untyped-def]
    try:
        result = parse(_decoded(text))
    except InputError as exc:  # a broken front matter: both must say the same
        return f"error: {exc}"
    return repr((result.document, result.report))


def fresh(decoded: DecodedText) -> object:
    """A parse of the whole text by a parser that remembers nothing."""
    markdown._INLINE = {}
    markdown._PLANS = {}
    return import_markdown(decoded)


def check(parser: IncrementalMarkdown, text: str) -> None:
    assert outcome(parser.parse, text) == outcome(fresh, text)
    try:
        document = parser.document(_decoded(text))
    except InputError:
        return
    assert repr(document) == repr(fresh(_decoded(text)).document)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(texts, st.lists(edit, max_size=6))
def test_chunked_parses_of_random_texts_equal_whole_parses(text, changes):
    parser = IncrementalMarkdown()
    check(parser, text)
    for change in changes:
        text = edited(text, change)
        check(parser, text)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(note_texts, st.lists(note_edit, max_size=6))
def test_chunked_parses_of_texts_with_notes_and_references_equal_whole_parses(text, changes):
    parser = IncrementalMarkdown()
    check(parser, text)
    for change in changes:
        text = edited(text, change)
        check(parser, text)


@settings(max_examples=200, deadline=None, database=None)
@given(texts)
def test_each_chunk_parses_as_it_does_in_the_whole_text(text):
    """The cuts themselves: the chunks' block tokens, put end to end, are the whole text's."""
    starts = chunk_starts(text)
    assert starts[0] == 0 and starts == sorted(set(starts))
    whole = markdown_parser().parse(text)
    if any(t.type.startswith("footnote") for t in whole):
        return  # definitions are moved to the end: the whole text is parsed then
    pieces: list[tuple[str, list[int] | None, str, dict[str, object]]] = []
    line = 0
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[a:b]
        for tok in markdown_parser().parse(chunk):
            where = [n + line for n in tok.map] if tok.map else None
            pieces.append((tok.type, where, tok.content, tok.attrs))
        line += chunk.count("\n")
    assert pieces == [(t.type, t.map, t.content, t.attrs) for t in whole]


BOOK = big_text(STORY, 3, ending=False)  # no note definition: its calls are text
# The book with the story's notes: calls in each copy of the introduction.
NOTES = "\n".join(line for line in STORY.split("\n") if line.startswith("[^"))
BOOK_WITH_NOTES = BOOK + "\n\n" + NOTES.replace("\n", "\n\n") + "\n"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.sampled_from([BOOK, BOOK_WITH_NOTES]), st.lists(edits(), min_size=1, max_size=4))
def test_chunked_parses_of_a_book_equal_whole_parses_after_random_edits(text, sequence):
    parser = IncrementalMarkdown()
    check(parser, text)
    for change in sequence:
        text = apply_edit(text, change)
        check(parser, text)


def test_an_edit_parses_only_its_chunk_and_moves_the_others():
    parser = IncrementalMarkdown()
    parser.parse(_decoded(BOOK))
    chunks = len(chunk_starts(BOOK))
    at = BOOK.index("Paris")
    # A new line shifts every line, offset and credit number after it.
    moved = BOOK[:at] + "Grande ville,\n" + BOOK[at:]
    result = parser.parse(_decoded(moved))
    assert parser.reused == chunks - 1
    assert repr((result.document, result.report)) == outcome(fresh, moved)


def test_a_definition_added_reads_again_only_the_chunks_that_may_use_it():
    parser = IncrementalMarkdown()
    parser.parse(_decoded(BOOK))
    pieces = _pieces(BOOK)
    for added, used, calls in (
        ("[jardin]: https://exemple.org", "jardin", 0),
        ("[^1]: une note", "[^1]", 1),  # the introduction calls note 1
        ("Une ^[note] en ligne.", None, 0),  # defines nothing
    ):
        text = BOOK + "\n\n" + added + "\n"
        assert outcome(parser.parse, text) == outcome(fresh, text)
        # The last chunk is longer by a blank line; those that may use the definition are read
        # (a link needs a bracket).
        again = sum(
            used is not None and used in piece.lower() and "[" in piece for piece in pieces[:-1]
        )
        assert again >= calls
        assert parser.reused == len(pieces) - 1 - again
        parser.parse(_decoded(BOOK))


def _pieces(text: str) -> list[str]:
    starts = chunk_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_an_edit_in_the_story_with_its_notes_reads_one_chunk_again():
    parser = IncrementalMarkdown()
    parser.parse(_decoded(STORY))
    assert len(parser.parse(_decoded(STORY)).document.footnotes) == 2
    at = STORY.index("Paris")
    edited_story = STORY[:at] + "x" + STORY[at:]
    assert outcome(parser.parse, edited_story) == outcome(fresh, edited_story)
    assert parser.reused == len(chunk_starts(STORY)) - 1


TRICKY = [
    "````\na\n```\n\nb\n\n````\n\nc\n",  # a shorter fence does not close a longer one
    "~~~\n```\n\nx\n\n~~~\n\ny\n",  # nor one of the other character
    "```\n\nx\n\n```   \n\ny\n\n```\n\nz\n",  # spaces after a closing fence
    "```\n\nx\n\n``` z\n\ny\n",  # a fence with an info string does not close
    "- a\n  ```\n\nb\n\n```\n\nc\n\nd\n",  # a fence in a list ends with the list
    "> ```\n\nb\n\n```\n\nc\n",  # and in a block quote
    "```a`b\n\nc\n\n```\n\nd\n",  # not a fence: backquotes in its info string
    "{.front}\n\n# T\n\np\n",  # block attributes go past blank lines
    "{.front}\n\n{.candidate}\n\n# T\n\np\n",  # and past other attributes lines
    "{.front}\n[x]: /u\n\n[y]:\n/v\n\n# T\n\np\n",  # and link reference definitions
    "- a\n\n- b\n\n1. c\n\n2) d\n\n* e\n\n+ f\n\ng\n",  # loose lists
    "[^1]: note\n\n    suite\n\np[^1]\n",  # a note's second paragraph
    "    code\n\n    more\n\np\n",  # indented code past a blank line
    "---\ntitle: T\n\n---\n\nlang: fr\n---\n\np\n",  # dashes in the front matter
    "---\ntitle: T\n\n...\n\np\n",  # a front matter closed by dots
    "p\n\n===\n\nq\n---\n\n# h\n",  # setext underlines
]


def test_tricky_texts_and_every_line_deleted_from_them_parse_as_a_whole():
    for text in TRICKY:
        lines = text.split("\n")
        for variant in [text] + ["\n".join(lines[:i] + lines[i + 1 :]) for i in range(len(lines))]:
            parser = IncrementalMarkdown()
            check(parser, variant)
            check(parser, "Avant.\n\n" + variant)  # everything moved one chunk down


def test_no_cut_in_a_text_with_a_carriage_return():
    """markdown-it breaks lines at a lone carriage return: chunk lines would not be its lines."""
    assert chunk_starts("a\n\nb\n\nc") == [0, 3, 6]
    assert chunk_starts("a\rb\n\nc\n\nd") == [0]


def test_a_lone_carriage_return_ends_a_line_as_in_a_whole_parse():
    """``import_markdown`` reads a lone CR as a line break: the positions after it count it."""
    for text in (
        "a\rb\n\nc [Ana]{.credit}\n",
        "x\n\na\rb [Ana]{.credit}\n\ny[^1]\n\n[^1]: n\r[Bo]{.credit}\n",
    ):
        check(IncrementalMarkdown(), text)


def test_an_edit_moves_the_later_blocks_without_making_them_again():
    parser = IncrementalMarkdown()
    before = parser.document(_decoded(BOOK))
    at = BOOK.index("Paris")
    moved = BOOK[:at] + "Grande ville,\n" + BOOK[at:]
    after = parser.document(_decoded(moved))
    old, new = before.sections[-1].content[-1], after.sections[-1].content[-1]
    assert new.blocks[-1] is old.blocks[-1] and new.credit is old.credit
    assert repr(after) == repr(fresh(_decoded(moved)).document)  # at their new positions
    position = new.credit.source
    plain = SourcePos(position.line, position.column, position.offset)
    assert position == plain and plain == position and hash(position) == hash(plain)
    assert pickle.loads(pickle.dumps(position)) == plain
    assert type(pickle.loads(pickle.dumps(position))) is SourcePos


@settings(max_examples=300, deadline=None, database=None)
@given(texts, st.lists(edit, min_size=1, max_size=6))
def test_an_edited_text_recut_from_the_last_cuts_is_cut_as_a_whole(text, changes):
    for change in changes:
        starts = chunk_starts(text)
        pieces = _pieces(text)
        text = edited(text, change)
        before = "".join(pieces)
        unfenced = "```" not in before and "~~~" not in before
        again = recut(before, starts, pieces, text) if unfenced else None
        if again is not None:
            assert again == (chunk_starts(text), _pieces(text))


def test_a_book_edited_is_recut_around_the_edit_only():
    starts, pieces = chunk_starts(BOOK), _pieces(BOOK)
    at = BOOK.index("Paris", len(BOOK) // 2)
    for typed in ("x", "\n\n{.note}\n\nUn", "\n\n", "[lien]: https://exemple.org\n\n"):
        text = BOOK[:at] + typed + BOOK[at:]
        again = recut(BOOK, starts, pieces, text)
        assert again is not None and again == (chunk_starts(text), _pieces(text))
        assert again[1][0] is pieces[0] and again[1][-1] is pieces[-1]  # the same objects


def test_an_attributes_line_typed_before_link_definitions_is_recut_as_a_whole():
    # Its reach goes past the pieces after the edit: their cuts are barred now.
    text = "".join(f"Bloc {n}.\n\n" for n in range(6)) + "[a]: x\n\n[b]: y\n\nFin.\n\nApres.\n"
    starts, pieces = chunk_starts(text), _pieces(text)
    for at in range(len(text) - 30, len(text)):
        for typed in ("{.n}\n", "\n{.n}\n\n", "{.n}"):
            edited_text = text[:at] + typed + text[at:]
            again = recut(text, starts, pieces, edited_text)
            if again is not None:
                assert again == (chunk_starts(edited_text), _pieces(edited_text)), (at, typed)


def test_a_reader_holding_the_positions_sees_them_move_all_at_once():
    """The preview's panels read a shown build's positions on their own thread while the
    layout thread parses the next text: they hold ``positions_steady`` and never see some
    chunks moved and others not."""
    import threading

    from layout_studio.model import Paragraph
    from layout_studio.sources.markdown_moves import positions_steady

    parser = IncrementalMarkdown()
    shown = parser.document(_decoded(BOOK))
    paragraphs = [b for s in shown.sections for b in s.blocks() if isinstance(b, Paragraph)]
    lines = [p.source.line for p in paragraphs if p.source is not None]
    moved = "Une ligne de plus.\n" + BOOK  # every later chunk moves one line down
    with positions_steady():
        parsing = threading.Thread(target=parser.document, args=(_decoded(moved),))
        parsing.start()
        parsing.join(timeout=1.0)  # the whole parse takes a few ms: it waits for the reader
        assert parsing.is_alive()
        assert [p.source.line for p in paragraphs if p.source is not None] == lines
    parsing.join()
    after = [p.source.line for p in paragraphs if p.source is not None]
    assert after[-1] == lines[-1] + 1  # moved once the reader let go


def test_an_edit_keeps_every_other_section_as_the_same_object():
    # Later steps (typography, layout) know an unchanged section by identity: the
    # preview's edit should cost its own section, not the book's.
    parser = IncrementalMarkdown()
    text = big_text(STORY, 3)
    before = parser.document(_decoded(text))
    at = text.index("Paris", len(text) // 2)
    edited = text[:at] + "Grande " + text[at:]
    after = parser.document(_decoded(edited))
    assert len(after.sections) == len(before.sections) > 3
    changed = [
        i
        for i, (a, b) in enumerate(zip(before.sections, after.sections, strict=True))
        if a is not b
    ]
    assert len(changed) == 1
    assert "Grande Paris" in repr(after.sections[changed[0]])
    assert repr(after) == repr(fresh(_decoded(edited)).document)
    # A new title line starts a section: the sections after it are new, and right.
    titled = edited[:at] + "\n\n# Intermède\n\n" + edited[at:]
    again = parser.document(_decoded(titled))
    assert len(again.sections) == len(after.sections) + 1
    assert repr(again) == repr(fresh(_decoded(titled)).document)
