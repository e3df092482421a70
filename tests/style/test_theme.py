"""Themes: bundled ones load and differ, extends merges, errors name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout_studio.style.theme import ThemeError, load_theme, theme_names
from layout_studio.style.units import MM, parse_length, parse_page_size


def test_three_bundled_themes_that_differ():
    names = theme_names()
    assert {"classique", "moderne", "poche"} <= set(names)
    themes = [load_theme(n) for n in ("classique", "moderne", "poche")]
    assert len({t.body.font.family for t in themes}) >= 2
    assert len({(round(t.page.width), round(t.page.height)) for t in themes}) == 3
    assert len({t.credit_placement for t in themes}) == 3


def test_extends_inherits_and_overrides():
    classic, pocket = load_theme("classique"), load_theme("poche")
    assert pocket.body.font.family == classic.body.font.family  # inherited
    assert pocket.body.size == 9.5 and classic.body.size == 10.5  # overridden
    assert pocket.page.width == pytest.approx(110 * MM)
    assert pocket.credit_placement == "inline"


def test_units_and_presets():
    assert parse_length("25.4mm") == pytest.approx(72)
    assert parse_length("1in") == 72
    assert parse_length("2em", em=10) == 20
    assert parse_page_size("A5") == pytest.approx((148 * MM, 210 * MM))
    assert parse_page_size("6x9in") == (432, 648)
    assert parse_page_size("120x190mm") == pytest.approx((120 * MM, 190 * MM))


def _theme(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mien.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[page]\ninner = "-3mm"\n', "page.inner : valeur négative"),
        ('[body]\nfont = "Police Qui Nexiste Pas"\n', "body.font : police introuvable"),
        ('[body]\nsize = "grand"\n', "body.size : nombre attendu"),
        ('[page]\ninner = "70mm"\nouter = "70mm"\n', "page.inner : bloc de texte trop étroit"),
        ('[page]\ntop = "100mm"\nbottom = "100mm"\n', "page.top : bloc de texte trop bas"),
        ('[credits]\nplacement = "partout"\n', "credits.placement : valeur « partout » inconnue"),
        ("[body]\nsize = 1e9\n", "body.size : doit être entre 4 et 72"),
        ('[page]\nsize = "100000x100000mm"\n', "page.size : format trop grand"),
        ('[page]\nwidth = "2000mm"\n', "page.width : format trop grand"),
        ('[page]\nbleed = "5000mm"\n', "page.bleed : 5000 mm, trop grand"),
        ("[body]\nleading = 1e12\n", "body.leading : 1000000000000.0 pt, trop grand"),
        ('[theme]\nextends = "inconnu"\n', "thème inconnu"),
        ("[page\n", "TOML invalide"),
    ],
)
def test_validation_names_file_key_and_reason(tmp_path, text, expected):
    path = _theme(tmp_path, text)
    with pytest.raises(ThemeError) as info:
        load_theme(path)
    message = info.value.one_line()
    assert expected in message
    assert "\n" not in message
    if "thème inconnu" not in expected:
        assert str(path) in message


def test_unknown_keys_and_sections_are_warned_about_by_name_and_skipped(tmp_path):
    path = _theme(tmp_path, '[body]\ncolour = "#000"\nsize = 11\n[corps]\nsize = 10\n')
    theme = load_theme(path)
    assert theme.body.size == 11  # the known key of the same table still applies
    assert len(theme.warnings) == 2
    colour, corps = theme.warnings
    assert str(path) in colour and "body.colour : clé inconnue, ignorée" in colour
    assert "« color »" in colour  # the likely typo is named
    assert "section [corps] inconnue" in corps


def test_the_warnings_reach_the_typeset_report(tmp_path, story_document):
    from layout_studio.layout.typeset import typeset

    path = _theme(tmp_path, "[linebreak]\ntolerence = 300\n")
    book = typeset(story_document, load_theme(path))
    assert any("linebreak.tolerence" in w and "« tolerance »" in w for w in book.report.warnings)


@pytest.mark.parametrize(
    ("font", "reason"),
    [
        ("{outside}", "hors des emplacements autorisés"),
        ("../outside/x.ttf", "hors des emplacements autorisés"),
        ("link.ttf", "hors des emplacements autorisés"),  # a symlink pointing out
        ("notes.txt.ttf", "illisible"),
        ("/etc/hostname", "hors des emplacements autorisés"),
    ],
)
def test_a_theme_reaches_fonts_only_in_allowed_places(tmp_path, font, reason):
    from layout_studio.text.fonts import find_face

    real = find_face("Source Sans Pro", "regular").path
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.ttf").write_bytes(real.read_bytes())
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "link.ttf").symlink_to(outside / "x.ttf")
    (folder / "notes.txt.ttf").write_text("pas une police", encoding="utf-8")
    (folder / "own.ttf").write_bytes(real.read_bytes())
    path = folder / "mien.toml"
    value = font.format(outside=outside / "x.ttf")
    path.write_text(f'[body]\nfont = {{regular = "{value}"}}\n', encoding="utf-8")
    with pytest.raises(ThemeError) as info:
        load_theme(path)
    assert reason in info.value.one_line() and "body.font" in info.value.one_line()
    path.write_text('[body]\nfont = "own.ttf"\n', encoding="utf-8")
    assert load_theme(path).body.font.faces["regular"].path == folder / "own.ttf"


def test_circular_extends(tmp_path):
    (tmp_path / "a.toml").write_text('[theme]\nextends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[theme]\nextends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(ThemeError, match="circulaire"):
        load_theme(tmp_path / "a.toml")


def test_user_theme_extends_a_bundled_one_and_a_font_file(tmp_path):
    from layout_studio.text.fonts import find_face

    font = find_face("Source Sans Pro", "regular").path
    lines = ['[theme]\nextends = "classique"\n']
    if font is not None:
        lines.append(f'[headings]\nfont = "{font}"\n')
    path = _theme(tmp_path, "".join(lines))
    theme = load_theme(path)
    assert theme.body.font.family == "Source Serif Pro"
    if font is not None:
        assert theme.heading.font.faces["regular"].path == font
