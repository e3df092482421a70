"""``python -m layout_studio`` runs the command line."""

from layout_studio.cli import main

raise SystemExit(main())
