"""Rules of the Imprimerie nationale's Lexique that a machine can apply safely.

Takes a paragraph's flat text (through ``engine.RuleContext``) and the
spaces and dash chosen by ``FrenchOptions``; gives edits. Each rule is
switchable by name, like the rules of ``fr.py``, and recognises its own
output, so applying it twice changes nothing more.

Every pattern here runs in linear time: no nested quantifiers, and a
lookbehind on a single character anchors each repeated run so that a failed
attempt is never retried from inside the same run.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from importlib import resources

from layout_studio.text.typography.engine import Edit, NamedRule, RuleContext

NBSP = "\u00a0"
NNBSP = "\u202f"
_L = "A-Za-zÀ-ÖØ-öø-ÿŒœ"
_UPPER = "A-ZÀ-ÖØ-ÞŒ"

#: Rule identifiers with their French label, in the order they run.
IMPRIMERIE_LABELS: dict[str, str] = {
    "units": "unités et symboles après un nombre",
    "closing-space": "espace après la ponctuation qui suit » ou )",
    "dashes": "tirets d’incise, de dialogue et d’intervalle",
    "numero": "abréviation nº",
    "etc": "etc. sans points de suspension",
    "tied-abbreviations": "cf., c.-à-d., p. liés au mot suivant",
    "centuries": "siècles et règnes en chiffres romains",
    "capital-accents": "accents sur les capitales",
    "lang-en": "conventions anglaises dans {lang=en}",
}

# --- units -------------------------------------------------------------------

# Symbols only, never words: "3 m’a dit" is kept out by the apostrophe check;
# l, s, t and a are left out (a 1 l, les 2 s…: too often letters, not units).
_UNIT_SYMBOLS = (
    "km/h m/s Mbit/s km² km³ m² m³ cm² cm³ mm² "
    "km m cm mm µm nm kg g mg µg mL cL dL ml cl dl hl ha "
    "min mn ms h kWh Wh kW MW GW W kV mV V mAh Hz kHz MHz GHz "
    "Ko Mo Go To ko Mb Gb dB kcal kJ hPa px pt "
    "°C °F K€ M€ Md€ % ‰ € $ £ ¥"
)
_UNITS = _UNIT_SYMBOLS.split()
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
# A digit, at most one space of any kind, a unit not followed by a letter,
# a digit, an apostrophe or a slash (so "3 m’a", "2 min30", "5 m/" stay).
UNIT_AFTER_DIGIT = re.compile(rf"(?<=\d)([ \u00a0\u202f]?)(?:{_UNIT_ALT})(?![\w’'/²³])")


def _number_start(text: str, end: int) -> int:
    """Start of the number ending at ``end`` (digits, decimal comma, fraction, range)."""
    i = end
    while i > 0 and (text[i - 1].isdigit() or text[i - 1] in ",./–-\u202f"):
        i -= 1
    return i


def _units(unit_space: str) -> NamedRule:
    def rule(ctx: RuleContext) -> list[Edit]:
        edits: list[Edit] = []
        text = ctx.text
        for m in UNIT_AFTER_DIGIT.finditer(text):
            space = m.group(1)
            if space in (NBSP, NNBSP) or space == unit_space:
                continue  # already tied, by the user or by "numbers"
            start = _number_start(text, m.start())
            if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "_#@"):
                continue  # "A4 m", "MP3 g": part of a name, not a quantity
            edits.append(Edit(m.start(1), m.end(1), unit_space or NBSP))
        return edits

    return NamedRule("units", rule)


# --- space after a closing guillemet or parenthesis -------------------------

_CLOSING_GLUED = re.compile(rf"(?<=[»)])[\u00a0\u202f]?(?:[,;:!?…]+(?=[{_L}«])|\.(?=[{_UPPER}«]))")


def _closing_space(ctx: RuleContext) -> list[Edit]:
    """``»,dit-il`` → ``», dit-il``; ``(voir),puis`` → ``(voir), puis``."""
    return [Edit(m.end(), m.end(), " ") for m in _CLOSING_GLUED.finditer(ctx.text)]


# --- dashes --------------------------------------------------------------------

_SPACED_DASH = re.compile(r"(?<=\S)([ \u00a0\u202f]+)(--?|–|—)([ \u00a0\u202f]+)(?=\S)")
_DIALOGUE = re.compile(r"^(?:--?|–|—)(?:[ \u00a0\u202f]+|(?=[" + _UPPER + r"«]))")
_RANGE = re.compile(r"(?<![\w./,:\-–\u202f])([1-9]\d{0,3})-([1-9]\d{0,3})(?![\w/\-–]|[.,:]\d)")
_SENTENCE_END = re.compile(r"[.!?…]")


def _ascending(first: str, second: str) -> bool:
    """1914-1918 and 1914-18 are ranges; 3-1 (a score) and 2013-01 are not."""
    if len(second) < len(first):
        second = first[: len(first) - len(second)] + second
    return int(first) < int(second)


def _dashes(dash: str) -> NamedRule:
    def rule(ctx: RuleContext) -> list[Edit]:
        text = ctx.text
        edits: list[Edit] = []
        m0 = _DIALOGUE.match(text)
        follower = text[m0.end() : m0.end() + 1] if m0 else ""
        # "- un justificatif" is a list item, "-5" a number: only a dash or a
        # hyphen before a capital opens a line of dialogue.
        if m0 and not follower.isdigit() and (m0[0][0] in "—–" or not follower.islower()):
            edits.append(Edit(0, m0.end(), "—" + NBSP))
        ends = [s.start() for s in _SENTENCE_END.finditer(text)]
        open_in: int | None = None  # the sentence whose incise is open
        for m in _SPACED_DASH.finditer(text):
            before, after = text[m.start() - 1], text[m.end()]
            if before.isdigit() and after.isdigit():
                continue  # "5 - 3": a minus sign, not a dash
            sentence = bisect.bisect_left(ends, m.start())
            mark = m.group(2)
            glyph = "—" if mark == "—" or (dash == "em" and mark != "–") else "–"
            if open_in == sentence:
                edits.append(Edit(m.start(), m.end(), NBSP + glyph + " "))
                open_in = None  # closed: the next one opens again
            else:
                edits.append(Edit(m.start(), m.end(), " " + glyph + NBSP))
                open_in = sentence
        for m in _RANGE.finditer(text):
            if _ascending(m.group(1), m.group(2)):
                edits.append(Edit(m.end(1), m.start(2), "–"))
        return edits

    return NamedRule("dashes", rule)


# --- abbreviations ---------------------------------------------------------------

_NUMERO = re.compile(r"(?<![\w.])([nN])(?:°|º|o(?=[ \u00a0\u202f]\d))([ \u00a0\u202f]?)(?=\d)")


def _numero(ctx: RuleContext) -> list[Edit]:
    """``n° 5``, ``No 12`` → ``nº 5``, ``Nº 12`` with a no-break space."""
    edits = []
    for m in _NUMERO.finditer(ctx.text):
        wanted = m.group(1) + "º" + NBSP
        if ctx.text[m.start() : m.end()] != wanted:
            edits.append(Edit(m.start(), m.end(), wanted))
    return edits


_ETC = re.compile(r"(?<![\w.])etc(?:\.?[ \u00a0\u202f]?…|\.{2,}|(?![\w.]))")


def _etc(ctx: RuleContext) -> list[Edit]:
    """``etc...``, ``etc.…``, ``etc`` → ``etc.`` (etc. already means "and so on")."""
    return [Edit(m.start(), m.end(), "etc.") for m in _ETC.finditer(ctx.text) if m[0] != "etc."]


_CADD = re.compile(r"(?<![\w.])([cC])(?:-à-d|\.-à-d|\.à\.d)\b\.?( ?)")
_TIED = re.compile(r"(?<![\w.])(?:[cC]f\.|p\.(?= ?ex\.))( )(?=\S)")


def _tied_abbreviations(ctx: RuleContext) -> list[Edit]:
    """``c-à-d`` → ``c.-à-d.``; ``cf.``, ``c.-à-d.``, ``p. ex.`` tied to the next word."""
    edits = []
    for m in _CADD.finditer(ctx.text):
        wanted = m.group(1) + ".-à-d." + (NBSP if m.group(2) else "")
        if m[0] != wanted:
            edits.append(Edit(m.start(), m.end(), wanted))
    edits += [Edit(m.start(1), m.end(1), NBSP) for m in _TIED.finditer(ctx.text)]
    return edits


# --- centuries and reigns ----------------------------------------------------------

_ROMAN_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CENTURY = re.compile(
    r"(?<![\w])([IVXLCM]{1,8})(ème|eme|è|e|er|ère|re)"
    r"([ \u00a0\u202f]+)(?=(?:siècles?|millénaires?|s\.)(?!\w))"
)
_REIGN = re.compile(rf"(?<![\w])[{_UPPER}][a-zà-öø-ÿ]{{1,20}} I(er|re)(?![\w])")
_SUFFIX = {"ème": "e", "eme": "e", "è": "e", "ère": "re"}


def _centuries(ctx: RuleContext) -> list[Edit]:
    """``XXIème siècle`` → ``XXI^e siècle``, numeral in small caps; ``François Ier`` → ``I^er``.

    A century's numeral is set in small capitals, a reign's in full capitals
    (Imprimerie nationale); the layout falls back to capitals without them.
    """
    edits: list[Edit] = []
    for m in _CENTURY.finditer(ctx.text):
        roman, suffix = m.group(1), m.group(2)
        if not _ROMAN_VALID.fullmatch(roman):
            continue
        if roman != "I" and suffix in ("er", "ère", "re"):
            continue  # only the first takes "er"/"re"
        if not ctx.is_small_caps(m.start(1), m.end(1)):
            edits.append(Edit(m.start(1), m.end(1), roman, small_caps=True))
        canon = _SUFFIX.get(suffix, suffix)
        if not (canon == suffix and ctx.is_superscript(m.start(2), m.end(2))):
            edits.append(Edit(m.start(2), m.end(2), canon, superscript=True))
        if m.group(3) != NBSP:
            edits.append(Edit(m.start(3), m.end(3), NBSP))
    for m in _REIGN.finditer(ctx.text):
        if not ctx.is_superscript(m.start(1), m.end(1)):
            edits.append(Edit(m.start(1), m.end(1), m.group(1), superscript=True))
    return edits


# --- accents on capitals ----------------------------------------------------------------


def strip_accents(word: str) -> str:
    """``fédérateur`` → ``federateur`` (ligatures kept)."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _load_accents() -> dict[str, str]:
    """Unaccented lower-case form → accented form, for unambiguous words only."""
    forms: dict[str, set[str]] = {}
    data = resources.files("layout_studio.text.typography").joinpath("accent_words.txt")
    for line in data.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            forms.setdefault(strip_accents(entry.lower()), set()).add(entry.lower())
    # A key with two forms (élève/élevé, or "sur" listed as itself) is ambiguous.
    return {k: next(iter(v)) for k, v in forms.items() if len(v) == 1 and k not in v}


_ACCENTS = _load_accents()
_CAPITAL_WORD = re.compile(rf"(?<![{_L}\d-])[{_UPPER}][{_L}]++(?![{_L}\d])")


def _capital_accents(ctx: RuleContext) -> list[Edit]:
    """``FEDERATEUR`` → ``FÉDÉRATEUR``, ``Etat`` → ``État``, only from the word list."""
    edits: list[Edit] = []
    for m in _CAPITAL_WORD.finditer(ctx.text):
        word = m.group(0)
        accented = _ACCENTS.get(word.lower())
        if accented is None:
            continue
        if word.isupper() and len(word) >= 3:  # "CA" is an acronym, "Ca" is "Ça"
            wanted = accented.upper()
        elif word[1:].islower() and word[1:] == accented[1:]:
            wanted = accented[0].upper() + accented[1:]
        else:
            continue  # mixed case or other letters differ: not guessed
        if wanted != word:
            edits.append(Edit(m.start(), m.end(), wanted))
    return edits


def imprimerie_rules(unit_space: str, dash: str) -> list[NamedRule]:
    """All the rules of this module, in order (filtering is the caller's job)."""
    if dash not in ("en", "em"):
        raise ValueError(f"tiret inconnu : {dash!r} (en ou em)")
    makers: list[Callable[[], NamedRule]] = [
        lambda: _units(unit_space),
        lambda: NamedRule("closing-space", _closing_space),
        lambda: _dashes(dash),
        lambda: NamedRule("numero", _numero),
        lambda: NamedRule("etc", _etc),
        lambda: NamedRule("tied-abbreviations", _tied_abbreviations),
        lambda: NamedRule("centuries", _centuries),
        lambda: NamedRule("capital-accents", _capital_accents),
    ]
    return [make() for make in makers]
