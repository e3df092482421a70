"""A passage's incipit reads only its first words, and gives what reading it all gives.

``incipit_spans`` is called for every passage of a section typeset again
(each keystroke in the live preview): reading the whole opening paragraph
char by char cost ~1 ms per long passage. The reference below is that whole
reading; random paragraphs (runs of any marks, empty runs, no-break spaces,
trailing punctuation, fewer or more words than asked) must give the same runs.
"""

from __future__ import annotations

import itertools
import random
import re

from layout_studio.layout.parts import incipit_spans
from layout_studio.model.document import Contribution, Credit, Mark, Paragraph, Text

_WORD = re.compile(r"\S+")
_TRAILING = ",;:.!?\u00a0\u202f"


def _whole_reading(contribution: Contribution, words: int = 6) -> tuple[Text, ...]:
    """The incipit as read from every character of the paragraph, with its marks."""
    for block in contribution.blocks:
        if isinstance(block, Paragraph):
            runs = [s for s in block.spans if isinstance(s, Text)]
            flat = "".join(s.text for s in runs)
            marks = [s.marks for s in runs for _ in s.text]
            found = list(_WORD.finditer(flat))
            if not found:
                return ()
            chars: list[tuple[str, frozenset[Mark]]] = []
            end = -1
            for word in found[:words]:
                if end >= 0:
                    gap = flat[end : word.start()]
                    chars.append((gap if gap in ("\u00a0", "\u202f") else " ", marks[end]))
                chars.extend((flat[i], marks[i]) for i in range(word.start(), word.end()))
                end = word.end()
            while chars and chars[-1][0] in _TRAILING:
                chars.pop()
            if len(found) > words:
                chars.append(("…", chars[-1][1] - {Mark.SUPERSCRIPT} if chars else frozenset()))
            return tuple(
                Text("".join(c for c, _ in group), m)
                for m, group in itertools.groupby(chars, key=lambda cm: cm[1])
            )
    return (Text(contribution.credit.label),)


_PIECES = ("Il", "était", "une", "fois", "1", "er", "XXI", "e", " ", "  ", "\u00a0", "\u202f")
_PIECES += (",", ".", "!", "", "Community", "l’été", "\n", "?")
_MARKS = (frozenset(), frozenset({Mark.SUPERSCRIPT}), frozenset({Mark.EMPHASIS}))
_MARKS += (frozenset({Mark.EMPHASIS, Mark.SUPERSCRIPT}), frozenset({Mark.NOBREAK}))


def _random_contribution(rng: random.Random) -> Contribution:
    runs = tuple(
        Text("".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 6))), rng.choice(_MARKS))
        for _ in range(rng.randint(0, 12))
    )
    blocks = (Paragraph(runs),) if rng.random() > 0.05 else ()
    return Contribution(blocks, Credit("Sophie"))


def test_the_incipit_is_what_reading_the_whole_paragraph_gives() -> None:
    rng = random.Random(18)
    checked = 0
    for _ in range(3000):
        contribution = _random_contribution(rng)
        for words in (1, 2, 6):
            assert incipit_spans(contribution, words) == _whole_reading(contribution, words)
            checked += 1
    assert checked == 9000


def test_a_long_opening_paragraph_gives_its_first_words() -> None:
    runs = (Text("Il était "), Text("1", frozenset()), Text("er", frozenset({Mark.SUPERSCRIPT})))
    long = runs + tuple(Text(f" mot{i}") for i in range(5000))
    contribution = Contribution((Paragraph(long),), Credit("Sophie"))
    assert incipit_spans(contribution) == _whole_reading(contribution)
    assert "".join(s.text for s in incipit_spans(contribution)) == "Il était 1er mot0 mot1 mot2…"
