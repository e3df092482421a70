"""Book metadata values checked where they are read, before they reach the EPUB's OPF.

Takes the raw values of a front matter or a ``book.toml`` ``[metadata]``
table; gives them normalised, or raises ``ValueError`` with the reason in
French (the readers add the file and the key):

* ``lang``: a well-formed BCP 47 tag (RFC 5646 syntax: ``fr``, ``fr-CA``,
  ``zh-Hant-TW``, ``de-CH-1996``, ``x-private``); the registry is not
  consulted, so a well-formed but unassigned subtag passes;
* ``date``: a W3CDTF date (the ISO 8601 profile the EPUB OPF expects):
  ``2024``, ``2024-05``, ``2024-05-17``, or a time with its zone,
  ``2024-05-17T10:30:00Z``; the calendar is checked (no 31st of April);
* any text (title, subtitle, publisher, description...): no character XML
  forbids (NUL and the other C0 controls but tab and newline, lone
  surrogates, U+FFFE and U+FFFF), line breaks and tabs folded to spaces,
  and a bounded length (``MAX_TITLE`` for titles, ``MAX_TEXT`` otherwise).

Each pattern is a ``fullmatch`` without nested repeats: linear time.
"""

from __future__ import annotations

import datetime as dt
import re

MAX_LANGUAGE_TAG = 64
#: Longest title or subtitle (characters): it is set on several pages and the cover.
MAX_TITLE = 1000
#: Longest other metadata text (publisher, description, dedication, a name).
MAX_TEXT = 10_000

# RFC 5646, section 2.1, the "langtag" and "privateuse" productions.
_LANGTAG = re.compile(
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language (extlang)
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"  # variants
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"  # extensions
    r"(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?"  # private use
    r"|[xX](?:-[A-Za-z0-9]{1,8})+"
)
_W3CDTF = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2}))?)?)?"
)
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_language(value: object) -> str:
    """A well-formed BCP 47 tag, as written."""
    if not isinstance(value, str):
        raise ValueError(f"étiquette de langue attendue (fr, fr-CA…), reçu {type(value).__name__}")
    tag = value.strip()
    if len(tag) > MAX_LANGUAGE_TAG or not _LANGTAG.fullmatch(tag):
        shown = tag[:40] + ("…" if len(tag) > 40 else "")
        raise ValueError(f"« {shown} » n’est pas une étiquette de langue BCP 47 (fr, fr-CA, en…)")
    return tag


def check_date(value: object) -> str:
    """A W3CDTF date; a YAML date or date-time is written back in that form."""
    if isinstance(value, dt.datetime):
        # A zone-less time cannot be written in W3CDTF without guessing one: the day is kept.
        return value.isoformat() if value.tzinfo else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 9999:
        value = f"{value:04d}"  # YAML reads "date: 2024" as a number
    if not isinstance(value, str):
        raise ValueError(f"date attendue (2024, 2024-05, 2024-05-17), reçu {type(value).__name__}")
    text = value.strip()
    match = _W3CDTF.fullmatch(text)
    shown = text[:40] + ("…" if len(text) > 40 else "")
    problem = f"« {shown} » n’est pas une date W3CDTF (2024, 2024-05, 2024-05-17…)"
    if not match:
        raise ValueError(problem)
    parts = match.groupdict()
    try:
        dt.date(int(parts["year"]), int(parts["month"] or 1), int(parts["day"] or 1))
        if parts["hour"] is not None:
            dt.time(int(parts["hour"]), int(parts["minute"]), int(parts["second"] or 0))
            zone = parts["zone"]
            if zone != "Z" and (int(zone[1:3]) > 23 or int(zone[4:6]) > 59):
                raise ValueError(zone)
    except ValueError:
        raise ValueError(problem) from None
    if int(parts["year"]) == 0:
        raise ValueError(problem)
    return text


def check_text(value: str, limit: int = MAX_TEXT) -> str:
    """``value`` with no character XML forbids; tabs and line breaks become spaces."""
    if len(value) > limit:
        raise ValueError(
            f"texte trop long ({len(value):,} caractères ; {limit:,} au plus)".replace(
                ",", "\u202f"
            )
        )
    bad = _XML_FORBIDDEN.search(value)
    if bad:
        raise ValueError(f"caractère de contrôle U+{ord(bad.group(0)):04X} interdit")
    return " ".join(value.split()) if any(c in value for c in "\t\n\r") else value


def without_forbidden(value: str, limit: int = MAX_TITLE) -> str:
    """``value`` without the characters XML forbids, cut to ``limit`` (for guessed titles)."""
    clean = _XML_FORBIDDEN.sub("", value)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"
