"""Screenshots of the desktop app for the README (offscreen, or under Xvfb).

Usage: python docs/make_screenshots.py [OUT_DIR]   (default docs/screenshots)
Writes main-window.png (the story open, print preview), themes.png (the
theme gallery and settings with the moderne theme) and ereader.png (the
e-reader preview at phone size).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if "DISPLAY" not in os.environ:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    from layout_studio.gui.app import make_app
    from layout_studio.gui.window import MainWindow

    app = make_app()
    w = MainWindow(ask_recovery=False)
    w.resize(1500, 940)
    w.show()
    w.open_path(ROOT / "examples" / "cmad" / "book.toml")

    def settle() -> None:
        while (
            w.build is None
            or w.worker.running
            or w.worker.pending is not None
            or w.worker.timer.isActive()
            or w.gallery_pending
            or w.thumbnails_drawn != w.thumb_generation  # thumbnails come in slices
        ):
            app.processEvents()
        app.processEvents()

    settle()
    w.preview.fit_width()
    w.preview.show_page(7)
    w.editor.goto_line(24)
    settle()
    w.grab().save(str(out / "main-window.png"))
    w.choose_theme("moderne")
    settle()
    w.show_styles()
    w.act_spreads.setChecked(True)
    w.toggle_spreads()
    w.preview.fit_width()
    w.preview.show_page(8)
    settle()
    w.grab().save(str(out / "themes.png"))
    w.set_view(1)
    settle()
    w.grab().save(str(out / "ereader.png"))
    w.maybe_save = lambda: True  # type: ignore[method-assign]
    w.close()
    print(f"captures écrites dans {out}")


if __name__ == "__main__":
    main()
