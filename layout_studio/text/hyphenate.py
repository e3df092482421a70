r"""French (and English) hyphenation with PyHyphen (libhyphen, as in LibreOffice), cached.

Takes a word; gives the offsets where a hyphen may be inserted. Patterns
come from the ``hyph_fr.dic`` file that the pyphen package installs (and
``hyph_en_US.dic`` for ``{lang=en}`` passages, from the same package, with
its BSD-style licence in ``README_hyph_en_US.txt`` beside it): nothing
is ever downloaded (PyHyphen's own ``Hyphenator`` would try to fetch a
dictionary, so its C extension is loaded directly on the local file).

Two backends share those patterns: ``libhyphen`` (PyHyphen, the default) and
``pyphen`` (pure Python, used if PyHyphen's extension cannot load). Both are
cached, so a word is hyphenated once per process and settings.

Never hyphenated: all-capitals words, words with digits, URLs and e-mail
addresses; capitalised words (proper names) only when ``capitalised`` is
set, as TeX does with \\uchyph=1 (the layout sets it: a sentence-initial
"Communiquer" must be breakable or a justified line may have no solution). Credits never reach this
module: the layout sets them as unbreakable boxes. Elided articles work:
"l’extraordinaire" gives l’ex-tra-or-di-naire, with the minimum lengths
counted on the word after the apostrophe.
"""

from __future__ import annotations

import functools
import itertools
import re
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

#: French defaults: at least 2 letters before and 3 after a break.
DEFAULT_LEFT = 2
DEFAULT_RIGHT = 3

_ELISION = re.compile(
    r"^((?:[a-zA-ZÀ-ÿ]{1,2}|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu)[’'])(.+)$"
)
_WORD_CHARS = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœÆæ’'-]+$")


#: Pattern files by language, as pyphen names them.
LANGUAGES = {"fr": "hyph_fr.dic", "en": "hyph_en_US.dic"}


def dictionary_path(language: str = "fr") -> Path:
    """The patterns pyphen installed for ``language`` (``fr`` or ``en``)."""
    base = resources.files("pyphen") / "dictionaries" / LANGUAGES[language]
    path = Path(str(base))
    if not path.is_file():
        raise FileNotFoundError(f"{path} : motifs de césure ({language}) introuvables (pyphen)")
    return path


class _Backend(Protocol):
    def positions(self, word: str) -> tuple[int, ...]: ...


def hnj_module() -> Any:
    """PyHyphen's C module, loaded without the package's ``__init__``.

    ``import hyphen`` also loads its dictionary downloader and with it
    ``requests`` (a third of the CLI's start-up); the module itself needs none of it.
    """
    import importlib.machinery
    import importlib.util
    import sys

    if "hyphen.hnj" in sys.modules:
        return sys.modules["hyphen.hnj"]
    package = importlib.util.find_spec("hyphen")
    for folder in (package.submodule_search_locations or []) if package else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"hnj{suffix}"
            spec = importlib.util.spec_from_file_location("hyphen.hnj", path)
            if path.is_file() and spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                sys.modules["hyphen.hnj"] = module
                return module
    from hyphen import hnj  # another layout of the package: the ordinary way

    return hnj


class LibHyphenBackend:
    """PyHyphen's libhyphen on the local pattern file."""

    name = "libhyphen"

    def __init__(self, left: int, right: int, language: str = "fr") -> None:
        hnj = hnj_module()
        path = str(dictionary_path(language))
        self._h: Any = hnj.hyphenator_(path, left, right, left, right)

    def positions(self, word: str) -> tuple[int, ...]:
        """Break offsets in ``word`` (lowercase expected)."""
        try:
            marked: str = self._h.apply(word, 0)
        except UnicodeError:
            return ()
        out, pos = [], 0
        for part in marked.split("=")[:-1]:
            pos += len(part)
            out.append(pos)
        return tuple(out) if "".join(marked.split("=")) == word else ()


class PyphenBackend:
    """pyphen on the same pattern file (pure Python fallback)."""

    name = "pyphen"

    def __init__(self, left: int, right: int, language: str = "fr") -> None:
        import pyphen

        path = str(dictionary_path(language))
        self._h: Any = pyphen.Pyphen(filename=path, left=left, right=right)

    def positions(self, word: str) -> tuple[int, ...]:
        """Break offsets in ``word``."""
        return tuple(self._h.positions(word))


MAX_WORD = 64  # longer "words" (URLs, keyboard mashing) are never hyphenated


class Hyphenator:
    """Hyphenation points for French words (or ``language="en"``), with the rules above."""

    def __init__(
        self,
        left: int = DEFAULT_LEFT,
        right: int = DEFAULT_RIGHT,
        backend: str = "auto",
        capitalised: bool = False,
        language: str = "fr",
    ) -> None:
        if left < 1 or right < 1:
            raise ValueError("les minimums de lettres avant et après la césure doivent être ≥ 1")
        self.left, self.right = left, right
        self.capitalised = capitalised
        self.language = language
        self.backend = _backend(backend, left, right, language)
        self._cached = functools.lru_cache(maxsize=65536)(self._compute)

    @property
    def backend_name(self) -> str:
        """Which hyphenator runs."""
        return str(getattr(self.backend, "name", "?"))

    def cache_info(self) -> Any:
        """Hits and misses of the word cache."""
        return self._cached.cache_info()

    def positions(self, word: str) -> tuple[int, ...]:
        """Offsets in ``word`` where a hyphen may be inserted (empty if never)."""
        return self._cached(word)

    def syllables(self, word: str) -> list[str]:
        """The word cut at every hyphenation point."""
        cuts = (0, *self.positions(word), len(word))
        return [word[a:b] for a, b in itertools.pairwise(cuts)]

    def hyphenated(self, word: str, mark: str = "-") -> str:
        """The word with ``mark`` at every hyphenation point (none after its own "-")."""
        parts = self.syllables(word)
        out = parts[0] if parts else ""
        for part in parts[1:]:
            out += part if out.endswith("-") else mark + part
        return out

    def _compute(self, word: str) -> tuple[int, ...]:
        if not may_hyphenate(word, self.capitalised):
            return ()
        if "-" in word:
            # As TeX does: a compound breaks only at its own hyphens.
            return tuple(i + 1 for i, ch in enumerate(word[:-1]) if ch == "-" and i > 0)
        prefix = ""
        stem = word
        m = _ELISION.match(word) if self.language == "fr" else None  # l’, qu’: French only
        if m:
            prefix, stem = m.group(1), m.group(2)
            if not may_hyphenate(stem, self.capitalised):
                return ()
        if len(stem) < self.left + self.right or len(stem) > MAX_WORD:
            return ()  # libhyphen refuses words over 100 letters; no French word is that long
        found = self.backend.positions(stem.lower())
        return tuple(len(prefix) + p for p in found if self.left <= p <= len(stem) - self.right)


#: The name the layout and the documentation use: French is the default language.
FrenchHyphenator = Hyphenator


def may_hyphenate(word: str, capitalised: bool = False) -> bool:
    """False for all-capitals, digits, URLs, non-words, and names unless ``capitalised``."""
    if not word or not _WORD_CHARS.match(word):
        return False  # digits, URLs, e-mail addresses, symbols
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if letters[0].isupper() and not capitalised:
        return False  # proper names (and sentence-initial words, conservatively)
    return not (len(letters) > 1 and all(c.isupper() for c in letters))


def _backend(name: str, left: int, right: int, language: str = "fr") -> _Backend:
    if name == "pyphen":
        return PyphenBackend(left, right, language)
    if name == "libhyphen":
        return LibHyphenBackend(left, right, language)
    if name != "auto":
        raise ValueError(f"moteur de césure inconnu : {name}")
    try:
        return LibHyphenBackend(left, right, language)
    except ImportError:
        return PyphenBackend(left, right, language)


@functools.lru_cache(maxsize=8)
def shared_hyphenator(
    left: int = DEFAULT_LEFT, right: int = DEFAULT_RIGHT, capitalised: bool = False
) -> FrenchHyphenator:
    """One cached hyphenator per setting, shared by a build."""
    return FrenchHyphenator(left, right, capitalised=capitalised)


@functools.lru_cache(maxsize=8)
def english_hyphenator(
    left: int = DEFAULT_LEFT, right: int = DEFAULT_RIGHT, capitalised: bool = False
) -> Hyphenator | None:
    """The hyphenator for ``{lang=en}`` passages; None (never hyphenated) without patterns."""
    try:
        return Hyphenator(left, right, capitalised=capitalised, language="en")
    except FileNotFoundError:
        return None
