"""``python -m layout_studio`` runs the command line, as the ``layout-studio`` command does."""

from layout_studio.cli import run

raise SystemExit(run())
