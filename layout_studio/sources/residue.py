"""Recognise web and social-media residue in a page copied from a browser.

Takes one line of text; gives the kind of residue it is ("partage",
"cookies", "lien", "widget"…) or ``None`` when it is text. The importer sets
residue aside and lists it in the report: it is never deleted silently.

A line is residue when it is made only of known widget words ("Partager",
"Facebook Twitter", "Tweet", "J'aime", "Lire la suite", "background
preloader"…), when it is a cookie banner, a breadcrumb ("Accueil ›
Actualités") or a "Lire aussi : …" link.
Words such as "Menu" or "E-mail" count only next to a stronger one, so a
one-word paragraph of real text is kept.
"""

from __future__ import annotations

#: Phrases that are residue on their own (casefolded, straight apostrophes).
_STRONG = {
    "partager": "partage",
    "partagez": "partage",
    "partager cet article": "partage",
    "partager la publication": "partage",
    "partager sur facebook": "partage",
    "partager sur twitter": "partage",
    "partager sur x": "partage",
    "partager sur linkedin": "partage",
    "partager sur whatsapp": "partage",
    "partager par e-mail": "partage",
    "cliquer pour partager": "partage",
    "share": "partage",
    "facebook": "réseaux sociaux",
    "twitter": "réseaux sociaux",
    "linkedin": "réseaux sociaux",
    "pinterest": "réseaux sociaux",
    "whatsapp": "réseaux sociaux",
    "instagram": "réseaux sociaux",
    "messenger": "réseaux sociaux",
    "reddit": "réseaux sociaux",
    "tumblr": "réseaux sociaux",
    "tweet": "réseaux sociaux",
    "tweeter": "réseaux sociaux",
    "j'aime": "réseaux sociaux",
    "j'aime pas": "réseaux sociaux",
    "like": "réseaux sociaux",
    "chargement": "widget",
    "chargement…": "widget",
    "chargement...": "widget",
    "loading": "widget",
    "loading...": "widget",
    "background preloader": "widget",
    "preloader": "widget",
    "lire la suite": "lien",
    "articles similaires": "lien",
    "articles liés": "lien",
    "sur le même sujet": "lien",
    "dans la même rubrique": "lien",
    "vous aimerez aussi": "lien",
    "lire plus": "lien",
    "read more": "lien",
    "laisser un commentaire": "commentaires",
    "ajouter un commentaire": "commentaires",
    "écrire un commentaire": "commentaires",
    "abonnez-vous": "abonnement",
    "abonnez-vous à la newsletter": "abonnement",
    "s'abonner": "abonnement",
    "s'abonner à la newsletter": "abonnement",
    "inscrivez-vous à la newsletter": "abonnement",
    "suivez-nous": "réseaux sociaux",
    "retour en haut": "navigation",
    "retour en haut de page": "navigation",
    "haut de page": "navigation",
    "imprimer cet article": "partage",
    "imprimer la recette": "partage",
    "épingler": "partage",
    "pin it": "partage",
    "copier le lien": "partage",
}
#: Phrases that are residue only next to another residue phrase.
_WEAK = {
    "e-mail",
    "email",
    "mail",
    "imprimer",
    "envoyer",
    "commentaires",
    "commentaire",
    "menu",
    "accueil",
    "rechercher",
    "newsletter",
    "publicité",
    "répondre",
    "suivre",
    "voir plus",
    "sur",
    "x",
    "ok",
}
_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _kind in sorted(
    {**_STRONG, **dict.fromkeys(_WEAK, "")}.items(), key=lambda item: -len(item[0].split())
):
    _PHRASES.setdefault(_phrase.split()[0], []).append((tuple(_phrase.split()), _kind))
_SEPARATORS = str.maketrans(dict.fromkeys("|•·:›»«/()[]", " "))
_CALLS_TO_SUBSCRIBE = ("recevez ", "inscrivez-vous ", "abonnez-vous ", "inscrivez-vous à")
_BREADCRUMB_SEPARATORS = ("›", ">", "»", "/", "|")
_RELATED = ("lire aussi", "à lire aussi", "voir aussi", "lire également", "à lire également")
_COOKIE_HINTS = (
    "accepter",
    "accepte",
    "acceptez",
    "consentement",
    "navigation",
    "en poursuivant",
    "ce site utilise",
    "nous utilisons",
    "paramétrer",
    "refuser",
    "politique de confidentialité",
)
_MAX_WIDGET_LINE = 160
_MAX_COOKIE_LINE = 500


def _normalise(line: str) -> str:
    return " ".join(line.casefold().replace("’", "'").split())


def residue_kind(line: str) -> str | None:
    """The kind of web residue ``line`` is, or ``None`` for text.

    ``""`` marks words that are residue only next to residue ("E-mail",
    "Newsletter"); ``spread_residue`` settles them.
    """
    text = _normalise(line)
    if not text:
        return None
    cookie_banner = "cookie" in text and len(text) <= _MAX_COOKIE_LINE
    if cookie_banner and any(hint in text for hint in _COOKIE_HINTS):
        return "cookies"
    if len(text) > _MAX_WIDGET_LINE:
        return None
    if text.startswith(_CALLS_TO_SUBSCRIBE):
        return "abonnement"  # "Recevez chaque semaine l'essentiel…"
    if text.startswith("accueil") and any(sep in text for sep in _BREADCRUMB_SEPARATORS):
        return "navigation"  # "Accueil › Actualités › Solidarité"
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and head.strip() in _RELATED:
        return "lien"
    tokens = text.translate(_SEPARATORS).split()
    kinds: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i].isdigit():  # share counters: "Partager 34"
            i += 1
            continue
        for phrase, kind in _PHRASES.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                kinds.append(kind)
                i += len(phrase)
                break
        else:
            return None
    strong = [k for k in kinds if k]
    return strong[0] if strong else ""


def spread_residue(kinds: list[str | None], texts: list[str]) -> list[str | None]:
    """Settle the residue of a page's lines (``kinds`` from ``residue_kind``).

    A weak line ("E-mail", "Newsletter") is residue next to residue, however
    many weak lines are chained ("Facebook / E-mail / Imprimer"); blank lines
    are skipped when looking for neighbours. Weak lines left alone are text.
    """
    settled = list(kinds)
    content = [i for i, t in enumerate(texts) if t.strip()]
    # One pass each way: a weak line takes the kind of its residue neighbour.
    for order in (content, content[::-1]):
        previous: str | None = None
        for i in order:
            if settled[i] == "" and previous:
                settled[i] = previous
            previous = settled[i]
    return [k or None for k in settled]
