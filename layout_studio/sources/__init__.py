"""Source readers: plain text (with credit detection), Markdown with front matter, DOCX, ODT.

Takes a path; gives an ``ImportResult`` (document + report) or raises
``InputError`` with a one-line reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from layout_studio.errors import InputError
from layout_studio.sources.language import propose_english
from layout_studio.sources.markdown import import_markdown, parse_markdown_text
from layout_studio.sources.plaintext import import_plaintext
from layout_studio.sources.reading import MAX_SOURCE_BYTES, read_text_source
from layout_studio.sources.report import ImportReport, ImportResult
from layout_studio.sources.writer import to_markdown

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
WORD_SUFFIXES = {".docx", ".docm"}  # .docm is refused with a clear reason (macros)
ODT_SUFFIXES = {".odt"}
#: Every suffix ``load_source`` reads.
SOURCE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | WORD_SUFFIXES | ODT_SUFFIXES


def load_source(path: str | os.PathLike[str]) -> ImportResult:
    """Read a ``.txt``, ``.md``, ``.docx`` or ``.odt`` source into a document and its report."""
    result = _load(Path(path))
    propose_english(result.document, result.report)  # proposed in the report, never applied
    return result


def _load(p: Path) -> ImportResult:
    suffix = p.suffix.lower()
    if suffix not in SOURCE_SUFFIXES:
        if not p.exists():
            raise InputError(p, "fichier introuvable")
        raise InputError(
            p,
            f"format « {suffix or 'sans extension'} » non pris en charge "
            "(.txt, .md, .docx ou .odt)",
        )
    if suffix in WORD_SUFFIXES:
        from layout_studio.sources.docx_reader import import_docx

        return import_docx(p)
    if suffix in ODT_SUFFIXES:
        from layout_studio.sources.odt_reader import import_odt

        return import_odt(p)
    decoded = read_text_source(p)
    if suffix in MARKDOWN_SUFFIXES:
        return import_markdown(decoded)
    return import_plaintext(decoded)


__all__ = [
    "MAX_SOURCE_BYTES",
    "SOURCE_SUFFIXES",
    "ImportReport",
    "ImportResult",
    "load_source",
    "parse_markdown_text",
    "to_markdown",
]
