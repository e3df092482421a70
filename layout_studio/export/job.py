"""One export job, shared by the CLI, the batch and (later) the GUI.

Takes a source (``.txt``, ``.md`` or ``book.toml``) and options (theme,
cover, outputs); gives an ``ExportResult``: the typeset document, what was
written, and every warning. ``prepare`` does the reading and typesetting
only (the preview needs nothing more); ``run_export`` also writes files,
all or none (``io.atomic.OutputSet``), so a failure never leaves a
half-written output nor a half-updated set.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from layout_studio.errors import InputError, OutputError
from layout_studio.export.stored_typography import TypographyStore, UsedMemo
from layout_studio.io.atomic import OutputSet
from layout_studio.io.paths import same_file
from layout_studio.layout.gc_pause import paused_gc
from layout_studio.model.document import Document
from layout_studio.sources import load_source
from layout_studio.sources.project import Project, load_project
from layout_studio.style.kept_themes import shared_theme
from layout_studio.style.theme import DEFAULT_THEME, Theme, ThemeError, load_theme
from layout_studio.text.fonts import FontError
from layout_studio.text.typography import FrenchOptions, apply_typography
from layout_studio.text.typography.options import options_from_table

if TYPE_CHECKING:
    from layout_studio.export.cover import CoverImage
    from layout_studio.export.epub import EpubBuild
    from layout_studio.layout.page import TypesetDocument

Progress = Callable[[str], None]
# Output kinds, in the order they are written, with their progress labels.
_KINDS = {
    "pdf": "pdf",
    "screen_pdf": "pdf écran",
    "print_cover": "couverture",
    "epub": "epub",
    "onix": "onix",
}


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
    # The book's key in the user cache (``stored_book``), when the cache is on: its
    # finished PDFs are kept there too (``stored_output``).
    key: str | None = None


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
        return options_from_table(typography)
    except (TypeError, ValueError) as exc:
        raise InputError(origin, f"typography : {exc}") from None


def prepare(
    source: str | Path,
    *,
    theme: str | Path | None = None,
    cover: str | Path | None = None,
    progress: Progress | None = None,
    outputs: bool = True,
    printing: dict[str, str] | None = None,
    stored: bool = False,
) -> Prepared:
    """Read the source (or project), apply French typography, typeset.

    ``outputs=False`` ignores a project's ``[output]`` (the batch writes only under
    ``--out``); ``printing`` overrides the ``[print]`` table (``{"service": "kdp"}``).
    ``stored``: take the book from the user's cache when the same inputs were set
    before, and keep it there otherwise (``export.stored_book``; a cold export).
    The cyclic collector is held off meanwhile (``paused_gc``): reading and
    typography make lasting objects, as typesetting does.
    """
    with paused_gc():
        return _prepare(source, theme, cover, progress, outputs, printing, stored)


def _prepare(
    source: str | Path,
    theme: str | Path | None,
    cover: str | Path | None,
    progress: Progress | None,
    outputs: bool,
    printing: dict[str, str] | None,
    stored: bool,
) -> Prepared:
    say = progress or (lambda _m: None)
    source = Path(source)
    is_project = source.suffix.lower() == ".toml"
    project = load_project(source, outputs=outputs) if is_project else None
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
    memo = _typography_memo(options)
    # A cold export reads back what an earlier one corrected with the same options.
    typography = TypographyStore(_options_key(options)) if stored else None
    if typography is not None:
        typography.preload(memo)
    corrected = apply_typography(document, options, memo)
    if typography is not None:
        typography.keep(memo)
    chosen = (
        theme
        if theme is not None
        else (project.theme if project and project.theme else DEFAULT_THEME)
    )
    overrides: dict[str, Any] = dict(project.theme_overrides) if project else {}
    if printing:
        overrides["print"] = {**overrides.get("print", {}), **printing}
    say("thème")
    try:
        if project:
            resolved = load_theme(chosen, overrides, project.path, project.override_labels)
        else:
            resolved = load_theme(chosen)
    except FontError as exc:
        raise ThemeError(chosen, str(exc)) from None
    # Broken paragraphs are memoised per theme object: a batch whose entries set the same
    # text with equal themes (a contest) breaks each paragraph once per worker.
    resolved = shared_theme(resolved)
    say("composition")
    byline = project.metadata.get("byline") if project else None
    (resolved, book, page_rules), key = _typeset(
        corrected.document, resolved, byline, chosen, stored
    )
    warnings = [f"{text_source} : {note}" for note in imported.report.notes]
    warnings += book.report.warnings
    warnings += [f"{text_source} : {note}" for note in page_rules]
    cover_path = Path(cover) if cover else (project.cover if project else None)
    return Prepared(corrected.document, resolved, book, project, cover_path, byline, warnings, key)


# Paragraphs corrected lately in this process, per typography options (as JSON):
# a batch whose entries set one text (a contest) corrects each paragraph once
# per worker. ``apply_typography`` gives the same result with or without it.
_TYPOGRAPHY: dict[str, UsedMemo] = {}
MAX_MEMO_PARAGRAPHS = 10_000  # in all: a stranger's long book cannot grow it without end


def _options_key(options: FrenchOptions) -> str:
    return json.dumps(dataclasses.asdict(options), sort_keys=True, default=sorted)


def _typography_memo(options: FrenchOptions) -> UsedMemo:
    """The paragraph memo for ``options`` (emptied when the memos hold too much)."""
    key = _options_key(options)
    if sum(len(m) for m in _TYPOGRAPHY.values()) > MAX_MEMO_PARAGRAPHS:
        _TYPOGRAPHY.clear()
    return _TYPOGRAPHY.setdefault(key, UsedMemo())


def _typeset(
    document: Document, theme: Theme, byline: str | None, chosen: str | Path, stored: bool
) -> tuple[tuple[Theme, TypesetDocument, list[str]], str | None]:
    """The theme and book fitted to the print service, and its notes (from the cache if asked).

    With the book's key in the cache (``None`` when not asked or off).
    """
    from layout_studio.export.stored_book import BookStore, book_key

    store = BookStore() if stored else None
    key = book_key(document, theme, byline) if store and store.enabled else None
    if store is not None and key is not None:
        found = store.get(key)
        if found is not None:
            return found, key
    # Imported here: a book found in the cache needs none of the typesetting code.
    from layout_studio.export.stored_paragraphs import ParagraphStore
    from layout_studio.layout.service import apply_service
    from layout_studio.layout.typeset import typeset

    # An edited text: the paragraphs an earlier export broke with this theme are read back.
    broken = ParagraphStore(theme) if store is not None and key is not None else None
    if broken is not None:
        broken.preload()
    try:
        book = typeset(document, theme, byline=byline)
    except FontError as exc:  # a face the theme named fails only once shaping starts
        raise ThemeError(theme.source or chosen, str(exc)) from None
    result = apply_service(document, theme, book, byline)
    if store is not None and key is not None:
        store.put(key, result)
    if broken is not None:
        broken.keep(document)
    return result, key


def release_memos() -> None:
    """Free what the process's memos hold for fonts no theme it keeps uses (between entries).

    A batch worker calls it after each entry: the fonts an entry shipped, and
    what was set with them, go once the worker has moved on to other themes.
    """
    from layout_studio.export.cover import forget_decoded
    from layout_studio.export.epub.package import forget_covers
    from layout_studio.layout.memos import release, theme_files
    from layout_studio.style.kept_themes import held_themes

    files = theme_files(held_themes())
    release(files)
    forget_covers(files.__contains__)
    pdf_fonts = sys.modules.get("layout_studio.export.pdf_fonts")  # loaded by a PDF only
    if pdf_fonts is not None:
        pdf_fonts._Fonts.forget(files.__contains__)
    forget_decoded()  # the next entry has its own picture


def render_output(
    kind: str,
    *,
    document: Document,
    theme: Theme,
    book: TypesetDocument,
    cover: CoverImage | None,
    byline: str | None,
    soft_hyphens: bool | None = None,
    epub: EpubBuild | None = None,
    key: str | None = None,
) -> tuple[bytes, list[str]]:
    """The bytes of one output (a kind of ``_KINDS``) and its warnings.

    ``epub``: the EPUB already built from the same book (an ONIX record and
    the EPUB of one export share it rather than building it twice).
    ``key``: the book's key in the user cache (``Prepared.key``): a PDF is
    read back from there when this very book was drawn before, and kept there.
    """
    if kind in ("pdf", "screen_pdf"):
        return _stored_pdf(kind, book, key)
    if kind == "print_cover":
        # Only PDFs load reportlab and pikepdf (an EPUB export starts faster without).
        from layout_studio.export.cover import print_cover
        from layout_studio.export.pdf import render_pdf

        return render_pdf(print_cover(book, document, theme, cover, byline)), []
    if kind in ("epub", "onix"):
        if epub is None:
            from layout_studio.export.epub import build_epub

            epub = build_epub(
                document, theme, book, cover=cover, byline=byline, soft_hyphens=soft_hyphens
            )
        if kind == "epub":
            return epub.data, list(epub.warnings)
        # ONIX: the same facts as the EPUB's OPF (its warnings are the EPUB's)
        from layout_studio.export.epub.onix import onix_record

        assert epub.facts is not None and epub.when is not None
        return onix_record(document, epub.facts, epub.when), []
    raise ValueError(f"format de sortie inconnu : {kind}")


def _stored_pdf(kind: str, book: TypesetDocument, key: str | None) -> tuple[bytes, list[str]]:
    """The print or screen PDF and its warnings, from the user cache when drawn before."""
    from layout_studio.export.stored_output import OutputStore

    store = OutputStore(key, kind) if key is not None else None
    found = store.get() if store is not None else None
    if found is not None:
        return found
    # Only PDFs load reportlab and pikepdf (an EPUB export starts faster without).
    from layout_studio.export.pdf import print_warnings, render_pdf

    if kind == "pdf":
        data, warnings = render_pdf(book), print_warnings(book)
    else:
        data, warnings = render_pdf(book, screen=True), []
    if store is not None:
        store.put(data, warnings)
    return data, warnings


def build_inputs(
    *,
    source: Path | None = None,
    project: Path | None = None,
    cover: Path | None = None,
    theme: Theme | str | Path | None = None,
) -> list[tuple[str, Path]]:
    """Every file a build reads, labelled: no output may be written over one of them."""
    found: list[tuple[str, Path]] = []
    if source is not None:
        found.append(("la source", Path(source)))
    if project is not None:
        found.append(("le projet", Path(project)))
    if cover is not None:
        found.append(("la couverture", Path(cover)))
    if isinstance(theme, Theme):
        found += [("le thème", f) for f in theme.files]
        found += [("une police", f) for f in theme.font_files()]
    elif theme is not None and not _theme_name(str(theme)):
        found.append(("le thème", Path(theme)))
    return found


def _theme_name(text: str) -> bool:
    return not text.endswith(".toml") and "/" not in text and "\\" not in text


def check_not_inputs(outputs: dict[str, Path], inputs: list[tuple[str, Path]]) -> None:
    """Refuse an output that is one of the build's inputs (same path or same file)."""
    for target in outputs.values():
        for label, source in inputs:
            if same_file(target, source):
                raise OutputError(
                    target,
                    f"la sortie écraserait une entrée de la composition ({label}) : "
                    "rien n’a été écrit",
                )


def write_outputs(
    outputs: dict[str, Path],
    prepared: Prepared,
    *,
    image: CoverImage | None,
    soft_hyphens: bool | None,
    say: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> list[str]:
    """Render every output, then put them all in place, or none (see ``OutputSet``).

    Gives the warnings; ``timings`` (if given) receives each output's seconds.
    """
    warnings: list[str] = []
    epub: EpubBuild | None = None  # built once for the EPUB and the ONIX record
    with OutputSet(outputs.values()) as staged:
        for kind, label in _KINDS.items():
            if kind not in outputs:
                continue
            if say:
                say(label)
            started = time.perf_counter()
            if kind in ("epub", "onix") and epub is None and {"epub", "onix"} <= set(outputs):
                from layout_studio.export.epub import build_epub

                epub = build_epub(
                    prepared.document,
                    prepared.theme,
                    prepared.book,
                    cover=image,
                    byline=prepared.byline,
                    soft_hyphens=soft_hyphens,
                )
            data, notes = render_output(
                kind,
                document=prepared.document,
                theme=prepared.theme,
                book=prepared.book,
                cover=image,
                byline=prepared.byline,
                soft_hyphens=soft_hyphens,
                epub=epub,
                key=prepared.key,
            )
            staged.write(outputs[kind], data)
            del data
            warnings += notes
            if timings is not None:
                timings[kind] = round(time.perf_counter() - started, 3)
        staged.commit()
    return warnings


def write_output(
    kind: str,
    target: Path,
    *,
    document: Document,
    theme: Theme,
    book: TypesetDocument,
    cover: CoverImage | None,
    byline: str | None,
    soft_hyphens: bool | None = None,
    inputs: list[tuple[str, Path]] | None = None,
    before_commit: Callable[[], None] | None = None,
) -> list[str]:
    """Write one output ("pdf", "print_cover" or "epub") atomically; give its warnings.

    The desktop app's export. ``inputs`` (see ``build_inputs``) are refused as
    destinations; the theme's own files and fonts always are. ``before_commit``
    runs once the output is rendered, before anything is put in place: raising
    there (the app's Cancel) leaves the target as it was.
    """
    outputs = {kind: Path(target)}
    check_not_inputs(outputs, [*(inputs or []), *build_inputs(theme=theme)])
    with OutputSet(outputs.values()) as staged:
        data, warnings = render_output(
            kind,
            document=document,
            theme=theme,
            book=book,
            cover=cover,
            byline=byline,
            soft_hyphens=soft_hyphens,
        )
        staged.write(outputs[kind], data)
        if before_commit is not None:
            before_commit()
        staged.commit()
    return warnings


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
    screen_pdf: str | Path | None = None,
    printing: dict[str, str] | None = None,
    onix: str | Path | None = None,
) -> ExportResult:
    """Prepare, then write the requested outputs (PDF, wraparound cover, EPUB), all or none.

    Explicit outputs may go anywhere the caller says, never onto an input of
    the build or a file that is not a regular one; without them, the
    project's ``[output]`` (checked by ``load_project``) or ``SOURCE.pdf`` in
    the current folder. ``soft_hyphens`` (EPUB only) inserts U+00AD at
    French hyphenation points; ``None`` takes the project's ``[epub] soft_hyphens``,
    and when that is unset too, the theme's default (on for justified text).
    ``onix`` writes the e-book's ONIX 3.0 product record there, in the same set.
    The cyclic collector is held off throughout (``paused_gc``): a 351-page export
    spent a fifth of its CPU in its passes over the book's objects.
    """
    with paused_gc():
        return _run_export(
            source,
            theme=theme,
            cover=cover,
            pdf=pdf,
            print_cover=print_cover,
            epub=epub,
            soft_hyphens=soft_hyphens,
            progress=progress,
            screen_pdf=screen_pdf,
            printing=printing,
            onix=onix,
        )


def _run_export(
    source: str | Path,
    *,
    theme: str | Path | None,
    cover: str | Path | None,
    pdf: str | Path | None,
    print_cover: str | Path | None,
    epub: str | Path | None,
    soft_hyphens: bool | None,
    progress: Progress | None,
    screen_pdf: str | Path | None,
    printing: dict[str, str] | None,
    onix: str | Path | None,
) -> ExportResult:
    say = progress or (lambda _m: None)
    outputs: dict[str, Path] = {}
    if pdf:
        outputs["pdf"] = Path(pdf)
    if print_cover:
        outputs["print_cover"] = Path(print_cover)
    if epub:
        outputs["epub"] = Path(epub)
    if screen_pdf:
        outputs["screen_pdf"] = Path(screen_pdf)
    if onix:
        outputs["onix"] = Path(onix)
    if outputs:  # fail before the typesetting when a destination is already wrong
        early = build_inputs(source=Path(source), cover=_path(cover), theme=theme)
        check_not_inputs(outputs, early)
        OutputSet(outputs.values())
    prepared = prepare(
        source, theme=theme, cover=cover, progress=progress, printing=printing, stored=True
    )
    result = ExportResult(prepared)
    project = prepared.project
    created: list[Path] = []
    if not outputs and project:
        outputs = {k: v for k, v in project.outputs.items() if k in _KINDS}
    if not outputs:
        outputs["pdf"] = Path(Path(source).stem + ".pdf")
    inputs = build_inputs(
        source=project.source if project else Path(source),
        project=project.path if project else None,
        cover=prepared.cover,
        theme=prepared.theme,
    )
    check_not_inputs(outputs, inputs)
    try:
        if project and not (pdf or print_cover or epub or screen_pdf or onix):
            created = _make_folders(project.path.parent, outputs.values())
        image = None
        if prepared.cover is not None:
            from layout_studio.export.cover import load_cover  # only with a cover

            image = load_cover(prepared.cover, prepared.theme)
            prepared.warnings.extend(image.warnings)
        soft = soft_hyphens
        if soft is None and project is not None:
            soft = project.soft_hyphens
        prepared.warnings.extend(
            write_outputs(outputs, prepared, image=image, soft_hyphens=soft, say=say)
        )
    except BaseException:
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: a failed export leaves no folder behind
        raise
    result.written.update(outputs)
    return result


def _path(value: str | Path | None) -> Path | None:
    return Path(value) if value else None


def _make_folders(root: Path, targets: Iterable[Path]) -> list[Path]:
    """Create the missing folders of a project's outputs (inside the project); give them."""
    created: list[Path] = []
    for target in targets:
        missing = []
        folder = target.parent
        while not folder.exists() and folder != root and root in folder.parents:
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except OSError as exc:
                raise OutputError(
                    target, f"dossier de sortie impossible à créer ({exc.strerror or exc})"
                ) from None
            created.append(folder)
    return created
