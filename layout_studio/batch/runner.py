"""Export many entries in parallel worker processes; one broken entry never stops the others.

Takes project paths (``book.toml`` files, or folders searched for them), an
output folder, the formats, the number of jobs and a time limit per entry;
gives one folder per entry (sanitised, unique names) holding its files, a
JSON report (status, error, outputs with sha256, pages, timings, quality
figures) and, on request, the jury's contact sheet.

An entry is exported into a hidden staging folder (``OUT/.NAME.part``) and
its files are moved into ``OUT/NAME`` by the parent only when all of them
are complete: a failed, timed-out or interrupted entry leaves nothing
behind, and the previous run's files stay as they were.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import json
import math
import os
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_studio.batch.pool import Interrupt, Outcome, run_tasks
from layout_studio.errors import LayoutStudioError
from layout_studio.io.atomic import atomic_write_text
from layout_studio.io.paths import inside, read_regular
from layout_studio.messages import printable

FORMATS = ("pdf", "epub", "cover")
FILE_NAMES = {"pdf": "livre.pdf", "epub": "livre.epub", "cover": "couverture.pdf"}
REPORT_SCHEMA = "layout-studio/batch-report"
DEFAULT_TIMEOUT = 300.0  # seconds per entry: a 300-page novel takes well under a minute


class UsageError(LayoutStudioError):
    """Bad arguments for the batch (exit code 2)."""

    exit_code = 2


@dataclass
class Entry:
    """One project to export and the folder it goes to."""

    name: str
    project: Path
    folder: Path


@dataclass
class BatchResult:
    """What the batch did."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def failed(self) -> list[dict[str, Any]]:
        """Entries that did not export (error, timeout or interrupted)."""
        return [e for e in self.entries if e["status"] != "ok"]


def sanitise(name: str) -> str:
    """A folder name safe on every system: ASCII letters, digits, dash, dot, underscore."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.")
    return clean[:60] or "entree"


def find_entries(paths: Iterable[str | Path], out: Path) -> list[Entry]:
    """Projects named or found (``*/book.toml`` and ``*.toml`` with a [book] table) in folders."""
    projects: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*/book.toml")) + sorted(
                p for p in path.glob("*.toml") if _is_project(p)
            )
            if not found:
                raise UsageError(path, "aucun projet book.toml dans ce dossier")
            projects.extend(found)
        elif path.is_file():
            projects.append(path)
        else:
            raise UsageError(path, "projet introuvable")
    entries: list[Entry] = []
    used: set[str] = set()
    for project in projects:
        base = sanitise(project.parent.name if project.name == "book.toml" else project.stem)
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        entries.append(Entry(name, project, out / name))
    return entries


def _is_project(path: Path) -> bool:
    from layout_studio.io.bounded import MAX_PROJECT_BYTES

    try:  # a FIFO named *.toml must not block the search
        data = read_regular(path, MAX_PROJECT_BYTES)
    except LayoutStudioError:
        return False
    return b"[book]" in data


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


_KIND = {"pdf": "pdf", "epub": "epub", "cover": "print_cover"}


def _check_entry(project: Path) -> None:
    """Strict batch confinement: an entry is its own folder, not a link to another one.

    The project's files are confined to the project's folder; an entry folder
    (or ``book.toml``) that is a symlink would move that folder anywhere.
    """
    from layout_studio.errors import InputError

    if project.parent.is_symlink():
        raise InputError(project, "le dossier de l’entrée est un lien symbolique (refusé en lot)")
    if project.is_symlink() and not inside(project, [project.parent]):
        raise InputError(project, "lien symbolique hors du dossier de l’entrée (refusé en lot)")


def staging_folder(folder: str | Path) -> Path:
    """Where an entry's files are written before they are all complete."""
    folder = Path(folder)
    return folder.parent / f".{folder.name}.part"


def export_entry(
    project: str, folder: str, formats: tuple[str, ...], name: str, pictures: bool = True
) -> dict[str, Any]:
    """Export one entry into its staging folder (runs in a worker process).

    Never raises for a bad entry. The outputs name their final place in
    ``folder``; ``commit_entry`` moves them there. ``pictures``: draw the
    contact sheet's thumbnails (only a batch with a contact sheet needs them).
    """
    from layout_studio.batch.quality import quality
    from layout_studio.export.job import prepare, write_outputs
    from layout_studio.style.units import MM

    started = time.perf_counter()
    result: dict[str, Any] = {
        "name": name,
        "project": project,
        "status": "error",
        "error": None,
        "outputs": {},
        "seconds": {},
        "warnings": [],
    }
    try:
        _check_entry(Path(project))
        t0 = time.perf_counter()
        prepared = prepare(project, outputs=False)  # written only under --out
        result["seconds"]["typeset"] = round(time.perf_counter() - t0, 3)
        out = staging_folder(folder)
        out.mkdir(parents=True, exist_ok=True)
        book, theme = prepared.book, prepared.theme
        image = None
        if prepared.cover is not None:
            from layout_studio.export.cover import load_cover

            image = load_cover(prepared.cover, theme)
            prepared.warnings.extend(image.warnings)
        targets = {_KIND[kind]: out / FILE_NAMES[kind] for kind in formats}
        timings: dict[str, float] = {}
        prepared.warnings.extend(
            write_outputs(
                targets,
                prepared,
                image=image,
                soft_hyphens=prepared.project.soft_hyphens if prepared.project else None,
                timings=timings,
            )
        )
        for kind in formats:
            target = targets[_KIND[kind]]
            result["seconds"][kind] = timings[_KIND[kind]]
            result["outputs"][kind] = {
                "path": str(Path(folder) / FILE_NAMES[kind]),
                "sha256": _sha256(target),
                "bytes": target.stat().st_size,
            }
        thumbs = {}
        if pictures:
            from layout_studio.batch.thumbnails import thumbnails

            thumbs = thumbnails(prepared, image)
        meta = prepared.project.metadata if prepared.project else {}
        result.update(
            status="ok",
            entrant=meta.get("entrant") or name,
            title=prepared.document.metadata.title,
            theme=theme.label,
            trim=f"{theme.page.width / MM:.0f} × {theme.page.height / MM:.0f} mm",
            pages=book.page_count,
            quality=quality(book),
            warnings=prepared.warnings,
            _thumbs=thumbs,
        )
    except LayoutStudioError as exc:
        result["error"] = exc.one_line()
    except MemoryError:
        result["error"] = f"{project} : mémoire insuffisante pour cette entrée"
    except Exception as exc:  # a bug must not take the other entries down
        result["error"] = f"{project} : erreur interne ({type(exc).__name__}: {exc})"
    if result["status"] != "ok":
        result["outputs"] = {}
        shutil.rmtree(staging_folder(folder), ignore_errors=True)
    _release_memos()
    result["seconds"]["total"] = round(time.perf_counter() - started, 3)
    return result


def _release_memos() -> None:
    """The worker moves on: what past entries' own fonts set goes (bounded memory)."""
    from layout_studio.export.job import release_memos

    with contextlib.suppress(Exception):  # never an entry's failure: memory only
        release_memos()


def commit_entry(result: dict[str, Any], folder: Path) -> None:
    """Move an exported entry's files into place, or sweep what a failed one left.

    Runs in the parent, which Ctrl-C never interrupts midway. Nothing of a
    failed entry remains: no staging folder, no empty entry folder.
    """
    staging = staging_folder(folder)
    try:
        if result["status"] == "ok":
            folder.mkdir(parents=True, exist_ok=True)
            for kind in result["outputs"]:
                os.replace(staging / FILE_NAMES[kind], folder / FILE_NAMES[kind])
    except OSError as exc:
        result.update(
            status="error",
            error=f"{folder} : impossible de placer les fichiers ({exc.strerror or exc})",
            outputs={},
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


Progress = Callable[[int, int, dict[str, Any]], None]


def run_batch(
    entries: list[Entry],
    *,
    formats: tuple[str, ...] = FORMATS,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    tick: Callable[[], None] | None = None,
    interrupt: Interrupt | None = None,
    scheduler: str | None = None,
    pictures: bool = True,
) -> BatchResult:
    """Export every entry in ``jobs`` worker processes, each within ``timeout`` seconds.

    Ctrl-C (SIGINT) stops the batch: running entries are killed and swept,
    the others are reported ``interrupted``. Pass the caller's ``interrupt``
    to keep SIGINT a flag beyond the batch (while the report is written).
    With ``scheduler`` (a Dask scheduler's address), the entries run on that
    cluster instead of local workers (``cluster.py``). ``pictures``: draw
    the thumbnails a contact sheet shows (``False`` without a contact sheet).
    """
    if not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(None, "--timeout : un nombre de secondes supérieur à 0")
    jobs = max(1, jobs or os.cpu_count() or 1)
    say = progress or (lambda _done, _total, _entry: None)
    result = BatchResult()
    by_name = {e.name: e for e in entries}
    done: dict[str, dict[str, Any]] = {}
    _sweep(entries)

    def ended(outcome: Outcome) -> None:
        entry = by_name[outcome.key]
        if outcome.kind == "done":
            record = outcome.result
        elif outcome.kind == "interrupted":
            record = _failed(entry, "interrupted", "interrompu avant la fin")
        elif outcome.kind == "timeout":
            record = _failed(
                entry,
                "timeout",
                f"{entry.project} : délai dépassé ({outcome.detail} par entrée, "
                "voir --timeout) ; entrée abandonnée",
            )
        else:
            record = _failed(
                entry,
                "error",
                f"{entry.project} : le processus de l’entrée s’est arrêté ({outcome.detail})",
            )
        commit_entry(record, entry.folder)
        done[entry.name] = record
        if outcome.kind != "interrupted":
            say(len(done), len(entries), record)

    tasks = [
        (e.name, (str(e.project), str(e.folder), formats, e.name, pictures))
        for e in _heaviest_first(entries)
    ]
    themes = {e.name: _theme_named(e.project) for e in entries}
    with contextlib.ExitStack() as stack:
        stop = interrupt or stack.enter_context(Interrupt())
        if scheduler is not None:
            from layout_studio.batch.cluster import run_on_cluster

            run_on_cluster(
                tasks,
                address=scheduler,
                timeout=timeout,
                interrupt=stop,
                on_end=ended,
                on_tick=tick,
            )
        else:
            _warm_imports()  # once in the parent: forked workers start with them
            # What the parent holds outlives the batch: the workers' collector need not
            # walk it again and again (nor copy its pages by marking it).
            gc.freeze()
            try:
                run_tasks(
                    export_entry,
                    tasks,
                    workers=min(jobs, len(entries) or 1),
                    timeout=timeout,
                    interrupt=stop,
                    on_end=ended,
                    on_tick=tick,
                    # A worker keeps to the themes it has set: their paragraphs are in its memory.
                    group=lambda task: themes[task[0]],
                )
            finally:
                gc.unfreeze()
        result.interrupted = stop.requested
    result.entries = [done[e.name] for e in entries]
    return result


def _heaviest_first(entries: list[Entry]) -> list[Entry]:
    """Entries whose folders hold the most bytes (a cover picture) first, else in order.

    The last entries to run are then the quick ones, so no worker is left
    with a long one while the others idle. Outputs do not depend on the order.
    """

    def size(entry: Entry) -> int:
        total = 0
        if entry.project.parent.is_symlink():  # refused by its worker: not looked into
            return total
        with contextlib.suppress(OSError), os.scandir(entry.project.parent) as found:
            for item in itertools.islice(found, 1000):
                if item.is_file(follow_symlinks=False):
                    total += item.stat(follow_symlinks=False).st_size
        return total

    sizes = {e.name: size(e) for e in entries}
    return sorted(entries, key=lambda e: -sizes[e.name])


def _theme_named(project: Path) -> str | None:
    """The theme an entry's project names (a scheduling hint only; None when unreadable)."""
    import tomllib

    from layout_studio.io.bounded import MAX_PROJECT_BYTES

    if project.parent.is_symlink() or project.is_symlink():  # the worker judges those
        return None
    try:
        table = tomllib.loads(read_regular(project, MAX_PROJECT_BYTES).decode("utf-8"))
        theme = table["book"]["theme"]
    except (LayoutStudioError, OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # the worker reports it (UnicodeDecodeError and TOMLDecodeError: ValueError)
    return theme if isinstance(theme, str) else None


def _warm_imports() -> None:
    """What every entry needs, made once in the parent: forked workers start with it.

    Only the program's own code and data (no entry's file): modules, the
    Markdown parser, Pillow's common image plugins.
    """
    import yaml  # noqa: F401 - front matter
    from PIL import Image, ImageCms, ImageOps  # noqa: F401 - covers, print colours

    import layout_studio.batch.quality
    import layout_studio.batch.thumbnails
    import layout_studio.export.cover
    import layout_studio.export.epub
    import layout_studio.export.job
    import layout_studio.export.pdf
    import layout_studio.export.raster
    import layout_studio.layout.memos
    import layout_studio.layout.service
    import layout_studio.layout.typeset
    import layout_studio.sources.front_matter
    import layout_studio.sources.markdown

    Image.preinit()  # the plugins of the formats a cover may be in
    layout_studio.sources.markdown._parser()


def _failed(entry: Entry, status: str, error: str) -> dict[str, Any]:
    return {
        "name": entry.name,
        "project": str(entry.project),
        "status": status,
        "error": error,
        "outputs": {},
        "seconds": {},
        "warnings": [],
    }


def _sweep(entries: Iterable[Entry]) -> None:
    """Before a run: what a killed earlier run left (staging folders, ``.part`` files).

    Complete files stay: only hidden staging folders and ``.part`` files go.
    """
    folders: set[Path] = set()
    for entry in entries:
        shutil.rmtree(staging_folder(entry.folder), ignore_errors=True)
        folders.update((Path(entry.folder), Path(entry.folder).parent))
    for folder in sorted(folders):
        if folder.is_dir() and not folder.is_symlink():
            for part in folder.glob(".*.part"):
                if part.is_file() and not part.is_symlink():
                    with contextlib.suppress(OSError):
                        part.unlink()


def write_report(
    result: BatchResult,
    path: Path,
    *,
    formats: tuple[str, ...],
    jobs: int,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """The JSON report (thumbnails left out), written atomically."""
    entries = [{k: v for k, v in e.items() if not k.startswith("_")} for e in result.entries]
    data = {
        "schema": REPORT_SCHEMA,
        "schema_version": 2,
        "formats": list(formats),
        "jobs": jobs,
        "timeout": timeout,
        "entries": entries,
        "summary": {
            "entries": len(entries),
            "ok": sum(1 for e in entries if e["status"] == "ok"),
            "failed": sum(1 for e in entries if e["status"] != "ok"),
            "interrupted": result.interrupted,
        },
    }
    return atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def plain_progress(done: int, total: int, entry: dict[str, Any]) -> None:
    """One log line per finished entry (when the output is not a terminal)."""
    if entry["status"] == "ok":
        status = f"ok ({entry.get('pages', '?')} pages, {entry['seconds'].get('total', 0):.1f} s)"
    else:
        status = f"ÉCHEC : {entry['error']}"
    line = printable(f"[{done}/{total}] {entry['name']} : {status}")  # names come from strangers
    print(line, file=sys.stderr, flush=True)
