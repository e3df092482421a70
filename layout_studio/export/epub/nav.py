"""The navigation document and the fonts' licence page, as XHTML.

Takes the ``Writer``, the table of contents, landmarks, page marks and
where each part of the book lives; gives the EPUB 3 nav (toc, landmarks,
page-list) with the list of page targets, and the non-linear page that
carries the embedded fonts' licence texts (linked from the colophon).
"""

from __future__ import annotations

from layout_studio.export.epub.xhtml import PageMark, Writer

CSS_PATH = "styles/book.css"


def licences_body(w: Writer, licences: dict[str, str]) -> str:
    """Each embedded font's licence text, in English as published."""
    parts = ['<section class="licences">\n']
    for name, text in sorted(licences.items()):
        family = name.removesuffix("-licence.txt").replace("-", " ").title()
        parts.append(f"<h1>Licence de la police {w.esc(family)}</h1>\n")
        parts.append('<div lang="en" xml:lang="en">\n')
        for para in text.strip().split("\n\n"):
            parts.append(f"<p>{w.esc(' '.join(para.split()))}</p>\n")
        parts.append("</div>\n")
    return "".join(parts) + "</section>\n"


def nav_document(
    w: Writer,
    toc: list[tuple[str, str]],
    landmarks: list[tuple[str, str, str]],
    marks: list[PageMark],
    where: dict[int, str],
    own_breaks: str,
) -> tuple[bytes, list[str]]:
    """The EPUB 3 navigation document (toc, landmarks, print page-list) and the page targets."""
    toc_items = "".join(f'<li><a href="{h}">{w.esc(t)}</a></li>\n' for h, t in toc)
    land_items = "".join(
        f'<li><a epub:type="{k}" href="{h}">{w.esc(t)}</a></li>\n' for k, h, t in landmarks
    )
    targets: list[str] = []
    page_items = ""
    for m in marks:
        if m.section in where:
            targets.append(f"{where[m.section]}#{m.anchor}")
        elif targets:  # a print page the e-book has no part for (an empty index)
            targets.append(targets[-1])
        else:
            continue
        page_items += f'<li><a href="{targets[-1]}">{w.esc(m.label)}</a></li>\n'

    body = (
        own_breaks + '<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Table des matières</h1>\n'
        f"<ol>\n{toc_items}</ol>\n</nav>\n"
        '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>Repères</h2>\n'
        f"<ol>\n{land_items}</ol>\n</nav>\n"
    )
    if page_items:
        body += (
            '<nav epub:type="page-list" id="page-list" hidden="hidden">\n'
            "<h2>Pages de l’édition imprimée</h2>\n"
            f"<ol>\n{page_items}</ol>\n</nav>\n"
        )
    return w.document("Table des matières", body, css=CSS_PATH).encode("utf-8"), targets
