"""The jury's contact sheet: one A4 landscape page per entry, then a ranking page.

Takes the batch's entry results (with their PNG thumbnails drawn from the
engine's page model); gives a PDF: per entry, the entrant's name, the
cover, the opening and a middle spread, theme, trim size, page count and
the quality figures; last, the entries ranked by those figures (a help for
the jury, not a verdict). Written atomically, reproducible with
``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from layout_studio.batch.quality import penalty
from layout_studio.io.atomic import atomic_write_bytes
from layout_studio.text.fonts import find_face

FIGURES = (  # key, label, column heading
    ("overfull_lines", "lignes trop longues", "Trop longues"),
    ("widows", "veuves", "Veuves"),
    ("orphans", "orphelines", "Orphelines"),
    ("hyphenated_lines", "fins de ligne coupées", "Coupures"),
    ("longest_hyphen_run", "plus longue suite de coupures", "Suite max"),
    ("loose_lines", "lignes lâches", "Lâches"),
    ("word_space_spread", "écart des espaces", "Écart"),
)


def _fonts() -> tuple[str, str]:
    names = []
    for style, alias in (("regular", "LSSheet"), ("bold", "LSSheet-Bold")):
        if alias not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(alias, str(find_face("Source Sans Pro", style).path)))
        names.append(alias)
    return names[0], names[1]


def _image(c: canvas.Canvas, data: bytes, x: float, y: float, max_w: float, max_h: float) -> None:
    reader = ImageReader(io.BytesIO(data))
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h)
    c.drawImage(reader, x, y + max_h - h * scale, w * scale, h * scale)
    c.setLineWidth(0.3)
    c.rect(x, y + max_h - h * scale, w * scale, h * scale)


def render_contact_sheet(entries: list[dict[str, Any]], title: str = "Planche contact") -> bytes:
    """The contact sheet's PDF bytes."""
    regular, bold = _fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("Layout Studio")
    margin = 28.0
    for number, entry in enumerate(entries, start=1):
        c.setFont(bold, 16)
        c.drawString(
            margin, height - margin - 12, f"{number}. {entry.get('entrant') or entry['name']}"
        )
        c.setFont(regular, 9)
        c.drawRightString(width - margin, height - margin - 10, entry["name"])
        if entry["status"] != "ok":
            c.setFont(bold, 12)
            c.setFillColorRGB(0.7, 0.1, 0.1)
            c.drawString(margin, height - margin - 44, "Entrée en échec")
            c.setFont(regular, 10)
            c.drawString(margin, height - margin - 62, str(entry.get("error") or "")[:150])
            c.setFillColorRGB(0, 0, 0)
            c.showPage()
            continue
        thumbs = entry.get("_thumbs", {})
        top = height - margin - 30
        row_h = (top - margin) / 2 - 8
        if "cover" in thumbs:
            _image(c, thumbs["cover"], margin, top - row_h * 2 - 8, 170, row_h * 2)
        left = margin + 185
        spread_w = width - left - margin - 210
        for k, key in enumerate(("opening", "middle")):
            if key in thumbs:
                _image(c, thumbs[key], left, top - (k + 1) * row_h - k * 8, spread_w, row_h)
        x = width - margin - 195
        y = top - 4
        c.setFont(bold, 10)
        for label, value in (
            ("Titre", entry.get("title", "")),
            ("Thème", entry.get("theme", "")),
            ("Format", entry.get("trim", "")),
            ("Pages", str(entry.get("pages", ""))),
        ):
            c.setFont(bold, 9)
            c.drawString(x, y, label)
            c.setFont(regular, 9)
            c.drawString(x + 48, y, str(value)[:38])
            y -= 14
        y -= 8
        c.setFont(bold, 10)
        c.drawString(x, y, "Qualité de composition")
        y -= 14
        figures = entry.get("quality", {})
        for key, label, _heading in FIGURES:
            c.setFont(regular, 9)
            c.drawString(x, y, label)
            c.drawRightString(x + 190, y, str(figures.get(key, "—")))
            y -= 12
        c.showPage()
    # Ranking page.
    c.setFont(bold, 16)
    c.drawString(margin, height - margin - 12, "Classement par qualité de composition")
    c.setFont(regular, 9)
    c.drawString(
        margin,
        height - margin - 28,
        "Une aide au jury, pas un verdict : moins de lignes trop longues, veuves, orphelines, "
        "coupures en série et lignes lâches, et un gris plus régulier, font un score plus bas.",
    )
    ranked = sorted(
        (e for e in entries if e["status"] == "ok"),
        key=lambda e: (penalty(e["quality"]), e["name"]),
    )
    columns = [("Rang", 0), ("Entrée", 34), ("Thème", 250), ("Pages", 350)]
    columns += [(heading, 395 + 52 * i) for i, (_k, _l, heading) in enumerate(FIGURES)]
    y = height - margin - 56
    c.setFont(bold, 8)
    for label, dx in columns:
        c.drawString(margin + dx, y, label)
    c.drawString(margin + 395 + 52 * len(FIGURES), y, "Score")
    c.setFont(regular, 8)
    for rank, entry in enumerate(ranked, start=1):
        y -= 13
        if y < margin:
            c.showPage()
            c.setFont(regular, 8)
            y = height - margin - 20
        values = [
            str(rank),
            str(entry.get("entrant") or entry["name"])[:40],
            str(entry.get("theme", "")),
            str(entry.get("pages", "")),
        ]
        values += [str(entry["quality"].get(k, "")) for k, _l, _h in FIGURES]
        for (_label, dx), value in zip(columns, values, strict=True):
            c.drawString(margin + dx, y, value)
        c.drawString(margin + 395 + 52 * len(FIGURES), y, f"{penalty(entry['quality']):.1f}")
    failed = [e for e in entries if e["status"] != "ok"]
    if failed:
        y -= 22
        c.setFont(bold, 9)
        c.drawString(margin, y, f"Entrées en échec ({len(failed)}) :")
        c.setFont(regular, 8)
        for entry in failed:
            y -= 12
            c.drawString(margin + 10, y, f"{entry['name']} — {str(entry.get('error'))[:130]}")
    c.showPage()
    c.save()
    return buffer.getvalue()


def write_contact_sheet(entries: list[dict[str, Any]], path: str | Path) -> Path:
    """Write the contact sheet atomically."""
    return atomic_write_bytes(path, render_contact_sheet(entries))
