"""Writing without knowing the markup: the source-format edits behind menu actions.

Takes the source editor (``QPlainTextEdit``) and its cursor; gives edits that
each make one undo step: mark the selected name as a credit, insert a scene
break, a footnote or a section, confirm or discard the candidate section the
cursor is in. The text rules (where a section starts and ends) are pure
functions on strings, tested without Qt.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from layout_studio.gui.editor import plain_text

_NOTE_CALL = re.compile(r"\[\^(\d{1,6})\]")


def credit_markup(selected: str) -> str | None:
    """``(Cécile)`` or ``Cécile`` → ``[Cécile]{.credit}``; None for an empty selection."""
    name = selected.strip().strip("()").strip()
    if not name or "\n" in name or "\u2029" in name:
        return None
    return f"[{name}]{{.credit}}"


def next_note_number(text: str) -> int:
    """One more than the highest ``[^n]`` in the text."""
    return max((int(m.group(1)) for m in _NOTE_CALL.finditer(text)), default=0) + 1


def _is_attributes(line: str) -> bool:
    return line.startswith("{.") and line.rstrip().endswith("}")


def candidate_section(lines: list[str], line: int) -> tuple[int, int] | None:
    """The candidate section around 0-based ``line``: (attribute line, end exclusive).

    A section starts at a ``{.… .candidate}`` line (followed by its ``#`` heading)
    and ends before the next heading or attribute line.
    """
    start = None
    for i in range(min(line, len(lines) - 1), -1, -1):
        text = lines[i]
        if _is_attributes(text):
            start = i if ".candidate" in text else None
            break
        if text.startswith("#") and not (i > 0 and _is_attributes(lines[i - 1])):
            return None  # a heading with no attributes: not a candidate section
    if start is None:
        return None
    end = len(lines)
    for i in range(start + 2, len(lines)):
        if lines[i].startswith("#") or _is_attributes(lines[i]):
            end = i
            break
    return start, end


def confirmed_attributes(line: str) -> str | None:
    """``{.front .candidate}`` → ``{.front}``; ``{.candidate}`` → None (drop the line)."""
    classes = [c for c in line.strip()[1:-1].split() if c != ".candidate"]
    return "{" + " ".join(classes) + "}" if classes else None


class MarkupEditor:
    """The edits, each one undo step on the editor's document."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self.editor = editor

    def mark_credit(self) -> bool:
        cursor = self.editor.textCursor()
        markup = credit_markup(cursor.selectedText())
        text = plain_text(self.editor)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if markup is None or (
            text[start - 1 : start] == "[" and text[end : end + 9] == "]{.credit"
        ):
            return False  # nothing selected, or already a credit
        cursor.beginEditBlock()
        before = cursor.selectionStart()
        cursor.insertText(markup)
        # A credit follows its passage after one space: « passage. [Nom]{.credit} ».
        probe = QTextCursor(self.editor.document())
        probe.setPosition(max(0, before - 1))
        probe.setPosition(before, QTextCursor.MoveMode.KeepAnchor)
        if before > 0 and probe.selectedText() not in (" ", "\u2029", ""):
            probe.clearSelection()
            probe.setPosition(before)
            probe.insertText(" ")
        cursor.endEditBlock()
        return True

    def insert_scene_break(self) -> None:
        self._insert_block("* * *")

    def insert_section(self, title: str = "Titre de la section") -> None:
        cursor = self._insert_block(f"# {title}")
        # Select the placeholder title so that typing replaces it.
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)

    def _insert_block(self, line: str) -> QTextCursor:
        """``line`` as a paragraph of its own after the cursor's paragraph."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertText(f"\n\n{line}\n\n")
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        return cursor

    def insert_footnote(self) -> int:
        """``[^n]`` at the cursor and ``[^n]: `` at the end of the text, ready to type."""
        number = next_note_number(plain_text(self.editor))
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        cursor.insertText(f"[^{number}]")
        cursor.movePosition(QTextCursor.MoveOperation.End)
        ending = "" if plain_text(self.editor).endswith("\n\n") else "\n\n"
        if plain_text(self.editor).endswith("\n") and ending:
            ending = "\n"
        cursor.insertText(f"{ending}[^{number}]: ")
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)
        return number

    def _candidate(self) -> tuple[list[str], int, int] | None:
        lines = plain_text(self.editor).split("\n")
        found = candidate_section(lines, self.editor.textCursor().blockNumber())
        return (lines, *found) if found else None

    def confirm_candidate(self) -> bool:
        """Take the candidate section the cursor is in into the book."""
        found = self._candidate()
        if found is None:
            return False
        lines, start, _end = found
        block = self.editor.document().findBlockByNumber(start)
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        replacement = confirmed_attributes(lines[start])
        if replacement is None:  # the line held only .candidate: remove it whole
            cursor.movePosition(
                QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
        else:
            cursor.insertText(replacement)
        cursor.endEditBlock()
        return True

    def discard_candidate(self) -> bool:
        """Delete the candidate section the cursor is in (Ctrl+Z brings it back)."""
        found = self._candidate()
        if found is None:
            return False
        _lines, start, end = found
        document = self.editor.document()
        cursor = QTextCursor(document.findBlockByNumber(start))
        if end < document.blockCount():
            cursor.setPosition(
                document.findBlockByNumber(end).position(), QTextCursor.MoveMode.KeepAnchor
            )
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        cursor.endEditBlock()
        return True
