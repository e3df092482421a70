"""Document model → XHTML content documents for the EPUB.

Takes the corrected ``Document``, the theme's credit placement and a few
options; gives XHTML strings (one per section, plus title page, colophon,
contributor index and cover page). Everything the author wrote is escaped,
never interpreted: ``<script>`` in a passage is printed as ``<script>``.
Characters XML cannot carry (C0 controls) are dropped and counted in
``Writer.removed`` so the caller can report them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from layout_studio.model.document import (
    Contribution,
    Credit,
    CreditMark,
    FootnoteCall,
    Heading,
    Inline,
    Mark,
    Paragraph,
    SceneBreak,
    Section,
    Text,
)

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"

# XML 1.0 forbids C0 controls except tab/LF/CR, lone surrogates and U+FFFE/FFFF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*\w)?")


@dataclass(frozen=True)
class PageMark:
    """Where print page ``label`` starts: before word ``word`` of a paragraph, or a part's start.

    ``section`` is a section index or a generated part (see ``pagelist``); ``target``
    names the index line a page of the contributor index starts with.
    """

    label: str
    section: int
    paragraph: int  # -1: at the section's (or part's) start
    word: int = 0
    target: str = ""

    @property
    def anchor(self) -> str:
        """The marker's id in the XHTML."""
        return f"page-{self.label}"


@dataclass
class Writer:
    """Turns model pieces into escaped XHTML; remembers what it had to change."""

    language: str = "fr"
    credit_placement: str = "signed"
    drop_caps: bool = False
    separator: str = "none"
    soft_hyphens: Callable[[str], str] | None = None
    english_soft_hyphens: Callable[[str], str] | None = None  # for {lang=en} runs
    narrow_nbsp: bool = True  # False: U+202F replaced by U+00A0 (no embedded font has it)
    removed: Counter[str] = field(default_factory=Counter)
    replaced_narrow: int = 0
    chars: set[str] = field(default_factory=set)
    passages: int = 0  # passages written so far: ids c0, c1… match the PDF's anchors
    styles: set[str] = field(default_factory=lambda: {"regular"})  # body faces the text uses

    # ---- escaping ------------------------------------------------------------
    def esc(self, text: str) -> str:
        """Text as XML character data (``&``, ``<``, ``>`` and quotes escaped)."""
        text = self._clean(text)
        self.chars.update(text)
        return (
            text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
        )

    def _clean(self, text: str) -> str:
        for bad in _INVALID_XML.findall(text):
            self.removed[bad] += 1
        text = _INVALID_XML.sub("", text)
        if not self.narrow_nbsp and "\u202f" in text:
            self.replaced_narrow += text.count("\u202f")
            text = text.replace("\u202f", "\u00a0")
        return text

    # ---- documents -------------------------------------------------------------
    def document(self, title: str, body: str, *, body_type: str = "", css: str = "") -> str:
        """A complete XHTML content document."""
        lang = self.esc(self.language)
        link = f'<link rel="stylesheet" type="text/css" href="{css}"/>\n' if css else ""
        epub_type = f' epub:type="{body_type}"' if body_type else ""
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}" xml:lang="{lang}" lang="{lang}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<title>{self.esc(title)}</title>\n{link}</head>\n'
            f"<body{epub_type}>\n{body}</body>\n</html>\n"
        )

    def inline(
        self,
        spans: Iterable[Inline],
        note_href: Callable[[str], str] | None = None,
        *,
        hyphens: bool = True,
    ) -> str:
        """Inline spans as XHTML (credits left out: the caller places them).

        ``hyphens=False``: no soft hyphens (an index quotes words, it does not set them).
        """
        out: list[str] = []
        for span in spans:
            if isinstance(span, Text):
                out.append(self.text_run(span, hyphens=hyphens))
            elif isinstance(span, FootnoteCall) and note_href is not None:
                label = self.esc(span.label)
                out.append(
                    f'<a epub:type="noteref" role="doc-noteref" id="noteref-{_ident(span.label)}"'
                    f' href="{note_href(span.label)}"><sup>{label}</sup></a>'
                )
        return "".join(out)

    def text_run(self, span: Text, *, hyphens: bool = True) -> str:
        """One text run with its marks."""
        text = span.text
        english = Mark.LANG_EN in span.marks
        soft = (self.english_soft_hyphens if english else self.soft_hyphens) if hyphens else None
        if soft is not None and Mark.NOBREAK not in span.marks:
            text = soft(text)  # each language's own patterns
        html = self.esc(text)
        if Mark.SMALL_CAPS in span.marks:  # capitals too: a century's numeral
            html = f'<span class="sc">{html}</span>'
        if Mark.NOBREAK in span.marks:
            html = f'<span class="nowrap">{html}</span>'
        if Mark.SUPERSCRIPT in span.marks:
            html = f"<sup>{html}</sup>"
        if english:
            html = f'<span lang="en" xml:lang="en">{html}</span>'
        if Mark.STRONG in span.marks:
            html = f"<strong>{html}</strong>"
        if Mark.EMPHASIS in span.marks:
            html = f"<em>{html}</em>"
        bold, italic = Mark.STRONG in span.marks, Mark.EMPHASIS in span.marks
        self.styles.add(
            {(True, True): "bolditalic", (True, False): "bold"}.get(
                (bold, italic), "italic" if italic else "regular"
            )
        )
        return html

    def credit(self, credit: Credit) -> str:
        """The credit as the theme places it (inline, signed, own line or margin)."""
        label = self.esc(credit.label)
        self.styles.add("italic")  # credits, and the colophon's title, are often italic
        if self.credit_placement == "inline":
            return f'\u00a0<span class="credit">({label})</span>'
        if self.credit_placement == "signed":
            return f'\u00a0<span class="credit signed">{label}</span>'
        return f'<p class="credit">{label}</p>\n'

    def paragraph(
        self,
        para: Paragraph,
        *,
        classes: str = "",
        credit: Credit | None = None,
        marks: Iterable[PageMark] = (),
        note_href: Callable[[str], str] | None = None,
    ) -> str:
        """A ``<p>``; page-break markers inserted before their word."""
        spans = [s for s in para.spans if not isinstance(s, CreditMark)]
        body = self.inline(spans, note_href)
        for mark in sorted(marks, key=lambda m: -m.word):
            body = _insert_before_word(body, mark.word, self.pagebreak(mark))
        cls = f' class="{classes}"' if classes else ""
        tail = ""
        if credit is not None:
            placed = self.credit(credit)
            if placed.startswith("<p"):
                tail = placed
            else:
                body += placed
        return f"<p{cls}>{body}</p>\n{tail}"

    def pagebreak(self, mark: PageMark) -> str:
        """An EPUB page-break marker for print page ``mark.label``."""
        label = self.esc(mark.label)
        return (
            f'<span epub:type="pagebreak" role="doc-pagebreak" id="{mark.anchor}"'
            f' aria-label="{label}"></span>'
        )

    def section(
        self,
        section: Section,
        index: int,
        *,
        marks: list[PageMark],
        note_href: Callable[[str], str],
        notes: str = "",
    ) -> str:
        """A whole section: title, passages (each its own ``div``), notes."""
        parts: list[str] = []
        opening = [m for m in marks if m.paragraph < 0]
        parts.extend(self.pagebreak(m) + "\n" for m in opening)
        if section.title:
            parts.append(f'<h1 id="s{index}-title">{self.esc(section.title)}</h1>\n')
        by_para: dict[int, list[PageMark]] = {}
        for m in marks:
            if m.paragraph >= 0:
                by_para.setdefault(m.paragraph, []).append(m)
        ordinal = 0
        first = True
        passage = 0  # within this section

        def block_html(block: object, credit: Credit | None) -> str:
            nonlocal ordinal, first
            if isinstance(block, Paragraph):
                classes = []
                if first:
                    classes.append("first")
                    if self.drop_caps and section.matter.value == "body":
                        classes.append("drop")
                html = self.paragraph(
                    block,
                    classes=" ".join(classes),
                    credit=credit,
                    marks=by_para.get(ordinal, ()),
                    note_href=note_href,
                )
                ordinal += 1
                first = False
                return html
            if isinstance(block, Heading):
                level = min(6, max(2, block.level))
                if level >= 3:
                    self.styles.add("bold")
                return f"<h{level}>{self.inline(block.spans, note_href)}</h{level}>\n"
            if isinstance(block, SceneBreak):
                first = True
                return '<hr class="scene"/>\n'
            return ""

        for item in section.content:
            if isinstance(item, Contribution):
                inner: list[str] = []
                for j, block in enumerate(item.blocks):
                    last = j == len(item.blocks) - 1
                    credit = item.credit if last and isinstance(block, Paragraph) else None
                    inner.append(block_html(block, credit))
                if item.blocks and not isinstance(item.blocks[-1], Paragraph):
                    inner.append(f'<p class="credit">{self.esc(item.credit.label)}</p>\n')
                cls = "passage" + (" separated" if passage and self.separator != "none" else "")
                parts.append(
                    f'<div class="{cls}" id="c{self.passages}">\n' + "".join(inner) + "</div>\n"
                )
                passage += 1
                self.passages += 1
            else:
                parts.append(block_html(item, None))
        labelled = f' aria-labelledby="s{index}-title"' if section.title else ""
        kind = {"front": "preface", "back": "afterword"}.get(section.matter.value, "chapter")
        role = {"chapter": "doc-chapter", "preface": "doc-preface", "afterword": "doc-afterword"}
        return (
            f'<section id="s{index}" epub:type="{kind}" role="{role[kind]}"{labelled}>\n'
            + "".join(parts)
            + notes
            + "</section>\n"
        )


def _ident(label: str) -> str:
    """A label made safe for an XML id (ids never come raw from the text)."""
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in label) or "_"


def note_id(label: str) -> str:
    """The footnote's id for ``label``."""
    return f"note-{_ident(label)}"


def _insert_before_word(html: str, word: int, marker: str) -> str:
    """Insert ``marker`` before the ``word``-th whitespace-separated word of the text.

    Words are counted in character data only (tags skipped), as the PDF's
    lines count them, so the marker lands where the print page begins.
    """
    if word <= 0:
        return marker + html
    count = 0
    in_tag = False
    prev_space = True
    for i, ch in enumerate(html):
        if ch == "<":
            in_tag = True
            continue
        if in_tag:
            if ch == ">":
                in_tag = False
            continue
        space = ch.isspace()
        if prev_space and not space:
            if count == word:
                return html[:i] + marker + html[i:]
            count += 1
        prev_space = space
    return html + marker


def soft_hyphenator(positions: Callable[[str], tuple[int, ...]]) -> Callable[[str], str]:
    """A function inserting U+00AD at every hyphenation point of every word."""

    def apply(text: str) -> str:
        def cut(match: re.Match[str]) -> str:
            word = match.group(0)
            points = positions(word)
            if not points:
                return word
            out, last = [], 0
            for p in points:
                out.append(word[last:p])
                last = p
            out.append(word[last:])
            # No soft hyphen right after an explicit one (the break is already there).
            joined = out[0]
            for part in out[1:]:
                joined += part if joined.endswith("-") else "\u00ad" + part
            return joined

        return _WORD.sub(cut, text)

    return apply


def word_count(text: str) -> int:
    """Words as the page-break markers count them."""
    return len(text.split())


__all__ = [
    "PageMark",
    "Writer",
    "note_id",
    "soft_hyphenator",
    "word_count",
]
