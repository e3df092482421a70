"""Translation markers typed for mypy.

Takes nothing; gives ``QT_TRANSLATE_NOOP`` (PySide6's marker, whose stub
returns ``object``) typed as returning the source string, so constant
tables marked for ``pyside6-lupdate`` stay ``str``. The name must stay
``QT_TRANSLATE_NOOP``: lupdate finds the strings by it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6 import QtCore

QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)
