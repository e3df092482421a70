"""The structure view: the book's sections and passages, with their authors.

Takes the editor's text (re-read a moment after each change); gives
``jump(line)`` when a section or passage is clicked and ``moved(index, to)``
when a section is dragged (or moved with Alt+Up / Alt+Down) to another place.
The panel never edits the text itself: the window moves the section as one
undo step and the panel follows the new text. After typing, the outline is
read on the panels' thread (``gui.offthread``) and the tree changes only the
items that changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layout_studio.gui.editor import plain_text
from layout_studio.gui.offthread import OffThread
from layout_studio.sources.outline import Outline, OutlineSection, Passage, outline

REFRESH_MS = 400  # after the last keystroke: the outline is cheap, the tree repaint less so
GREY = "#8a8a8a"  # a candidate section: not printed
LINE_ROLE = Qt.ItemDataRole.UserRole
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


class _SectionTree(QTreeWidget):
    """A tree whose drops only say where a section goes; the text is the source of truth."""

    dropped = Signal(int, int)

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentItem()
        if dragged is None or dragged.parent() is not None:
            event.ignore()
            return
        index = self.indexOfTopLevelItem(dragged)
        target = self.itemAt(event.position().toPoint())
        if target is None:
            to = self.topLevelItemCount() - 1
        else:
            while target.parent() is not None:
                target = target.parent()
            to = self.indexOfTopLevelItem(target)
            below = (
                self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem
            )
            if to < index and below:
                to += 1
            elif to > index and self.dropIndicatorPosition() == (
                QAbstractItemView.DropIndicatorPosition.AboveItem
            ):
                to -= 1
        # Qt must not move the items itself: the tree is rebuilt from the new text.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if to != index:
            self.dropped.emit(index, to)


class StructurePanel(QWidget):
    """Sections (with their place in the book) and their passages (with their authors)."""

    jump = Signal(int)  # 1-based source line
    moved = Signal(int, int)  # section index, new index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tree = _SectionTree()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Structure du livre"))
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.dropped.connect(self.moved)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.up = QPushButton(self.tr("Monter"))
        self.down = QPushButton(self.tr("Descendre"))
        for button, keys, step in ((self.up, "Alt+Up", -1), (self.down, "Alt+Down", 1)):
            button.setShortcut(QKeySequence(keys))
            button.setToolTip(
                self.tr("Déplacer la section ({keys})").format(
                    keys=QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
                )
            )
            button.clicked.connect(lambda _c=False, s=step: self.shift(s))
            row.addWidget(button)
        layout.addLayout(row)
        self.current = Outline((), 0)
        self._source: QPlainTextEdit | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_later)
        self.offthread = OffThread(self)
        self._asked = 0  # outlines asked for: a later synchronous one wins over a late reply

    def watch(self, editor: QPlainTextEdit) -> None:
        """Follow ``editor``'s text, a moment after each change."""
        self._source = editor
        editor.textChanged.connect(self.timer.start)

    def refresh(self) -> None:
        """The outline of the text now (after a section moved: the tree follows at once)."""
        if self._source is not None:
            self._asked += 1
            self.show_outline(outline(plain_text(self._source)))

    def refresh_later(self) -> None:
        """The outline read on the panels' thread (~100–250 ms for a 350-page book)."""
        if self._source is None:
            return
        self._asked += 1
        asked, text = self._asked, plain_text(self._source)

        def show(found: Outline) -> None:
            if asked == self._asked:  # else the text was read again meanwhile
                self.show_outline(found)

        self.offthread.run("outline", lambda: outline(text), show)

    def show_outline(self, found: Outline) -> None:
        if found == self.current:
            return  # highlighting reports textChanged too: keep the tree and its scroll
        if self._update_in_place(found):
            return
        selected = self.selected_section()
        collapsed = {
            item.text(0)
            for item in map(self.tree.topLevelItem, range(self.tree.topLevelItemCount()))
            if item is not None and not item.isExpanded()
        }
        self.current = found
        self.tree.clear()
        for index, section in enumerate(found.sections):
            item = QTreeWidgetItem()
            item.setData(0, SECTION_ROLE, index)
            self._set_section(item, section)
            for passage in section.passages:
                child = QTreeWidgetItem()
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self._set_passage(child, passage)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(item.text(0) not in collapsed)
        if selected is not None:
            self.select_section(selected)

    def _update_in_place(self, found: Outline) -> bool:
        """Change only the items that changed, when sections and passages keep their count.

        Typing changes a passage's first words or moves the lines below it: the
        tree keeps its items (rebuilding ~3,000 of them on a 350-page book held
        the window ~150 ms). False (nothing done) when the shape changed.
        """
        old = self.current.sections
        new = found.sections
        if len(old) != len(new) or self.tree.topLevelItemCount() != len(new):
            return False
        if any(len(a.passages) != len(b.passages) for a, b in zip(old, new, strict=True)):
            return False
        self.current = found
        for index, (before, section) in enumerate(zip(old, new, strict=True)):
            if before == section:
                continue
            item = self.tree.topLevelItem(index)
            assert item is not None
            self._set_section(item, section)
            for j, (was, passage) in enumerate(zip(before.passages, section.passages, strict=True)):
                if was != passage:
                    child = item.child(j)
                    assert child is not None
                    self._set_passage(child, passage)
        return True

    def _set_section(self, item: QTreeWidgetItem, section: OutlineSection) -> None:
        label = self._section_label(section)
        if item.text(0) != label:
            item.setText(0, label)
        item.setData(0, LINE_ROLE, section.line)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if section.titled:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        item.setFlags(flags)
        if section.candidate:
            item.setForeground(0, QBrush(QColor(GREY)))
            item.setToolTip(0, self.tr("Section candidate : non imprimée"))
        elif item.toolTip(0):  # no longer a candidate (in place): as a new item would be
            item.setData(0, Qt.ItemDataRole.ForegroundRole, None)
            item.setData(0, Qt.ItemDataRole.ToolTipRole, None)

    def _set_passage(self, child: QTreeWidgetItem, passage: Passage) -> None:
        authors = ", ".join(passage.authors) or self.tr("(sans crédit)")
        child.setText(0, f"{authors} — {passage.excerpt}")
        child.setData(0, LINE_ROLE, passage.line)
        child.setToolTip(0, passage.excerpt)

    def _section_label(self, section: OutlineSection) -> str:
        title = section.title or self.tr("(texte avant le premier titre)")
        marks = []
        if "front" in section.classes:
            marks.append(self.tr("début"))
        if "back" in section.classes:
            marks.append(self.tr("fin"))
        if section.candidate:
            marks.append(self.tr("non imprimée"))
        count = len(section.passages)
        passages = self.tr("{n} passage(s)").format(n=count) if count else ""
        extra = " · ".join([*marks, passages] if passages else marks)
        return f"{title}  ({extra})" if extra else title

    def selected_section(self) -> int | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return None if item is None else self.tree.indexOfTopLevelItem(item)

    def shift(self, step: int) -> None:
        """Move the selected section up (-1) or down (+1)."""
        index = self.selected_section()
        if index is None:
            return
        to = index + step
        sections = self.current.sections
        if 0 <= to < len(sections) and sections[index].titled and sections[to].titled:
            self.moved.emit(index, to)

    def select_section(self, index: int) -> None:
        item = self.tree.topLevelItem(index) if index >= 0 else None
        if item is not None:
            self.tree.setCurrentItem(item)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line = item.data(0, LINE_ROLE)
        if isinstance(line, int):
            self.jump.emit(line)
