"""The EPUB package's metadata: Dublin Core, contributors, accessibility.

Takes the ebooklib ``EpubBook`` being assembled, the ``Document`` and the
facts the build established (identifier, pagination source, whether the
book has a page-list, footnotes, a user's cover, and the machine checks'
failures); adds the metadata. Accessibility follows EPUB Accessibility 1.1
as DAISY Ace reads it: schema.org properties, the pagination source as
``pageBreakSource`` and as a ``dc:source`` refined ``source-of pagination``,
and a ``dcterms:conformsTo`` claim only when the checks found nothing and a
publisher stands behind it (``a11y:certifiedBy``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ebooklib import epub

from layout_studio.export.epub.conformance import CONFORMS_TO
from layout_studio.model.document import Document, rights_holders

_LANGUAGES = {"fr": "français", "en": "anglais", "de": "allemand", "es": "espagnol"}
_LANGUAGES |= {"it": "italien", "pt": "portugais", "nl": "néerlandais", "br": "breton"}


@dataclass(frozen=True)
class Facts:
    """What the build knows about the book when it writes the metadata."""

    identifier: str
    language: str
    page_source: str  # the print edition: "urn:isbn:…" or a description
    has_pages: bool
    has_notes: bool
    user_cover: bool
    failures: Sequence[str]  # machine-checked WCAG failures; empty → conformance claimed


def file_as(name: str) -> str:
    """Sort form of a name: "Marie Dupont" → "Dupont, Marie"; single names unchanged."""
    words = name.split()
    if len(words) == 2 and all(w[:1].isupper() for w in words):
        return f"{words[1]}, {words[0]}"
    return name


def conforms(document: Document, facts: Facts) -> bool:
    """Whether to claim EPUB Accessibility 1.1 + WCAG 2.1 AA: checks clean, a publisher signs."""
    return not facts.failures and bool((document.metadata.publisher or "").strip())


def features(facts: Facts) -> list[str]:
    """schema.org accessibilityFeature values true of this book."""
    out = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"]
    if facts.has_pages:
        out += ["pageBreakMarkers", "pageNavigation"]
    return [*out, "displayTransformability"]


def summary(document: Document, facts: Facts) -> str:
    """The accessibilitySummary: what a reader who cannot see the page gets, in French."""
    primary = facts.language.split("-")[0].lower()
    language = _LANGUAGES.get(primary, f"langue « {facts.language} »")
    cover = "l’image de couverture fournie" if facts.user_cover else "la couverture typographique"
    parts = [
        f"Livre numérique en {language}, en texte recomposable : la police, la taille, "
        "l’interligne et les couleurs suivent les réglages de la liseuse, et tout le contenu "
        "se lit sans la vue, y compris en synthèse vocale.",
        "Navigation : table des matières, repères, titres structurés et ordre de lecture "
        "identique à celui de l’édition imprimée.",
    ]
    if facts.has_pages:
        parts.append(
            "Chaque page de l’édition imprimée est repérée (liste des pages et marqueurs de "
            "saut de page), ce qui permet de suivre une citation ou un cours."
        )
    if facts.has_notes:
        parts.append("Les appels de note sont des liens vers leur note.")
    parts.append(f"Un texte de remplacement décrit {cover} ; aucune autre image.")
    parts.append("Aucun danger connu : ni clignotement, ni son, ni animation.")
    if conforms(document, facts):
        parts.append(
            "Conforme à EPUB Accessibility 1.1 et aux WCAG 2.1 niveau AA, "
            f"déclaré par {document.metadata.publisher}."
        )
    elif facts.failures:
        parts.append(
            f"Aucune conformité déclarée : {len(facts.failures)} point(s) WCAG non respecté(s)."
        )
    else:
        parts.append("Aucune conformité déclarée : aucun éditeur n’en répond.")
    return " ".join(parts)


def rights_statement(document: Document) -> str | None:
    """``dc:rights``: the project's ``rights``, else the colophon's copyright line."""
    meta = document.metadata
    if meta.rights:
        return meta.rights
    year = (meta.date or "")[:4]
    if not year:
        return None
    return f"© {year}, {rights_holders(len(document.contributors))}."


def add_metadata(pkg: epub.EpubBook, document: Document, facts: Facts) -> None:
    """Every metadata element of the package, in a fixed order."""
    meta = document.metadata
    # Name the tool that made the book, not the library version (golden files stay put).
    pkg.set_unique_metadata(
        "OPF", "generator", "", {"name": "generator", "content": "Layout Studio"}
    )
    pkg.set_identifier(facts.identifier)
    if facts.identifier.startswith("urn:isbn:"):  # ONIX code list 5: 15 = ISBN-13
        pkg.add_metadata(
            None,
            "meta",
            "15",
            {"refines": "#id", "property": "identifier-type", "scheme": "onix:codelist5"},
        )
    pkg.title = meta.title
    pkg.set_language(facts.language)
    pkg.add_metadata("DC", "title", meta.title, {"id": "title"})
    pkg.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if meta.subtitle:
        pkg.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        pkg.add_metadata(
            None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"}
        )
    declared = {c.name.casefold(): c for c in meta.contributors}
    for n, c in enumerate(document.ordered_contributors, start=1):
        known = declared.get(c.name.casefold())
        ident = f"creator-{n:02d}"
        pkg.add_metadata("DC", "creator", c.name, {"id": ident})
        role = known.role if known else "aut"
        pkg.add_metadata(
            None,
            "meta",
            role,
            {"refines": f"#{ident}", "property": "role", "scheme": "marc:relators"},
        )
        sort_as = known.file_as if known and known.file_as else file_as(c.name)
        pkg.add_metadata(None, "meta", sort_as, {"refines": f"#{ident}", "property": "file-as"})
    if meta.publisher:
        pkg.add_metadata("DC", "publisher", meta.publisher)
    if meta.date:
        pkg.add_metadata("DC", "date", meta.date)
    if meta.description:
        pkg.add_metadata("DC", "description", meta.description)
    for subject in meta.subjects:
        pkg.add_metadata("DC", "subject", subject)
    if meta.series:  # EPUB 3 collections: a series, with the book's place in it
        pkg.add_metadata(
            None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"}
        )
        pkg.add_metadata(
            None, "meta", "series", {"refines": "#series", "property": "collection-type"}
        )
        if meta.series_number:
            pkg.add_metadata(
                None,
                "meta",
                meta.series_number,
                {"refines": "#series", "property": "group-position"},
            )
    rights = rights_statement(document)
    if rights:
        pkg.add_metadata("DC", "rights", rights)
    # The print edition the page-list comes from (EPUB Accessibility 1.1, both forms Ace reads).
    pkg.add_metadata("DC", "source", facts.page_source, {"id": "print-source"})
    if facts.has_pages:
        pkg.add_metadata(
            None, "meta", "pagination", {"refines": "#print-source", "property": "source-of"}
        )
        pkg.add_metadata(None, "meta", facts.page_source, {"property": "pageBreakSource"})
    props = [("schema:accessMode", "textual"), ("schema:accessMode", "visual")]
    props.append(("schema:accessModeSufficient", "textual"))
    props += [("schema:accessibilityFeature", f) for f in features(facts)]
    props.append(("schema:accessibilityHazard", "none"))
    props.append(("schema:accessibilitySummary", summary(document, facts)))
    if conforms(document, facts):
        props.append(("dcterms:conformsTo", CONFORMS_TO))
        props.append(("a11y:certifiedBy", (meta.publisher or "").strip()))
    for prop, value in props:
        pkg.add_metadata(None, "meta", value, {"property": prop})
    pkg.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
