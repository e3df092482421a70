"""Fixtures shared by the export tests: a user cache of the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache for this test, and fixed dates (outputs compared byte for byte)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", str(folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return folder
