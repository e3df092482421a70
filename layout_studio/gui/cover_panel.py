"""The cover designer: image, title block, colours, focal point, back-cover and spine text.

Takes each build (its document, theme, cover image and typeset book) and the
book's settings; shows the wraparound cover (back, spine, front) drawn by the
engine's cover layout, so that the panel shows what the print cover gets.
Gives ``chosen(path)`` when the user opens or drops an image (``None``: the
typographic cover), ``setting(table, key, value, label)`` for a theme key of
the cover and ``metadata(key, value, label)`` for the title, subtitle, byline
or back-cover text; the window makes each one undo step and saves it in
``book.toml``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from layout_studio.gui.follower import BuildFollower
from layout_studio.gui.markers import QT_TRANSLATE_NOOP
from layout_studio.gui.render import page_image
from layout_studio.layout.cover import default_byline, print_cover
from layout_studio.layout.page import Page
from layout_studio.session import BookSettings, Build
from layout_studio.style.units import color_hex

PREVIEW_WIDTH = 240  # logical pixels: the wraparound, back to front, in a narrow dock
PANEL_WIDTH = 280  # what the panel asks of its dock, so that the editor keeps its room
DESCRIPTION_IDLE_MS = 800  # the back-cover text is applied after a pause in typing
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

POSITIONS = (
    ("top", QT_TRANSLATE_NOOP("CoverPanel", "En haut")),
    ("center", QT_TRANSLATE_NOOP("CoverPanel", "Au centre")),
    ("bottom", QT_TRANSLATE_NOOP("CoverPanel", "En bas")),
    ("none", QT_TRANSLATE_NOOP("CoverPanel", "Pas de titre sur l’image")),
)
# The typographic cover (no image): where the title block sits on the cover colour.
TYPE_POSITIONS = (
    ("top", QT_TRANSLATE_NOOP("CoverPanel", "En haut")),
    ("center", QT_TRANSLATE_NOOP("CoverPanel", "Au centre")),
    ("bottom", QT_TRANSLATE_NOOP("CoverPanel", "En bas")),
)
SPINES = (
    ("title", QT_TRANSLATE_NOOP("CoverPanel", "Titre")),
    ("title_byline", QT_TRANSLATE_NOOP("CoverPanel", "Titre et mention d’auteur")),
    ("none", QT_TRANSLATE_NOOP("CoverPanel", "Rien")),
)


class CoverPanel(BuildFollower):
    """The wraparound preview and the cover's settings; accepts dropped images."""

    chosen = Signal(object)  # Path | None
    setting = Signal(str, str, object, str)  # table, key, value, undo label
    metadata = Signal(str, object, str)  # key, value (None: back to the text's), undo label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.build: Build | None = None
        self.byline: str | None = None
        self.wraparound: Page | None = None
        self._shown: tuple[object, ...] | None = None  # what the preview was made from
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.thumb = QLabel(self.tr("Déposez une image ici"))
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setMinimumSize(PREVIEW_WIDTH // 2, 150)
        self.thumb.setAccessibleName(self.tr("Vignette de la couverture"))
        self.thumb.setToolTip(self.tr("Couverture à plat : dos, tranche, première"))
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
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: narrow dock
        layout.addLayout(form)
        self.texts: dict[str, QLineEdit] = {}
        for key, label, undo in (
            ("title", self.tr("Titre"), self.tr("titre")),
            ("subtitle", self.tr("Sous-titre"), self.tr("sous-titre")),
            ("byline", self.tr("Mention d’auteur"), self.tr("mention d’auteur")),
        ):
            edit = QLineEdit()
            edit.setAccessibleName(label)
            edit.editingFinished.connect(
                lambda k=key, e=edit, u=undo: self._text_changed(k, e.text(), u)
            )
            self.texts[key] = edit
            form.addRow(label, edit)
        self.position = QComboBox()
        self.position.setAccessibleName(self.tr("Titre sur l’image"))
        for value, source in POSITIONS:
            self.position.addItem(self.tr(source), value)
        self.position.activated.connect(
            lambda _i: self._emit_theme(
                "cover", "title_on_image", self.position.currentData(), self.tr("titre sur l’image")
            )
        )
        form.addRow(self.tr("Titre sur l’image"), self.position)
        self.type_position = QComboBox()
        self.type_position.setAccessibleName(self.tr("Position du titre sans image"))
        self.type_position.setToolTip(
            self.tr("En haut : le titre au tiers supérieur, la mention d’auteur en pied")
        )
        self.type_position.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for value, source in TYPE_POSITIONS:
            self.type_position.addItem(self.tr(source), value)
        self.type_position.activated.connect(
            lambda _i: self._emit_theme(
                "cover",
                "title_position",
                self.type_position.currentData(),
                self.tr("position du titre"),
            )
        )
        form.addRow(self.tr("Titre sans image"), self.type_position)
        self.band = QCheckBox(self.tr("Sur un bandeau de la couleur du fond"))
        self.band.setAccessibleName(self.tr("Bandeau"))
        self.band.clicked.connect(
            lambda on: self._emit_theme("cover", "band", bool(on), self.tr("bandeau"))
        )
        form.addRow("", self.band)
        self.colors: dict[str, QPushButton] = {}
        for key, label in (
            ("cover_text", self.tr("Couleur du texte")),
            ("cover_background", self.tr("Couleur du fond et du bandeau")),
        ):
            button = QPushButton()
            button.setAccessibleName(label)
            button.clicked.connect(lambda _c=False, k=key, t=label: self.pick_color(k, t))
            self.colors[key] = button
            form.addRow(label, button)
        self.focus: dict[str, QSlider] = {}
        for key, label in (
            ("focus_x", self.tr("Point focal, horizontal")),
            ("focus_y", self.tr("Point focal, vertical")),
        ):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setTracking(False)  # one change (and one undo step) when released
            slider.setAccessibleName(label)
            slider.valueChanged.connect(
                lambda v, k=key: self._emit_theme("cover", k, v / 100, self.tr("point focal"))
            )
            self.focus[key] = slider
            form.addRow(label, slider)
        self.spine = QComboBox()
        self.spine.setAccessibleName(self.tr("Texte de la tranche"))
        for value, source in SPINES:
            self.spine.addItem(self.tr(source), value)
        self.spine.activated.connect(
            lambda _i: self._emit_theme(
                "cover", "spine", self.spine.currentData(), self.tr("texte de la tranche")
            )
        )
        form.addRow(self.tr("Tranche"), self.spine)
        back = QLabel(self.tr("Quatrième de couverture (présentation du livre) :"))
        back.setWordWrap(True)
        form.addRow(back)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Quatrième de couverture"))
        self.description.setMaximumHeight(120)
        form.addRow(self.description)
        self.description_timer = QTimer(self)
        self.description_timer.setSingleShot(True)
        self.description_timer.setInterval(DESCRIPTION_IDLE_MS)
        self.description_timer.timeout.connect(self.apply_description)
        self.description.textChanged.connect(self.description_timer.start)
        layout.addStretch(1)
        self.folder = ""

    def sizeHint(self) -> QSize:
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    # ---- from the build ------------------------------------------------------------------
    def show_build(self, build: Build, settings: BookSettings, warnings: list[str]) -> None:
        """Follow a new build: now if the panel is shown, else when it is next shown."""
        self.build = build
        self.follow_with(lambda: self._show(build, settings, warnings))

    def _show(self, build: Build, settings: BookSettings, warnings: list[str]) -> None:
        """The fields (unless being edited) and, if what it shows changed, the preview."""
        self.byline = settings.metadata.get("byline") or None
        meta = build.document.metadata
        theme = build.theme
        values = {"title": meta.title, "subtitle": meta.subtitle or "", "byline": self.byline}
        for key, edit in self.texts.items():
            if not edit.hasFocus():
                edit.setText(values[key] or "")
        self.texts["byline"].setPlaceholderText(default_byline(build.document))
        if not self.description.hasFocus() and not self.description_timer.isActive():
            self.description.blockSignals(True)
            self.description.setPlainText(meta.description or "")
            self.description.blockSignals(False)
        self.position.setCurrentIndex(self.position.findData(theme.cover_title_on_image))
        self.type_position.setCurrentIndex(self.type_position.findData(theme.cover_title_position))
        self.spine.setCurrentIndex(self.spine.findData(theme.cover_spine))
        self.band.setChecked(theme.cover_band)
        for key, rgb in (
            ("cover_text", theme.cover_text),
            ("cover_background", theme.cover_background),
        ):
            hex_value = color_hex(rgb)
            button = self.colors[key]
            button.setText(hex_value)
            text = "#ffffff" if QColor(hex_value).lightnessF() < 0.5 else "#000000"
            button.setStyleSheet(f"background: {hex_value}; color: {text}")
        for key, value in zip(("focus_x", "focus_y"), theme.cover_focus, strict=True):
            self.focus[key].blockSignals(True)
            self.focus[key].setValue(round(value * 100))
            self.focus[key].blockSignals(False)
        on_image = build.cover is not None
        for widget in (self.position, self.band, *self.focus.values()):
            widget.setEnabled(on_image)
        self.type_position.setEnabled(not on_image)
        self.notes.setText("\n".join(warnings))
        # What print_cover reads; typing in a paragraph changes none of it, and
        # laying out and painting the wraparound cost ~20 ms per build.
        names = tuple(c.name for c in build.document.contributors)
        drawn = (theme, meta, build.cover, self.byline, build.book.page_count, names)
        if drawn != self._shown:
            self._shown = drawn
            self.refresh_preview()

    def refresh_preview(self) -> None:
        """The wraparound cover, laid out by the engine as the print cover is."""
        if self.build is None:
            return
        b = self.build
        self.wraparound = print_cover(b.book, b.document, b.theme, b.cover, self.byline).pages[0]
        image = page_image(
            self.wraparound, PREVIEW_WIDTH, device_pixel_ratio=self.devicePixelRatioF()
        )
        self.thumb.setPixmap(QPixmap.fromImage(image))

    # ---- to the window -----------------------------------------------------------------
    def _emit_theme(self, table: str, key: str, value: object, label: str) -> None:
        self.setting.emit(table, key, value, label)

    def _text_changed(self, key: str, text: str, label: str) -> None:
        self.metadata.emit(key, text.strip() or None, label)

    def apply_description(self) -> None:
        self.description_timer.stop()
        text = self.description.toPlainText().strip()
        self.metadata.emit("description", text or None, self.tr("quatrième de couverture"))

    def pick_color(self, key: str, title: str) -> None:
        current = QColor(self.colors[key].text() or "#000000")
        color = QColorDialog.getColor(current, self, title)
        if color.isValid():
            self._emit_theme("colors", key, color.name(), title[:1].lower() + title[1:])

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
        if urls and Path(urls[0].toLocalFile()).suffix.lower() in IMAGE_SUFFIXES:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls:
            self.chosen.emit(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()
