"""Build the model from a word processor's paragraphs (DOCX, ODT).

Takes ``RichText``: the paragraphs a DOCX or ODT reader found, with their
emphasis, heading level, footnote calls and notes; gives an ``ImportResult``
shaped like the Markdown reader's, so that a ``.docx``, an ``.odt`` and
their Markdown twin give the same document:

* the "Title" paragraph is the book's title (else the file's title
  property, else a short first line as in plain text, else the first
  sentence), "Subtitle" its subtitle;
* a level-1 heading opens a section, deeper headings are headings;
* a paragraph of asterisks ("* * *", "***", "⁂") is a scene break;
* credits are found in each paragraph as in plain text ("(Cécile)",
  ``sources.credits``), judged on the whole text, and close contributions;
* notes are numbered 1, 2… in the order they are called.

Positions in the report count paragraphs as lines (line = paragraph
number, column = character in the paragraph).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from layout_studio.model import (
    Block,
    Contribution,
    Credit,
    CreditMark,
    Document,
    Footnote,
    FootnoteCall,
    Heading,
    Inline,
    Matter,
    Metadata,
    Paragraph,
    SceneBreak,
    Section,
    SourcePos,
    Text,
)
from layout_studio.sources.credits import (
    ORPHAN_PUNCT,
    ParenCandidate,
    confirm_credits,
    scan_line,
)
from layout_studio.sources.report import (
    CreditRecord,
    ImportReport,
    ImportResult,
    LeftOut,
    RejectedParenthesis,
)
from layout_studio.sources.spans import tidy_spans
from layout_studio.sources.titles import first_sentence_title, is_title_line

_SCENE_BREAK = re.compile(r"(?:\*\s*){3}|⁂|#")


@dataclass(slots=True)
class RichParagraph:
    """One paragraph as a word processor stores it."""

    spans: list[Inline]
    heading: int = 0  # 0 for a body paragraph, else the heading level (1 = section)
    role: str = ""  # "title", "subtitle" or ""


@dataclass(slots=True)
class RichText:
    """What a DOCX or ODT reader found."""

    paragraphs: list[RichParagraph] = field(default_factory=list)
    notes: dict[str, list[list[Inline]]] = field(default_factory=dict)  # note key → paragraphs
    title: str | None = None  # from the file's properties, when no "Title" paragraph
    language: str | None = None


def clean(text: str) -> str:
    """A run's text in NFC, without byte-order marks (as plain-text sources are read)."""
    return unicodedata.normalize("NFC", text.replace("\ufeff", ""))


def plain(spans: list[Inline] | tuple[Inline, ...]) -> str:
    """The text of the spans (notes and credits left out)."""
    return "".join(s.text for s in spans if isinstance(s, Text))


def build(rich: RichText, report: ImportReport) -> ImportResult:
    """The document and its report."""
    title = subtitle = None
    body: list[RichParagraph] = []
    for para in rich.paragraphs:
        text = " ".join(plain(para.spans).split())
        if not text and not _has_call(para.spans):
            continue
        if para.role == "title" and title is None:
            title = text
        elif para.role == "subtitle" and subtitle is None:
            subtitle = text
        else:
            body.append(para)
    if title is None and rich.title:
        title = " ".join(rich.title.split())
    lines = [" ".join(plain(p.spans).split()) for p in body]
    # No "Title" style: a short first line set above the text is the title (as in plain text).
    first_is_title = (
        not title
        and len(body) > 1
        and body[0].heading == 0
        and not _has_call(body[0].spans)
        and is_title_line(lines[0], lines[1:4])
    )
    if first_is_title:
        title, body, lines = lines[0], body[1:], lines[1:]
        report.notes.append("titre lu sur le premier paragraphe (sans style « Titre »)")
    if not title:
        report.title_guessed = True
        first = next((t for p, t in zip(body, lines, strict=True) if p.heading == 0), "")
        title = first_sentence_title(first) or "Sans titre"

    texts = [plain(p.spans) for p in body]
    scans = [scan_line(t) if p.heading == 0 else [] for p, t in zip(body, texts, strict=True)]
    last = max((i for i, p in enumerate(body) if p.heading == 0), default=-1)
    scans = confirm_credits(scans, texts, last)
    offsets = [0]
    for t in texts:
        offsets.append(offsets[-1] + len(t) + 1)

    builder = _Sections(report)
    for number, (para, text, found) in enumerate(zip(body, texts, scans, strict=True), 1):
        where = SourcePos(number, 1, offsets[number - 1])
        for cand in found:
            if not cand.is_credit:
                report.rejected.append(
                    RejectedParenthesis(cand.raw, cand.reason, number, cand.start + 1)
                )
        if para.heading == 1:
            builder.open_section(" ".join(text.split()), where)
        elif para.heading:
            builder.add(
                Heading(min(para.heading, 6), tidy_spans(_unmark_spaces(para.spans)), where)
            )
        elif _SCENE_BREAK.fullmatch(text.strip()) and not _has_call(para.spans):
            builder.add(SceneBreak(where))
        else:
            builder.paragraph(para.spans, text, found, where)
    sections = builder.close()

    labels = _note_labels(sections, rich.notes)
    sections = [_relabel_section(s, labels) for s in sections]
    notes = tuple(
        Footnote(
            label=labels[key],
            paragraphs=tuple(
                Paragraph(tidy_spans(_unmark_spaces(_relabel(p, labels))))
                for p in rich.notes[key]
                if plain(p).strip()
            ),
        )
        for key in sorted(labels, key=lambda k: int(labels[k]))
    )
    language = (rich.language or "fr").split("-")[0].lower() or "fr"
    document = Document(
        metadata=Metadata(title=title, subtitle=subtitle, language=language),
        sections=tuple(sections),
        footnotes=notes,
    )
    return ImportResult(document=document, report=report)


class _Sections:
    """Collects blocks into sections and contributions as they come."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.sections: list[Section] = []
        self.title: str | None = None
        self.source: SourcePos | None = None
        self.started = False
        self.content: list[Block | Contribution] = []
        self.pending: list[Block] = []

    def open_section(self, title: str, where: SourcePos) -> None:
        self._flush()
        self.title, self.source, self.started = title or None, where, True

    def add(self, block: Block) -> None:
        self.pending.append(block)

    def paragraph(
        self, spans: list[Inline], text: str, found: list[ParenCandidate], where: SourcePos
    ) -> None:
        """A body paragraph, cut at each credit (as in plain text)."""
        cursor = 0
        for cand in (c for c in found if c.is_credit):
            assert cand.name is not None
            credit = Credit(
                name=cand.name,
                affiliation=cand.affiliation,
                source=SourcePos(where.line, cand.start + 1, where.offset + cand.start),
                confidence=cand.confidence,
                raw=cand.raw,
            )
            passage = tidy_spans(_unmark_spaces(_slice(spans, cursor, cand.start)))
            self.pending.append(Paragraph((*passage, CreditMark(credit)), where))
            self.content.append(Contribution(tuple(self.pending), credit))
            self.pending = []
            self.report.credits.append(
                CreditRecord(
                    index=len(self.report.credits) + 1,
                    name=credit.name,
                    affiliation=credit.affiliation,
                    raw=cand.raw,
                    confidence=cand.confidence,
                    needs_review=cand.needs_review,
                    line=where.line,
                    column=cand.start + 1,
                    offset=where.offset + cand.start,
                )
            )
            cursor = cand.end
            orphan = ORPHAN_PUNCT.match(text, cursor)
            if orphan:
                self.report.left_out.append(
                    LeftOut(
                        kind="orphan-punctuation",
                        reason=f"ponctuation isolée après le crédit {cand.raw}",
                        first_line=where.line,
                        last_line=where.line,
                        chars=len(orphan.group(0).strip()),
                        text=orphan.group(0).strip(),
                    )
                )
                cursor = orphan.end()
        rest = tidy_spans(_unmark_spaces(_slice(spans, cursor, len(text))))
        if rest:
            self.pending.append(Paragraph(rest, where))

    def close(self) -> list[Section]:
        self._flush()
        return self.sections

    def _flush(self) -> None:
        self.content.extend(self.pending)
        if self.started or self.content:
            self.sections.append(
                Section(self.title, tuple(self.content), Matter.BODY, False, self.source)
            )
        self.content, self.pending = [], []


def _has_call(spans: list[Inline]) -> bool:
    return any(isinstance(s, FootnoteCall) for s in spans)


def _slice(spans: list[Inline], start: int, end: int) -> list[Inline]:
    """The spans covering characters [start, end) of the paragraph's text.

    A note call sitting exactly at ``start`` belongs to the piece before it
    ("jardin[^1] (Alice)" keeps its call), except at the paragraph's start.
    """
    out: list[Inline] = []
    pos = 0
    for span in spans:
        if isinstance(span, Text):
            a, b = max(start, pos), min(end, pos + len(span.text))
            if a < b:
                out.append(Text(span.text[a - pos : b - pos], span.marks))
            pos += len(span.text)
        elif start < pos <= end or (pos == start == 0):
            out.append(span)
    return out


def _unmark_spaces(spans: list[Inline]) -> list[Inline]:
    """Move spaces at the edges of an italic or bold run out of it, as Markdown sees them."""
    out: list[Inline] = []
    for span in spans:
        if not isinstance(span, Text) or not span.marks:
            out.append(span)
            continue
        core = span.text.strip()
        if not core:
            out.append(Text(span.text))
            continue
        lead = span.text[: len(span.text) - len(span.text.lstrip())]
        trail = span.text[len(span.text.rstrip()) :]
        if lead:
            out.append(Text(lead))
        out.append(Text(core, span.marks))
        if trail:
            out.append(Text(trail))
    return out


def _note_labels(sections: list[Section], notes: dict[str, list[list[Inline]]]) -> dict[str, str]:
    """Note keys numbered 1, 2… in the order they are first called; uncalled notes last."""
    order: list[str] = []
    for section in sections:
        for block in section.blocks():
            if isinstance(block, Paragraph | Heading):
                for span in block.spans:
                    if isinstance(span, FootnoteCall) and span.label not in order:
                        order.append(span.label)
    order = [k for k in order if k in notes] + [k for k in notes if k not in order]
    return {key: str(n) for n, key in enumerate(order, 1)}


def _relabel(spans: list[Inline] | tuple[Inline, ...], labels: dict[str, str]) -> list[Inline]:
    return [
        FootnoteCall(labels[s.label]) if isinstance(s, FootnoteCall) and s.label in labels else s
        for s in spans
        if not (isinstance(s, FootnoteCall) and s.label not in labels)
    ]


def _relabel_block(block: Block, labels: dict[str, str]) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(tuple(_relabel(block.spans, labels)), block.source)
    if isinstance(block, Heading):
        return Heading(block.level, tuple(_relabel(block.spans, labels)), block.source)
    return block


def _relabel_section(section: Section, labels: dict[str, str]) -> Section:
    content: list[Block | Contribution] = []
    for item in section.content:
        if isinstance(item, Contribution):
            blocks = tuple(_relabel_block(b, labels) for b in item.blocks)
            content.append(Contribution(blocks, item.credit))
        else:
            content.append(_relabel_block(item, labels))
    return Section(section.title, tuple(content), section.matter, section.candidate, section.source)
