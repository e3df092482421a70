"""Edits where pages begin and end: the preview re-places only what they change, exactly.

The paragraphs aimed at are found in a full build's page model: the one
ending a page, the one opening it, those on the first and on the last page
of a section. Each is made longer or shorter (so its line count changes
near a page break), given or stripped of a credit, or its section retitled,
and the incremental build must equal a fresh full build. Other tests check
that the reuse really happens: a reused section's lines are the previous
build's objects, pages whose lines did not change are not placed again,
and an incipit changed in one passage sets one person's index lines again.
"""

from __future__ import annotations

import dataclasses
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gui_latency import big_text
from layout_studio.layout import incremental, incremental_pages
from layout_studio.layout.kept_lines import keep_lines, same_line
from layout_studio.layout.page import dump
from layout_studio.model.document import Paragraph
from layout_studio.session import Build, IncrementalBuilder, build
from tests.layout.test_incremental import BASE, OPENED, STORY, model

BOOK = big_text(STORY, 3)  # three chapters, about 25 pages
TARGETS = ("page end", "page start", "section first page", "section last page")
CREDIT = re.compile(r"\s*\[[^\]]*\]\{\.credit\}")


def _paragraph_lines(result: Build) -> dict[int, int]:
    """Each placed paragraph's source line (1-based), by its number in the page model."""
    sections = [s for s in result.document.sections if not s.candidate]
    out = {}
    for pid, (index, ordinal) in result.book.paragraph_sources.items():
        paragraphs = [b for b in sections[index].blocks() if isinstance(b, Paragraph)]
        source = paragraphs[ordinal].source
        if source is not None:
            out[pid] = source.line
    return out


def _targets(result: Build, kind: str) -> list[int]:
    """Paragraph numbers of ``kind`` in the page model of ``result``."""
    pages = [p for p in result.book.pages if p.kind == "body" and p.lines]
    found: list[int] = []
    for n, page in enumerate(pages):
        nxt = pages[n + 1] if n + 1 < len(pages) else None
        if kind == "page end":
            found.append(page.lines[-1].para)
        elif kind == "page start":
            found.append(page.lines[0].para)
        else:
            first = kind == "section first page" and page.opening
            last = kind == "section last page" and (nxt is None or nxt.opening)
            if first or last:
                found.extend(line.para for line in page.lines)
    return sorted({pid for pid in found if pid >= 0})


def edit_paragraph(text: str, line: int, kind: str, size: int) -> str:
    """``kind`` applied to the paragraph on source ``line`` (1-based) of ``text``."""
    lines = text.split("\n")
    body = lines[line - 1]
    words = body.split(" ")
    middle = max(1, len(words) // 2)
    if kind == "longer":
        words[middle:middle] = ["encore"] * size
    elif kind == "shorter":
        del words[middle : middle + size]
    elif kind == "one character":
        words[middle] = words[middle] + "x"
    elif kind == "add credit":
        words.append(f"[Nouvelle Plume {size}]{{.credit}}")
    elif kind == "remove credit":
        words = CREDIT.sub("", body).split(" ")
    elif kind == "retitle":
        head = max(i for i in range(line) if lines[i].startswith("# "))
        lines[head] += f" {size}"
    lines[line - 1] = " ".join(words)
    return "\n".join(lines)


def _same(builder: IncrementalBuilder, text: str) -> Build:
    incremental_build = builder.build(text, OPENED.settings, BASE)
    full = build(text, OPENED.settings, BASE)
    assert model(incremental_build) == model(full)
    return full


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(TARGETS),
            st.floats(0.0, 1.0),
            st.sampled_from(
                ["longer", "shorter", "one character", "add credit", "remove credit", "retitle"]
            ),
            st.integers(1, 12),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_edits_at_page_and_section_boundaries_equal_full_builds(sequence):
    builder = IncrementalBuilder()
    text = BOOK
    full = _same(builder, text)
    for target, where, kind, size in sequence:
        candidates = _targets(full, target)
        lines = _paragraph_lines(full)
        candidates = [pid for pid in candidates if pid in lines]
        if not candidates:
            continue
        pid = candidates[int(where * (len(candidates) - 1))]
        text = edit_paragraph(text, lines[pid], kind, size)
        full = _same(builder, text)


def _body_pages_changed(before: Build, after: Build) -> int:
    old = dump(before.book, glyphs=True).split("\npage ")
    new = dump(after.book, glyphs=True).split("\npage ")
    return sum(a != b for a, b in zip(old, new, strict=False)) + abs(len(old) - len(new))


def test_an_edit_that_keeps_the_line_count_places_only_the_pages_it_changed():
    builder = IncrementalBuilder()
    before = _same(builder, BOOK)
    middle = _targets(before, "page start")
    lines = _paragraph_lines(before)
    pid = middle[len(middle) // 2]
    text = edit_paragraph(BOOK, lines[pid], "one character", 1)
    after = _same(builder, text)
    same_breaks = [len(p.lines) for p in before.book.pages] == [
        len(p.lines) for p in after.book.pages
    ]
    assert same_breaks  # the test's premise: the paragraph keeps its lines and pages
    assert builder.layout.hits >= 2  # the other chapters
    changed = _body_pages_changed(before, after)
    # Run after other tests, the process's warm paragraph caches can hand the first build
    # equal but not identical lines, and the page beside the edit is placed once more
    # (seen in the full suite only): one page of slack, never a whole section.
    assert 1 <= builder.layout.placed <= changed + 1
    assert builder.layout.placed <= max(
        2, len([p for p in after.book.pages if p.kind == "body"]) // 3
    )


def test_a_reset_section_keeps_its_unchanged_lines_as_objects(monkeypatch):
    kept: list[tuple[int, int]] = []

    def counting(new, old):  # type: ignore[no-untyped-def]
        out = keep_lines(new, old)
        kept.append((sum(a is b for a, b in zip(out, old, strict=False)), len(out)))
        return out

    monkeypatch.setattr(incremental, "keep_lines", counting)
    builder = IncrementalBuilder()
    before = _same(builder, BOOK)
    pid = _targets(before, "section last page")[-1]
    _same(builder, edit_paragraph(BOOK, _paragraph_lines(before)[pid], "one character", 1))
    assert len(kept) == 1  # one section set again
    same, total = kept[0]
    assert total > 20 and same >= total // 2  # its start, up to the edited paragraph


def test_same_line_sees_every_field_but_the_cached_text():
    builder = IncrementalBuilder()
    builder.build(STORY, OPENED.settings, BASE)
    entry = next(iter(builder.layout.sections.previous.values()))
    line = next(el for el in entry.els if el.para >= 0)

    twin = dataclasses.replace(line, runs=list(line.runs), line_text=None)
    assert same_line(line, twin)
    for change in (
        {"para": line.para + 1},
        {"index": line.index + 1},
        {"ratio": line.ratio + 0.5},
        {"space_before": line.space_before + 1},
        {"runs": line.runs[:-1]},
        {"extras": [*line.extras, None]},
        {"hyphenated": not line.hyphenated},
    ):
        assert not same_line(line, dataclasses.replace(twin, **change)), change


def test_an_incipit_edit_sets_one_passages_index_lines_again(monkeypatch):
    made: list[str] = []
    real_passage, real_name = incremental.passage_els, incremental.name_els

    def passage(ts, incipit, anchor, folio):  # type: ignore[no-untyped-def]
        made.append(anchor)
        return real_passage(ts, incipit, anchor, folio)

    def name(ts, name, first):  # type: ignore[no-untyped-def]
        made.append(name)
        return real_name(ts, name, first)

    monkeypatch.setattr(incremental, "passage_els", passage)
    monkeypatch.setattr(incremental, "name_els", name)
    builder = IncrementalBuilder()
    builder.build(BOOK, OPENED.settings, BASE)
    at = BOOK.index("Paris", BOOK.index("# Chapitre 2"))  # the first word of a passage
    made.clear()
    edited = BOOK[:at] + "Grand " + BOOK[at:]
    result = builder.build(edited, OPENED.settings, BASE)
    assert model(result) == model(build(edited, OPENED.settings, BASE))
    # Once with the placeholder folios, once with the real ones: the same passage, its
    # person's name and other passages kept.
    assert len(made) == 2 and len(set(made)) == 1 and made[0].startswith("c")


def test_an_edit_that_changes_no_passage_or_folio_takes_the_index_whole(monkeypatch):
    """Typing inside a paragraph changes no incipit: the index (each person's passages
    grouped and looked up again, ~5 ms a build on a 350-page book) is the last one."""
    from layout_studio.layout.matter import index as index_module

    walked: list[str] = []
    real_group = index_module.passages_by_person

    def group(passages):  # type: ignore[no-untyped-def]
        walked.append("grouped")
        return real_group(passages)

    monkeypatch.setattr(index_module, "passages_by_person", group)
    from layout_studio.layout import typeset as typeset_module

    monkeypatch.setattr(typeset_module, "passages_by_person", group)
    builder = IncrementalBuilder()
    builder.build(BOOK, OPENED.settings, BASE)
    chapter = BOOK.index("# Chapitre 2")
    at = BOOK.index("belles rencontres", chapter)  # the end of a long passage
    walked.clear()
    edited = BOOK[:at] + "très " + BOOK[at:]
    result = builder.build(edited, OPENED.settings, BASE)
    assert walked == []
    assert model(result) == model(build(edited, OPENED.settings, BASE))
    # A new incipit: the index is set again (its lines equal a full build's).
    walked.clear()
    at = BOOK.index("Paris", chapter)
    again = edited[:at] + "Grand " + edited[at:]
    result = builder.build(again, OPENED.settings, BASE)
    assert walked
    assert model(result) == model(build(again, OPENED.settings, BASE))


def test_the_first_pass_finds_the_folios_a_full_assembly_finds(monkeypatch):
    from layout_studio.layout import typeset as typeset_module
    from layout_studio.layout.assembly import anchor_folios, assemble

    seen: list[int] = []

    def checked(ts, fixed, front, body, back):  # type: ignore[no-untyped-def]
        folios = anchor_folios(ts, fixed, front, body, back)
        _doc, placed = assemble(ts, fixed, front, body, back)  # filling again changes nothing
        assert folios == placed
        seen.append(len(folios))
        return folios

    monkeypatch.setattr(typeset_module, "anchor_folios", checked)
    builder = IncrementalBuilder()
    result = builder.build(BOOK, OPENED.settings, BASE)
    builder.build(BOOK + "\n\nUn mot de plus.\n", OPENED.settings, BASE)
    build(BOOK, OPENED.settings, BASE)
    assert len(seen) == 3 and seen[0] >= len(result.book.pages) // 2  # a passage per page or so


def test_pages_an_edit_cannot_change_are_the_last_builds_objects():
    # The preview (and the assembly itself) need not walk pages that are the same
    # objects; an edit that adds a page makes every later page again, rightly numbered.
    builder = IncrementalBuilder()
    before = builder.build(BOOK, OPENED.settings, BASE)
    middle = _targets(before, "page start")
    pid = middle[len(middle) // 2]
    edited_section = next(p.section for p in before.book.pages if pid in [x.para for x in p.lines])
    text = edit_paragraph(BOOK, _paragraph_lines(before)[pid], "one character", 1)
    after = builder.build(text, OPENED.settings, BASE)
    assert model(after) == model(build(text, OPENED.settings, BASE))
    flows = [
        (old, new)
        for old, new in zip(before.book.pages, after.book.pages, strict=True)
        if old.section is not None and old.section != edited_section
    ]
    assert len(flows) > len(after.book.pages) // 2
    assert all(old is new for old, new in flows)
    longer = edit_paragraph(text, _paragraph_lines(before)[pid], "longer", 150)
    again = builder.build(longer, OPENED.settings, BASE)
    assert model(again) == model(build(longer, OPENED.settings, BASE))
    assert len(again.book.pages) > len(after.book.pages)
    index = [p for p in again.book.pages if p.section == "Index des contributeurs"]
    old_pages = {id(p) for p in after.book.pages}
    assert index and not any(id(p) in old_pages for p in index)  # moved: made again


def test_glyphs_missing_from_kept_running_heads_are_still_reported(monkeypatch):
    # A kept flow's pages are not decorated again: what their running heads lacked
    # must be reported as a fresh build reports it. Here each running head lacks a
    # glyph of its own (nothing else on the page shows it).
    from layout_studio.layout import typeset as typeset_module

    decoration = typeset_module.decoration

    def lacking(ts, page):  # type: ignore[no-untyped-def]
        if page.section:
            ts.state.collected.missing.setdefault(chr(0x2600 + len(page.section)), page.folio)
        return decoration(ts, page)

    monkeypatch.setattr(typeset_module, "decoration", lacking)
    builder = IncrementalBuilder()
    builder.build(BOOK, OPENED.settings, BASE)
    at = BOOK.index("Paris", BOOK.index("# Chapitre 3"))
    text = BOOK[:at] + "Grande " + BOOK[at:]
    after = builder.build(text, OPENED.settings, BASE)
    assert builder.layout.hits >= 2
    full = build(text, OPENED.settings, BASE)
    assert len(full.book.report.missing_glyphs) >= 2
    assert model(after) == model(full)


def test_an_incipit_edit_places_the_index_page_holding_it_not_the_indexs_first(monkeypatch):
    # The index is set again with its heading at each build: the heading must stay the
    # same runs, or the first index page (compared by identity) is placed every time.
    placed: list[tuple[str, bool]] = []
    place = incremental_pages.place_page

    def counting(ts, flow, plan, *, first, recto):  # type: ignore[no-untyped-def]
        placed.append((flow.title, first))
        return place(ts, flow, plan, first=first, recto=recto)

    monkeypatch.setattr(incremental_pages, "place_page", counting)
    builder = IncrementalBuilder()
    builder.build(BOOK, OPENED.settings, BASE)
    opening = "\n\nLe Community Manager,c'est le réseautage"  # Vivien's: late in the index
    at = BOOK.rindex(opening) + 2
    text = BOOK[:at] + "Très " + BOOK[at:]
    placed.clear()
    after = builder.build(text, OPENED.settings, BASE)
    assert model(after) == model(build(text, OPENED.settings, BASE))
    index = [first for title, first in placed if title == "Index des contributeurs"]
    assert index == [False]  # one page of the index, not its first


def test_an_index_whose_lines_paginate_alike_is_not_paginated_again(monkeypatch):
    # A new incipit seldom changes its line's height: the index's pages are those of the
    # last index with the same line shapes. A longer one that takes a line more is filled
    # again. Both equal a full build.
    from layout_studio.layout.typeset import Typesetter

    filled: list[str] = []
    fill = Typesetter.fill

    def counting(self, flow, **kwargs):  # type: ignore[no-untyped-def]
        filled.append(flow.title)
        return fill(self, flow, **kwargs)

    monkeypatch.setattr(Typesetter, "fill", counting)
    builder = IncrementalBuilder()
    builder.build(BOOK, OPENED.settings, BASE)
    at = BOOK.rindex("\n\nLe Community Manager,c'est le réseautage") + 2
    for added, index_filled in (("Très ", 0), ("Extraordinairement, incroyablement, ", 2)):
        text = BOOK[:at] + added + BOOK[at:]
        filled.clear()
        after = builder.build(text, OPENED.settings, BASE)
        assert filled.count("Index des contributeurs") == index_filled, added
        assert model(after) == model(build(text, OPENED.settings, BASE))


def test_an_edit_that_changes_no_credit_counts_no_contributor_again(monkeypatch):
    """Typing inside a paragraph makes it a new object, but its credit is the same: the
    contributors (every contribution walked and counted, ~4 ms a build on a 350-page
    book) are the last build's. A credit renamed counts them again."""
    from layout_studio.model.document import Document

    counted: list[str] = []
    real = Document.ordered_contributors

    def counting(self):  # type: ignore[no-untyped-def]
        counted.append("counted")
        return real.fget(self)

    monkeypatch.setattr(Document, "ordered_contributors", property(counting))
    builder = IncrementalBuilder()
    first = builder.build(BOOK, OPENED.settings, BASE)
    chapter = BOOK.index("# Chapitre 2")
    at = BOOK.index("belles rencontres", chapter)
    counted.clear()
    edited = BOOK[:at] + "très " + BOOK[at:]
    result = builder.build(edited, OPENED.settings, BASE)
    assert counted == []
    assert model(result) == model(build(edited, OPENED.settings, BASE))
    # Another name signs a passage: counted again, as a full build counts.
    at = edited.index("[Cécile]{.credit}", chapter)
    renamed = edited[:at] + "[Cécile Martin]{.credit}" + edited[at + len("[Cécile]{.credit}") :]
    counted.clear()
    result = builder.build(renamed, OPENED.settings, BASE)
    assert counted
    assert model(result) == model(build(renamed, OPENED.settings, BASE))
    names = [c.name for c in result.document.contributors]
    assert "Cécile Martin" in names and names != [c.name for c in first.document.contributors]


def test_the_contents_and_running_heads_are_set_again_only_when_what_they_show_changed(
    monkeypatch,
):
    """Typing inside a paragraph moves no folio and no title: the contents and every
    running head are the last build's. A retitled chapter then sets the contents again and
    the running heads that show its title, no other: the heads a build kept whole (it
    looked none up) are still known to the build after it. A full build agrees."""
    from layout_studio.layout import typeset as typeset_module

    Typesetter = typeset_module.Typesetter
    contents: list[int] = []
    heads: list[str | None] = []
    real_toc, real_decoration = Typesetter.toc_flow, Typesetter.decoration

    def toc_flow(self, flows, folios):  # type: ignore[no-untyped-def]
        contents.append(len(flows))
        return real_toc(self, flows, folios)

    def decoration(self, page):  # type: ignore[no-untyped-def]
        heads.append(page.section)
        return real_decoration(self, page)

    monkeypatch.setattr(Typesetter, "toc_flow", toc_flow)
    monkeypatch.setattr(Typesetter, "decoration", decoration)
    builder = IncrementalBuilder()
    first = builder.build(BOOK, OPENED.settings, BASE)
    assert contents and len(heads) >= len(first.book.pages) // 2
    chapter = BOOK.index("# Chapitre 2")
    at = BOOK.index("belles rencontres", chapter)
    edited = BOOK[:at] + "très " + BOOK[at:]
    retitled = edited.replace("# Chapitre 2\n", "# Chapitre deux\n", 1)
    contents.clear()
    heads.clear()
    result = builder.build(edited, OPENED.settings, BASE)
    assert [p.folio for p in result.book.pages] == [p.folio for p in first.book.pages]
    assert contents == [] and heads == []
    shown = model(result)  # now: the next text moves its source positions
    again = builder.build(retitled, OPENED.settings, BASE)
    assert contents  # the contents show the new title
    assert heads and set(heads) == {"Chapitre deux"}  # only the pages showing it
    assert shown == model(build(edited, OPENED.settings, BASE))
    assert model(again) == model(build(retitled, OPENED.settings, BASE))


def test_the_memo_keeps_what_either_of_the_last_two_builds_used():
    memo = incremental._Memo()
    memo.put("a", 1)
    memo.roll()  # build 1 used "a"
    memo.roll()  # build 2 used nothing
    assert memo.get("a") == 1  # build 3 finds it
    memo.roll()
    memo.roll()
    memo.roll()  # builds 4 and 5 did not use it
    assert memo.get("a") is None
