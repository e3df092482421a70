"""``book.toml`` projects: one file naming the source, theme, cover and options.

Takes the path of a ``book.toml``; gives a ``Project`` whose paths are
resolved relative to the project file. Keys (every table optional)::

    [book]        source = "story.md"   theme = "classique" | "mon-theme.toml"
                  cover = "couverture.jpg"
    [metadata]    title, subtitle, publisher, date, description, byline, dedication,
                  contributor_order = ["Zoé", "Alice", ...] (colophon and EPUB order)
                  isbn (the e-book's), print_isbn (the printed edition's): checked
                  rights = "CC BY 4.0", subjects = ["nouvelles", "entreprise"],
                  series = "Histoires du CMAD", series_number = "2" (digits)
    [typography]  disabled = ["oe"], space_before = { ":" = "nbsp" }
    [credits]     placement = "signed", variant = "italic"  (theme overrides)
    [theme]       any theme table, e.g. [theme.body] size = 11
    [output]      pdf = "out/livre.pdf", print_cover = "out/couverture.pdf",
                  epub = "out/livre.epub", screen_pdf = "out/livre-ecran.pdf"
    [print]       service = "kdp", paper = "cream", pdfx = "x4", interior = "color"
    [epub]        soft_hyphens = true   (U+00AD for readers without French dictionaries;
                  unset: on for justified themes, off for ragged-right ones)

Unknown tables or keys are errors naming the file and the key. A project
may come from a stranger: the files it names must stay inside its folder
(see ``load_project``), and so must its outputs.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_studio.errors import InputError
from layout_studio.io.bounded import MAX_PROJECT_BYTES, parse_toml, read_limited
from layout_studio.io.paths import confined, not_regular, same_file, special_kind
from layout_studio.sources.front_matter import forbidden_character
from layout_studio.sources.isbn import parse_isbn
from layout_studio.sources.metadata_values import MAX_TEXT, MAX_TITLE, check_date, check_text

_TABLES: dict[str, set[str] | None] = {
    "book": {"source", "theme", "cover"},
    "metadata": {
        "title",
        "subtitle",
        "publisher",
        "date",
        "description",
        "byline",
        "dedication",
        "entrant",
        "contributor_order",
        "isbn",
        "print_isbn",
        "rights",
        "subjects",
        "series",
        "series_number",
    },
    "typography": {"disabled", "space_before", "guillemet_space", "dash"},
    "credits": {"placement", "variant", "font", "size", "color"},
    "theme": None,  # checked by the theme loader
    "output": {"pdf", "screen_pdf", "print_cover", "epub"},
    "print": {"service", "paper", "pdfx", "interior"},
    "epub": {"soft_hyphens"},
}

#: The keys ``[metadata]`` accepts (the app keeps exactly these when it saves).
METADATA_KEYS: frozenset[str] = frozenset(_TABLES["metadata"] or ())
#: The keys a project's own ``[credits]`` table accepts (folded into the theme's).
CREDITS_KEYS: frozenset[str] = frozenset(_TABLES["credits"] or ())


def _checked_metadata(path: Path, key: str, value: str) -> str:
    """A [metadata] text as the OPF may hold it; an empty title is refused, not written."""
    try:
        if key == "date":
            return check_date(value)
        text = check_text(value, MAX_TITLE if key in ("title", "subtitle") else MAX_TEXT)
    except ValueError as exc:
        raise InputError(path, f"metadata.{key} : {exc}") from None
    if key == "title" and not text.strip():
        raise InputError(
            path, "metadata.title : titre vide (enlevez la clé pour garder celui du texte)"
        )
    return text


@dataclass(frozen=True)
class Project:
    """A resolved ``book.toml``."""

    path: Path
    source: Path
    theme: str | Path | None = None
    cover: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # str values; contributor_order: tuple
    typography: dict[str, Any] = field(default_factory=dict)
    theme_overrides: dict[str, Any] = field(default_factory=dict)
    # How this file spells each override ("credits.size" from [credits]; else "theme.…").
    override_labels: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)
    soft_hyphens: bool | None = None  # None: the theme's default (see export.epub.css)


#: Extension each output a project names must have.
OUTPUT_SUFFIXES = {"pdf": ".pdf", "screen_pdf": ".pdf", "print_cover": ".pdf", "epub": ".epub"}


def load_project(path: str | Path, *, outputs: bool = True) -> Project:
    """Read and check a ``book.toml`` (``outputs=False``: ignore ``[output]``, as the batch does).

    A project may come from a stranger: every file it names must resolve,
    symlinks followed, inside the project's folder (a theme may also be a
    bundled one or one in the user's themes folder), and be a regular file;
    its outputs must stay in the project's folder, have the right extension
    and never land on one of its inputs.
    """
    from layout_studio.style.theme import THEMES_DIR, user_themes_dir

    path = Path(path)
    try:
        raw = read_limited(path, MAX_PROJECT_BYTES, missing="fichier de projet introuvable")
    except OSError as exc:
        raise InputError(path, f"lecture impossible ({exc.strerror or exc})") from None
    data = parse_toml(path, raw, InputError, "le projet")
    for table, values in data.items():
        if table not in _TABLES:
            raise InputError(path, f"{table} : section inconnue (sections : {', '.join(_TABLES)})")
        if not isinstance(values, dict):
            raise InputError(path, f"{table} : une section [{table}] est attendue")
        allowed = _TABLES[table]
        for key in values:
            if allowed is not None and key not in allowed:
                raise InputError(
                    path, f"{table}.{key} : clé inconnue (clés : {', '.join(sorted(allowed))})"
                )
    base = path.parent
    book = data.get("book", {})
    if "source" not in book:
        raise InputError(path, "book.source : le texte source n’est pas indiqué")

    def rel(value: object, key: str) -> Path:
        return confined(path, key, value, base)

    theme: str | Path | None = None
    if "theme" in book:
        value = book["theme"]
        if not isinstance(value, str) or not value:
            raise InputError(path, "book.theme : nom ou chemin de thème attendu")
        if value.endswith(".toml") or "/" in value or "\\" in value:
            if not value.endswith(".toml"):
                raise InputError(path, f"book.theme : « {value} » : un thème est un fichier .toml")
            theme = confined(
                path, "book.theme", value, base, absolute_roots=(THEMES_DIR, user_themes_dir())
            )
        else:
            theme = value
    overrides: dict[str, Any] = {k: dict(v) for k, v in data.get("theme", {}).items()}
    labels: dict[str, str] = {}
    if data.get("credits"):
        overrides.setdefault("credits", {}).update(data["credits"])
        labels = {f"credits.{key}": f"credits.{key}" for key in data["credits"]}
    if data.get("print"):
        overrides.setdefault("print", {}).update(data["print"])
        labels |= {f"print.{key}": f"print.{key}" for key in data["print"]}
    metadata = dict(data.get("metadata", {}))
    for key, value in metadata.items():
        if key in ("contributor_order", "subjects"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                what = "noms" if key == "contributor_order" else "mots-clés"
                raise InputError(path, f"metadata.{key} : liste de {what} attendue")
            metadata[key] = tuple(v.strip() for v in value if v.strip())
        elif not isinstance(value, str):
            raise InputError(path, f"metadata.{key} : texte attendu")
        elif key == "series_number" and not (value.isascii() and value.isdigit()):
            raise InputError(path, f"metadata.series_number : « {value} » : un nombre attendu")
        elif key in ("isbn", "print_isbn"):
            try:
                metadata[key] = parse_isbn(value)
            except ValueError as exc:
                raise InputError(
                    path, f"metadata.{key} : ISBN « {value} » invalide, {exc}"
                ) from None
        for text in metadata[key] if isinstance(metadata[key], tuple) else (value,):
            bad = forbidden_character(text)
            if bad:
                raise InputError(path, f"metadata.{key} : caractère de contrôle {bad} interdit")
        if isinstance(metadata[key], tuple):
            metadata[key] = tuple(_checked_metadata(path, key, t) for t in metadata[key])
        elif key not in ("isbn", "print_isbn"):
            metadata[key] = _checked_metadata(path, key, value)
    soft = data.get("epub", {}).get("soft_hyphens")
    if soft is not None and not isinstance(soft, bool):
        raise InputError(path, "epub.soft_hyphens : true ou false attendu")
    source = rel(book["source"], "book.source")
    cover = rel(book["cover"], "book.cover") if "cover" in book else None
    inputs = {"book.toml": path, "book.source": source}
    if cover is not None:
        inputs["book.cover"] = cover
    if isinstance(theme, Path):
        inputs["book.theme"] = theme
    return Project(
        path=path,
        source=source,
        theme=theme,
        cover=cover,
        metadata=dict(metadata),
        typography=dict(data.get("typography", {})),
        theme_overrides=overrides,
        override_labels=labels,
        outputs=_outputs(path, data.get("output", {}), inputs) if outputs else {},
        soft_hyphens=soft,
    )


def _outputs(path: Path, table: dict[str, Any], inputs: dict[str, Path]) -> dict[str, Path]:
    """The ``[output]`` paths: right extension, inside the project, off its inputs, no link."""
    outputs: dict[str, Path] = {}
    for kind, value in table.items():
        key = f"output.{kind}"
        suffix = OUTPUT_SUFFIXES[kind]
        if not isinstance(value, str) or not value:
            raise InputError(path, f"{key} : chemin attendu")
        if not value.lower().endswith(suffix):
            raise InputError(path, f"{key} : « {value} » doit finir par {suffix}")
        target = path.parent / value
        if target.is_symlink():  # os.replace would swap the link, not write where it points
            raise InputError(path, f"{key} : « {value} » est un lien symbolique (refusé)")
        target = confined(path, key, value, path.parent)
        with contextlib.suppress(OSError):
            kind_found = special_kind(target.lstat().st_mode)
            if kind_found:
                raise InputError(path, f"{key} : « {value} » : {not_regular(kind_found)}")
        for name, other in [*inputs.items(), *((f"output.{k}", p) for k, p in outputs.items())]:
            if same_file(target, other):
                raise InputError(path, f"{key} : « {value} » est déjà {name} (refusé)")
        outputs[kind] = target
    return outputs
