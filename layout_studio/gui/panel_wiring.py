"""Panel wiring of the main window: the docks, and what each panel changes.

Takes the window's state (``WindowState``); gives ``PanelWiring``: the
contributors, structure, typography, styles, cover, preflight and pages
panels in their docks, each panel following the newest build, and each
change they ask for (theme, setting, rule, cover, metadata, a name, a credit,
a section moved) made as one undo step.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import (
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QFrame,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from layout_studio.errors import LayoutStudioError
from layout_studio.gui.contributors import ContributorsPanel
from layout_studio.gui.cover_panel import CoverPanel
from layout_studio.gui.metadata_dialog import MetadataDialog
from layout_studio.gui.preflight_panel import PreflightPanel
from layout_studio.gui.render import page_image
from layout_studio.gui.structure_panel import StructurePanel
from layout_studio.gui.themes_panel import ThemesPanel, save_theme_file
from layout_studio.gui.view_control import THUMB_HEIGHT, THUMB_WIDTH
from layout_studio.gui.window_state import WindowState
from layout_studio.layout.page import Page
from layout_studio.session import (
    Build,
    build,
    rename_contributor,
    resolve_credit,
)
from layout_studio.sources.outline import move_section
from layout_studio.style.theme import theme_summaries


def user_themes_dir() -> Path:
    """The user's own themes (``LAYOUT_STUDIO_THEMES_DIR`` overrides it), created if needed."""
    from layout_studio.style.theme import user_themes_dir as folder_of_user_themes

    folder = folder_of_user_themes()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def user_themes() -> list[tuple[str, str, str]]:
    """(path, label, description) of each theme file in the user's folder that loads."""
    from layout_studio.style.theme import load_theme

    found = []
    for path in sorted(user_themes_dir().glob("*.toml")):
        try:
            theme = load_theme(path)
        except LayoutStudioError:
            continue  # a broken file is not offered; opening it directly reports why
        found.append((str(path.resolve()), theme.label, theme.description))
    return found


class PanelWiring(WindowState):
    """The docks and the undoable changes the panels ask for."""

    gallery_pending: bool

    def _build_panels(self) -> None:
        """The panels around the text and the preview, in docks."""
        self.contributors = ContributorsPanel()
        self.contributors.jump.connect(self.editor.goto_line)
        self.contributors.rename.connect(self.rename)
        self.contributors.resolve.connect(self.resolve_credit)
        self.structure = StructurePanel()
        self.structure.watch(self.editor)
        self.structure.jump.connect(self.editor.goto_line)
        self.structure.moved.connect(self.move_section)
        from layout_studio.gui.typography_panel import TypographyPanel

        self.typography = TypographyPanel()
        self.typography.toggled.connect(self.toggle_rule)
        self.typography.jump.connect(self.editor.goto_line)
        self.themes = ThemesPanel()
        self.themes.chosen.connect(self.choose_theme)
        self.themes.setting.connect(self.change_setting)
        self.themes.save_button.clicked.connect(self.save_theme_as)
        self.cover_panel = CoverPanel()
        self.preflight = PreflightPanel()
        self.cover_panel.chosen.connect(self.choose_cover)
        self.cover_panel.setting.connect(self.change_labelled_setting)
        self.cover_panel.metadata.connect(self.change_metadata)
        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, THUMB_HEIGHT))
        self.thumbnails.setMovement(QListWidget.Movement.Static)
        # A fixed grid: items get their size before their picture (drawn later, in
        # slices), and without one Qt laid them out ~17 px apart, overlapping.
        self.thumbnails.setGridSize(QSize(THUMB_WIDTH + 14, THUMB_HEIGHT + 24))
        self.thumbnails.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbnails.setWrapping(False)
        # In pixels: which thumbnails are in view follows from the scroll bar and the grid.
        self.thumbnails.setHorizontalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.thumbnails.setMinimumHeight(THUMB_HEIGHT + 24 + 24)
        self.thumbnails.setMaximumHeight(THUMB_HEIGHT + 24 + 30)
        self.thumbnails.setAccessibleName(self.tr("Vignettes des pages"))
        self.thumbnails.currentRowChanged.connect(lambda row: self.preview.show_page(row))
        self.docks: dict[str, QDockWidget] = {}
        for key, title, widget, area in (
            (
                "contributors",
                self.tr("Contributeurs"),
                self.contributors,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
            (
                "structure",
                self.tr("Structure"),
                self.structure,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
            (
                "typography",
                self.tr("Typographie"),
                self.typography,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
            ("themes", self.tr("Styles"), self.themes, Qt.DockWidgetArea.RightDockWidgetArea),
            (
                "cover",
                self.tr("Couverture"),
                self.cover_panel,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            (
                "preflight",
                self.tr("Contrôle d’impression"),
                self.preflight,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            ("pages", self.tr("Pages"), self.thumbnails, Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")
            content: QWidget = widget
            if key in ("themes", "cover"):
                # Tall forms scroll instead of forcing the window taller than a laptop screen.
                content = QScrollArea()
                content.setWidgetResizable(True)
                content.setFrameShape(QFrame.Shape.NoFrame)
                content.setWidget(widget)
            dock.setWidget(content)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
            if isinstance(widget, (ContributorsPanel, TypographyPanel, CoverPanel)):
                # Out of view a panel skips the builds; its tab brought forward, it catches up.
                dock.visibilityChanged.connect(
                    lambda shown, panel=widget: shown and panel.catch_up()
                )
        self.tabifyDockWidget(self.docks["contributors"], self.docks["structure"])
        self.tabifyDockWidget(self.docks["structure"], self.docks["typography"])
        self.tabifyDockWidget(self.docks["themes"], self.docks["cover"])
        self.tabifyDockWidget(self.docks["cover"], self.docks["preflight"])
        self.docks["contributors"].raise_()
        self.docks["themes"].raise_()

    def show_build_in_panels(self, result: Build) -> None:
        """Each panel follows the newest build."""
        # Hidden panels catch up when shown; shown ones redraw only what changed.
        # The text this build was made from (no copy of a long book's text).
        self.contributors.follow(result, self.worker.built_text)
        self.typography.follow(result.typography, self.settings.disabled_rules)
        self.themes.show_theme(result.chosen_theme)
        self.themes.select(self.settings.theme)
        self.cover_panel.show_build(
            result,
            self.settings,
            [w for w in result.warnings if "dpi" in w or "couleur" in w or "convert" in w],
        )
        if self.themes.gallery.count() == 0 and not self.gallery_pending:
            self.refresh_gallery()

    def refresh_gallery(self) -> None:
        """Each theme shown by a real page of this book, typeset on the layout thread."""
        text, base, current = self.editor.source_text(), self.base, self.settings
        names = theme_summaries() + user_themes()
        if current.theme not in {n for n, _l, _d in names}:
            names.append((current.theme, Path(current.theme).stem, ""))

        def pages() -> list[tuple[str, str, Page | None]]:
            found: list[tuple[str, str, Page | None]] = []
            for name, label, _desc in names:
                settings = dataclasses.replace(current, theme=name, overrides={}, cover=None)
                try:
                    sample = build(text, settings, base)
                except LayoutStudioError:
                    found.append((name, label, None))
                    continue
                body = next(
                    (p for p in sample.book.pages if p.kind == "body"), sample.book.pages[0]
                )
                found.append((name, label, body))
            return found

        def show(result: object) -> None:
            if not isinstance(result, list):
                return
            ratio = self.devicePixelRatioF()
            entries = [
                (name, label, page_image(page, 110, device_pixel_ratio=ratio) if page else None)
                for name, label, page in result
            ]
            self.themes.set_themes(entries, self.settings.theme)

        def done(result: object) -> None:
            self.gallery_pending = False
            show(result)

        self.gallery_pending = True
        self.worker.call(pages, done)

    def show_styles(self) -> None:
        self.docks["themes"].show()
        self.docks["themes"].raise_()

    def choose_theme(self, spec: str) -> None:
        self.change_settings(
            dataclasses.replace(self.settings, theme=spec, overrides={}),
            self.tr("changement de thème"),
        )

    def change_setting(self, table: str, key: str, value: object) -> None:
        self.change_settings(
            self.settings.with_override(table, key, value),
            self.themes.setting_label(table, key),
        )

    def change_labelled_setting(self, table: str, key: str, value: object, label: str) -> None:
        """A theme key changed by a panel that names it for the undo menu."""
        self.change_settings(self.settings.with_override(table, key, value), label)

    def change_metadata(self, key: str, value: object, label: str) -> None:
        """One book metadata field (None: back to what the text says), as one undo step."""
        metadata = dict(self.settings.metadata)
        if value is None:
            metadata.pop(key, None)
        else:
            shown = self.build and getattr(self.build.document.metadata, key, None)
            if value == metadata.get(key, shown):
                return  # left the field without changing it
            metadata[key] = value
        self.change_settings(dataclasses.replace(self.settings, metadata=metadata), label)

    def toggle_rule(self, rule: str, enabled: bool) -> None:
        disabled = set(self.settings.disabled_rules)
        (disabled.discard if enabled else disabled.add)(rule)
        self.change_settings(
            dataclasses.replace(self.settings, disabled_rules=frozenset(disabled)),
            self.tr("règle {rule}").format(rule=rule),
        )

    def choose_cover(self, path: Path | None) -> None:
        if path is not None:
            from layout_studio.export.cover import load_cover
            from layout_studio.style.theme import load_theme

            try:
                load_cover(
                    path, self.build.theme if self.build else load_theme(self.settings.theme)
                )
            except LayoutStudioError as exc:
                QMessageBox.warning(self, self.tr("Image refusée"), str(exc))
                return
        self.change_settings(dataclasses.replace(self.settings, cover=path), self.tr("couverture"))

    def edit_metadata(self) -> None:
        names = [c.name for c in self.build.document.ordered_contributors] if self.build else []
        current = dict(self.settings.metadata)
        if self.build:
            meta = self.build.document.metadata
            for key, _label in MetadataDialog.FIELDS:
                value = getattr(meta, key, None)
                if value and key not in current:
                    current[key] = value
        dialog = MetadataDialog(self, current, names)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._apply_metadata(dialog)
        finally:
            # Deleted now, not with the window at exit, where PySide6 found it
            # still shared with Python ("shared QObject was deleted directly").
            dialog.deleteLater()

    def _apply_metadata(self, dialog: MetadataDialog) -> None:
        """The dialog's fields, names and order as one undo step."""
        self.undo_stack.beginMacro(self.tr("métadonnées"))
        metadata: dict[str, object] = dict(dialog.values())
        previous = self.settings.metadata.get("contributor_order")
        if dialog.moved:
            metadata["contributor_order"] = dialog.order()
        elif previous:
            renamed = dict(dialog.renames())
            metadata["contributor_order"] = tuple(renamed.get(n, n) for n in previous)
        self.change_settings(
            dataclasses.replace(self.settings, metadata=metadata), self.tr("métadonnées")
        )
        for old, new in dialog.renames():
            self.rename(old, new)
        self.undo_stack.endMacro()

    def move_section(self, index: int, to: int) -> None:
        """Section ``index`` of the structure view moved to ``to``, as one undo step."""
        text = self.editor.source_text()
        moved = move_section(text, index, to)
        if moved == text:
            return
        self.replace_text(moved)
        self.structure.refresh()
        self.structure.select_section(to)
        self.editor.goto_line(self.structure.current.sections[to].line, focus=False)

    def rename(self, old: str, new: str) -> None:
        text, count = rename_contributor(self.editor.source_text(), old, new)
        if count:
            self.replace_text(text)
            self.statusBar().showMessage(
                self.tr("« {old} » → « {new} » : {count} crédit(s) modifié(s)").format(
                    old=old, new=new, count=count
                ),
                5000,
            )

    def resolve_credit(self, line: int, name: str, confirm: bool) -> None:
        self.replace_text(resolve_credit(self.editor.source_text(), line, name, confirm=confirm))

    def save_theme_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Enregistrer le thème"),
            str(user_themes_dir() / "mon-theme.toml"),
            self.tr("Thème (*.toml)"),
        )
        if not path:
            return
        try:
            save_theme_file(
                Path(path), self.settings.theme, Path(path).stem, self.settings.overrides
            )
        except LayoutStudioError as exc:
            QMessageBox.critical(self, self.tr("Enregistrement impossible"), str(exc))
            return
        self.change_settings(
            dataclasses.replace(self.settings, theme=str(Path(path).resolve()), overrides={}),
            self.tr("nouveau thème"),
        )
        self.refresh_gallery()
