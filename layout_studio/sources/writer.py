"""Write a document as the project's Markdown source format.

Takes a ``Document``; gives Markdown text that ``sources.markdown`` reads
back to the same document (the round trip is tested with Hypothesis).
Doubtful credits keep their ``confidence`` attribute so that an editor can
find them ("confidence=" in any editor) and confirm them by deleting it.
"""

from __future__ import annotations

import re
from typing import Any

from layout_studio.model import (
    Block,
    Contribution,
    CreditMark,
    Document,
    FootnoteCall,
    Heading,
    Inline,
    Mark,
    Matter,
    Paragraph,
    SceneBreak,
    Section,
    Text,
)
from layout_studio.sources.credits import REVIEW

_ESCAPE = re.compile(r"([\\`*_\[\]{}<>|~&])")
_LINE_START = re.compile(r"^([#>+=\-]|\d+[.)]|:)")


def to_markdown(document: Document) -> str:
    """The document as Markdown with YAML front matter."""
    out: list[str] = [_front_matter(document), ""]
    for index, section in enumerate(document.sections):
        out.extend(_section(section, first=index == 0))
    if document.footnotes:
        for note in document.footnotes:
            paras = [_inline(p.spans) for p in note.paragraphs] or [""]
            out.append(f"[^{note.label}]: {paras[0]}")
            for extra in paras[1:]:
                out.append("")
                out.append("    " + extra)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _front_matter(document: Document) -> str:
    meta = document.metadata
    data: dict[str, Any] = {"title": meta.title}
    if meta.subtitle:
        data["subtitle"] = meta.subtitle
    data["lang"] = meta.language
    for key in ("publisher", "date", "description", "dedication"):
        value = getattr(meta, key)
        if value:
            data[key] = value
    if meta.contributors:
        entries: list[Any] = []
        for c in meta.contributors:
            if c.file_as is None and c.role == "aut" and c.affiliation is None:
                entries.append(c.name)
            else:
                entry: dict[str, str] = {"name": c.name}
                if c.file_as:
                    entry["file-as"] = c.file_as
                if c.role != "aut":
                    entry["role"] = c.role
                if c.affiliation:
                    entry["affiliation"] = c.affiliation
                entries.append(entry)
        data["contributors"] = entries
    import yaml  # only when writing Markdown (cold start of the other commands)

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---"


def _section(section: Section, first: bool) -> list[str]:
    out: list[str] = []
    classes = []
    if section.matter is Matter.FRONT:
        classes.append(".front")
    elif section.matter is Matter.BACK:
        classes.append(".back")
    if section.candidate:
        classes.append(".candidate")
    if classes:
        out.append("{" + " ".join(classes) + "}")
    if section.title is not None or classes or not first:
        out.extend([f"# {_escape_line(section.title or '')}".rstrip(), ""])
    for item in section.content:
        blocks: tuple[Block, ...] = item.blocks if isinstance(item, Contribution) else (item,)
        for block in blocks:
            out.extend([_block(block), ""])
    return out


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _escape_line(_inline(block.spans)) if block.spans else ""
    if isinstance(block, Heading):
        return "#" * max(2, block.level) + " " + _escape_line(_inline(block.spans))
    assert isinstance(block, SceneBreak)
    return "* * *"


def _inline(spans: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    starred = False
    for span in spans:
        if isinstance(span, CreditMark):
            credit = span.credit
            attrs = ".credit"
            if credit.confidence < REVIEW:
                attrs += f' confidence="{credit.confidence:.2f}"'
            sep = "" if not parts or parts[-1].endswith(" ") else " "
            parts.append(f"{sep}[{_escape(credit.label)}]{{{attrs}}}")
            starred = False
        elif isinstance(span, FootnoteCall):
            parts.append(f"[^{span.label}]")
            starred = False
        else:
            text, starred = _text(span, starred)
            parts.append(text)
    return "".join(parts)


def _text(span: Text, previous_starred: bool) -> tuple[str, bool]:
    text = _escape(span.text.replace("\n", " "))
    if not span.marks:
        return text, False
    plain = span.text
    if (
        span.marks == frozenset({Mark.EMPHASIS})
        and not previous_starred
        and plain[:1].isalnum()
        and plain[-1:].isalnum()
    ):
        return f"*{text}*", True
    marks = sorted(span.marks - {Mark.LANG_EN}, key=lambda m: m.value)
    attrs = [f".{m.value}" for m in marks] + (["lang=en"] if Mark.LANG_EN in span.marks else [])
    return f"[{text}]{{{' '.join(attrs)}}}", False


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _escape_line(line: str) -> str:
    """Escape what would start a block (heading, list, quote) at the start of a line."""
    m = _LINE_START.match(line)
    if m:
        token = m.group(1)
        return token[:-1] + "\\" + token[-1] + line[len(token) :]
    return line
