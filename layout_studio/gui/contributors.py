"""The contributors panel: who wrote what, renaming and merging, doubtful credits.

Takes the current ``Build`` and the source text; gives a dock widget that
lists each contributor with their passages (click to jump), asks for a
new name to rename or merge, and lets the user confirm or reject each
credit the importer was unsure of. Changes are emitted as signals; the
window turns them into undoable edits. What the lists show is read from the
build on the panels' thread (``gui.offthread``; ~30 ms on a 350-page book).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layout_studio.gui.follower import BuildFollower
from layout_studio.gui.offthread import OffThread
from layout_studio.model.document import Paragraph, Text
from layout_studio.session import Build, doubtful_credits
from layout_studio.sources.markdown_moves import positions_steady


class _Entry(QTreeWidgetItem):
    """A contributor or one of their passages (plain attributes, not Qt roles)."""

    def __init__(self, texts: list[str], name: str, line: int | None = None) -> None:
        super().__init__(texts)
        self.name, self.line = name, line


# What the lists show: (key, name, label, count) of each contributor, (key, first words,
# line) of each passage, and the doubtful credits.
_Shown = tuple[
    list[tuple[str, str, str, str]], list[tuple[str, str, int]], list[tuple[int, str, float]]
]


def listed(result: Build, text: str) -> _Shown:
    """What the lists show of a build and its text (plain data: read off the UI thread)."""
    people: list[tuple[str, str, str, str]] = []  # key, name, label, count
    for c in result.document.contributors:
        label = c.name if c.affiliation is None else f"{c.name}, {c.affiliation}"
        people.append((c.key, c.name, label, str(c.contributions)))
    known = {person[0] for person in people}
    with positions_steady():  # the layout thread may be parsing the next text
        passages = _passages(result, known)  # contributor's key, first words, line
    return people, passages, doubtful_credits(text)


def _passages(result: Build, known: set[str]) -> list[tuple[str, str, int]]:
    """Each known contributor's passages: key, first words, source line."""
    passages: list[tuple[str, str, int]] = []
    for contribution in result.document.contributions():
        key = contribution.credit.key  # computed from the name each time it is read
        first = next((b for b in contribution.blocks if isinstance(b, Paragraph)), None)
        if key not in known or first is None:
            continue
        text_ = " ".join(s.text for s in first.spans if isinstance(s, Text))
        words = text_.split(maxsplit=7)[:7]  # not the whole paragraph cut into words
        line = first.source.line if first.source else 1
        passages.append((key, " ".join(words) + "…", line))
    return passages


class _Doubt(QListWidgetItem):
    def __init__(self, text: str, name: str, line: int) -> None:
        super().__init__(text)
        self.name, self.line = name, line


class ContributorsPanel(BuildFollower):
    """Contributors and their passages."""

    jump = Signal(int)  # 1-based source line
    rename = Signal(str, str)  # old name, new name
    resolve = Signal(int, str, bool)  # line, name, confirm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Contributeur"), self.tr("Passages")])
        self.tree.setAccessibleName(self.tr("Liste des contributeurs"))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout.addWidget(self.tree)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton(self.tr("Renommer ou fusionner…"))
        self.rename_button.setToolTip(
            self.tr(
                "Corrige l’orthographe d’un nom partout ; un nom déjà présent fusionne les deux."
            )
        )
        self.rename_button.clicked.connect(self._ask_rename)
        buttons.addWidget(self.rename_button)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Crédits douteux (à confirmer) :")))
        self.doubtful = QListWidget()
        self.doubtful.setAccessibleName(self.tr("Crédits douteux"))
        self.doubtful.itemActivated.connect(lambda i: self.jump.emit(i.line))
        layout.addWidget(self.doubtful)
        row = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Confirmer"))
        self.reject_button = QPushButton(self.tr("Rejeter"))
        self.confirm_button.clicked.connect(lambda: self._resolve(True))
        self.reject_button.clicked.connect(lambda: self._resolve(False))
        row.addWidget(self.confirm_button)
        row.addWidget(self.reject_button)
        layout.addLayout(row)
        self.offthread = OffThread(self)
        self._shown: _Shown | None = None  # what the lists were filled from

    def follow(self, result: Build, text: str) -> None:
        """A new build: shown now if the panel is visible, else when it is next shown.

        The lists' contents are read on the panels' thread, then shown here.
        """
        self.follow_with(
            lambda: self.offthread.run("lists", lambda: listed(result, text), self.show_lists)
        )

    def update_from(self, result: Build, text: str) -> None:
        """Refill both lists from a build and the text it came from, at once."""
        self.show_lists(listed(result, text))

    def show_lists(self, shown: _Shown) -> None:
        """Refill both lists with ``shown`` (``listed``), if what they list changed."""
        people, passages, doubts = shown
        # Typing in a paragraph rarely changes these: the Qt lists are rebuilt only when
        # they did (clearing and refilling them cost ~30 ms per build on a 350-page book).
        if shown == self._shown:
            return
        old, self._shown = self._shown, shown
        if (
            old is None
            or old[0] != people
            or old[2] != doubts
            or not self._relabel(people, old[1], passages)
        ):
            self._fill(people, passages, doubts)

    def _relabel(
        self,
        people: list[tuple[str, str, str, str]],
        old: list[tuple[str, str, int]],
        passages: list[tuple[str, str, int]],
    ) -> bool:
        """Change in place the passages that changed (an edit in a first paragraph).

        False (nothing changed) when the passages are not the same in number per person.
        """
        if [key for key, _w, _l in old] != [key for key, _w, _l in passages]:
            return False
        by_key = {person[0]: item for person, item in zip(people, self._top(), strict=True)}
        children: dict[str, int] = {}
        for (key, old_words, old_line), (_key, words, line) in zip(old, passages, strict=True):
            index = children.get(key, 0)
            children[key] = index + 1
            if (old_words, old_line) != (words, line):
                child = by_key[key].child(index)
                assert isinstance(child, _Entry)
                child.setText(0, words)
                child.line = line
        return True

    def _fill(
        self,
        people: list[tuple[str, str, str, str]],
        passages: list[tuple[str, str, int]],
        doubts: list[tuple[int, str, float]],
    ) -> None:
        expanded = {item.name for item in self._top() if item.isExpanded()}
        self.tree.clear()
        by_key: dict[str, _Entry] = {}
        for key, name, label, count in people:
            item = _Entry([label, count], name)
            by_key[key] = item
            self.tree.addTopLevelItem(item)
        for key, words, line in passages:
            parent = by_key[key]
            parent.addChild(_Entry([words, ""], parent.name, line))
        for item in self._top():
            item.setExpanded(item.name in expanded)
        self.tree.resizeColumnToContents(0)
        self.doubtful.clear()
        for line, name, confidence in doubts:
            self.doubtful.addItem(
                _Doubt(
                    self.tr("ligne {line} : {name} (confiance {confidence})").format(
                        line=line, name=name, confidence=f"{confidence:.2f}"
                    ),
                    name,
                    line,
                )
            )
        has_doubt = self.doubtful.count() > 0
        self.confirm_button.setEnabled(has_doubt)
        self.reject_button.setEnabled(has_doubt)

    def _top(self) -> list[_Entry]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]  # type: ignore[misc]

    def _activated(self, item: QTreeWidgetItem) -> None:
        assert isinstance(item, _Entry)
        line = item.line
        if line is None and item.childCount():
            line = item.child(0).line  # type: ignore[attr-defined]
        if line is not None:
            self.jump.emit(int(line))

    def selected_name(self) -> str | None:
        item = self.tree.currentItem()
        return item.name if isinstance(item, _Entry) else None

    def _ask_rename(self) -> None:
        old = self.selected_name()
        if not old:
            return
        new, ok = QInputDialog.getText(
            self,
            self.tr("Renommer le contributeur"),
            self.tr("Nouveau nom pour « {name} » :").format(name=old),
            text=old,
        )
        if ok and new.strip() and new.strip() != old:
            self.rename.emit(old, new.strip())

    def _resolve(self, confirm: bool) -> None:
        item = self.doubtful.currentItem() or self.doubtful.item(0)
        if isinstance(item, _Doubt):
            self.resolve.emit(item.line, item.name, confirm)
