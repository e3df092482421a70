"""The book's outline read from its Markdown source, and sections moved in that source.

Takes the editor's text (the source format: front matter, ``# Title`` sections
with an optional ``{.front .candidate}`` line before them, passages ending in
``[Name]{.credit}``, footnote definitions at the end); gives the sections with
their source lines and their passages with their authors, and the text with
one section moved. A line scan, not the Markdown parser: it runs on every
pause in typing and must stay well under a millisecond per hundred lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CREDIT = re.compile(r"\[(?P<name>[^\]\n]+)\]\{\.credit[^}\n]*\}")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\n]+\]:")
_HEADING = re.compile(r"^#(?!#)\s*(?P<title>.*?)\s*#*\s*$")
_SPAN_MARKS = re.compile(r"\{[.#][^}\n]*\}|\[\^[^\]\n]*\]|[*_`\[\]]")
_SCENE_BREAK = re.compile(r"^\s*(?:[*\-_]\s*){3,}$")
EXCERPT_WORDS = 8


@dataclass(frozen=True)
class Passage:
    """Paragraphs up to (and including) the one carrying their credit."""

    line: int  # 1-based line of its first paragraph
    authors: tuple[str, ...]  # the names credited (none for unsigned text)
    excerpt: str  # its first words, without markup


@dataclass(frozen=True)
class OutlineSection:
    """A ``#`` section: its title, classes and where it sits in the source."""

    title: str
    line: int  # 1-based line of its heading (of its first line when untitled)
    start: int  # 0-based first line of its block (the attribute line, if any)
    end: int  # 0-based line after its block
    classes: tuple[str, ...]  # "front", "back", "candidate"…
    passages: tuple[Passage, ...]

    @property
    def candidate(self) -> bool:
        """Proposed by the import, not printed."""
        return "candidate" in self.classes

    @property
    def titled(self) -> bool:
        """A real section (the text before the first heading is not one, and stays first)."""
        return self.title != "" or self.start != self.line - 1


@dataclass(frozen=True)
class Outline:
    """The sections in source order, and where the closing footnotes start."""

    sections: tuple[OutlineSection, ...]
    tail: int  # 0-based first line of the trailing footnote definitions (or line count)


def _is_attributes(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("{.") and stripped.endswith("}")


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def _tail_start(lines: list[str], first: int) -> int:
    """The footnote definitions closing the text: they stay last when sections move."""
    tail = len(lines)
    for i in range(len(lines) - 1, first - 1, -1):
        line = lines[i]
        if _FOOTNOTE_DEF.match(line):
            tail = i
        elif line.strip() and not line.startswith((" ", "\t")):
            break
    while tail > first and not lines[tail - 1].strip():
        tail -= 1
    return tail


def _excerpt(paragraph: str) -> str:
    plain = _SPAN_MARKS.sub("", _CREDIT.sub("", paragraph))
    words = plain.split()
    text = " ".join(words[:EXCERPT_WORDS])
    return text + ("…" if len(words) > EXCERPT_WORDS else "")


def _author(name: str) -> str:
    """``Catherine, CDP`` → ``Catherine`` (the affiliation follows the comma)."""
    return name.split(",", 1)[0].strip()


def _passages(lines: list[str], start: int, end: int) -> tuple[Passage, ...]:
    found: list[Passage] = []
    first: int | None = None  # first line of the passage being read
    opening = ""
    i = start
    while i < end:
        line = lines[i]
        if (
            not line.strip()
            or _is_attributes(line)
            or _HEADING.match(line)
            or line.startswith("##")
            or _SCENE_BREAK.match(line)
            or _FOOTNOTE_DEF.match(line)
        ):
            i += 1
            continue
        para_start = i
        while i < end and lines[i].strip():
            i += 1
        paragraph = " ".join(lines[para_start:i])
        if first is None:
            first, opening = para_start, paragraph
        names = tuple(dict.fromkeys(_author(m["name"]) for m in _CREDIT.finditer(paragraph)))
        if names:
            found.append(Passage(first + 1, names, _excerpt(opening)))
            first = None
    if first is not None:
        found.append(Passage(first + 1, (), _excerpt(opening)))
    return tuple(found)


def outline(text: str) -> Outline:
    """The sections of ``text`` in order, each with its passages."""
    lines = text.split("\n")
    body = _front_matter_end(lines)
    tail = _tail_start(lines, body)
    heads: list[tuple[int, int, str, tuple[str, ...]]] = []  # start, heading, title, classes
    fenced = False
    for i in range(body, tail):
        line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        match = _HEADING.match(line)
        if match is None or line.startswith("#!"):
            continue
        start = i
        classes: tuple[str, ...] = ()
        if i > body and _is_attributes(lines[i - 1]):
            start = i - 1
            classes = tuple(c[1:] for c in lines[i - 1].strip()[1:-1].split() if c[:1] == ".")
        heads.append((start, i, match["title"], classes))
    sections: list[OutlineSection] = []
    first = heads[0][0] if heads else tail
    if any(line.strip() for line in lines[body:first]):
        lead = next(i for i in range(body, first) if lines[i].strip())
        sections.append(
            OutlineSection("", lead + 1, lead, first, (), _passages(lines, lead, first))
        )
    for n, (start, heading, title, classes) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else tail
        sections.append(
            OutlineSection(
                title, heading + 1, start, end, classes, _passages(lines, heading + 1, end)
            )
        )
    return Outline(tuple(sections), tail)


def move_section(text: str, index: int, to: int) -> str:
    """``text`` with titled section ``index`` moved to position ``to`` (both in ``outline``).

    Untitled text before the first heading stays first; the footnote
    definitions stay last. Sections are joined by one blank line.
    Returns ``text`` unchanged when the move is not possible.
    """
    found = outline(text)
    sections = list(found.sections)
    movable = [i for i, s in enumerate(sections) if s.titled]
    if index not in movable or to not in movable or index == to:
        return text
    lines = text.split("\n")
    head = lines[: sections[0].start]
    chunks = [lines[s.start : s.end] for s in sections]
    chunks.insert(to, chunks.pop(index))
    out: list[str] = list(head)
    for chunk in chunks:
        while chunk and not chunk[-1].strip():
            chunk = chunk[:-1]
        if out and out[-1].strip():
            out.append("")
        out.extend(chunk)
    rest = lines[found.tail :]
    if any(line.strip() for line in rest):
        while not rest[0].strip():
            rest = rest[1:]
        out.append("")
    out.extend(rest)
    return "\n".join(out)
