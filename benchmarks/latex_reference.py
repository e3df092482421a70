"""Set the story with LuaLaTeX + babel-french and compare its spacing with ours.

Takes a project (default: the bundled example) and a theme; writes a LaTeX
file with the same corrected text, font files, size, leading, indent, measure
and credit setting (the TeXbook's ``\\signed``), runs ``lualatex`` when it is
installed, and gives one JSON object: for LaTeX (plain, with microtype at the
theme's expansion limit, with microtype at its default settings, and the
latter with widows and orphans forbidden) and for
Layout Studio, the word-space spread (standard deviation / median of each
justified line's mean word space), justified, hyphenated and overfull lines,
consecutive hyphens. Under ``pdf``, each side's figures read back from its PDF
by ``benchmarks/pdf_figures.py`` (one definition for both, loose lines,
widows and orphans included).

LaTeX measures its own lines: a ``post_linebreak_filter`` callback reads
each line's glue set ratio and the interword glue it stretches, so both
figures come from the same definition. Nothing is downloaded; without
``lualatex`` the LaTeX figures are ``null``.

    python benchmarks/latex_reference.py [book.toml] [--theme NAME] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pdf_figures import measure  # noqa: E402
from benchmarks.tex import tex_escape  # noqa: E402
from layout_studio.export.pdf import write_pdf  # noqa: E402
from layout_studio.model.document import (  # noqa: E402
    Contribution,
    CreditMark,
    Document,
    FootnoteCall,
    Heading,
    Mark,
    Paragraph,
    SceneBreak,
    Text,
)
from layout_studio.session import build, open_file  # noqa: E402
from layout_studio.style.theme import Theme  # noqa: E402

# Lines → per-line mean interword space, as ``set_line`` reports it.
_LUA = r"""
local spaces_out = io.open(OUTFILE, "w")
local GLUE, HLIST, DISC = node.id("glue"), node.id("hlist"), node.id("disc")
local SPACE = {[13] = true, [14] = true, [0] = true}
local function measure(head)
  for line in node.traverse_id(HLIST, head) do
    if line.subtype == 1 then
      local total, n, fil = 0, 0, line.glue_order > 0
      local last = node.tail(line.head)
      for g in node.traverse_id(GLUE, line.head) do
        if g.stretch_order > 0 then fil = true end
        if SPACE[g.subtype] and g.width > 0 and g.stretch_order == 0 then
          local w = g.width
          if line.glue_sign == 1 and line.glue_order == 0 then
            w = w + g.stretch * line.glue_set
          elseif line.glue_sign == 2 then
            w = w - g.shrink * line.glue_set
          end
          total, n = total + w, n + 1
        end
      end
      local hyph = false
      local t = last
      while t and t.id == GLUE do t = t.prev end
      if t and t.id == DISC then hyph = true end
      local ratio = line.glue_set * (line.glue_sign == 2 and -1 or 1)
      if line.glue_sign == 0 then ratio = 0 end
      spaces_out:write(string.format("%s %s %.6f %.6f\n", fil and "R" or "J",
        hyph and "H" or "-", n > 0 and total / n / 65536 * 72 / 72.27 or -1, ratio))
    end
  end
  spaces_out:flush()
  return head
end
luatexbase.add_to_callback("post_linebreak_filter", measure, "layout-studio-measure")
"""


def _spans(spans: tuple[object, ...]) -> str:
    out = []
    for span in spans:
        if isinstance(span, Text):
            text = tex_escape(span.text, french_spaces=True)
            if Mark.EMPHASIS in span.marks:
                text = rf"\emph{{{text}}}"
            if Mark.STRONG in span.marks:
                text = rf"\textbf{{{text}}}"
            out.append(text)
        elif isinstance(span, FootnoteCall):
            out.append(rf"\textsuperscript{{{tex_escape(span.label, french_spaces=True)}}}")
        elif isinstance(span, CreditMark):
            continue
    return "".join(out)


def latex_source(
    document: Document,
    theme: Theme,
    microtype: bool = False,
    defaults: bool = False,
    strict: bool = False,
) -> str:
    """A LuaLaTeX file setting ``document``'s body as ``theme`` sets it.

    ``microtype`` adds the package (font expansion and character protrusion),
    its expansion limit set to the theme's (2 %, microtype's default, unless
    the theme asks otherwise), so both setters get the same freedom;
    ``defaults`` loads it with no option at all, as most documents do.
    ``strict`` forbids widows and orphans (penalties 10000, pages ragged at
    the foot), as a careful book does; otherwise LaTeX's class values (150).
    """
    g = theme.page
    face = theme.body.font.faces["regular"].path
    italic = theme.body.font.faces.get("italic")
    bold = theme.body.font.faces.get("bold")
    features = set(theme.body.features)
    numbers = "OldStyle" if "onum" in features else "Lining"
    font_options = [f"Path={face.parent}/", f"Numbers={numbers}"]
    if italic:
        font_options.append(f"ItalicFont={italic.path.name}")
    if bold:
        font_options.append(f"BoldFont={bold.path.name}")
    gap = theme.body.size * 2
    limit = round(theme.expansion * 1000)  # microtype counts in thousandths
    lines = [
        r"\documentclass{article}",
        r"\usepackage[french]{babel}",
        r"\usepackage{fontspec}",
        (
            ""
            if not microtype
            else r"\usepackage{microtype}"
            if defaults
            else rf"\usepackage[stretch={limit},shrink={limit}]{{microtype}}"
        ),
        rf"\setmainfont{{{face.name}}}[{', '.join(font_options)}]",
        r"\usepackage[twoside,"
        f"paperwidth={g.width:.3f}bp,paperheight={g.height:.3f}bp,"
        f"inner={g.inner:.3f}bp,outer={g.outer:.3f}bp,"
        f"top={g.top:.3f}bp,bottom={g.bottom:.3f}bp]{{geometry}}",
        rf"\setlength{{\parindent}}{{{theme.indent:.3f}bp}}",
        r"\widowpenalty=10000 \clubpenalty=10000 \raggedbottom" if strict else "",
        r"\pagestyle{empty}",
        rf"\def\signed#1{{{{\unskip\nobreak\hfil\penalty50\hskip{gap:.3f}bp\hbox{{}}"
        r"\nobreak\hfil\textit{#1}\parfillskip=0pt\finalhyphendemerits=0\par}}",
        r"\directlua{dofile('measure.lua')}",
        r"\begin{document}",
        rf"\fontsize{{{theme.body.size}bp}}{{{theme.body.leading}bp}}\selectfont",
    ]
    for section in document.body_sections:
        if section.title:
            lines.append(rf"\section*{{{tex_escape(section.title, french_spaces=True)}}}")
        for block in section.content:
            blocks = block.blocks if isinstance(block, Contribution) else (block,)
            credit = block.credit if isinstance(block, Contribution) else None
            for i, inner in enumerate(blocks):
                if isinstance(inner, Paragraph):
                    text = _spans(inner.spans)
                    last = credit is not None and i == len(blocks) - 1
                    if last and credit is not None:
                        text += rf"\signed{{{tex_escape(credit.label, french_spaces=True)}}}"
                    lines.append(text + "\n")
                elif isinstance(inner, SceneBreak):
                    lines.append(r"\begin{center}*\quad*\quad*\end{center}")
                elif isinstance(inner, Heading):
                    lines.append(rf"\subsection*{{{_spans(inner.spans)}}}")
    lines.append(r"\end{document}")
    return "\n".join(lines) + "\n"


def spacing_figures(rows: list[tuple[bool, bool, float]]) -> dict[str, float | int]:
    """(justified, hyphenated, mean space) per line → the report's figures."""
    spaces = [s for j, _, s in rows if j and s > 0]
    consecutive = sum(1 for a, b in itertools.pairwise(rows) if a[1] and b[1])
    return {
        "word_space_spread": round(statistics.pstdev(spaces) / statistics.median(spaces), 3),
        "justified_lines": len(spaces),
        "hyphenated_lines": sum(1 for _, h, _ in rows if h),
        "consecutive_hyphens": consecutive,
    }


def run_latex(tex: str, workdir: Path) -> dict[str, float | int] | None:
    """Run lualatex in ``workdir``; None when it is not installed."""
    exe = shutil.which("lualatex")
    if exe is None:
        return None
    (workdir / "measure.lua").write_text(
        _LUA.replace("OUTFILE", json.dumps(str(workdir / "lines.txt"))), encoding="utf-8"
    )
    (workdir / "story.tex").write_text(tex, encoding="utf-8")
    proc = subprocess.run(
        [exe, "-interaction=nonstopmode", "-halt-on-error", "story.tex"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:])
        raise SystemExit("lualatex a échoué")
    rows = []
    for line in (workdir / "lines.txt").read_text(encoding="utf-8").splitlines():
        kind, hyph, space, _ratio = line.split()
        rows.append((kind == "J", hyph == "H", float(space)))
    figures = spacing_figures(rows)
    log = (workdir / "story.log").read_text(encoding="utf-8", errors="replace")
    figures["overfull_lines"] = log.count("Overfull \\hbox")
    figures["pdf"] = measure(workdir / "story.pdf")  # type: ignore[assignment]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", default=str(ROOT / "examples/cmad/book.toml"))
    parser.add_argument("--theme")
    parser.add_argument("--keep", type=Path, help="dossier où garder story.tex et le PDF")
    args = parser.parse_args(argv)
    opened = open_file(args.project)
    settings = opened.settings
    if args.theme:
        settings = settings.__class__(**{**settings.__dict__, "theme": args.theme})
    state = build(opened.text, settings, Path(args.project).parent)
    report = state.book.report
    ours = {
        "word_space_spread": round(report.word_space_spread, 3),
        "justified_lines": report.justified_lines,
        "hyphenated_lines": report.hyphenated_lines,
        "consecutive_hyphens": report.consecutive_hyphens,
        "overfull_lines": report.overfull_lines,
    }
    with tempfile.TemporaryDirectory() as tmp:
        ours["pdf"] = measure(write_pdf(state.book, Path(tmp) / "ours.pdf"))  # type: ignore[assignment]
    results: dict[str, object] = {"theme": state.theme.name, "layout_studio": ours}
    variants = (
        ("lualatex", False, False, False),
        ("lualatex_microtype", True, False, False),
        ("lualatex_microtype_defaults", True, True, False),
        ("lualatex_microtype_defaults_no_widows", True, True, True),
    )
    for key, micro, defaults, strict in variants:
        tex = latex_source(
            state.document, state.theme, microtype=micro, defaults=defaults, strict=strict
        )
        if args.keep:
            folder = args.keep / key
            folder.mkdir(parents=True, exist_ok=True)
            results[key] = run_latex(tex, folder)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                results[key] = run_latex(tex, Path(tmp))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
