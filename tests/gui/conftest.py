"""Shared GUI fixture: a main window with its state, themes and settings in the test's folder."""

from __future__ import annotations

import pytest


@pytest.fixture()
def window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QSettings

    monkeypatch.setenv("LAYOUT_STUDIO_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("LAYOUT_STUDIO_THEMES_DIR", str(tmp_path / "themes"))
    QCoreApplication.setOrganizationName("Layout Studio Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    from layout_studio.gui.window import MainWindow

    w = MainWindow(ask_recovery=False)
    w.show()
    yield w
    w.worker.wait()
    w.maybe_save = lambda: True  # closing at teardown must not open a dialog
    w.close()
    w.deleteLater()
