"""Machine checks of the EPUB's content against WCAG 2.1 AA, before claiming conformance.

Takes the content documents as (file name, XHTML) in spine order, the
navigation document's table of contents and page-list targets, the book's
language and the text colours the style sheet sets; gives the list of
failures, one French line each. An empty list is what allows the package
to declare ``dcterms:conformsTo`` "EPUB Accessibility 1.1 - WCAG 2.1 Level
AA": the claim is computed, never assumed. The checks are those a machine
can make: language of the page and of its parts (3.1.1, 3.1.2), headings
in order (1.3.1, 2.4.6), text alternatives (1.1.1), contrast of the text
colours on the default white page (1.4.3) and a reading order that the
table of contents and the page-list follow (1.3.2, 2.4.3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from layout_studio.style.theme import RGB

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
MIN_CONTRAST = 4.5  # WCAG 2.1 SC 1.4.3, normal-size text
WHITE: RGB = (1.0, 1.0, 1.0)
_XHTML = "{http://www.w3.org/1999/xhtml}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# BCP 47 language tag, the shapes readers and screen readers understand.
_BCP47 = re.compile(
    r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"
)


def relative_luminance(colour: RGB) -> float:
    """WCAG relative luminance of an sRGB colour given as 0–1 channels."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(max(0.0, min(1.0, c))) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fore: RGB, back: RGB) -> float:
    """WCAG contrast ratio, from 1 (same colour) to 21 (black on white)."""
    a, b = sorted((relative_luminance(fore), relative_luminance(back)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def valid_language(tag: str) -> bool:
    """``tag`` has the shape of a BCP 47 language tag (``fr``, ``fr-FR``, ``de-CH-1901``)."""
    return _BCP47.fullmatch(tag) is not None


def check_content(
    docs: Sequence[tuple[str, str]],
    toc: Sequence[str],
    page_targets: Sequence[str],
    language: str,
    colours: dict[str, RGB],
) -> list[str]:
    """Every failure of the machine-checkable WCAG criteria; empty when the book passes."""
    failures: list[str] = []
    if not valid_language(language):
        failures.append(f"langue « {language} » : pas une étiquette BCP 47 (WCAG 3.1.1)")
    ids: dict[str, list[str]] = {}
    for name, xhtml in docs:
        root = ET.fromstring(xhtml)
        ids[name] = [el.get("id", "") for el in root.iter() if el.get("id")]
        failures += _language(name, root, language)
        failures += _headings(name, root)
        failures += _images(name, root)
    for label, colour in colours.items():
        ratio = contrast_ratio(colour, WHITE)
        if ratio < MIN_CONTRAST:
            failures.append(
                f"couleur {label} : contraste {ratio:.2f}:1 sur fond blanc, "
                f"{MIN_CONTRAST}:1 au moins (WCAG 1.4.3)"
            )
    failures += _order("table des matières", toc, ids)
    failures += _order("liste des pages", page_targets, ids)
    return failures


def _language(name: str, root: ET.Element, language: str) -> list[str]:
    out = []
    if root.get(_XML_LANG) != language or root.get("lang") != language:
        out.append(f"{name} : langue du document absente ou différente de « {language} » (3.1.1)")
    for el in root.iter():
        lang, xml_lang = el.get("lang"), el.get(_XML_LANG)
        if lang is None and xml_lang is None:
            continue
        if lang != xml_lang or not valid_language(lang or ""):
            tag = el.tag.removeprefix(_XHTML)
            out.append(f"{name} : <{tag}> langue « {lang} » / « {xml_lang} » invalide (3.1.2)")
    return out


def _headings(name: str, root: ET.Element) -> list[str]:
    out = []
    previous = 0
    for el in root.iter():
        tag = el.tag.removeprefix(_XHTML)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            level = int(tag[1])
            if level > previous + 1:
                out.append(f"{name} : titre <{tag}> après <h{previous}> (niveau sauté, 1.3.1)")
            if not "".join(el.itertext()).strip():
                out.append(f"{name} : titre <{tag}> vide (2.4.6)")
            previous = level
    return out


def _images(name: str, root: ET.Element) -> list[str]:
    out = []
    for el in root.iter(f"{_XHTML}img"):
        decorative = el.get("role") in ("presentation", "none")
        alt = el.get("alt")
        if alt is None or (not alt.strip() and not decorative):
            out.append(f"{name} : image {el.get('src')} sans texte de remplacement (1.1.1)")
    return out


def _order(what: str, hrefs: Sequence[str], ids: dict[str, list[str]]) -> list[str]:
    """Each link of ``hrefs`` lands after the previous one in the reading order."""
    order = list(ids)
    last = (-1, -1)
    for href in hrefs:
        name, _, fragment = href.partition("#")
        if name not in ids or (fragment and fragment not in ids[name]):
            return [f"{what} : cible {href} introuvable (2.4.3)"]
        here = (order.index(name), ids[name].index(fragment) if fragment else -1)
        if here < last:
            return [f"{what} : {href} revient en arrière dans l’ordre de lecture (1.3.2)"]
        last = here
    return []
