"""The typography report: every automatic correction, grouped by rule, each rule switchable.

Takes the ``TypographyResult`` of the last build and the disabled rules;
gives a tree (rule → corrections with their line) whose check boxes emit
``toggled(rule, enabled)``; activating a correction emits its source line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from layout_studio.gui.follower import BuildFollower
from layout_studio.text.typography import TypographyResult
from layout_studio.text.typography.fr import RULE_LABELS


class _Entry(QTreeWidgetItem):
    def __init__(self, texts: list[str], rule: str, line: int | None = None) -> None:
        super().__init__(texts)
        self.rule, self.line = rule, line


def _show(text: str) -> str:
    return text.replace("\u00a0", "⍽").replace("\u202f", "·") or "∅"


class TypographyPanel(BuildFollower):
    """Corrections by rule; unchecking a rule switches it off for this book."""

    toggled = Signal(str, bool)
    jump = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Règle / correction"), self.tr("Ligne")])
        self.tree.setAccessibleName(self.tr("Corrections typographiques"))
        self.tree.itemChanged.connect(self._changed)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree)
        self._filling = False
        self._shown: tuple[object, ...] | None = None  # what the tree was filled from

    def follow(self, result: TypographyResult, disabled: frozenset[str]) -> None:
        """A new build: shown now if the panel is visible, else when it is next shown."""
        self.follow_with(lambda: self.update_from(result, disabled))

    def update_from(self, result: TypographyResult, disabled: frozenset[str]) -> None:
        """Refill the tree, unless the corrections and rules are those it shows.

        Typing in a paragraph rarely changes a correction; refilling ~10,000 of
        them on a 350-page book cost ~45 ms per build.
        """
        # What the tree shows (an edit shifts the offsets of its paragraph's corrections).
        key = (
            disabled,
            [
                (
                    c.correction.rule,
                    c.correction.before,
                    c.correction.after,
                    c.correction.context,
                    c.line,
                )
                for c in result.corrections
            ],
        )
        if key == self._shown:
            return
        self._shown = key
        self._filling = True
        self.tree.clear()
        groups = result.by_rule()
        for rule, label in RULE_LABELS.items():
            found = groups.get(rule, [])
            item = _Entry([f"{label} ({len(found)})", ""], rule)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                0, Qt.CheckState.Unchecked if rule in disabled else Qt.CheckState.Checked
            )
            for located in found[:500]:
                c = located.correction
                child = _Entry(
                    [f"« {_show(c.before)} » → « {_show(c.after)} »", str(located.line or "")],
                    rule,
                    located.line,
                )
                child.setToolTip(0, c.context)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)
        self._filling = False

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or item.parent() is not None:
            return
        assert isinstance(item, _Entry)
        self.toggled.emit(item.rule, item.checkState(0) == Qt.CheckState.Checked)

    def _activated(self, item: QTreeWidgetItem) -> None:
        if isinstance(item, _Entry) and item.line:
            self.jump.emit(item.line)
