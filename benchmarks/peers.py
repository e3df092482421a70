"""Layout Studio beside its peers, as whole processes, on the same text.

Usage: python benchmarks/peers.py [--rounds N] [--before DIR]
Exports the raw #CMAD story (``examples/cmad/cmad-story-source.txt``) cold,
once per round for each tool, the tools alternating within a round so that a
busy machine slows them alike:

- Layout Studio to PDF and to EPUB (``python -m layout_studio export``),
  each with its user cache warm (typeset book, font subsets, cover: a second
  export of the same text, the cache in a temporary folder) and with the
  cache off (``LAYOUT_STUDIO_CACHE_DIR=off``: all computed), and with the
  cache warm but the text edited before each run (a word added in the body:
  the book is typeset again, the fonts' facts and subsets are read back);
  bytecode cached as for an installed package (``PYTHONDONTWRITEBYTECODE``
  is dropped for the children: their first, warming run writes it);
- typst from PyPI (``python -c "import typst; typst.compile(...)"``: Python
  start-up included, as for Layout Studio), A5, justified, French;
- Pandoc to EPUB 3, when ``pandoc`` is on the PATH;
- lualatex (``book`` class, A5, babel French), when it is on the PATH: once
  in its default font, once in the classique theme's font files with
  microtype (font expansion, as Layout Studio's PDF), the closer job;
- with ``--before DIR``: Layout Studio from another checkout (before/after).

Prints JSON: per tool the median wall time and median CPU time (user + sys
of the child) in ms, and the ratios of Layout Studio to each peer (wall and CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tex import tex_escape  # noqa: E402

STORY = ROOT / "examples" / "cmad" / "cmad-story-source.txt"

TYPST = """#set page(paper: "a5", margin: (x: 18mm, y: 20mm))
#set text(lang: "fr", size: 10pt)
#set par(justify: true, first-line-indent: 1em)
#for p in read("story.txt").split("\\n\\n") { p; parbreak() }
"""

# geometry sets the PDF's page size (the class option alone leaves LuaTeX's A4)
# and typst's margins.
GEOMETRY = r"\usepackage[a5paper,hmargin=18mm,vmargin=20mm]{geometry}"
LATEX = (
    r"""\documentclass[a5paper,10pt]{book}
\usepackage[french]{babel}\usepackage{fontspec}
"""
    + GEOMETRY
    + r"""
\begin{document}
\input{story-body.tex}
\end{document}
"""
)


LATEX_MICROTYPE = (
    r"""\documentclass[a5paper,10pt]{book}
\usepackage[french]{babel}\usepackage{fontspec}\usepackage{microtype}
"""
    + GEOMETRY
    + r"""
\setmainfont{%s}[Path=%s/, ItalicFont=%s, BoldFont=%s]
\begin{document}
\input{story-body.tex}
\end{document}
"""
)


def latex_microtype() -> str:
    """The lualatex file in the classique theme's font files, with microtype."""
    sys.path.insert(0, str(ROOT))
    from layout_studio.style.theme import load_theme

    faces = load_theme("classique").body.font.faces
    regular = faces["regular"].path
    return LATEX_MICROTYPE % (
        regular.name,
        regular.parent,
        faces["italic"].path.name,
        faces["bold"].path.name,
    )


def commands(work: Path, before: Path | None) -> dict[str, tuple[list[str], Path]]:
    """Tool name → (argv, cwd)."""
    py = sys.executable
    story = str(work / "story.txt")
    edited = str(work / "edited.txt")
    tools: dict[str, tuple[list[str], Path]] = {
        "layout_studio_pdf": (
            [py, "-m", "layout_studio", "export", story, "--pdf", str(work / "ls.pdf")],
            ROOT,
        ),
        "layout_studio_epub": (
            [py, "-m", "layout_studio", "export", story, "--epub", str(work / "ls.epub")],
            ROOT,
        ),
        "layout_studio_pdf_edited": (
            [py, "-m", "layout_studio", "export", edited, "--pdf", str(work / "e.pdf")],
            ROOT,
        ),
        "layout_studio_epub_edited": (
            [py, "-m", "layout_studio", "export", edited, "--epub", str(work / "e.epub")],
            ROOT,
        ),
        "layout_studio_pdf_nocache": (
            [py, "-m", "layout_studio", "export", story, "--pdf", str(work / "ls0.pdf")],
            ROOT,
        ),
        "layout_studio_epub_nocache": (
            [py, "-m", "layout_studio", "export", story, "--epub", str(work / "ls0.epub")],
            ROOT,
        ),
        "typst_pdf": (
            [py, "-c", "import typst; typst.compile('story.typ', output='typst.pdf')"],
            work,
        ),
    }
    if before is not None:
        tools["before_pdf"] = (
            [py, "-m", "layout_studio", "export", story, "--pdf", str(work / "b.pdf")],
            before,
        )
        tools["before_epub"] = (
            [py, "-m", "layout_studio", "export", story, "--epub", str(work / "b.epub")],
            before,
        )
        tools["before_pdf_nocache"] = (
            [py, "-m", "layout_studio", "export", story, "--pdf", str(work / "b0.pdf")],
            before,
        )
        tools["before_epub_nocache"] = (
            [py, "-m", "layout_studio", "export", story, "--epub", str(work / "b0.epub")],
            before,
        )
    if shutil.which("pandoc"):
        tools["pandoc_epub"] = (
            [
                "pandoc",
                "-f",
                "markdown",
                "-t",
                "epub3",
                "--metadata",
                "title=#CMAD",
                "--metadata",
                "lang=fr",
                "-o",
                "pandoc.epub",
                "story.txt",
            ],
            work,
        )
    if shutil.which("lualatex"):
        tools["lualatex_pdf"] = (["lualatex", "-interaction=batchmode", "story.tex"], work)
        tools["lualatex_microtype_pdf"] = (
            ["lualatex", "-interaction=batchmode", "story-microtype.tex"],
            work,
        )
    return tools


EDITS = [0]


def run_once(argv: list[str], cwd: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU (user + sys) milliseconds of one child process."""
    edited = [a for a in argv if a.endswith("edited.txt")]
    if edited:  # another text each time: a book the cache has not seen
        EDITS[0] += 1
        source = Path(edited[0])
        text = STORY.read_text(encoding="utf-8")
        # In the story's body, which the book keeps (the middle of the file falls in a
        # section the import leaves out: the PDF would not change).
        at = text.index("Paris") + len("Paris")
        source.write_text(f"{text[:at]} n{EDITS[0]}{text[at:]}", encoding="utf-8")
    env = dict(os.environ, LAYOUT_STUDIO_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if argv[-1].endswith(("0.epub", "0.pdf")):
        env["LAYOUT_STUDIO_CACHE_DIR"] = "off"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True, env=env)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another Layout Studio checkout")
    args = parser.parse_args()
    before_load = Path("/proc/loadavg").read_text().split()[:3]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = STORY.read_text(encoding="utf-8")
        (work / "story.txt").write_text(text, encoding="utf-8")
        (work / "story.typ").write_text(TYPST, encoding="utf-8")
        (work / "story.tex").write_text(LATEX, encoding="utf-8")
        (work / "story-microtype.tex").write_text(latex_microtype(), encoding="utf-8")
        (work / "story-body.tex").write_text(tex_escape(text), encoding="utf-8")
        tools = commands(work, args.before)
        cache = work / "cache"
        for argv, cwd in tools.values():  # warm the disk caches, not the processes
            run_once(argv, cwd, cache)
        walls: dict[str, list[float]] = {name: [] for name in tools}
        cpus: dict[str, list[float]] = {name: [] for name in tools}
        for r in range(args.rounds):
            names = list(tools)
            if r % 2:
                names.reverse()
            for name in names:
                wall, cpu = run_once(*tools[name], cache)
                walls[name].append(wall)
                cpus[name].append(cpu)
    med = {n: round(statistics.median(v), 1) for n, v in walls.items()}
    cpu_med = {n: round(statistics.median(v), 1) for n, v in cpus.items()}
    ratios: dict[str, float] = {}
    ratios_cpu: dict[str, float] = {}
    for ours, peer in (
        ("layout_studio_pdf", "typst_pdf"),
        ("layout_studio_pdf", "lualatex_pdf"),
        ("layout_studio_pdf", "lualatex_microtype_pdf"),
        ("layout_studio_pdf_nocache", "lualatex_pdf"),
        ("layout_studio_epub", "pandoc_epub"),
        ("layout_studio_epub_nocache", "pandoc_epub"),
        ("layout_studio_pdf_edited", "lualatex_pdf"),
        ("layout_studio_epub_edited", "pandoc_epub"),
        ("layout_studio_pdf", "before_pdf"),
        ("layout_studio_pdf_edited", "before_pdf"),
        ("layout_studio_epub_edited", "before_epub"),
        ("layout_studio_epub", "before_epub"),
        ("layout_studio_pdf_nocache", "before_pdf_nocache"),
        ("layout_studio_epub_nocache", "before_epub_nocache"),
    ):
        if peer in med:
            ratios[f"{ours}/{peer}"] = round(med[ours] / med[peer], 2)
            ratios_cpu[f"{ours}/{peer}"] = round(cpu_med[ours] / cpu_med[peer], 2)
    print(
        json.dumps(
            {
                "rounds": args.rounds,
                "loadavg": [before_load, Path("/proc/loadavg").read_text().split()[:3]],
                "wall_median_ms": med,
                "cpu_median_ms": cpu_med,
                "ratios_wall": ratios,
                "ratios_cpu": ratios_cpu,
                "missing": [t for t in ("pandoc", "lualatex") if not shutil.which(t)],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
