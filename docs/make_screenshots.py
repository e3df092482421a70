"""Screenshots of the desktop app for the README (under Xvfb, or offscreen).

Usage: python docs/make_screenshots.py [--size WxH] [OUT_DIR]   (default 1600x1000,
docs/screenshots). Writes, with the size in each name (``main-window-1600x1000.png``):
main-window (the story open, print preview, contributors), structure (the
structure view of sections and passages, the replace bar with a regular
expression), cover (the cover designer with an
image, the title on its band and the wraparound), themes (the theme gallery
and settings with the moderne theme, facing pages) and ereader (the e-reader
preview at phone size). For the README's two sizes, under a screen of each:

    xvfb-run -a -s "-screen 0 1280x800x24" python docs/make_screenshots.py --size 1280x800
    xvfb-run -a -s "-screen 0 1600x1000x24" python docs/make_screenshots.py --size 1600x1000
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if "DISPLAY" not in os.environ:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def garden_photo(path: Path) -> Path:
    """A made-up picture (sky over a green slope), so that no photo is shipped."""
    from PIL import Image, ImageDraw

    width, height = 1240, 1760
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        sky = (int(120 + 100 * t), int(170 + 60 * t), int(215 + 20 * t))
        ground = (int(40 + 40 * t), int(110 + 50 * (1 - t)), int(45 + 20 * t))
        draw.line([(0, y), (width, y)], fill=sky if t < 0.55 else ground)
    for i in range(9):  # a row of trees
        x = 80 + i * 140
        draw.ellipse([x, 820 - (i % 3) * 40, x + 150, 1020], fill=(30, 90 + 12 * (i % 4), 40))
    image.save(path, dpi=(300, 300))
    return path


def main() -> None:
    """Open the example, show each view, save a capture of the window for each."""
    parser = argparse.ArgumentParser(description="Captures of the window for the README.")
    parser.add_argument("--size", default="1600x1000", help="window size, WxH")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    try:
        width, height = (int(v) for v in args.size.split("x"))
    except ValueError:
        parser.error(f"--size {args.size} : attendu LARGEURxHAUTEUR, par exemple 1280x800")
    out, size = args.out, f"{width}x{height}"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings  # noqa: TID251  (a tool of the app, like the GUI)

    from layout_studio.gui.app import make_app
    from layout_studio.gui.structure_panel import LINE_ROLE
    from layout_studio.gui.window import MainWindow

    # Fresh settings and state: dock sizes saved by an earlier run (or by the user's
    # own sessions) would change the captures.
    scratch = tempfile.mkdtemp(prefix="ls-screenshots-")
    os.environ["LAYOUT_STUDIO_STATE_DIR"] = str(Path(scratch) / "state")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    app = make_app()
    w = MainWindow(ask_recovery=False)
    w.show()
    w.resize(width, height)
    w.fit_to_screen()  # never more than the screen
    w.open_path(ROOT / "examples" / "cmad" / "book.toml")

    def settle() -> None:
        while (
            w.build is None
            or w.worker.running
            or w.worker.pending is not None
            or w.worker.timer.isActive()
            or w.gallery_pending
            or w.thumbnails_drawn != w.thumb_generation  # thumbnails come in slices
            or w.reading_builds()  # marks, lists, outline: read off the UI thread
            or not w.preview.canvas.up_to_date()  # a changed page is painted in slices
            or (w.spelling.action.isChecked() and w.editor.highlighter.speller is None)
        ):
            app.processEvents()
        for _ in range(20):
            app.processEvents()

    def shot(name: str, then: Callable[[], object] | None = None) -> None:
        settle()
        if then is not None:  # after the build: what it does is not scrolled away
            then()
            for _ in range(20):
                app.processEvents()
        w.grab().save(str(out / f"{name}-{size}.png"))

    settle()
    w.preview.fit_width()
    w.preview.show_page(7)
    w.editor.goto_line(24)
    shot("main-window")
    w.docks["structure"].show()
    w.docks["structure"].raise_()
    story = w.structure.tree.topLevelItem(1)
    if story is not None:
        w.structure.tree.setCurrentItem(story.child(3))
        w.editor.goto_line(story.child(3).data(0, LINE_ROLE))
    w.find_bar.open_replace()
    w.find_bar.regex.setChecked(True)
    w.find_bar.find_edit.setText(r"jardini(er|ère)(s?)")
    w.find_bar.replace_edit.setText(r"paysagiste\2")
    shot("structure", w.find_bar.find_next)
    w.find_bar.close_bar()
    cursor = w.editor.textCursor()
    cursor.clearSelection()
    w.editor.setTextCursor(cursor)
    with tempfile.TemporaryDirectory() as folder:  # the picture lives as long as the window uses it
        w.choose_cover(garden_photo(Path(folder) / "jardin.png"))
        settle()
        w.docks["cover"].show()
        w.docks["cover"].raise_()
        w.preview.show_page(0)
        shot("cover")
        w.docks["contributors"].raise_()
        w.choose_theme("moderne")
        settle()
        w.show_styles()
        w.act_spreads.setChecked(True)
        w.toggle_spreads()
        w.preview.fit_width()
        w.preview.show_page(8)
        shot("themes")
        w.set_view(1)
        shot("ereader")
    w.maybe_save = lambda: True  # type: ignore[method-assign]
    w.close()
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"captures {size} écrites dans {out}")


if __name__ == "__main__":
    main()
