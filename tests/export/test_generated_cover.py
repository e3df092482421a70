"""The EPUB's typographic cover (no picture) is remembered per page: same bytes, never stale."""

from __future__ import annotations

import dataclasses

from layout_studio.export.epub import package
from layout_studio.export.job import prepare
from tests.conftest import STORY_MD


def test_a_remembered_cover_is_the_one_drawn_afresh(monkeypatch):
    monkeypatch.setattr(package, "_GENERATED", [])
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")  # the in-process memo, not the disk
    prepared = prepare(STORY_MD, theme="classique", outputs=False)
    document, theme = prepared.document, prepared.theme
    first = package.cover_jpeg(None, document, theme, None, [])
    assert len(package._GENERATED) == 1
    assert package.cover_jpeg(None, document, theme, None, []) is first  # remembered
    renamed = dataclasses.replace(
        document, metadata=dataclasses.replace(document.metadata, title="Un autre titre")
    )
    other = package.cover_jpeg(None, renamed, theme, None, [])
    assert other[0] != first[0]  # another title: another cover, not the remembered one
    assert package.cover_jpeg(None, document, theme, "Équipe 7", [])[0] != first[0]
    monkeypatch.setattr(package, "_GENERATED", [])
    assert package.cover_jpeg(None, document, theme, None, []) == first  # as drawn afresh
    assert package.cover_jpeg(None, renamed, theme, None, []) == other
