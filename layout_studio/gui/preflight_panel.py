"""The preflight panel: what a printer's checks would find, in the app.

Takes the saved project (``book.toml`` or source) and a print service;
gives a dock widget listing ``layout_studio.preflight`` findings, errors
first, one line each with the page and the measured value, exactly as
``layout-studio preflight`` prints them. The check runs on a pool thread
(it exports the interior and the cover in memory), so the window never waits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from layout_studio.errors import LayoutStudioError
from layout_studio.preflight import ERROR, WARNING, Finding, preflight
from layout_studio.style.printing import SERVICES

_COLOURS = {ERROR: QColor(180, 30, 30), WARNING: QColor(170, 100, 0)}


class _Relay(QObject):
    done = Signal(object, object)  # the findings (list) or the error message (str), generation


class PreflightPanel(QWidget):
    """Service, a *Vérifier* button, and the findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.service = QComboBox()
        for key in SERVICES:
            self.service.addItem(key, key)
        self.service.setAccessibleName(self.tr("Service d’impression"))
        row.addWidget(QLabel(self.tr("Service")))
        row.addWidget(self.service, 1)
        self.run_button = QPushButton(self.tr("Vérifier"))
        row.addWidget(self.run_button)
        layout.addLayout(row)
        self.summary = QLabel(
            self.tr("Enregistrez le projet, puis vérifiez-le avant l’impression.")
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.setAccessibleName(self.tr("Résultats du contrôle"))
        layout.addWidget(self.findings, 1)
        self.relay = _Relay(self)
        self.relay.done.connect(self._show)
        self.generation = 0
        self.running = False

    def check(self, target: Path | None) -> None:
        """Preflight the saved ``target`` for the chosen service, on a pool thread."""
        if target is None:
            self.summary.setText(
                self.tr(
                    "Enregistrez d’abord le projet : le contrôle porte sur le fichier enregistré."
                )
            )
            return
        self.generation += 1
        generation, service = self.generation, str(self.service.currentData())
        self.running = True
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Contrôle en cours…"))
        relay = self.relay

        def work() -> None:
            try:
                result: object = preflight(target, service)
            except LayoutStudioError as exc:
                result = exc.one_line()
            relay.done.emit(result, generation)

        QThreadPool.globalInstance().start(work)

    def _show(self, result: object, generation: object) -> None:
        if generation != self.generation:
            return  # an older check finished after a newer one started
        self.running = False
        self.run_button.setEnabled(True)
        self.findings.clear()
        if isinstance(result, str):
            self.summary.setText(result)
            return
        assert isinstance(result, list)
        findings: list[Finding] = sorted(
            result, key=lambda f: (f.level != ERROR, f.level != WARNING)
        )
        for finding in findings:
            item = QListWidgetItem(finding.line())
            colour = _COLOURS.get(finding.level)
            if colour is not None:
                item.setForeground(colour)
            self.findings.addItem(item)
        errors = sum(f.level == ERROR for f in findings)
        warnings = sum(f.level == WARNING for f in findings)
        self.summary.setText(
            self.tr("{errors} erreur(s), {warnings} avertissement(s) pour {service}").format(
                errors=errors, warnings=warnings, service=self.service.currentText()
            )
        )
