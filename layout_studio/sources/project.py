"""``book.toml`` projects: one file naming the source, theme, cover and options.

Takes the path of a ``book.toml``; gives a ``Project`` whose paths are
resolved relative to the project file. Keys (every table optional)::

    [book]        source = "story.md"   theme = "classique" | "mon-theme.toml"
                  cover = "couverture.jpg"
    [metadata]    title, subtitle, publisher, date, description, byline, dedication,
                  contributor_order = ["Zoé", "Alice", ...] (colophon and EPUB order)
    [typography]  disabled = ["oe"], space_before = { ":" = "nbsp" }
    [credits]     placement = "signed", variant = "italic"  (theme overrides)
    [theme]       any theme table, e.g. [theme.body] size = 11
    [output]      pdf = "out/livre.pdf", print_cover = "out/couverture.pdf",
                  epub = "out/livre.epub"
    [epub]        soft_hyphens = true   (insert U+00AD for readers without dictionaries)

Unknown tables or keys are errors naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_studio.errors import InputError
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
    },
    "typography": {"disabled", "space_before", "guillemet_space"},
    "credits": {"placement", "variant", "font", "size", "color"},
    "theme": None,  # checked by the theme loader
    "output": {"pdf", "print_cover", "epub"},
    "epub": {"soft_hyphens"},
}

#: The keys ``[metadata]`` accepts (the app keeps exactly these when it saves).
METADATA_KEYS: frozenset[str] = frozenset(_TABLES["metadata"] or ())


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
    outputs: dict[str, Path] = field(default_factory=dict)
    soft_hyphens: bool = False


def load_project(path: str | Path) -> Project:
    """Read and check a ``book.toml``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise InputError(path, "fichier de projet introuvable") from None
    except OSError as exc:
        raise InputError(path, f"lecture impossible ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(path, "le projet doit être encodé en UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"TOML invalide : {exc}") from None
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
        if not isinstance(value, str) or not value:
            raise InputError(path, f"{key} : chemin attendu")
        p = Path(value)
        return p if p.is_absolute() else base / p

    theme: str | Path | None = None
    if "theme" in book:
        value = book["theme"]
        if not isinstance(value, str):
            raise InputError(path, "book.theme : nom ou chemin de thème attendu")
        theme = rel(value, "book.theme") if value.endswith(".toml") else value
    overrides: dict[str, Any] = {k: dict(v) for k, v in data.get("theme", {}).items()}
    if data.get("credits"):
        overrides.setdefault("credits", {}).update(data["credits"])
    metadata = dict(data.get("metadata", {}))
    for key, value in metadata.items():
        if key == "contributor_order":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, "metadata.contributor_order : liste de noms attendue")
            metadata[key] = tuple(v.strip() for v in value if v.strip())
        elif not isinstance(value, str):
            raise InputError(path, f"metadata.{key} : texte attendu")
        else:
            metadata[key] = _checked_metadata(path, key, value)
    soft = data.get("epub", {}).get("soft_hyphens", False)
    if not isinstance(soft, bool):
        raise InputError(path, "epub.soft_hyphens : true ou false attendu")
    return Project(
        path=path,
        source=rel(book["source"], "book.source"),
        theme=theme,
        cover=rel(book["cover"], "book.cover") if "cover" in book else None,
        metadata=dict(metadata),
        typography=dict(data.get("typography", {})),
        theme_overrides=overrides,
        outputs={k: rel(v, f"output.{k}") for k, v in data.get("output", {}).items()},
        soft_hyphens=soft,
    )
