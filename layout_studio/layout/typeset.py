"""``typeset(document, theme)``: the whole book as pages of positioned items.

Takes a ``Document`` (already through the French typography rules) and a
``Theme``; gives a ``TypesetDocument``. Stages, each in its own module:
inline collect/finalize (``inline``), Knuth–Plass (``linebreak``), page
filling with widow/orphan control (``flow``), styles and body paragraphs
(``paragraphs``, a base of the ``Typesetter``). This module holds the
``Typesetter``'s section flows and orders the book; the generated matter is in
``matter`` (one module per kind), page assembly (running heads, folios,
anchors, links, outline) in ``assembly``, and the live preview's reuse of an
earlier build in ``incremental``.

Book order: half-title, blank, title page, colophon (every contributor),
table of contents (front or back, as the theme says), confirmed front
sections, body sections (on a right-hand page when the theme asks), back
sections, notes, the index of contributors. Sections still marked as
import candidates are left out and reported.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

from layout_studio.checkpoint import checkpoint
from layout_studio.layout.assembly import (
    FlowPages,
    PlacedPage,
    anchor_folios,
    assemble,
    decoration,
    finish_report,
    place_flow,
    plan_anchors,
)
from layout_studio.layout.filling import fill_pages
from layout_studio.layout.flow import El, PagePlan
from layout_studio.layout.gc_pause import paused_gc
from layout_studio.layout.line_figures import LineFigures
from layout_studio.layout.linebreak import BreakParams
from layout_studio.layout.matter import fixed_title_pages, index_flow, notes_flow, toc_flow
from layout_studio.layout.matter.index import passages_by_person
from layout_studio.layout.page import (
    Anchor,
    GlyphRun,
    Page,
    PageItem,
    TypesetDocument,
)
from layout_studio.layout.paragraphs import ParagraphSetter, SetterState
from layout_studio.layout.parts import (
    Fixed,
    Flow,
    Passage,
    incipit,
    incipit_spans,
    index_anchor,
    section_paragraphs,
    shift_runs,
)
from layout_studio.model.document import (
    Contribution,
    Contributor,
    Credit,
    CreditMark,
    Document,
    FootnoteCall,
    Heading,
    Mark,
    Matter,
    Paragraph,
    SceneBreak,
    Section,
    Text,
)
from layout_studio.style.theme import Theme
from layout_studio.text.fonts import load_font
from layout_studio.text.hyphenate import (
    FrenchHyphenator,
    english_hyphenator,
    shared_hyphenator,
)

# Re-exported: the EPUB writer and older callers import them from here.
__all__ = ["Typesetter", "incipit", "index_anchor", "typeset"]


class Typesetter(ParagraphSetter):
    """Builds the page model of one book with one theme."""

    def __init__(
        self,
        document: Document,
        theme: Theme,
        hyphenator: FrenchHyphenator | None = None,
        byline: str | None = None,
    ) -> None:
        self.doc = document
        self.byline = byline
        self.theme = theme
        self.page = theme.page
        self.hyphenator = (
            (
                hyphenator
                or shared_hyphenator(
                    theme.hyphen_left, theme.hyphen_right, theme.hyphen_capitalised
                )
            )
            if theme.hyphenate
            else None
        )
        # {lang=en} passages: English patterns, or none when they are not installed.
        self.english_hyphenator = (
            english_hyphenator(theme.hyphen_left, theme.hyphen_right, theme.hyphen_capitalised)
            if self.hyphenator is not None
            else None
        )
        self.fallbacks = tuple(
            load_font(str(spec.path("regular"))) for spec in theme.fallback_fonts
        )
        self.params = BreakParams(
            tolerance=theme.breaking.tolerance,
            line_penalty=theme.breaking.line_penalty,
            hyphen_penalty=theme.breaking.hyphen_penalty,
            double_hyphen_demerits=theme.breaking.double_hyphen_demerits,
            final_hyphen_demerits=theme.breaking.final_hyphen_demerits,
            adj_demerits=theme.breaking.adj_demerits,
            looseness=theme.breaking.looseness,
            emergency_stretch=theme.emergency_stretch,
            forbid_double_hyphens=theme.breaking.forbid_double_hyphens,
        )
        self.measure = self.page.text_width
        self.state = SetterState()
        # Each placed page's line figures, as the last assembly placed them (the report's).
        self.line_figures: list[LineFigures] = []

    @functools.cached_property
    def contributors(self) -> tuple[Contributor, ...]:
        """The book's contributors in the order it lists them (counted once per book)."""
        return self.doc.ordered_contributors

    # ---- flows ------------------------------------------------------------
    def heading_block(self, title: str) -> tuple[list[GlyphRun], float]:
        """Heading runs (y from the text block top) and the first text baseline below."""
        t = self.theme
        style = self.style(t.heading, "regular")
        text = title.upper() if t.heading_upper else title
        lines = self.simple_lines(text, style, self.measure * 0.85, align=t.heading_align)
        runs: list[GlyphRun] = []
        offset = {"left": 0.0, "center": self.measure * 0.075, "right": self.measure * 0.15}[
            t.heading_align
        ]
        y = t.heading_sink
        for i, line in enumerate(lines):
            if i:
                y += t.heading.leading
            runs.extend(shift_runs(line.runs, offset, y))
        first = t.body.size
        leading = t.body.leading
        steps = math.ceil((y + 2.2 * leading - first) / leading)
        return runs, first + steps * leading

    def section_flow(self, section: Section, index: int) -> Flow:
        """A front, body or back section of the document."""
        t = self.theme
        title = section.title or ""
        anchor = f"s{index}"
        heading, opening_y = self.heading_block(title) if title else ([], t.body.size)
        els: list[El] = []
        first = True
        drop = t.drop_caps and section.matter is Matter.BODY
        pending_space = 0.0
        n_contrib = 0
        ordinal = 0  # paragraphs of the section in ``section.blocks()`` order

        def remember(block: object, new: list[El]) -> None:
            nonlocal ordinal
            if isinstance(block, Paragraph):
                if new:
                    self.state.sources[new[0].para] = (index, ordinal)
                ordinal += 1

        for item in section.content:
            if isinstance(item, Contribution):
                if n_contrib and t.separator == "ornament":
                    els.append(self.ornament_el("\u2022", t.body.leading * 2))
                    pending_space = t.body.leading
                elif n_contrib and t.separator == "space":
                    pending_space = t.body.leading
                n_contrib += 1
                self.state.passages.append(
                    Passage(item.credit, f"c{len(self.state.passages)}", self.incipit(item))
                )
                passage = self.state.passages[-1]
                for j, block in enumerate(item.blocks):
                    last = j == len(item.blocks) - 1
                    new = self.block_els(
                        block,
                        first=first,
                        drop=drop and first,
                        credit=item.credit if last and isinstance(block, Paragraph) else None,
                    )
                    remember(block, new)
                    if j == 0 and new:
                        new[0].contribution = len(self.state.passages) - 1
                        new[0].extras.append(Anchor(passage.anchor, 0.0, -t.body.leading))
                    if new and pending_space:
                        new[0].space_before += pending_space
                        pending_space = 0.0
                    els.extend(new)
                    first = False
                if item.blocks and not isinstance(item.blocks[-1], Paragraph):
                    els.extend(
                        self.paragraph_els(
                            Paragraph((CreditMark(item.credit),)), indent=False, credit=item.credit
                        )
                    )
            else:
                new = self.block_els(item, first=first, drop=drop and first)
                remember(item, new)
                if isinstance(item, SceneBreak):
                    pending_space = t.body.leading
                elif new and pending_space:
                    new[0].space_before += pending_space
                    pending_space = 0.0
                els.extend(new)
                first = first and not isinstance(item, Paragraph)
        variants = {el.para: self.state.variants[el.para] for el in els if el.para >= 0}
        return Flow(
            title,
            section.matter.value,
            anchor,
            els,
            heading,
            opening_y,
            running_title=title,
            variants=variants,
        )

    def block_els(
        self, block: object, *, first: bool, drop: bool, credit: Credit | None = None
    ) -> list[El]:
        """Flow lines for one block."""
        t = self.theme
        if isinstance(block, Paragraph):
            indent = t.indent_first or not first
            els = self.paragraph_els(block, indent=indent, credit=credit, drop_cap=drop)
            if els and not first and t.paragraph_spacing:
                els[0].space_before += t.paragraph_spacing
            return els
        if isinstance(block, Heading):
            style = self.span_style(frozenset({Mark.STRONG}))
            b = self.builder()
            b.text(block.plain_text, style, hyphenate=False)
            lines = self.break_lines(b.finish(), self.measure, justify=False, align="left")
            els = [
                El(height=t.body.leading, runs=ln.runs, keep_next=True, kind="heading")
                for ln in lines
            ]
            if els:
                els[0].space_before = t.body.leading
            return els
        if isinstance(block, SceneBreak):
            return [self.ornament_el(t.scene_break, t.body.leading * 2)]
        return []

    # ---- assembly ---------------------------------------------------------
    def run(self) -> TypesetDocument:
        """Typeset the book (the cyclic garbage collector held off: ``gc_pause``)."""
        with paused_gc():
            return self._run()

    def _run(self) -> TypesetDocument:
        t = self.theme
        self.state.report.warnings.extend(t.warnings)
        included = [s for s in self.doc.sections if not s.candidate]
        for s in self.doc.sections:
            if s.candidate:
                self.state.report.warnings.append(
                    f"section « {s.title or 'sans titre'} » laissée de côté "
                    "(candidate non confirmée à l’import)"
                )
        flows_front = [
            self.section_flow(s, i) for i, s in enumerate(included) if s.matter is Matter.FRONT
        ]
        flows_body = [
            self.section_flow(s, i) for i, s in enumerate(included) if s.matter is Matter.BODY
        ]
        flows_back = [
            self.section_flow(s, i) for i, s in enumerate(included) if s.matter is Matter.BACK
        ]
        checkpoint()
        labels = [label for i, s in enumerate(included) for label in self.note_labels(s, i)]
        notes = notes_flow(self, labels)
        if notes:
            flows_back.append(notes)
        checkpoint()
        fixed = self.title_pages()
        folios: dict[str, str] = {}
        doc: TypesetDocument | None = None
        for attempt in range(3):
            checkpoint()
            known = dict(folios)
            index = self.index_flow(known) if t.contributor_index else None
            back = flows_back + ([index] if index else [])
            toc_targets = flows_front + flows_body + back
            toc = self.toc_flow(toc_targets, folios) if t.toc != "none" else None
            front = ([toc] if toc and t.toc == "front" else []) + flows_front
            if toc and t.toc == "back":
                back = [*back, toc]
            if attempt == 0:  # placeholder folios: only the real ones are wanted from it
                new_folios = anchor_folios(self, fixed, front, flows_body, back)
                if new_folios != folios:
                    folios = new_folios
                    continue
            doc, new_folios = assemble(self, fixed, front, flows_body, back)
            if new_folios == folios:
                break
            folios = new_folios
        assert doc is not None
        checkpoint()
        finish_report(self, doc)
        return doc

    # ---- generated matter and page filling (an incremental typesetter memoises these)
    def passages_by_person(self) -> list[tuple[str, list[Passage]]]:
        """The passages grouped as the index lists them, grouped once per book's passages.

        The index is set two or three times per build (placeholder folios, then the
        real ones), always after every passage is known.
        """
        count = len(self.state.passages)
        grouped: tuple[int, list[tuple[str, list[Passage]]]] | None
        grouped = self.__dict__.get("_passages_by_person")
        if grouped is None or grouped[0] != count:
            grouped = (count, passages_by_person(self.state.passages))
            self.__dict__["_passages_by_person"] = grouped
        return grouped[1]

    def incipit(self, contribution: Contribution) -> tuple[Text, ...]:
        """The passage's first words, as the index quotes them."""
        return incipit_spans(contribution)

    def note_labels(self, section: Section, index: int) -> tuple[str, ...]:
        """The labels of the section's note calls, in order (``index``: its place)."""
        return tuple(
            span.label
            for p in section_paragraphs(section)
            for span in p.spans
            if isinstance(span, FootnoteCall)
        )

    def title_pages(self) -> list[Fixed]:
        """Half-title, title page, colophon (and dedication)."""
        return fixed_title_pages(self)

    def toc_flow(self, flows: list[Flow], folios: dict[str, str]) -> Flow:
        """The table of contents listing ``flows`` with their known folios."""
        return toc_flow(self, flows, folios)

    def index_flow(self, folios: Mapping[str, str]) -> Flow:
        """The index of contributors (``folios``: the anchors' known folios, else "000")."""
        return index_flow(self, lambda anchor: folios.get(anchor, "000"))

    def fill(
        self,
        flow: Flow,
        *,
        opening_y: float,
        first_y: float,
        limit: float,
        start_recto: bool,
        widows: int,
        orphans: int,
    ) -> tuple[list[PagePlan], int]:
        """The flow's pages (``fill_pages``: it may set paragraphs looser or tighter)."""
        return fill_pages(
            flow,
            opening_y=opening_y,
            first_y=first_y,
            limit=limit,
            start_recto=start_recto,
            widows=widows,
            orphans=orphans,
        )

    def place(self, flow: Flow, plans: list[PagePlan], start_recto: bool) -> list[PlacedPage]:
        """The items, lines and anchors of each page of the flow."""
        return place_flow(self, flow, plans, start_recto)

    def page_anchors(self, flow: Flow, plans: list[PagePlan]) -> list[tuple[str, ...]]:
        """The anchors ``place`` would put on each page of the flow, in order."""
        return [plan_anchors(flow, plan, first=n == 0) for n, plan in enumerate(plans)]

    def decoration(self, page: Page) -> list[PageItem]:
        """The page's running head and folio."""
        return decoration(self, page)

    def flow_pages_key(self, flow: Flow, start: tuple[object, ...]) -> object | None:
        """What a flow's pages, filled and starting at ``start``, are kept by (none here)."""
        return None

    def kept_flow_pages(self, key: object) -> FlowPages | None:
        """A flow's pages kept by ``key`` from an earlier build (none here)."""
        return None

    def keep_flow_pages(self, key: object, pages: FlowPages) -> None:
        """Keep a flow's pages for a later build (not here)."""


def typeset(
    document: Document,
    theme: Theme,
    hyphenator: FrenchHyphenator | None = None,
    byline: str | None = None,
) -> TypesetDocument:
    """Lay out ``document`` with ``theme``: the page model every exporter draws.

    ``byline`` is the title page's author line ("26 auteurs"); by default the
    number of credited contributors.
    """
    return Typesetter(document, theme, hyphenator, byline).run()
