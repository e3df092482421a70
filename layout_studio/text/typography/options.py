"""A project's ``[typography]`` table as ``FrenchOptions``.

Takes the table's values (``disabled``, ``space_before``, ``guillemet_space``,
``dash``); gives the ``FrenchOptions`` a build uses. The export, the batch
and the app all read a project's typography through this one function, so a
key one of them honours is honoured by all. A value the rules do not know
raises ``ValueError`` with a French message (the caller names the file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from layout_studio.text.typography.fr import SPACE_CHOICES, FrenchOptions, french_rules


def options_from_table(table: Mapping[str, Any]) -> FrenchOptions:
    """``FrenchOptions`` from ``[typography]``; unknown rules, spaces or dashes are refused."""
    disabled = table.get("disabled", ())
    if isinstance(disabled, str) or not all(isinstance(d, str) for d in disabled):
        raise ValueError("disabled doit être une liste de noms de règles")
    options = FrenchOptions(disabled=frozenset(disabled))
    space_before = table.get("space_before", {})
    if not isinstance(space_before, Mapping):
        raise ValueError('space_before doit être une table, par exemple { ":" = "nbsp" }')
    options = dataclasses.replace(options, space_before={**options.space_before, **space_before})
    for key in ("guillemet_space", "dash"):
        if key in table:
            options = dataclasses.replace(options, **{key: table[key]})
    spaces = [options.guillemet_space, *options.space_before.values()]
    unknown = [s for s in spaces if not isinstance(s, str) or s not in SPACE_CHOICES]
    if unknown:
        raise ValueError(
            f"espace inconnue : {unknown[0]!r} (choisir parmi {', '.join(SPACE_CHOICES)})"
        )
    french_rules(options)  # an unknown rule or dash is reported here
    return options
