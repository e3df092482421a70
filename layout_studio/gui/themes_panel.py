"""Styles: the theme gallery and the common settings of the current theme.

Takes the list of themes (shipped and the user's own) with a rendered page
of the book for each, and the current ``Theme``; gives signals when the
user picks a theme or changes a setting (trim size, margins, body size,
leading, credit style, hyphenation), and saves the result as a new theme
file that ``extends`` the one it started from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w
from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from layout_studio.gui.markers import QT_TRANSLATE_NOOP
from layout_studio.io.atomic import atomic_write_text
from layout_studio.style.theme import CREDIT_PLACEMENTS, CREDIT_VARIANTS, Theme
from layout_studio.style.units import MM, PAGE_PRESETS


class _ThemeItem(QListWidgetItem):
    def __init__(self, label: str, spec: str) -> None:
        super().__init__(label)
        self.spec = spec


# Marked for lupdate here, translated where shown (``self.tr``).
PLACEMENTS = {
    "inline": QT_TRANSLATE_NOOP("ThemesPanel", "dans le texte"),
    "signed": QT_TRANSLATE_NOOP("ThemesPanel", "signé à droite"),
    "line": QT_TRANSLATE_NOOP("ThemesPanel", "ligne à part"),
    "margin": QT_TRANSLATE_NOOP("ThemesPanel", "en marge"),
}
VARIANTS = {
    "italic": QT_TRANSLATE_NOOP("ThemesPanel", "italique"),
    "small-caps": QT_TRANSLATE_NOOP("ThemesPanel", "petites capitales"),
    "roman": QT_TRANSLATE_NOOP("ThemesPanel", "romain"),
}


class ThemesPanel(QWidget):
    """Theme gallery + settings form."""

    chosen = Signal(str)  # theme name or path
    setting = Signal(str, str, object)  # table, key, value (None: back to the theme's)

    def setting_label(self, table: str, key: str) -> str:
        """The setting's name as the panel shows it (« marge intérieure »), for undo texts."""
        widgets: dict[tuple[str, str], QWidget] = {
            ("page", "size"): self.page_size,
            ("body", "size"): self.body_size,
            ("body", "leading"): self.leading,
            ("credits", "placement"): self.placement,
            ("credits", "variant"): self.variant,
            ("hyphenation", "enabled"): self.hyphenation,
            **{("page", k): box for k, box in self.margins.items()},
        }
        widget = widgets.get((table, key))
        name = widget.accessibleName() if widget is not None else ""
        return name[:1].lower() + name[1:] if name else key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(110, 156))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setMinimumHeight(200)
        self.gallery.setAccessibleName(self.tr("Galerie des thèmes"))
        self.gallery.itemActivated.connect(self._picked)
        self.gallery.itemClicked.connect(self._picked)
        layout.addWidget(self.gallery)
        form = QFormLayout()
        self.page_size = QComboBox()
        self.page_size.addItems(list(PAGE_PRESETS))
        self.page_size.setAccessibleName(self.tr("Format de page"))
        self.page_size.activated.connect(
            lambda _i: self.setting.emit("page", "size", self.page_size.currentText())
        )
        form.addRow(self.tr("Format"), self.page_size)
        self.margins: dict[str, QDoubleSpinBox] = {}
        for key, label in (
            ("inner", self.tr("Marge intérieure")),
            ("outer", self.tr("Marge extérieure")),
            ("top", self.tr("Marge de tête")),
            ("bottom", self.tr("Marge de pied")),
        ):
            box = QDoubleSpinBox()
            box.setRange(5, 60)
            box.setSuffix(" mm")
            box.setDecimals(1)
            box.setAccessibleName(label)
            box.editingFinished.connect(
                lambda k=key, b=box: self.setting.emit("page", k, f"{b.value():g}mm")
            )
            self.margins[key] = box
            form.addRow(label, box)
        self.body_size = QDoubleSpinBox()
        self.body_size.setRange(6, 18)
        self.body_size.setSingleStep(0.5)
        self.body_size.setSuffix(" pt")
        self.body_size.setAccessibleName(self.tr("Corps du texte"))
        self.body_size.editingFinished.connect(
            lambda: self.setting.emit("body", "size", self.body_size.value())
        )
        form.addRow(self.tr("Corps"), self.body_size)
        self.leading = QDoubleSpinBox()
        self.leading.setRange(6, 30)
        self.leading.setSingleStep(0.5)
        self.leading.setSuffix(" pt")
        self.leading.setAccessibleName(self.tr("Interlignage"))
        self.leading.editingFinished.connect(
            lambda: self.setting.emit("body", "leading", self.leading.value())
        )
        form.addRow(self.tr("Interlignage"), self.leading)
        self.placement = QComboBox()
        for key in CREDIT_PLACEMENTS:
            self.placement.addItem(self.tr(PLACEMENTS[key]), key)
        self.placement.setAccessibleName(self.tr("Place des crédits"))
        self.placement.activated.connect(
            lambda _i: self.setting.emit("credits", "placement", self.placement.currentData())
        )
        form.addRow(self.tr("Crédits"), self.placement)
        self.variant = QComboBox()
        for key in CREDIT_VARIANTS:
            self.variant.addItem(self.tr(VARIANTS[key]), key)
        self.variant.setAccessibleName(self.tr("Style des crédits"))
        self.variant.activated.connect(
            lambda _i: self.setting.emit("credits", "variant", self.variant.currentData())
        )
        form.addRow(self.tr("Style des crédits"), self.variant)
        self.hyphenation = QCheckBox(self.tr("Césure"))
        self.hyphenation.setAccessibleName(self.tr("Césure"))
        self.hyphenation.clicked.connect(
            lambda on: self.setting.emit("hyphenation", "enabled", bool(on))
        )
        form.addRow("", self.hyphenation)
        layout.addLayout(form)
        self.save_button = QPushButton(self.tr("Enregistrer comme thème…"))
        layout.addWidget(self.save_button)
        self.current: str = ""

    def set_themes(self, entries: list[tuple[str, str, QImage | None]], current: str) -> None:
        """Fill the gallery: (name or path, label, thumbnail)."""
        self.gallery.clear()
        for spec, label, image in entries:
            item = _ThemeItem(label, spec)
            item.setToolTip(spec)
            if image is not None:
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            self.gallery.addItem(item)
            if spec == current:
                self.gallery.setCurrentItem(item)
        self.current = current

    def select(self, spec: str) -> None:
        """Highlight the gallery entry of ``spec`` (no signal)."""
        self.current = spec
        for i in range(self.gallery.count()):
            item = self.gallery.item(i)
            if isinstance(item, _ThemeItem) and item.spec == spec:
                self.gallery.blockSignals(True)
                self.gallery.setCurrentItem(item)
                self.gallery.blockSignals(False)
                return
        self.gallery.clearSelection()

    def show_theme(self, theme: Theme) -> None:
        """Show the resolved theme's values in the form (no signals)."""
        widgets: list[QWidget] = [
            self.page_size,
            self.body_size,
            self.leading,
            self.placement,
            self.variant,
            self.hyphenation,
            *self.margins.values(),
        ]
        for w in widgets:
            w.blockSignals(True)
        g = theme.page
        preset = next(
            (
                k
                for k, (w, h) in PAGE_PRESETS.items()
                if abs(w - g.width) < 0.5 and abs(h - g.height) < 0.5
            ),
            None,
        )
        if preset:
            self.page_size.setCurrentText(preset)
        for key, box in self.margins.items():
            box.setValue(getattr(g, key) / MM)
        self.body_size.setValue(theme.body.size)
        self.leading.setValue(theme.body.leading)
        self.placement.setCurrentIndex(max(0, self.placement.findData(theme.credit_placement)))
        self.variant.setCurrentIndex(max(0, self.variant.findData(theme.credit_variant)))
        self.hyphenation.setChecked(theme.hyphenate)
        for w in widgets:
            w.blockSignals(False)

    def _picked(self, item: QListWidgetItem) -> None:
        if not isinstance(item, _ThemeItem):
            return
        spec = item.spec
        if spec != self.current:
            self.current = spec
            self.chosen.emit(spec)


def save_theme_file(
    path: Path, base: str, label: str, overrides: dict[str, dict[str, Any]]
) -> Path:
    """Write a theme that extends ``base`` with ``overrides`` (atomic)."""
    data: dict[str, Any] = {
        "theme": {"name": path.stem, "label": label or path.stem, "extends": base}
    }
    for table, values in overrides.items():
        data.setdefault(table, {}).update(values)
    header = "# Thème Layout Studio enregistré depuis l’application.\n"
    return atomic_write_text(path, header + tomli_w.dumps(data))
