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
from dataclasses import dataclass, replace

from layout_studio.sources.credit_words import ASIDE_WORDS, JOB_TITLES, ORGANISATION_WORDS

#: Credits at or above this confidence are accepted; below ``REVIEW`` they are flagged.
ACCEPT = 0.5
REVIEW = 0.8
#: Characters before a group looked at to judge it.
_CONTEXT = 300
#: Fewer credits than this make a co-written story only when one of them closes the text.
MIN_STORY_CREDITS = 3
#: The stray period or comma typed after a credit ("(Cécile)."), matched from just
#: after the credit; starts only at the start of a run, so it is linear.
ORPHAN_PUNCT = re.compile(r"(?<!\s)\s*(?<![.,;])[.,;]+(?=\s|$)")

_PAREN = re.compile(r"\(([^()\n]{0,120})\)")
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'\-]*\.?$")
_INITIAL = re.compile(r"[A-ZÀ-ÖØ-Þ]\.?$")
_LOWER_TOKEN = re.compile(r"[a-zß-öø-ÿ][\w’'\-]*$")
_AFFILIATION_TOKEN = re.compile(r"[\wÀ-ÿ&’'\-.]+$")
_NON_SPACE = re.compile(r"\S")
_FORBIDDEN = set('!?:;«»"“”…/=+*#@<>[]{}|\\')
_PARTICLES = {"le", "la", "de", "du", "des", "d’", "d'", "van", "von", "di", "da", "ben", "el"}


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


def confirm_credits(
    scans: list[list[ParenCandidate]], texts: list[str], last: int
) -> list[list[ParenCandidate]]:
    """Judge the credits of a whole text (``scans[i]`` are the groups of ``texts[i]``).

    A co-written story holds many credits. An article with one or two names in
    parentheses is not one, unless the last name signs it: it closes
    paragraph ``last``, the text's last. Otherwise the names are quoted in the
    text and turned into rejections, so that the whole text stays the body.
    """
    accepted = [(i, c) for i, found in enumerate(scans) for c in found if c.is_credit]
    if not accepted or len(accepted) >= MIN_STORY_CREDITS:
        return scans
    i, closing = accepted[-1]
    if i == last and not texts[i][closing.end :].strip(" .…!?"):
        return scans
    reason = "nom cité dans le texte : moins de trois crédits et aucun ne signe la fin du texte"
    return [
        [
            replace(c, name=None, affiliation=None, confidence=0.0, reason=reason)
            if c.is_credit
            else c
            for c in found
        ]
        for found in scans
    ]


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
    if first.casefold() in ASIDE_WORDS:
        return _reject(m, f"aparté commençant par « {first} »")
    # What precedes the group, within reach: bounded so a long line stays linear.
    before = line[max(0, m.start() - _CONTEXT) : m.start()]
    not_a_person = _not_a_person(before, tokens)
    if not_a_person:
        return _reject(m, not_a_person)

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
    # sitting inside a running sentence ("très (Paris) bien") rules it out.
    previous = before.rstrip()[-1:]
    if previous.isalnum() and (after[:1].islower() or after[:1] in (",", ";", ":")):
        # "Sa présidente (Marie Lefèvre) a rappelé": a name quoted in the sentence.
        return _reject(m, "nom cité au fil de la phrase, pas une signature")
    if previous.isalnum() and not _NAME_TOKEN.match(first):
        return _reject(m, "mot en minuscules accolé au texte : aparté")
    if not after or after[0] in ".!?" or after[0].isupper():
        confidence += 0.1
    if previous in ("", ".", "!", "?", "…", ")"):
        confidence += 0.05
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


def _not_a_person(before: str, tokens: list[str]) -> str | None:
    """Why the group names a job, an organisation or an acronym, or ``None``."""
    folded = [t.casefold().rstrip(".") for t in tokens]
    if any(t in JOB_TITLES for t in folded):
        return "fonction ou titre, pas un nom"
    if folded[0] in ORGANISATION_WORDS:
        return "organisation, pas un nom"
    first = tokens[0]
    if not (len(first) >= 2 and first.isalpha() and first.isupper()):
        return None
    if len(tokens) > 1:
        return "sigle suivi d’un complément : fonction ou organisation"
    if _defines(first, before):
        return "sigle défini par les mots qui précèdent"
    if before.rstrip()[-1:].isalnum():
        return "sigle accolé à un nom : organisation"
    return None


def _defines(acronym: str, before: str) -> bool:
    """True when the acronym's letters are the initials of the words just before it.

    "Fédération française d'athlétisme (FFA)", "Voies lyonnaises (VL)": the
    letters must appear, in order, among the initials of the last few words.
    """
    words = before.replace("-", " ").replace("’", " ").replace("'", " ").split()
    initials = [w[0].casefold() for w in words[-(2 * len(acronym) + 4) :] if w[0].isalpha()]
    wanted = list(acronym.casefold())
    for initial in initials:
        if wanted and initial == wanted[0]:
            wanted.pop(0)
    return not wanted


def _is_affiliation(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or "," in text:
        return False
    if not all(_AFFILIATION_TOKEN.match(t) for t in tokens):
        return False
    return tokens[0][0].isupper()
