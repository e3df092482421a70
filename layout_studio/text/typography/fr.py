"""French typography rules, each one switchable and each edit recorded.

Takes a paragraph's flat text (through ``engine.RuleContext``); gives edits.
``FrenchOptions`` chooses the rules and the space put before each sign.
Defaults follow the Lexique des règles typographiques de l'Imprimerie
nationale as babel-french applies them: U+202F before ; ! ?, U+00A0 before :
and inside « ». URLs, e-mail addresses, times, versions ("2.0"), hashtags
and emoticons (":-)", ";)") are protected and never changed.

The rules recognise their own output, so applying them twice gives the same
text as applying them once.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

from layout_studio.text.typography.engine import ATOM, Edit, NamedRule, RuleContext, regex_edits
from layout_studio.text.typography.imprimerie import (
    IMPRIMERIE_LABELS,
    UNIT_AFTER_DIGIT,
    imprimerie_rules,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = " \u00a0\u202f"
SPACE_CHOICES = {"nnbsp": NNBSP, "nbsp": NBSP, "none": ""}

_L = "A-Za-zÀ-ÖØ-öø-ÿŒœ"  # Latin letters used in French

# Every alternative starts only where its run starts (the look-behinds) and
# has no nested or overlapping repeats, so finditer is linear in the text.
_PROTECT_PARTS = (
    # URLs: up to the last character that is not closing punctuation.
    r"(?:https?://|ftp://|www\.)[^\s<>«»\"](?:[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]])?",
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    r"(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?![\w:])",  # times 10:55
    r"(?<![\w.])\d+(?:\.\d+)+(?![\d])",  # versions 2.0, 2.0.13
    r"(?<![\w&])[#@][\w-]*[^\W\d_][\w-]*",  # hashtags and mentions
    r"(?<![\w])(?:[:;=8][-'^o]?[)(\]\[|/\\*3]|[:;=][-'^]?[DPpOo](?![\w])|\^\^|<3|[xX]D(?![\w]))",
)
_PROTECT = re.compile("|".join(_PROTECT_PARTS))
# Per alternative, a test true of every text it can match in: a paragraph is
# searched only with the alternatives it may hold (most hold none). The
# matches are the same, since the others match nowhere in it; the look-behinds
# tried at every character made this search a quarter of the rules' time.
_MAY_HOLD: tuple[Callable[[str], object], ...] = (
    lambda t: "://" in t or "www." in t,
    lambda t: "@" in t,
    lambda t: ":" in t,
    re.compile(r"\d\.\d").search,
    lambda t: "#" in t or "@" in t,
    re.compile(r"[:;=8][-'^o]?[)(\]\[|/\\*3DPpOo]|\^\^|<3|[xX]D").search,
)


@functools.cache
def _protect_only(which: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_PROTECT_PARTS[i] for i in which))


def protected_regions(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that no rule may change."""
    which = tuple(i for i, may in enumerate(_MAY_HOLD) if may(text))
    if not which:
        return []
    pattern = _PROTECT if len(which) == len(_PROTECT_PARTS) else _protect_only(which)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@dataclass(frozen=True)
class FrenchOptions:
    """Which rules run, and which space goes before each sign."""

    disabled: frozenset[str] = frozenset()
    space_before: dict[str, str] = field(
        default_factory=lambda: {";": "nnbsp", "!": "nnbsp", "?": "nnbsp", ":": "nbsp"}
    )
    guillemet_space: str = "nbsp"
    unit_space: str = "nbsp"
    thousands_space: str = "nnbsp"
    dash: str = "en"  # the spaced dash: "en" (–) or "em" (—)

    def space_for(self, sign: str) -> str:
        """The character to put before ``sign`` (empty for none)."""
        return SPACE_CHOICES[self.space_before.get(sign, "nnbsp")]


# --- spacing ---------------------------------------------------------------

_SPACE_RUN = re.compile(r" {2,}")
_SPACE_BEFORE_COMMA = re.compile(r"(?<=\S) +(?=,|\.(?!\.)(?:[\s" + ATOM + r"]|$))")


def _spaces(ctx: RuleContext) -> list[Edit]:
    # Removals first: on equal spans the first edit wins (see engine._clean).
    edits = regex_edits(_SPACE_BEFORE_COMMA, ctx, lambda m: Edit(m.start(), m.end(), ""))
    edits += regex_edits(_SPACE_RUN, ctx, lambda m: Edit(m.start(), m.end(), " "))
    return edits


_MISSING_AFTER_COMMA = re.compile(rf"(?<=[{_L}]),(?=[{_L}])")
_MISSING_AFTER_PERIOD = re.compile(r"(?<=[a-zà-öø-ÿœ]{2})\.(?=[A-ZÀ-ÖØ-ÞŒ])")
_GLUED_LOWERCASE = re.compile(r"(?<=[a-zà-öø-ÿœ]{3})\.(?=[a-zà-öø-ÿœ]{2})")
_MISSING_AFTER_SIGN = re.compile(rf"(?<![!?;:])[!?;:]+(?=[{_L}])")  # whole runs only: linear


def _sign_run_edit(m: re.Match[str]) -> Edit | None:
    # A run opening the text or right after "(" or "[" ("(?!" ) needs a second sign.
    text, start = m.string, m.start()
    if (start == 0 or text[start - 1] in "([") and m.end() - start < 2:
        return None
    return Edit(m.end(), m.end(), " ")


def _missing_space(ctx: RuleContext) -> list[Edit]:
    """Restore the space after , . ! ? ; : when a word is glued to them."""
    edits = regex_edits(_MISSING_AFTER_COMMA, ctx, lambda m: Edit(m.end(), m.end(), " "))
    edits += regex_edits(_MISSING_AFTER_PERIOD, ctx, lambda m: Edit(m.end(), m.end(), " "))
    edits += regex_edits(_MISSING_AFTER_SIGN, ctx, _sign_run_edit)
    for m in _GLUED_LOWERCASE.finditer(ctx.text):
        # "autres.il" may be a typo or a domain name: reported, not guessed.
        if not ctx.is_protected(m.start(), m.end()):
            ctx.warn("point collé à un mot en minuscules : espace oubliée ?", m.start())
    return edits


# --- ellipsis, apostrophe, quotes -----------------------------------------

_DOTS = re.compile(r"\.{3,}")
_ELLIPSIS_GLUED = re.compile(rf"…(?=[{_L}\d])")
_DOUBLE_DOT = re.compile(r"(?<![.\d])\.\.(?![.\d])")


def _ellipsis(ctx: RuleContext) -> list[Edit]:
    """Three dots become "…", followed by a space when a word was glued to it."""
    edits: list[Edit] = []
    text = ctx.text
    for m in _DOTS.finditer(text):
        glued = m.end() < len(text) and (text[m.end()].isalnum())
        edits.append(Edit(m.start(), m.end(), "… " if glued else "…"))
    for m in _ELLIPSIS_GLUED.finditer(text):
        edits.append(Edit(m.end(), m.end(), " "))
    for m in _DOUBLE_DOT.finditer(text):
        if not ctx.is_protected(m.start(), m.end()):
            ctx.warn("deux points de suite « .. » : points de suspension ou coquille ?", m.start())
    return edits


_APOSTROPHE = re.compile(rf"(?<=[{_L}^])'(?=[{_L}]|\s|$)|(?<=[{_L}])'")


def _apostrophe(ctx: RuleContext) -> list[Edit]:
    """Straight apostrophe after a letter becomes the typographic ’."""
    return regex_edits(_APOSTROPHE, ctx, lambda m: Edit(m.start(), m.end(), "’"))


_OPENERS = set(" \u00a0\u202f([{«“—–-/" + ATOM)


def _quotes(ctx: RuleContext) -> list[Edit]:
    """Straight double quotes become « » (and “ ” inside); unbalanced ones are reported."""
    text = ctx.text
    positions = [i for i, ch in enumerate(text) if ch == '"' and not ctx.is_protected(i, i + 1)]
    if not positions:
        return []
    roles: list[tuple[int, str, int]] = []  # (index, "open"|"close", depth)
    depth = 0
    for i in positions:
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        can_open = prev in _OPENERS and not nxt.isspace()
        can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
        if can_open and not (can_close and depth > 0):
            roles.append((i, "open", depth))
            depth += 1
        elif depth > 0:
            depth -= 1
            roles.append((i, "close", depth))
        else:
            ctx.warn("guillemet fermant sans ouvrant : laissé tel quel", i)
            return []
    if depth != 0:
        ctx.warn("guillemet ouvrant jamais refermé : laissé tel quel", roles[-1][0])
        return []
    edits: list[Edit] = []
    for i, role, level in roles:
        if level == 0:
            if role == "open":
                end = i + 1
                while end < len(text) and text[end] in SPACES:
                    end += 1
                edits.append(Edit(i, end, "«"))
            else:
                start = i
                while start > 0 and text[start - 1] in SPACES:
                    start -= 1
                edits.append(Edit(start, i + 1, "»"))
        else:
            edits.append(Edit(i, i + 1, "“" if role == "open" else "”"))
    return edits


_AFTER_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSE_GUILLEMET = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]*»")
_EMPTY_GUILLEMETS = re.compile(r"«[ \u00a0\u202f]*»")


def _guillemet_space(space: str) -> NamedRule:
    def rule(ctx: RuleContext) -> list[Edit]:
        empty = regex_edits(
            _EMPTY_GUILLEMETS, ctx, lambda m: Edit(m.start(), m.end(), "«" + space + "»")
        )
        taken = [(e.start, e.end) for e in empty]  # sorted and disjoint (finditer)
        starts = [a for a, _ in taken]

        def free(m: re.Match[str]) -> bool:
            i = bisect.bisect_right(starts, m.start())
            return i == 0 or m.start() >= taken[i - 1][1]

        edits = regex_edits(
            _AFTER_OPEN_GUILLEMET,
            ctx,
            lambda m: Edit(m.start(), m.end(), "«" + space) if free(m) else None,
        )
        edits += regex_edits(
            _BEFORE_CLOSE_GUILLEMET,
            ctx,
            lambda m: Edit(m.start(), m.end(), space + "»") if free(m) else None,
        )
        return empty + edits

    return NamedRule("guillemet-space", rule)


# --- words -----------------------------------------------------------------


def _load_oe_words() -> tuple[frozenset[str], tuple[str, ...]]:
    words: set[str] = set()
    prefixes: list[str] = []
    data = resources.files("layout_studio.text.typography").joinpath("oe_words.txt")
    for line in data.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if entry.endswith("*"):
            prefixes.append(entry[:-1])
        else:
            words.add(entry)
    return frozenset(words), tuple(sorted(prefixes, key=len, reverse=True))


_OE_WORDS, _OE_PREFIXES = _load_oe_words()
_WORD = re.compile(rf"[{_L}]+")


def _oe(ctx: RuleContext) -> list[Edit]:
    """The pair oe becomes œ only in words of the list (coefficient, moelle stay)."""
    edits: list[Edit] = []
    if "oe" not in ctx.text.lower():  # most paragraphs: no word to look at
        return edits
    for m in _WORD.finditer(ctx.text):
        word = m.group(0)
        lower = word.lower()
        if "oe" not in lower:
            continue
        if lower in _OE_WORDS or any(lower.startswith(p) for p in _OE_PREFIXES):
            edits.extend(_ligature_edits(word, m.start()))
    return edits


def _ligature_edits(word: str, base: int) -> list[Edit]:
    edits = []
    lower = word.lower()
    start = 0
    while (i := lower.find("oe", start)) != -1:
        pair = word[i : i + 2]
        # Keep the case of the pair: oe → œ, Oe/OE → Œ.
        replacement = "Œ" if pair[0].isupper() else "œ"
        edits.append(Edit(base + i, base + i + 2, replacement))
        start = i + 2
    return edits


_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(ères|ère|ere|èmes|ème|eme|ers|res|er|re|es|e|è|nde|nd)\b")
_ORDINAL_CANON = {
    "ère": "re",
    "ere": "re",
    "ème": "e",
    "eme": "e",
    "è": "e",
    "ères": "res",
    "èmes": "es",
}


def _ordinals(ctx: RuleContext) -> list[Edit]:
    """1er, 1re, 2e (not 2ème), with the suffix set as superscript."""
    edits = []
    for m in _ORDINAL.finditer(ctx.text):
        number, suffix = m.group(1), m.group(2)
        if number == "1" and suffix in ("e", "è", "ème", "eme"):
            continue  # "1e" is ambiguous (1er or 1re): not guessed
        canon = _ORDINAL_CANON.get(suffix, suffix)
        start = m.start(2)
        if canon == suffix and ctx.is_superscript(start, m.end()):
            continue
        edits.append(Edit(start, m.end(), canon, superscript=True))
    return edits


_TITLE = re.compile(r"(?<![\w.])(M\.|MM\.|Mme|Mmes|Mlle|Mlles|Mgr|Dr|Pr)( +)(?=[A-ZÀ-ÖØ-ÞŒ])")
_NUMBER_ABBR = re.compile(r"(?<![\w.])(p\.|pp\.|n°|no|art\.|chap\.|vol\.|t\.)( +)(?=\d)")


def _abbreviations(ctx: RuleContext) -> list[Edit]:
    """Tie M., Mme, Dr... to the following name, and p., n°... to their number."""
    edits = regex_edits(_TITLE, ctx, lambda m: Edit(m.start(2), m.end(2), NBSP))
    edits += regex_edits(_NUMBER_ABBR, ctx, lambda m: Edit(m.start(2), m.end(2), NBSP))
    return edits


# --- numbers -----------------------------------------------------------------

_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)(?!\d)")
# Not inside a hyphenated reference such as an ISBN (978-2-07-036822-8).
_LONG_NUMBER = re.compile(r"(?<![\w.,\u00a0\u202f-])\d{5,}(?!\d|[.,-]\d)")
_WORD_CHAR = re.compile(r"\w")
_UNIT = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)( ?)(%|‰|€|£|°C|°F|km|kg|cm|mm|mg|ml|cl|Mo|Go|Ko|h|min)(?!\w)"
)


def _numbers(thousands: str, unit_space: str) -> NamedRule:
    def rule(ctx: RuleContext) -> list[Edit]:
        edits: list[Edit] = []
        for m in _GROUPED.finditer(ctx.text):
            for i, ch in enumerate(m.group(0), m.start()):
                if ch in SPACES and ch != thousands:
                    edits.append(Edit(i, i + 1, thousands))
        for m in _LONG_NUMBER.finditer(ctx.text):
            if _WORD_CHAR.match(ctx.text, m.end()) and not UNIT_AFTER_DIGIT.match(
                ctx.text, m.end()
            ):
                continue  # glued to letters that are no unit ("55000m" is: "units" ties it)
            after = ctx.text[m.end() : m.end() + 2]
            if len(after) == 2 and after[0] == " " and after[1].isupper():
                continue  # a postal code before a town name: not grouped
            digits = m.group(0)
            head = len(digits) % 3 or 3
            parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
            edits.append(Edit(m.start(), m.end(), thousands.join(parts)))
        for m in _UNIT.finditer(ctx.text):
            if m.group(2) != unit_space:
                edits.append(Edit(m.start(2), m.end(2), unit_space))
        return edits

    return NamedRule("numbers", rule)


# --- space before high punctuation ----------------------------------------

_HIGH_SIGN = re.compile(r"(?<![ \u00a0\u202f])([ \u00a0\u202f]*)([;:!?])")
_NO_SPACE_AFTER = set("([{«“'’\"/-") | {""}


def _high_punctuation(options: FrenchOptions) -> NamedRule:
    def rule(ctx: RuleContext) -> list[Edit]:
        text = ctx.text
        edits: list[Edit] = []
        for m in _HIGH_SIGN.finditer(text):
            sign_at = m.start(2)
            sign = m.group(2)
            if ctx.is_protected(sign_at, sign_at + 1):
                continue
            prev = text[m.start() - 1] if m.start() > 0 else ""
            if prev in "!?;:" and not m.group(1):
                continue  # second sign of "?!" takes no space
            if not m.group(1) and (prev in _NO_SPACE_AFTER or prev == "."):
                continue  # "(?)" and "...?" stay as typed
            if sign == ":" and prev.isdigit() and text[sign_at + 1 : sign_at + 2].isdigit():
                continue  # ratios and times
            if m.start() == 0:
                continue
            wanted = options.space_for(sign)
            if m.group(1) != wanted:
                edits.append(Edit(m.start(1), m.end(1), wanted))
        return edits

    return NamedRule("punctuation-space", rule)


# --- the rule set -------------------------------------------------------------

#: Stable rule identifiers, in the order they run, with a French label.
RULE_LABELS: dict[str, str] = {
    "spaces": "espaces superflues",
    "missing-space": "espace manquante après la ponctuation",
    "ellipsis": "points de suspension",
    "apostrophe": "apostrophe typographique",
    "quotes": "guillemets français",
    "guillemet-space": "espaces dans les guillemets",
    "oe": "ligature œ",
    "ordinals": "ordinaux",
    "abbreviations": "abréviations liées",
    "numbers": "nombres et unités",
    "punctuation-space": "espace avant ; : ! ?",
    **IMPRIMERIE_LABELS,
}


def french_rules(options: FrenchOptions | None = None) -> list[NamedRule]:
    """The enabled French rules, in order."""
    opts = options or FrenchOptions()
    g_space = SPACE_CHOICES[opts.guillemet_space]
    rules = [
        NamedRule("spaces", _spaces),
        NamedRule("missing-space", _missing_space),
        NamedRule("ellipsis", _ellipsis),
        NamedRule("apostrophe", _apostrophe),
        NamedRule("quotes", _quotes),
        _guillemet_space(g_space),
        NamedRule("oe", _oe),
        NamedRule("ordinals", _ordinals),
        NamedRule("abbreviations", _abbreviations),
        _numbers(SPACE_CHOICES[opts.thousands_space] or NNBSP, SPACE_CHOICES[opts.unit_space]),
        _high_punctuation(opts),
        *imprimerie_rules(SPACE_CHOICES[opts.unit_space], opts.dash),
    ]
    unknown = opts.disabled - set(RULE_LABELS)
    if unknown:
        raise ValueError(f"règle(s) typographique(s) inconnue(s) : {', '.join(sorted(unknown))}")
    return [r for r in rules if r.name not in opts.disabled]
