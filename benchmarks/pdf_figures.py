"""Typesetting figures read back from a PDF's glyph positions (pypdfium2), not the engine.

Takes a PDF file (ours or LaTeX's) and gives, for the pages of its running
text, the figures the issue compares: word-space spread (standard deviation
/ median of each justified line's mean word space), loose lines (mean word
space over 1.5 × the median), hyphenated line ends, two hyphenated ends in a
row, overfull lines (ink past the right edge of the text block), widows and
orphans. A page that opens with the last line of a paragraph followed by its
signed credit counts as a widow, as a reader sees it.

Everything comes from what pdfium reads in the file: each glyph's origin,
advance box and font size. Lines are glyphs on one baseline at the body
size (the most common size); the text block's edges are the most common
left and right ends of those lines. A word space is a gap wider than 0.08 em
between two glyphs; gaps under 0.6 × the page's median space are the fixed
thin spaces of French punctuation and are left out of the mean. A line is
justified when it ends on the right edge, has a word space and none wider
than 1.2 em (a signed credit's gap is 2 em; dot leaders are left out).
A line ending in punctuation or a hyphen that passes the edge by no more
than that glyph's advance is flush, not overfull: that is character
protrusion (microtype's default), which never exceeds the glyph's width.
The running text is the outline's entries other than the contents and the
index (their dot leaders are not word spaces); without an outline, every page.

    python benchmarks/pdf_figures.py book.pdf
"""

from __future__ import annotations

import argparse
import ctypes
import itertools
import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HYPHENS = {"-", "\u2010", "\u00ad", "\ufffe", "\x02"}
GENERATED_MATTER = ("table des matières", "index des contributeurs", "contents", "index")
LOOSE_FACTOR = 1.5
# Glyphs microtype's default set hangs into the right margin by a large share of
# their width; letters hang by a few hundredths of an em, inside the 0.5 pt slack.
PROTRUDING = HYPHENS | set(".,:;!?\u2019'\u00bb\u203a)]\u2013\u2014\u2026\"\u201d")


@dataclass
class Glyph:
    """One glyph as pdfium reads it: text, baseline, advance box, size."""

    text: str
    y: float
    x0: float
    x1: float
    size: float


@dataclass
class Line:
    """Glyphs on one baseline, left to right."""

    y: float
    glyphs: list[Glyph]
    gaps: list[float] = field(default_factory=list)  # every gap wider than 0.08 em

    @property
    def left(self) -> float:
        return self.glyphs[0].x0

    @property
    def right(self) -> float:
        return self.glyphs[-1].x1

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


@dataclass
class PageLines:
    """The text lines of one page at the body size, top to bottom, and the block's edges."""

    index: int
    lines: list[Line]
    left: float
    right: float
    size: float


def _glyphs(textpage: object, raw: object) -> list[Glyph]:
    out = []
    tp = textpage
    count = tp.count_chars()  # type: ignore[attr-defined]
    x, y = ctypes.c_double(), ctypes.c_double()
    for k in range(count):
        char = tp.get_text_range(k, 1)  # type: ignore[attr-defined]
        if not char or char.isspace() or char in "\r\n":
            continue
        if raw.FPDFText_IsGenerated(tp.raw, k) == 1:  # type: ignore[attr-defined]
            continue
        raw.FPDFText_GetCharOrigin(tp.raw, k, x, y)  # type: ignore[attr-defined]
        box = tp.get_charbox(k, loose=True)  # type: ignore[attr-defined]
        size = raw.FPDFText_GetFontSize(tp.raw, k)  # type: ignore[attr-defined]
        out.append(Glyph(char, round(y.value, 1), box[0], box[2], round(size, 2)))
    return out


def read_pages(path: Path) -> tuple[list[PageLines], list[int]]:
    """Every page's body-size lines, and the indices of the running-text pages."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    pdf = pdfium.PdfDocument(str(path))
    glyphs_by_page = [_glyphs(pdf[i].get_textpage(), raw) for i in range(len(pdf))]
    sizes = Counter(g.size for page in glyphs_by_page for g in page)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    pages = []
    for i, glyphs in enumerate(glyphs_by_page):
        by_y: dict[float, list[Glyph]] = {}
        for g in glyphs:
            if abs(g.size - body) < 0.01:
                by_y.setdefault(g.y, []).append(g)
        lines = []
        for y in sorted(by_y, reverse=True):
            row = sorted(by_y[y], key=lambda g: g.x0)
            if not any(g.text.isalnum() for g in row):
                continue  # an ornament or separator, not text
            line = Line(y, row)
            for a, b in itertools.pairwise(row):
                gap = b.x0 - a.x1
                if gap > 0.08 * body:
                    line.gaps.append(gap)
            lines.append(line)
        lefts = Counter(round(ln.left, 1) for ln in lines)
        rights = Counter(round(ln.right, 1) for ln in lines)
        left = lefts.most_common(1)[0][0] if lefts else 0.0
        right = rights.most_common(1)[0][0] if rights else 0.0
        pages.append(PageLines(i, lines, left, right, body))
    running = _running_pages(pdf, len(pdf))
    return pages, running


def _running_pages(pdf: object, count: int) -> list[int]:
    marks = []
    for bookmark in pdf.get_toc():  # type: ignore[attr-defined]
        dest = bookmark.get_dest()
        if dest is not None:
            marks.append((dest.get_index(), bookmark.get_title().strip().lower()))
    if not marks:
        return list(range(count))
    marks.sort()
    out: list[int] = []
    for n, (start, title) in enumerate(marks):
        stop = marks[n + 1][0] if n + 1 < len(marks) else count
        if title not in GENERATED_MATTER:
            out.extend(range(start, max(stop, start + 1)))
    return sorted(set(out))


def measure(path: Path) -> dict[str, float | int]:
    """The figures of the running text of the PDF at ``path``."""
    pages, running = read_pages(path)
    pages = [p for p in pages if p.index in running and p.lines]
    all_gaps = [gap for p in pages for ln in p.lines for gap in ln.gaps if gap < 1.2 * p.size]
    median_gap = statistics.median(all_gaps) if all_gaps else 0.0
    means: list[float] = []
    hyphen_flags: list[bool] = []
    overfull = widows = orphans = 0
    top = max((p.lines[0].y for p in pages), default=0.0)
    steps = Counter(
        round(a.y - b.y, 1) for p in pages for a, b in zip(p.lines, p.lines[1:], strict=False)
    )
    leading = steps.most_common(1)[0][0] if steps else 0.0
    previous_page: PageLines | None = None
    for page in pages:
        edge = page.right
        em = page.size
        for line in page.lines:
            if "..." in line.text or "…" * 3 in line.text:
                continue
            full = _flush(page, line)
            if line.right > edge + 1.0 and not full:
                overfull += 1
            words = [g for g in line.gaps if g >= 0.6 * median_gap]
            justified = full and bool(words) and max(line.gaps) < 1.2 * em
            if justified:
                means.append(statistics.fmean(words))
            hyphen_flags.append(full and line.glyphs[-1].text in HYPHENS)
        first_ends = _ends_paragraph(page, 0)
        if previous_page is not None and abs(page.lines[0].y - top) < 0.5:
            last = len(previous_page.lines) - 1
            previous_ends = _ends_paragraph(previous_page, last)
            if first_ends and not previous_ends:
                widows += 1
            if not previous_ends and _starts_paragraph(previous_page, last, leading):
                orphans += 1
        previous_page = page
    median = statistics.median(means) if means else 0.0
    spread = statistics.pstdev(means) / median if len(means) > 1 else 0.0
    return {
        "word_space_spread": round(spread, 3),
        "justified_lines": len(means),
        "loose_lines": sum(1 for m in means if m > LOOSE_FACTOR * median),
        "hyphenated_lines": sum(hyphen_flags),
        "consecutive_hyphens": sum(1 for a, b in itertools.pairwise(hyphen_flags) if a and b),
        "overfull_lines": overfull,
        "widows": widows,
        "orphans": orphans,
    }


def _flush(page: PageLines, line: Line) -> bool:
    """The line ends on the block's right edge, or hangs past it by no more than
    its last glyph when that glyph is one a setter protrudes."""
    if abs(line.right - page.right) < 0.5:
        return True
    last = line.glyphs[-1]
    hang = line.right - page.right
    return last.text in PROTRUDING and -0.5 < hang <= last.x1 - last.x0 + 0.5


def _credit_only(page: PageLines, line: Line) -> bool:
    """A signed credit set on its own line: flush right, far from the left edge."""
    return abs(line.right - page.right) < 1.0 and line.left > page.left + 6 * page.size


def _ends_paragraph(page: PageLines, n: int) -> bool:
    """Line ``n`` closes its paragraph's text: short, signed on the line, or followed by
    its credit on a line of its own."""
    line = page.lines[n]
    if _credit_only(page, line):
        return True
    short = not _flush(page, line)
    signed = bool(line.gaps) and max(line.gaps) >= 1.2 * page.size
    follows = n + 1 < len(page.lines) and _credit_only(page, page.lines[n + 1])
    return short or signed or follows


def _starts_paragraph(page: PageLines, n: int, leading: float) -> bool:
    """Line ``n`` opens a paragraph: indented, after a wider gap (paragraph spacing,
    an ornament) or after a line that closes one. The first line of a page is
    judged by the caller, from the previous page."""
    line = page.lines[n]
    if page.left + 0.5 * page.size < line.left < page.left + 3 * page.size:
        return True
    if n == 0:
        return False
    return page.lines[n - 1].y - line.y > 1.2 * leading or _ends_paragraph(page, n - 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Typesetting figures read back from PDFs' glyph positions (JSON per PDF)."
    )
    parser.add_argument("pdf", nargs="+", type=Path, help="a PDF file (ours or LaTeX's)")
    args = parser.parse_args(argv)
    for path in args.pdf:
        if not path.is_file():
            parser.error(f"{path}: no such file")
        print(json.dumps({"pdf": str(path), **measure(path)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
