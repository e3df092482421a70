"""Benchmarks of the typesetting engine (not timed tests): prints JSON figures.

Usage: python benchmarks/layout.py [--repeat N] [--no-big]
Measures, on the bundled story with the "classique" theme:

1. cold CLI export to PDF (subprocess), and the same text through lualatex
   when it is installed (ratio reported, else null);
2. warm ``typeset()`` of the story;
3. re-typesetting after editing one paragraph (what the live preview does);
4. a ~300-page book made by repeating the story: time and peak memory
   (measured in a subprocess), plus a 150-page run to show the growth;
5. building the EPUB of the typeset story (fonts subset, CSS, package).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import best_ms  # noqa: E402
from benchmarks.tex import tex_escape  # noqa: E402
from layout_studio.layout.typeset import typeset  # noqa: E402
from layout_studio.model.document import (  # noqa: E402
    Contribution,
    Document,
    Paragraph,
    Text,
)
from layout_studio.sources import load_source  # noqa: E402
from layout_studio.style.theme import load_theme  # noqa: E402
from layout_studio.text.typography import apply_typography  # noqa: E402

BOOK = ROOT / "examples" / "cmad" / "book.toml"
STORY = ROOT / "examples" / "cmad" / "story.md"


def cold_export_ms() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "layout_studio",
                    "export",
                    str(BOOK),
                    "--pdf",
                    f"{tmp}/b.pdf",
                ],
                check=True,
                capture_output=True,
                cwd=ROOT,
                env=dict(os.environ, LAYOUT_STUDIO_CACHE_DIR="off"),  # typeset each time
            )
            times.append((time.perf_counter() - t0) * 1000)
    return round(min(times), 1)


def lualatex_ms(document: Document) -> float | None:
    """Wall time of one lualatex run on the story's paragraphs; None when not installed."""
    if not shutil.which("lualatex"):
        return None
    body = "\n\n".join(tex_escape(p.plain_text) for p in document.paragraphs())
    tex = (
        "\\documentclass[a5paper,10pt]{book}\\usepackage[french]{babel}"
        "\\usepackage{fontspec}\\begin{document}" + body + "\\end{document}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "b.tex").write_text(tex, encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run(  # a failed run would time an error, not the book
            ["lualatex", "-interaction=batchmode", "-halt-on-error", "b.tex"],
            cwd=tmp,
            capture_output=True,
            check=True,
        )
        return round((time.perf_counter() - t0) * 1000, 1)


def edited(document: Document) -> Document:
    """The story with one word changed in its tenth contribution."""
    sections = list(document.sections)
    body = next(i for i, s in enumerate(sections) if s.title == "L’histoire")
    content = list(sections[body].content)
    c = content[9]
    assert isinstance(c, Contribution)
    para = c.blocks[0]
    assert isinstance(para, Paragraph)
    spans = list(para.spans)
    first = spans[0]
    assert isinstance(first, Text)
    spans[0] = Text(first.text.replace("jardinier", "jardinier attentif", 1), first.marks)
    content[9] = dataclasses.replace(c, blocks=(Paragraph(tuple(spans)), *c.blocks[1:]))
    sections[body] = dataclasses.replace(sections[body], content=tuple(content))
    return dataclasses.replace(document, sections=tuple(sections))


def big_book(times: int) -> dict[str, float]:
    """Typeset the story repeated ``times`` times, in this process; time and peak RSS."""
    document = apply_typography(load_source(STORY).document).document
    sections = list(document.sections)
    body = next(s for s in sections if s.title == "L’histoire")
    copies = [
        dataclasses.replace(
            body,
            title=f"Chapitre {i + 1}",
            content=tuple(
                dataclasses.replace(
                    c,
                    blocks=tuple(
                        Paragraph((Text(f"{i + 1}. "), *b.spans)) if isinstance(b, Paragraph) else b
                        for b in c.blocks
                    ),
                )
                if isinstance(c, Contribution)
                else c
                for c in body.content
            ),
        )
        for i in range(times)
    ]
    book = dataclasses.replace(document, sections=tuple(copies))
    theme = load_theme("classique")
    t0 = time.perf_counter()
    result = typeset(book, theme)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": result.page_count, "seconds": round(seconds, 2), "peak_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-big", action="store_true")
    parser.add_argument("--big", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.big:
        print(json.dumps(big_book(args.big)))
        return
    document = apply_typography(load_source(STORY).document).document
    theme = load_theme("classique")
    typeset(document, theme)  # warm fonts, shaping and hyphenation caches
    warm = best_ms(lambda: typeset(document, theme), args.repeat)
    changed = edited(document)
    typeset(document, theme)
    retypeset = best_ms(lambda: typeset(changed, theme), 1)
    from layout_studio.export.epub import build_epub

    book = typeset(document, theme)
    epub_cold = best_ms(lambda: build_epub(document, theme, book), 1)  # fonts subset here
    epub_ms = best_ms(lambda: build_epub(document, theme, book), args.repeat)
    cold = cold_export_ms()
    latex = lualatex_ms(document)
    out: dict[str, object] = {
        "cold_cli_export_pdf_ms": cold,
        "lualatex_ms": latex,
        "ratio_vs_lualatex": round(cold / latex, 2) if latex else None,
        "warm_typeset_ms": warm,
        "retypeset_after_one_paragraph_edit_ms": retypeset,
        "build_epub_first_ms": epub_cold,
        "build_epub_again_ms": epub_ms,
    }
    if not args.no_big:
        for n in (21, 42):  # about 150 and 300 pages: time should grow linearly
            run = subprocess.run(
                [sys.executable, __file__, "--big", str(n)],
                capture_output=True,
                text=True,
                check=True,
            )
            out[f"book_x{n}"] = json.loads(run.stdout)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
