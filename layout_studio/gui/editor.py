"""The Markdown source editor with highlighting of credits, front matter and corrections.

Takes the Markdown text and, after each build, the typography record; gives
a ``QPlainTextEdit`` where credits stand out (doubtful ones in orange),
the YAML front matter is greyed, and every place a French rule will change
is underlined with the correction as its tooltip. Misspelt words get a red
wavy underline, checked off the typing path: the paragraph being typed in
keeps its earlier underlines (moved with the text) and is checked again
once typing pauses for ``SPELL_IDLE_MS``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from layout_studio.errors import LayoutStudioError
from layout_studio.gui.ui_first import urgent
from layout_studio.text.spelling import FrenchSpeller, Misspelling
from layout_studio.text.typography import LocatedCorrection, TypographyResult
from layout_studio.text.typography.fr import RULE_LABELS

_CREDIT = re.compile(r"\[[^\[\]\n]+\]\{\.credit[^{}\n]*\}")  # linear: see session._CREDIT
_FRONT = 1  # block state: inside the front matter
_CANDIDATE = 2  # block state: inside a candidate section (left out of the book)
SPELL_IDLE_MS = 300  # the paragraph being typed in is checked after this pause
REDRAW_SLICE_MS = 8  # lines whose correction marks changed are redrawn in slices this long
REDRAW_WAIT_MS = 150  # while typing, lines out of view wait; looked at again this often


class _Checked(QTextBlockUserData):
    """A paragraph's misspelt words, for the text they were found in (``fresh``: checked)."""

    def __init__(self, text: str, words: list[Misspelling], version: int, fresh: bool) -> None:
        super().__init__()
        self.text = text
        self.words = words
        self.version = version
        self.fresh = fresh


def unchanged_ends(before: str, after: str) -> tuple[int, int]:
    """How many characters of ``before`` an edit left alone at its start and at its end.

    The longest common start, then the longest common end within what is left.
    """
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end


def _moved_words(old: _Checked, text: str) -> list[Misspelling]:
    """The old paragraph's words still valid in ``text``: before the edit, or after it, moved.

    A word the edit touches is left out until the paragraph is checked again.
    """
    before, after = old.text, text
    start, end = unchanged_ends(before, after)
    shift = len(after) - len(before)
    kept: list[Misspelling] = []
    for w in old.words:
        if w.end < start:
            kept.append(w)
        elif w.start > len(before) - end:
            kept.append(Misspelling(w.start + shift, w.end + shift, w.word))
    return kept


@dataclass(frozen=True)
class Mark:
    """One correction shown in the editor."""

    column: int  # 0-based in the line
    length: int
    tip: str


def _line_marks(line: str, corrections: tuple[LocatedCorrection, ...]) -> list[Mark]:
    """The marks of one source line's corrections, placed in its text ``line``."""
    marks = []
    for located in corrections:
        c = located.correction
        guess = max(0, (located.column or 1) - 1)
        found = line.find(c.before, max(0, guess - 40)) if c.before.strip() else -1
        column = found if found >= 0 else min(guess, max(0, len(line) - 1))
        length = max(1, len(c.before))
        label = RULE_LABELS.get(c.rule, c.rule)
        shown_before = c.before.replace("\u00a0", "⍽").replace("\u202f", "·") or "∅"
        shown_after = c.after.replace("\u00a0", "⍽").replace("\u202f", "·") or "∅"
        tip = f"{label} : « {shown_before} » → « {shown_after} »"
        marks.append(Mark(column, length, tip))
    return marks


class SourceHighlighter(QSyntaxHighlighter):
    """Colours credits, headings, front matter; underlines typography corrections."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.marks: dict[int, list[Mark]] = {}
        # The text each line's marks were found in, and the line count then. A line typed
        # into since keeps the marks before and after what changed, moved with their
        # words; while lines were added or removed above, a line whose text is not the
        # one its marks were found in shows none (no underline drifts to other words).
        self.marked: dict[int, str] = {}
        self.marked_lines = 0
        self.retyped: set[int] = set()  # lines whose marks were moved with their text
        self.credit = QTextCharFormat()
        self.credit.setForeground(QColor(25, 95, 150))
        self.credit.setFontWeight(QFont.Weight.DemiBold)
        self.doubtful = QTextCharFormat(self.credit)
        self.doubtful.setBackground(QColor(255, 220, 150))
        self.front = QTextCharFormat()
        self.front.setForeground(QColor(120, 120, 120))
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setForeground(QColor(110, 40, 40))
        self.fix = QTextCharFormat()
        self.fix.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.fix.setUnderlineColor(QColor(30, 150, 80))
        self.misspelt = QTextCharFormat()
        self.misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelt.setUnderlineColor(QColor(210, 30, 30))
        self.candidate = QTextCharFormat()
        self.candidate.setForeground(QColor(135, 135, 135))
        self.candidate.setBackground(QColor(242, 242, 236))
        self.speller: FrenchSpeller | None = None
        # Spelling off the typing path: the block holding the cursor is checked when
        # typing pauses, not at each keystroke (a long paragraph costs milliseconds).
        self.cursor_block: Callable[[], QTextBlock] | None = None
        self.version = 0  # bumped by a full rehighlight: dictionaries may have changed
        self.explicit = False  # a rehighlight asked for by the app, not caused by typing
        self.waiting: list[QTextBlock] = []
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(SPELL_IDLE_MS)
        self.idle.timeout.connect(self.check_waiting)

    def rehighlight(self) -> None:
        self.version += 1
        self.explicit = True
        try:
            super().rehighlight()
        finally:
            self.explicit = False

    def rehighlightBlock(self, block: QTextBlock) -> None:
        self.explicit = True
        try:
            super().rehighlightBlock(block)
        finally:
            self.explicit = False

    def check_waiting(self) -> None:
        """Check the paragraphs typed in since the last pause."""
        waiting, self.waiting = self.waiting, []
        for block in waiting:
            if block.isValid():
                self.rehighlightBlock(block)

    def misspelt_words(self, speller: FrenchSpeller, text: str) -> list[Misspelling]:
        """The current block's misspelt words: checked now, or kept while it is typed in."""
        data = self.currentBlockUserData()
        old = data if isinstance(data, _Checked) and data.version == self.version else None
        if old is not None and old.text == text and (old.fresh or not self.explicit):
            return old.words
        block = self.currentBlock()
        # Typing: an edit in the cursor's paragraph, or a build's re-highlight of it
        # while typing goes on (its check is then still waiting for the pause).
        in_typed = self.cursor_block is not None and self.cursor_block() == block
        waiting = self.idle.isActive() and block in self.waiting and old is not None
        if in_typed and (not self.explicit or waiting):
            words = _moved_words(old, text) if old is not None else []
            if block not in self.waiting:
                self.waiting.append(block)
            self.idle.start()
            self.setCurrentBlockUserData(_Checked(text, words, self.version, fresh=False))
            return words
        words = speller.check(text)
        self.setCurrentBlockUserData(_Checked(text, words, self.version, fresh=True))
        return words

    def line_marks(self, number: int, text: str) -> list[Mark]:
        """The marks of line ``number`` as its ``text`` is now (see ``marked``)."""
        marks = self.marks.get(number)
        before = self.marked.get(number)
        if not marks or before == text:
            return marks or []
        if before is None or self.document().blockCount() != self.marked_lines:
            return []
        start, end = unchanged_ends(before, text)
        moved = len(text) - len(before)
        kept = [m for m in marks if m.column + m.length <= start]
        kept += [
            Mark(m.column + moved, m.length, m.tip) for m in marks if m.column >= len(before) - end
        ]
        self.marks[number], self.marked[number] = kept, text
        self.retyped.add(number)
        return kept

    @urgent
    def highlightBlock(self, text: str) -> None:
        number = self.currentBlock().blockNumber()
        previous = self.previousBlockState()
        if (number == 0 and text.strip() == "---") or (
            previous == _FRONT and text.strip() != "---"
        ):
            self.setFormat(0, len(text), self.front)
            self.setCurrentBlockState(_FRONT)
            return
        if previous == _FRONT:  # the closing ---
            self.setFormat(0, len(text), self.front)
            self.setCurrentBlockState(0)
            return
        # A candidate section runs from its {.candidate} line to the next heading or
        # attribute line that does not announce a candidate.
        heading = text.startswith("#")
        if text.startswith("{."):
            inside = ".candidate" in text
        elif heading:
            inside = self._announced()
        else:
            inside = previous == _CANDIDATE
        self.setCurrentBlockState(_CANDIDATE if inside else 0)
        spans: list[tuple[int, int, QTextCharFormat]] = []
        if heading or text.startswith("{."):
            spans.append((0, len(text), self.heading))
        for m in _CREDIT.finditer(text):
            fmt = self.doubtful if "confidence=" in m.group(0) else self.credit
            spans.append((m.start(), m.end() - m.start(), fmt))
        spans += [(mark.column, mark.length, self.fix) for mark in self.line_marks(number, text)]
        if self.speller is not None and not heading:
            words = self.misspelt_words(self.speller, text)
            spans += [(w.start, w.end - w.start, self.misspelt) for w in words]
        if inside:  # greyed on a tinted ground: this text is not printed
            self.setFormat(0, len(text), self.candidate)
        for begin, length, fmt in spans:
            if inside:
                fmt = QTextCharFormat(fmt)
                fmt.merge(self.candidate)
            self.setFormat(begin, length, fmt)

    def _announced(self) -> bool:
        """True when the block before this heading is a {.candidate} line."""
        before = self.currentBlock().previous()
        return before.isValid() and before.text().startswith("{.") and ".candidate" in before.text()


CorrectionKeys = dict[int, tuple[LocatedCorrection, ...]]  # by 0-based line


def correction_lines(
    result: TypographyResult, before: CorrectionKeys
) -> tuple[CorrectionKeys, list[int]]:
    """The corrections by line, and the lines whose corrections differ from ``before``.

    Plain data (grouping and comparing ~10,000 corrections of a 350-page book
    took ~17–50 ms): the window computes it off the UI thread.
    """
    groups: dict[int, list[LocatedCorrection]] = {}
    for located in result.corrections:
        if located.line is not None:
            groups.setdefault(located.line - 1, []).append(located)
    keys = {number: tuple(group) for number, group in groups.items()}
    return keys, [n for n, key in keys.items() if before.get(n) != key]


def plain_text(edit: QPlainTextEdit) -> str:
    """The text of ``edit`` as the file holds it: one line feed per line, no-break spaces kept.

    ``toPlainText`` also turns U+00A0 into a plain space: a saved project, an
    export or a rewrite of the text would lose every no-break space typed.
    """
    raw = edit.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


class SourceEditor(QPlainTextEdit):
    """The source text, with correction tooltips."""

    spelling_problem = Signal(str)  # a dictionary could not be written

    def source_text(self) -> str:
        """The text as the file holds it (``plain_text``: no-break spaces kept)."""
        return plain_text(self)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(11.0, font.pointSizeF()))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.highlighter = SourceHighlighter(self.document())
        self.highlighter.cursor_block = lambda: self.textCursor().block()
        self.setAccessibleName(self.tr("Source du livre (Markdown)"))
        self.setTabChangesFocus(False)
        self.viewport().installEventFilter(self)
        # The corrections each line's marks were made from (see set_corrections).
        self.correction_keys: CorrectionKeys = {}
        self._redraw: list[int] = []  # lines to highlight again, last first
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)
        self._redraw_timer.timeout.connect(self._redraw_slice)
        # Whether the user is typing (the window: a build runs or waits). Lines out of view
        # then keep their old marks: redrawing the ~1,500 lines of a 350-page book's first
        # marks (~1 ms each) took the UI thread and the interpreter lock from the builds.
        self.typing: Callable[[], bool] = lambda: False
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    def set_corrections(self, result: TypographyResult) -> None:
        """Underline where the rules change the text (positions found near the reported column).

        Only the lines whose corrections changed since the last build are looked
        at again: walking the ~10,000 corrections of a 350-page book (a block
        lookup and a text copy each) held the window ~140 ms after every build.
        """
        base = self.correction_keys
        self.show_corrections(*correction_lines(result, base), base)

    def show_corrections(
        self, keys: CorrectionKeys, differ: list[int], base: CorrectionKeys
    ) -> None:
        """The marks of ``correction_lines(result, base)`` (computed on any thread)."""
        if base is not self.correction_keys:  # other marks were shown since: compare again
            differ = [n for n, key in keys.items() if self.correction_keys.get(n) != key]
        self.correction_keys = keys
        highlighter = self.highlighter
        old, old_text = highlighter.marks, highlighter.marked
        doc = self.document()
        # A kept line's text may differ from the one its marks were found in: typed into
        # (its marks moved), or another line there since lines were added or removed.
        suspect = (
            old_text.keys() if doc.blockCount() != highlighter.marked_lines else highlighter.retyped
        )
        again = set(differ) | {
            n for n in suspect if n in keys and old_text.get(n) != doc.findBlockByNumber(n).text()
        }
        differ = sorted(again)
        marks: dict[int, list[Mark]] = {
            n: old[n] for n in keys.keys() - again if n in old
        }  # unchanged corrections keep their marks
        marked = {n: old_text[n] for n in marks if n in old_text}
        changed: list[int] = [n for n in old if n not in keys]
        for number in differ:
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            marked[number] = block.text()
            marks[number] = _line_marks(marked[number], keys[number])
            if old.get(number) != marks[number] or old_text.get(number) != marked[number]:
                changed.append(number)
        highlighter.marks, highlighter.marked = marks, marked
        highlighter.marked_lines, highlighter.retyped = doc.blockCount(), set()
        # Only the lines whose marks changed: a whole rehighlight after every build froze
        # the window for a time growing with the book (about 90 ms on the story), and
        # in slices: the first marks of a 350-page book (~1,500 lines) took ~1 s.
        self._redraw = sorted(set(self._redraw) | set(changed), reverse=True)
        self._redraw_slice()

    def _redraw_slice(self) -> None:
        """Highlight again the lines waiting for it, for ``REDRAW_SLICE_MS`` at the most.

        While typing, only those in view: the others wait for a pause.
        """
        deadline = time.perf_counter() + REDRAW_SLICE_MS / 1000
        doc = self.document()
        typing = self.typing()
        later: list[int] = []
        if typing:  # the lines in view only (the list goes down: popped from its end)
            shown = self.lines_in_view()
            later = [n for n in self._redraw if n not in shown]
            self._redraw = [n for n in self._redraw if n in shown]
        # Quietly: new formats are not new text (each textChanged copied the book again).
        with QSignalBlocker(self):
            while self._redraw and time.perf_counter() < deadline:
                block = doc.findBlockByNumber(self._redraw.pop())
                if block.isValid():
                    self.highlighter.rehighlightBlock(block)
        waits = not self._redraw
        self._redraw = sorted(later + self._redraw, reverse=True) if later else self._redraw
        if self._redraw:
            self._redraw_timer.start(REDRAW_WAIT_MS if waits else 0)

    def lines_in_view(self) -> range:
        """The 0-based lines the editor shows."""
        block = self.firstVisibleBlock()
        first = last = block.blockNumber()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid() and self.blockBoundingGeometry(block).top() + offset.y() < bottom:
            last = block.blockNumber()
            block = block.next()
        return range(max(0, first), last + 1)

    def _scrolled(self) -> None:
        if self._redraw:  # lines come into view: their marks now
            self._redraw_timer.start(0)

    def tip_at(self, line: int, column: int) -> str | None:
        """The correction tooltip at a 0-based line and column, if any."""
        text = self.document().findBlockByNumber(line).text()
        for mark in self.highlighter.line_marks(line, text):
            if mark.column <= column <= mark.column + mark.length:
                return mark.tip
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            help_event = QHelpEvent(event.type(), event.pos(), event.globalPos())  # type: ignore[attr-defined]
            cursor = self.cursorForPosition(help_event.pos())
            tip = self.tip_at(cursor.blockNumber(), cursor.positionInBlock())
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def goto_line(self, line: int, *, focus: bool = True) -> None:
        """Put the cursor at the start of 1-based ``line`` and show it (and focus the editor)."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        if focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- spelling ------------------------------------------------------------------------
    def set_speller(self, speller: FrenchSpeller | None) -> None:
        """Check spelling with ``speller`` (None: stop checking)."""
        self.highlighter.speller = speller
        self.highlighter.rehighlight()

    def misspelling_at(self, cursor: QTextCursor) -> tuple[QTextCursor, str] | None:
        """The unknown word under ``cursor``, selected, if any."""
        speller = self.highlighter.speller
        if speller is None:
            return None
        block = cursor.block()
        column = cursor.positionInBlock()
        for wrong in speller.check(block.text()):
            if wrong.start <= column <= wrong.end:
                selection = QTextCursor(block)
                selection.setPosition(block.position() + wrong.start)
                selection.setPosition(block.position() + wrong.end, QTextCursor.MoveMode.KeepAnchor)
                return selection, wrong.word
        return None

    def spelling_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Suggestions, Ignorer and the two Ajouter au dictionnaire at the top of ``menu``."""
        found = self.misspelling_at(cursor)
        speller = self.highlighter.speller
        if found is None or speller is None:
            return
        selection, word = found
        first = menu.actions()[0] if menu.actions() else None
        suggestions = speller.suggestions(word)
        actions: list[QAction] = []
        for suggestion in suggestions:
            act = QAction(suggestion, menu)
            font = act.font()
            font.setBold(True)
            act.setFont(font)
            act.triggered.connect(lambda _c=False, s=suggestion: selection.insertText(s))
            actions.append(act)
        if not suggestions:
            none = QAction(self.tr("(aucune suggestion)"), menu)
            none.setEnabled(False)
            actions.append(none)
        ignore = QAction(self.tr("Ignorer « {word} »").format(word=word), menu)
        ignore.triggered.connect(lambda: self._learn(speller.ignore, word))
        book = QAction(
            self.tr("Ajouter « {word} » au dictionnaire du livre").format(word=word), menu
        )
        book.setToolTip(self.tr("Enregistré avec le projet, dans dictionnaire.txt"))
        book.triggered.connect(lambda: self._learn(speller.add_to_book, word))
        add = QAction(
            self.tr("Ajouter « {word} » au dictionnaire personnel").format(word=word), menu
        )
        add.triggered.connect(lambda: self._learn(speller.add, word))
        actions += [ignore, book, add]
        menu.insertActions(first, actions)  # type: ignore[arg-type]
        menu.insertSeparator(first)  # type: ignore[arg-type]

    def _learn(self, how: Callable[[str], None], word: str) -> None:
        try:
            how(word)
        except (OSError, LayoutStudioError) as exc:  # the word is kept for this session
            self.spelling_problem.emit(str(exc))
        self.highlighter.rehighlight()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        self.spelling_menu(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    # ---- candidate sections ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        # Not ``urgent``: Qt lets the interpreter lock go while it paints the text (most of
        # this paint), and the layout thread may use the other core meanwhile.
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        label = self.tr("Section candidate — non imprimée")
        short = self.tr("non imprimée")
        metrics = painter.fontMetrics()
        block = self.firstVisibleBlock()
        bottom = self.viewport().height()
        while block.isValid():
            rect = self.blockBoundingGeometry(block).translated(self.contentOffset())
            if rect.top() > bottom:
                break
            text = block.text()
            if block.isVisible() and text.startswith("{.") and ".candidate" in text:
                # Right of the line's own text, never over it: shorter, or not at all, when narrow.
                line = block.layout().lineAt(0)
                text_end = rect.left() + (line.naturalTextWidth() if line.isValid() else 0)
                room = self.viewport().width() - 6 - text_end - 8
                shown = next(
                    (t for t in (label, short) if metrics.horizontalAdvance(t) + 12 <= room), None
                )
                if shown is None:
                    block = block.next()
                    continue
                width = metrics.horizontalAdvance(shown) + 12
                box = QRectF(
                    self.viewport().width() - width - 6,
                    rect.top() + 1,
                    width,
                    metrics.height() + 2,
                )
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(250, 225, 160))
                painter.drawRoundedRect(box, 4, 4)
                painter.setPen(QColor(110, 70, 0))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, shown)
            block = block.next()
        painter.end()
