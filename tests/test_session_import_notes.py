"""What the import says of the text reaches every build, the live preview's too.

A credit in the middle of a paragraph is dropped from the book (a paragraph's
last credit counts) with one warning line. The command line printed it; the
app's builds, full and incremental, kept the document and lost the warning,
so a credit typed there vanished without a word.
"""

from __future__ import annotations

from layout_studio.session import IncrementalBuilder, build
from tests.layout.test_incremental import BASE, OPENED, model

END = "[Cécile]{.credit}"
TWICE = OPENED.text.replace(END, END[:-9] + "{.credit} Et encore. [Zoé]{.credit}", 1)
LOST = "crédit « Cécile » au milieu d’un paragraphe"


def test_a_full_build_warns_of_a_lost_credit():
    assert OPENED.text != TWICE
    built = build(TWICE, OPENED.settings, BASE)
    assert [w for w in built.warnings if LOST in w], built.warnings
    assert not [w for w in build(OPENED.text, OPENED.settings, BASE).warnings if LOST in w]


def test_the_previews_builds_warn_as_a_full_build_does():
    builder = IncrementalBuilder()
    first = builder.build(OPENED.text, OPENED.settings, BASE)
    assert not [w for w in first.warnings if LOST in w]
    typed = builder.build(TWICE, OPENED.settings, BASE)
    assert [w for w in typed.warnings if LOST in w]
    assert model(typed) == model(build(TWICE, OPENED.settings, BASE))
    # The same text built again (not parsed again): still said.
    again = builder.build(TWICE, OPENED.settings.with_override("body", "size", 11), BASE)
    assert [w for w in again.warnings if LOST in w]
    # Mended: the warning goes.
    mended = builder.build(OPENED.text, OPENED.settings, BASE)
    assert not [w for w in mended.warnings if LOST in w]
