"""Find passages of a French text that are clearly English, to propose ``{lang=en}``.

Takes a paragraph's text; gives the passages (start, end, excerpt) that read
as English: a quotation or a whole paragraph of at least four words with
several English function words and no French ones. Loan words ("Community
Manager", "brainstorming") have no function words, so they are never taken.
``propose_english`` notes them in the import report (any format); never applied.
"""

from __future__ import annotations

import re

from layout_studio.model import Contribution, Document, Mark, Paragraph, Text
from layout_studio.sources.report import ImportReport

_ENGLISH_WORDS = (
    "the and of to is are was were be been i i’m i'm you your we they it it’s it's "
    "this that these those with for not but my our their have has had do does did "
    "don’t don't can can’t can't will would should could what when where who why "
    "how there here from about at by an am just too"
)
# French function words that are not English words too ("a", "on", "me" are both).
_FRENCH_WORDS = (
    "le la les des du un une et est sont je tu il elle nous vous ils elles que qui "
    "pour pas dans sur avec ce cette ces au aux mais ou où ne se sa son ses leur "
    "c’est c'est j’ai j'ai très plus"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_FRENCH = frozenset(_FRENCH_WORDS.split())
_QUOTED = re.compile(r"«([^«»]{1,2000})»|“([^“”]{1,2000})”|\"([^\"]{1,2000})\"")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ’']+")


def _reads_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 4:
        return False
    english = sum(w in _ENGLISH for w in words)
    french = sum(w in _FRENCH for w in words)
    return french == 0 and english >= 2 and english * 5 >= len(words)


def english_passages(text: str) -> list[tuple[int, int, str]]:
    """Clearly English quotations in ``text``, or the whole text if it is English."""
    if _reads_english(text):
        return [(0, len(text), text)]
    found = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1) or m.group(2) or m.group(3) or ""
        if _reads_english(inner):
            found.append((m.start(), m.end(), inner.strip()))
    return found


def propose_english(document: Document, report: ImportReport) -> None:
    """Add a note to ``report`` for each clearly English passage not yet marked."""
    for section in document.sections:
        for item in section.content:
            blocks = item.blocks if isinstance(item, Contribution) else (item,)
            for block in blocks:
                if not isinstance(block, Paragraph):
                    continue
                texts = [s for s in block.spans if isinstance(s, Text)]
                if any(Mark.LANG_EN in s.marks for s in texts):
                    continue  # the editor already said which part is English
                line = block.source.line if block.source else 0
                for _start, _end, excerpt in english_passages("".join(s.text for s in texts)):
                    short = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
                    report.notes.append(
                        f"ligne {line} : passage en anglais « {short} » : "
                        "proposé [{lang=en}] (non appliqué)"
                    )
