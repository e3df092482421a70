"""User-facing errors: one French sentence naming the file and the problem.

Takes a path and a reason; gives exceptions the CLI turns into one line on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from layout_studio.messages import printable


class LayoutStudioError(Exception):
    """Base class of the errors shown to users as one line."""

    exit_code = 1

    def __init__(self, path: str | Path | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message as shown to the user: ``FILE : reason``, control characters escaped."""
        text = f"{self.path} : {self.message}" if self.path else self.message
        return printable(" ".join(text.split()))


class InputError(LayoutStudioError):
    """A source, theme, image or project file that cannot be used."""


class OutputError(LayoutStudioError):
    """An output that cannot be written (folder missing, read-only, disk full)."""
