"""The cover picker: choose or drop an image, or use the typographic cover.

Takes the cover page of the last build (image or generated) and the
cover's warnings; gives ``chosen(path)`` when the user opens or drops an
image and ``chosen(None)`` for "no image".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from layout_studio.gui.render import page_image
from layout_studio.layout.page import Page


class CoverPanel(QWidget):
    """Thumbnail, warnings, Choose…, No image; accepts dropped images."""

    chosen = Signal(object)  # Path | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.thumb = QLabel(self.tr("Déposez une image ici"))
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setMinimumSize(150, 210)
        self.thumb.setAccessibleName(self.tr("Vignette de la couverture"))
        layout.addWidget(self.thumb)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8a4b00")
        layout.addWidget(self.notes)
        row = QHBoxLayout()
        pick = QPushButton(self.tr("Choisir une image…"))
        pick.clicked.connect(self.pick)
        none = QPushButton(self.tr("Sans image"))
        none.setToolTip(self.tr("Couverture typographique générée à partir du thème"))
        none.clicked.connect(lambda: self.chosen.emit(None))
        row.addWidget(pick)
        row.addWidget(none)
        layout.addLayout(row)
        layout.addStretch(1)
        self.folder = ""

    def show_cover(self, page: Page, warnings: list[str]) -> None:
        self.thumb.setPixmap(
            QPixmap.fromImage(page_image(page, 150, device_pixel_ratio=self.devicePixelRatioF()))
        )
        self.notes.setText("\n".join(warnings))

    def pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Image de couverture"),
            self.folder,
            self.tr("Images (*.jpg *.jpeg *.png *.webp)"),
        )
        if path:
            self.folder = str(Path(path).parent)
            self.chosen.emit(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and Path(urls[0].toLocalFile()).suffix.lower() in (
            ".jpg",
            ".jpeg",
            ".png",
            ".webp",
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls:
            self.chosen.emit(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()
