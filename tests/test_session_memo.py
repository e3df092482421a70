"""What the live preview's builder keeps from one build to the next, and the contributors' count.

The typography memo is no longer copied entry by entry at each build (each
copy hashed every paragraph's spans once more): it keeps the previous
entries, pruned to the used ones once they would outnumber them. Memory must
still follow the text. ``Document.contributors`` counts before making each
person: it must give what making one per contribution gave.
"""

from __future__ import annotations

import random

from layout_studio.model.document import (
    Contribution,
    Contributor,
    Credit,
    Document,
    Matter,
    Metadata,
    Paragraph,
    Section,
    Text,
)
from layout_studio.session import BookSettings, IncrementalBuilder


def _story(round_: int, paragraphs: int) -> str:
    body = "\n\n".join(f"Paragraphe {i} du tour {round_}, l'été." for i in range(paragraphs))
    return f"---\ntitle: Essai\n---\n\n# Chapitre\n\n{body}\n"


def test_the_typography_memo_follows_the_text_not_its_history() -> None:
    builder = IncrementalBuilder()
    paragraphs = 40
    sizes = []
    for round_ in range(25):  # every paragraph new at each build
        builder.build(_story(round_, paragraphs), BookSettings())
        sizes.append(len(builder._typography))
    assert max(sizes) <= 3 * (paragraphs + 2) + 64  # title and heading too
    assert sizes[-1] < 25 * paragraphs


def test_the_typography_memo_serves_the_same_paragraphs_again() -> None:
    builder = IncrementalBuilder()
    text = _story(0, 30)
    first = builder.build(text, BookSettings())
    memo = builder._typography
    again = builder.build(text + "\nUn de plus.\n", BookSettings())
    assert builder._typography is memo  # kept, with the new paragraph added
    assert again.typography.corrections[: len(first.typography.corrections)] == (
        first.typography.corrections
    )


def _reference_contributors(document: Document) -> tuple[Contributor, ...]:
    """One ``Contributor`` made per contribution, the last one kept (as before)."""
    order: dict[str, Contributor] = {}
    for contribution in document.contributions():
        credit = contribution.credit
        seen = order.get(credit.key)
        if seen is None:
            order[credit.key] = Contributor(
                name=credit.name, key=credit.key, contributions=1, affiliation=credit.affiliation
            )
        else:
            order[credit.key] = Contributor(
                name=seen.name,
                key=seen.key,
                contributions=seen.contributions + 1,
                affiliation=seen.affiliation or credit.affiliation,
            )
    return tuple(order.values())


def test_contributors_are_counted_as_one_made_per_contribution() -> None:
    rng = random.Random(18)
    names = ["Sophie", "sophie", " Sophie ", "Élise", "élise", "Marc", "Zoé"]
    affiliations = [None, "", "CDP", "IUT", None]
    for _ in range(300):
        content = tuple(
            Contribution(
                (Paragraph((Text("Texte."),)),),
                Credit(rng.choice(names), rng.choice(affiliations)),
            )
            for _ in range(rng.randint(0, 25))
        )
        document = Document(Metadata(title="t"), (Section("Un", content, Matter.BODY),))
        assert document.contributors == _reference_contributors(document)
