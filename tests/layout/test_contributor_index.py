"""The contributor index quotes each passage's first words as the text sets them.

``1er`` in a passage's opening was printed ``1 er`` in the index (a space added)
and later ``1er`` on the baseline: the superscript was lost. The page model and
the EPUB's index must keep it, as in the body.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from layout_studio.export.epub import build_epub
from layout_studio.layout.typeset import typeset
from layout_studio.sources import parse_markdown_text
from layout_studio.style.theme import load_theme
from layout_studio.text.typography import apply_typography

SOURCE = """---
title: Essai
---

# Récit

Le 1er jour, Zoé arriva au bureau. [Zoé]{.credit}

Le XXIème siècle commence ici. [Alice]{.credit}
"""


@pytest.fixture(scope="module")
def built():
    doc = apply_typography(parse_markdown_text(SOURCE)).document
    theme = load_theme("classique")
    return doc, theme, typeset(doc, theme)


def _index_glyphs(book):
    """(run, glyph) pairs of the index pages, in reading order."""
    pages = [p for p in book.pages if p.section == "Index des contributeurs"]
    assert pages, "no contributor index"
    return [(run, g) for page in pages for run in page.runs() for g in run.glyphs]


def _after(pairs, text: str, count: int):
    """The ``count`` glyphs following the glyph sequence spelling ``text``."""
    texts = [g.text for _, g in pairs]
    for i in range(len(texts) - len(text) + 1):
        if "".join(texts[i : i + len(text)]) == text:
            return pairs[i : i + len(text) + count]
    raise AssertionError(f"{text!r} not in the index: {''.join(texts)!r}")


def test_index_sets_1er_with_a_superscript_and_no_space(built):
    _doc, _theme, book = built
    found = _after(_index_glyphs(book), "Le 1", 2)
    (one_run, one), (e_run, e), (_r_run, r) = found[-3:]
    assert (e.text, r.text) == ("e", "r")
    # Touching the "1": no word space slipped in between.
    assert e_run.x + e.x == pytest.approx(one_run.x + one.x + one.advance, abs=0.01)
    # Superior letters (the font's sups glyphs), or a smaller raised size without them.
    plain = one_run.font.shape("er", ()).glyphs
    if "sups" in e_run.font.gsub_features:
        assert e_run.font is one_run.font
        assert [e.gid, r.gid] == [g.gid for g in e_run.font.shape("er", ("sups",)).glyphs]
        assert [e.gid, r.gid] != [g.gid for g in plain]
    else:
        assert e_run.size < one_run.size


def test_epub_index_keeps_the_superscript(built):
    doc, theme, book = built
    data = build_epub(doc, theme, book).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        index = z.read("EPUB/text/index.xhtml").decode("utf-8")
    assert "Le 1<sup>er</sup> jour" in index
    assert '<span class="sc">XXI</span><sup>e</sup>' in index  # small caps too


def test_the_passages_are_grouped_once_per_build_though_the_index_is_set_twice(monkeypatch):
    from layout_studio.layout import typeset as typeset_module
    from layout_studio.layout.matter import index as index_module

    grouped, sets = [], []
    group, flow = typeset_module.passages_by_person, index_module.index_flow

    def counting_group(passages):  # type: ignore[no-untyped-def]
        grouped.append(len(passages))
        return group(passages)

    def counting_flow(*args, **kwargs):  # type: ignore[no-untyped-def]
        sets.append(None)
        return flow(*args, **kwargs)

    monkeypatch.setattr(typeset_module, "passages_by_person", counting_group)
    monkeypatch.setattr(typeset_module, "index_flow", counting_flow)
    doc = apply_typography(parse_markdown_text(SOURCE)).document
    book = typeset(doc, load_theme("classique"))
    assert len(sets) >= 2 and grouped == [2]
    names = [r.text for p in book.pages if p.section == "Index des contributeurs" for r in p.runs()]
    assert any("Alice" in n or "ALICE" in n.upper() for n in names)
