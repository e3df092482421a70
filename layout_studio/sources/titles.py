"""Find a raw page's title: its title line, or else its first sentence.

Takes paragraph texts; gives the title line (a short first line that reads
as a heading, not as a sentence) or a title cut from the first sentence.
A sentence is never cut at an abbreviation ("M.", "Mme.", "p.", "J.-P.")
nor inside a number ("2.0"), so "Le matin du 12 mars, M. Martin…" does not
give "Le matin du 12 mars, M".
"""

from __future__ import annotations

import re

#: Longest title line, in characters and words.
MAX_TITLE_CHARS = 120
MAX_TITLE_WORDS = 16
#: Words kept when the title is cut from the first sentence.
GUESSED_TITLE_WORDS = 10

# Words after which a period does not end a sentence (casefolded, no period).
_ABBREVIATIONS = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mlles",
    "me",
    "mgr",
    "dr",
    "pr",
    "st",
    "ste",
    "av",
    "bd",
    "apr",
    "cf",
    "p",
    "pp",
    "vol",
    "chap",
    "éd",
    "env",
    "ex",
    "fig",
    "n",
    "no",
    "art",
    "min",
    "max",
    "tél",
    "etc",
}
_SENTENCE_END = re.compile(r"\.{2,}|…|[.!?]")


def is_title_line(text: str, following: list[str]) -> bool:
    """True when ``text``, the page's first paragraph, reads as its title.

    A title line is short, starts with a capital (or a digit or a quote),
    does not end like a sentence (a final "?" or "!" is allowed) and is
    followed, within a few paragraphs (a date, a byline), by a longer one.
    """
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or len(text) > MAX_TITLE_CHARS:
        return False
    if not any(len(p) > len(text) for p in following[:3]):
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "«\"“'"):
        return False
    return not text.rstrip().endswith((".", ",", ";", ":", "(", "-"))


def first_sentence_title(text: str) -> str | None:
    """The first sentence of ``text``, cut to a few words; ``None`` for no words."""
    end = len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.group() == "." and not _ends_sentence(text, m.start()):
            continue
        end = m.start()
        break
    words = text[:end].split()
    return " ".join(words[:GUESSED_TITLE_WORDS]) if words else None


def _ends_sentence(text: str, dot: int) -> bool:
    """False for the period of an abbreviation, an initial or a decimal number."""
    after = text[dot + 1 : dot + 2]
    if after.isalnum():  # "2.0", "J.-P.", "e.g"
        return False
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "’'-"):
        start -= 1
    word = text[start:dot].lstrip("-’'")
    if not word:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "M.", "J. Dupont"
        return False
    return word.casefold() not in _ABBREVIATIONS
