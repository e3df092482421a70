"""The PDF's text operators, written directly, are reportlab's ``textOut`` output to the byte.

``export/pdf_text.show_glyphs`` replaces reportlab's per-glyph text helper
on the hot path; reportlab's own ``_formatText`` is the oracle: for every
glyph run of the story, for runs with kerning offsets and font expansion,
and for a run of more than 256 distinct characters (two subsets).
"""

from __future__ import annotations

import dataclasses
import io
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfdoc import pdfdocEnc
from reportlab.pdfgen.canvas import Canvas

from layout_studio.export.color import Inks
from layout_studio.export.pdf import _page_stream_as_bytes, _Paint
from layout_studio.export.pdf_fonts import _Fonts
from layout_studio.export.pdf_text import text_object
from layout_studio.layout.page import GlyphRun, Glyphs, PlacedGlyph


def _reportlab_operators(canvas: Canvas, fonts: _Fonts, run: GlyphRun) -> str:
    text = canvas.beginText(0, 0)
    text.setFont(fonts.name(run.font), run.size)
    return text._formatText(fonts.shaped(run))


def _canvas() -> Canvas:
    return Canvas(io.BytesIO(), invariant=1)


def test_every_run_of_the_story_gives_reportlabs_operators(story_book) -> None:
    fonts = _Fonts()
    canvas = _canvas()
    runs = [i for p in story_book.pages for i in p.items if isinstance(i, GlyphRun) and i.glyphs]
    assert len(runs) > 500
    compared = 0
    for run in runs:
        ours = fonts.show(run, canvas._doc)
        if ours is None:  # vertical offsets: drawn by reportlab itself
            continue
        assert ours == _reportlab_operators(canvas, fonts, run), run.text
        compared += 1
    assert compared > 500
    assert any(r.hscale != 1.0 for r in runs), "no expanded run compared"


def _run_from(story_book, texts: str, positions: list[float], dxs: list[float], hscale: float):
    model = next(
        i for p in story_book.pages for i in p.items if isinstance(i, GlyphRun) and i.glyphs
    )
    font = model.font
    glyphs = []
    for ch, x, dx in zip(texts, positions, dxs, strict=True):
        gid = font.nominal_glyph(ch)
        glyphs.append(
            PlacedGlyph(gid, x, font.advance(gid) * model.size / font.units_per_em, dx, 0.0, ch)
        )
    return GlyphRun(10.0, 20.0, font, model.size, model.color, Glyphs.of(glyphs), hscale=hscale)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(string.ascii_letters + "éèàçœ’«» ,.;:!?-0123456789"),
            st.floats(0.0, 12.0),
            st.sampled_from([0.0, 0.0, 0.0, -0.25, 0.3, 1e-9]),
        ),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from([1.0, 1.0, 0.98, 1.013, 1.000000001]),
)
def test_kerning_offsets_and_expansion_give_reportlabs_operators(
    story_book, glyphs, hscale
) -> None:
    fonts = _Fonts()
    canvas = _canvas()
    positions, x = [], 0.0
    for _ch, step, _dx in glyphs:
        positions.append(x)
        x += step
    run = _run_from(
        story_book, "".join(g[0] for g in glyphs), positions, [g[2] for g in glyphs], hscale
    )
    assert fonts.show(run, canvas._doc) == _reportlab_operators(canvas, fonts, run)


def test_a_run_over_two_subsets_gives_reportlabs_operators(story_book) -> None:
    fonts = _Fonts()
    canvas = _canvas()
    model = next(
        i for p in story_book.pages for i in p.items if isinstance(i, GlyphRun) and i.glyphs
    )
    chars = [chr(c) for c in sorted(model.font.cmap) if c > 32][:300]
    assert len(chars) == 300
    run = _run_from(story_book, "".join(chars), [i * 5.0 for i in range(300)], [0.0] * 300, 1.0)
    ours = fonts.show(run, canvas._doc)
    assert ours == _reportlab_operators(canvas, fonts, run)
    assert ours is not None and ours.count(" Tf ") == 2  # a font selection per subset
    # Shown again, every character has its code: looked up without reportlab, same operators.
    again = fonts.show(run, canvas._doc)
    assert again == ours == _reportlab_operators(canvas, fonts, run)


def _reportlab_text_object(
    canvas: Canvas, fonts: _Fonts, paint: _Paint, run: GlyphRun, scale: float | None
) -> str:
    """The text object reportlab's canvas writes for ``run`` (the drawing loop before)."""
    text = canvas.beginText(10.5 + run.glyphs.xs[0], 700.25)
    text.setFont(fonts.name(run.font), run.size)
    paint.fill(text, run.color)
    if scale is not None:
        text.setHorizScale(scale)
    text.textOut(fonts.shaped(run))
    return str(text.getCode())


@pytest.mark.parametrize("inks", [None, "bw", "color"])
def test_a_text_object_written_directly_is_reportlabs(story_book, inks) -> None:
    """``text_object`` gives what beginText, setFont, the fill, Tz and drawText gave."""
    fonts = _Fonts()
    canvas = _canvas()
    paint = _Paint(None if inks is None else Inks(inks, None))
    runs = [i for p in story_book.pages for i in p.items if isinstance(i, GlyphRun) and i.glyphs]
    colours = {(0.1, 0.5, 0.2), (0.6, 0.6, 0.6), (0.0, 0.0, 0.0)}
    for n, run in enumerate(runs[:300]):
        run = dataclasses.replace(run, color=sorted(colours)[n % 3])
        scale = None if n % 2 else round(run.hscale * 100, 3)
        ops = fonts.show(run, canvas._doc)
        if ops is None:
            continue
        ours = text_object(10.5 + run.glyphs.xs[0], 700.25, paint.text(run.color), scale, ops)
        assert ours == _reportlab_text_object(canvas, fonts, paint, run, scale), run.text


def test_a_short_run_remembered_in_one_document_is_set_anew_in_another(story_book) -> None:
    """The short-run memo holds for one document: codes are given per document, in order."""
    short = _run_from(story_book, "é", [0.0], [0.0], 1.0)
    other = _run_from(story_book, "àçœ", [0.0, 5.0, 10.0], [0.0] * 3, 1.0)
    fonts = _Fonts()
    first, second = _canvas(), _canvas()
    assert fonts.show(short, first._doc) == _reportlab_operators(first, fonts, short)
    fonts.show(other, second._doc)  # "é" gets another code in this document
    again = fonts.show(short, second._doc)
    assert again == _reportlab_operators(second, fonts, short)
    assert again != fonts.show(short, first._doc)


def _encoded(stream: str | bytes) -> bytes | str:
    """reportlab's encoding of a page stream, or the error it raises."""
    try:
        return bytes(pdfdocEnc(stream))
    except UnicodeEncodeError as exc:
        return f"error: {exc.reason}"


@pytest.mark.parametrize("content", ["0 0 m 10 10 l S", "(\x19) Tj", "(\xe9) Tj", "(\x85) Tj"])
def test_a_page_stream_encoded_early_is_reportlabs_encoding(content) -> None:
    """``_page_stream_as_bytes`` keeps the bytes reportlab's codec would write (or its refusal)."""
    canvas = _canvas()
    canvas._code.append(content)
    canvas.showPage()
    page = canvas._doc.Pages.pages[-1]
    expected = _encoded(page.stream)
    _page_stream_as_bytes(canvas)
    assert _encoded(page.stream) == expected


def _metrics_by_glyph(fonts: _Fonts, run: GlyphRun) -> tuple[str, list[float]]:
    chars, widths = fonts._by_glyph(fonts.name(run.font), run)
    return chars, widths


def test_runs_read_by_character_give_the_characters_and_widths_decided_glyph_by_glyph(
    story_book,
) -> None:
    """The character-map shortcut of ``_metrics`` decides as ``_code`` does for each glyph."""
    fonts = _Fonts()
    runs = [i for p in story_book.pages for i in p.items if isinstance(i, GlyphRun) and i.glyphs]
    font = runs[0].font
    odd = [
        _run_from(story_book, "a\ue000b", [0.0, 5.0, 10.0], [0.0] * 3, 1.0),  # unmapped
        GlyphRun(  # a glyph drawn as another character: a private code point
            0.0,
            0.0,
            font,
            10.0,
            (0.0, 0.0, 0.0),
            Glyphs.of([PlacedGlyph(font.nominal_glyph("a"), 0.0, 5.0, text="b")]),
        ),
    ]
    shortcut = 0
    for run in [*odd, *runs]:
        chars, _advances, _offsets, widths = fonts._metrics(fonts.name(run.font), run)
        assert (chars, widths) == _metrics_by_glyph(fonts, run), run.text
        shortcut += run.glyphs.ends is None and not run.glyphs.extracts
    assert shortcut > 500
