"""Read a text source safely: size limit, binary check, encoding detection.

Takes a path; gives a ``DecodedText`` (NFC, LF line endings, C0 controls
removed) that says which encoding was found and what was normalised, or
raises ``InputError`` with a one-line French reason.

Accepted encodings: UTF-8 with or without BOM, UTF-16 with a BOM, and
Windows-1252 (a superset of Latin-1's printable characters). The encoding
is detected from the bytes and reported; nothing is silently guessed: a file
that is neither valid UTF-8 nor valid Windows-1252 is refused.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from layout_studio.errors import InputError
from layout_studio.io.paths import not_regular, read_regular, special_kind

#: Largest source accepted, in bytes. The story is 29 KB; a novel is ~1 MB.
MAX_SOURCE_BYTES = 20 * 1024 * 1024

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP/EPUB/DOCX"),
    (b"\x7fELF", "exécutable"),
    (b"RIFF", "RIFF/WebP"),
    (b"\x1f\x8b", "gzip"),
)
_ALLOWED_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True)
class DecodedText:
    """A decoded, normalised source text and what was done to it."""

    path: Path
    text: str
    encoding: str
    bom: bool
    line_endings: str
    notes: tuple[str, ...] = field(default=())
    removed_controls: int = 0


def read_bytes(path: Path) -> bytes:
    """Read a source file's bytes, turning OS errors into one-line messages."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(path, "fichier introuvable") from None
    except PermissionError:
        raise InputError(path, "lecture refusée (permission)") from None
    except OSError as exc:
        raise InputError(path, f"fichier illisible ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "c’est un dossier, pas un fichier texte")
    kind = special_kind(st.st_mode)
    if kind:  # a FIFO or a device would block the read, or never end
        raise InputError(path, not_regular(kind))
    if st.st_size > MAX_SOURCE_BYTES:
        raise InputError(
            path,
            f"fichier trop gros ({st.st_size / 1e6:.1f} Mo ; la limite est "
            f"{MAX_SOURCE_BYTES // (1024 * 1024)} Mo)",
        )
    try:
        return _open_bytes(path)
    except PermissionError:
        raise InputError(path, "lecture refusée (permission)") from None
    except OSError as exc:
        raise InputError(path, f"fichier illisible ({exc.strerror})") from None


def _open_bytes(path: Path) -> bytes:
    return read_regular(path, MAX_SOURCE_BYTES)


def read_text_source(path: str | os.PathLike[str]) -> DecodedText:
    """Read and decode a text source, or raise ``InputError``."""
    p = Path(path)
    raw = read_bytes(p)
    if len(raw) > MAX_SOURCE_BYTES:
        raise InputError(p, "fichier trop gros")
    if not raw.strip():
        raise InputError(p, "fichier vide")
    text, encoding, bom = decode_bytes(p, raw)
    return normalise(p, text, encoding, bom)


def decode_bytes(path: Path, raw: bytes) -> tuple[str, str, bool]:
    """Detect the encoding from a BOM or strict decoding; return (text, name, bom)."""
    for bom_bytes, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom_bytes):
            body = raw[len(bom_bytes) :]
            try:
                return body.decode(codec), "utf-16" if "16" in codec else codec, True
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"octets indécodables en {codec.upper()} "
                    f"à la position {exc.start + len(bom_bytes)}",
                ) from None
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            raise InputError(path, f"fichier binaire ({kind}), pas un texte")
    if b"\x00" in raw[:8192]:
        raise InputError(
            path,
            "fichier binaire (octets nuls) ; pour l’UTF-16, le fichier doit commencer par un BOM",
        )
    try:
        return raw.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("cp1252"), "windows-1252", False
        except UnicodeDecodeError as exc:
            raise InputError(
                path,
                f"octets indécodables à la position {exc.start} (ni UTF-8 ni Windows-1252 ; "
                f"premier octet invalide en UTF-8 à la position {utf8_error.start})",
            ) from None


def normalise(path: Path, text: str, encoding: str, bom: bool) -> DecodedText:
    """NFC, LF line endings, C0 controls removed; refuse text that is mostly controls."""
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("crlf", crlf), ("cr", lone_cr), ("lf", lf)) if n]
    line_endings = kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "none")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls and controls > max(8, len(text) // 50):
        raise InputError(path, "fichier binaire (trop de caractères de contrôle), pas un texte")
    notes: list[str] = []
    if controls:
        text = "".join(
            ch
            for ch in text
            if not (unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
        )
        notes.append(f"{controls} caractère(s) de contrôle supprimé(s)")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append("texte normalisé en NFC")
    if line_endings not in ("lf", "none"):
        notes.append(f"fins de ligne {line_endings.upper()} converties en LF")
    if not nfc.strip():
        raise InputError(path, "fichier vide")
    return DecodedText(
        path=path,
        text=nfc,
        encoding=encoding,
        bom=bom,
        line_endings=line_endings,
        notes=tuple(notes),
        removed_controls=controls,
    )
