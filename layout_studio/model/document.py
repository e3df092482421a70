"""The document model: typed, frozen dataclasses describing a co-written book.

Takes nothing from the rest of the project; every other stage takes these
objects and gives new ones (the model is immutable, so a stage never edits
what another stage still reads).

Shape::

    Document
      metadata: Metadata (title, subtitle, language, declared contributors)
      sections: Section* (front | body | back matter)
        content: (Block | Contribution)*
          Contribution: blocks written by one author + the Credit closing them
          Block: Paragraph | Heading | SceneBreak
            Paragraph.spans: Inline* = Text | CreditMark | FootnoteCall
      footnotes: Footnote*
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourcePos:
    """Where something was found in the source: 1-based line and column, 0-based offset."""

    line: int
    column: int
    offset: int


class Mark(enum.Enum):
    """Inline formatting carried by a text run."""

    EMPHASIS = "em"
    STRONG = "strong"
    NOBREAK = "nobreak"
    SUPERSCRIPT = "sup"
    SMALL_CAPS = "smallcaps"  # a century's numeral (XXI^e siècle); Pandoc's class name
    LANG_EN = "lang-en"  # a passage in English: {lang=en} in the source


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text with its marks (emphasis, no-break, superscript...)."""

    text: str
    marks: frozenset[Mark] = frozenset()

    @property
    def is_emphasis(self) -> bool:
        """True when the run is set in italics."""
        return Mark.EMPHASIS in self.marks


@dataclass(frozen=True, slots=True)
class Credit:
    """The author's name closing a contribution, as in "(Catherine, CDP)"."""

    name: str
    affiliation: str | None = None
    source: SourcePos | None = field(default=None, compare=False)
    confidence: float = field(default=1.0, compare=False)
    raw: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        """Identity of the person: "( Sophie)" and "Sophie" are the same key."""
        return contributor_key(self.name)

    @property
    def label(self) -> str:
        """The credit as printed: the name, then the affiliation after a comma."""
        return f"{self.name}, {self.affiliation}" if self.affiliation else self.name


@dataclass(frozen=True, slots=True)
class CreditMark:
    """Where a credit sits inside a paragraph; it never breaks across lines."""

    credit: Credit


@dataclass(frozen=True, slots=True)
class FootnoteCall:
    """A call to a footnote, by its label ("1")."""

    label: str


Inline = Text | CreditMark | FootnoteCall


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline spans."""

    spans: tuple[Inline, ...]
    source: SourcePos | None = field(default=None, compare=False)

    @property
    def plain_text(self) -> str:
        """The paragraph's text with credits as "(name)" and notes as "[label]"."""
        return inline_plain_text(self.spans)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section (level 2 and below; level 1 opens a section)."""

    level: int
    spans: tuple[Inline, ...]
    source: SourcePos | None = field(default=None, compare=False)

    @property
    def plain_text(self) -> str:
        """The heading's text."""
        return inline_plain_text(self.spans)


@dataclass(frozen=True, slots=True)
class SceneBreak:
    """A scene break, drawn as the theme's ornament."""

    source: SourcePos | None = field(default=None, compare=False)


Block = Paragraph | Heading | SceneBreak


@dataclass(frozen=True, slots=True)
class Contribution:
    """The block or blocks one author wrote, closed by their credit."""

    blocks: tuple[Block, ...]
    credit: Credit


class Matter(enum.Enum):
    """Which part of the book a section belongs to."""

    FRONT = "front"
    BODY = "body"
    BACK = "back"


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the book with an optional title.

    ``candidate`` marks material the importer offers (an introduction, the
    "how it was written" notes) that an editor has not yet confirmed; builds
    leave candidates out.
    """

    title: str | None
    content: tuple[Block | Contribution, ...]
    matter: Matter = Matter.BODY
    candidate: bool = False
    source: SourcePos | None = field(default=None, compare=False)

    def blocks(self) -> Iterator[Block]:
        """Every block of the section, contributions flattened, in order."""
        for item in self.content:
            if isinstance(item, Contribution):
                yield from item.blocks
            else:
                yield item

    def contributions(self) -> Iterator[Contribution]:
        """The section's contributions in order."""
        for item in self.content:
            if isinstance(item, Contribution):
                yield item


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's text, called by ``FootnoteCall(label)``."""

    label: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class DeclaredContributor:
    """A contributor named in the front matter (may carry a sort name and a role)."""

    name: str
    file_as: str | None = None
    role: str = "aut"
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Book-level metadata."""

    title: str
    subtitle: str | None = None
    language: str = "fr"
    contributors: tuple[DeclaredContributor, ...] = ()
    publisher: str | None = None
    date: str | None = None
    description: str | None = None
    dedication: str | None = None
    contributor_order: tuple[str, ...] = ()  # names in the order the editor chose
    isbn: str | None = None  # the e-book's ISBN-13, digits only (checked on input)
    print_isbn: str | None = None  # the printed edition's
    rights: str | None = None  # the licence or rights statement (dc:rights)
    subjects: tuple[str, ...] = ()  # subject keywords (dc:subject, ONIX keywords)
    series: str | None = None  # the collection the book belongs to
    series_number: str | None = None  # its number in that series ("3")


@dataclass(frozen=True, slots=True)
class Contributor:
    """One person, listed once, with how many contributions they wrote."""

    name: str
    key: str
    contributions: int
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A whole book: metadata, sections and footnotes."""

    metadata: Metadata
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = ()

    def contributions(self, *, include_candidates: bool = False) -> list[Contribution]:
        """All contributions in reading order."""
        return [
            c
            for s in self.sections
            if include_candidates or not s.candidate
            for c in s.contributions()
        ]

    def paragraphs(self, *, include_candidates: bool = False) -> list[Paragraph]:
        """All paragraphs in reading order."""
        return [
            b
            for s in self.sections
            if include_candidates or not s.candidate
            for b in s.blocks()
            if isinstance(b, Paragraph)
        ]

    @property
    def contributors(self) -> tuple[Contributor, ...]:
        """Each person once, in order of first appearance, with their count."""
        # Counted first, each person made once (not once per contribution: a long book
        # has thousands, counted again at each build of the live preview).
        first: dict[str, Credit] = {}
        counts: dict[str, int] = {}
        affiliations: dict[str, str | None] = {}
        for contribution in self.contributions():
            credit = contribution.credit
            key = credit.key
            count = counts.get(key)
            if count is None:
                first[key] = credit
                counts[key] = 1
                affiliations[key] = credit.affiliation
            else:
                counts[key] = count + 1
                affiliations[key] = affiliations[key] or credit.affiliation
        return tuple(
            Contributor(
                name=first[key].name,
                key=key,
                contributions=count,
                affiliation=affiliations[key],
            )
            for key, count in counts.items()
        )

    @property
    def ordered_contributors(self) -> tuple[Contributor, ...]:
        """Contributors as listed in the book: the editor's order, else alphabetical.

        Names the order does not mention follow, alphabetically; names it
        mentions that no longer sign anything are ignored.
        """
        rank = {sort_key(name): i for i, name in enumerate(self.metadata.contributor_order)}
        return tuple(
            sorted(
                self.contributors,
                key=lambda c: (rank.get(sort_key(c.name), len(rank)), sort_key(c.name)),
            )
        )

    @property
    def body_sections(self) -> tuple[Section, ...]:
        """Sections that will be built (candidates excluded)."""
        return tuple(s for s in self.sections if not s.candidate)


@functools.lru_cache(maxsize=4096)  # a long book asks for each credit's key at each build
def contributor_key(name: str) -> str:
    """Identity key for a name: NFC, inner spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def inline_plain_text(spans: tuple[Inline, ...]) -> str:
    """Flatten inline spans to plain text (credits in parentheses)."""
    parts: list[str] = []
    for span in spans:
        if isinstance(span, Text):
            parts.append(span.text)
        elif isinstance(span, CreditMark):
            parts.append(f"({span.credit.label})")
        else:
            parts.append(f"[{span.label}]")
    return "".join(parts)


def sort_key(name: str) -> str:
    """French alphabetical order without a locale: accents ignored, case folded."""
    decomposed = unicodedata.normalize("NFD", name.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def authors_phrase(count: int) -> str:
    """« 1 auteur », « 26 auteurs »: the count of contributors, agreed in number."""
    return f"{count} auteur" if count == 1 else f"{count} auteurs"


def rights_holders(count: int) -> str:
    """« l’auteur » or « les auteurs », for the copyright line."""
    return "l’auteur" if count == 1 else "les auteurs"
