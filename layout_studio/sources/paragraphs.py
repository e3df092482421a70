"""Cut a raw page into paragraphs: hard-wrapped lines joined, web residue set aside.

Takes the page's text; gives its paragraphs (each with the line and offset
where it starts) and the residue lines set aside ("Partager", "Facebook
Twitter", cookie banners…), which the importer lists in its report.

Hard wrapping is detected on the whole page: 80 % of the lines are under
100 characters and 40 % of them stop mid-sentence. In a hard-wrapped page,
lines are joined into paragraphs; a paragraph ends at a blank line, before a
line opening with a dash or a bullet, and after a line the next word would
have fitted on (the writer broke it on purpose: a short last line, a title),
and after a one-line reply closed by its incise ("— On ne lâchera rien,
promet la capitaine." is whole; "— Par hasard. Un soir…" may go on).
A hyphen ending a line is kept and glued
to the next line ("Seine-Maritime").
Otherwise each line is a paragraph, as in a page copied from a browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout_studio.sources.residue import residue_kind, spread_residue
from layout_studio.sources.titles import is_title_line

#: Lines longer than this are never hard-wrapped ones.
MAX_WRAPPED_LINE = 100
#: A line shorter than this share of the wrap width, with room for the next word, ends a paragraph.
SHORT_LINE = 0.75

_COMMENT_RESIDUE = re.compile(r"^(?:Répondre\s*Supprimer|Reply\s*Delete)\s*")
_TERMINAL = (".", "!", "?", "…", ":", "»", '"', "”", ")")
_BULLETS = ("- ", "– ", "— ", "• ", "* ", "· ")
# Verbs of saying that open an incise, present and simple past, third person.
_SAYING = (
    "dit|répond|répondit|promet|promit|lance|lança|explique|expliqua|confie|confia|"
    "ajoute|ajouta|assure|assura|résume|résuma|précise|précisa|conclut|raconte|"
    "raconta|reconnaît|reconnut|insiste|insista|murmure|murmura|crie|cria|demande|"
    "demanda|poursuit|poursuivit|glisse|glissa|note|nota|rappelle|rappela|souligne|"
    "souligna|souffle|souffla|sourit|plaisante|plaisanta|avoue|avoua|estime|estima|"
    "martèle|martela|prévient|prévint|tranche|trancha|ironise|ironisa|commente|"
    "commenta|affirme|affirma|déclare|déclara|réplique|répliqua|rétorque|rétorqua|"
    "soupire|soupira|admet|admit|confirme|confirma|annonce|annonça|lâche|lâcha|"
    "s[’']exclame|s[’']exclama|s[’']écrie|s[’']écria|s[’']amuse|s[’']amusa|"
    "s[’']emporte|s[’']emporta|s[’']inquiète|s[’']inquiéta"
)
_INCISE = re.compile(rf", (?:{_SAYING})(?:-t)?(?:-(?:il|elle|on|ils|elles))?(?![\w’'-])")
_SENTENCE_END = ".!?…"


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A paragraph of the raw page and where it starts."""

    text: str
    line: int  # 1-based line of the first character
    offset: int  # offset of the first character in the whole text
    residue: str = ""  # blog-comment widget residue cut from the start ("RépondreSupprimer")


@dataclass(slots=True)
class ResidueLines:
    """Consecutive lines of web residue, set aside."""

    kind: str
    first_line: int
    last_line: int
    lines: list[str]

    @property
    def text(self) -> str:
        """The lines, one per line."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    offset: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()


def split_paragraphs(text: str) -> tuple[list[RawParagraph], list[ResidueLines], bool]:
    """The page's paragraphs, its residue, and whether it was hard-wrapped."""
    lines: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), 1):
        lines.append(_Line(number, offset, raw))
        offset += len(raw) + 1
    kinds = spread_residue(
        [residue_kind(ln.raw) if ln.text else None for ln in lines], [ln.raw for ln in lines]
    )
    content = [ln for ln, kind in zip(lines, kinds, strict=True) if ln.text and not kind]
    wrapped = is_hard_wrapped([ln.text for ln in content])
    width = wrap_width([ln.text for ln in content])

    paras: list[RawParagraph] = []
    residue: list[ResidueLines] = []
    current: list[_Line] = []

    def close() -> None:
        if current:
            paras.append(_make_para(current))
            current.clear()

    for ln, kind in zip(lines, kinds, strict=True):
        if kind:
            close()
            last = residue[-1] if residue else None
            gap = lines[last.last_line : ln.number - 1] if last else []
            if last and all(not g.text for g in gap):
                last.last_line = ln.number
            else:
                residue.append(ResidueLines(kind, ln.number, ln.number, []))
            residue[-1].lines.append(ln.text)
            continue
        if not ln.text:
            close()
            continue
        if current and (
            not wrapped
            or _ends_paragraph(current[-1].text, ln.text, width)
            or (len(current) == 1 and _whole_reply(current[0].text))
            or (not paras and len(current) == 1 and _title_above(current[0].text, ln.text, width))
        ):
            close()
        current.append(ln)
    close()
    return [p for p in paras if p.text or p.residue], residue, wrapped


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when the page's lines were broken at a fixed width, not at paragraph ends.

    Most lines are short, and many stop mid-sentence: a page of one-sentence
    lines is not hard-wrapped, even with blank lines between them.
    """
    if len(lines) < 3:
        return False
    short = sum(len(ln) <= MAX_WRAPPED_LINE for ln in lines)
    if short < 0.8 * len(lines):
        return False
    open_ended = sum(not ln.endswith(_TERMINAL) for ln in lines[:-1])
    return open_ended >= 0.4 * (len(lines) - 1)


def wrap_width(lines: list[str]) -> int:
    """The width the page was wrapped at: its longest usual line (95th percentile)."""
    lengths = sorted(len(ln) for ln in lines if len(ln) <= MAX_WRAPPED_LINE)
    if not lengths:
        return MAX_WRAPPED_LINE
    return lengths[int(0.95 * (len(lengths) - 1))]


def _ends_paragraph(line: str, following: str, width: int) -> bool:
    """True when the break between ``line`` and ``following`` was made on purpose."""
    if following.startswith(_BULLETS):
        return True
    next_word = following.split(maxsplit=1)[0]
    fits = len(line) + 1 + len(next_word)
    if fits <= SHORT_LINE * width:
        return True
    return line.endswith(_TERMINAL) and fits <= width


def _whole_reply(line: str) -> bool:
    """True for "— reply, verb of saying …." as one sentence on one wrapped line."""
    if len(line) > MAX_WRAPPED_LINE or not line.startswith(("— ", "– ", "- ")):
        return False
    body = line.rstrip('»”"')
    if not body or body[-1] not in _SENTENCE_END:
        return False
    if any(c in _SENTENCE_END for c in body[:-1]):
        return False  # "— Oui, dit-il. Il sortit." may go on
    return _INCISE.search(body) is not None


def _title_above(line: str, following: str, width: int) -> bool:
    """True when the page's first line is a title set directly above the text."""
    next_word = following.split(maxsplit=1)[0]
    return len(line) + 1 + len(next_word) <= width and is_title_line(line, [following])


def _make_para(lines: list[_Line]) -> RawParagraph:
    first = lines[0]
    start = first.offset + len(first.raw) - len(first.raw.lstrip())
    text = lines[0].text
    for ln in lines[1:]:
        # "Seine-" at a line's end, "Maritime" on the next: one compound word.
        glued = text[-1:] == "-" and text[-2:-1].isalpha() and ln.text[:1].isalpha()
        text += ln.text if glued else " " + ln.text
    m = _COMMENT_RESIDUE.match(text)
    if m:
        return RawParagraph(text[m.end() :], first.number, start + m.end(), residue=m.group(0))
    return RawParagraph(text, first.number, start)
