"""Work moved off the UI thread or cut in slices ends where the work done at once ends.

The outline read on the panels' thread, the structure tree changed in place,
the contributors' lists, the preview's pictures painted in slices and the
thumbnails painted on another thread: each compared with the same thing made
directly on the UI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTreeWidget

from layout_studio.gui import preview as preview_module
from layout_studio.gui.contributors import ContributorsPanel, listed
from layout_studio.gui.offthread import OffThread, wait_idle
from layout_studio.gui.preview_area import PreviewArea
from layout_studio.gui.render import page_image
from layout_studio.gui.structure_panel import StructurePanel
from layout_studio.session import Build, build, open_file
from layout_studio.sources.outline import outline
from tests.conftest import BOOK_TOML


@pytest.fixture(scope="module")
def story() -> tuple[str, Build]:
    opened = open_file(BOOK_TOML)
    return opened.text, build(opened.text, opened.settings, Path(BOOK_TOML).parent)


def _tree(tree: QTreeWidget) -> list[tuple[object, ...]]:
    """Everything the tree shows and keeps of each item, children after their parent."""
    found = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert item is not None
        for node in [item, *(item.child(j) for j in range(item.childCount()))]:
            assert node is not None
            found.append(
                (
                    node.parent() is None,
                    node.text(0),
                    node.toolTip(0),
                    node.data(0, Qt.ItemDataRole.UserRole),
                    node.foreground(0).color().name(),
                    int(node.flags().value),
                )
            )
    return found


def test_offthread_delivers_on_the_ui_thread_and_only_the_newest_result(qtbot) -> None:
    owner = OffThread()
    ran_on: list[threading.Thread] = []
    got: list[tuple[int, threading.Thread]] = []

    def work(n: int) -> int:
        ran_on.append(threading.current_thread())
        return n

    for n in range(5):
        owner.run("x", lambda n=n: work(n), lambda r: got.append((r, threading.current_thread())))
    qtbot.waitUntil(lambda: not owner.pending("x"), timeout=10000)
    wait_idle()
    assert [r for r, _t in got] == [4]  # the older ones never shown
    assert got[0][1] is threading.main_thread()
    assert ran_on and all(t is not threading.main_thread() for t in ran_on)


def test_outline_read_off_the_ui_thread_shows_the_same_tree(qtbot, story) -> None:
    text, _build = story
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    direct, later = StructurePanel(), StructurePanel()
    for panel in (direct, later):
        qtbot.addWidget(panel)
        panel.watch(editor)
    direct.refresh()
    later.refresh_later()
    assert later.tree.topLevelItemCount() == 0  # not read on the UI thread
    qtbot.waitUntil(lambda: not later.offthread.pending("outline"), timeout=10000)
    assert later.current == outline(text)
    assert _tree(later.tree) == _tree(direct.tree)


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("Paris", "Parisxyz", 1),  # a passage's first words
        lambda t: t.replace("\n\n", "\n\nUne ligne de plus.\n\n", 1),  # lines move down
        lambda t: t.replace("{.front .candidate}", "{.front}", 1),  # no longer a candidate
        lambda t: t.replace("# ", "# Un titre changé, ", 1),  # a section's title
    ],
)
def test_the_tree_changed_in_place_equals_the_tree_built_again(qtbot, story, edit) -> None:
    text, _build = story
    changed = edit(text)
    assert changed != text
    kept, fresh = StructurePanel(), StructurePanel()
    qtbot.addWidget(kept)
    qtbot.addWidget(fresh)
    kept.show_outline(outline(text))
    first = kept.tree.topLevelItem(0)
    kept.show_outline(outline(changed))
    fresh.show_outline(outline(changed))
    assert _tree(kept.tree) == _tree(fresh.tree)
    if len(outline(text).sections) == len(outline(changed).sections):
        assert kept.tree.topLevelItem(0) is first  # changed in place, not built again


def test_contributors_lists_read_off_the_ui_thread_equal_those_read_at_once(qtbot, story) -> None:
    text, result = story
    direct, later = ContributorsPanel(), ContributorsPanel()
    for panel in (direct, later):
        qtbot.addWidget(panel)
        panel.show()
    direct.update_from(result, text)
    later.follow(result, text)
    qtbot.waitUntil(lambda: not later.offthread.pending("lists"), timeout=10000)
    assert _tree(later.tree) == _tree(direct.tree)
    assert [later.doubtful.item(i).text() for i in range(later.doubtful.count())] == [
        direct.doubtful.item(i).text() for i in range(direct.doubtful.count())
    ]
    assert later.tree.topLevelItemCount() == len(listed(result, text)[0])


def _edited(story: tuple[str, Build]) -> tuple[tuple[Build, list], tuple[Build, list], int]:
    """The story and the story edited in a paragraph: builds, page lists, first changed page."""
    text, result = story
    opened = open_file(BOOK_TOML)
    edited = build(
        text.replace("Paris", "Paris et ses environs", 1), opened.settings, Path(BOOK_TOML).parent
    )
    before = [result.cover_page, *result.book.pages]
    after = [edited.cover_page, *edited.book.pages]
    changed = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
    return (result, before), (edited, after), changed


def _showing(qtbot, pages: list, result: Build, index: int) -> PreviewArea:
    """A preview showing ``pages`` at ``index``, painted."""
    area = PreviewArea()
    qtbot.addWidget(area)
    area.resize(500, 700)
    area.show()
    area.show_pages(pages, result.theme.page)
    area.show_page(index)
    QApplication.processEvents()
    area.canvas.repaint()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    return area


def test_a_changed_page_painted_on_the_preview_thread_ends_as_painted_at_once(
    qtbot, story, monkeypatch
) -> None:
    (result, before), (edited, after), changed = _edited(story)
    threaded = _showing(qtbot, before, result, changed)
    monkeypatch.setattr(preview_module, "PAINT_BUDGET_MS", -1.0)  # left to the thread
    old = threaded.canvas.pictures[changed]
    threaded.show_pages(after, edited.theme.page)
    threaded.show_page(changed)
    threaded.canvas.repaint()  # the old picture meanwhile, then the new one
    assert threaded.canvas.pictures[changed] is old
    assert not threaded.canvas.up_to_date()
    qtbot.waitUntil(threaded.canvas.up_to_date, timeout=10000)
    fresh = PreviewArea()  # painted at once, in the paint that shows it
    qtbot.addWidget(fresh)
    fresh.canvas.at_once = True
    fresh.resize(500, 700)
    fresh.show()
    fresh.show_pages(after, edited.theme.page)
    fresh.show_page(changed)
    QApplication.processEvents()
    fresh.canvas.repaint()
    assert fresh.canvas.up_to_date()
    assert threaded.canvas.zoom == fresh.canvas.zoom
    ended, direct = threaded.canvas.pictures[changed], fresh.canvas.pictures[changed]
    assert ended is not old and ended.page is after[changed] is direct.page
    assert ended.image == direct.image


def test_thumbnails_painted_on_another_thread_have_the_same_pixels(qtbot, story) -> None:
    _text, result = story
    pages = result.book.pages[3:6]
    here = [page_image(page, 72) for page in pages]
    owner = OffThread()
    got: list[list[QImage]] = []
    owner.run("t", lambda: [page_image(page, 72) for page in pages], got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    assert got[0] == here
