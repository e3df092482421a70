"""What an import found and did: the record an editor reviews.

Takes nothing; gives the dataclasses that importers fill in and that
``inspect`` prints (as text or as the stable JSON described in the README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from layout_studio.model import Document

if TYPE_CHECKING:
    from layout_studio.sources.reading import DecodedText


@dataclass(frozen=True, slots=True)
class CreditRecord:
    """One detected credit, with its confidence and where it was found."""

    index: int
    name: str
    affiliation: str | None
    raw: str
    confidence: float
    needs_review: bool
    line: int
    column: int
    offset: int


@dataclass(frozen=True, slots=True)
class RejectedParenthesis:
    """A parenthesised group that was not taken as a credit, and why."""

    raw: str
    reason: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class MatterCandidate:
    """Material offered as front or back matter, for the editor to confirm."""

    matter: str  # "front" | "back"
    title: str
    first_line: int
    last_line: int
    paragraphs: int


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Text that did not go into the book, with the reason. Nothing is dropped silently."""

    kind: str  # "comments" | "orphan-punctuation" | "residue" | ...
    reason: str
    first_line: int
    last_line: int
    chars: int
    text: str


@dataclass(slots=True)
class ImportReport:
    """Everything an import found, decided and left out."""

    path: str
    source_format: str  # "txt" | "md"
    encoding: str
    bom: bool
    line_endings: str
    notes: list[str] = field(default_factory=list)
    title_guessed: bool = False
    credits: list[CreditRecord] = field(default_factory=list)
    rejected: list[RejectedParenthesis] = field(default_factory=list)
    candidates: list[MatterCandidate] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)

    @classmethod
    def for_source(cls, decoded: DecodedText, source_format: str) -> ImportReport:
        """An empty report carrying what reading the file found."""
        return cls(
            path=str(decoded.path),
            source_format=source_format,
            encoding=decoded.encoding,
            bom=decoded.bom,
            line_endings=decoded.line_endings,
            notes=list(decoded.notes),
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A document and the report of how it was made."""

    document: Document
    report: ImportReport
