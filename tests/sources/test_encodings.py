"""Encodings are detected and reported; every accepted encoding gives the same book."""

from __future__ import annotations

import codecs

import pytest

from layout_studio.errors import InputError
from layout_studio.sources import load_source
from layout_studio.sources.reading import decode_bytes, read_text_source


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("label", "encode", "encoding", "bom"),
    [
        ("utf8", lambda t: t.encode("utf-8"), "utf-8", False),
        ("utf8-bom", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8", True),
        ("utf16-le", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16", True),
        ("utf16-be", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16", True),
        ("cp1252-crlf", lambda t: t.replace("\n", "\r\n").encode("cp1252"), "windows-1252", False),
    ],
)
def test_same_book_from_every_encoding(
    tmp_path, source_text, imported, label, encode, encoding, bom
):
    path = _write(tmp_path, f"{label}.txt", encode(source_text))
    result = load_source(path)
    assert result.report.encoding == encoding
    assert result.report.bom is bom
    assert result.document == imported.document
    assert len(result.document.contributions()) == 30
    assert len(result.document.contributors) == 28


def test_crlf_is_reported_and_normalised(tmp_path, source_text):
    path = _write(tmp_path, "crlf.txt", source_text.replace("\n", "\r\n").encode("utf-8"))
    decoded = read_text_source(path)
    assert "\r" not in decoded.text
    assert decoded.line_endings == "crlf"
    assert any("CRLF" in n for n in decoded.notes)


def test_nfd_is_normalised_to_nfc(tmp_path):
    import unicodedata

    text = unicodedata.normalize("NFD", "Cécile a écrit (Cécile)\n")
    decoded = read_text_source(_write(tmp_path, "nfd.txt", text.encode("utf-8")))
    assert decoded.text == unicodedata.normalize("NFC", text)
    assert "NFC" in " ".join(decoded.notes)


def test_latin1_text_is_read_as_windows_1252(tmp_path):
    decoded = read_text_source(
        _write(tmp_path, "latin1.txt", "Ça dépend (Cécile)\n".encode("latin-1"))
    )
    assert decoded.text == "Ça dépend (Cécile)\n"
    assert decoded.encoding == "windows-1252"


def test_undecodable_bytes_are_refused(tmp_path):
    with pytest.raises(InputError, match="indécodables"):
        decode_bytes(tmp_path / "x.txt", b"Bonjour \x81\x8d monde")


def test_control_characters_are_removed_and_reported(tmp_path):
    decoded = read_text_source(_write(tmp_path, "c0.txt", b"Bon\x07jour (Alice)\n"))
    assert decoded.text == "Bonjour (Alice)\n"
    assert decoded.removed_controls == 1
