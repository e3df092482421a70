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


def test_an_export_reads_corrects_and_draws_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """Reading, typography and the PDF writer make lasting objects too: a 351-page export
    spent a fifth of its CPU in the collector's passes outside the typeset."""
    from pathlib import Path

    from layout_studio.export import job
    from layout_studio.export import pdf as pdf_module

    seen: dict[str, list[bool]] = {"read": [], "typography": [], "pdf": []}

    def spying(name: str, real: object) -> object:
        def spy(*args: object, **kwargs: object) -> object:
            seen[name].append(gc.isenabled())
            return real(*args, **kwargs)  # type: ignore[operator]

        return spy

    monkeypatch.setattr(job, "load_source", spying("read", job.load_source))
    monkeypatch.setattr(job, "apply_typography", spying("typography", job.apply_typography))
    monkeypatch.setattr(pdf_module, "_render_pdf", spying("pdf", pdf_module._render_pdf))
    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    source = Path(str(tmp_path)) / "essai.md"
    source.write_text("# Un\n\nBonjour, le monde.\n", encoding="utf-8")
    gc.enable()
    job.run_export(source, pdf=source.with_suffix(".pdf"))
    assert all(seen.values()) and not any(v for vs in seen.values() for v in vs), seen
    assert gc.isenabled()
    seen["pdf"].clear()
    pdf_module.render_pdf(job.prepare(source).book)  # the batch and the app draw without run_export
    assert seen["pdf"] == [False]
    assert gc.isenabled()


def test_the_console_command_sets_the_export_aside_before_the_collector_returns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """The console command ends with its export: the collector's return would walk every
    object the export made (a young pass over the whole book, 444 ms after a 353-page export,
    to free cycles the exit frees anyway). The command freezes them first: no pass runs from
    the export's start to the command's end, and the book is set aside."""
    from pathlib import Path

    from layout_studio import cli

    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    source = Path(str(tmp_path)) / "essai.md"
    source.write_text("# Un\n\n" + "Bonjour, le monde.\n\n" * 200, encoding="utf-8")
    passes: list[int] = []
    started: list[bool] = []
    export = cli._export

    def spy(args: object) -> int:
        started.append(True)
        return export(args)  # type: ignore[arg-type]

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and started:
            passes.append(info["generation"])

    monkeypatch.setattr(cli, "_export", spy)
    gc.enable()
    frozen = gc.get_freeze_count()
    gc.callbacks.append(count)
    try:
        code = cli.main(
            ["export", str(source), "--pdf", str(source.with_suffix(".pdf"))], one_shot=True
        )
    finally:
        gc.callbacks.remove(count)
    try:
        assert code == 0 and started
        assert passes == []
        assert gc.get_freeze_count() > frozen + 1000  # the book, set aside
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_an_export_called_in_process_freezes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """``main`` called by a host that lives on (tests, a script) leaves its objects to the
    collector: frozen, their cycles would never be freed."""
    from pathlib import Path

    from layout_studio import cli

    monkeypatch.setenv("LAYOUT_STUDIO_CACHE_DIR", "off")
    source = Path(str(tmp_path)) / "essai.md"
    source.write_text("# Un\n\nBonjour, le monde.\n", encoding="utf-8")
    gc.enable()
    frozen = gc.get_freeze_count()
    assert cli.main(["export", str(source), "--pdf", str(source.with_suffix(".pdf"))]) == 0
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()


def test_the_console_scripts_run_the_one_shot_command() -> None:
    """``layout-studio`` and ``python -m layout_studio`` are processes that end with
    their command."""
    from importlib.metadata import entry_points
    from pathlib import Path

    import layout_studio

    (script,) = entry_points(group="console_scripts", name="layout-studio")
    assert script.value == "layout_studio.cli:run"
    main_module = Path(layout_studio.__file__).with_name("__main__.py").read_text("utf-8")
    assert "raise SystemExit(run())" in main_module
