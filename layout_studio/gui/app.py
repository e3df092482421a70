"""Entry point of the desktop app: ``layout-studio gui [FILE]`` and ``layout-studio-gui``.

Takes the command line (an optional ``book.toml``, ``.md`` or ``.txt``);
gives a running ``QApplication`` with the main window, in French, or in
English when the system locale is English (Qt ``.qm`` translations shipped
in ``gui/i18n``). Settings (window geometry, recent files, folders) persist
through ``QSettings`` under "Layout Studio".
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from layout_studio.gui.worker import hold_full_collections

I18N = Path(__file__).with_name("i18n")
# The UI thread shares the GIL with the layout and panels' threads: each time it has let
# the GIL go (any Qt call does), it waits up to this long for a busy thread to hand it back
# (Python's 5 ms default made a page's painting wait ~5 ms per drawing call during a build).
SWITCH_INTERVAL_S = 0.001


def install_translation(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """French (the source language), or English when the locale is English.

    Qt's own strings (standard buttons such as Enregistrer / Annuler, key
    names such as Alt+Haut) come from Qt's ``qtbase_*.qm`` shipped with
    PySide6; the app's from ``gui/i18n``. Gives the translators installed.
    """
    locale = locale or QLocale.system()
    english = locale.language() == QLocale.Language.English
    files = [
        (
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
            "qtbase_en" if english else "qtbase_fr",
        )
    ]
    if english:
        files.append((str(I18N), "layout_studio_en"))
    installed = []
    for folder, name in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def make_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, named for QSettings, with its translation."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    hold_full_collections()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv or [sys.argv[0]]))
    app.setOrganizationName("Layout Studio")
    app.setApplicationName("Layout Studio")
    app.setApplicationDisplayName("Layout Studio")
    install_translation(app)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app; open ``argv[0]`` if given."""
    args = list(sys.argv[1:] if argv is None else argv)
    app = make_app([sys.argv[0], *args])
    from layout_studio.gui.window import MainWindow

    window = MainWindow()
    files = [a for a in args if not a.startswith("-")]
    if files:
        window.open_path(Path(files[0]))
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
