"""Import a raw plain-text page (such as the #CMAD blog copy) into the model.

Takes a ``DecodedText``; gives an ``ImportResult``: the story as the body,
one ``Contribution`` per credit, the introduction and the "how it was
written" notes as front/back matter *candidates*, the numbered footnotes,
and a report listing every credit (with confidence), every rejected
parenthesis and everything left out (blog comments, widget residue).

How the page is cut:
1. paragraphs are lines, or joined lines when the text is hard-wrapped;
   web residue ("Partager", cookie banners…) is set aside (``paragraphs``);
2. a short first line that reads as a heading is the title (``titles``);
3. the story is the run of paragraphs holding the most credits; a text with
   fewer than three credits, none of them closing it, has none: its names
   in parentheses are quoted, and the whole text is the body;
4. "(n) text" paragraphs outside the story are footnotes;
5. blog comments start with the paragraph before the first
   "RépondreSupprimer" residue and run to the end of the page;
6. what lies before the story is the introduction, what lies between the
   story and the comments is the "how it was written" part.
"""

from __future__ import annotations

import re

from layout_studio.model import (
    Block,
    Contribution,
    Credit,
    CreditMark,
    Document,
    Footnote,
    FootnoteCall,
    Inline,
    Matter,
    Metadata,
    Paragraph,
    Section,
    SourcePos,
    Text,
)
from layout_studio.sources.credits import (
    MIN_STORY_CREDITS,
    ORPHAN_PUNCT,
    ParenCandidate,
    confirm_credits,
    scan_line,
)
from layout_studio.sources.metadata_values import without_forbidden
from layout_studio.sources.paragraphs import RawParagraph as _Para
from layout_studio.sources.paragraphs import split_paragraphs
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.report import (
    CreditRecord,
    ImportReport,
    ImportResult,
    LeftOut,
    MatterCandidate,
    RejectedParenthesis,
)
from layout_studio.sources.titles import first_sentence_title, is_title_line

_FOOTNOTE = re.compile(r"^\((\d{1,3})\)\s+(\S.*)$")
_FOOTNOTE_CALL = re.compile(r"(?<=\s)\((\d{1,3})\)(?=[\s.,;:!?]|$)")

#: Titles given to the candidate sections.
INTRODUCTION_TITLE = "Introduction"
HOW_IT_WAS_WRITTEN_TITLE = "Comment cette histoire a été écrite"
STORY_TITLE = "L’histoire"


def import_plaintext(decoded: DecodedText) -> ImportResult:
    """Cut a raw page into a document and an import report."""
    report = ImportReport.for_source(decoded, "txt")
    paras, residue, wrapped = split_paragraphs(decoded.text)
    for item in residue:
        report.left_out.append(
            LeftOut(
                kind="web-residue",
                reason=f"résidu de page web ({item.kind})",
                first_line=item.first_line,
                last_line=item.last_line,
                chars=len(item.text),
                text=item.text,
            )
        )
    if wrapped:
        report.notes.append("texte coupé à la main : lignes réunies en paragraphes")
    scans = [scan_line(p.text) for p in paras]
    title_line: str | None = None
    if (
        len(paras) > 1
        and not any(c.is_credit for c in scans[0])
        and not paras[0].residue
        and is_title_line(paras[0].text, [p.text for p in paras[1:4]])
    ):
        title_line = paras[0].text
        report.notes.append(f"titre lu sur la première ligne (ligne {paras[0].line})")
        paras, scans = paras[1:], scans[1:]
    first_comment = next((i for i, p in enumerate(paras) if p.residue), len(paras))
    last = first_comment - 2 if first_comment < len(paras) else len(paras) - 1
    scans = confirm_credits(scans, [p.text for p in paras], last)
    for para, found in zip(paras, scans, strict=True):
        for cand in found:
            if not cand.is_credit:
                report.rejected.append(
                    RejectedParenthesis(cand.raw, cand.reason, para.line, cand.start + 1)
                )

    story_start, story_end = _story_range(paras, scans)
    comments_start = _comments_start(paras, story_end)
    footnote_ids = {
        i
        for i, p in enumerate(paras)
        if (i < story_start or i > story_end) and i < comments_start and _FOOTNOTE.match(p.text)
    }
    footnotes = tuple(
        Footnote(
            label=m.group(1),
            paragraphs=(_paragraph(m.group(2), paras[i], set(), report),),
        )
        for i in sorted(footnote_ids)
        if (m := _FOOTNOTE.match(paras[i].text))
    )
    labels = {f.label for f in footnotes}

    sections: list[Section] = []
    front = [i for i in range(0, max(story_start, 0)) if i not in footnote_ids]
    if front:
        sections.append(_candidate(paras, front, Matter.FRONT, INTRODUCTION_TITLE, labels, report))
    body_content: list[Block | Contribution] = []
    if story_start >= 0:
        body_content = _story(
            paras[story_start : story_end + 1], scans[story_start : story_end + 1], labels, report
        )
        sections.append(
            Section(
                title=STORY_TITLE,
                content=tuple(body_content),
                matter=Matter.BODY,
                source=_pos(paras[story_start], 0),
            )
        )
    back_first = story_end + 1 if story_start >= 0 else 0
    back = [i for i in range(back_first, comments_start) if i not in footnote_ids]
    if back and story_start >= 0:
        sections.append(
            _candidate(paras, back, Matter.BACK, HOW_IT_WAS_WRITTEN_TITLE, labels, report)
        )
    elif back:
        # No credit anywhere: the whole text is the body, set without credits,
        # rather than a candidate the book would leave out (no text lost).
        report.notes.append("aucun crédit reconnu : tout le texte est mis en page sans signature")
        sections.append(
            Section(
                title=None,
                content=tuple(_paragraph(paras[i].text, paras[i], labels, report) for i in back),
                matter=Matter.BODY,
                source=_pos(paras[back[0]], 0),
            )
        )
    if comments_start < len(paras):
        tail = paras[comments_start:]
        report.left_out.append(
            LeftOut(
                kind="comments",
                reason="commentaires du blog (doublons des contributions, remerciements, "
                "résidus « RépondreSupprimer »)",
                first_line=tail[0].line,
                last_line=tail[-1].line,
                chars=sum(len(p.residue) + len(p.text) for p in tail),
                text="\n".join(p.residue + p.text for p in tail),
            )
        )
    if title_line is not None:
        title = title_line
    else:
        title = _guess_title(sections)
        report.title_guessed = True
    document = Document(
        metadata=Metadata(title=title, language="fr"),
        sections=tuple(sections),
        footnotes=_in_call_order(sections, footnotes),
    )
    return ImportResult(document=document, report=report)


def _in_call_order(sections: list[Section], notes: tuple[Footnote, ...]) -> tuple[Footnote, ...]:
    """Notes in the order they are first called (uncalled ones last), as Markdown numbers them."""
    order: list[str] = []
    for section in sections:
        for block in section.blocks():
            if isinstance(block, Paragraph):
                order.extend(s.label for s in block.spans if isinstance(s, FootnoteCall))
    rank = {label: i for i, label in reversed(list(enumerate(order)))}
    return tuple(sorted(notes, key=lambda n: rank.get(n.label, len(order))))


def _story_range(paras: list[_Para], scans: list[list[ParenCandidate]]) -> tuple[int, int]:
    """Indices of the first and last paragraph of the densest run of credits."""
    credit_ids = [i for i, found in enumerate(scans) if any(c.is_credit for c in found)]
    if not credit_ids:
        return -1, -1
    if sum(c.is_credit for found in scans for c in found) < MIN_STORY_CREDITS:
        # A signed text (see ``confirm_credits``): the signature closes all of it.
        return 0, credit_ids[-1]
    runs: list[list[int]] = [[credit_ids[0]]]
    for i in credit_ids[1:]:
        # A contribution may span a few uncredited paragraphs.
        if i - runs[-1][-1] <= 4 and not paras[i].residue:
            runs[-1].append(i)
        else:
            runs.append([i])

    def weight(run: list[int]) -> int:
        return sum(sum(c.is_credit for c in scans[i]) for i in run)

    best = max(runs, key=weight)
    return best[0], best[-1]


def _comments_start(paras: list[_Para], story_end: int) -> int:
    for i in range(story_end + 1, len(paras)):
        if paras[i].residue:
            # The first comment precedes the first "RépondreSupprimer" residue.
            first = i - 1 if i - 1 > story_end and not _FOOTNOTE.match(paras[i - 1].text) else i
            return first
    return len(paras)


def _story(
    paras: list[_Para],
    scans: list[list[ParenCandidate]],
    labels: set[str],
    report: ImportReport,
) -> list[Block | Contribution]:
    """Cut the story's paragraphs at each credit into contributions."""
    content: list[Block | Contribution] = []
    pending: list[Block] = []
    for para, found in zip(paras, scans, strict=True):
        cursor = 0
        for cand in (c for c in found if c.is_credit):
            assert cand.name is not None
            passage = para.text[cursor : cand.start]
            credit = Credit(
                name=cand.name,
                affiliation=cand.affiliation,
                source=_pos(para, cand.start),
                confidence=cand.confidence,
                raw=cand.raw,
            )
            spans = (*_inline(passage.strip(), labels), CreditMark(credit))
            pending.append(Paragraph(spans=spans, source=_pos(para, cursor)))
            content.append(Contribution(blocks=tuple(pending), credit=credit))
            pending = []
            pos = credit.source
            assert pos is not None
            report.credits.append(
                CreditRecord(
                    index=len(report.credits) + 1,
                    name=credit.name,
                    affiliation=credit.affiliation,
                    raw=cand.raw,
                    confidence=cand.confidence,
                    needs_review=cand.needs_review,
                    line=pos.line,
                    column=pos.column,
                    offset=pos.offset,
                )
            )
            cursor = cand.end
            orphan = ORPHAN_PUNCT.match(para.text, cursor)
            if orphan:
                report.left_out.append(
                    LeftOut(
                        kind="orphan-punctuation",
                        reason=f"ponctuation isolée après le crédit {cand.raw}",
                        first_line=para.line,
                        last_line=para.line,
                        chars=len(orphan.group(0).strip()),
                        text=orphan.group(0).strip(),
                    )
                )
                cursor = orphan.end()
        rest = para.text[cursor:].strip()
        if rest:
            pending.append(_paragraph(rest, para, labels, report, column=cursor))
    if pending:
        report.notes.append(
            f"{len(pending)} paragraphe(s) sans crédit à la fin de l’histoire, "
            "gardé(s) tel(s) quel(s)"
        )
        content.extend(pending)
    return content


def _candidate(
    paras: list[_Para],
    ids: list[int],
    matter: Matter,
    title: str,
    labels: set[str],
    report: ImportReport,
) -> Section:
    blocks: tuple[Block, ...] = tuple(
        _paragraph(paras[i].text, paras[i], labels, report) for i in ids
    )
    report.candidates.append(
        MatterCandidate(
            matter=matter.value,
            title=title,
            first_line=paras[ids[0]].line,
            last_line=paras[ids[-1]].line,
            paragraphs=len(ids),
        )
    )
    for i in ids:
        if paras[i].residue:
            report.left_out.append(
                LeftOut(
                    "residue",
                    "résidu de widget de blog",
                    paras[i].line,
                    paras[i].line,
                    len(paras[i].residue),
                    paras[i].residue,
                )
            )
    return Section(
        title=title,
        content=blocks,
        matter=matter,
        candidate=True,
        source=_pos(paras[ids[0]], 0),
    )


def _paragraph(
    text: str, para: _Para, labels: set[str], report: ImportReport, column: int = 0
) -> Paragraph:
    return Paragraph(spans=_inline(text.strip(), labels), source=_pos(para, column))


def _inline(text: str, labels: set[str]) -> tuple[Inline, ...]:
    """Plain text to spans; "(n)" becomes a footnote call when note n exists."""
    text = " ".join(text.split())
    spans: list[Inline] = []
    cursor = 0
    for m in _FOOTNOTE_CALL.finditer(text):
        if m.group(1) not in labels:
            continue
        before = text[cursor : m.start()].rstrip()
        if before:
            spans.append(Text(before))
        spans.append(FootnoteCall(m.group(1)))
        cursor = m.end()
    if text[cursor:]:
        spans.append(Text(text[cursor:]))
    return tuple(spans)


def _pos(para: _Para, column: int) -> SourcePos:
    return SourcePos(line=para.line, column=column + 1, offset=para.offset + column)


def _guess_title(sections: list[Section]) -> str:
    """The body's first sentence, cut short: the editor is asked to confirm it."""
    for section in sections:
        if section.matter is not Matter.BODY:
            continue
        for block in section.blocks():
            if isinstance(block, Paragraph):
                text = "".join(s.text for s in block.spans if isinstance(s, Text))
                return without_forbidden(first_sentence_title(text) or "") or "Sans titre"
    return "Sans titre"
