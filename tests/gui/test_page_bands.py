"""A page repainted in the band an edit changed has the pixels of a page painted whole.

Edits of several kinds (a word added, one removed, a paragraph split, a
credit's name changed, a title changed) on the story; each changed page is
painted whole before the edit, its band repainted after it, and compared
pixel for pixel with the page painted whole after it, at several zooms, a
device pixel ratio of 2.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from layout_studio.gui.page_bands import band_steps, changed_box
from layout_studio.gui.render import Guides, image_steps
from layout_studio.layout.page import Page
from layout_studio.session import Build, build, open_file
from tests.conftest import BOOK_TOML

EDITS = [
    ("Paris", "Paris et ses environs"),  # a paragraph one line longer, maybe
    ("Paris", "Pari"),
    ("Paris", "Paris.\n\nAilleurs"),  # a paragraph split in two
    ("[Catherine, CDP]", "[Catherine Martin, CDP]"),  # a credit, and the index
    ("title: Il était une fois", "title: Il était encore une fois"),  # each verso's head
]


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Glyphs are drawn with the fonts of a running application."""


@pytest.fixture(scope="module")
def story() -> tuple[str, Build]:
    opened = open_file(BOOK_TOML)
    return opened.text, build(opened.text, opened.settings, Path(BOOK_TOML).parent)


def _picture(page: Page, scale: float, ratio: float, guides: Guides, result: Build) -> QImage:
    image = QImage(
        math.ceil(page.width * scale * ratio),
        math.ceil(page.height * scale * ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    for _step in image_steps(image, page, scale, result.theme.page, guides):
        pass
    return image


def _changed_pages(story: tuple[str, Build], old: str, new: str) -> list[tuple[Page, Page]]:
    text, result = story
    opened = open_file(BOOK_TOML)
    edited = build(text.replace(old, new, 1), opened.settings, Path(BOOK_TOML).parent)
    return [
        (a, b)
        for a, b in zip(result.book.pages, edited.book.pages, strict=False)
        if a != b and a.width == b.width and a.height == b.height
    ]


@pytest.mark.parametrize(("old", "new"), EDITS)
@pytest.mark.parametrize(("scale", "ratio"), [(1.2, 1.0), (1.73, 1.0), (0.9, 2.0)])
def test_the_band_repainted_equals_the_page_painted_whole(
    story: tuple[str, Build], old: str, new: str, scale: float, ratio: float
) -> None:
    # Without guides: a dashed guide is not drawn the same pixels with a clip (the preview
    # paints a page whole while guides are shown).
    guides = Guides()
    result = story[1]
    pairs = _changed_pages(story, old, new)
    assert pairs  # the edit changed pages of the same size
    banded = 0
    for before, after in pairs:
        box = changed_box(before, after)
        if box is None:
            continue
        banded += 1
        picture = _picture(before, scale, ratio, guides, result)
        for _step in band_steps(picture, after, box, scale, result.theme.page, guides):
            pass
        assert picture == _picture(after, scale, ratio, guides, result), (old, new, after.index)
    assert banded  # each edit repainted at least one page by its band


def test_a_word_added_repaints_less_than_the_page(story: tuple[str, Build]) -> None:
    before, after = _changed_pages(story, "Paris", "Parisiens")[0]
    box = changed_box(before, after)
    assert box is not None
    assert box[3] - box[1] < before.height / 2  # the paragraph's lines, not the page


def test_equal_pages_or_pages_of_another_size_are_painted_whole(
    story: tuple[str, Build],
) -> None:
    page = story[1].book.pages[3]
    assert changed_box(page, page) is None
    wider = Page(page.index, page.width + 10, page.height, page.folio, page.kind, items=page.items)
    assert changed_box(page, wider) is None


def test_the_preview_repaints_an_edited_page_by_its_band_to_the_same_pixels(
    qtbot, story: tuple[str, Build], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from layout_studio.gui import preview as preview_module
    from layout_studio.gui.preview_area import PreviewArea

    text, result = story
    opened = open_file(BOOK_TOML)
    edited = build(text.replace("Paris", "Parisiens", 1), opened.settings, Path(BOOK_TOML).parent)
    before = [result.cover_page, *result.book.pages]
    after = [edited.cover_page, *edited.book.pages]
    changed = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
    bands: list[int] = []
    real = preview_module.band_steps

    def counting(image, page, *rest):  # type: ignore[no-untyped-def]
        bands.append(page.index)
        yield from real(image, page, *rest)

    monkeypatch.setattr(preview_module, "band_steps", counting)

    def shown(pages: list[Page], fresh: bool = False) -> PreviewArea:
        area = PreviewArea()
        qtbot.addWidget(area)
        area.resize(500, 700)
        area.show()
        area.canvas.at_once = True  # painted in the paint that shows it
        area.show_pages(pages, result.theme.page)
        area.show_page(changed)
        QApplication.processEvents()
        area.canvas.repaint()
        assert area.canvas.up_to_date()
        return area

    area = shown(before)
    assert not bands
    area.show_pages(after, edited.theme.page)
    area.canvas.repaint()
    assert area.canvas.up_to_date()
    assert bands  # by its band
    fresh = shown(after)
    assert area.canvas.zoom == fresh.canvas.zoom
    assert area.canvas.pictures[changed].image == fresh.canvas.pictures[changed].image


def test_random_edits_repaint_bands_to_the_same_pixels(story: tuple[str, Build]) -> None:
    """Words put in or taken out at random places of the story (a fixed seed)."""
    import random

    text, result = story
    body = text.index("# L’histoire")
    rng = random.Random(20130128)
    words = ["et", "community", "manager", "aujourd’hui", "—", "« oui »", "12 %", "L’été"]
    banded = 0
    for _ in range(8):
        at = text.index(" ", rng.randrange(body, len(text) - 200))
        if rng.random() < 0.5:
            edited_text = text[:at] + " " + rng.choice(words) + text[at:]
        else:
            end = text.index(" ", at + 1)
            edited_text = text[:at] + text[end:]
        for before, after in _changed_pages(story, text, edited_text):
            box = changed_box(before, after)
            if box is None:
                continue
            banded += 1
            picture = _picture(before, 1.3, 1.0, Guides(), result)
            for _step in band_steps(picture, after, box, 1.3, result.theme.page, Guides()):
                pass
            assert picture == _picture(after, 1.3, 1.0, Guides(), result)
    assert banded >= 4
