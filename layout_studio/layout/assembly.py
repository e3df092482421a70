"""Page assembly: flows and fixed pages onto numbered pages, then decoration.

Takes the ``Typesetter`` (theme, state) and the book's parts in order; gives
the ``TypesetDocument`` with anchors, links and the outline, each anchor's
folio (for the contents and index), running heads and folios, and the
layout report's spacing, hyphenation and glyph figures.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from layout_studio.checkpoint import checkpoint
from layout_studio.layout.flow import El, PagePlan
from layout_studio.layout.inline import shape_pieces
from layout_studio.layout.line_figures import LineFigures, book_figures, line_figures
from layout_studio.layout.page import (
    Anchor,
    LineInfo,
    OutlineEntry,
    Page,
    PageItem,
    TypesetDocument,
)
from layout_studio.layout.paragraphs import Missing
from layout_studio.layout.parts import Fixed, Flow, piece_run, roman, shift_items, shift_runs

if TYPE_CHECKING:
    from layout_studio.layout.typeset import Typesetter


def assemble(
    ts: Typesetter, fixed: list[Fixed], front: list[Flow], body: list[Flow], back: list[Flow]
) -> tuple[TypesetDocument, dict[str, str]]:
    """Place every part on pages; returns the document and each anchor's folio."""
    doc, folios = _assemble(ts, fixed, front, body, back, folios_only=False)
    assert doc is not None
    return doc, folios


def anchor_folios(
    ts: Typesetter, fixed: list[Fixed], front: list[Flow], body: list[Flow], back: list[Flow]
) -> dict[str, str]:
    """Each anchor's folio, as ``assemble`` finds them, without placing or decorating pages.

    The flows are filled as ``assemble`` fills them; the anchors of a page are
    read from its lines. The first pass of the book, made with placeholder
    folios only to learn the real ones, needs no more.
    """
    return _assemble(ts, fixed, front, body, back, folios_only=True)[1]


def plan_anchors(flow: Flow, plan: PagePlan, *, first: bool) -> tuple[str, ...]:
    """The anchors ``place_page`` puts on the page, in order, without placing it."""
    names = [flow.anchor] if first else []
    for el in flow.els[plan.start : plan.end]:
        names.extend(extra.name for extra in el.extras if isinstance(extra, Anchor))
    return tuple(names)


@dataclass(frozen=True, slots=True)
class FlowPages:
    """A flow's pages as one pass of the assembly made them, to be taken again as they are.

    Decorated in a full pass (``missing``: the glyphs their running heads and folios
    lacked); bare, for their folios only, in the first pass.
    """

    pages: tuple[Page, ...]
    anchors: tuple[tuple[str, int], ...]  # each anchor's page index, in order
    figures: tuple[LineFigures, ...]
    counted: int  # folios it adds to its numbering ("front" or "body")
    missing: Missing = ()
    # The anchors as dicts (page index, folio), made once: a book's assembly merges
    # thousands of them at each build of the preview.
    indices: dict[str, int] = field(init=False, repr=False, compare=False)
    folios: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indices = dict(self.anchors)
        first = self.pages[0].index if self.pages else 0
        folios = {name: self.pages[i - first].folio for name, i in indices.items()}
        object.__setattr__(self, "indices", indices)
        object.__setattr__(self, "folios", folios)


def _assemble(
    ts: Typesetter,
    fixed: list[Fixed],
    front: list[Flow],
    body: list[Flow],
    back: list[Flow],
    *,
    folios_only: bool,
) -> tuple[TypesetDocument | None, dict[str, str]]:
    t, g = ts.theme, ts.page
    pages: list[Page] = []
    outline: list[OutlineEntry] = []
    anchors: dict[str, int] = {}
    folios: dict[str, str] = {}  # of the anchors, as they are set (the same order and values)
    folio_count = {"front": 0, "body": 0}
    # In page order: pages to decorate, and flows' pages taken as they were (their
    # decorations' missing glyphs are reported where decorating them would have).
    made: list[Page | FlowPages] = []
    fresh: list[tuple[object, FlowPages]] = []  # made now, to keep by their keys

    def new_page(kind: str, section: str | None) -> Page:
        numbering = (
            "front"
            if kind in ("front", "toc") or (kind == "blank" and folio_count["body"] == 0)
            else "body"
        )
        folio_count[numbering] += 1
        n = folio_count[numbering]
        label = roman(n) if numbering == "front" else str(n)
        page = Page(len(pages), g.width, g.height, label, kind, section)
        pages.append(page)
        return page

    for part in fixed:
        if part.recto is not None and (len(pages) % 2 == 0) != part.recto:
            made.append(new_page("blank", None))
        page = new_page(part.kind, None)
        made.append(page)
        if not folios_only:
            page.items.extend(shift_items(part.items, g.inner, 0.0))
        if part.name:
            anchors[part.name] = page.index
            folios[part.name] = page.folio
    limit = (
        g.top
        + t.body.size
        + math.floor((g.text_height - t.body.size) / t.body.leading + 1e-6) * t.body.leading
    )
    unbalanced = 0
    figures: list[LineFigures] = []  # of the pages with a flow's lines, in order
    for group in (front, body, back):
        for _k, flow in enumerate(group):
            checkpoint()
            if t.page.right_hand_openings and len(pages) % 2 == 1:
                made.append(new_page("blank", None))
            kind = "front" if group is front else flow.kind if flow.kind != "toc" else "front"
            if group is body:
                kind = "body"
            start_recto = len(pages) % 2 == 0
            plans, bad = ts.fill(
                flow,
                opening_y=g.top + flow.opening_y,
                first_y=g.top + t.body.size,
                limit=limit,
                start_recto=start_recto,
                widows=t.widows,
                orphans=t.orphans,
            )
            unbalanced += bad
            numbering = "front" if kind == "front" else "body"
            # Where its pages start and what they show beside its lines: the same
            # key, the same pages.
            key = ts.flow_pages_key(
                flow,
                (
                    folios_only,
                    len(pages),
                    folio_count[numbering],
                    kind,
                    flow.running_title,
                    ts.doc.metadata.title,
                ),
            )
            kept = ts.kept_flow_pages(key) if key is not None else None
            if kept is None:
                first = len(pages)
                if not plans:
                    plans = [PagePlan(0, 0, [])]
                named: list[tuple[str, int]] = []
                flow_figures: list[LineFigures] = []
                if folios_only:
                    for names in ts.page_anchors(flow, plans):
                        index = new_page(kind, flow.running_title).index
                        named += [(name, index) for name in names]
                else:
                    for n, placed in enumerate(ts.place(flow, plans, start_recto)):
                        page = new_page(kind, flow.running_title)
                        if n == 0:
                            page.opening = True
                        page.items.extend(placed.items)
                        page.lines.extend(placed.lines)
                        flow_figures.append(placed.figures)
                        named += [(name, page.index) for name in placed.anchors]
                kept = FlowPages(
                    tuple(pages[first:]), tuple(named), tuple(flow_figures), len(pages) - first
                )
                if key is None:  # nothing kept: its pages are decorated as any others
                    made += kept.pages
                else:
                    fresh.append((key, kept))
                    made.append(kept)
            else:
                pages += kept.pages
                folio_count[numbering] += kept.counted
                made.append(kept)
            anchors.update(kept.indices)
            folios.update(kept.folios)
            figures += kept.figures
            if not folios_only:
                outline.append(OutlineEntry(flow.title, 0, flow.anchor))
    if folios_only:
        for key, kept in fresh:
            ts.keep_flow_pages(key, kept)
        return None, folios
    decorate(ts, made, fresh)
    ts.line_figures = figures
    for passage in ts.state.passages:
        passage.page = anchors.get(passage.anchor, -1)
    doc = TypesetDocument(
        pages=pages,
        outline=[o for o in outline if o.title],
        title=ts.doc.metadata.title,
        subtitle=ts.doc.metadata.subtitle,
        authors=[c.name for c in ts.contributors],
        language=ts.doc.metadata.language,
        theme_name=t.name,
        report=ts.state.report,
        bleed=g.bleed,
        crop_marks=g.crop_marks,
        bleed_binding=g.bleed_binding,
        printing=t.printing,
        anchors=anchors,
        paragraph_sources=dict(ts.state.sources),
    )
    ts.state.report.unbalanced_spreads = unbalanced
    return doc, folios


@dataclass(frozen=True, slots=True)
class PlacedPage:
    """What a flow puts on one of its pages: items, lines and the anchors there, in order."""

    items: tuple[PageItem, ...]
    lines: tuple[LineInfo, ...]
    anchors: tuple[str, ...]
    figures: LineFigures  # what its lines add to the report


def place_flow(
    ts: Typesetter, flow: Flow, plans: list[PagePlan], start_recto: bool
) -> list[PlacedPage]:
    """The flow's lines on its pages (the first one, recto when ``start_recto``, opens it)."""
    return [
        place_page(ts, flow, plan, first=n == 0, recto=start_recto == (n % 2 == 0))
        for n, plan in enumerate(plans)
    ]


def place_page(
    ts: Typesetter, flow: Flow, plan: PagePlan, *, first: bool, recto: bool
) -> PlacedPage:
    """One page of the flow: its lines at their baselines (the first page has the heading)."""
    g = ts.page
    left = g.inner if recto else g.outer
    items: list[PageItem] = []
    lines: list[LineInfo] = []
    names: list[str] = []
    if first:
        items.append(Anchor(flow.anchor, left, g.top))
        names.append(flow.anchor)
        items.extend(shift_runs(flow.heading, left, g.top))
    for el, y in zip(flow.els[plan.start : plan.end], plan.baselines, strict=True):
        items.extend(shift_runs(el.runs, left, y))
        for extra in el.extras:
            if isinstance(extra, Anchor):
                items.append(Anchor(extra.name, left, y + extra.y))
                names.append(extra.name)
            else:
                items.extend(shift_items([extra], left, y))
        if el.margin:
            if recto:
                mx = left + g.text_width + 9.0
                items.extend(shift_runs(el.margin, mx, y))
            else:
                width = max(r.x + r.width for r in el.margin)
                items.extend(shift_runs(el.margin, left - 9.0 - width, y))
        lines.append(line_info(el, y))
    return PlacedPage(tuple(items), tuple(lines), tuple(names), line_figures(lines))


def decorate(
    ts: Typesetter, made: list[Page | FlowPages], fresh: list[tuple[object, FlowPages]]
) -> None:
    """Running heads and folios, in page order; ``fresh`` flows' pages are then kept decorated.

    The pages of a flow taken as they were are decorated already: only the glyphs
    their decorations lacked are reported again.
    """
    keys = {id(pages): key for key, pages in fresh}
    for part in made:
        checkpoint()
        if isinstance(part, Page):
            part.items.extend(ts.decoration(part))
            continue
        if id(part) not in keys:
            ts.replay(part.missing)
            continue

        def add(pages: tuple[Page, ...] = part.pages) -> None:
            for page in pages:
                checkpoint()
                page.items.extend(ts.decoration(page))

        _none, missing = ts.captured(add)
        ts.keep_flow_pages(keys[id(part)], replace(part, missing=missing))


def decoration(ts: Typesetter, page: Page) -> list[PageItem]:
    """The running head and folio of one page (none on blanks and unnamed front pages)."""
    t, g = ts.theme, ts.page
    opening = page.opening
    if page.kind == "blank" or (page.kind == "front" and page.section is None):
        return []
    rh = ts.style(
        t.running_head,
        "regular",
        features=(*t.running_head.features, "smcp") if t.running_head_small_caps else None,
    )
    if t.running_head_small_caps and "smcp" not in rh.font.gsub_features:
        rh = ts.style(t.running_head, "italic")
    fo = ts.style(t.folio, "regular")
    head_y = g.top - max(t.body.leading * 1.5, t.running_head.size * 2.2)
    foot_y = g.height - g.bottom + max(t.body.leading * 1.8, t.folio.size * 2.4)
    items: list[PageItem] = []
    left = g.inner if page.recto else g.outer
    if t.running_heads and not opening:
        text = page.section if page.recto else ts.doc.metadata.title
        if text:
            lines = ts.simple_lines(text, rh, ts.measure * 0.8, align="center")
            if lines:
                items.extend(shift_runs(lines[0].runs, left + ts.measure * 0.1, head_y))
    num = shape_pieces(page.folio, fo)
    width = sum(p.width for p in num)
    if t.folio_position == "bottom":
        x = left + (ts.measure - width) / 2
        y = foot_y
    else:
        if opening:
            x, y = left + (ts.measure - width) / 2, foot_y
        else:
            x = left + ts.measure - width if page.recto else left
            y = head_y
    items.append(piece_run(num[0], x, y))
    return items


def finish_report(ts: Typesetter, doc: TypesetDocument) -> None:
    """Spacing statistics, hyphen runs, widows/orphans, missing glyphs."""
    report = doc.report
    # Counted page by page as each was placed (``line_figures``): the pages an edit
    # left alone are not read again.
    book = book_figures(ts.line_figures)
    report.justified_lines += book.justified
    report.hyphenated_lines += book.hyphenated
    report.consecutive_hyphens += book.consecutive_hyphens
    report.overfull_lines += book.overfull
    if book.word_space_spread is not None:
        report.word_space_spread = book.word_space_spread
    report.missing_glyphs = dict(ts.state.collected.missing)
    for char, font in sorted(report.missing_glyphs.items()):
        name = unicodedata.name(char, hex(ord(char)))
        if font:
            report.warnings.append(
                f"caractère {char} ({name}) absent de la police : pris dans {font}"
            )
        else:
            report.warnings.append(
                f"caractère {char} ({name}) absent de toutes les polices : dessiné comme une case"
            )


def line_info(el: El, y: float) -> LineInfo:
    """What the report and the preview keep of a line placed at ``y``."""
    text = el.line_text
    if text is None:
        text = el.line_text = "".join(r.text for r in sorted(el.runs, key=lambda r: r.x))
    return LineInfo(
        text,
        y,
        el.para,
        el.index,
        el.count,
        el.hyphenated,
        el.justified,
        el.space,
        el.overfull,
        el.kind,
    )
