"""Check a DOCX or ODT file before any parser opens it (untrusted input).

Takes a path and the expected kind ("docx" or "odt"); gives the file's
bytes and notes for the report, or raises ``InputError`` with one line:
encrypted, old binary Word, not an archive, truncated or damaged, too many
entries, too big once decompressed (a zip bomb), Word with macros, a
template, an OpenDocument file that is not a text.

Sizes come from the archive's directory, and ``zipfile`` never inflates an
entry past its declared size (the CRC check then fails), so bounding the
declared sizes bounds memory. Every entry is test-read before parsing.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from layout_studio.errors import InputError
from layout_studio.sources.reading import read_bytes

#: Most entries an archive may hold (a novel's DOCX has about 20).
MAX_ENTRIES = 2000
#: Most bytes the entries may hold once decompressed.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: Largest compression ratio for an entry over ``_RATIO_FLOOR`` bytes (text XML reaches ~30).
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024

_ENCRYPTED = "document chiffré (protégé par un mot de passe) : enregistrez-le sans mot de passe"
# What zipfile raises on a damaged archive (a header's version, a bad CRC, a short entry).
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    ValueError,
    KeyError,
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_TYPES = (
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
)


def read_office_file(path: Path, kind: str) -> tuple[bytes, list[str]]:
    """The checked bytes of a ``.docx``/``.docm`` (kind "docx") or ``.odt`` (kind "odt")."""
    raw = read_bytes(path)
    if not raw.strip(b"\x00 \t\r\n"):
        raise InputError(path, "fichier vide")
    if raw.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            raise InputError(path, _ENCRYPTED)
        raise InputError(
            path, "ancien format binaire (.doc) : enregistrez-le au format .docx ou .odt"
        )
    if not raw.startswith(b"PK"):
        raise InputError(path, f"fichier corrompu : ce n’est pas une archive {kind.upper()}")
    try:
        return _check_archive(path, raw, kind)
    except _DAMAGED:
        raise InputError(path, "fichier corrompu ou tronqué (archive ZIP illisible)") from None


def _check_archive(path: Path, raw: bytes, kind: str) -> tuple[bytes, list[str]]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        infos = archive.infolist()
        _check_sizes(path, infos)
        if any(info.flag_bits & 0x1 for info in infos):
            raise InputError(path, _ENCRYPTED)
        try:
            damaged = archive.testzip()
        except _DAMAGED:
            damaged = "?"
        if damaged is not None:
            raise InputError(path, f"fichier corrompu (entrée « {damaged} » endommagée)")
        names = {info.filename for info in infos}
        if kind == "docx":
            return raw, _check_docx(path, archive, names)
        return raw, _check_odt(path, archive, names)


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            path, f"archive refusée : {len(infos)} entrées (la limite est {MAX_ENTRIES})"
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            path,
            f"archive refusée : {total / 1e6:.0f} Mo une fois décompressée "
            f"(la limite est {MAX_UNCOMPRESSED // (1024 * 1024)} Mo)",
        )
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise InputError(
                path,
                f"archive refusée : « {info.filename} » se décompresse "
                f"{info.file_size // max(info.compress_size, 1)} fois (bombe de décompression ?)",
            )


def _check_docx(path: Path, archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "[Content_Types].xml" not in names:
        raise InputError(path, "fichier corrompu : ce n’est pas un document Word (.docx)")
    types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise InputError(
            path,
            "document Word avec macros (.docm) refusé : enregistrez-le au format .docx "
            "(document Word sans macros)",
        )
    if b"wordprocessingml.template.main" in types:
        raise InputError(path, "modèle Word (.dotx) : enregistrez-le comme document .docx")
    if b"wordprocessingml.document.main" not in types:
        raise InputError(path, "pas un document Word : partie principale absente")
    return []


def _check_odt(path: Path, archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "mimetype" not in names or "content.xml" not in names:
        raise InputError(path, "fichier corrompu : ce n’est pas un document OpenDocument (.odt)")
    mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
    if mimetype not in _ODT_TYPES:
        raise InputError(path, f"document OpenDocument qui n’est pas un texte ({mimetype})")
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
        "META-INF/manifest.xml"
    ):
        raise InputError(path, _ENCRYPTED)
    macros = sorted({n.split("/")[0] for n in names if n.startswith(("Basic/", "Scripts/"))})
    if macros:
        return [f"macros ignorées, jamais exécutées ({', '.join(macros)})"]
    return []
