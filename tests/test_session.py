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


PROJECT_WITH_EXTRAS = """\
# Projet du concours : ne pas toucher aux sorties.
[book]
source = "livre.md"
theme = "classique"  # le thème du jury

[metadata]
title = "Ancien titre"
byline = "26 auteurs"

[credits]
placement = "signed"

[typography]
disabled = ["oe"]
space_before = { ":" = "nbsp" }

[theme.body]
size = 11  # corps du texte

[output]
# les sorties vont dans rendus/
pdf = "rendus/livre.pdf"
epub = "rendus/livre.epub"
"""


def test_saving_keeps_output_comments_and_keys_the_app_does_not_edit(tmp_path):
    from layout_studio.session import save_project

    (tmp_path / "livre.md").write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text(PROJECT_WITH_EXTRAS, encoding="utf-8")
    opened = open_file(project)
    settings = opened.settings
    metadata = dict(settings.metadata, title="Nouveau titre")
    settings = BookSettings(
        theme="moderne",
        overrides=settings.overrides,
        cover=settings.cover,
        metadata=metadata,
        disabled_rules=settings.disabled_rules,
        soft_hyphens=settings.soft_hyphens,
    )
    save_project(project, opened.text, settings, opened.source)
    saved = project.read_text(encoding="utf-8")
    expected = PROJECT_WITH_EXTRAS.replace('theme = "classique"', 'theme = "moderne"').replace(
        '"Ancien titre"', '"Nouveau titre"'
    )
    assert saved == expected


def test_saving_removes_what_the_user_removed_and_adds_new_settings(tmp_path):
    from layout_studio.session import save_project

    (tmp_path / "livre.md").write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text(PROJECT_WITH_EXTRAS, encoding="utf-8")
    opened = open_file(project)
    settings = BookSettings(
        theme="classique",
        overrides={"body": {"size": 12}},
        metadata={"byline": "26 auteurs"},
        disabled_rules=frozenset(),
        soft_hyphens=True,
    )
    save_project(project, opened.text, settings, opened.source)
    again = open_file(project).settings
    assert again.overrides == {"body": {"size": 12}}
    assert "title" not in again.metadata
    assert again.disabled_rules == frozenset()
    assert again.soft_hyphens is True
    saved = project.read_text(encoding="utf-8")
    assert "# les sorties vont dans rendus/" in saved
    assert 'space_before = { ":" = "nbsp" }' in saved
    assert "size = 12  # corps du texte" in saved


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


def test_soft_hyphens_unset_stays_unset_through_save_and_recovery(tmp_path, monkeypatch):
    from layout_studio.gui.recovery import load_recovery, save_recovery
    from layout_studio.session import save_project

    (tmp_path / "livre.md").write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text('[book]\nsource = "livre.md"\n', encoding="utf-8")
    opened = open_file(project)
    assert opened.settings.soft_hyphens is None  # unset: the theme decides
    save_project(project, opened.text, opened.settings, opened.source)
    assert "soft_hyphens" not in project.read_text(encoding="utf-8")
    monkeypatch.setenv("LAYOUT_STUDIO_STATE_DIR", str(tmp_path / "state"))
    for setting in (None, False, True):
        settings = BookSettings(soft_hyphens=setting)
        save_project(project, opened.text, settings, opened.source)
        assert open_file(project).settings.soft_hyphens is setting
        save_recovery("texte", settings, project, opened.source)
        recovered = load_recovery()
        assert recovered is not None and recovered.settings.soft_hyphens is setting


PROJECT_TYPOGRAPHY = """\
[book]
source = "livre.md"

[typography]
disabled = ["oe"]
dash = "em"
guillemet_space = "nnbsp"
space_before = { ":" = "none" }
"""


def test_the_app_build_honours_every_typography_option_the_export_honours(tmp_path):
    from layout_studio.export.job import prepare
    from layout_studio.session import build

    (tmp_path / "livre.md").write_text(
        "Le boulot de jardinier - CM : « Oui », dit ma soeur.\n\nUn passage. [Zoé]{.credit}\n",
        encoding="utf-8",
    )
    project = tmp_path / "book.toml"
    project.write_text(PROJECT_TYPOGRAPHY, encoding="utf-8")
    opened = open_file(project)
    app = build(opened.text, opened.settings, tmp_path).document
    cli = prepare(project, outputs=False).document
    app_text = [b.plain_text for s in app.sections for b in s.blocks()]
    assert app_text == [b.plain_text for s in cli.sections for b in s.blocks()]
    first = app_text[0]
    assert "jardinier —\u00a0CM" in first  # dash = "em", not the default en dash
    assert "CM: «\u202fOui\u202f»" in first  # no space before ":", thin guillemet spaces
    assert "soeur" in first  # "oe" stays disabled


def test_an_unknown_dash_in_the_project_is_one_error_naming_the_file(tmp_path):
    import pytest

    from layout_studio.errors import InputError

    (tmp_path / "livre.md").write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text(PROJECT_TYPOGRAPHY.replace('"em"', '"tiret"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_file(project)
    assert "book.toml" in str(caught.value) and "tiret" in str(caught.value)


def test_typography_options_survive_saving_and_recovery(tmp_path, monkeypatch):
    from layout_studio.gui.recovery import load_recovery, save_recovery
    from layout_studio.session import save_project

    (tmp_path / "livre.md").write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text(PROJECT_TYPOGRAPHY, encoding="utf-8")
    opened = open_file(project)
    assert opened.settings.french_options().dash == "em"
    save_project(project, opened.text, opened.settings, opened.source)
    assert open_file(project).settings.french_options() == opened.settings.french_options()
    monkeypatch.setenv("LAYOUT_STUDIO_STATE_DIR", str(tmp_path / "state"))
    save_recovery("texte", opened.settings, project, opened.source)
    recovered = load_recovery()
    assert recovered is not None
    assert recovered.settings.french_options() == opened.settings.french_options()


def test_an_unknown_space_is_an_error_for_the_export_and_the_app_alike(tmp_path):
    import pytest

    from layout_studio.errors import InputError
    from layout_studio.export.job import prepare

    (tmp_path / "livre.md").write_text("Un passage. [Zoé]{.credit}\n", encoding="utf-8")
    project = tmp_path / "book.toml"
    project.write_text(PROJECT_TYPOGRAPHY.replace('"nnbsp"', '"large"'), encoding="utf-8")
    for load in (open_file, lambda p: prepare(p, outputs=False)):
        with pytest.raises(InputError) as caught:
            load(project)
        assert "book.toml" in str(caught.value) and "large" in str(caught.value)
