"""The app's project round trip keeps every ``[metadata]`` key the project format accepts."""

from __future__ import annotations

from layout_studio.session import BookSettings, open_file, project_toml
from layout_studio.sources.project import METADATA_KEYS


def test_saving_keeps_the_entrant_and_the_contributor_order(tmp_path):
    source = tmp_path / "livre.md"
    source.write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    settings = BookSettings(
        metadata={"entrant": "Équipe A", "contributor_order": ("Zoé", "Alice"), "title": "T"}
    )
    project.write_text(project_toml(project, settings, source), encoding="utf-8")
    again = open_file(project).settings.metadata
    assert again["entrant"] == "Équipe A"
    assert again["contributor_order"] == ("Zoé", "Alice")
    assert {"entrant", "contributor_order", "byline"} <= METADATA_KEYS


def test_saving_copies_an_outside_cover_into_the_project(tmp_path):
    from PIL import Image

    from layout_studio.session import save_project

    elsewhere = tmp_path / "images"
    elsewhere.mkdir()
    cover = elsewhere / "rouge.png"
    Image.new("RGB", (300, 450), (220, 20, 30)).save(cover)
    folder = tmp_path / "projet"
    folder.mkdir()
    project = folder / "book.toml"
    save_project(project, "Un passage. [Zoé]{.credit}\n", BookSettings(cover=cover))
    reopened = open_file(project).settings  # a project may only name files in its folder
    assert reopened.cover is not None and reopened.cover.parent == folder
    assert reopened.cover.read_bytes() == cover.read_bytes()
    save_project(project, "Un passage. [Zoé]{.credit}\n", BookSettings(cover=cover))
    assert sorted(p.name for p in folder.iterdir()) == ["book.md", "book.toml", "rouge.png"]


def test_saving_copies_an_outside_theme_file_into_the_project(tmp_path):
    from layout_studio.session import build, save_project

    theme = tmp_path / "telechargements" / "mien.toml"
    theme.parent.mkdir()
    theme.write_text('[theme]\nextends = "poche"\nlabel = "Mien"\n', encoding="utf-8")
    folder = tmp_path / "projet"
    folder.mkdir()
    project = folder / "book.toml"
    save_project(project, "Un passage. [Zoé]{.credit}\n", BookSettings(theme=str(theme)))
    opened = open_file(project)
    assert (folder / "mien.toml").read_bytes() == theme.read_bytes()
    assert build(opened.text, opened.settings, folder).theme.label == "Mien"
