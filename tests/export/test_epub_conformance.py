"""WCAG machine checks behind the EPUB's conformance claim: each check sees its failure."""

from __future__ import annotations

import pytest

from layout_studio.export.epub.conformance import (
    check_content,
    contrast_ratio,
    valid_language,
)

X = 'xmlns="http://www.w3.org/1999/xhtml"'


def _doc(body: str, lang: str = "fr") -> str:
    return (
        f'<html {X} xml:lang="{lang}" lang="{lang}"><head><title>t</title></head>'
        f"<body>{body}</body></html>"
    )


GOOD = [
    ("text/a.xhtml", _doc('<h1 id="t">Titre</h1><h2>Partie</h2><p id="p1">x</p>')),
    ("text/b.xhtml", _doc('<img src="i.jpg" alt="Une image"/><p id="p2">y</p>')),
]


def _check(docs=GOOD, toc=("text/a.xhtml", "text/b.xhtml"), pages=(), lang="fr", colours=None):
    return check_content(list(docs), list(toc), list(pages), lang, colours or {})


def test_clean_book_passes():
    assert _check(pages=["text/a.xhtml#p1", "text/b.xhtml#p2"]) == []


def test_contrast_ratio_matches_wcag_definition():
    # WCAG 2.1 defines black on white as 21:1 and a colour on itself as 1:1.
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((0.5, 0.2, 0.1), (0.5, 0.2, 0.1)) == pytest.approx(1.0)
    # #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
    assert contrast_ratio((0x76 / 255,) * 3, (1, 1, 1)) >= 4.5
    assert contrast_ratio((0x77 / 255,) * 3, (1, 1, 1)) < 4.5


def test_low_contrast_colour_fails():
    out = _check(colours={"des mentions": (0x77 / 255,) * 3, "ok": (0.1, 0.1, 0.1)})
    assert len(out) == 1 and "contraste" in out[0] and "des mentions" in out[0]


def test_language_of_page_and_parts():
    assert valid_language("fr") and valid_language("fr-FR") and valid_language("de-CH-1901")
    assert not valid_language("français") and not valid_language("") and not valid_language("f")
    assert _check(lang="français")  # the book's own language tag
    wrong_page = [("text/a.xhtml", _doc("<p>x</p>", lang="en")), GOOD[1]]
    assert any("3.1.1" in f for f in _check(docs=wrong_page))
    part = _doc('<p><span lang="en" xml:lang="en">hello</span> <span lang="xx!">y</span></p>')
    out = _check(docs=[("text/a.xhtml", part), GOOD[1]])
    assert len(out) == 1 and "3.1.2" in out[0]


def test_headings_in_order():
    skipped = _doc("<h1>Titre</h1><h3>Trop bas</h3>")
    assert any("niveau sauté" in f for f in _check(docs=[("text/a.xhtml", skipped), GOOD[1]]))
    empty = _doc("<h1> </h1>")
    assert any("vide" in f for f in _check(docs=[("text/a.xhtml", empty), GOOD[1]]))


def test_images_need_alternative_text():
    for img in ('<img src="c.jpg"/>', '<img src="c.jpg" alt=" "/>'):
        out = _check(docs=[GOOD[0], ("text/b.xhtml", _doc(img))])
        assert len(out) == 1 and "1.1.1" in out[0]
    decorative = _doc('<img src="c.jpg" alt="" role="presentation"/>')
    assert _check(docs=[GOOD[0], ("text/b.xhtml", decorative)]) == []


def test_reading_order_of_toc_and_page_list():
    assert any("en arrière" in f for f in _check(toc=["text/b.xhtml", "text/a.xhtml"]))
    backwards = ["text/b.xhtml#p2", "text/a.xhtml#p1"]
    assert any("liste des pages" in f for f in _check(pages=backwards))
    assert any("introuvable" in f for f in _check(pages=["text/a.xhtml#nope"]))
