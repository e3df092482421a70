"""The YAML front matter of a Markdown source, read within bounds and typed.

Takes the front matter's text and the source's path; gives a plain mapping
(``load_front_matter``) and checked values (``text_value``, ``contributor_fields``),
or raises ``InputError`` with one line naming the file and the key.

Bounds: at most ``MAX_FRONT_MATTER_BYTES``; no YAML aliases (``*name``), so a
"billion laughs" header cannot expand into gigabytes; nesting no deeper than
``MAX_NESTING``. Text values must be strings (a number or a list where a text
is expected is an error, never silently ``str()``-ed) and hold no control
character other than tab and line feed: they reach PDF and XML, which refuse them.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from pathlib import Path
from typing import Any

from layout_studio.errors import InputError
from layout_studio.io.bounded import (
    MAX_FRONT_MATTER_BYTES,
    limit_text,
    nesting_reason,
    too_deep,
)

_ALLOWED_CONTROLS = frozenset("\t\n")


class _AliasFound(Exception):
    """An alias (``*name``) met while composing; carries the YAML mark."""

    def __init__(self, line: int | None) -> None:
        super().__init__("alias")
        self.line = line


@functools.cache
def _no_alias_loader() -> type[Any]:
    """PyYAML's safe loader that stops at the first alias instead of sharing nodes.

    Made on first use: a source without front matter never loads PyYAML (cold start).
    """
    import yaml

    class _NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
                mark = event.start_mark
                raise _AliasFound(mark.line if mark is not None else None)
            return super().compose_node(parent, index)

    return _NoAliasLoader


def _line(line: int | None) -> str:
    # The front matter starts after the opening "---", on line 2 of the file.
    return f" (ligne {line + 2})" if line is not None else ""


def load_front_matter(path: Path, text: str) -> dict[str, Any]:
    """Parse the front matter into a mapping, or raise ``InputError``."""
    size = len(text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise InputError(
            path,
            f"en-tête YAML trop gros ({size / 1e3:.0f} ko ; "
            f"la limite est {limit_text(MAX_FRONT_MATTER_BYTES)})",
        )
    import yaml

    try:
        data = yaml.load(text, Loader=_no_alias_loader())
    except _AliasFound as found:
        raise InputError(
            path,
            f"en-tête YAML : les alias (*nom) ne sont pas acceptés{_line(found.line)} ; "
            "écrivez la valeur en entier",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            path, f"en-tête YAML invalide{_line(getattr(mark, 'line', None))}"
        ) from None
    except RecursionError:
        raise InputError(path, f"en-tête YAML : {nesting_reason()}") from None
    except ValueError:
        # YAML builds dates itself, and refuses a 13th month or a 30th of February.
        raise InputError(path, "clé « date » : date impossible dans l’en-tête YAML") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "l’en-tête YAML doit être une table de clés")
    if too_deep(data):
        raise InputError(path, f"en-tête YAML : {nesting_reason()}")
    return data


def forbidden_character(text: str) -> str | None:
    """``"U+0000"`` for the first character PDF or XML cannot carry, else ``None``."""
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs":
            return f"U+{ord(char):04X}"
        if char in "\ufffe\uffff":
            return f"U+{ord(char):04X}"
    return None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return "un nombre (mettez la valeur entre guillemets)"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "une table"
    if isinstance(value, dt.date):
        return "une date (mettez la valeur entre guillemets)"
    return f"une valeur de type {type(value).__name__}"


def _problem(value: object, date: bool) -> str | None:
    """Why ``value`` is not a usable text, or ``None`` if it is."""
    if value is None or (
        date and (isinstance(value, dt.date) or (type(value) is int and 0 < value < 10_000))
    ):
        return None
    if not isinstance(value, str):
        return f"texte attendu, reçu {_kind(value)}"
    bad = forbidden_character(value)
    return f"caractère de contrôle {bad} interdit" if bad else None


def text_value(path: Path, key: str, value: object, *, date: bool = False) -> str | None:
    """A checked text (``None`` stays ``None``); ``date`` also takes a YAML date or a year."""
    problem = _problem(value, date)
    if problem:
        raise InputError(path, f"clé « {key} » : {problem}")
    return None if value is None else str(value)


def contributor_fields(path: Path, index: int, entry: object) -> dict[str, str | None]:
    """Entry ``index`` (from 1) of ``contributors`` → name, file-as, role, affiliation."""
    where = f"clé « contributors », entrée {index}"
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict):
        raise InputError(
            path, f"{where} : un nom ou une table avec « name » est attendu, reçu {_kind(entry)}"
        )
    if not isinstance(entry.get("name"), str):
        raise InputError(path, f"{where} : « name » (un texte) est obligatoire")
    fields: dict[str, str | None] = {}
    for field in ("name", "file-as", "role", "affiliation"):
        problem = _problem(entry.get(field), date=False)
        if problem:
            raise InputError(path, f"{where}, « {field} » : {problem}")
        value = entry.get(field)
        fields[field] = None if value is None else str(value)
    return fields
