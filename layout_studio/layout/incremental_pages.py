"""The pages of the incremental typesetter: filled, placed and decorated again only when needed.

Takes, through ``PagesFromMemo`` (a base of ``IncrementalTypesetter``), a
flow with its key and the ``LayoutMemo`` of the last builds; gives the same
page plans, anchors, placed pages and running heads as ``Typesetter`` does,
taken from the memo when their inputs are the same:

* a flow's pages (filled, then placed), keyed by its lines and the side it
  starts on;
* each page placed again only when its lines changed, compared by identity;
* each page's running head and folio, keyed by what they show;
* a flow's pages whole (the ``Page`` objects, decorated), keyed by its fill
  and where they start: the page, the folio, what the running heads show.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from layout_studio.checkpoint import checkpoint
from layout_studio.layout.assembly import FlowPages, PlacedPage, place_page
from layout_studio.layout.flow import El, PagePlan
from layout_studio.layout.page import Page, PageItem
from layout_studio.layout.paragraphs import Missing
from layout_studio.layout.parts import Flow
from layout_studio.layout.typeset import Typesetter

if TYPE_CHECKING:
    from layout_studio.layout.incremental import LayoutMemo


@dataclass(frozen=True)
class _FillEntry:
    """A flow as filled: its page plans and the lines filling left it with."""

    plans: tuple[PagePlan, ...]
    bad: int
    els: tuple[El, ...]
    token: int
    missing: Missing


class PagesFromMemo(Typesetter):
    """``Typesetter``'s page steps, taken from ``memo`` when their inputs did not change."""

    memo: LayoutMemo
    _filled: dict[int, tuple[Flow, tuple[int, bool]]]  # id(flow) → its fill

    def _variants(self, flow: Flow) -> None:
        """Give a reused flow its paragraphs' variants before it is filled again."""

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
        """The flow's pages, filled again only for other lines or another starting side."""
        filled = functools.partial(
            Typesetter.fill,
            self,
            flow,
            opening_y=opening_y,
            first_y=first_y,
            limit=limit,
            start_recto=start_recto,
            widows=widows,
            orphans=orphans,
        )
        if flow.key is None:
            return filled()
        key = (flow.key, start_recto)  # the geometry is the theme's, the same for the memo
        entry: _FillEntry | None = self.memo.fills.get(key)
        if entry is None and flow.shape is not None and not flow.variants:
            # Lines of another flow that paginate alike: its pages (nothing set, none missing).
            shaped: tuple[tuple[PagePlan, ...], int] | None = self.memo.shape_fills.get(
                (flow.shape, start_recto)
            )
            if shaped is not None:
                entry = _FillEntry(shaped[0], shaped[1], tuple(flow.els), flow.key, ())
                self.memo.fills.put(key, entry)
        if entry is None:
            self._variants(flow)
            before = flow.els
            (plans, bad), missing = self.captured(filled)
            # Filling may set paragraphs looser or tighter: then these are other lines.
            token = flow.key if flow.els is before else next(self.memo.tokens)
            entry = _FillEntry(tuple(plans), bad, tuple(flow.els), token, missing)
            self.memo.fills.put(key, entry)
            if flow.shape is not None and not flow.variants:
                self.memo.shape_fills.put((flow.shape, start_recto), (entry.plans, bad))
        else:
            self.replay(entry.missing)
            flow.els = list(entry.els)
        flow.key = entry.token
        self._filled[id(flow)] = (flow, key)
        return list(entry.plans), entry.bad

    def page_anchors(self, flow: Flow, plans: list[PagePlan]) -> list[tuple[str, ...]]:
        """Each page's anchors, read again only when the flow was filled again."""
        filled = self._filled.get(id(flow))
        key = filled[1] if filled is not None and filled[0] is flow else None
        if key is None:
            return super().page_anchors(flow, plans)
        names: list[tuple[str, ...]] | None = self.memo.anchors.get(key)
        if names is None:
            # Equal shapes (anchors' names included) on the same side: the same pages.
            shaped = ("anchors", flow.shape, key[1], flow.anchor) if flow.shape else None
            placed: list[PlacedPage] | None = self.memo.places.get(key)
            if shaped is not None:
                names = self.memo.shape_fills.get(shaped)
            if names is None and placed is not None:
                names = [page.anchors for page in placed]
            if names is None:
                names = super().page_anchors(flow, plans)
            self.memo.anchors.put(key, names)
            if shaped is not None:
                self.memo.shape_fills.put(shaped, names)
        return names

    def place(self, flow: Flow, plans: list[PagePlan], start_recto: bool) -> list[PlacedPage]:
        """The flow's placed pages: as filled by ``fill``, or page by page by their lines."""
        filled = self._filled.pop(id(flow), None)
        key = filled[1] if filled is not None and filled[0] is flow else None
        placed: list[PlacedPage] | None = self.memo.places.get(key) if key else None
        if placed is None:
            placed = [
                self._place_page(flow, plan, first=n == 0, recto=start_recto == (n % 2 == 0))
                for n, plan in enumerate(plans)
            ]
            if key is not None:
                self.memo.places.put(key, placed)
        return placed

    def _place_page(self, flow: Flow, plan: PagePlan, *, first: bool, recto: bool) -> PlacedPage:
        """A page placed again only when its lines changed (a changed index keeps most pages).

        Lines are compared by identity: a line is final once in a flow (nothing
        changes it after its paragraph, entry or block is set; a looser or
        tighter variant is a new line), and the entry kept here holds the lines
        and the heading, so no other object can take their ids.
        """
        checkpoint()
        els = flow.els[plan.start : plan.end]
        key = (
            recto,
            (flow.anchor, tuple(map(id, flow.heading))) if first else None,
            tuple(plan.baselines),
            tuple(map(id, els)),
        )
        hit: tuple[PlacedPage, object] | None = self.memo.pages.get(key)
        if hit is None:
            self.memo.placed += 1
            page = place_page(self, flow, plan, first=first, recto=recto)
            hit = (page, (els, flow.heading))  # what keeps the ids in the key alive
            self.memo.pages.put(key, hit)
        return hit[0]

    def flow_pages_key(self, flow: Flow, start: tuple[object, ...]) -> object | None:
        """The flow's fill (its lines and starting side) and where its pages start."""
        filled = self._filled.get(id(flow))
        return (filled[1], start) if filled is not None and filled[0] is flow else None

    def kept_flow_pages(self, key: object) -> FlowPages | None:
        """The pages a build made for the same key: the same ``Page`` objects."""
        kept: FlowPages | None = self.memo.flow_pages.get(key)
        return kept

    def keep_flow_pages(self, key: object, pages: FlowPages) -> None:
        """Keep a flow's pages (decorated, in a full pass) for the next builds."""
        self.memo.flow_pages.put(key, pages)

    def decoration(self, page: Page) -> list[PageItem]:
        """The running head and folio, set again only when what they show changed."""
        key = (
            page.kind,
            page.section,
            page.recto,
            page.opening,
            page.folio,
            self.doc.metadata.title,
        )
        hit: tuple[list[PageItem], Missing] | None = self.memo.decorations.get(key)
        if hit is None:
            hit = self.captured(lambda: Typesetter.decoration(self, page))
            self.memo.decorations.put(key, hit)
        else:
            self.replay(hit[1])
        return list(hit[0])
