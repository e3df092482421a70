"""The book's metadata dialog: title, subtitle, byline, dedication, publisher, date, description.

Takes the current values and the contributors' names; gives the edited
values, the renamed contributors and their chosen order (up, down,
alphabetical), for the window to apply as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import (
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from layout_studio.gui.markers import QT_TRANSLATE_NOOP
from layout_studio.sources.isbn import format_isbn, parse_isbn


class MetadataDialog(QDialog):
    """Title, subtitle, byline, dedication, publisher, date, description; contributor names."""

    FIELDS = (  # labels marked for lupdate, translated where shown
        ("title", QT_TRANSLATE_NOOP("MetadataDialog", "Titre")),
        ("subtitle", QT_TRANSLATE_NOOP("MetadataDialog", "Sous-titre")),
        ("byline", QT_TRANSLATE_NOOP("MetadataDialog", "Mention d’auteur")),
        ("dedication", QT_TRANSLATE_NOOP("MetadataDialog", "Dédicace")),
        ("publisher", QT_TRANSLATE_NOOP("MetadataDialog", "Éditeur")),
        ("date", QT_TRANSLATE_NOOP("MetadataDialog", "Date (AAAA-MM-JJ)")),
        ("description", QT_TRANSLATE_NOOP("MetadataDialog", "Présentation")),
        ("rights", QT_TRANSLATE_NOOP("MetadataDialog", "Droits ou licence")),
        ("isbn", QT_TRANSLATE_NOOP("MetadataDialog", "ISBN du livre numérique")),
        ("print_isbn", QT_TRANSLATE_NOOP("MetadataDialog", "ISBN de l’édition imprimée")),
    )

    def __init__(self, parent: QWidget, current: dict[str, str], names: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Métadonnées du livre"))
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, source in self.FIELDS:
            label = self.tr(source)
            value = str(current.get(key, ""))
            if key in ("isbn", "print_isbn") and value.isdigit():
                value = format_isbn(value)  # shown with its hyphens, stored as digits
            edit = QLineEdit(value)
            edit.setAccessibleName(label)
            self.edits[key] = edit
            form.addRow(label, edit)
        form.addRow(
            QLabel(
                self.tr(
                    "Contributeurs, dans l’ordre du colophon et de l’EPUB "
                    "(double-clic ou F2 pour corriger un nom) :"
                )
            )
        )
        self.names = QListWidget()
        self.names.setAccessibleName(self.tr("Noms et ordre des contributeurs"))
        self.original = list(names)  # the name in the text, row by row (kept in step)
        self.moved = False
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.names.addItem(item)
        form.addRow(self.names)
        moves = QHBoxLayout()
        for label, keys, handler in (
            (self.tr("Monter"), "Alt+Up", lambda: self.shift(-1)),
            (self.tr("Descendre"), "Alt+Down", lambda: self.shift(1)),
            (self.tr("Ordre alphabétique"), "", self.alphabetical),
        ):
            button = QPushButton(label)
            button.setAccessibleName(label)
            if keys:
                shortcut = QKeySequence(keys)
                button.setShortcut(shortcut)
                # Shown as the user's keyboard names it (Alt+Haut in French).
                button.setToolTip(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
            button.clicked.connect(handler)
            moves.addWidget(button)
        form.addRow(moves)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        """The filled fields; ISBNs as their 13 digits (``accept`` has checked them)."""
        out = {k: e.text().strip() for k, e in self.edits.items() if e.text().strip()}
        for key in ("isbn", "print_isbn"):
            if key in out:
                out[key] = parse_isbn(out[key])
        return out

    def accept(self) -> None:
        """Close only when each ISBN given is valid; else say why and stay open."""
        for key, source in self.FIELDS:
            text = self.edits[key].text().strip()
            if key not in ("isbn", "print_isbn") or not text:
                continue
            try:
                parse_isbn(text)
            except ValueError as exc:
                QMessageBox.warning(
                    self,
                    self.tr("ISBN invalide"),
                    self.tr("{field} : « {value} » n’est pas un ISBN valide ({reason}).").format(
                        field=self.tr(source), value=text, reason=exc
                    ),
                )
                self.edits[key].setFocus()
                return
        super().accept()

    def shift(self, step: int) -> None:
        """Move the selected contributor up (-1) or down (+1)."""
        row = self.names.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.names.count():
            return
        item = self.names.takeItem(row)
        self.names.insertItem(target, item)
        self.original.insert(target, self.original.pop(row))
        self.names.setCurrentRow(target)
        self.moved = True

    def alphabetical(self) -> None:
        """Back to the default order (accents ignored)."""
        from layout_studio.model.document import sort_key

        rows = sorted(
            ((self.names.item(i).text(), self.original[i]) for i in range(self.names.count())),
            key=lambda pair: sort_key(pair[0]),
        )
        self.names.clear()
        self.original = [old for _new, old in rows]
        for new, _old in rows:
            item = QListWidgetItem(new)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.names.addItem(item)
        self.moved = True

    def order(self) -> tuple[str, ...]:
        """The display names in the chosen order."""
        return tuple(
            self.names.item(i).text().strip()
            for i in range(self.names.count())
            if self.names.item(i).text().strip()
        )

    def renames(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.names.count()):
            old, new = self.original[i], self.names.item(i).text().strip()
            if new and new != old:
                out.append((old, new))
        return out
