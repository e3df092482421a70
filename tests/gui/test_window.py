"""The desktop app under pytest-qt (offscreen): open, edit, restyle, cover, export, rename, undo."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PIL import Image, ImageChops
from PySide6.QtGui import QImage, QTextCursor

from tests.conftest import BOOK_TOML, ROOT, epubcheck, epubcheck_problems


def to_pil(image: QImage) -> Image.Image:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")


def mean_diff(a: Image.Image, b: Image.Image) -> float:
    data = ImageChops.difference(a.convert("L"), b.convert("L").resize(a.size)).tobytes()
    return sum(data) / len(data)


def settle(qtbot, w, timeout=20000, *, readings=True):
    """The last state built and shown, and (``readings``) read by the panels."""
    qtbot.waitUntil(
        lambda: (
            w.build is not None
            and not w.worker.running
            and w.worker.pending is None
            and not w.worker.timer.isActive()
            and not (readings and w.reading_builds())  # maps, marks, lists: off the UI thread
        ),
        timeout=timeout,
    )


def page_text(w, index):
    return " ".join(ln.text for ln in w.build.book.pages[index].lines)


def all_text(w):
    return " ".join(ln.text for p in w.build.book.pages for ln in p.lines)


def opened(qtbot, w, path=BOOK_TOML):
    assert w.open_path(Path(path))
    settle(qtbot, w)
    return w


def test_open_the_story(qtbot, window):
    w = opened(qtbot, window)
    assert w.build.book.page_count == 17
    assert w.contributors.tree.topLevelItemCount() == 28
    assert "book.toml" in w.windowTitle()
    assert not w.isWindowModified()
    assert w.preview.canvas.pages[0].kind == "cover"
    assert w.thumbnails.count() == 18
    # Pictures come in slices after the preview; then every thumbnail shows its page.
    qtbot.waitUntil(lambda: w.thumbnails_drawn == w.thumb_generation, timeout=10000)
    icons = [w.thumbnails.item(i).icon().pixmap(72, 102).toImage() for i in range(18)]
    assert all(not icon.isNull() for icon in icons)
    cover, body = to_pil(icons[0]), to_pil(icons[8])
    assert cover.getpixel((36, 20)) != (255, 255, 255)  # the cover's colour field
    assert len(body.convert("L").getcolors(256) or []) > 10  # text, not a blank page


def test_edit_a_paragraph_updates_the_preview(qtbot, window):
    from layout_studio.gui.render import page_image

    w = opened(qtbot, window)
    body = next(p for p in w.build.book.pages if p.kind == "body")
    before = to_pil(page_image(body, 300))
    block = next(
        i
        for i in range(w.editor.document().blockCount())
        if w.editor.document().findBlockByNumber(i).text().startswith("Il était une fois")
    )
    cursor = QTextCursor(w.editor.document().findBlockByNumber(block))
    w.editor.setTextCursor(cursor)
    qtbot.keyClicks(w.editor, "Zanzibar ")
    settle(qtbot, w)
    assert "Zanzibar Il était une fois" in page_text(w, body.index)
    after = to_pil(page_image(w.build.book.pages[body.index], 300))
    assert mean_diff(before, after) > 1.0
    assert w.isWindowModified()


def test_changing_theme_changes_the_first_page(qtbot, window):
    from layout_studio.gui.render import page_image

    w = opened(qtbot, window)
    first = to_pil(page_image(w.preview.canvas.pages[0], 300))
    w.choose_theme("moderne")
    settle(qtbot, w)
    assert w.build.theme.name == "moderne"
    changed = to_pil(page_image(w.preview.canvas.pages[0], 300))
    assert mean_diff(first, changed) > 2.0
    w.undo_stack.undo()
    settle(qtbot, w)
    assert w.build.theme.name == "classique"


def test_cover_image_shows_on_page_one(qtbot, window, tmp_path):
    from layout_studio.gui.render import page_image

    w = opened(qtbot, window)
    cover = tmp_path / "rouge.png"
    Image.new("RGB", (1240, 1754), (220, 20, 30)).save(cover)
    w.choose_cover(cover)
    settle(qtbot, w)
    shown = to_pil(page_image(w.preview.canvas.pages[0], 200))
    r, g, b = shown.getpixel((100, 40))  # above the title band
    assert r > 180 and g < 60 and b < 60
    assert any("dpi" in x for x in w.build.warnings)  # 1240 px over A5 is under 300 dpi? no:
    w.choose_cover(None)
    settle(qtbot, w)
    r, g, b = to_pil(page_image(w.preview.canvas.pages[0], 200)).getpixel((100, 40))
    assert not (r > 180 and g < 60)


def test_export_pdf_and_epub_from_the_app(qtbot, window, tmp_path):
    from pypdf import PdfReader

    w = opened(qtbot, window)
    pdf = tmp_path / "livre.pdf"
    epub = tmp_path / "livre.epub"
    w.export("pdf", pdf)
    qtbot.waitUntil(lambda: w.last_export == pdf, timeout=60000)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 17
    assert "Il était une fois" in "".join(p.extract_text() for p in reader.pages[6:8])
    w.export("epub", epub)
    qtbot.waitUntil(lambda: w.last_export == epub, timeout=60000)
    assert epubcheck_problems(epubcheck(epub)) == []


def test_export_error_is_one_clear_message(qtbot, window, tmp_path):
    w = opened(qtbot, window)
    target = tmp_path / "absent" / "x.pdf"
    w.export("pdf", target)
    qtbot.waitUntil(lambda: w.last_error is not None, timeout=60000)
    assert "x.pdf" in w.last_error and "\n" not in w.last_error
    assert not target.parent.exists()


def test_rename_contributor_then_undo(qtbot, window, tmp_path):
    from pypdf import PdfReader

    w = opened(qtbot, window)
    assert "Cécile" in all_text(w)
    w.rename("Cécile", "Cécile Martin")
    settle(qtbot, w)
    names = [c.name for c in w.build.document.contributors]
    assert "Cécile Martin" in names and "Cécile" not in names
    assert "Cécile Martin" in all_text(w)
    pdf = tmp_path / "renomme.pdf"
    w.export("pdf", pdf)
    qtbot.waitUntil(lambda: w.last_export == pdf, timeout=60000)
    assert "Cécile Martin" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    w.undo_stack.undo()
    settle(qtbot, w)
    names = [c.name for c in w.build.document.contributors]
    assert "Cécile" in names and "Cécile Martin" not in names
    assert "[Cécile]{.credit}" in w.editor.toPlainText()


def test_typography_rule_can_be_switched_off(qtbot, window):
    w = opened(qtbot, window)
    assert w.build.typography.by_rule().get("quotes")
    before = all_text(w).count("«")
    w.toggle_rule("quotes", False)
    settle(qtbot, w)
    assert not w.build.typography.by_rule().get("quotes")
    assert all_text(w).count("«") < before
    w.undo_stack.undo()
    settle(qtbot, w)
    assert w.build.typography.by_rule().get("quotes")


def test_click_in_preview_moves_the_editor_and_back(qtbot, window):
    w = opened(qtbot, window)
    page = next(p for p in w.build.book.pages if p.kind == "body" and p.index > 7)
    line = next(ln for ln in page.lines if ln.para in w.pid_line)
    w.on_line_clicked(line.para)
    assert w.editor.textCursor().blockNumber() + 1 == w.pid_line[line.para]
    w.editor.goto_line(w.pid_line[line.para])
    w.on_cursor_moved()
    assert w.preview.canvas.current == w.pid_page[line.para]


def test_preview_is_driven_from_the_keyboard(qtbot, window):
    from PySide6.QtCore import Qt

    w = opened(qtbot, window)
    canvas = w.preview.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert canvas.current == len(canvas.pages) - 1 == w.thumbnails.currentRow()
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.current == 0
    for _ in range(8):
        qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    page = canvas.pages[canvas.current]
    assert canvas.current == 8 and w.thumbnails.currentRow() == 8 and page.kind == "body"
    assert w.preview.verticalScrollBar().value() > 0
    qtbot.keyClick(canvas, Qt.Key.Key_Return)  # to this page's passage in the editor
    first = next(ln.para for ln in page.lines if ln.para >= 0)
    assert w.editor.textCursor().blockNumber() + 1 == w.pid_line[first]
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert canvas.current == 7


def test_save_reopen_and_failed_save_keeps_the_old_file(qtbot, window, tmp_path):
    w = opened(qtbot, window)
    w.change_setting("body", "size", 11.0)
    settle(qtbot, w)
    project = tmp_path / "mon-livre.toml"
    assert w.write_project(project, new=True)
    assert not w.isWindowModified()
    saved = project.read_text(encoding="utf-8")
    assert "size = 11.0" in saved and (tmp_path / "mon-livre.md").exists()
    from layout_studio.session import open_file

    again = open_file(project)
    assert again.settings.overrides == {"body": {"size": 11.0}}
    assert again.text == w.editor.toPlainText() + (
        "" if w.editor.toPlainText().endswith("\n") else "\n"
    )
    # A save that cannot happen leaves the previous project intact.
    blocked = tmp_path / "bloque.md"
    blocked.mkdir()  # the text cannot be written where a folder stands
    from layout_studio.errors import LayoutStudioError
    from layout_studio.session import save_project

    w.editor.appendPlainText("Encore un passage. [Zoé]{.credit}")
    with pytest.raises(LayoutStudioError):
        save_project(project, w.editor.toPlainText(), w.settings, blocked)
    assert project.read_text(encoding="utf-8") == saved


def test_preview_draws_what_the_pdf_prints(story_book, qtbot):
    """The Qt preview and pdfium's rendering of the PDF agree page by page."""
    import pypdfium2 as pdfium

    from layout_studio.export.pdf import render_pdf
    from layout_studio.gui.render import page_image

    pdf = pdfium.PdfDocument(render_pdf(story_book))
    width = 400

    def printed(i):
        page = story_book.pages[i]
        scale = width / page.width
        bitmap = pdf[i].render(scale=scale).to_pil().convert("L")
        off = round(story_book.bleed * scale)
        return bitmap.crop((off, off, off + width, off + round(page.height * scale)))

    from PIL import ImageFilter

    def soft(image):  # antialiasing differs between rasterisers; shapes and places must not
        return image.filter(ImageFilter.GaussianBlur(2))

    for i in (2, 6, 9):
        shown = soft(to_pil(page_image(story_book.pages[i], width)).convert("L"))
        same = mean_diff(shown, soft(printed(i)))
        other = mean_diff(shown, soft(printed(i + 1)))
        assert same < 3.0, (i, same)
        assert other > same * 3, (i, same, other)


def _ink(image) -> float:
    """Mean darkness, 0 (white) to 255 (black)."""
    data = image.convert("L").tobytes()
    return 255 - sum(data) / len(data)


def test_preview_widget_paints_every_page_as_the_pdf_prints_it(qtbot, window, tmp_path):
    """Each page the preview widget paints matches pdfium's rendering of the exported PDF.

    The widget's own painting is grabbed page by page (``QWidget.grab``), not the
    render helper, and a page with ink in print must carry as much ink on screen.
    """
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    w = opened(qtbot, window)
    pdf_path = tmp_path / "livre.pdf"
    task = w.export("pdf", pdf_path)
    with qtbot.waitSignal(task.signals.finished, timeout=60000):
        pass
    pdf = pdfium.PdfDocument(pdf_path)
    canvas = w.preview.canvas
    canvas.at_once = True  # each grab paints its page (the window paints on another thread)
    book_slots = [s for s in canvas.slots if s.page.kind != "cover"]
    assert len(pdf) == len(book_slots) == w.build.book.page_count
    width = 400
    w.preview.set_zoom(width / book_slots[0].page.width)
    bleed = w.build.book.bleed

    def soft(image):  # antialiasing differs between rasterisers; shapes and places must not
        return image.convert("L").filter(ImageFilter.GaussianBlur(2))

    printed, shown = [], []
    for slot in (s for s in canvas.slots if s.page.kind != "cover"):
        page, box = slot.page, slot.rect.toRect()
        scale = slot.rect.width() / page.width
        bitmap = pdf[page.index].render(scale=scale).to_pil().convert("L")
        off = bleed * scale
        # The page sits at a fractional pixel in the widget: place the print there too.
        dx, dy = slot.rect.x() - box.x(), slot.rect.y() - box.y()
        paper = bitmap.transform(
            (box.width(), box.height()),
            Image.Transform.AFFINE,
            (1, 0, off - dx, 0, 1, off - dy),
            resample=Image.Resampling.BILINEAR,
            fillcolor=255,
        )
        printed.append(soft(paper))
        shown.append(soft(to_pil(canvas.grab(box).toImage())))
    inked = 0
    for i, (screen, paper) in enumerate(zip(shown, printed, strict=True)):
        same = mean_diff(screen, paper)
        assert same < 4.0, (i, same)
        # As much ink on screen as on paper: a page painted blank (or half) fails here.
        assert abs(_ink(screen) - _ink(paper)) < 0.2 + 0.15 * _ink(paper), (i, same)
        if _ink(paper) > 2:
            inked += 1
            others = min(mean_diff(screen, p) for j, p in enumerate(printed) if j != i)
            assert others > 2 * same, (i, same, others)  # its own page, not another
    assert inked >= len(printed) // 2  # the comparison saw real pages, not blanks


def test_recovery_after_a_kill_during_autosave(tmp_path, qtbot):
    """Kill the app while it autosaves in a loop; the next start restores a whole text."""
    state = tmp_path / "state"
    script = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["LAYOUT_STUDIO_STATE_DIR"] = {str(state)!r}
from layout_studio.gui.app import make_app
app = make_app()
from layout_studio.gui.window import MainWindow
w = MainWindow(ask_recovery=False)
w.open_path(__import__("pathlib").Path({str(BOOK_TOML)!r}))
i = 0
while True:
    w.editor.appendPlainText(f"Passage numéro {{i}} écrit avant la panne. [Zoé]{{{{.credit}}}}")
    w.autosave_now()
    i += 1
    if i == 3:
        print("ready", flush=True)
"""
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    import time

    time.sleep(0.5)
    proc.kill()
    proc.wait()
    # The kill may or may not land inside a write; plant the debris one would leave, for sure.
    (state / ".recovery.json.k1ll3d.part").write_text('{"version": 1, "text": "moi')
    from layout_studio.gui.recovery import load_recovery

    os.environ["LAYOUT_STUDIO_STATE_DIR"] = str(state)
    try:
        found = load_recovery()  # what the next start does
        assert found is not None  # never a half-written file
        assert sorted(p.name for p in state.iterdir()) == ["recovery.json"], "debris left"
        assert "Passage numéro 2 écrit avant la panne." in found.text
        assert found.text.startswith("---\ntitle: Il était une fois")
        from layout_studio.gui.window import MainWindow

        w = MainWindow(ask_recovery=False)
        w.restore(found)
        settle(qtbot, w)
        assert "Passage numéro 2 écrit avant la panne." in w.editor.toPlainText()
        assert w.isWindowModified()
        assert "Zoé" in [c.name for c in w.build.document.contributors]
        w.maybe_save = lambda: True
        w.worker.wait()
        w.close()
    finally:
        del os.environ["LAYOUT_STUDIO_STATE_DIR"]
    assert not [p.name for p in state.iterdir() if p.name.endswith(".part")]
    shutil.rmtree(state, ignore_errors=True)


def test_closing_with_changes_asks_and_cancel_keeps_the_window(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    w = opened(qtbot, window)
    w.editor.appendPlainText("Une phrase de plus. [Zoé]{.credit}")
    settle(qtbot, w)
    assert w.isWindowModified()
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    from layout_studio.gui.window import MainWindow

    assert MainWindow.maybe_save(w) is False
    assert asked and "Enregistrer" in asked[0]
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert MainWindow.maybe_save(w) is True


def test_settings_saved_as_a_theme_file_load_back(qtbot, window, tmp_path):
    from layout_studio.gui.themes_panel import save_theme_file
    from layout_studio.style.theme import load_theme

    w = opened(qtbot, window)
    w.change_setting("page", "size", "poche")
    w.change_setting("credits", "placement", "inline")
    settle(qtbot, w)
    assert w.build.theme.credit_placement == "inline"
    path = save_theme_file(
        tmp_path / "mon-theme.toml", "classique", "Mon thème", w.settings.overrides
    )
    theme = load_theme(path)
    assert theme.label == "Mon thème" and theme.credit_placement == "inline"
    assert round(theme.page.width) == round(w.build.theme.page.width)
    w.undo_stack.undo()
    settle(qtbot, w)
    assert w.build.theme.credit_placement == "signed"


def _press_cancel(qtbot, w):
    """Click the export progress dialog's Cancel button, as the user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    (dialog,) = w.findChildren(QProgressDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    (button,) = dialog.findChildren(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return dialog


@pytest.mark.parametrize(
    ("kind", "during"), [("pdf", "composition"), ("pdf", "rendering"), ("epub", "rendering")]
)
def test_cancel_stops_the_export(qtbot, window, tmp_path, monkeypatch, kind, during):
    """Cancel pressed while the book is composed, or while the file is rendered: no file,
    the task reports "cancelled" (never "finished"), and the window is idle again."""
    import threading

    from PySide6.QtCore import Qt, QThreadPool
    from PySide6.QtWidgets import QMessageBox

    from layout_studio.gui import export_task

    w = opened(qtbot, window)
    out = tmp_path / "sortie"
    out.mkdir()
    target = out / f"annule.{kind}"
    # The export's thread waits at chosen points so that the click lands where it must.
    ready, reached, resume = threading.Event(), threading.Event(), threading.Event()
    real_build = export_task.build

    def build(*args, **kwargs):
        assert ready.wait(60)
        return real_build(*args, **kwargs)

    def hold(label, _percent):  # direct connection: runs in the export's thread
        if label == export_task.KINDS[kind]:  # just before the file is rendered and written
            reached.set()
            assert resume.wait(60)

    monkeypatch.setattr(export_task, "build", build)
    # As for a text the preview has not built yet: the export typesets it.
    monkeypatch.setattr(export_task, "shown_build", lambda *_args: None)
    task = w.export(kind, target)
    ends = []
    for name in ("finished", "failed", "cancelled"):
        getattr(task.signals, name).connect(lambda *_a, name=name: ends.append(name))
    if during == "rendering":
        task.signals.progress.connect(hold, Qt.ConnectionType.DirectConnection)
        ready.set()
        assert reached.wait(60)
        dialog = _press_cancel(qtbot, w)
    else:
        dialog = _press_cancel(qtbot, w)  # while composing
        ready.set()
    resume.set()
    qtbot.waitUntil(lambda: bool(ends), timeout=60000)
    assert QThreadPool.globalInstance().waitForDone(60000)
    qtbot.wait(50)  # let any late signal arrive
    assert ends == ["cancelled"]
    assert list(out.iterdir()) == [], "a cancelled export left a file"
    assert not dialog.isVisible()
    assert not [b for b in w.findChildren(QMessageBox) if b.isVisible()]
    assert w.last_export is None and w.last_error is None
    # Idle: the next export runs to its end.
    monkeypatch.setattr(export_task, "build", real_build)
    again = w.export(kind, target)
    with qtbot.waitSignal(again.signals.finished, timeout=60000):
        pass
    assert w.last_export == target and target.stat().st_size > 10000


def test_gallery_offers_the_users_own_themes(qtbot, window, tmp_path, monkeypatch):
    from layout_studio.gui.themes_panel import save_theme_file

    themes = tmp_path / "mes-themes"
    monkeypatch.setenv("LAYOUT_STUDIO_THEMES_DIR", str(themes))
    themes.mkdir()
    save_theme_file(themes / "grand.toml", "classique", "Grand corps", {"body": {"size": 12.0}})
    w = opened(qtbot, window)
    w.refresh_gallery()
    qtbot.waitUntil(lambda: not w.gallery_pending, timeout=30000)
    labels = [w.themes.gallery.item(i).text() for i in range(w.themes.gallery.count())]
    assert labels[:3] == ["Classique", "Moderne", "Poche"] and "Grand corps" in labels
    item = w.themes.gallery.item(labels.index("Grand corps"))
    assert not item.icon().isNull()  # a real page of this book, rendered in that theme
    w.themes._picked(item)
    settle(qtbot, w)
    assert w.build.theme.body.size == 12.0


def test_metadata_dialog_orders_contributors_for_colophon_and_epub(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog

    from layout_studio.gui.window import MetadataDialog

    w = opened(qtbot, window)
    before = [c.name for c in w.build.document.ordered_contributors]
    last = before[-1]

    def exec_(dialog):
        dialog.names.setCurrentRow(dialog.names.count() - 1)
        for _ in range(dialog.names.count()):
            dialog.shift(-1)  # what the "Monter" button does
        dialog.edits["publisher"].setText("Éditions du Jardin")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MetadataDialog, "exec", exec_)
    w.edit_metadata()
    settle(qtbot, w)
    after = [c.name for c in w.build.document.ordered_contributors]
    assert after == [last, *before[:-1]]
    drawn = [" ".join(run.text for run in p.runs()) for p in w.build.book.pages]
    colophon = next(t for t in drawn if "Éditions du Jardin" in t and before[0] in t)
    assert colophon.index(last) < colophon.index(before[0])
    # Saved in the project, read back, and used by the EPUB's creators.
    project = tmp_path / "ordre.toml"
    assert w.write_project(project, new=True)
    assert "contributor_order" in project.read_text(encoding="utf-8")
    from layout_studio.export.epub.package import build_epub
    from layout_studio.export.job import prepare

    prepared = prepare(project)
    data = build_epub(prepared.document, prepared.theme, prepared.book).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        opf = next(z.read(n) for n in z.namelist() if n.endswith(".opf")).decode("utf-8")
    creators = re.findall(r"<dc:creator[^>]*>([^<]+)<", opf)
    assert creators[0] == last and creators[1] == before[0]
    # One undo puts the order back.
    w.undo_stack.undo()
    settle(qtbot, w)
    assert [c.name for c in w.build.document.ordered_contributors] == before


def test_metadata_dialog_checks_isbns_and_saves_them_with_the_rights(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog, QMessageBox

    from layout_studio.gui.window import MetadataDialog

    w = opened(qtbot, window)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    dialog = MetadataDialog(w, {"print_isbn": "9780306406157"}, [])
    assert dialog.edits["print_isbn"].text() == "978-0-306-40615-7"  # shown with hyphens
    dialog.edits["isbn"].setText("978-0-306-40615-8")  # wrong check digit
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and len(warned) == 1
    assert "978-0-306-40615-8" in warned[0]
    dialog.deleteLater()

    def exec_(dialog):
        dialog.edits["isbn"].setText("0-306-40615-2")  # ISBN-10: kept as its ISBN-13
        dialog.edits["rights"].setText("Licence CC BY 4.0")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MetadataDialog, "exec", exec_)
    w.edit_metadata()
    settle(qtbot, w)
    assert w.build.document.metadata.isbn == "9780306406157"
    assert w.build.document.metadata.rights == "Licence CC BY 4.0"
    project = tmp_path / "isbn.toml"
    assert w.write_project(project, new=True)
    saved = project.read_text(encoding="utf-8")
    assert 'isbn = "9780306406157"' in saved and 'rights = "Licence CC BY 4.0"' in saved
    from layout_studio.sources.project import load_project

    assert load_project(project).metadata["isbn"] == "9780306406157"
