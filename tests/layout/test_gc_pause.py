"""The garbage collector's pause around a typeset: nested, restored, and held during ``run``."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from layout_studio.layout.gc_pause import paused_gc


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_nested_pauses_restore_the_collector_after_the_last() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_restores_the_collector() -> None:
    gc.enable()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("x")
    assert gc.isenabled()


def test_typesetting_runs_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, classic_theme: object
) -> None:
    from layout_studio.layout import typeset as typeset_module
    from layout_studio.model.document import Document, Metadata, Paragraph, Section, Text

    seen: list[bool] = []
    real = typeset_module.Typesetter.section_flow

    def spy(self: typeset_module.Typesetter, section: Section, index: int) -> object:
        seen.append(gc.isenabled())
        return real(self, section, index)

    monkeypatch.setattr(typeset_module.Typesetter, "section_flow", spy)
    gc.enable()
    doc = Document(Metadata("Essai"), (Section("Un", (Paragraph((Text("Bonjour."),)),)),))
    typeset_module.typeset(doc, classic_theme)  # type: ignore[arg-type]
    assert seen and not any(seen)
    assert gc.isenabled()
