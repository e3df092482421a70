"""A font file written over while the app runs: the next build sets with its new bytes.

The app keeps its theme object between builds (the theme file did not
change), and the engine's paragraph memos are keyed on that object. A font
the theme names, replaced in place by the user, must not leave paragraphs
broken with the former face's widths in the next build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from layout_studio.layout.typeset import typeset
from layout_studio.session import BookSettings, IncrementalBuilder, build
from layout_studio.style.theme import load_theme

TEXT = (
    "---\ntitle: Essai\n---\n\n# Chapitre\n\n"
    + "\n\n".join(
        f"Paragraphe {i} : Hamburgefonstiv, l’été venu, les contributeurs écrivent."
        for i in range(12)
    )
    + "\n"
)


def _project(tmp_path: Path) -> tuple[Path, Path, Path]:
    classique = load_theme("classique")
    regular, bold = classique.body.font.path("regular"), classique.body.font.path("bold")
    shutil.copy(regular, tmp_path / "body.ttf")
    (tmp_path / "theme.toml").write_text(
        '[theme]\nextends = "classique"\n[body]\nfont = { regular = "body.ttf" }\n',
        encoding="utf-8",
    )
    return tmp_path / "body.ttf", regular, bold


def test_a_replaced_font_is_used_by_the_next_build(tmp_path: Path) -> None:
    font, _regular, bold = _project(tmp_path)
    settings = BookSettings(theme="theme.toml")
    before = build(TEXT, settings, tmp_path)
    shutil.copy(bold, font)  # same path, other bytes
    after = build(TEXT, settings, tmp_path)
    fresh = typeset(after.document, load_theme(tmp_path / "theme.toml"))
    assert after.book.pages == fresh.pages
    assert after.book.pages != before.book.pages


def test_the_preview_builder_follows_a_replaced_font(tmp_path: Path) -> None:
    font, _regular, bold = _project(tmp_path)
    settings = BookSettings(theme="theme.toml")
    builder = IncrementalBuilder()
    before = builder.build(TEXT, settings, tmp_path)
    shutil.copy(bold, font)
    after = builder.build(TEXT, settings, tmp_path)
    fresh = typeset(after.document, load_theme(tmp_path / "theme.toml"))
    assert after.book.pages == fresh.pages
    assert after.book.pages != before.book.pages


def _wider_version(regular: Path, target: Path) -> None:
    """The same face (same names) in a new version whose letters are wider."""
    from fontTools.ttLib import TTFont

    font = TTFont(regular)
    metrics = font["hmtx"].metrics
    for name, (advance, lsb) in metrics.items():
        metrics[name] = (advance + 40, lsb)
    font.save(target)


def test_an_export_after_the_font_is_replaced_sets_with_it(tmp_path: Path) -> None:
    # A batch worker shares equal themes between entries: not once a font changed,
    # even to a version of the same face (the theme, naming it, is equal).
    from layout_studio.export.job import prepare

    font, regular, _bold = _project(tmp_path)
    source = tmp_path / "story.md"
    source.write_text(TEXT, encoding="utf-8")
    before = prepare(source, theme=tmp_path / "theme.toml")
    _wider_version(regular, font)
    assert load_theme(tmp_path / "theme.toml") == before.theme
    after = prepare(source, theme=tmp_path / "theme.toml")
    assert after.theme is not before.theme
    fresh = typeset(after.document, load_theme(tmp_path / "theme.toml"))
    assert after.book.pages == fresh.pages != before.book.pages
