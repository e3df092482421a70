"""Incremental typesetting for the live preview: after an edit, redo what it can change.

Takes the ``Document`` and ``Theme`` of each successive build; gives exactly
the ``TypesetDocument`` that ``typeset()`` gives (same pages, items, lines,
anchors and report), doing again only the work whose inputs changed since
the previous builds. ``LayoutMemo`` keeps, from one build to the next:

* each section's flow, keyed by the section's content and its place in the
  numbering (first paragraph number, passages before it); a hit replays
  what building it recorded (passages, paragraph sources, the looser and
  tighter variants, glyphs found missing);
* the contents and the index, keyed by the titles, incipits and folios they
  show, and the title pages by the metadata and contributors;
* each flow's pages (filled, then placed), keyed by its lines and the side
  it starts on: a section flow starts on a new page, so an unchanged section
  after an edit is placed again at its new folio without being paginated;
* each page's running head and folio, keyed by what they show
  (these two in ``incremental_pages``, the typesetter's page steps).

Unchanged paragraphs are not broken again (``typeset``'s paragraph cache).
Every memo keeps the entries used by the last two builds, no more.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from layout_studio.checkpoint import checkpoint
from layout_studio.layout.flow import El, FlowShape, el_shape
from layout_studio.layout.incremental_pages import PagesFromMemo
from layout_studio.layout.kept_lines import keep_lines
from layout_studio.layout.matter.index import index_flow, name_els, passage_els
from layout_studio.layout.page import GlyphRun, TypesetDocument
from layout_studio.layout.paragraphs import Missing, ParagraphOptions
from layout_studio.layout.parts import Fixed, Flow, Passage
from layout_studio.layout.typeset import Typesetter
from layout_studio.model.document import (
    Contribution,
    Contributor,
    Credit,
    Document,
    Paragraph,
    Section,
    Text,
)
from layout_studio.style.theme import Theme


class _Memo:
    """A dict that forgets what neither of the last two builds used.

    Two builds, not one: a build that keeps every page whole (typing inside a
    paragraph) looks up no fill, page or running head, and with one build's
    memory the next edit that moves a line found none of them.
    """

    def __init__(self) -> None:
        self.current: dict[Any, Any] = {}
        self.previous: dict[Any, Any] = {}
        self.older: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        hit = self.current.get(key)
        if hit is None:
            hit = self.previous.get(key)
            if hit is None:
                hit = self.older.get(key)
            if hit is not None:
                self.current[key] = hit
        return hit

    def put(self, key: Any, value: Any) -> None:
        self.current[key] = value

    def roll(self) -> None:
        self.older, self.previous, self.current = self.previous, self.current, {}


@dataclass(frozen=True)
class _FlowEntry:
    """A flow as built, with what building it left in the typesetter's state."""

    token: int
    flow: Flow  # never handed out: its lines are copied into a new Flow each time
    els: tuple[El, ...]
    missing: Missing
    para_count: int = 0
    sources: tuple[tuple[int, tuple[int, int]], ...] = ()
    paragraphs: tuple[tuple[int, Paragraph, ParagraphOptions, list[El]], ...] = ()
    passages: tuple[tuple[Credit, tuple[Text, ...]], ...] = ()  # credit and incipit, in order
    labels: tuple[str, ...] = ()  # of its note calls
    shape: FlowShape | None = None  # how its lines paginate (generated matter)


class _Block:
    """One person's lines of the index; equal only to itself (keys compare blocks by identity)."""

    __slots__ = ("els", "incipits", "missing", "shape")

    def __init__(
        self, els: tuple[El, ...], missing: Missing, incipits: tuple[tuple[Text, ...], ...]
    ) -> None:
        self.els = els
        self.missing = missing
        self.incipits = incipits  # keeps the objects whose ids its key holds
        self.shape: tuple[object, ...] = ()  # its lines' ``el_shape``s, one object per value


# What the index shows: each passage's credit, first words and anchor, and the folio
# it is listed with, in the book's order.
_IndexKey = tuple[tuple[object, ...], tuple[object, ...], tuple[str, ...], tuple[str, ...]]
_CREDIT, _INCIPIT, _ANCHOR = attrgetter("credit"), attrgetter("incipit"), attrgetter("anchor")


@dataclass(frozen=True)
class _WholeIndex:
    """The index as one pass set it, and the memo entries it used (kept alive with it)."""

    entry: _FlowEntry
    missing: Missing
    used: tuple[tuple[_Memo, object, object], ...]


class LayoutMemo:
    """What one build of a book keeps for the next; ``typeset`` lays out a new state."""

    def __init__(self) -> None:
        self.theme: Theme | None = None
        self.tokens = itertools.count(1)
        self.sections = _Memo()
        self.matter = _Memo()
        self.index = _Memo()
        self.index_parts = _Memo()  # a person's name, a passage's entry
        self.incipits = _Memo()
        self.incipit_of = _Memo()  # each contribution's first words, by identity
        self.at_place = _Memo()  # each section's last flow, by its place in the book
        self.fills = _Memo()
        self.places = _Memo()
        self.anchors = _Memo()
        self.pages = _Memo()
        self.decorations = _Memo()
        self.shapes = _Memo()  # each index block's line shapes, by person, passages, folios
        self.shape_fills = _Memo()  # a generated flow's pages by its shape
        self.flow_pages = _Memo()  # a flow's pages whole, where they start
        # The index as each pass of the last build set it, by what it shows (compared,
        # not hashed: thousands of passages), and this build's.
        self.indexes: list[tuple[_IndexKey, _WholeIndex]] = []
        self.indexes_now: list[tuple[_IndexKey, _WholeIndex]] = []
        self.hits = 0  # flows reused by the last build (tests and benchmarks)
        self.placed = 0  # pages the last build placed again (tests and benchmarks)

    def typeset(
        self, document: Document, theme: Theme, byline: str | None = None
    ) -> TypesetDocument:
        """The same page model as ``typeset(document, theme, byline=byline)``."""
        if theme is not self.theme:  # another theme: nothing kept applies
            self.__init__()  # type: ignore[misc]
            self.theme = theme
        self.hits = self.placed = 0
        self.indexes_now = []  # a build that raised left its own: not kept
        doc = IncrementalTypesetter(document, theme, self, byline).run()
        memos = (
            self.sections,
            self.at_place,
            self.matter,
            self.index,
            self.index_parts,
            self.incipits,
            self.incipit_of,
            self.fills,
            self.places,
            self.anchors,
            self.pages,
            self.decorations,
            self.flow_pages,
            self.shapes,
            self.shape_fills,
        )
        for memo in memos:
            checkpoint()
            memo.roll()
        self.indexes, self.indexes_now = self.indexes_now, []
        return doc


class IncrementalTypesetter(PagesFromMemo):
    """A ``Typesetter`` that takes from a ``LayoutMemo`` what did not change."""

    def __init__(
        self, document: Document, theme: Theme, memo: LayoutMemo, byline: str | None = None
    ) -> None:
        super().__init__(document, theme, byline=byline)
        self.memo = memo
        self._recording: list[tuple[int, Paragraph, ParagraphOptions, list[El]]] | None = None
        self._filled: dict[int, tuple[Flow, tuple[int, bool]]] = {}  # id(flow) → its fill
        self._unfilled: dict[int, tuple[Flow, _FlowEntry]] = {}  # reused sections, by id
        self._built: dict[int, tuple[Section, _FlowEntry]] = {}  # this build's, by place

    @functools.cached_property
    def contributors(self) -> tuple[Contributor, ...]:
        """As ``Typesetter.contributors``, counted again only when a credit changed.

        The list follows from the credits in reading order (each ``Credit`` compares
        its name and affiliation): an edited paragraph is a new object, its credit an
        equal one, so typing inside a passage counts nobody again (every contribution
        walked, ~4 ms a build on a 350-page book). Unchanged passages keep their
        ``Credit`` objects, which the tuple comparison takes by identity.
        """
        doc = self.doc
        credits = tuple(
            item.credit
            for section in doc.sections
            if not section.candidate
            for item in section.content
            if isinstance(item, Contribution)
        )
        key = (doc.metadata.contributor_order, credits)
        hit: tuple[object, tuple[Contributor, ...]] | None = self.memo.matter.get("contributors")
        if hit is None or hit[0] != key:
            hit = (key, doc.ordered_contributors)
        self.memo.matter.put("contributors", hit)
        return hit[1]

    def heading_block(self, title: str) -> tuple[list[GlyphRun], float]:
        """As ``Typesetter.heading_block``, the same runs for a title from one build to the next.

        Pages compare their lines and heading by identity: the index, set again
        with its heading at each build, had its first page placed again each time.
        """
        key = ("heading", title)
        hit: tuple[tuple[list[GlyphRun], float], Missing] | None = self.memo.matter.get(key)
        if hit is None:
            hit = self.captured(lambda: Typesetter.heading_block(self, title))
            self.memo.matter.put(key, hit)
        else:
            self.replay(hit[1])
        runs, opening = hit[0]
        return list(runs), opening

    # ---- section flows
    def variant(
        self, para: Paragraph, options: ParagraphOptions, pid: int, els: list[El]
    ) -> Callable[[int], list[El] | None]:
        """As ``Typesetter.variant``, noting the paragraph while a section is being built."""
        if self._recording is not None:
            self._recording.append((pid, para, options, els))
        return super().variant(para, options, pid, els)

    def section_flow(self, section: Section, index: int) -> Flow:
        """The section's flow, built again only when it or its numbering changed."""
        state = self.state
        numbering = (index, state.para_counter, len(state.passages))
        # The section built at this place last time, compared without hashing
        # the whole section (equal texts are the same objects, which compare fast).
        last: tuple[Section, tuple[int, int, int], _FlowEntry] | None
        last = self.memo.at_place.get(index)
        entry: _FlowEntry | None = None
        if last is not None and last[1] == numbering and last[0] == section:
            entry = last[2]
        else:
            key = (section, *numbering)
            entry = self.memo.sections.get(key)
        if entry is None:
            first = state.para_counter
            first_passage = len(state.passages)
            self._recording = []
            try:
                flow, missing = self.captured(lambda: Typesetter.section_flow(self, section, index))
                paragraphs = tuple(self._recording)
            finally:
                self._recording = None
            for passage in state.passages[first_passage:]:
                passage.incipit = self._incipit(passage.incipit)
            if last is not None:  # the lines the edit left alone are the old ones
                flow.els = keep_lines(flow.els, last[2].els)
                if flow.heading == last[2].flow.heading:  # pages key it by identity too
                    flow.heading = last[2].flow.heading
            sources = tuple(
                (pid, state.sources[pid])
                for pid in range(first + 1, state.para_counter + 1)
                if pid in state.sources
            )
            entry = _FlowEntry(
                next(self.memo.tokens),
                flow,
                tuple(flow.els),
                missing,
                state.para_counter - first,
                sources,
                paragraphs,
                tuple((p.credit, p.incipit) for p in state.passages[first_passage:]),
                Typesetter.note_labels(self, section, index),
            )
            self.memo.sections.put(key, entry)
            self.memo.at_place.put(index, (section, numbering, entry))
            self._built[index] = (section, entry)
            flow.key = entry.token
            return flow
        self.memo.hits += 1
        self.memo.at_place.put(index, (section, numbering, entry))
        self._built[index] = (section, entry)
        state.para_counter += entry.para_count
        for credit, spans in entry.passages:  # as ``section_flow`` numbers them
            state.passages.append(Passage(credit, f"c{len(state.passages)}", spans))
        state.sources.update(entry.sources)
        self.replay(entry.missing)
        flow = self._copy(entry)
        # Its paragraphs' variants are made only if its pages are filled again.
        self._unfilled[id(flow)] = (flow, entry)
        return flow

    def incipit(self, contribution: Contribution) -> tuple[Text, ...]:
        """As ``Typesetter.incipit``, found again only for a contribution not seen last time.

        By identity: the preview's unchanged contributions are the same objects
        from one build to the next (the entry holds it: its id stays its own).
        """
        hit: tuple[Contribution, tuple[Text, ...]] | None = self.memo.incipit_of.get(
            id(contribution)
        )
        if hit is None or hit[0] is not contribution:
            hit = (contribution, super().incipit(contribution))
        self.memo.incipit_of.put(id(contribution), hit)
        return hit[1]

    def _incipit(self, spans: tuple[Text, ...]) -> tuple[Text, ...]:
        """The one object kept for these first words (the index compares them by identity)."""
        kept: tuple[Text, ...] | None = self.memo.incipits.get(spans)
        if kept is None:
            kept = spans
        self.memo.incipits.put(spans, kept)
        return kept

    def _variants(self, flow: Flow) -> None:
        """Give a reused section's flow its paragraphs' variants, as ``section_flow`` does."""
        lazy = self._unfilled.pop(id(flow), None)
        if lazy is None or lazy[0] is not flow:
            return
        entry = lazy[1]
        shown = {el.para for el in entry.els if el.para >= 0}
        made = {
            pid: Typesetter.variant(self, para, options, pid, els)
            for pid, para, options, els in entry.paragraphs
        }
        flow.variants = {pid: made[pid] for pid in sorted(shown)}

    def note_labels(self, section: Section, index: int) -> tuple[str, ...]:
        """The note calls' labels, as kept with the section's flow."""
        built = self._built.get(index)
        if built is not None and built[0] is section:
            return built[1].labels
        return super().note_labels(section, index)

    def _copy(
        self, entry: _FlowEntry, variants: dict[int, Callable[[int], list[El] | None]] | None = None
    ) -> Flow:
        f = entry.flow
        return Flow(
            f.title,
            f.kind,
            f.anchor,
            list(entry.els),
            f.heading,
            f.opening_y,
            f.outline,
            f.running_title,
            variants or {},
            entry.token,
            entry.shape,
        )

    def _matter(self, key: tuple[object, ...], build: Callable[[], Flow]) -> Flow:
        entry: _FlowEntry | None = self.memo.matter.get(key)
        if entry is None:
            flow, missing = self.captured(build)
            assert not flow.variants  # generated matter has no paragraphs to loosen
            entry = _FlowEntry(next(self.memo.tokens), flow, tuple(flow.els), missing)
            self.memo.matter.put(key, entry)
        else:
            self.replay(entry.missing)
        return self._copy(entry)

    # ---- generated matter
    def title_pages(self) -> list[Fixed]:
        """The title pages, set again only when the metadata or contributors changed."""
        doc = self.doc
        key = (
            "title pages",
            repr((doc.metadata, self.contributors, self.byline)),  # all of them, with their counts
        )
        hit: tuple[list[Fixed], Missing] | None = self.memo.matter.get(key)
        if hit is None:
            hit = self.captured(lambda: Typesetter.title_pages(self))
            self.memo.matter.put(key, hit)
        else:
            self.replay(hit[1])
        return list(hit[0])

    def toc_flow(self, flows: list[Flow], folios: dict[str, str]) -> Flow:
        """The contents, set again only when a title or folio it shows changed."""
        shown = tuple((f.title, f.anchor, folios.get(f.anchor, "000")) for f in flows if f.outline)
        return self._matter(("toc", shown), lambda: Typesetter.toc_flow(self, flows, folios))

    def index_flow(self, folios: Mapping[str, str]) -> Flow:
        """The index, taken whole when no passage, first words or folio it lists changed.

        Else each person's lines are set again only when their passages or folios did.
        """
        passages = self.state.passages
        anchors = tuple(map(_ANCHOR, passages))
        key: _IndexKey = (
            tuple(map(_CREDIT, passages)),
            tuple(map(_INCIPIT, passages)),
            anchors,
            tuple(map(folios.get, anchors, itertools.repeat("000", len(anchors)))),
        )
        # Equal tuples of the same objects compare at C speed, element by identity.
        for known, whole in self.memo.indexes:
            if known == key:
                self.replay(whole.missing)
                for memo, memo_key, value in whole.used:
                    memo.put(memo_key, value)
                self.memo.indexes_now.append((key, whole))
                return self._copy(whole.entry)
        used: list[tuple[_Memo, object, object]] = []
        (flow, entry), missing = self.captured(
            lambda: self._index_flow(lambda anchor: folios.get(anchor, "000"), used)
        )
        self.memo.indexes_now.append((key, _WholeIndex(entry, missing, tuple(used))))
        return flow

    def _index_flow(
        self, folio_of: Callable[[str], str], used: list[tuple[_Memo, object, object]]
    ) -> tuple[Flow, _FlowEntry]:
        """The index set person by person (``used``: the memo entries it took or made)."""
        blocks: list[_Block] = []

        def person(name: str, passages: list[Passage], folio: Callable[[str], str]) -> list[El]:
            # Incipits are compared by identity: equal ones are one object (``_incipit``).
            anchors = tuple([p.anchor for p in passages])
            incipits = tuple([p.incipit for p in passages])
            folios = tuple(map(folio, anchors))
            placed = (name, anchors, folios)
            key = (*placed, tuple(map(id, incipits)))
            block: _Block | None = self.memo.index.get(key)
            if block is None:
                els, missing = self.captured(lambda: self._person_els(name, passages, folios))
                block = _Block(tuple(els), missing, incipits)
                shape = tuple(map(el_shape, els))
                # The person's block with the same passages and folios, last time: an
                # equal shape is taken as its object, so the index's shape key stays.
                before = self.memo.shapes.get(placed)
                block.shape = before if before == shape else shape
                self.memo.index.put(key, block)
            else:
                self.replay(block.missing)
            self.memo.shapes.put(placed, block.shape)
            used.extend(((self.memo.index, key, block), (self.memo.shapes, placed, block.shape)))
            blocks.append(block)
            return list(block.els)

        flow, missing = self.captured(lambda: index_flow(self, folio_of, person))
        key = ("index", tuple(blocks))  # the same blocks, the same lines
        entry: _FlowEntry | None = self.memo.matter.get(key)
        if entry is None:
            # Its lines paginate as another index's whose blocks have equal shapes: a new
            # incipit or folio seldom changes a line's height (pages then filled as before).
            shapes = tuple(block.shape for block in blocks)
            shape = FlowShape(("index", flow.opening_y, *map(id, shapes)), shapes)
            entry = _FlowEntry(next(self.memo.tokens), flow, tuple(flow.els), missing, shape=shape)
            self.memo.matter.put(key, entry)
        used.append((self.memo.matter, key, entry))
        heading = ("heading", flow.title)
        used.append((self.memo.matter, heading, self.memo.matter.get(heading)))
        return self._copy(entry), entry

    def _person_els(self, name: str, passages: list[Passage], folios: tuple[str, ...]) -> list[El]:
        """As ``person_els``, the name and each passage's lines set again only when they changed."""
        parts = self.memo.index_parts
        first = passages[0].anchor
        els = self._part(parts, ("name", name, first), (), lambda: name_els(self, name, first))
        for p, folio in zip(passages, folios, strict=True):
            key = (p.anchor, id(p.incipit), folio)
            els += self._part(
                parts,
                key,
                p.incipit,
                functools.partial(passage_els, self, p.incipit, p.anchor, folio),
            )
        return els

    def _part(
        self,
        memo: _Memo,
        key: tuple[object, ...],
        incipit: tuple[Text, ...],
        make: Callable[[], list[El]],
    ) -> list[El]:
        """Lines of the index kept by ``key`` (``incipit``: the object whose id it holds)."""
        part: _Block | None = memo.get(key)
        if part is None:
            els, missing = self.captured(make)
            part = _Block(tuple(els), missing, (incipit,))
            memo.put(key, part)
        else:
            self.replay(part.missing)
        return list(part.els)
