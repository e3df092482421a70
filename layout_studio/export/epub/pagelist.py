"""Where each print page begins, for the EPUB's ``page-list``.

Takes the ``TypesetDocument`` (its pages, lines, anchors and paragraph
sources); gives one ``PageMark`` per print page, roman front matter and
blank pages included: the generated page (title, colophon, dedication,
table of contents) or the section, paragraph and word, or the index line,
where that page starts. Words are counted as whitespace-separated runs of
the lines the PDF set, so a page starting after "entre-|prises," is marked
after "entreprises,". A blank page shares the mark of the page after it.
"""

from __future__ import annotations

from layout_studio.export.epub.xhtml import PageMark, word_count
from layout_studio.layout.page import Anchor, Page, TypesetDocument

INDEX = -2  # PageMark.section of the contributor index
TITLE = -3  # the title page (print: half-title and title page)
COLOPHON = -4
NAV = -5  # the table of contents
DEDICATION = -6
NOTES = -7  # the endnotes (the EPUB keeps them beside their section)
_CONTINUED = PageMark("", 0, 0)
_GENERATED = {
    "half-title": TITLE,
    "title-page": TITLE,
    "colophon": COLOPHON,
    "dedication": DEDICATION,
    "toc": NAV,
    "index": INDEX,
    "notes": NOTES,
}


def page_marks(book: TypesetDocument) -> list[PageMark]:
    """One mark per print page, in page order."""
    openings: dict[int, int] = {}  # page index → section index or generated part
    for anchor, page_index in book.anchors.items():
        if anchor.startswith("s") and anchor[1:].isdigit():
            openings.setdefault(page_index, int(anchor[1:]))
        elif anchor in _GENERATED:
            openings.setdefault(page_index, _GENERATED[anchor])
    words_before: dict[int, int] = {}  # paragraph id → words set on earlier lines
    marks: list[PageMark] = []
    blanks: list[str] = []  # labels waiting for the next page's mark
    for page in book.pages:
        mark = _start(page, openings, book, words_before)
        if mark is _CONTINUED:  # a page this module cannot place: where the last one began
            mark = _same_place(marks[-1], page.folio) if marks else None
        if mark is None:
            blanks.append(page.folio)
        else:
            marks += [_same_place(mark, label) for label in blanks]
            marks.append(mark)
            blanks = []
        for line in page.lines:
            if line.para in book.paragraph_sources and line.kind == "text":
                count = word_count(line.text)
                if _split_word(line.text):
                    count -= 1  # "Mana-" + "ger," are one word of the source
                words_before[line.para] = words_before.get(line.para, 0) + count
    if blanks and marks:  # blank pages at the very end: where the last page begins
        marks += [_same_place(marks[-1], label) for label in blanks]
    return marks


def _start(
    page: Page, openings: dict[int, int], book: TypesetDocument, words_before: dict[int, int]
) -> PageMark | None:
    """Where ``page`` begins; None for a page with nothing on it."""
    if page.index in openings:
        return PageMark(page.folio, openings[page.index], -1)
    first = next((ln for ln in page.lines if ln.para in book.paragraph_sources), None)
    if first is not None:
        section, paragraph = book.paragraph_sources[first.para]
        start = words_before.get(first.para, 0) if first.index > 0 else 0
        return PageMark(page.folio, section, paragraph, start)
    entries = [i for i in page.items if isinstance(i, Anchor) and i.name.startswith("ix")]
    if entries:  # an index page after the first: its top line
        return PageMark(page.folio, INDEX, -1, target=min(entries, key=lambda a: a.y).name)
    return _CONTINUED if page.lines or page.runs() else None


def _same_place(mark: PageMark, label: str) -> PageMark:
    return PageMark(label, mark.section, mark.paragraph, mark.word, mark.target)


def _split_word(text: str) -> bool:
    """The line ends inside a word (discretionary or explicit hyphen)."""
    stripped = text.rstrip()
    return stripped.endswith(("-", "\u2010")) and len(stripped) > 1 and not stripped[-2].isspace()
