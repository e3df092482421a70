"""The book's own dictionary: ``dictionnaire.txt`` beside its ``book.toml``.

Takes the book's folder (the folder of its ``book.toml``, or of its text when
it has no project yet); gives the words the editor added with *Ajouter au
dictionnaire du livre*, and writes them back, one word a line, sorted, UTF-8,
atomically. The file travels with the project (copied, shared, versioned
with it) and is read by the app and by ``layout-studio inspect --spelling``.
A project may come from a stranger: the file must be a regular file inside
the folder (a link leading out is refused), at most ``MAX_DICTIONARY_BYTES``,
in UTF-8; lines starting with ``#`` are comments; words longer than
``MAX_WORD`` characters are skipped.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from layout_studio.errors import InputError
from layout_studio.io.atomic import atomic_write_text
from layout_studio.io.bounded import too_big
from layout_studio.io.paths import inside, read_regular

BOOK_DICTIONARY = "dictionnaire.txt"
MAX_DICTIONARY_BYTES = 1024 * 1024
MAX_WORD = 40
_HEADER = "# Dictionnaire du livre (Layout Studio) : un mot par ligne\n"


def fold(word: str) -> str:
    """How words are compared: NFC, lower case, ’ as ', œ and æ spelt out."""
    word = unicodedata.normalize("NFC", word).lower().replace("’", "'")
    return word.replace("œ", "oe").replace("æ", "ae")


class BookDictionary:
    """The words of one book; ``folder`` None: not saved yet (a new book)."""

    def __init__(self, folder: Path | None = None, words: Iterable[str] = ()) -> None:
        self.folder = folder
        self.words: set[str] = set()
        self.folded: set[str] = set()
        for word in words:
            self._put(word)

    def _put(self, word: str) -> None:
        word = unicodedata.normalize("NFC", word.strip())
        if word and len(word) <= MAX_WORD and not any(c.isspace() for c in word):
            self.words.add(word)
            self.folded.add(fold(word))

    @property
    def path(self) -> Path | None:
        """Where the words are kept (None until the book has a folder)."""
        return self.folder / BOOK_DICTIONARY if self.folder is not None else None

    @classmethod
    def read(cls, folder: Path) -> BookDictionary:
        """The dictionary of the book in ``folder`` (empty when it has none); ``InputError``."""
        path = folder / BOOK_DICTIONARY
        if not path.exists() and not path.is_symlink():
            return cls(folder)
        if not inside(path, [folder]):
            raise InputError(path, "lien qui mène hors du dossier du projet (refusé)")
        raw = read_regular(path, MAX_DICTIONARY_BYTES)
        if len(raw) > MAX_DICTIONARY_BYTES:
            raise InputError(path, too_big(len(raw), MAX_DICTIONARY_BYTES))
        raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"pas en UTF-8 (octet {exc.start + 1})") from None
        lines = (line for line in text.splitlines() if not line.lstrip().startswith("#"))
        return cls(folder, lines)

    def knows(self, folded: str) -> bool:
        """Whether the book holds this (folded) word."""
        return folded in self.folded

    def add(self, word: str) -> None:
        """Add ``word``; written at once when the book has a folder."""
        self._put(word)
        self.save()

    def save(self, folder: Path | None = None) -> None:
        """Write the words into ``folder`` (default: the book's); nothing to write, no file."""
        if folder is not None:
            self.folder = folder
        path = self.path
        if path is None or (not self.words and not path.exists()):
            return
        atomic_write_text(path, _HEADER + "".join(f"{w}\n" for w in sorted(self.words)))
