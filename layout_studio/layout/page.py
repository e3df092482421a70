"""The page model: what ``typeset()`` gives and every exporter draws.

Takes nothing; gives frozen records of positioned material. Coordinates are
PostScript points from the top-left corner of the trim box, y growing
downwards (the PDF writer flips them, Qt uses them as they are). A glyph run
holds glyph ids with their pen positions, packed in arrays (``Glyphs``), so
the PDF and the preview draw exactly the same glyphs at exactly the same
places; ``dump()`` prints the model as text for golden tests.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import overload

from layout_studio.style.printing import PrintSettings
from layout_studio.text.fonts import Font

RGB = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """A glyph: id, pen x from the run origin, advance, and offsets (points).

    A view: runs keep their glyphs packed (``Glyphs``) and make these on demand.
    """

    gid: int
    x: float
    advance: float
    dx: float = 0.0
    dy: float = 0.0  # downwards
    text: str = ""  # the characters this glyph stands for (first glyph of a cluster)
    # What copy-paste should give when it differs from ``text``: a real hyphen
    # ending a line is U+2010, which text extractors keep (they join U+002D away).
    extract: str = ""


class Glyphs(Sequence[PlacedGlyph]):
    """The glyphs of a run, packed: a few arrays per run instead of an object per glyph.

    A 351-page book holds about a million glyphs; as ``PlacedGlyph`` records
    they took ~200 MB, packed ~25 bytes each. Indexing and iterating give
    ``PlacedGlyph`` views; the exporters and the preview read the arrays.
    Immutable by contract (nothing writes the arrays once built), compared
    and hashed by content.
    """

    __slots__ = ("advances", "dxs", "dys", "ends", "extracts", "gids", "text", "xs")

    gids: array[int]  # glyph ids ('H': OpenType has at most 65535 glyphs)
    xs: array[float]  # pen x from the run origin
    advances: array[float]
    dxs: array[float] | None  # None: every offset is zero (nearly every run)
    dys: array[float] | None  # downwards
    text: str  # the characters of every glyph, joined
    # Glyph i stands for text[ends[i - 1]:ends[i]]; None: one character each.
    ends: array[int] | None
    extracts: tuple[tuple[int, str], ...]  # (glyph, copy-paste text) where it differs

    def __init__(
        self,
        gids: array[int],
        xs: array[float],
        advances: array[float],
        dxs: array[float] | None,
        dys: array[float] | None,
        text: str,
        ends: array[int] | None,
        extracts: tuple[tuple[int, str], ...] = (),
    ) -> None:
        n = len(gids)
        if not n == len(xs) == len(advances) == (len(text) if ends is None else len(ends)):
            raise ValueError("packed glyph arrays of different lengths")
        if ends is not None and len(text) == n and ends == array("I", range(1, n + 1)):
            ends = None
        self.gids = gids
        self.xs = xs
        self.advances = advances
        self.dxs = dxs if dxs is not None and any(dxs) else None
        self.dys = dys if dys is not None and any(dys) else None
        self.text = text
        self.ends = ends
        self.extracts = extracts

    @classmethod
    def of(cls, glyphs: Iterable[PlacedGlyph]) -> Glyphs:
        """Pack ``PlacedGlyph`` records (tests, and material set glyph by glyph)."""
        placed = list(glyphs)
        ends = array("I")
        total = 0
        for g in placed:
            total += len(g.text)
            ends.append(total)
        return cls(
            array("H", [g.gid for g in placed]),
            array("d", [g.x for g in placed]),
            array("d", [g.advance for g in placed]),
            array("d", [g.dx for g in placed]),
            array("d", [g.dy for g in placed]),
            "".join(g.text for g in placed),
            ends,
            tuple((i, g.extract) for i, g in enumerate(placed) if g.extract),
        )

    def texts(self) -> list[str]:
        """The characters of each glyph ("" after the first of a cluster)."""
        text = self.text
        if self.ends is None:
            return list(text)
        starts = [0, *self.ends]
        return [text[a:b] for a, b in zip(starts, self.ends, strict=False)]

    def extract_texts(self) -> list[str]:
        """What each glyph gives to copy-paste: its ``extract`` or else its text."""
        texts = self.texts()
        for i, extract in self.extracts:
            texts[i] = extract
        return texts

    @property
    def width(self) -> float:
        """Pen advance from the origin to the end of the last glyph."""
        return self.xs[-1] + self.advances[-1] if self.gids else 0.0

    def __len__(self) -> int:
        return len(self.gids)

    @overload
    def __getitem__(self, index: int) -> PlacedGlyph: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PlacedGlyph, ...]: ...

    def __getitem__(self, index: int | slice) -> PlacedGlyph | tuple[PlacedGlyph, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        n = len(self.gids)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("glyph index out of range")
        ends = self.ends
        text = self.text[i] if ends is None else self.text[ends[i - 1] if i else 0 : ends[i]]
        extract = next((e for j, e in self.extracts if j == i), "")
        return PlacedGlyph(
            self.gids[i],
            self.xs[i],
            self.advances[i],
            self.dxs[i] if self.dxs is not None else 0.0,
            self.dys[i] if self.dys is not None else 0.0,
            text,
            extract,
        )

    def __iter__(self) -> Iterator[PlacedGlyph]:
        zeros = repeat(0.0)
        extracts = dict(self.extracts)
        for i, (gid, x, advance, dx, dy, text) in enumerate(
            zip(
                self.gids,
                self.xs,
                self.advances,
                zeros if self.dxs is None else self.dxs,
                zeros if self.dys is None else self.dys,
                self.texts(),
                strict=False,
            )
        ):
            yield PlacedGlyph(gid, x, advance, dx, dy, text, extracts.get(i, ""))

    def _key(self) -> tuple[object, ...]:
        return (
            self.gids,
            self.xs,
            self.advances,
            self.dxs,
            self.dys,
            self.text,
            self.ends,
            self.extracts,
        )

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Glyphs):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.gids.tobytes(), self.xs.tobytes(), self.text, self.extracts))

    def __repr__(self) -> str:
        return f"Glyphs({self.text!r}, {len(self.gids)} glyphs)"

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Glyphs, self._key())


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Glyphs of one font, size and colour on one baseline."""

    x: float
    y: float  # baseline
    font: Font
    size: float
    color: RGB
    glyphs: Glyphs
    angle: float = 0.0  # degrees, counter-clockwise about (x, y): spine titles
    hscale: float = 1.0  # font expansion: glyph shapes drawn this much wider (x already set)

    @property
    def text(self) -> str:
        """The characters the run draws (spaces included)."""
        return self.glyphs.text

    @property
    def width(self) -> float:
        """Pen advance from the first glyph to the end of the last."""
        return self.glyphs.width


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight line (leaders, crop marks, ornaments)."""

    x0: float
    y0: float
    x1: float
    y1: float
    thickness: float
    color: RGB


@dataclass(frozen=True, slots=True)
class Image:
    """A raster image placed in a rectangle (RGB JPEG or PNG bytes)."""

    x: float
    y: float
    width: float
    height: float
    data: bytes
    name: str


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled rectangle (cover backgrounds, bleed)."""

    x: float
    y: float
    width: float
    height: float
    color: RGB


@dataclass(frozen=True, slots=True)
class Link:
    """A clickable rectangle pointing at an anchor."""

    x: float
    y: float
    width: float
    height: float
    target: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A named destination (section start, contribution start)."""

    name: str
    x: float
    y: float


PageItem = GlyphRun | Rule | Image | Fill | Link | Anchor


@dataclass(frozen=True, slots=True)
class LineInfo:
    """What tests and reports need to know about a placed line of a flow."""

    text: str
    y: float
    para: int
    index: int
    count: int
    hyphenated: bool
    justified: bool
    space: float | None
    overfull: bool
    kind: str


@dataclass(slots=True)
class Page:
    """One page: its size, side, folio label and positioned items."""

    index: int  # physical, 0-based
    width: float
    height: float
    folio: str  # printed or not, the page's label ("iii", "12")
    kind: str  # "front", "body", "back", "blank"
    section: str | None = None
    items: list[PageItem] = field(default_factory=list)
    opening: bool = False  # a section starts here (no running head)
    lines: list[LineInfo] = field(default_factory=list)

    @property
    def recto(self) -> bool:
        """Right-hand page (odd physical number)."""
        return self.index % 2 == 0

    def runs(self) -> list[GlyphRun]:
        """The glyph runs, in drawing order."""
        return [i for i in self.items if isinstance(i, GlyphRun)]

    def text(self) -> str:
        """The page's text, runs grouped by baseline, top to bottom."""
        lines: dict[float, list[GlyphRun]] = {}
        for run in self.runs():
            lines.setdefault(round(run.y, 1), []).append(run)
        out = []
        for y in sorted(lines):
            parts = sorted(lines[y], key=lambda r: r.x)
            out.append("".join(r.text for r in parts))
        return "\n".join(out)


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A bookmark: title, depth and the anchor it opens."""

    title: str
    level: int
    anchor: str


@dataclass
class LayoutReport:
    """What the engine measured and what it could not do perfectly."""

    overfull_lines: int = 0
    hyphenated_lines: int = 0
    consecutive_hyphens: int = 0
    justified_lines: int = 0
    word_space_spread: float = 0.0  # std / median of word spaces, justified lines
    widows: int = 0
    orphans: int = 0
    unbalanced_spreads: int = 0
    missing_glyphs: dict[str, str] = field(default_factory=dict)  # char → "fallback font" or ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class TypesetDocument:
    """The finished book: pages, outline and the metadata the PDF needs."""

    pages: list[Page]
    outline: list[OutlineEntry]
    title: str
    subtitle: str | None
    authors: list[str]
    language: str
    theme_name: str
    report: LayoutReport
    bleed: float
    crop_marks: bool
    anchors: dict[str, int] = field(default_factory=dict)  # anchor → page index
    bleed_binding: bool = True  # False: the binding edge does not bleed (KDP interiors)
    printing: PrintSettings | None = None  # service, PDF/X and interior colour (None: generic)
    # LineInfo.para → (built section index, paragraph ordinal in Section.blocks())
    paragraph_sources: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def page_count(self) -> int:
        """Number of pages, blanks included."""
        return len(self.pages)


def dump(doc: TypesetDocument, *, glyphs: bool = False) -> str:
    """A stable text form of the page model (rounded to 0.1 pt) for golden tests."""
    out = [f"document {doc.title!r} pages={doc.page_count} theme={doc.theme_name}"]
    for page in doc.pages:
        out.append(
            f"page {page.index + 1} folio={page.folio} kind={page.kind} section={page.section!r}"
        )
        for item in page.items:
            out.append("  " + _dump_item(item, glyphs))
    return "\n".join(out) + "\n"


def _box(x: float, y: float, w: float, h: float) -> str:
    return f"x={x:.1f} y={y:.1f} {w:.1f}x{h:.1f}"


def _dump_item(item: PageItem, glyphs: bool) -> str:
    if isinstance(item, GlyphRun):
        line = f"run x={item.x:.1f} y={item.y:.1f} {item.font.key} {item.size:g} {item.text!r}"
        if item.hscale != 1.0:
            line += f" hscale={item.hscale:.4f}"
        if glyphs:
            packed = item.glyphs
            pairs = zip(packed.gids, packed.xs, strict=True)
            line += " " + " ".join(f"{gid}@{x:.1f}" for gid, x in pairs)
        return line
    if isinstance(item, Rule):
        ends = f"{item.x0:.1f},{item.y0:.1f} {item.x1:.1f},{item.y1:.1f}"
        return f"rule {ends} w={item.thickness:g}"
    if isinstance(item, Image):
        return f"image {item.name} {_box(item.x, item.y, item.width, item.height)}"
    if isinstance(item, Fill):
        return f"fill {_box(item.x, item.y, item.width, item.height)}"
    if isinstance(item, Link):
        return f"link {item.target} {_box(item.x, item.y, item.width, item.height)}"
    return f"anchor {item.name} y={item.y:.1f}"
