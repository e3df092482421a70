"""Setting text for the ``Typesetter``: styles, short lines and body paragraphs.

Takes the theme (through the typesetter's attributes) and the document's
inline spans; gives set lines (``SetLine``) and flow lines (``El``) with their
looser and tighter variants for page filling. Broken paragraphs and short
lines are cached by (theme, content, setting): the live preview re-typesets
after each edit, and only the edited paragraph needs breaking again.
``ParagraphSetter`` is a base of ``typeset.Typesetter``; the book's order and
sections are there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from layout_studio.checkpoint import checkpoint
from layout_studio.layout.flow import El
from layout_studio.layout.inline import (
    Collected,
    InlineBuilder,
    Piece,
    SetLine,
    Style,
    set_line,
    shape_pieces,
)
from layout_studio.layout.items import INFINITY, Box, Glue, Item, Penalty
from layout_studio.layout.linebreak import BreakParams, Line, knuth_plass, knuth_plass_loose
from layout_studio.layout.page import GlyphRun, LayoutReport
from layout_studio.layout.parts import Passage, shift_runs
from layout_studio.model.document import (
    Credit,
    CreditMark,
    FootnoteCall,
    Inline,
    Mark,
    Paragraph,
    Text,
)
from layout_studio.style.theme import PageGeometry, TextStyle, Theme
from layout_studio.text.fonts import Font, load_font
from layout_studio.text.hyphenate import FrenchHyphenator, Hyphenator

FIL = 100000.0
#: How a body paragraph is set: indent, credit, drop cap, hyphenate.
ParagraphOptions = tuple[bool, Credit | None, bool, bool]
#: Glyphs the fonts lacked, as (character, font) pairs.
Missing = tuple[tuple[str, str], ...]
T = TypeVar("T")
# Short texts (titles, running heads, names) set by ``simple_lines``, by (theme, text, setting).
_SIMPLE: dict[tuple[object, ...], tuple[object, list[SetLine], tuple[tuple[str, str], ...]]] = {}
# Broken paragraphs by (theme, content, options).
_PARAGRAPHS: dict[
    tuple[object, ...],
    tuple[object, tuple[list[SetLine], list[GlyphRun], float, bool], Missing],
] = {}


@dataclass(frozen=True)
class _Loose:
    """A paragraph as broken at the theme's looseness, and one line longer and shorter.

    Kept so that page filling sets a variant without collecting and breaking
    the paragraph again, and sets none whose length is the same.
    """

    items: list[Item]
    measures: list[float] | None
    breaks: dict[int, list[Line]]  # looseness (0, 1, -1) → lines
    cap_runs: list[GlyphRun]
    shift: float


# By the key of ``_PARAGRAPHS`` without the looseness, with the glyphs found missing.
_LOOSE: dict[tuple[object, ...], tuple[object, _Loose, Missing]] = {}


@dataclass
class SetterState:
    """What one typesetting run accumulates: report, missing glyphs, passages, variants."""

    report: LayoutReport = field(default_factory=LayoutReport)
    collected: Collected = field(default_factory=Collected)
    passages: list[Passage] = field(default_factory=list)
    para_counter: int = 0
    sources: dict[int, tuple[int, int]] = field(default_factory=dict)
    variants: dict[int, Callable[[int], list[El] | None]] = field(default_factory=dict)


class ParagraphSetter:
    """Styles, short lines and body paragraphs of one book with one theme."""

    theme: Theme
    page: PageGeometry
    measure: float
    params: BreakParams
    hyphenator: FrenchHyphenator | None
    english_hyphenator: Hyphenator | None
    fallbacks: tuple[Font, ...]
    state: SetterState

    # ---- glyphs found missing travel with what a cache keeps, and are replayed
    def captured(self, make: Callable[[], T]) -> tuple[T, Missing]:
        """``make()`` and the glyphs its fonts lacked (also added to this run's report)."""
        saved = self.state.collected
        self.state.collected = Collected()
        try:
            result = make()
        finally:
            fresh, self.state.collected = self.state.collected, saved
        missing = tuple(fresh.missing.items())
        self.replay(missing)
        return result, missing

    def replay(self, missing: Missing) -> None:
        """Report glyphs found missing when a cached result was made."""
        for char, font in missing:
            self.state.collected.missing.setdefault(char, font)

    # ---- styles -----------------------------------------------------------
    def style(
        self,
        text_style: TextStyle,
        variant: str = "regular",
        *,
        size: float | None = None,
        features: Sequence[str] | None = None,
    ) -> Style:
        """An inline style from a theme text style (one object per setting and typesetter)."""
        feats = tuple(features) if features is not None else None
        memo: dict[tuple[object, ...], tuple[TextStyle, Style]] | None = self.__dict__.get(
            "_styles"
        )
        if memo is None:
            memo = self.__dict__["_styles"] = {}
        # By identity: each span asks, and hashing the theme's records cost more than
        # making the style. The record is kept with it, so its id cannot be reused.
        key = (id(text_style), variant, size, feats)
        hit = memo.get(key)
        if hit is not None and hit[0] is text_style:
            return hit[1]
        style = Style(
            font=load_font(str(text_style.font.path(variant))),
            size=size or text_style.size,
            color=text_style.color,
            features=feats if feats is not None else text_style.features,
            fallbacks=self.fallbacks,
        )
        memo[key] = (text_style, style)
        return style

    def span_style(self, marks: frozenset[Mark], base: TextStyle | None = None) -> Style:
        """The body style for a text run's marks (one object per marks and typesetter)."""
        base = base or self.theme.body
        memo: dict[tuple[object, ...], tuple[TextStyle, Style]] | None = self.__dict__.get(
            "_span_styles"
        )
        if memo is None:
            memo = self.__dict__["_span_styles"] = {}
        key = (marks, id(base))
        hit = memo.get(key)
        if hit is not None and hit[0] is base:
            return hit[1]
        style = self._span_style(marks, base)
        memo[key] = (base, style)
        return style

    def _span_style(self, marks: frozenset[Mark], base: TextStyle) -> Style:
        bold = Mark.STRONG in marks
        italic = Mark.EMPHASIS in marks
        variant = (
            "bold-italic"
            if bold and italic
            else "bold"
            if bold
            else "italic"
            if italic
            else "regular"
        )
        style = self.style(base, variant)
        if Mark.SMALL_CAPS in marks:
            style = self.small_caps(style)
        if Mark.SUPERSCRIPT in marks:
            style = self.superscript(style)
        return style

    @staticmethod
    def small_caps(style: Style) -> Style:
        """The font's own small capitals (``c2sc`` for capitals, ``smcp`` for lower case).

        A face without them keeps full capitals at the normal size, as a French
        copy editor accepts for a century's numeral: never scaled capitals.
        """
        has = style.font.gsub_features
        wanted = tuple(f for f in ("c2sc", "smcp") if f in has and f not in style.features)
        return style.with_(features=(*style.features, *wanted)) if wanted else style

    def superscript(self, style: Style) -> Style:
        """Real superior figures when the font has them, else scaled and raised."""
        if "sups" in style.font.gsub_features:
            return style.with_(features=(*style.features, "sups"))
        return style.with_(size=style.size * 0.62, rise=style.size * 0.36)

    def credit_style(self) -> Style:
        """The credit's look: italic, small caps or roman."""
        t = self.theme
        if t.credit_variant == "italic":
            return self.style(t.credit, "italic")
        if t.credit_variant == "small-caps":
            return self.style(t.credit, "regular", features=(*t.credit.features, "smcp"))
        return self.style(t.credit, "regular")

    # ---- paragraphs -------------------------------------------------------
    def builder(self, measure: float | None = None) -> InlineBuilder:
        """A collect-stage builder wired to the theme's hyphenation."""
        return InlineBuilder(
            measure or self.measure,
            self.hyphenator,
            self.theme.breaking.hyphen_penalty,
            self.state.collected,
            self.theme.expansion if self.theme.justify else 0.0,
            self.theme.letter_spacing if self.theme.justify else 0.0,
            self.english_hyphenator,
        )

    def break_lines(
        self,
        items: list[Item],
        measure: float,
        *,
        justify: bool = True,
        align: str = "left",
        measures: Sequence[float] | None = None,
        looseness: int = 0,
    ) -> list[SetLine]:
        """Knuth–Plass, then finalize each line."""
        if not justify and measures is None and looseness == 0 and self._fits(items, measure):
            # What the breaker gives (``_fits``), without the ragged rewrite and its passes.
            return [set_line(items, Line(0, len(items) - 1, 0.0), measure, justify, align)]
        items, breaks = self.breaks(items, measure, justify, measures, (looseness,))
        return self.set_lines(items, breaks[looseness], measure, justify, align, measures)

    def _fits(self, items: list[Item], measure: float) -> bool:
        """Whether Knuth–Plass surely sets ragged ``items`` as one line: they fit.

        Then the line from the start is never dropped (widths are not negative,
        no break adds any) and, ended by the paragraph's fil glue, its badness is
        nearly 0: its demerits, about ``line_penalty``², are below those of any
        two lines (penalties and extra demerits not negative, looseness 0).
        """
        p = self.params
        if (
            p.looseness
            or p.line_penalty < 1
            or p.tolerance < 1
            or min(p.double_hyphen_demerits, p.final_hyphen_demerits, p.adj_demerits) < 0
            or measure <= 0
            or measure > 10000
        ):
            return False
        end = items[-1] if items else None
        if not isinstance(end, Penalty) or end.penalty > -INFINITY:
            return False
        natural = 0.0
        fil = False
        for it in items:
            if isinstance(it, Penalty):
                if it.penalty < INFINITY and (it.penalty < 0 or it.width) and it is not end:
                    return False  # a forced, rewarded or widening break
                continue
            if it.width < 0:
                return False
            if isinstance(it, Glue):
                if it.stretch < 0:
                    return False
                fil = fil or it.stretch >= FIL
            natural += it.width
        return fil and natural <= measure

    def breaks(
        self,
        items: list[Item],
        measure: float,
        justify: bool,
        measures: Sequence[float] | None,
        loosenesses: Sequence[int],
    ) -> tuple[list[Item], dict[int, list[Line]]]:
        """The items as broken (ragged ones rewritten) and the breaks per looseness."""
        if not justify:
            items = _ragged(items, self.theme.body.size * 3)
        base = self.params.looseness
        found = knuth_plass_loose(
            items,
            measures if measures is not None else measure,
            self.params,
            [base + k for k in loosenesses],
        )
        return items, {k: found[base + k] for k in loosenesses}

    @staticmethod
    def set_lines(
        items: list[Item],
        lines: list[Line],
        measure: float,
        justify: bool,
        align: str,
        measures: Sequence[float] | None,
    ) -> list[SetLine]:
        """Finalize each broken line (``measures``: one width per line, the last repeating)."""
        out = []
        for i, line in enumerate(lines):
            width = measures[min(i, len(measures) - 1)] if measures is not None else measure
            out.append(set_line(items, line, width, justify, align))
        return out

    def add_spans(
        self,
        b: InlineBuilder,
        spans: Sequence[Inline],
        base: TextStyle | None = None,
        hyphenate: bool = True,
    ) -> None:
        """Collect a paragraph's inline spans (credits are handled by the caller)."""
        for span in spans:
            if isinstance(span, Text):
                text = span.text
                nobreak = Mark.NOBREAK in span.marks
                if nobreak:
                    text = text.replace(" ", "\u00a0")
                english = Mark.LANG_EN in span.marks
                b.text(text, self.span_style(span.marks, base), hyphenate and not nobreak, english)
            elif isinstance(span, FootnoteCall):
                b.word(span.label, self.superscript(self.span_style(frozenset(), base)), False)

    def simple_lines(
        self, text: str, style: Style, measure: float, align: str = "center", justify: bool = False
    ) -> list[SetLine]:
        """Set a short text (titles, generated matter)."""
        t = self.theme
        key = (id(t), text, style, measure, align, justify)
        cached = _SIMPLE.get(key)
        if cached is None or cached[0] is not t:

            def make() -> list[SetLine]:
                b = self.builder(measure)
                b.text(text, style, hyphenate=False)
                return self.break_lines(b.finish(), measure, justify=justify, align=align)

            lines, missing = self.captured(make)
            if len(_SIMPLE) > 20000:
                _SIMPLE.clear()
            cached = _SIMPLE[key] = (t, lines, missing)
        else:
            self.replay(cached[2])
        return [replace(line, runs=list(line.runs)) for line in cached[1]]  # callers keep the runs

    def paragraph_els(
        self,
        para: Paragraph,
        *,
        indent: bool,
        credit: Credit | None = None,
        drop_cap: bool = False,
        hyphenate: bool = True,
    ) -> list[El]:
        """A body paragraph as flow lines (credit placed as the theme says)."""
        self.state.para_counter += 1
        pid = self.state.para_counter
        options = (indent, credit, drop_cap, hyphenate)
        els = self._set_paragraph(para, options, pid, 0)
        self.state.variants[pid] = self.variant(para, options, pid, els)
        return els

    def variant(
        self, para: Paragraph, options: ParagraphOptions, pid: int, els: list[El]
    ) -> Callable[[int], list[El] | None]:
        """The paragraph set ``looseness`` lines longer or shorter (None: same length)."""

        def variant(looseness: int) -> list[El] | None:
            loose = self._loose(para, options)
            if loose is not None and len(loose.breaks.get(looseness, ())) == len(loose.breaks[0]):
                return None  # known without setting a line
            new = self._set_paragraph(para, options, pid, looseness)
            if len(new) == len(els):
                return None
            # What the section added to the first line (anchors, spacing) stays on it.
            new[0].extras = list(els[0].extras)
            new[0].space_before = els[0].space_before
            new[0].contribution = els[0].contribution
            return new

        return variant

    def _set_paragraph(
        self,
        para: Paragraph,
        options: ParagraphOptions,
        pid: int,
        looseness: int,
    ) -> list[El]:
        """The paragraph's lines, broken once per setting (``looseness`` lines more or less)."""
        checkpoint()
        t = self.theme
        indent, credit, drop_cap, hyphenate = options
        key = (*self._loose_key(para, options), looseness)
        cached = _PARAGRAPHS.get(key)
        loose = self._loose(para, options) if looseness else None
        if (cached is None or cached[0] is not t) and loose and looseness in loose.breaks:
            lines = self.set_lines(
                loose.items,
                loose.breaks[looseness],
                self.measure,
                t.justify,
                "left",
                loose.measures,
            )
            built = (lines, loose.cap_runs, loose.shift, loose.measures is not None)
            missing = _LOOSE[key[:-1]][2]
            self.replay(missing)
            if len(_PARAGRAPHS) > 20000:
                _PARAGRAPHS.clear()
            cached = _PARAGRAPHS[key] = (t, built, missing)
        elif cached is None or cached[0] is not t:
            made, missing = self.captured(
                lambda: self._break_paragraph(
                    para,
                    indent=indent,
                    credit=credit,
                    drop_cap=drop_cap,
                    hyphenate=hyphenate,
                    looseness=looseness,
                )
            )
            built, loose = made
            if loose is not None:
                if len(_LOOSE) > 20000:
                    _LOOSE.clear()
                _LOOSE[key[:-1]] = (t, loose, missing)
            if len(_PARAGRAPHS) > 20000:
                _PARAGRAPHS.clear()
            cached = (t, built, missing)
            _PARAGRAPHS[key] = cached
        else:
            self.replay(cached[2])
        _theme, (lines, cap_runs, shift, has_measures), _missing = cached
        return self._paragraph_els(lines, cap_runs, shift, has_measures, pid, credit)

    def _loose_key(self, para: Paragraph, options: ParagraphOptions) -> tuple[object, ...]:
        indent, credit, drop_cap, hyphenate = options
        label = credit.label if credit else None
        return (id(self.theme), para.spans, label, indent, drop_cap, hyphenate)

    def _loose(self, para: Paragraph, options: ParagraphOptions) -> _Loose | None:
        """The paragraph's breaks at looseness 0, 1 and -1, if it was set this session."""
        found = _LOOSE.get(self._loose_key(para, options))
        return found[1] if found is not None and found[0] is self.theme else None

    def _break_paragraph(
        self,
        para: Paragraph,
        *,
        indent: bool,
        credit: Credit | None,
        drop_cap: bool,
        hyphenate: bool,
        looseness: int = 0,
    ) -> tuple[tuple[list[SetLine], list[GlyphRun], float, bool], _Loose | None]:
        """Collect and break one paragraph (cached by ``paragraph_els``).

        At looseness 0 it also gives the breaks one line longer and shorter.
        """
        t = self.theme
        b = self.builder()
        spans = [s for s in para.spans if not isinstance(s, CreditMark)]
        measures: list[float] | None = None
        cap_runs: list[GlyphRun] = []
        shift = 0.0
        if drop_cap and spans and isinstance(spans[0], Text) and spans[0].text[:1].isalpha():
            cap_runs, shift = self.drop_cap(spans[0].text[0])
            first = spans[0]
            spans[0] = Text(first.text[1:], first.marks)
            measures = [self.measure - shift] * t.drop_cap_lines + [self.measure]
        elif indent:
            b.indent(t.indent)
        self.add_spans(b, spans, hyphenate=hyphenate)
        placement = t.credit_placement
        items: list[Item]
        if credit is not None and placement in ("inline", "signed"):
            _trim(b.items)
            cstyle = self.credit_style()
            if placement == "inline":
                b.space(self.span_style(frozenset()))
                b.box(shape_pieces(f"({credit.label})", cstyle, self.state.collected), credit.label)
                items = b.finish()
            else:
                items = _signed(
                    b.items,
                    shape_pieces(credit.label, cstyle, self.state.collected),
                    t.body.size * 2,
                    credit.label,
                )
        else:
            items = b.finish()
        wanted = (0, 1, -1) if looseness == 0 else (looseness,)
        items, breaks = self.breaks(items, self.measure, t.justify, measures, wanted)
        loose = _Loose(items, measures, breaks, cap_runs, shift) if looseness == 0 else None
        lines = self.set_lines(items, breaks[looseness], self.measure, t.justify, "left", measures)
        return (lines, cap_runs, shift, measures is not None), loose

    def _paragraph_els(
        self,
        lines: list[SetLine],
        cap_runs: list[GlyphRun],
        shift: float,
        has_measures: bool,
        pid: int,
        credit: Credit | None,
    ) -> list[El]:
        t = self.theme
        placement = t.credit_placement
        extra: list[SetLine] = []
        margin: list[GlyphRun] = []
        if credit is not None and placement == "line":
            extra = self.simple_lines(
                credit.label, self.credit_style(), self.measure, align="right"
            )
        elif credit is not None and placement == "margin":
            width = max(self.page.outer - 12.0, 24.0)
            small = self.credit_style().with_(size=t.credit.size * 0.82)
            note = self.simple_lines(credit.label, small, width, align="left")
            for i, line in enumerate(note):
                margin.extend(shift_runs(line.runs, 0.0, i * small.size * 1.2))
        all_lines = lines + extra
        tail = len(extra)
        if credit is not None and placement == "signed" and len(lines) > 1:
            last = "".join(r.text for r in lines[-1].runs).strip()
            tail += int(last == credit.label.strip())  # the name alone on the last line
        els = []
        for i, line in enumerate(all_lines):
            x = shift if has_measures and i < t.drop_cap_lines else 0.0
            el = El(
                height=t.body.leading,
                # Unmoved runs are shared (frozen): placing the page moves them anyway.
                runs=shift_runs(line.runs, x, 0.0) if x else list(line.runs),
                para=pid,
                index=i,
                count=len(all_lines),
                credit_lines=tail,
                hyphenated=line.hyphenated,
                justified=line.justified,
                space=line.space,
                overfull=line.overfull,
                ratio=line.ratio,
            )
            if cap_runs and i == 0:
                el.runs = cap_runs + el.runs
            if cap_runs and i < t.drop_cap_lines - 1:
                el.keep_next = True
            els.append(el)
        if margin and els:
            els[len(lines) - 1].margin = margin
        return els

    def drop_cap(self, letter: str) -> tuple[list[GlyphRun], float]:
        """The initial's run (spanning ``drop_cap_lines``) and the width it takes."""
        t = self.theme
        font = load_font(str(t.drop_cap_font.path("regular")))
        body_font = load_font(str(t.body.font.path("regular")))
        body_cap = t.body.size * body_font.cap_height / body_font.units_per_em
        target = (t.drop_cap_lines - 1) * t.body.leading + body_cap
        size = target / (font.cap_height / font.units_per_em)
        style = Style(font, size, t.accent, ("kern",), self.fallbacks)
        b = self.builder()
        b.word(letter, style, False)
        items = b.finish()
        line = set_line(items, knuth_plass(items, self.measure)[0], self.measure, False)
        runs = shift_runs(line.runs, 0.0, (t.drop_cap_lines - 1) * t.body.leading)
        width = sum(r.width for r in line.runs)
        return runs, width + t.body.size * 0.3

    def ornament_el(self, text: str, height: float) -> El:
        """A centred ornament line (scene breaks, separators)."""
        style = self.style(self.theme.body, "regular").with_(color=self.theme.accent)
        lines = self.simple_lines(text, style, self.measure, align="center")
        return El(
            height=height, runs=lines[0].runs if lines else [], keep_next=True, kind="ornament"
        )


def _trim(items: list[Item]) -> None:
    while items and isinstance(items[-1], Glue | Penalty):
        items.pop()


def _signed(items: list[Item], pieces: list[Piece], gap: float, content: str) -> list[Item]:
    r"""TeXbook's \\signed: the name flush right on the last line, or on its own line."""
    width = sum(p.width for p in pieces)
    return [
        *items,
        Penalty(0.0, INFINITY),
        Glue(0.0, FIL, 0.0),
        Penalty(0.0, 50.0),
        Glue(gap, 0.0, 0.0),
        Box(0.0),
        Penalty(0.0, INFINITY),
        Glue(0.0, FIL, 0.0),
        Box(width, content, tuple(pieces)),
        Penalty(0.0, INFINITY),
        Penalty(0.0, -INFINITY, True),
    ]


def _ragged(items: list[Item], stretch: float) -> list[Item]:
    """Knuth–Plass's ragged setting: badness from the right edge, spaces fixed."""
    out: list[Item] = []
    fill, zero = Glue(0.0, stretch, 0.0), Penalty(0.0, 0.0)  # items are immutable: shared
    backs: dict[int, Glue] = {}  # a book's spaces are shared items: one back glue each
    previous: type | None = None
    for it in items:
        kind = type(it)
        if kind is Glue and previous is Box and it.stretch < FIL:  # type: ignore[union-attr]
            back = backs.get(id(it))
            if back is None:
                back = backs[id(it)] = Glue(it.width, -stretch, 0.0, it.payload)
            out += [fill, zero, back]
        elif kind is Box and (it.stretch or it.shrink):  # type: ignore[union-attr]
            # Ragged glyphs keep their width.
            out.append(Box(it.width, it.content, it.payload))  # type: ignore[union-attr]
        else:
            out.append(it)
        previous = kind
    return out
