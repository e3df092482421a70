"""Autosave to a recovery file, and finding it again after a crash.

Takes the editor's state (text, settings, where it was opened from); gives
a JSON recovery file in the user's state folder, written atomically so a
crash during autosave leaves the previous copy, never half a file; the
temporary file such a crash leaves is removed at the next start.
``LAYOUT_STUDIO_STATE_DIR`` moves the folder (tests, portable installs).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_state_path

from layout_studio.io.atomic import atomic_write_text
from layout_studio.session import BookSettings


def state_dir() -> Path:
    """Where recovery files live."""
    custom = os.environ.get("LAYOUT_STUDIO_STATE_DIR")
    folder = Path(custom) if custom else user_state_path("layout-studio", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_path() -> Path:
    """The recovery file (one per user: the app edits one book per window)."""
    return state_dir() / "recovery.json"


@dataclass
class Recovered:
    """What the recovery file holds."""

    text: str
    settings: BookSettings
    project: Path | None
    source: Path | None


def save_recovery(
    text: str, settings: BookSettings, project: Path | None, source: Path | None
) -> Path:
    """Write the recovery file atomically (a kill mid-write keeps the previous one)."""
    data: dict[str, Any] = {
        "version": 1,
        "text": text,
        "project": str(project) if project else None,
        "source": str(source) if source else None,
        "settings": {
            "theme": settings.theme,
            "overrides": settings.overrides,
            "cover": str(settings.cover) if settings.cover else None,
            "metadata": settings.metadata,
            "disabled_rules": sorted(settings.disabled_rules),
            "soft_hyphens": settings.soft_hyphens,
            "typography": settings.typography,
        },
    }
    return atomic_write_text(recovery_path(), json.dumps(data, ensure_ascii=False))


def _tristate(value: object) -> bool | None:
    """A saved on/off/unset setting; anything else is unset."""
    return value if isinstance(value, bool) else None


def load_recovery() -> Recovered | None:
    """The recovery file's content, or None (absent or unreadable: never an error).

    Called at start: the temporary files an autosave killed midway left are removed.
    """
    path = recovery_path()
    for debris in path.parent.glob(f".{path.name}.*.part"):
        with contextlib.suppress(OSError):
            debris.unlink()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        s = data["settings"]
        settings = BookSettings(
            theme=s["theme"],
            overrides=s.get("overrides") or {},
            cover=Path(s["cover"]) if s.get("cover") else None,
            metadata=s.get("metadata") or {},
            disabled_rules=frozenset(s.get("disabled_rules") or ()),
            soft_hyphens=_tristate(s.get("soft_hyphens")),
            typography=dict(s["typography"]) if isinstance(s.get("typography"), dict) else {},
        )
        return Recovered(
            data["text"],
            settings,
            Path(data["project"]) if data.get("project") else None,
            Path(data["source"]) if data.get("source") else None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_recovery() -> None:
    """Forget the recovery file (after a save or a clean exit)."""
    with contextlib.suppress(OSError):
        recovery_path().unlink()
