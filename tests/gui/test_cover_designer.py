"""The cover designer: title block, colours, focal point, back-cover and spine text.

Each change is one undo step, is drawn by the engine's cover layout (the
panel's wraparound is the print cover's page), is saved in ``book.toml`` and
reaches the exported print cover.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

import pypdf
from PIL import Image as PILImage
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from layout_studio.gui.cover_panel import PREVIEW_WIDTH
from layout_studio.layout.cover import print_cover, spine_width
from layout_studio.layout.page import Fill, GlyphRun
from layout_studio.layout.page import Image as PlacedImage
from tests.conftest import BOOK_TOML, run_cli


def settle(qtbot, w, timeout=30000):
    qtbot.waitUntil(
        lambda: (
            w.build is not None
            and not w.worker.running
            and w.worker.pending is None
            and not w.gallery_pending
            and not w.reading_builds()  # read off the UI thread
        ),
        timeout=timeout,
    )


def project(tmp_path) -> Path:
    shutil.copy(BOOK_TOML, tmp_path / "book.toml")
    shutil.copy(BOOK_TOML.parent / "story.md", tmp_path / "story.md")
    return tmp_path / "book.toml"


def photo(path: Path) -> Path:
    image = PILImage.new("RGB", (1200, 1700))
    for x in range(0, 1200, 40):  # stripes, so a crop shows where it was taken
        image.paste((x % 255, 90, 160), (x, 0, x + 40, 1700))
    image.save(path, dpi=(300, 300))
    return path


def open_cover(qtbot, w, path: Path):
    assert w.open_path(path)
    w.docks["cover"].show()
    w.docks["cover"].raise_()
    settle(qtbot, w)
    qtbot.waitUntil(lambda: w.cover_panel.wraparound is not None, timeout=10000)
    return w.cover_panel


def front_text(w, page) -> str:
    fold = w.build.theme.page.width + spine_width(w.build.book.page_count, w.build.theme)
    return " ".join(r.text for r in page.items if isinstance(r, GlyphRun) and r.x >= fold)


def test_the_panel_shows_the_engines_wraparound(qtbot, window, tmp_path):
    w = window
    panel = open_cover(qtbot, w, project(tmp_path))
    b = w.build
    expected = print_cover(b.book, b.document, b.theme, b.cover, "26 auteurs").pages[0]
    assert panel.wraparound.width == expected.width  # back, spine and front
    assert panel.wraparound.items == expected.items
    assert panel.thumb.pixmap().width() / panel.thumb.pixmap().devicePixelRatio() == PREVIEW_WIDTH
    assert panel.texts["title"].text() == b.document.metadata.title
    assert panel.texts["byline"].text() == "26 auteurs"
    assert panel.description.toPlainText() == b.document.metadata.description
    # Without an image, the settings of the title on the image are off.
    assert not panel.position.isEnabled() and not panel.focus["focus_x"].isEnabled()
    settle(qtbot, w)


def test_title_and_back_cover_text_are_undoable_saved_and_exported(qtbot, window, tmp_path):
    w = window
    path = project(tmp_path)
    panel = open_cover(qtbot, w, path)
    title = panel.texts["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Le Jardin des reseaux")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert w.undo_stack.undoText() == "titre"
    settle(qtbot, w)
    assert w.build.document.metadata.title == "Le Jardin des reseaux"
    qtbot.waitUntil(lambda: "Jardin" in front_text(w, panel.wraparound), timeout=10000)
    panel.description.setFocus()
    panel.description.setPlainText("Un jardinier des réseaux, raconté par vingt-six voix.")
    qtbot.waitUntil(lambda: w.undo_stack.undoText() == "quatrième de couverture", timeout=5000)
    w.undo_stack.undo()
    assert "description" not in w.settings.metadata
    w.undo_stack.redo()
    settle(qtbot, w)
    back = " ".join(
        r.text
        for r in panel.wraparound.items
        if isinstance(r, GlyphRun) and r.x < w.build.theme.page.width
    )
    assert "vingt-six voix" in back
    assert w.save()
    saved = path.read_text(encoding="utf-8")
    assert 'title = "Le Jardin des reseaux"' in saved
    assert "[output]" in saved  # the rest of the project kept
    result = run_cli("export", str(path), "--print-cover", str(tmp_path / "c.pdf"))
    assert result.returncode == 0, result.stderr
    text = pypdf.PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    assert "Jardin" in text and "vingt-six voix" in text
    settle(qtbot, w)


def test_image_title_position_band_colour_and_focus(qtbot, window, tmp_path, monkeypatch):
    w = window
    path = project(tmp_path)
    panel = open_cover(qtbot, w, path)
    w.choose_cover(photo(tmp_path / "photo.jpg"))
    settle(qtbot, w)
    assert panel.position.isEnabled() and panel.band.isChecked()

    def band_fills():
        at = next(i for i, it in enumerate(panel.wraparound.items) if isinstance(it, PlacedImage))
        return [
            f
            for f in panel.wraparound.items[at:]
            if isinstance(f, Fill) and f.color != (1.0, 1.0, 1.0)
        ]

    assert len(band_fills()) == 1
    panel.band.click()
    assert w.undo_stack.undoText() == "bandeau"
    settle(qtbot, w)
    qtbot.waitUntil(lambda: not band_fills(), timeout=5000)
    assert "Community" in front_text(w, panel.wraparound)  # the title, straight on the image
    # Title at the top: its first line is in the upper half of the front.
    panel.position.setCurrentIndex(panel.position.findData("top"))
    panel.position.activated.emit(panel.position.currentIndex())
    settle(qtbot, w)
    runs = [r for r in panel.wraparound.items if isinstance(r, GlyphRun) and not r.angle]
    fold = w.build.theme.page.width
    assert min(r.y for r in runs if r.x > fold) < w.build.theme.page.height / 2
    # The text colour from the colour dialog.
    monkeypatch.setattr(
        "layout_studio.gui.cover_panel.QColorDialog.getColor",
        lambda *a, **k: QColor("#123456"),
    )
    panel.colors["cover_text"].click()
    settle(qtbot, w)
    front = [r for r in panel.wraparound.items if isinstance(r, GlyphRun) and r.x > fold]
    assert {tuple(round(c * 255) for c in r.color) for r in front} >= {(0x12, 0x34, 0x56)}
    assert panel.colors["cover_text"].text() == "#123456"
    # The focal point moves what the crop keeps.
    before = next(i for i in panel.wraparound.items if isinstance(i, PlacedImage)).data
    panel.focus["focus_x"].setValue(0)
    assert w.undo_stack.undoText() == "point focal"
    settle(qtbot, w)
    after = next(i for i in panel.wraparound.items if isinstance(i, PlacedImage)).data
    assert after != before
    assert w.settings.overrides["cover"] == {"band": False, "title_on_image": "top", "focus_x": 0.0}
    assert w.save()
    saved = path.read_text(encoding="utf-8")
    assert "[theme.cover]" in saved and "band = false" in saved
    assert 'cover_text = "#123456"' in saved
    settle(qtbot, w)


def test_spine_text_choice(qtbot, window, tmp_path):
    w = window
    panel = open_cover(qtbot, w, project(tmp_path))
    # A thick paper so that the spine is wide enough for text.
    w.change_labelled_setting("page", "paper_thickness", "1mm", "papier")
    settle(qtbot, w)

    def spine() -> str:
        return "".join(r.text for r in panel.wraparound.items if getattr(r, "angle", 0))

    qtbot.waitUntil(lambda: spine() != "", timeout=5000)
    assert "26 auteurs" not in spine()
    panel.spine.setCurrentIndex(panel.spine.findData("title_byline"))
    panel.spine.activated.emit(panel.spine.currentIndex())
    assert w.undo_stack.undoText() == "texte de la tranche"
    settle(qtbot, w)
    assert spine().endswith("26 auteurs")
    panel.spine.setCurrentIndex(panel.spine.findData("none"))
    panel.spine.activated.emit(panel.spine.currentIndex())
    settle(qtbot, w)
    assert spine() == ""
    settle(qtbot, w)


def test_typographic_cover_title_position_from_the_panel(qtbot, window, tmp_path):
    """Without an image, the panel's « Titre sans image » moves the engine's title block."""
    w = window
    path = project(tmp_path)
    panel = open_cover(qtbot, w, path)
    assert w.build.cover is None
    assert panel.type_position.isEnabled() and panel.type_position.currentData() == "top"

    def title_top() -> float:
        fold = w.build.theme.page.width + spine_width(w.build.book.page_count, w.build.theme)
        runs = [r for r in panel.wraparound.items if isinstance(r, GlyphRun) and r.x >= fold]
        return min(r.y - r.size for r in runs if "Community" in r.text or r.size > 20)

    at_top = title_top()
    panel.type_position.setCurrentIndex(panel.type_position.findData("bottom"))
    panel.type_position.activated.emit(panel.type_position.currentIndex())
    assert w.undo_stack.undoText() == "position du titre"
    settle(qtbot, w)
    qtbot.waitUntil(lambda: title_top() > at_top, timeout=10000)
    assert title_top() > w.build.theme.page.height / 2  # in the lower half of the front
    b = w.build
    engine = print_cover(b.book, b.document, b.theme, None, "26 auteurs").pages[0]
    assert panel.wraparound.items == engine.items  # what the panel shows is the print cover
    assert w.settings.overrides["cover"] == {"title_position": "bottom"}
    assert w.save()
    saved = path.read_text(encoding="utf-8")
    assert "[theme.cover]" in saved and 'title_position = "bottom"' in saved
    assert "[output]" in saved  # the rest of the project is kept
    w.undo_stack.undo()
    settle(qtbot, w)
    qtbot.waitUntil(lambda: abs(title_top() - at_top) < 0.01, timeout=10000)
    assert panel.type_position.currentData() == "top"
    settle(qtbot, w)
