"""Read a Word ``.docx`` with python-docx into the model.

Takes a path; gives an ``ImportResult`` (see ``rich_text`` for how
paragraphs become the model) or raises ``InputError`` with one line.

Read: body paragraphs in order (also inside tables and content controls),
with italics, bold, small capitals and superscript (direct or from a
character style),
"Title", "Subtitle" and "Heading n" paragraph styles (or an outline level),
footnotes and endnotes, line breaks and tabs as spaces. Left out and
counted in the report: images, drawings and text boxes; deleted text of
tracked changes is never read. Macros are refused by ``office``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle

from layout_studio.errors import InputError
from layout_studio.model import FootnoteCall, Inline, Mark, Text
from layout_studio.sources.office import read_office_file
from layout_studio.sources.report import ImportReport, ImportResult
from layout_studio.sources.rich_text import RichParagraph, RichText, build, clean

#: Deepest style inheritance followed (Word allows loops in broken files).
_MAX_STYLE_DEPTH = 16
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = {qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{_MC}AlternateContent"}
_NOT_READ = {qn("w:del"), qn("w:moveFrom")}
_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


def import_docx(path: Path) -> ImportResult:
    """Read a ``.docx`` file into a document and its report."""
    raw, notes = read_office_file(path, "docx")
    try:
        document = open_docx(io.BytesIO(raw))
        reader = _Reader(document)
        rich = reader.read()
    except InputError:
        raise
    except Exception as exc:  # a damaged part: any parser error is the file's fault
        raise InputError(
            path, f"document Word illisible ({type(exc).__name__}: {exc})"[:300]
        ) from None
    report = ImportReport(str(path), "docx", "xml", False, "none", notes=notes)
    if reader.skipped:
        report.notes.append(
            f"{reader.skipped} image(s), dessin(s) ou zone(s) de texte laissé(s) de côté"
        )
    if not any(p.spans for p in rich.paragraphs):
        only = f" ; seulement {reader.skipped} image(s) ou dessin(s)" if reader.skipped else ""
        raise InputError(path, f"document vide (aucun texte{only})")
    return build(rich, report)


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles: dict[str, BaseStyle] = {s.style_id: s for s in document.styles}
        self.skipped = 0

    def read(self) -> RichText:
        props = self.document.core_properties
        rich = RichText(title=props.title or None, language=props.language or None)
        body = self.document.element.body
        rich.paragraphs = [self._paragraph(p) for p in _paragraphs(body)]
        for reltype, prefix in ((RT.FOOTNOTES, "fn"), (RT.ENDNOTES, "en")):
            for rel in self.document.part.rels.values():
                if rel.reltype == reltype and not rel.is_external:
                    self._notes(parse_xml(rel.target_part.blob), prefix, rich)
        return rich

    def _notes(self, root: Any, prefix: str, rich: RichText) -> None:
        for note in root:
            if note.tag not in (qn("w:footnote"), qn("w:endnote")):
                continue
            if note.get(qn("w:type")) in _NOTE_TYPES:
                continue
            key = f"{prefix}{note.get(qn('w:id'))}"
            rich.notes[key] = [self._paragraph(p).spans for p in _paragraphs(note)]

    def _paragraph(self, p: Any) -> RichParagraph:
        role, level = self._paragraph_style(p)
        spans: list[Inline] = []
        for run in _runs(p, self):
            marks = self._marks(run)
            for child in run:
                tag = child.tag
                if tag == qn("w:t"):
                    spans.append(Text(clean(child.text or ""), marks))
                elif tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                    spans.append(Text(" ", marks))
                elif tag == qn("w:noBreakHyphen"):
                    spans.append(Text("\u2011", marks))
                elif tag == qn("w:footnoteReference"):
                    spans.append(FootnoteCall(f"fn{child.get(qn('w:id'))}"))
                elif tag == qn("w:endnoteReference"):
                    spans.append(FootnoteCall(f"en{child.get(qn('w:id'))}"))
        return RichParagraph(spans, heading=level, role=role)

    def _paragraph_style(self, p: Any) -> tuple[str, int]:
        ppr = p.find(qn("w:pPr"))
        style_id = None
        outline = None
        if ppr is not None:
            pstyle = ppr.find(qn("w:pStyle"))
            style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
            lvl = ppr.find(qn("w:outlineLvl"))
            outline = lvl.get(qn("w:val")) if lvl is not None else None
        for style in self._chain(style_id):
            name = (style.name or "").casefold()
            if name == "title":
                return "title", 0
            if name == "subtitle":
                return "subtitle", 0
            if name.startswith("heading ") and name[8:].isdigit():
                return "", int(name[8:])
        if outline is not None and outline.isdigit() and int(outline) < 6:
            return "", int(outline) + 1
        return "", 0

    def _chain(self, style_id: str | None) -> Iterator[BaseStyle]:
        style = self.styles.get(style_id) if style_id else None
        for _ in range(_MAX_STYLE_DEPTH):
            if style is None:
                return
            yield style
            style = getattr(style, "base_style", None)

    def _marks(self, run: Any) -> frozenset[Mark]:
        rpr = run.find(qn("w:rPr"))
        found: set[Mark] = set()
        if rpr is None:
            return frozenset()
        for tag, mark, attribute in _TOGGLES:
            value = _on_off(rpr.find(tag))
            if value is None:
                rstyle = rpr.find(qn("w:rStyle"))
                style_id = rstyle.get(qn("w:val")) if rstyle is not None else None
                for style in self._chain(style_id):
                    font = getattr(style, "font", None)
                    inherited = getattr(font, attribute, None)
                    if inherited is not None:
                        value = bool(inherited)
                        break
            if value:
                found.add(mark)
        valign = rpr.find(qn("w:vertAlign"))
        if valign is not None and valign.get(qn("w:val")) == "superscript":
            found.add(Mark.SUPERSCRIPT)
        return frozenset(found)


#: Run properties read as marks: (tag, mark, python-docx's name for it on a style's font).
_TOGGLES = (
    (qn("w:i"), Mark.EMPHASIS, "italic"),
    (qn("w:b"), Mark.STRONG, "bold"),
    (qn("w:smallCaps"), Mark.SMALL_CAPS, "small_caps"),
)


def _on_off(element: Any) -> bool | None:
    if element is None:
        return None
    return element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _paragraphs(container: Any) -> Iterator[Any]:
    """Paragraphs in reading order, inside tables and content controls too."""
    for child in container:
        if child.tag == qn("w:p"):
            yield child
        elif child.tag in (qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent")):
            yield from _paragraphs(child)


def _runs(p: Any, reader: _Reader) -> Iterator[Any]:
    """The paragraph's runs in order (in links, insertions, fields), deleted ones left out."""
    stack = list(reversed(list(p)))
    while stack:
        node = stack.pop()
        if node.tag in _NOT_READ or node.tag == qn("w:pPr"):
            continue
        if node.tag == qn("w:r"):
            if any(child.tag in _SKIPPED for child in node):
                reader.skipped += 1
            yield node
            continue
        if node.tag in _SKIPPED:
            reader.skipped += 1
            continue
        stack.extend(reversed(list(node)))
