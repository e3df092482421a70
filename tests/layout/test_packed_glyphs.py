"""Packed glyph runs: the same glyphs, positions and texts as one record per glyph.

Runs keep their glyphs as arrays (``page.Glyphs``) and lines are set by
copying each word's packed glyphs. These tests hold the packed model to the
per-glyph one it replaced: a reference run builder, written glyph by glyph
as the engine did before, sets the same books, and every run must come out
equal to the last bit (positions, advances, offsets, texts, copy-paste texts).
"""

from __future__ import annotations

import pickle

import pytest

from layout_studio.layout import inline
from layout_studio.layout.inline import Piece
from layout_studio.layout.page import RGB, GlyphRun, Glyphs, PlacedGlyph, TypesetDocument
from layout_studio.layout.typeset import typeset
from layout_studio.model.document import Document, Mark, Metadata, Paragraph, Section, Text
from layout_studio.style.theme import load_theme
from layout_studio.text.fonts import Font


class _PerGlyphBuilder:
    """The run builder as it was: one ``PlacedGlyph`` per glyph, in a Python loop."""

    def __init__(self) -> None:
        self.runs: list[GlyphRun] = []
        self.key: tuple[object, ...] | None = None
        self.x0 = 0.0
        self.glyphs: list[PlacedGlyph] = []
        self.font: Font | None = None
        self.size = 0.0
        self.color: RGB = (0.0, 0.0, 0.0)
        self.rise = 0.0
        self.hscale = 1.0

    def close(self) -> None:
        if self.glyphs and self.font is not None:
            self.runs.append(
                GlyphRun(
                    self.x0,
                    -self.rise,
                    self.font,
                    self.size,
                    self.color,
                    Glyphs.of(self.glyphs),
                    hscale=self.hscale,
                )
            )
        self.glyphs = []
        self.key = None

    def start(
        self, font: Font, size: float, color: RGB, rise: float, x: float, hscale: float
    ) -> None:
        key = (font.key, size, color, rise, hscale)
        if key != self.key:
            self.close()
            self.key, self.font, self.size, self.color, self.rise, self.x0 = (
                key,
                font,
                size,
                color,
                rise,
                x,
            )
            self.hscale = hscale

    def add_space(
        self, font: Font, size: float, color: RGB, x: float, gid: int, width: float, hscale: float
    ) -> None:
        self.start(font, size, color, 0.0, x, hscale)
        self.glyphs.append(PlacedGlyph(gid, x - self.x0, width, 0.0, 0.0, " "))

    def add_piece(self, piece: Piece, x: float, hscale: float, spacing: float) -> float:
        scale = piece.size / piece.font.units_per_em
        wide = scale * hscale
        self.start(piece.font, piece.size, piece.color, piece.rise, x, hscale)
        for glyph, text in zip(piece.glyphs, piece.texts, strict=True):
            advance = glyph.advance * wide + spacing
            self.glyphs.append(
                PlacedGlyph(
                    glyph.gid, x - self.x0, advance, glyph.dx * wide, -glyph.dy * scale, text
                )
            )
            x += advance
        return x

    def mark_hard_hyphen(self) -> None:
        if self.glyphs and self.glyphs[-1].text == "-":
            last = self.glyphs[-1]
            self.glyphs[-1] = PlacedGlyph(
                last.gid, last.x, last.advance, last.dx, last.dy, last.text, "\u2010"
            )


def _runs(book: TypesetDocument) -> list[GlyphRun]:
    return [run for page in book.pages for run in page.runs()]


def _both(
    document: Document, theme_name: str, overrides: dict[str, object]
) -> tuple[list[GlyphRun], list[GlyphRun]]:
    # A fresh theme for each: set paragraphs are cached per theme object.
    packed = typeset(document, load_theme(theme_name, overrides))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(inline, "_RunBuilder", _PerGlyphBuilder)
        reference = typeset(document, load_theme(theme_name, overrides))
    return _runs(packed), _runs(reference)


def test_the_story_is_set_with_the_glyphs_the_per_glyph_builder_gives(story_document) -> None:
    # The classic theme expands glyphs and spaces letters: each line has its own scale.
    packed, reference = _both(story_document, "classique", {})
    assert len(packed) == len(reference) > 500
    assert packed == reference
    assert any(r.hscale != 1.0 for r in packed)
    assert any(g.extract for r in packed for g in r.glyphs), "no line ends on its own hyphen"
    assert any(r.glyphs.ends is not None for r in packed), "no ligature"


def test_marks_ligatures_and_hyphens_are_packed_as_placed() -> None:
    text = (
        "Cre\u0301e\u0301 au XIXe sie\u0300cle, l\u2019œuvre « affiche » ses ligatures : "
        "fi, fl, ffi — et des accents posés : q\u0301, b\u0301, d\u0306, T\u0301 ; "
        "sous-marins, porte-avions et anti-constitutionnellement. "
    ) * 12
    sup = Text("e", frozenset({Mark.SUPERSCRIPT}))
    document = Document(
        metadata=Metadata(title="Marques"),
        sections=(Section(title="Un", content=(Paragraph((Text(text), sup, Text(text))),)),),
    )
    for theme_name in ("classique", "moderne"):
        packed, reference = _both(document, theme_name, {})
        assert packed == reference
        assert any(r.glyphs.dxs is not None for r in packed), theme_name
        assert any(r.glyphs.dys is not None for r in packed), theme_name


def test_glyphs_give_back_the_records_they_were_packed_from() -> None:
    placed = [
        PlacedGlyph(36, 0.0, 5.5, text="f"),
        PlacedGlyph(412, 5.5, 6.25, 0.0, 0.0, "fi"),  # a ligature: two characters
        PlacedGlyph(77, 11.75, 0.0, -3.0, -4.5, "e\u0301"),
        PlacedGlyph(78, 11.75, 0.0, 0.5, 1.0, ""),  # inside the cluster
        PlacedGlyph(15, 11.75, 3.0, text="-", extract="\u2010"),
    ]
    glyphs = Glyphs.of(placed)
    assert list(glyphs) == placed
    assert [glyphs[i] for i in range(-len(placed), len(placed))] == placed * 2
    assert glyphs.text == "ffie\u0301-"
    assert glyphs.texts() == ["f", "fi", "e\u0301", "", "-"]
    assert glyphs.extract_texts() == ["f", "fi", "e\u0301", "", "\u2010"]
    assert glyphs.width == 11.75 + 3.0
    with pytest.raises(IndexError):
        glyphs[len(placed)]


def test_glyphs_compare_and_hash_by_content_and_survive_pickling() -> None:
    placed = [PlacedGlyph(i, i * 2.5, 2.5, text=c) for i, c in enumerate("abc", 40)]
    one, two = Glyphs.of(placed), Glyphs.of(list(placed))
    assert one == two and hash(one) == hash(two)
    moved = Glyphs.of([*placed[:2], PlacedGlyph(42, 5.0000001, 2.5, text="c")])
    assert one != moved
    back = pickle.loads(pickle.dumps(one))
    assert back == one and list(back) == placed
    # All-zero offsets and one character per glyph are stored as nothing.
    assert one.dxs is None and one.dys is None and one.ends is None
