"""Export many entries in parallel worker processes; one broken entry never stops the others.

Takes project paths (``book.toml`` files, or folders searched for them), an
output folder, the formats and the number of jobs; gives one folder per
entry (sanitised, unique names) holding its files, a JSON report (status,
error, outputs with sha256, pages, timings, quality figures) and, on
request, the jury's contact sheet. Every file is written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_studio.errors import LayoutStudioError
from layout_studio.io.atomic import atomic_write_text
from layout_studio.messages import printable

FORMATS = ("pdf", "epub", "cover")
FILE_NAMES = {"pdf": "livre.pdf", "epub": "livre.epub", "cover": "couverture.pdf"}
REPORT_SCHEMA = "layout-studio/batch-report"


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
        """Entries that did not export (error or interrupted)."""
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
    try:
        return "[book]" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_entry(project: str, folder: str, formats: tuple[str, ...], name: str) -> dict[str, Any]:
    """Export one entry (runs in a worker process); never raises for a bad entry."""
    from layout_studio.batch.quality import quality
    from layout_studio.export.job import prepare, write_output
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
        t0 = time.perf_counter()
        prepared = prepare(project)
        result["seconds"]["typeset"] = round(time.perf_counter() - t0, 3)
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        book, theme = prepared.book, prepared.theme
        image = None
        if prepared.cover is not None:
            from layout_studio.export.cover import load_cover

            image = load_cover(prepared.cover, theme)
            prepared.warnings.extend(image.warnings)
        for kind in formats:
            t0 = time.perf_counter()
            target = out / FILE_NAMES[kind]
            prepared.warnings.extend(
                write_output(
                    "print_cover" if kind == "cover" else kind,
                    target,
                    document=prepared.document,
                    theme=theme,
                    book=book,
                    cover=image,
                    byline=prepared.byline,
                    soft_hyphens=bool(prepared.project and prepared.project.soft_hyphens),
                )
            )
            result["seconds"][kind] = round(time.perf_counter() - t0, 3)
            result["outputs"][kind] = {
                "path": str(target),
                "sha256": _sha256(target),
                "bytes": target.stat().st_size,
            }
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
        )
        result["_thumbs"] = _thumbnails(prepared)
    except LayoutStudioError as exc:
        result["error"] = exc.one_line()
        with contextlib.suppress(OSError):
            Path(folder).rmdir()  # only if empty: a failed entry leaves no empty folder
    except MemoryError:
        result["error"] = f"{project} : mémoire insuffisante pour cette entrée"
    except Exception as exc:  # a bug must not take the other entries down
        result["error"] = f"{project} : erreur interne ({type(exc).__name__}: {exc})"
    result["seconds"]["total"] = round(time.perf_counter() - started, 3)
    return result


def _thumbnails(prepared: Any) -> dict[str, bytes]:
    """PNG thumbnails for the contact sheet, drawn from the engine's page model."""
    from PIL import Image

    from layout_studio.export.cover import front_cover_page
    from layout_studio.export.raster import rasterize

    book = prepared.book
    width = 260

    def png(image: Image.Image) -> bytes:
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()

    def spread(left: int, right: int) -> Image.Image:
        pages = [book.pages[i] if 0 <= i < len(book.pages) else None for i in (left, right)]
        tiles = [rasterize(p, width) if p else None for p in pages]
        height = max(t.height for t in tiles if t is not None)
        sheet = Image.new("RGB", (width * 2 + 2, height), (200, 200, 200))
        for k, tile in enumerate(tiles):
            if tile is not None:
                sheet.paste(tile, (k * (width + 2), 0))
        return sheet

    cover = rasterize(
        front_cover_page(prepared.document, prepared.theme, None, prepared.byline)
        if prepared.cover is None
        else _cover_page(prepared),
        width,
    )
    first_body = next((p.index for p in book.pages if p.kind == "body"), 0)
    # Rectos have even indexes (page 1 is a recto): a spread is (verso, recto).
    opening = first_body + first_body % 2
    middle = len(book.pages) // 2
    middle += middle % 2
    return {
        "cover": png(cover),
        "opening": png(spread(opening - 1, opening)),
        "middle": png(spread(middle - 1, middle)),
    }


def _cover_page(prepared: Any) -> Any:
    from layout_studio.export.cover import front_cover_page, load_cover

    image = load_cover(prepared.cover, prepared.theme)
    return front_cover_page(prepared.document, prepared.theme, image, prepared.byline)


Progress = Callable[[int, int, dict[str, Any]], None]


def run_batch(
    entries: list[Entry],
    *,
    formats: tuple[str, ...] = FORMATS,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Export every entry with ``jobs`` worker processes (1: in this process)."""
    result = BatchResult()
    jobs = max(1, jobs or os.cpu_count() or 1)
    say = progress or (lambda _done, _total, _entry: None)
    if jobs == 1:
        try:
            for entry in entries:
                done = export_entry(str(entry.project), str(entry.folder), formats, entry.name)
                result.entries.append(done)
                say(len(result.entries), len(entries), done)
        except KeyboardInterrupt:
            result.interrupted = True
            finished = {e["name"] for e in result.entries}
            rest = [e for e in entries if e.name not in finished]
            result.entries += [_interrupted(e) for e in rest]
            _sweep(rest)
        return result
    # Workers are forked before any progress thread starts (submit starts them).
    # They ignore Ctrl-C: the terminal sends it to the whole group, and the
    # parent alone decides to stop them, then sweeps what they left half-done.
    executor = ProcessPoolExecutor(
        max_workers=min(jobs, len(entries) or 1), initializer=_ignore_sigint
    )
    futures: list[tuple[Entry, Future[dict[str, Any]]]] = [
        (e, executor.submit(export_entry, str(e.project), str(e.folder), formats, e.name))
        for e in entries
    ]
    by_name: dict[str, dict[str, Any]] = {}
    try:
        from concurrent.futures import as_completed

        index = {f: e for e, f in futures}
        for future in as_completed(index):
            entry = index[future]
            try:
                done = future.result()
            except Exception as exc:  # a worker died (killed, out of memory)
                done = {
                    "name": entry.name,
                    "project": str(entry.project),
                    "status": "error",
                    "error": f"{entry.project} : le processus de l’entrée s’est arrêté ({exc})",
                    "outputs": {},
                    "seconds": {},
                    "warnings": [],
                }
            by_name[entry.name] = done
            say(len(by_name), len(entries), done)
    except KeyboardInterrupt:
        result.interrupted = True
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)
        _sweep([e for e, _f in futures if e.name not in by_name])
    else:
        executor.shutdown(wait=True)
    for entry, _future in futures:
        result.entries.append(by_name.get(entry.name) or _interrupted(entry))
    return result


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted(entry: Entry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "project": str(entry.project),
        "status": "interrupted",
        "error": "interrompu avant la fin",
        "outputs": {},
        "seconds": {},
        "warnings": [],
    }


def _sweep(entries: Iterable[Entry]) -> None:
    """After an interruption: no temporary file left, and no empty entry folder.

    Complete files stay (a previous run's outputs among them): only the
    hidden ``.part`` files of writes that were cut short go.
    """
    for entry in entries:
        folder = Path(entry.folder)
        if not folder.is_dir():
            continue
        for part in folder.glob(".*.part"):
            with contextlib.suppress(OSError):
                part.unlink()
        with contextlib.suppress(OSError):
            folder.rmdir()


def write_report(result: BatchResult, path: Path, *, formats: tuple[str, ...], jobs: int) -> Path:
    """The JSON report (thumbnails left out), written atomically."""
    entries = [{k: v for k, v in e.items() if not k.startswith("_")} for e in result.entries]
    data = {
        "schema": REPORT_SCHEMA,
        "schema_version": 1,
        "formats": list(formats),
        "jobs": jobs,
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
