"""French spell-checking of the book's text, offline.

Takes text (a Markdown line or a paragraph's plain text); gives the words the
French dictionary does not know, with their offsets, and suggestions for one
word. The dictionary is pyspellchecker's French word list (installed with
pip, read from the package: nothing is downloaded). What is never flagged:
capitalised words (names, and the credits' authors), words with digits,
URLs, e-mail addresses, hashtags and mentions, Markdown markup and
attributes. Elisions are checked on the word after the apostrophe
(``s’empreigne`` → ``empreigne``); ``œ``/``æ`` are compared as ``oe``/``ae``
since the list spells them so. An editor's own words (*Ajouter au
dictionnaire personnel*) are kept in a plain text file, one word a line; the
book's words (*Ajouter au dictionnaire du livre*) in its ``BookDictionary``.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from layout_studio.text.book_dictionary import BookDictionary, fold

# A word: letters, inner hyphens and apostrophes. Linear: no nested quantifier.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
# Markup never checked. Each pattern stops at the next bracket or brace, so a
# scan from one opening never runs past another: linear on any input.
_MARKUP = re.compile(
    r"\{[^{}\n]*\}"  # Markdown attributes: {.credit}, {.front .candidate}
    r"|\[\^[^\[\]\n]*\]"  # footnote calls [^1]
    r"|\[[^\[\]\n]*\](?=\{\.credit)"  # the credited name
)
_TOKEN = re.compile(r"\S+")
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’]", re.IGNORECASE)
MAX_WORD = 40  # longer runs are not words (and not worth a suggestion)


@dataclass(frozen=True)
class Misspelling:
    """A word the dictionary does not know, at ``start:end`` of the checked text."""

    start: int
    end: int
    word: str


def _not_prose(token: str) -> bool:
    """URLs, e-mail addresses, hashtags, mentions and anything holding a digit."""
    return (
        "://" in token
        or token.startswith(("www.", "#", "@"))
        or "@" in token
        or any(c.isdigit() for c in token)
    )


_fold = fold


@functools.cache
def _french_words() -> frozenset[str]:
    """The French word list shipped by pyspellchecker (≈140,000 words)."""
    package = resources.files("spellchecker") / "resources" / "fr.json.gz"
    with package.open("rb") as raw, gzip.open(raw) as data:
        frequencies: dict[str, int] = json.loads(data.read())
    return frozenset(_fold(w) for w in frequencies)


# Words the list lacks that French books about the web use every day, and
# common prefixes joined by a hyphen (co-écrit, e-réputation, ex-collègue).
_EXTRA = frozenset(
    [
        "etc",
        "internet",
        "web",
        "info",
        "infos",
        "blog",
        "blogs",
        "blogueur",
        "blogueuse",
        "buzz",
        "geek",
        "geeks",
        "hashtag",
        "hashtags",
        "tweet",
        "tweets",
        "tweeter",
        "retweet",
        "like",
        "likes",
        "post",
        "posts",
        "community",
        "manager",
        "managers",
        "newsletter",
        "networking",
        "smartphone",
        "e-mail",
        "e-mails",
        "mail",
        "mails",
        "ok",
        "stats",
        "stat",
        "google",
        "facebook",
        "twitter",
        "linkedin",
        "youtube",
        "wiki",
    ]
)
_PREFIXES = frozenset(
    [
        "co",
        "e",
        "ex",
        "anti",
        "auto",
        "contre",
        "demi",
        "inter",
        "mi",
        "multi",
        "néo",
        "non",
        "post",
        "pré",
        "pro",
        "re",
        "ré",
        "semi",
        "sous",
        "sur",
        "vice",
    ]
)
# The 1990 spelling reform drops the circumflex on i and u (connaitre, il connait).
_REFORM = str.maketrans({"i": "î", "u": "û"})


class FrenchSpeller:
    """Checks words against the French list plus the editor's own words."""

    def __init__(self, personal: Path | None = None, book: BookDictionary | None = None) -> None:
        self.words = _french_words()
        self.book = book if book is not None else BookDictionary()
        self.personal_path = personal
        self.personal: set[str] = set()
        self.ignored: set[str] = set()  # for this session only
        if personal is not None and personal.is_file():
            text = personal.read_bytes()[:1_000_000].decode("utf-8", "replace")
            self.personal = {_fold(w) for w in text.split() if w}

    def _known(self, folded: str) -> bool:
        if (
            folded in self.words
            or folded in _EXTRA
            or folded in self.personal
            or self.book.knows(folded)
            or folded in self.ignored
        ):
            return True
        if ("i" in folded or "u" in folded) and len(folded) < 30:
            # Each i or u may have lost its circumflex: try them one at a time.
            for i, ch in enumerate(folded):
                if (
                    ch in "iu"
                    and folded[:i] + ch.translate(_REFORM) + folded[i + 1 :] in self.words
                ):
                    return True
        return False

    def knows(self, word: str) -> bool:
        """True when ``word`` is French (or the editor's): elisions, compounds, 1990 spelling."""
        folded = _fold(word)
        if self._known(folded):
            return True
        elided = _ELISION.sub("", folded)
        if elided != folded:
            return self.knows(elided)
        if "-" in folded:  # compounds: each part known (arc-en-ciel, dit-il, co-écrit)
            head, _, rest = folded.partition("-")
            if head in _PREFIXES and rest and self.knows(rest):
                return True
            parts = [p for p in folded.split("-") if p]
            return bool(parts) and all(self._known(p) or p in ("t", "il", "elle") for p in parts)
        return False

    def check(self, text: str) -> list[Misspelling]:
        """The unknown words of ``text``, in order."""
        # Blank out (keeping offsets) what is never checked: markup, then whole
        # tokens that are URLs, e-mail addresses, hashtags, mentions or hold digits.
        masked = _MARKUP.sub(lambda m: " " * len(m.group()), text)
        masked = _TOKEN.sub(
            lambda m: " " * len(m.group()) if _not_prose(m.group()) else m.group(), masked
        )
        found: list[Misspelling] = []
        for m in _WORD.finditer(masked):
            word = m.group()
            if not 1 < len(word) <= MAX_WORD or word[0].isupper() or self.knows(word):
                continue
            found.append(Misspelling(m.start(), m.end(), word))
        return found

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """Known words one edit away (then two for short words), most frequent first."""
        prefix_match = _ELISION.match(word)
        prefix = word[: prefix_match.end()] if prefix_match else ""
        stem = word[len(prefix) :]
        checker = _suggester()
        # One edit only: two edits cost seconds on a long word, and a menu must open at once.
        candidates = checker.known(checker.edit_distance_1(stem.lower()))
        # Accents typed wrong or missing (apparâitre → apparaître): same letters, other accents.
        candidates |= _by_bare_letters().get(_bare(stem.lower()), set())
        candidates.discard(stem.lower())
        ranked = sorted(candidates, key=lambda w: (-checker.word_usage_frequency(w), w))
        return [prefix + w for w in ranked[:limit]]

    def add_to_book(self, word: str) -> None:
        """Add ``word`` to the book's dictionary (saved at once when the book has a folder)."""
        self.book.add(word)

    def add(self, word: str) -> None:
        """Add ``word`` to the editor's own dictionary (saved at once)."""
        self.personal.add(_fold(word))
        if self.personal_path is not None:
            from layout_studio.io.atomic import atomic_write_text

            self.personal_path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.personal_path, "\n".join(sorted(self.personal)) + "\n")

    def ignore(self, word: str) -> None:
        """Stop flagging ``word`` until the app closes."""
        self.ignored.add(_fold(word))


def _bare(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _by_bare_letters() -> dict[str, set[str]]:
    """French words grouped by their letters without accents."""
    index: dict[str, set[str]] = {}
    for word in _suggester().word_frequency.dictionary:
        index.setdefault(_bare(word), set()).add(word)
    return index


@functools.cache
def _suggester() -> Any:
    """Pyspellchecker's own checker, loaded on demand: only a menu needs it."""
    from spellchecker import SpellChecker

    return SpellChecker(language="fr", distance=1)


def check_lines(speller: FrenchSpeller, lines: Iterable[str]) -> Iterator[tuple[int, Misspelling]]:
    """(1-based line, misspelling) for a Markdown text, skipping its front matter."""
    in_front = False
    for number, line in enumerate(lines, 1):
        if line.strip() == "---" and (number == 1 or in_front):
            in_front = not in_front
            continue
        if in_front:
            continue
        for found in speller.check(line):
            yield number, found


def warm_suggestions() -> None:
    """Load what suggestions need (≈1 s) ahead of the first request."""
    _by_bare_letters()
