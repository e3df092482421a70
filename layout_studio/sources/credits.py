"""Find author credits, "(Name)" or "(Name, Affiliation)", in plain text.

Takes one line of text; gives every parenthesised group as a
``ParenCandidate``: either a credit with a confidence in [0, 1] or a
rejection with the reason (an aside, a footnote call, a word ending such as
"curieux(se)"). Editors see both lists, so a wrong guess is easy to correct.

The test is on the content of the parentheses, because the story shows that
neither what comes before a credit ("2.0 (Ank Ter)", "...(Pierre)") nor what
follows it ("(aristote) le community manager") is reliable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Credits at or above this confidence are accepted; below ``REVIEW`` they are flagged.
ACCEPT = 0.5
REVIEW = 0.8

_PAREN = re.compile(r"\(([^()\n]{0,120})\)")
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'\-]*\.?$")
_INITIAL = re.compile(r"[A-ZÀ-ÖØ-Þ]\.?$")
_LOWER_TOKEN = re.compile(r"[a-zß-öø-ÿ][\w’'\-]*$")
_AFFILIATION_TOKEN = re.compile(r"[\wÀ-ÿ&’'\-.]+$")
_NON_SPACE = re.compile(r"\S")
_FORBIDDEN = set('!?:;«»"“”…/=+*#@<>[]{}|\\')
_PARTICLES = {"le", "la", "de", "du", "des", "d’", "d'", "van", "von", "di", "da", "ben", "el"}
# Common lowercase words that open asides, never a pseudonym on their own.
_ASIDE_WORDS = {
    "ou",
    "et",
    "car",
    "si",
    "sic",
    "etc",
    "cf",
    "voir",
    "bis",
    "ter",
    "rires",
    "ndlr",
    "ndt",
    "stat",
    "heure",
    "oui",
    "non",
    "ps",
    "ah",
    "oh",
    "eh",
    "hé",
    "bref",
    "enfin",
    "donc",
    "mais",
    "avec",
    "sans",
    "pour",
    "par",
    "en",
    "un",
    "une",
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "à",
    "au",
    "aux",
    "il",
    "elle",
    "on",
    "nous",
    "vous",
    "ils",
    "elles",
    "je",
    "tu",
    "ce",
    "cet",
    "cette",
    "ces",
    "qui",
    "que",
    "quoi",
    "sur",
    "sous",
    "dans",
    "merci",
    "lol",
    "mdr",
    "smiley",
    "source",
    "photo",
    "image",
    "note",
    "suite",
    "fin",
    "idem",
    "ibid",
}


@dataclass(frozen=True, slots=True)
class ParenCandidate:
    """A parenthesised group and the verdict on it."""

    start: int  # offset of "(" in the line
    end: int  # offset after ")"
    raw: str
    name: str | None
    affiliation: str | None
    confidence: float
    reason: str  # why it was accepted or rejected, in French

    @property
    def is_credit(self) -> bool:
        """True when the group is taken as a credit."""
        return self.name is not None and self.confidence >= ACCEPT

    @property
    def needs_review(self) -> bool:
        """True for accepted credits an editor should confirm."""
        return self.is_credit and self.confidence < REVIEW


def scan_line(line: str) -> list[ParenCandidate]:
    """Judge every parenthesised group of ``line``."""
    return [_judge(line, m) for m in _PAREN.finditer(line)]


def credits_in(line: str) -> list[ParenCandidate]:
    """Only the accepted credits of ``line``."""
    return [c for c in scan_line(line) if c.is_credit]


def _reject(m: re.Match[str], reason: str) -> ParenCandidate:
    return ParenCandidate(m.start(), m.end(), m.group(0), None, None, 0.0, reason)


def _judge(line: str, m: re.Match[str]) -> ParenCandidate:
    inner = " ".join(m.group(1).split())
    before = line[m.start() - 1] if m.start() > 0 else ""
    # Only the first character after, and the last before, matter: found by
    # looking past the spaces, never by copying the rest of the line per group.
    next_char = _NON_SPACE.search(line, m.end())
    after = next_char.group(0) if next_char else ""
    if before.isalnum():
        return _reject(m, "terminaison de mot, comme « curieux(se) »")
    if not inner:
        return _reject(m, "parenthèses vides")
    if any(ch.isdigit() for ch in inner):
        return _reject(m, "appel de note ou nombre")
    if any(ch in _FORBIDDEN for ch in inner):
        return _reject(m, "aparté (ponctuation de phrase)")
    name_part, _, affiliation_part = inner.partition(",")
    name_part = name_part.strip()
    affiliation = affiliation_part.strip() or None
    if affiliation is not None and not _is_affiliation(affiliation):
        return _reject(m, "énumération ou aparté")
    tokens = name_part.split()
    if not tokens or len(tokens) > 4:
        return _reject(m, "trop de mots pour un nom")
    first = tokens[0]
    if first.casefold() in _ASIDE_WORDS:
        return _reject(m, f"aparté commençant par « {first} »")

    confidence = 0.55
    reasons: list[str] = []
    if _NAME_TOKEN.match(first):
        confidence += 0.25
        reasons.append("nom propre")
    elif len(tokens) == 1 and _LOWER_TOKEN.match(first) and len(first) >= 3:
        # A lowercase pseudonym such as "aristote": plausible, but to be confirmed.
        confidence += 0.0
        reasons.append("pseudonyme en minuscules, à confirmer")
    else:
        return _reject(m, "ne ressemble pas à un nom")
    for token in tokens[1:]:
        if _NAME_TOKEN.match(token) or _INITIAL.match(token):
            continue
        if token.casefold() in _PARTICLES:
            continue
        return _reject(m, f"« {token} » ne ressemble pas à un nom")
    # Where the group sits: closing a sentence or a line adds confidence;
    # sitting inside a running sentence ("très (Paris) bien") takes some away.
    previous = _last_non_space(line, m.start())
    if not after or after[0] in ".!?" or after[0].isupper():
        confidence += 0.1
    if previous in ("", ".", "!", "?", "…", ")"):
        confidence += 0.05
    elif previous.isalnum() and after[:1].islower():
        confidence -= 0.1
        reasons.append("au milieu d’une phrase")
    if affiliation:
        reasons.append("avec affiliation")
    confidence = round(min(confidence, 0.99), 2)
    return ParenCandidate(
        start=m.start(),
        end=m.end(),
        raw=m.group(0),
        name=name_part,
        affiliation=affiliation,
        confidence=confidence,
        reason=", ".join(reasons),
    )


def _last_non_space(line: str, end: int) -> str:
    i = end
    while i > 0 and line[i - 1].isspace():
        i -= 1
    return line[i - 1] if i > 0 else ""


def _is_affiliation(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or "," in text:
        return False
    if not all(_AFFILIATION_TOKEN.match(t) for t in tokens):
        return False
    return tokens[0][0].isupper()
