"""Print-on-demand page rules applied to a typeset book.

Takes the corrected document, its theme (whose ``[print]`` service names the
rules) and the typeset book; gives the book the service accepts: the gutter
its page count calls for (typesetting again when the inner margin must
grow), blank pages at the end up to an even count and at least the
service's minimum (KDP 24, Lulu 32), each change one warning line, and a
warning past the maximum. The generic printer only gets warnings. The book
given is never changed (a padded book is a copy): the export, the command
line's and the app's, and the live preview apply the same rules.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from layout_studio.layout.page import Page, TypesetDocument
from layout_studio.layout.typeset import typeset
from layout_studio.model.document import Document
from layout_studio.style.theme import Theme
from layout_studio.style.units import MM


def widen_gutter(theme: Theme, gutter: float) -> Theme:
    """``theme`` with an inner margin of ``gutter``."""
    return dataclasses.replace(theme, page=dataclasses.replace(theme.page, inner=gutter))


def apply_service(
    document: Document,
    theme: Theme,
    book: TypesetDocument,
    byline: str | None = None,
    *,
    widen: Callable[[Theme, float], Theme] = widen_gutter,
    setter: Callable[[Document, Theme, str | None], TypesetDocument] | None = None,
) -> tuple[Theme, TypesetDocument, list[str]]:
    """The theme and book fitted to the service's page-count rules, and the warnings.

    ``book`` itself is left as it was: a padded book is a copy. ``widen`` and
    ``setter`` (``typeset`` by default) make and set the theme with a wider
    gutter: the live preview keeps the widened theme and its own layout memo
    from one build to the next.
    """
    svc = theme.printing.service
    notes: list[str] = []
    if svc.key == "generic":
        if book.page_count % 2:
            notes.append(
                f"{book.page_count} pages : nombre impair, l’imprimeur ajoutera une page blanche"
            )
        return theme, book, notes
    for _attempt in range(2):  # a wider gutter may push the book into the next bracket
        gutter = svc.gutter_for(book.page_count)
        if gutter <= theme.page.inner + 0.01:
            break
        notes.append(
            f"marge intérieure portée de {theme.page.inner / MM:.1f} à {gutter / MM:.1f} mm "
            f"(minimum {svc.label} pour {book.page_count} pages)"
        )
        theme = widen(theme, gutter)
        book = (
            setter(document, theme, byline) if setter else typeset(document, theme, byline=byline)
        )
    count = book.page_count
    target = max(count + (count % 2 if svc.even_pages else 0), svc.min_pages)
    if target > count:
        # A copy: the book given may be the preview's, shown meanwhile.
        book = dataclasses.replace(book, pages=list(book.pages))
        pad_with_blank_pages(book, target)
        why = (
            f"le minimum du service {svc.label}"
            if target == svc.min_pages and count < svc.min_pages
            else "un nombre pair"
        )
        notes.append(
            f"{count} pages : {target - count} page(s) blanche(s) ajoutée(s) à la fin "
            f"pour atteindre {why} ({target} pages)"
        )
    if book.page_count > svc.max_pages:
        notes.append(
            f"{book.page_count} pages : plus que le maximum du service {svc.label} "
            f"({svc.max_pages})"
        )
    return theme, book, notes


def pad_with_blank_pages(book: TypesetDocument, total: int) -> None:
    """Blank pages at the end until the book has ``total`` pages (folios go on counting)."""
    while book.page_count < total:
        last = book.pages[-1]
        folio = str(int(last.folio) + 1) if last.folio.isdigit() else ""
        book.pages.append(Page(len(book.pages), last.width, last.height, folio, "blank"))
