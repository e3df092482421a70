"""Command line: ``layout-studio import | inspect | export | batch | themes | gui``.

Takes ``argv``; gives an exit code. Bad input never shows a traceback: it
prints one French line naming the file and the problem and exits non-zero
(1 for input/output errors, 2 for bad usage, 130 on Ctrl-C). Outputs are
written atomically, so a failed run leaves the previous file untouched.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio import __version__
from layout_studio.errors import LayoutStudioError, OutputError
from layout_studio.inspection import inspect_report, render_text
from layout_studio.io.atomic import atomic_write_text
from layout_studio.layout.gc_pause import paused_gc
from layout_studio.messages import printable
from layout_studio.sources import load_source, to_markdown

if TYPE_CHECKING:
    from layout_studio.batch.pool import Interrupt

PROG = "layout-studio"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, in French."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Mise en page de livres co-écrits : typographie française, crédits, césure.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="afficher la trace complète en cas d’erreur interne"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    p_import = sub.add_parser(
        "import",
        help="convertir un texte brut (.txt) en source Markdown à relire",
        description="Détecte les crédits et écrit la source Markdown (story.md) pour relecture.",
    )
    p_import.add_argument("source", help="fichier .txt ou .md")
    p_import.add_argument("-o", "--output", help="fichier .md à écrire (sinon, la sortie standard)")

    p_inspect = sub.add_parser(
        "inspect",
        help="décrire une source : crédits, contributeurs, corrections, parties écartées",
    )
    p_inspect.add_argument("source", help="fichier .txt, .md, .docx, .odt ou projet book.toml")
    p_inspect.add_argument("--json", action="store_true", help="sortie JSON (schéma stable)")
    p_inspect.add_argument(
        "--spelling",
        action="store_true",
        help="vérifier l’orthographe (dictionnaire français, hors ligne)",
    )

    p_export = sub.add_parser(
        "export",
        help="composer le livre : PDF d’impression, couverture à plat, EPUB",
        description="Compose la source (.txt, .md ou book.toml) et écrit les fichiers demandés.",
    )
    p_export.add_argument("source", help="fichier .txt, .md ou projet book.toml")
    p_export.add_argument("--theme", help="nom d’un thème fourni ou fichier .toml")
    p_export.add_argument("--cover", help="image de couverture (JPEG, PNG ou WebP)")
    p_export.add_argument("--pdf", metavar="SORTIE.pdf", help="PDF d’impression (intérieur)")
    p_export.add_argument(
        "--print-cover",
        metavar="SORTIE.pdf",
        help="couverture à plat : dos, tranche, face, fonds perdus",
    )
    p_export.add_argument("--epub", metavar="SORTIE.epub", help="livre numérique EPUB 3")
    p_export.add_argument(
        "--screen-pdf",
        metavar="SORTIE.pdf",
        help="PDF pour l’écran : RVB, sans fonds perdus, avec les liens et les signets",
    )
    p_export.add_argument(
        "--preset",
        choices=("generic", "kdp", "ingramspark", "ingram", "lulu"),
        help="service d’impression à la demande (format, fonds perdus, marges, dos)",
    )
    p_export.add_argument(
        "--paper", help="papier du service (white, cream…), pour l’épaisseur du dos"
    )
    p_export.add_argument(
        "--pdfx",
        choices=("x1a", "x4", "none"),
        help="norme du PDF d’impression : PDF/X-1a (défaut), PDF/X-4, ou aucune",
    )
    p_export.add_argument(
        "--onix",
        metavar="NOTICE.xml",
        help="notice ONIX 3.0 du livre numérique (ISBN, auteurs, accessibilité, liste 196)",
    )
    p_export.add_argument(
        "--soft-hyphens",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=(
            "EPUB : insérer des césures conditionnelles (U+00AD) selon les motifs français. "
            "Les liseuses sans dictionnaire français coupent alors correctement, mais la "
            "recherche, la lecture à voix haute et le copier-coller peuvent buter sur ces "
            "caractères invisibles, et le fichier grossit un peu. Par défaut : [epub] "
            "soft_hyphens du projet, sinon oui pour un thème justifié (les liseuses "
            "Chromium ne coupent pas le français : espaces béants), non pour un thème "
            "en drapeau"
        ),
    )
    p_export.add_argument("--json", action="store_true", help="résumé JSON sur la sortie standard")

    sub.add_parser("themes", help="lister les thèmes fournis")
    p_pre = sub.add_parser(
        "preflight",
        help="contrôler un PDF d’impression ou un projet comme le ferait l’imprimeur",
        description=(
            "Vérifie PDF/X, boîtes et fonds perdus, polices, couleurs, transparence, "
            "résolution des images, marges, nombre de pages (et le dos, pour un projet). "
            "Une ligne par constat ; code de sortie 1 s’il y a une erreur."
        ),
    )
    p_pre.add_argument("target", help="PDF, projet book.toml ou source .md/.txt")
    p_pre.add_argument(
        "--service",
        default="generic",
        choices=("generic", "kdp", "ingramspark", "ingram", "lulu"),
        help="règles du service d’impression (défaut : imprimeur générique)",
    )
    p_pre.add_argument("--json", action="store_true", help="constats en JSON")
    p_batch = sub.add_parser(
        "batch",
        help="exporter toutes les entrées d’un concours (sans écran, en parallèle)",
        description=(
            "Exporte chaque projet dans son dossier de --out ; une entrée en échec n’arrête pas "
            "les autres ; une entrée qui dépasse --timeout est arrêtée et signalée. Codes de "
            "sortie : 0 tout a réussi, 3 certaines entrées ont échoué, 2 mauvais usage, "
            "130 interrompu (Ctrl-C)."
        ),
    )
    p_batch.add_argument(
        "projects", nargs="+", help="projets book.toml ou dossiers qui en contiennent"
    )
    p_batch.add_argument("--out", required=True, help="dossier de sortie (créé au besoin)")
    p_batch.add_argument(
        "--jobs", type=int, default=None, help="processus en parallèle (défaut : nombre de cœurs)"
    )
    p_batch.add_argument(
        "--formats", default="pdf,epub,cover", help="parmi pdf, epub, cover (défaut : les trois)"
    )
    p_batch.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDES",
        help="temps maximal par entrée ; au-delà, l’entrée est arrêtée et notée en échec "
        "(défaut : 300)",
    )
    p_batch.add_argument(
        "--scheduler",
        metavar="ADRESSE",
        help="exécuter les entrées sur une grappe Dask existante (ex. tcp://hote:8786) ; "
        "projets et --out doivent être sur un disque partagé (extra [cluster])",
    )
    p_batch.add_argument("--report", help="rapport JSON (défaut : OUT/report.json)")
    p_batch.add_argument("--contact-sheet", help="planche contact PDF pour le jury")
    p_gui = sub.add_parser("gui", help="ouvrir l’application de mise en page")
    p_gui.add_argument("file", nargs="?", help="projet book.toml, source .md ou texte .txt")
    return parser


def run() -> int:
    """The console command (``layout-studio``, ``python -m layout_studio``): one, then exit."""
    return main(one_shot=True)


def main(argv: Sequence[str] | None = None, *, one_shot: bool = False) -> int:
    """Run the command line; return the exit code.

    ``one_shot``: the process ends after this command (``run``), which lets the
    export set its objects aside from the collector rather than have them walked.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "import":
            return _cmd_import(args)
        if args.command == "inspect":
            return _cmd_inspect(args)
        if args.command == "export":
            return _cmd_export(args, one_shot)
        if args.command == "themes":
            return _cmd_themes()
        if args.command == "preflight":
            return _cmd_preflight(args)
        if args.command == "gui":
            return _cmd_gui(args)
        if args.command == "batch":
            return _cmd_batch(args)
    except LayoutStudioError as exc:
        print(f"{PROG}: erreur : {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrompu", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, unless --debug
        if args.debug:
            raise
        print(
            f"{PROG}: erreur interne : {type(exc).__name__}: {printable(exc)} "
            "(relancer avec --debug)",
            file=sys.stderr,
        )
        return 70
    parser.error(f"commande inconnue : {args.command}")
    return 2


def _cmd_import(args: argparse.Namespace) -> int:
    result = load_source(args.source)
    text = to_markdown(result.document)
    doc, rep = result.document, result.report
    review = sum(c.needs_review for c in rep.credits)
    summary = (
        f"{len(doc.contributions())} contributions, {len(doc.contributors)} contributeurs, "
        f"{review} crédit(s) à vérifier, {len(rep.left_out)} partie(s) laissée(s) de côté"
    )
    if args.output:
        out = Path(args.output)
        if out.exists() and _same_file(out, Path(args.source)):
            raise OutputError(out, "la sortie écraserait la source")
        atomic_write_text(out, text)
        print(f"{summary} → {printable(out)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        print(summary, file=sys.stderr)
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    source = Path(args.source)
    folder = source.parent  # the book's folder: its dictionary is there
    if source.suffix.lower() == ".toml":
        from layout_studio.sources.project import load_project

        source = load_project(source, outputs=False).source
    result = load_source(source)
    data = inspect_report(result)
    if args.spelling:
        from layout_studio.inspection import spelling_report
        from layout_studio.sources import ODT_SUFFIXES, WORD_SUFFIXES

        # A Word or ODT file has no lines: check the Markdown ``import`` writes.
        office = source.suffix.lower() in WORD_SUFFIXES | ODT_SUFFIXES
        markdown = to_markdown(result.document) if office else None
        data["spelling"] = spelling_report(source, folder, text=markdown)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(printable(line) for line in render_text(data).split("\n")))
    return 0


def _cmd_export(args: argparse.Namespace, one_shot: bool) -> int:
    """The export command, the cyclic collector held off throughout.

    ``one_shot``: the process ends with the command, so the objects it made are
    freed at exit. They are frozen before the collector comes back, which
    would otherwise walk every one of them at once (444 ms after a 353-page
    export) to free cycles that the exit frees anyway, and again at exit. A
    host that lives on keeps them collectable: frozen, their cycles would
    never be freed.
    """
    with paused_gc():
        try:
            return _export(args)
        finally:
            if one_shot:
                gc.freeze()


def _export(args: argparse.Namespace) -> int:
    from layout_studio.export.job import run_export

    result = run_export(
        args.source,
        theme=args.theme,
        cover=args.cover,
        pdf=args.pdf,
        print_cover=args.print_cover,
        epub=args.epub,
        soft_hyphens=args.soft_hyphens,
        screen_pdf=args.screen_pdf,
        printing={
            k: v
            for k, v in (("service", args.preset), ("paper", args.paper), ("pdfx", args.pdfx))
            if v
        },
        onix=args.onix,
    )
    book = result.prepared.book
    rep = book.report
    summary = {
        "pages": book.page_count,
        "theme": book.theme_name,
        "written": {k: str(v) for k, v in result.written.items()},
        "overfull_lines": rep.overfull_lines,
        "hyphenated_lines": rep.hyphenated_lines,
        "consecutive_hyphens": rep.consecutive_hyphens,
        "word_space_spread": round(rep.word_space_spread, 3),
        "unbalanced_spreads": rep.unbalanced_spreads,
        "warnings": result.warnings,
    }
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for warning in result.warnings:
        print(f"{PROG}: attention : {printable(warning)}", file=sys.stderr)
    outputs = ", ".join(printable(p) for p in result.written.values())
    print(
        f"{book.page_count} pages, thème {printable(book.theme_name)}, "
        f"{rep.overfull_lines} ligne(s) trop longue(s), {rep.hyphenated_lines} coupure(s), "
        f"écart des espaces {rep.word_space_spread:.2f} → {outputs}",
        file=sys.stderr,
    )
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from layout_studio.batch.pool import Interrupt

    # From here on Ctrl-C is a flag the batch checks: never an exception lost
    # in an import, never a death by signal after the summary: always 130.
    with Interrupt() as interrupt:
        return _run_batch_command(args, interrupt)


def _run_batch_command(args: argparse.Namespace, interrupt: Interrupt) -> int:
    import math

    from layout_studio.batch.contact_sheet import write_contact_sheet
    from layout_studio.batch.runner import (
        FORMATS,
        UsageError,
        find_entries,
        plain_progress,
        run_batch,
        write_report,
    )
    from layout_studio.errors import OutputError

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            None, f"--formats : {', '.join(unknown) or 'vide'} (choix : pdf, epub, cover)"
        )
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(None, "--jobs : au moins 1")
    if not (math.isfinite(args.timeout) and args.timeout > 0):
        raise UsageError(None, "--timeout : un nombre de secondes supérieur à 0")
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            out, f"dossier de sortie impossible à créer ({exc.strerror or exc})"
        ) from None
    entries = find_entries(args.projects, out)
    jobs = args.jobs or os.cpu_count() or 1
    batch = {
        "formats": formats,
        "jobs": jobs,
        "timeout": args.timeout,
        "interrupt": interrupt,
        "scheduler": args.scheduler,
        "pictures": bool(args.contact_sheet),
    }
    if sys.stderr.isatty():
        from rich.markup import escape
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        # No refresh thread: workers are forked, and the batch loop refreshes.
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            auto_refresh=False,
        )
        task = bar.add_task("export", total=len(entries))

        def show(done: int, total: int, entry: dict[str, Any]) -> None:
            if not bar.live.is_started:
                bar.start()
            ok = entry["status"] == "ok"
            name, error = escape(printable(entry["name"])), escape(printable(entry.get("error")))
            bar.console.print(
                f"[green]✓[/green] {name}" if ok else f"[red]✗[/red] {name} : {error}",
                highlight=False,
            )
            bar.update(task, completed=done)
            bar.refresh()

        def tick() -> None:
            if bar.live.is_started:
                bar.refresh()

        try:
            result = run_batch(entries, progress=show, tick=tick, **batch)
        finally:
            bar.stop()
    else:
        result = run_batch(entries, progress=plain_progress, **batch)
    report = Path(args.report) if args.report else out / "report.json"
    write_report(result, report, formats=formats, jobs=jobs, timeout=args.timeout)
    if args.contact_sheet:
        write_contact_sheet(result.entries, args.contact_sheet)
    failed = result.failed
    done = len(result.entries) - len(failed)
    print(
        f"{done}/{len(result.entries)} entrée(s) exportée(s) → {printable(out)} ; "
        f"rapport : {printable(report)}",
        file=sys.stderr,
    )
    if result.interrupted or interrupt.requested:
        print(f"{PROG}: interrompu", file=sys.stderr)
        return 130
    return 3 if failed else 0


def _cmd_gui(args: argparse.Namespace) -> int:
    from layout_studio.launch_gui import main as launch

    return launch([args.file] if args.file else [], prog=f"{PROG} gui")


def _cmd_preflight(args: argparse.Namespace) -> int:
    import dataclasses
    import json

    from layout_studio.preflight import ERROR, preflight

    findings = preflight(args.target, args.service)
    errors = sum(f.level == ERROR for f in findings)
    if args.json:
        data = {"errors": errors, "findings": [dataclasses.asdict(f) for f in findings]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding.line())
        print(f"{errors} erreur(s), {len(findings) - errors} autre(s) constat(s)")
    return 1 if errors else 0


def _cmd_themes() -> int:
    from layout_studio.style.theme import theme_summaries

    for name, label, description in theme_summaries():
        print(f"{printable(name):<12} {printable(label)} — {printable(description)}")
    return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
