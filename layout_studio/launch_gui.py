"""Start the desktop app, or say in one line why it cannot start.

Takes the command line of ``layout-studio-gui`` (or ``layout-studio gui``);
gives the app's exit code, or 1 with one line on stderr when there is no
display to open a window on or PySide6 cannot be imported. Imports no Qt
itself until both are checked, so a broken install never shows a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

PROG = "layout-studio-gui"
PYSIDE_REQUIREMENT = "PySide6-Essentials>=6.8,<6.10"


def missing_display(environ: Mapping[str, str], platform: str) -> bool:
    """True when a Linux/BSD session has no X11 or Wayland display and no Qt platform chosen."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False  # Windows and macOS always have their own windowing system
    return not any(environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    """Check the display and PySide6, then run the app."""
    args = list(sys.argv[1:] if argv is None else argv)
    if missing_display(os.environ, sys.platform):
        print(
            f"{prog}: erreur : aucun écran disponible (ni DISPLAY ni WAYLAND_DISPLAY) ; "
            "lancez l’application dans une session graphique, ou exportez sans écran avec "
            "« layout-studio export book.toml »",
            file=sys.stderr,
        )
        return 1
    try:
        from layout_studio.gui.app import main as app_main
    except ImportError as exc:
        print(
            f"{prog}: erreur : PySide6 est introuvable ou incomplet ({exc.name or exc}) ; "
            f"réinstallez-le avec : pip install '{PYSIDE_REQUIREMENT}'",
            file=sys.stderr,
        )
        return 1
    return app_main(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
