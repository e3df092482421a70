"""A book being edited: source text + settings → a typeset preview, and back to files.

Takes the Markdown text the user is editing and ``BookSettings`` (theme,
theme overrides, cover, metadata, disabled typography rules); gives a
``Build`` (corrected document, typography record, theme, typeset book fitted
to the print service's page rules as ``layout-studio export`` fits it, cover
page, warnings with the import's notes, and what it was built of, so that an
export of the same state takes it: ``shown_build``) without touching the
disk, and saves or loads a ``book.toml`` project with its ``story.md``
atomically. Pure Python: the desktop app drives it from a worker thread,
tests drive it directly.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions

from layout_studio.checkpoint import checkpoint
from layout_studio.errors import InputError
from layout_studio.export.cover import CoverImage, front_cover_page, load_cover
from layout_studio.io.atomic import atomic_write_bytes, atomic_write_text
from layout_studio.io.bounded import MAX_PROJECT_BYTES, parse_toml, read_limited
from layout_studio.io.paths import inside, read_regular
from layout_studio.layout.cover import default_byline
from layout_studio.layout.incremental import LayoutMemo
from layout_studio.layout.page import Page, TypesetDocument
from layout_studio.layout.service import apply_service, widen_gutter
from layout_studio.layout.typeset import typeset
from layout_studio.model.document import Document
from layout_studio.sources import load_source
from layout_studio.sources.markdown import import_markdown
from layout_studio.sources.markdown_chunks import IncrementalMarkdown
from layout_studio.sources.project import CREDITS_KEYS, METADATA_KEYS, load_project
from layout_studio.sources.reading import DecodedText
from layout_studio.sources.writer import to_markdown
from layout_studio.style.kept_themes import kept_theme
from layout_studio.style.theme import DEFAULT_THEME, Theme, ThemeError
from layout_studio.text.fonts import FontError
from layout_studio.text.typography import FrenchOptions, TypographyResult, apply_typography
from layout_studio.text.typography.options import options_from_table


@dataclass(frozen=True)
class BookSettings:
    """Everything about a book that is not its text."""

    theme: str = DEFAULT_THEME  # bundled name or path of a .toml
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    cover: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # contributor_order: tuple
    disabled_rules: frozenset[str] = frozenset()
    soft_hyphens: bool | None = None  # None: the theme's default (on when justified)
    # The project's other [typography] keys (space_before, guillemet_space, dash):
    # read, never edited by the app, so saving leaves them as written.
    typography: dict[str, Any] = field(default_factory=dict)

    def french_options(self) -> FrenchOptions:
        """The typography options of this book, as the export reads them."""
        return options_from_table({**self.typography, "disabled": sorted(self.disabled_rules)})

    def with_override(self, table: str, key: str, value: Any) -> BookSettings:
        """A copy with ``[table] key = value`` overriding the theme (None removes it)."""
        tables = {k: dict(v) for k, v in self.overrides.items()}
        if value is None:
            tables.get(table, {}).pop(key, None)
        else:
            tables.setdefault(table, {})[key] = value
        return dataclasses.replace(self, overrides={k: v for k, v in tables.items() if v})


_MadeOf = tuple[str, BookSettings, Path | None, Theme]


@dataclass
class Build:
    """One typeset state of the book (what the preview shows)."""

    document: Document
    typography: TypographyResult
    theme: Theme
    book: TypesetDocument
    cover: CoverImage | None
    cover_page: Page
    warnings: list[str] = field(default_factory=list)
    # The print service's page rules applied (``layout.service``): one warning each.
    page_rules: list[str] = field(default_factory=list)
    # What the import said of the text (a credit in the middle of a paragraph, dropped).
    import_notes: list[str] = field(default_factory=list)
    # The text, settings, folder and theme as chosen it was built from (``shown_build``).
    made_of: _MadeOf | None = field(default=None, repr=False, compare=False)

    @property
    def chosen_theme(self) -> Theme:
        """The theme as the settings give it, before the print service widened its gutter.

        What the styles panel shows: the widened gutter belongs to this page count, not
        to the user's settings.
        """
        return self.made_of[3] if self.made_of is not None else self.theme


def build(text: str, settings: BookSettings, base: Path | None = None) -> Build:
    """Parse, correct and typeset ``text`` with ``settings`` (nothing is written).

    The book is fitted to the print service's page rules, as ``layout-studio
    export`` fits it: what the preview shows is what the printer gets.
    """
    path = Path(str(base / "story.md") if base else "<texte>")
    imported = import_markdown(DecodedText(path, text, "utf-8", False, "lf"))
    document = imported.document
    corrected = apply_typography(_with_metadata(document, settings), settings.french_options())
    chosen = _settings_theme(settings, base)
    byline = settings.metadata.get("byline") or None
    book = typeset(corrected.document, chosen, byline=byline)
    theme, book, rules = apply_service(corrected.document, chosen, book, byline)
    made_of = (text, settings, base, chosen)
    return _finish(
        corrected,
        theme,
        book,
        settings,
        byline,
        notes=imported.report.notes,
        rules=rules,
        made_of=made_of,
    )


def shown_build(
    shown: Build | None, text: str, settings: BookSettings, base: Path | None
) -> Build | None:
    """What ``build(text, settings, base)`` gives, taken from ``shown`` if it was built of them.

    The preview's last build (an ``IncrementalBuilder``'s, equal to a full build's) spares
    an export the whole typesetting again (seconds on a long book). Its theme must still be
    the one its files give now; the cover is read again, as ``build`` reads it. ``None``
    when ``shown`` was built of anything else.
    """
    if shown is None or shown.made_of is None:
        return None
    made_text, made_settings, made_base, chosen = shown.made_of
    if made_base != base or made_settings != settings or made_text != text:
        return None
    if _settings_theme(settings, base) is not chosen:
        return None  # a theme file or one of its fonts changed since
    byline = settings.metadata.get("byline") or None
    return _finish(
        shown.typography,
        shown.theme,
        shown.book,
        settings,
        byline,
        notes=shown.import_notes,
        rules=shown.page_rules,
        made_of=shown.made_of,
    )


class IncrementalBuilder:
    """Builds successive states of one book (the live preview), redoing what an edit changes.

    Each ``build`` gives what ``build()`` gives for the same text and settings,
    page for page: only the chunks of the text it did not see are parsed
    (``sources.markdown_chunks``), only the paragraphs it did not see are
    corrected, and only what their change can move is laid out again
    (``layout.incremental``). Not thread-safe: one builder per worker thread.
    """

    def __init__(self) -> None:
        self.layout = LayoutMemo()
        self.markdown = IncrementalMarkdown()
        self._parsed: tuple[str, str, Document, list[str]] | None = None
        self._options: str | None = None
        self._typography: dict[Any, Any] = {}
        self._located: dict[Any, Any] = {}
        self._same: dict[Any, Any] = {}  # the last build's corrected items, by identity
        self._covers = _Covers()
        self._fitted = _Fitted()

    def build(self, text: str, settings: BookSettings, base: Path | None = None) -> Build:
        """Parse, correct and typeset ``text`` with ``settings``, reusing the previous builds."""
        path = str(base / "story.md") if base else "<texte>"
        if self._parsed is not None and self._parsed[:2] == (text, path):
            document, notes = self._parsed[2:]
        else:
            decoded = DecodedText(Path(path), text, "utf-8", False, "lf")
            document = self.markdown.document(decoded)
            notes = self.markdown.notes
            self._parsed = (text, path, document, notes)
        options = settings.french_options()
        key = json.dumps(dataclasses.asdict(options), sort_keys=True, default=sorted)
        if key != self._options:
            self._typography = {}  # other rules or spaces change every paragraph's result
            self._located = {}
            self._same = {}
            self._options = key
        checkpoint()
        memo, located = _Recent(self._typography), _Recent(self._located)
        same: dict[Any, Any] = {}
        corrected = apply_typography(
            _with_metadata(document, settings), options, memo, located, (self._same, same)
        )
        # What this text uses: memory follows the book.
        checkpoint()
        self._typography, self._located, self._same = memo.kept(), located.kept(), same
        checkpoint()
        chosen = _settings_theme(settings, base)
        byline = settings.metadata.get("byline") or None
        book = self.layout.typeset(corrected.document, chosen, byline)
        checkpoint()
        theme, book, rules = self._fitted.fit(corrected.document, chosen, book, byline)
        checkpoint()
        made_of = (text, settings, base, chosen)
        return _finish(
            corrected,
            theme,
            book,
            settings,
            byline,
            self._covers,
            notes=notes,
            rules=rules,
            made_of=made_of,
        )


class _Recent(dict[Any, Any]):
    """A memo for one build: what it does not hold yet is taken from the previous build's.

    A hit is not copied into this build's memo (that hashed each paragraph's spans a
    second time): ``kept`` gives the next build the previous entries and the new ones,
    only those this build used once the others would outnumber them.
    """

    def __init__(self, previous: dict[Any, Any]) -> None:
        super().__init__()
        self.previous = previous
        self.used: list[Any] = []  # the previous build's keys this one used

    def get(self, key: Any, default: Any = None) -> Any:
        # The previous build's first: most keys are there, and each lookup hashes the key.
        hit = self.previous.get(key)
        if hit is not None:
            self.used.append(key)
            return hit
        hit = super().get(key)
        return default if hit is None else hit

    def keep(self, keys: list[Any]) -> None:
        """Count ``keys`` as used though not looked up (their user knew the results)."""
        self.used += keys

    def kept(self) -> dict[Any, Any]:
        """What the next build starts from: memory follows the text within a factor two."""
        if len(self.previous) > 2 * len(self.used) + 64:
            previous = self.previous
            kept = {key: previous[key] for key in self.used if key in previous}
        else:
            kept = self.previous
        kept.update(self)
        return kept


def _with_metadata(document: Document, settings: BookSettings) -> Document:
    """``document`` with the metadata the settings override (byline and entrant aside)."""
    meta_changes = {
        k: v
        for k, v in settings.metadata.items()
        if k in METADATA_KEYS and k not in ("byline", "entrant")
    }
    if not meta_changes:
        return document
    allowed = {f.name for f in dataclasses.fields(document.metadata)}
    kept: dict[str, Any] = {k: v for k, v in meta_changes.items() if k in allowed}
    return dataclasses.replace(document, metadata=dataclasses.replace(document.metadata, **kept))


def _settings_theme(settings: BookSettings, base: Path | None) -> Theme:
    """The settings' theme: the same object until a file of it or one of its fonts changes."""
    spec: str | Path = settings.theme
    if isinstance(spec, str) and spec.endswith(".toml") and base and not Path(spec).is_absolute():
        spec = base / spec
    try:
        return kept_theme(spec, json.dumps(settings.overrides, sort_keys=True, default=str))
    except FontError as exc:
        raise ThemeError(spec, str(exc)) from None


def _finish(
    corrected: TypographyResult,
    theme: Theme,
    book: TypesetDocument,
    settings: BookSettings,
    byline: str | None,
    covers: _Covers | None = None,
    *,
    notes: list[str],
    rules: list[str],
    made_of: _MadeOf | None = None,
) -> Build:
    """The cover and the warnings, around a typeset book.

    ``notes``: what the import said of the text; ``rules``: the print service's notes.
    """
    covers = covers or _Covers()
    warnings = [*notes, *book.report.warnings, *rules]
    cover = None
    if settings.cover is not None:
        cover = covers.image(settings.cover, theme)
        warnings.extend(cover.warnings)
    page = covers.page(corrected.document, theme, cover, byline)
    return Build(
        corrected.document,
        corrected,
        theme,
        book,
        cover,
        page,
        warnings,
        list(rules),
        list(notes),
        made_of,
    )


class _Fitted:
    """The print service's page rules for the successive builds of one book.

    A theme whose gutter the page count widens is made once per theme and gutter,
    and set with a layout memo of its own: an edit sets it again incrementally.
    """

    def __init__(self) -> None:
        self.layout = LayoutMemo()
        self._widened: dict[tuple[int, float], tuple[Theme, Theme]] = {}

    def fit(
        self, document: Document, theme: Theme, book: TypesetDocument, byline: str | None
    ) -> tuple[Theme, TypesetDocument, list[str]]:
        return apply_service(
            document, theme, book, byline, widen=self._widen, setter=self.layout.typeset
        )

    def _widen(self, theme: Theme, gutter: float) -> Theme:
        key = (id(theme), gutter)
        kept = self._widened.get(key)
        if kept is None or kept[0] is not theme:
            if len(self._widened) >= 4:  # another theme chosen: the old ones go
                self._widened.clear()
            kept = self._widened[key] = (theme, widen_gutter(theme, gutter))
        return kept[1]


class _Covers:
    """The cover image and front cover page of the last build, made again when they change."""

    def __init__(self) -> None:
        self._image: tuple[tuple[object, ...], CoverImage] | None = None
        self._page: tuple[tuple[object, ...], Page] | None = None

    def image(self, path: Path, theme: Theme) -> CoverImage:
        try:
            stat = Path(path).stat()
            key: tuple[object, ...] = (str(path), stat.st_mtime_ns, stat.st_size, theme)
        except OSError:
            return load_cover(path, theme)  # it says what is wrong
        if self._image is None or self._image[0] != key:
            self._image = (key, load_cover(path, theme))
        return self._image[1]

    def page(
        self, document: Document, theme: Theme, cover: CoverImage | None, byline: str | None
    ) -> Page:
        # What the front cover shows: the metadata, the byline, the theme and the image.
        key = (repr(document.metadata), default_byline(document, byline), theme, cover)
        if self._page is None or self._page[0] != key:
            self._page = (key, front_cover_page(document, theme, cover, byline))
        return self._page[1]


# ---- files ---------------------------------------------------------------------


@dataclass
class Opened:
    """What opening a file gives the editor."""

    text: str
    settings: BookSettings
    project: Path | None  # the book.toml, if any
    source: Path | None  # the .md the text is saved to (None: not saved yet)
    notes: list[str] = field(default_factory=list)


#: Sources that are imported to Markdown when opened (never written back).
IMPORTED_SUFFIXES = (".txt", ".docx", ".docm", ".odt")
#: Everything ``open_file`` opens.
OPENABLE_SUFFIXES = (".toml", ".md", ".markdown", *IMPORTED_SUFFIXES)


def open_file(path: str | Path) -> Opened:
    """Open a ``book.toml``, a ``.md``, or a ``.txt``, ``.docx``, ``.odt`` imported to Markdown."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".toml":
        project = load_project(path)
        opened = open_file(project.source)
        raw = parse_toml(path, read_limited(path, MAX_PROJECT_BYTES), InputError, "le projet")
        settings = BookSettings(
            theme=str(raw.get("book", {}).get("theme", DEFAULT_THEME)),
            overrides=project.theme_overrides,
            cover=project.cover,
            metadata=dict(project.metadata),
            disabled_rules=frozenset(project.typography.get("disabled", [])),
            soft_hyphens=project.soft_hyphens,
            typography={k: v for k, v in project.typography.items() if k != "disabled"},
        )
        try:
            settings.french_options()
        except (TypeError, ValueError) as exc:
            raise InputError(path, f"typography : {exc}") from None
        return Opened(opened.text, settings, path, opened.source, opened.notes)
    if suffix not in OPENABLE_SUFFIXES:
        raise InputError(
            path,
            "format non pris en charge (ouvrez un .txt, un .md, un .docx, un .odt ou un book.toml)",
        )
    result = load_source(path)
    notes = list(result.report.notes)
    if suffix in IMPORTED_SUFFIXES:
        # A raw text or a word processor's file becomes Markdown to review;
        # it will be saved beside it as .md.
        text = to_markdown(result.document)
        notes.append("texte importé : enregistrez-le pour créer la source Markdown")
        return Opened(text, BookSettings(), None, None, notes)
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return Opened(text, BookSettings(), None, path, notes)


def save_project(
    project: Path,
    text: str,
    settings: BookSettings,
    source: Path | None = None,
    *,
    previous: Path | None = None,
) -> Path:
    """Write ``story.md`` (or ``source``) then ``book.toml``, each atomically; return the source.

    The ``book.toml`` is updated, not replaced: ``previous`` (by default
    ``project`` itself when it exists) keeps its comments, its ``[output]``
    and every key the app does not edit.
    """
    project = Path(project)
    source = Path(source) if source else project.with_name(project.stem + ".md")
    if source.resolve() == project.resolve():
        source = project.with_suffix(".md")
    base_text = _existing_project_text(previous if previous is not None else project)
    settings = _self_contained(project.parent, settings)
    atomic_write_text(source, text if text.endswith("\n") else text + "\n")
    atomic_write_text(project, project_toml(project, settings, source, base_text))
    return source


def _existing_project_text(path: Path) -> str | None:
    """The text of an existing, readable ``book.toml`` to update, else None."""
    try:
        if not path.is_file():
            return None
        return read_limited(path, MAX_PROJECT_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, InputError):
        return None


def _self_contained(folder: Path, settings: BookSettings) -> BookSettings:
    """Settings whose files lie in the project's folder: outside ones are copied in.

    A project may only name files inside its folder (see ``load_project``),
    so a cover or theme picked elsewhere is copied beside ``book.toml``.
    """
    from layout_studio.style.theme import THEMES_DIR, user_themes_dir

    changes: dict[str, Any] = {}
    if settings.cover is not None and not inside(settings.cover, [folder]):
        changes["cover"] = _copy_into(folder, settings.cover)
    theme = Path(settings.theme)
    allowed = [folder, THEMES_DIR, user_themes_dir()]
    if theme.suffix == ".toml" and theme.is_absolute() and not inside(theme, allowed):
        changes["theme"] = str(_copy_into(folder, theme))
    return dataclasses.replace(settings, **changes) if changes else settings


def _copy_into(folder: Path, path: Path) -> Path:
    """``path`` copied into ``folder`` (same name, numbered if another file has it)."""
    data = read_regular(path, MAX_COPY_BYTES)
    if len(data) > MAX_COPY_BYTES:
        raise InputError(path, "fichier trop gros pour être copié dans le projet")
    target, n = folder / path.name, 2
    while target.exists() and target.read_bytes() != data:
        target, n = folder / f"{path.stem}-{n}{path.suffix}", n + 1
    if not target.exists():
        atomic_write_bytes(target, data)
    return target


#: Largest cover or theme copied into a project on save.
MAX_COPY_BYTES = 200 * 1024 * 1024


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def project_toml(
    project: Path, settings: BookSettings, source: Path, previous: str | None = None
) -> str:
    """The ``book.toml`` text for ``settings`` (paths relative to the project).

    With ``previous`` (an existing project's text), only the keys the app
    manages change; comments, ``[output]`` and other keys stay as written.
    """
    base = project.parent
    theme_spec = settings.theme
    if (
        theme_spec.endswith(".toml")
        and Path(theme_spec).is_absolute()
        and inside(Path(theme_spec), [base])
    ):
        theme_spec = _relative(Path(theme_spec), base)  # a project names its own files relatively
    doc = _parse_previous(previous)
    book = _table(doc, "book")
    book["source"] = _relative(source, base)
    book["theme"] = theme_spec
    _set_or_drop(book, "cover", _relative(settings.cover, base) if settings.cover else None)
    meta = _table(doc, "metadata")
    for key in sorted(METADATA_KEYS):
        value = settings.metadata.get(key)
        _set_or_drop(meta, key, list(value) if isinstance(value, tuple) else value or None)
    typography = _table(doc, "typography")
    disabled = sorted(settings.disabled_rules) or None
    _set_or_drop(typography, "disabled", disabled)
    overrides = {name: dict(values) for name, values in settings.overrides.items()}
    if isinstance(doc.get("credits"), dict):
        # A project's own [credits] table is folded into the credits overrides on
        # opening; its keys are written back there, the rest under [theme.credits].
        credits = doc["credits"]
        ours = overrides.get("credits", {})
        for key in [k for k in credits if k not in ours]:
            del credits[key]
        for key in [k for k in ours if k in CREDITS_KEYS]:
            _set_or_drop(credits, key, ours.pop(key))
        if not ours:
            overrides.pop("credits", None)
        if not credits:
            del doc["credits"]
    theme = _table(doc, "theme")
    for name in [k for k in theme if k not in overrides]:
        del theme[name]
    for name, values in overrides.items():
        table = _table(theme, name, super_table=False)
        for key in [k for k in table if k not in values]:
            del table[key]
        for key, value in values.items():
            _set_or_drop(table, key, value)
    if not theme:
        del doc["theme"]
    else:
        theme.is_super_table()  # [theme.body] headers, not an inline [theme] table
    epub = _table(doc, "epub")
    _set_or_drop(epub, "soft_hyphens", settings.soft_hyphens)
    for name in ("metadata", "typography", "epub"):
        if name in doc and not doc[name]:
            del doc[name]
    return tomlkit.dumps(doc)


def _parse_previous(previous: str | None) -> tomlkit.TOMLDocument:
    header = "# Projet Layout Studio — les chemins sont relatifs à ce fichier.\n"
    if previous is not None:
        with contextlib.suppress(tomlkit.exceptions.TOMLKitError):
            return tomlkit.parse(previous)
    return tomlkit.parse(header)


def _table(parent: Any, name: str, *, super_table: bool | None = None) -> Any:
    """``parent[name]`` as a table, created (after the others) when absent."""
    current = parent.get(name)
    if not isinstance(current, dict):
        current = tomlkit.table(is_super_table=super_table)
        parent[name] = current
    return current


def _set_or_drop(table: Any, key: str, value: Any) -> None:
    """Set ``key`` (keeping its comment when the value is unchanged in kind), or remove it."""
    if value is None:
        if key in table:
            del table[key]
        return
    old = table.get(key)
    if old is not None and old == value:
        return  # untouched: keep the original text and comment
    if old is not None and hasattr(old, "trivia"):
        item = tomlkit.item(value)
        item.trivia.comment = old.trivia.comment
        item.trivia.comment_ws = old.trivia.comment_ws
        table[key] = item
    else:
        table[key] = value


# ---- text edits the app offers -------------------------------------------------------

_CONFIDENCE = re.compile(r'confidence="([0-9]+(?:\.[0-9]+)?)"')
# Neither part may hold the bracket or brace that opens the next credit, so a
# failed match stops there and finditer stays linear on "[[[[..." or "{{{...".
_CREDIT = re.compile(r"\[(?P<name>[^\[\]\n]+)\]\{\.credit(?P<attrs>[^{}\n]*)\}")


def rename_contributor(text: str, old: str, new: str) -> tuple[str, int]:
    """Rename every credit of ``old`` (same person: case and spaces ignored) to ``new``.

    Renaming to an existing name merges the two. Gives the new text and the count.
    """
    from layout_studio.model.document import contributor_key

    key = contributor_key(old)
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        name, _, affiliation = m.group("name").partition(",")
        if contributor_key(name) != key:
            return m.group(0)
        count += 1
        rest = f",{affiliation}" if affiliation else ""
        return f"[{new}{rest}]{{.credit{m.group('attrs')}}}"

    return _CREDIT.sub(sub, text), count


def doubtful_credits(text: str) -> list[tuple[int, str, float]]:
    """Credits the importer was unsure of: (line, name, confidence)."""
    found = []
    line, counted = 1, 0  # lines counted up to here, once over the text
    for m in _CREDIT.finditer(text):
        conf = _CONFIDENCE.search(m.group("attrs"))
        if conf:
            line += text.count("\n", counted, m.start())
            counted = m.start()
            found.append((line, m.group("name"), float(conf.group(1))))
    return found


def resolve_credit(text: str, line: int, name: str, *, confirm: bool) -> str:
    """Confirm (drop the confidence) or reject (plain parentheses) the doubtful credit."""
    lines = text.split("\n")
    target = lines[line - 1]
    for m in _CREDIT.finditer(target):
        if m.group("name") == name and "confidence=" in m.group("attrs"):
            replacement = f"[{name}]{{.credit}}" if confirm else f"({name})"
            lines[line - 1] = target[: m.start()] + replacement + target[m.end() :]
            break
    return "\n".join(lines)
