"""Read a LibreOffice ``.odt`` with odfpy into the model.

Takes a path; gives an ``ImportResult`` (see ``rich_text`` for how
paragraphs become the model) or raises ``InputError`` with one line.

Read: paragraphs and headings in order (also in lists, tables and
sections), italics, bold, small capitals and superscript from automatic or named text
styles or set on a whole paragraph, "Title" and "Subtitle" paragraph styles, footnotes and endnotes,
``text:s`` spaces, tabs and line breaks. Left out: comments, tracked
deletions, images and text frames (counted in the report). odfpy parses
with defusedxml; ``office`` checks the archive first.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from odf.namespaces import DRAWNS, FONS, OFFICENS, STYLENS, TABLENS, TEXTNS
from odf.opendocument import load as load_odf

from layout_studio.errors import InputError
from layout_studio.model import FootnoteCall, Inline, Mark, Text
from layout_studio.sources.office import read_office_file
from layout_studio.sources.report import ImportReport, ImportResult
from layout_studio.sources.rich_text import RichParagraph, RichText, build, clean

_MAX_STYLE_DEPTH = 16
#: Deepest nesting of lists, sections and spans followed.
_MAX_DEPTH = 64
_CONTAINERS = {
    (TEXTNS, "list"),
    (TEXTNS, "list-item"),
    (TEXTNS, "list-header"),
    (TEXTNS, "section"),
    (TABLENS, "table"),
    (TABLENS, "table-row"),
    (TABLENS, "table-rows"),
    (TABLENS, "table-header-rows"),
    (TABLENS, "table-cell"),
}
_NOT_READ = {
    (OFFICENS, "annotation"),
    (OFFICENS, "annotation-end"),
    (TEXTNS, "tracked-changes"),
    (TEXTNS, "note-citation"),
    (TEXTNS, "bookmark"),
    (TEXTNS, "bookmark-start"),
    (TEXTNS, "bookmark-end"),
    (TEXTNS, "soft-page-break"),
    (TEXTNS, "sequence-decls"),
}


def import_odt(path: Path) -> ImportResult:
    """Read an ``.odt`` file into a document and its report."""
    raw, notes = read_office_file(path, "odt")
    try:
        document = load_odf(io.BytesIO(raw))
        reader = _Reader(document)
        rich = reader.read()
    except InputError:
        raise
    except Exception as exc:  # a damaged part: any parser error is the file's fault
        raise InputError(
            path, f"document OpenDocument illisible ({type(exc).__name__}: {exc})"[:300]
        ) from None
    report = ImportReport(str(path), "odt", "xml", False, "none", notes=notes)
    if reader.skipped:
        report.notes.append(f"{reader.skipped} image(s) ou cadre(s) laissé(s) de côté")
    if not any(p.spans for p in rich.paragraphs):
        reason = "ne contient que des macros, pas de texte" if notes else "document vide"
        raise InputError(path, f"{reason} (aucun texte)")
    return build(rich, report)


def _attr(element: Any, ns: str, name: str) -> str | None:
    value = element.attributes.get((ns, name))
    return str(value) if value is not None else None


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles: dict[str, Any] = {}
        self.automatic: set[str] = set()
        for holder in (document.styles, document.automaticstyles):
            for style in holder.childNodes:
                if style.qname == (STYLENS, "style"):
                    name = _attr(style, STYLENS, "name")
                    if name:
                        self.styles[name] = style
                        if holder is document.automaticstyles:
                            self.automatic.add(name)
        self.skipped = 0
        self.notes: dict[str, list[list[Inline]]] = {}

    def read(self) -> RichText:
        rich = RichText()
        meta = self.document.meta
        for node in meta.childNodes if meta is not None else ():
            if node.qname[1] == "title":
                rich.title = _text_of(node) or None
            elif node.qname[1] == "language":
                rich.language = _text_of(node) or None
        rich.paragraphs = list(self._blocks(self.document.text, 0))
        rich.notes = self.notes
        return rich

    def _blocks(self, container: Any, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise ValueError("imbrication trop profonde")
        for node in container.childNodes:
            if node.nodeType != node.ELEMENT_NODE or node.qname in _NOT_READ:
                continue
            if node.qname == (TEXTNS, "p"):
                style_name = _attr(node, TEXTNS, "style-name")
                marks = self._paragraph_marks(style_name)
                yield RichParagraph(self._inline(node, marks, 0), role=self._role(style_name))
            elif node.qname == (TEXTNS, "h"):
                level = _attr(node, TEXTNS, "outline-level") or "1"
                yield RichParagraph(
                    self._inline(node, frozenset(), 0),
                    heading=int(level) if level.isdigit() and int(level) > 0 else 1,
                )
            elif node.qname in _CONTAINERS:
                yield from self._blocks(node, depth + 1)
            elif node.qname[0] == DRAWNS:
                self.skipped += 1

    def _paragraph_marks(self, style_name: str | None) -> frozenset[Mark]:
        """Italics or bold set on a whole paragraph (its automatic style), not by a named style."""
        if style_name not in self.automatic:
            return frozenset()
        return self._marks(style_name, frozenset(), inherit=False)

    def _role(self, style_name: str | None) -> str:
        for style in self._chain(style_name):
            name = (_attr(style, STYLENS, "name") or "").casefold()
            if name in ("title", "subtitle"):
                return name
        return ""

    def _chain(self, style_name: str | None) -> Any:
        style = self.styles.get(style_name) if style_name else None
        for _ in range(_MAX_STYLE_DEPTH):
            if style is None:
                return
            yield style
            parent = _attr(style, STYLENS, "parent-style-name")
            style = self.styles.get(parent) if parent else None

    def _marks(
        self, style_name: str | None, inherited: frozenset[Mark], *, inherit: bool = True
    ) -> frozenset[Mark]:
        found = set(inherited)
        chain = list(self._chain(style_name))
        for style in reversed(chain if inherit else chain[:1]):
            for props in style.childNodes:
                if props.qname != (STYLENS, "text-properties"):
                    continue
                italic = _attr(props, FONS, "font-style")
                if italic is not None:
                    _toggle(found, Mark.EMPHASIS, italic in ("italic", "oblique"))
                weight = _attr(props, FONS, "font-weight")
                if weight is not None:
                    _toggle(found, Mark.STRONG, weight == "bold" or weight[:1] in "6789")
                variant = _attr(props, FONS, "font-variant")
                if variant is not None:
                    _toggle(found, Mark.SMALL_CAPS, variant == "small-caps")
                position = _attr(props, STYLENS, "text-position")
                if position is not None:
                    _toggle(found, Mark.SUPERSCRIPT, position.startswith("super"))
        return frozenset(found)

    def _inline(self, element: Any, marks: frozenset[Mark], depth: int) -> list[Inline]:
        spans: list[Inline] = []
        if depth > _MAX_DEPTH:
            raise ValueError("imbrication trop profonde")
        for node in element.childNodes:
            if node.nodeType == node.TEXT_NODE:
                spans.append(Text(clean(str(node.data)), marks))
                continue
            if node.nodeType != node.ELEMENT_NODE or node.qname in _NOT_READ:
                continue
            qname = node.qname
            if qname == (TEXTNS, "s"):
                count = _attr(node, TEXTNS, "c") or "1"
                spans.append(Text(" " * min(int(count) if count.isdigit() else 1, 100), marks))
            elif qname in ((TEXTNS, "tab"), (TEXTNS, "line-break")):
                spans.append(Text(" ", marks))
            elif qname == (TEXTNS, "span"):
                inner = self._marks(_attr(node, TEXTNS, "style-name"), marks)
                spans.extend(self._inline(node, inner, depth + 1))
            elif qname == (TEXTNS, "note"):
                key = f"n{len(self.notes) + 1}"
                body = [c for c in node.childNodes if c.qname == (TEXTNS, "note-body")]
                paras = list(self._blocks(body[0], depth + 1)) if body else []
                self.notes[key] = [p.spans for p in paras]
                spans.append(FootnoteCall(key))
            elif qname[0] == DRAWNS:
                self.skipped += 1
            else:  # links, fields, ruby: their text is the paragraph's
                spans.extend(self._inline(node, marks, depth + 1))
        return spans


def _toggle(marks: set[Mark], mark: Mark, on: bool) -> None:
    if on:
        marks.add(mark)
    else:
        marks.discard(mark)


def _text_of(node: Any) -> str:
    return "".join(
        str(c.data) if c.nodeType == c.TEXT_NODE else _text_of(c) for c in node.childNodes
    ).strip()
