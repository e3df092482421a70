"""Where each print page begins, for the EPUB's ``page-list``.

Takes the ``TypesetDocument`` (its pages' lines and paragraph sources);
gives ``PageMark``s: for each print page whose text comes from the story,
the section, paragraph and word where that page starts. Words are counted
as whitespace-separated runs of the lines the PDF set, so a page starting
after "entre-|prises," is marked after "entreprises,".
"""

from __future__ import annotations

from layout_studio.export.epub.xhtml import PageMark, word_count
from layout_studio.layout.page import TypesetDocument

INDEX = -2  # PageMark.section of the contributor index's first page


def page_marks(book: TypesetDocument) -> list[PageMark]:
    """One mark per print page that opens a section or starts inside a paragraph."""
    openings: dict[int, int] = {}  # page index → section index
    for anchor, page_index in book.anchors.items():
        if anchor.startswith("s") and anchor[1:].isdigit():
            openings.setdefault(page_index, int(anchor[1:]))
    if "index" in book.anchors:
        openings.setdefault(book.anchors["index"], INDEX)
    words_before: dict[int, int] = {}  # paragraph id → words set on earlier lines
    marks: list[PageMark] = []
    for page in book.pages:
        if page.index in openings:
            marks.append(PageMark(page.folio, openings[page.index], -1))
        else:
            first = next((ln for ln in page.lines if ln.para in book.paragraph_sources), None)
            if first is not None:
                section, paragraph = book.paragraph_sources[first.para]
                start = words_before.get(first.para, 0) if first.index > 0 else 0
                marks.append(PageMark(page.folio, section, paragraph, start))
        for line in page.lines:
            if line.para in book.paragraph_sources and line.kind == "text":
                count = word_count(line.text)
                if _split_word(line.text):
                    count -= 1  # "Mana-" + "ger," are one word of the source
                words_before[line.para] = words_before.get(line.para, 0) + count
    return marks


def _split_word(text: str) -> bool:
    """The line ends inside a word (discretionary or explicit hyphen)."""
    stripped = text.rstrip()
    return stripped.endswith(("-", "\u2010")) and len(stripped) > 1 and not stripped[-2].isspace()
