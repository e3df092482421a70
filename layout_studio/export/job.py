"""One export job, shared by the CLI, the batch and (later) the GUI.

Takes a source (``.txt``, ``.md`` or ``book.toml``) and options (theme,
cover, outputs); gives an ``ExportResult``: the typeset document, what was
written, and every warning. ``prepare`` does the reading and typesetting
only (the preview needs nothing more); ``run_export`` also writes files,
each atomically, so a failure never leaves a half-written output.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio.errors import InputError
from layout_studio.layout.page import TypesetDocument
from layout_studio.layout.typeset import typeset
from layout_studio.model.document import Document
from layout_studio.sources import load_source
from layout_studio.sources.project import Project, load_project
from layout_studio.style.theme import DEFAULT_THEME, Theme, ThemeError, load_theme
from layout_studio.text.fonts import FontError
from layout_studio.text.typography import FrenchOptions, apply_typography

if TYPE_CHECKING:
    from layout_studio.export.cover import CoverImage

Progress = Callable[[str], None]


@dataclass
class Prepared:
    """A book read, corrected and typeset."""

    document: Document
    theme: Theme
    book: TypesetDocument
    project: Project | None
    cover: Path | None
    byline: str | None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ExportResult:
    """What an export produced."""

    prepared: Prepared
    written: dict[str, Path] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        """Everything the user should read."""
        return self.prepared.warnings


def _options(typography: dict[str, Any], origin: Path) -> FrenchOptions:
    try:
        disabled = frozenset(typography.get("disabled", []))
        base = FrenchOptions(disabled=disabled)
        if "space_before" in typography:
            merged = dict(base.space_before)
            merged.update(typography["space_before"])
            base = dataclasses.replace(base, space_before=merged)
        if "guillemet_space" in typography:
            base = dataclasses.replace(base, guillemet_space=typography["guillemet_space"])
        return base
    except (TypeError, ValueError) as exc:
        raise InputError(origin, f"typography : {exc}") from None


def prepare(
    source: str | Path,
    *,
    theme: str | Path | None = None,
    cover: str | Path | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read the source (or project), apply French typography, typeset."""
    say = progress or (lambda _m: None)
    source = Path(source)
    project = load_project(source) if source.suffix.lower() == ".toml" else None
    text_source = project.source if project else source
    say("lecture")
    imported = load_source(text_source)
    document = imported.document
    if project and project.metadata:
        changes: dict[str, Any] = {
            k: v for k, v in project.metadata.items() if k not in ("byline", "entrant")
        }
        metadata = dataclasses.replace(document.metadata, **changes)
        document = dataclasses.replace(document, metadata=metadata)
    options = _options(project.typography if project else {}, project.path if project else source)
    say("typographie")
    corrected = apply_typography(document, options)
    chosen = (
        theme
        if theme is not None
        else (project.theme if project and project.theme else DEFAULT_THEME)
    )
    overrides = project.theme_overrides if project else None
    say("thème")
    try:
        resolved = load_theme(chosen, overrides)
    except FontError as exc:
        raise ThemeError(chosen, str(exc)) from None
    say("composition")
    byline = project.metadata.get("byline") if project else None
    book = typeset(corrected.document, resolved, byline=byline)
    warnings = [f"{text_source} : {note}" for note in imported.report.notes]
    warnings += book.report.warnings
    cover_path = Path(cover) if cover else (project.cover if project else None)
    return Prepared(corrected.document, resolved, book, project, cover_path, byline, warnings)


def write_output(
    kind: str,
    target: Path,
    *,
    document: Document,
    theme: Theme,
    book: TypesetDocument,
    cover: CoverImage | None,
    byline: str | None,
    soft_hyphens: bool = False,
) -> list[str]:
    """Write one output ("pdf", "print_cover" or "epub") atomically; give its warnings.

    Shared by the CLI's export, the batch and the desktop app.
    """
    from layout_studio.export.pdf import write_pdf

    if kind == "pdf":
        write_pdf(book, target)
        return []
    if kind == "print_cover":
        from layout_studio.export.cover import print_cover

        write_pdf(print_cover(book, document, theme, cover, byline), target)
        return []
    if kind == "epub":
        from layout_studio.export.epub import write_epub

        built = write_epub(
            document, theme, book, target, cover=cover, byline=byline, soft_hyphens=soft_hyphens
        )
        return built.warnings
    raise ValueError(f"format de sortie inconnu : {kind}")


def run_export(
    source: str | Path,
    *,
    theme: str | Path | None = None,
    cover: str | Path | None = None,
    pdf: str | Path | None = None,
    print_cover: str | Path | None = None,
    epub: str | Path | None = None,
    soft_hyphens: bool | None = None,
    progress: Progress | None = None,
    onix: str | Path | None = None,
) -> ExportResult:
    """Prepare, then write the requested outputs (PDF, wraparound cover, EPUB).

    ``soft_hyphens`` (EPUB only) inserts U+00AD at French hyphenation points;
    ``None`` takes the project's ``[epub] soft_hyphens``. ``onix`` writes the
    e-book's ONIX 3.0 product record there.
    """
    from layout_studio.export.cover import load_cover

    say = progress or (lambda _m: None)
    prepared = prepare(source, theme=theme, cover=cover, progress=progress)
    result = ExportResult(prepared)
    project = prepared.project
    outputs: dict[str, Path] = {}
    if pdf:
        outputs["pdf"] = Path(pdf)
    if print_cover:
        outputs["print_cover"] = Path(print_cover)
    if epub:
        outputs["epub"] = Path(epub)
    if not outputs and project:
        outputs = {k: v for k, v in project.outputs.items() if k in ("pdf", "print_cover", "epub")}
        for target in outputs.values():
            target.parent.mkdir(parents=True, exist_ok=True)  # the project names its own folders
    if not outputs:
        outputs["pdf"] = Path(Path(source).stem + ".pdf")
    image = None
    if prepared.cover is not None:
        image = load_cover(prepared.cover, prepared.theme)
        prepared.warnings.extend(image.warnings)
    soft = soft_hyphens if soft_hyphens is not None else bool(project and project.soft_hyphens)
    for kind, label in (("pdf", "pdf"), ("print_cover", "couverture"), ("epub", "epub")):
        if kind in outputs:
            say(label)
            prepared.warnings.extend(
                write_output(
                    kind,
                    outputs[kind],
                    document=prepared.document,
                    theme=prepared.theme,
                    book=prepared.book,
                    cover=image,
                    byline=prepared.byline,
                    soft_hyphens=soft,
                )
            )
            result.written[kind] = outputs[kind]
    if onix:
        from layout_studio.export.epub import build_epub
        from layout_studio.export.epub.onix import write_onix

        say("onix")
        built = build_epub(  # the same facts as the EPUB's OPF (rebuilt in memory)
            prepared.document,
            prepared.theme,
            prepared.book,
            cover=image,
            byline=prepared.byline,
            soft_hyphens=soft,
        )
        assert built.facts is not None and built.when is not None
        write_onix(prepared.document, built.facts, built.when, onix)
        result.written["onix"] = Path(onix)
    return result
