"""The live preview under typing: throttled builds, only visible pages painted, page models
that travel between processes unchanged."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication

from layout_studio.gui import preview as preview_module
from layout_studio.gui.preview_area import PreviewArea
from layout_studio.gui.worker import LayoutWorker
from layout_studio.layout.page import Page, dump
from layout_studio.session import BookSettings, Build, build, open_file
from tests.conftest import BOOK_TOML


@pytest.fixture(scope="module")
def story_build() -> Build:
    opened = open_file(BOOK_TOML)
    return build(opened.text, opened.settings, Path(BOOK_TOML).parent)


def test_page_model_sent_to_another_process_is_unchanged(story_build: Build) -> None:
    """A build pickled (as a worker process sends it) gives the same page model."""
    again = pickle.loads(pickle.dumps(story_build, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.book.pages == story_build.book.pages
    assert again.cover_page == story_build.cover_page
    assert again.book.page_count == story_build.book.page_count

    # Fonts travel by path and come back as this process's shared font object.
    def fonts(b: Build) -> list[object]:
        return [i.font for p in b.book.pages for i in p.items if hasattr(i, "font")]

    assert fonts(story_build)
    assert all(a is b for a, b in zip(fonts(again), fonts(story_build), strict=True))


def test_only_pages_in_view_are_painted(qtbot, story_build: Build, monkeypatch) -> None:
    painted: list[Page] = []
    real = preview_module.image_steps

    def counting(image, page, *args):  # type: ignore[no-untyped-def]
        painted.append(page)
        return real(image, page, *args)

    monkeypatch.setattr(preview_module, "image_steps", counting)
    area = PreviewArea()
    qtbot.addWidget(area)
    area.resize(500, 400)
    area.show()
    pages = [story_build.cover_page, *story_build.book.pages]
    area.show_pages(pages, story_build.theme.page)
    area.set_zoom(1.0)
    area.show_page(8)
    QApplication.processEvents()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)
    painted.clear()
    area.canvas.pictures.clear()  # painted again, not drawn from the pictures kept
    area.canvas.repaint()
    qtbot.waitUntil(area.canvas.up_to_date, timeout=10000)  # on the preview's thread
    assert painted, "the page in view was not painted"
    # The page at the top of a 400-pixel view, and the next one (a page begun in the paint
    # and left to the preview's thread is begun twice).
    assert len({id(page) for page in painted}) <= 2
    assert pages[8] in painted
    assert pages[1] not in painted and pages[-1] not in painted


def test_typing_faster_than_builds_still_updates_the_preview(qtbot) -> None:
    """Keystrokes every 20 ms for 1.5 s: builds are shown while typing goes on."""
    worker = LayoutWorker()
    shown: list[float] = []
    worker.built.connect(lambda _b: shown.append(time.perf_counter()))
    text = "# Titre\n\n" + "Un paragraphe de texte assez long pour occuper une ligne. " * 20
    settings = BookSettings()
    start = time.perf_counter()
    typed = 0
    while time.perf_counter() - start < 1.5:
        typed += 1
        worker.request(text + "x" * typed, settings, None)
        qtbot.wait(20)
    stop = time.perf_counter()
    assert any(t < stop for t in shown), "no preview update while typing (debounced forever)"
    qtbot.waitUntil(lambda: not worker.running and worker.pending is None, timeout=30000)
    worker.wait()


def test_first_keystroke_after_a_pause_starts_a_build_at_once(qtbot) -> None:
    """The leading edge of the throttle: no ``DEBOUNCE_MS`` wait after a quiet spell."""
    from layout_studio.gui.worker import DEBOUNCE_MS

    worker = LayoutWorker()
    text = "# Titre\n\nUn paragraphe de texte. " * 5
    settings = BookSettings()
    worker.request(text, settings, None, now=True)
    qtbot.waitUntil(lambda: not worker.running and worker.pending is None, timeout=30000)
    qtbot.wait(DEBOUNCE_MS + 20)  # a pause longer than the interval
    before = worker.generation
    asked = time.perf_counter()
    worker.request(text + "x", settings, None)
    qtbot.waitUntil(lambda: worker.generation > before, timeout=5000)
    assert (time.perf_counter() - asked) * 1000 < DEBOUNCE_MS / 2
    qtbot.waitUntil(lambda: not worker.running and worker.pending is None, timeout=30000)
    worker.wait()


def test_fast_typing_starts_at_most_one_build_per_interval(qtbot) -> None:
    """Keystrokes every 5 ms for 0.6 s: about one build per ``DEBOUNCE_MS``, not one each."""
    from layout_studio.gui.worker import DEBOUNCE_MS

    worker = LayoutWorker()
    text = "# Titre\n\nUn paragraphe."
    settings = BookSettings()
    worker.request(text, settings, None, now=True)
    qtbot.waitUntil(lambda: not worker.running and worker.pending is None, timeout=30000)
    qtbot.wait(DEBOUNCE_MS + 20)
    before = worker.generation
    begin = time.perf_counter()
    typed = 0
    while time.perf_counter() - begin < 0.6:
        typed += 1
        worker.request(text + "x" * typed, settings, None)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: not worker.running and worker.pending is None, timeout=30000)
    worker.wait()
    builds = worker.generation - before
    assert 2 <= builds <= 600 / DEBOUNCE_MS + 2, builds
    assert typed > 3 * builds  # keystrokes coalesced, not one build each


def test_cached_glyph_runs_paint_the_same_pixels(qtbot, story_build: Build) -> None:
    from layout_studio.gui import render
    from layout_studio.layout.page import GlyphRun

    text_pages = [
        p for p in story_build.book.pages if any(isinstance(i, GlyphRun) for i in p.items)
    ]
    assert len(text_pages) > 10
    for page in text_pages[4:8]:
        render._RUNS.clear()
        fresh = render.page_image(page, 300)
        assert render._RUNS, "the page's glyph runs were not kept"
        assert render.page_image(page, 300) == fresh


def test_the_preview_typesets_an_edit_incrementally_and_as_a_full_build(qtbot) -> None:
    """The worker's second build reuses the sections the edit left alone, with the same pages."""
    opened = open_file(BOOK_TOML)
    base = Path(BOOK_TOML).parent
    worker = LayoutWorker()
    shown: list[Build] = []
    worker.built.connect(shown.append)
    worker.request(opened.text, opened.settings, base, now=True)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=60000)
    at = opened.text.index("Paris") + len("Paris")
    edited = opened.text[:at] + "x" + opened.text[at:]
    worker.request(edited, opened.settings, base, now=True)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=60000)
    worker.wait()
    assert worker.builder.layout.hits >= 1  # the back section, untouched
    full = build(edited, opened.settings, base)
    assert dump(shown[1].book, glyphs=True) == dump(full.book, glyphs=True)
