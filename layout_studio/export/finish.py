"""Finishing reportlab's PDF with pikepdf, where reportlab cannot.

Takes the bytes reportlab wrote; gives the finished bytes, reproducible
(qpdf's deterministic /ID, no clock read). Today: distinct font subset tags.
reportlab names the first subset of every font ``AAAAAA+``; ISO 32000-1
§9.6.4 wants a tag unique to each subset, so each gets six capitals drawn
from a hash of the font's name and its embedded glyph data.
"""

from __future__ import annotations

import hashlib
import io
import re
import string

import pikepdf

_TAGGED = re.compile(r"^[A-Z]{6}\+(.+)$")


def finish_pdf(data: bytes) -> bytes:
    """The PDF reportlab wrote, with its subset tags made distinct."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        retag_subsets(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _tag(name: str, glyphs: bytes, salt: int) -> str:
    digest = hashlib.sha256(f"{name}\0{salt}\0".encode() + glyphs).digest()
    return "".join(string.ascii_uppercase[b % 26] for b in digest[:6])


def retag_subsets(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Give every embedded subset its own tag; the old → new names."""
    renamed: dict[str, str] = {}
    used: set[str] = set()
    fonts: list[pikepdf.Object] = []
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for font in resources.Font.values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                fonts.append(font)
    for font in sorted(fonts, key=lambda f: f.objgen):
        base = str(font.get("/BaseFont", ""))[1:]
        match = _TAGGED.match(base)
        descriptor = font.get("/FontDescriptor")
        if not match or descriptor is None or "/FontFile2" not in descriptor:
            continue
        glyphs = descriptor.FontFile2.read_raw_bytes()
        salt = 0
        tag = _tag(match.group(1), glyphs, salt)
        while tag in used:  # a collision is unlikely; keep the tags unique anyway
            salt += 1
            tag = _tag(match.group(1), glyphs, salt)
        used.add(tag)
        new = f"{tag}+{match.group(1)}"
        renamed[base] = new
        font.BaseFont = pikepdf.Name("/" + new)
        descriptor.FontName = pikepdf.Name("/" + new)
        if "/ToUnicode" in font:
            cmap = font.ToUnicode
            cmap.write(cmap.read_bytes().replace(base.encode(), new.encode()))
    return renamed
