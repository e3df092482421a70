"""The PDF measurement reads a setter's hanging punctuation as a flush line.

microtype (LaTeX's default) hangs a line's final hyphen, period or comma into
the margin by up to that glyph's width. ``benchmarks/pdf_figures.py`` must
count such a line as justified and its hyphen as a hyphenated end, not as an
overfull line, while a line that really passes the edge stays overfull.
The PDF is drawn here with reportlab, one word at a time, so no LaTeX is needed.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from benchmarks.pdf_figures import measure

FONT, SIZE, LEFT, RIGHT, LEADING = "Helvetica", 10.0, 50.0, 260.0, 12.0


def _line(canvas: Canvas, y: float, text: str, end: float) -> None:
    """Draw ``text``'s words on baseline ``y`` so that its last glyph ends at ``end``."""
    words = text.split()
    widths = [stringWidth(w, FONT, SIZE) for w in words]
    gap = (end - LEFT - sum(widths)) / max(len(words) - 1, 1)
    x = LEFT
    for word, width in zip(words, widths, strict=True):
        canvas.drawString(x, y, word)
        x += width + gap


def _hang(glyph: str, share: float) -> float:
    return RIGHT + share * float(stringWidth(glyph, FONT, SIZE))


def _pdf(path: Path, lines: list[tuple[str, float]]) -> Path:
    canvas = Canvas(str(path), pagesize=(350, 400))
    canvas.setFont(FONT, SIZE)
    for n, (text, end) in enumerate(lines):
        _line(canvas, 380 - n * LEADING, text, end)
    canvas.save()
    return path


FLUSH = [
    ("Il était une fois un jardinier des réseaux", RIGHT),
    ("qui semait ses idées dans les terres du web", RIGHT),
    ("et récoltait des conversations chaque matin", RIGHT),
    ("sous le regard attentif de sa communauté", RIGHT),
]


def test_protruded_hyphen_and_period_are_flush_and_justified(tmp_path: Path) -> None:
    lines = [
        *FLUSH,
        ("les graines de demain poussent sans fra-", _hang("-", 0.7)),
        ("cas dans les allées tranquilles du jardin.", _hang(".", 1.0)),
        ("Tout commence ici.", 150.0),
    ]
    got = measure(_pdf(tmp_path / "hang.pdf", lines))
    assert got["overfull_lines"] == 0, got
    assert got["justified_lines"] == len(FLUSH) + 2, got
    assert got["hyphenated_lines"] == 1, got


def test_a_line_past_the_edge_by_more_than_its_last_glyph_is_overfull(
    tmp_path: Path,
) -> None:
    lines = [
        *FLUSH,
        ("une ligne trop longue déborde dans la marge", RIGHT + 3.0),  # ends on a letter
        ("et celle-ci déborde bien plus que son point.", _hang(".", 1.0) + 3.0),
        ("Voilà la fin.", 150.0),
    ]
    got = measure(_pdf(tmp_path / "over.pdf", lines))
    assert got["overfull_lines"] == 2, got
    assert got["justified_lines"] == len(FLUSH), got
