r"""Find and replace over a text, plain or regular expression, bounded in time and memory.

Takes a ``Query`` (the pattern, case and whole-word options, plain text or
regular expression, the replacement) and the text; gives the matches' spans
(capped), the next or previous match from a position, the replacement of one
match (``\1``, ``\g<name>`` in a regular expression's replacement), and
every replacement of a *replace all*. Problems are one French line
(``SearchError``): an invalid pattern, a replacement naming a missing group,
a search stopped by its time limit.

A pattern may be typed by anyone or pasted from a stranger, so it must not
freeze the editor. Regular expressions follow Python's ``re`` syntax
(checked with ``re``) and run on the ``regex`` package, whose matching stops
after a timeout: ``(a|aa)+$`` on a long line gives up in a fraction of a
second. Counted repetitions are capped because ``regex`` unrolls them when
compiling (``(?:x{65535}){65535}`` exhausts the memory). Patterns, and the
text a replace-all may produce, are bounded in length. No Qt here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

#: Longest pattern or replacement accepted, in characters.
MAX_PATTERN = 1000
#: Largest product of the counted repetitions of a pattern (``{n}``, ``{n,m}``).
MAX_REPEAT = 10_000
#: Longest text a replace-all may produce (the size limit of a source file).
MAX_RESULT = 20 * 1024 * 1024
#: Matches counted before the count says « plus de … ».
MAX_COUNT = 10_000
#: Matches a replace-all may make.
MAX_REPLACEMENTS = 200_000
#: Seconds of matching allowed to one search (count, next, previous, replace all).
TIME_LIMIT = 0.5

# Python's messages for the usual mistakes, in French (others: « syntaxe incorrecte »).
_RE_ERRORS = {
    "missing ), unterminated subpattern": "parenthèse non fermée",
    "unbalanced parenthesis": "parenthèse fermante sans ouvrante",
    "nothing to repeat": "rien à répéter",
    "multiple repeat": "répétition de répétition",
    "unterminated character set": "crochet non fermé",
    "bad escape": "séquence d’échappement inconnue",
    "bad character range": "intervalle de caractères à l’envers",
    "unknown group name": "nom de groupe inconnu",
    "invalid group reference": "numéro de groupe inconnu",
    "missing group name": "nom de groupe manquant",
    "unknown extension": "extension (?…) inconnue",
    "look-behind requires fixed-width pattern": "un regard arrière doit avoir une largeur fixe",
    "no such group": "groupe inexistant",
}
_QUANTIFIER = re.compile(r"(?<!\\)\{(\d*)(?:,(\d*))?\}")


def _number(n: int) -> str:
    """``10 000``: French thousands, with a narrow no-break space."""
    return f"{n:,}".replace(",", "\u202f")


def _french(message: str) -> str:
    for english, french in _RE_ERRORS.items():
        if message.startswith(english):
            return french
    return "syntaxe incorrecte"


class SearchError(ValueError):
    """A pattern, replacement or search the bar cannot carry out; the message is one line."""


@dataclass(frozen=True)
class Query:
    """What the find/replace bar asks for."""

    pattern: str
    case: bool = False  # True: « Respecter la casse »
    words: bool = False  # True: « Mots entiers »
    regex: bool = False  # True: « Expression régulière »
    replacement: str = ""


@dataclass(frozen=True)
class Count:
    """The matches found; ``complete`` is False when stopped by the cap or the time limit."""

    spans: list[tuple[int, int]]
    complete: bool


def _repeat_product(pattern: str) -> int:
    product = 1
    for low, high in _QUANTIFIER.findall(pattern):
        bound = max(int(low or 0), int(high or 0)) if (low or high) else 1
        product *= max(bound, 1)
        if product > MAX_REPEAT:
            break
    return product


def compile_query(query: Query) -> regex.Pattern[str]:
    """The query as a compiled pattern; ``SearchError`` when it is empty, invalid or too big."""
    if not query.pattern:
        raise SearchError("rien à rechercher")
    if len(query.pattern) > MAX_PATTERN:
        raise SearchError(f"motif trop long (plus de {MAX_PATTERN} caractères)")
    if len(query.replacement) > MAX_PATTERN:
        raise SearchError(f"remplacement trop long (plus de {MAX_PATTERN} caractères)")
    body = query.pattern
    if query.regex:
        try:
            re.compile(body)  # the syntax is Python's
        except re.error as exc:
            where = f" (position {exc.pos + 1})" if exc.pos is not None else ""
            raise SearchError(
                f"expression régulière invalide : {_french(exc.msg)}{where}"
            ) from None
        except (OverflowError, RecursionError):
            raise SearchError("expression régulière trop complexe") from None
        if _repeat_product(body) > MAX_REPEAT:
            raise SearchError(f"répétitions trop grandes (au plus {_number(MAX_REPEAT)} en tout)")
    else:
        body = regex.escape(body)
    if query.words:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    flags = regex.MULTILINE | regex.V0
    if not query.case:
        flags |= regex.IGNORECASE
    try:
        return regex.compile(body, flags)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise SearchError(f"expression régulière invalide : {_french(str(exc))}") from None


def _timed(matches: Iterator[regex.Match[str]]) -> Iterator[regex.Match[str]]:
    try:
        yield from matches
    except TimeoutError:
        seconds = f"{TIME_LIMIT:g}".replace(".", ",")
        raise SearchError(
            f"recherche arrêtée après {seconds} s : expression trop coûteuse"
        ) from None


def count_matches(pattern: regex.Pattern[str], text: str, limit: int = MAX_COUNT) -> Count:
    """The first ``limit`` matches; a search stopped by the time limit gives what it found."""
    spans: list[tuple[int, int]] = []
    try:
        for m in pattern.finditer(text, timeout=TIME_LIMIT):
            if len(spans) == limit:
                return Count(spans, complete=False)
            spans.append(m.span())
    except TimeoutError:
        return Count(spans, complete=False)
    return Count(spans, complete=True)


def find_next(
    pattern: regex.Pattern[str], text: str, start: int, end: int
) -> tuple[int, int] | None:
    """The first match after the selection ``start:end``, wrapping to the top; None: none."""
    position = end
    for attempt in range(2):
        for m in _timed(pattern.finditer(text, position, timeout=TIME_LIMIT)):
            if m.span() == (start, end) and start == end:
                continue  # the empty match the cursor sits on: go past it
            return m.span()
        if attempt == 0 and position == 0:
            break
        position = 0
    return None


def find_previous(pattern: regex.Pattern[str], text: str, start: int) -> tuple[int, int] | None:
    """The last match beginning before ``start``, wrapping to the bottom; None: none."""
    before: tuple[int, int] | None = None
    last: tuple[int, int] | None = None
    for m in _timed(pattern.finditer(text, timeout=TIME_LIMIT)):
        if m.start() < start:
            before = m.span()
        last = m.span()
    return before or last


def expand(query: Query, match: regex.Match[str]) -> str:
    """The replacement for ``match``: literal, or with its groups in a regular expression."""
    if not query.regex:
        return query.replacement
    try:
        return match.expand(query.replacement)
    except (IndexError, regex.error) as exc:
        raise SearchError(f"remplacement invalide : {_french(str(exc))}") from None


def match_at(
    pattern: regex.Pattern[str], text: str, start: int, end: int
) -> regex.Match[str] | None:
    """The match spanning exactly ``start:end`` (the selection), if it is one."""
    try:
        m = pattern.match(text, start, timeout=TIME_LIMIT)
    except TimeoutError:
        return None
    return m if m is not None and m.end() == end else None


def replacements(query: Query, text: str) -> list[tuple[int, int, str]]:
    """Every ``(start, end, new text)`` of a replace-all, in order; bounded, or ``SearchError``."""
    pattern = compile_query(query)
    found: list[tuple[int, int, str]] = []
    size = len(text)
    for m in _timed(pattern.finditer(text, timeout=TIME_LIMIT)):
        if len(found) == MAX_REPLACEMENTS:
            raise SearchError(
                f"plus de {_number(MAX_REPLACEMENTS)} remplacements : rien n’a été remplacé"
            )
        new = expand(query, m)
        size += len(new) - (m.end() - m.start())
        if size > MAX_RESULT:
            limit = math.ceil(MAX_RESULT / (1024 * 1024))
            raise SearchError(f"le texte dépasserait {limit} Mo : rien n’a été remplacé")
        found.append((m.start(), m.end(), new))
    return found


def replace_all(query: Query, text: str) -> tuple[str, int]:
    """The text with every match replaced, and how many."""
    parts: list[str] = []
    position = 0
    found = replacements(query, text)
    for start, end, new in found:
        parts += [text[position:start], new]
        position = end
    parts.append(text[position:])
    return "".join(parts), len(found)
