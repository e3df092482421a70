"""The desktop app (PySide6): the only package that imports Qt.

Takes the engine (``layout_studio.session`` and the exporters); gives the
main window, its panels, the page-exact preview and the app's entry point
``layout_studio.gui.app:main``.
"""
