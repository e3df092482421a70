"""Hostile theme and metadata values: never raw in the EPUB's CSS or OPF.

A theme string (any key) carrying CSS rules must be refused with one line
naming the file and the key, or end up in a style sheet with exactly the
rules of a harmless theme (parsed with tinycss2, not grepped). ``lang``,
``date`` and ``title`` from a front matter or a ``book.toml`` are checked
where they are read; the EPUBs made from accepted values pass EPUBCheck.
Every fixture is written here, at test time.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import tinycss2

from layout_studio.errors import LayoutStudioError
from layout_studio.export.job import run_export
from layout_studio.style.theme import BASE
from tests.conftest import epubcheck, epubcheck_problems

INJECTION = '"} body {display:none} @import url("http://evil.example/x.css"); p {'
STORY = "Un passage tranquille. (Alice)\n\nUn autre passage. (Bob)\n"


def _source(tmp_path: Path, front: str = "title: Essai") -> Path:
    path = tmp_path / "histoire.md"
    path.write_text(f"---\n{front}\n---\n\n{STORY}", encoding="utf-8")
    return path


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _theme(tmp_path: Path, table: str, key: str, value: str) -> Path:
    path = tmp_path / "theme.toml"
    path.write_text(f"[{table}]\n{key} = {_toml_string(value)}\n", encoding="utf-8")
    return path


def _css(epub: Path) -> str:
    with zipfile.ZipFile(epub) as z:
        names = [n for n in z.namelist() if n.endswith(".css")]
        assert len(names) == 1, names
        return z.read(names[0]).decode("utf-8")


def _shape(css: str) -> list[tuple[str, ...]]:
    """Each rule's kind, selector and property names: what an injection would change."""
    shape = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            shape.append(("error", rule.message))
            continue
        head = tinycss2.serialize(rule.prelude).strip()
        kind = f"@{rule.at_keyword}" if rule.type == "at-rule" else "rule"
        props = []
        if rule.content is not None:
            for decl in tinycss2.parse_declaration_list(
                rule.content, skip_comments=True, skip_whitespace=True
            ):
                props.append(decl.lower_name if decl.type == "declaration" else decl.type)
        shape.append((kind, head if kind != "@font-face" else "", *props))
    return shape


@pytest.fixture(scope="module")
def plain_shape(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plain")
    theme = tmp / "theme.toml"
    theme.write_text('[theme]\nlabel = "Sage"\n', encoding="utf-8")
    epub = tmp / "out.epub"
    run_export(_source(tmp), theme=theme, epub=epub)
    return _shape(_css(epub))


STRING_KEYS = sorted(
    (table, key)
    for table, values in BASE.items()
    for key, default in values.items()
    if isinstance(default, str) and not (table == "theme" and key == "extends")
)


@pytest.mark.parametrize("table,key", STRING_KEYS, ids=[f"{t}.{k}" for t, k in STRING_KEYS])
def test_theme_string_never_reaches_css_raw(tmp_path, plain_shape, table, key):
    theme = _theme(tmp_path, table, key, INJECTION)
    epub = tmp_path / "out.epub"
    try:
        run_export(_source(tmp_path), theme=theme, epub=epub)
    except LayoutStudioError as exc:
        line = exc.one_line()
        assert str(theme) in line and f"{table}.{key}" in line and "\n" not in line
        assert not epub.exists()
        return
    css = _css(epub)
    assert _shape(css) == plain_shape
    assert "@import" not in [
        f"@{r.at_keyword}" for r in tinycss2.parse_stylesheet(css) if r.type == "at-rule"
    ]


@pytest.mark.parametrize(
    "key,value",
    [
        ("font_family", "Georgia; } body {display:none"),
        ("font_family", "Georgia, serif\n} body { display: none"),
        ("font_family", "url(http://evil.example/f.woff)"),
        ("heading_font_family", "'Évidente' } h1 {color:red"),
        ("text_align", "left; display:none"),
        ("hyphens", "auto} body{display:none"),
        ("line_height", "1.4; display:none"),
        ("line_height", "1e400"),
    ],
)
def test_epub_values_refused_with_one_line(tmp_path, key, value):
    theme = _theme(tmp_path, "epub", key, value)
    with pytest.raises(LayoutStudioError) as caught:
        run_export(_source(tmp_path), theme=theme, epub=tmp_path / "out.epub")
    line = caught.value.one_line()
    assert line.startswith(f"{theme} : epub.{key} : ") and "\n" not in line


def test_epub_values_typed_and_requoted(tmp_path):
    theme = tmp_path / "theme.toml"
    theme.write_text(
        "[epub]\n"
        "font_family = \"Charis SIL, 'Source Serif Pro',serif\"\n"
        'heading_font_family = "Fira Sans, sans-serif"\n'
        'text_align = "left"\n'
        'hyphens = "manual"\n'
        'line_height = "140%"\n',
        encoding="utf-8",
    )
    epub = tmp_path / "out.epub"
    run_export(_source(tmp_path), theme=theme, epub=epub)
    rules = {
        tinycss2.serialize(r.prelude).strip(): {
            d.lower_name: tinycss2.serialize(d.value).strip()
            for d in tinycss2.parse_declaration_list(r.content, True, True)
            if d.type == "declaration"
        }
        for r in tinycss2.parse_stylesheet(_css(epub), True, True)
        if r.type == "qualified-rule"
    }
    assert rules["html"]["font-family"].endswith('"Charis SIL", "Source Serif Pro", serif')
    assert rules["h1, h2, h3, h4"]["font-family"].endswith('"Fira Sans", sans-serif')
    assert rules["body"]["text-align"] == "left"
    assert rules["body"]["hyphens"] == "manual"
    assert rules["body"]["line-height"] == "140%"


def test_label_cannot_close_the_comment(tmp_path, plain_shape):
    theme = _theme(tmp_path, "theme", "label", "*/ body {display:none} /*\n\x00")
    epub = tmp_path / "out.epub"
    run_export(_source(tmp_path), theme=theme, epub=epub)
    assert _shape(_css(epub)) == plain_shape


# ---- values bound for the OPF ---------------------------------------------------------


@pytest.mark.parametrize(
    "front,key",
    [
        ("lang: français", "lang"),
        ("lang: fr_FR", "lang"),
        ("lang: 'fr\"><x'", "lang"),
        ("lang: 42", "lang"),
        ("date: hier", "date"),
        ("date: 2024-13-01", "date"),
        ("date: '2024-04-31'", "date"),
        ("date: '2024-05-17 10:30'", "date"),
        ("date: '2024-05-17T10:30'", "date"),
        ('title: "Un \\0 titre"', "title"),
        ('subtitle: "sous\\x1btitre"', "subtitle"),
    ],
)
def test_invalid_front_matter_value_is_one_line(tmp_path, front, key):
    source = _source(tmp_path, f"title: Essai\n{front}" if key != "title" else front)
    epub = tmp_path / "out.epub"
    with pytest.raises(LayoutStudioError) as caught:
        run_export(source, epub=epub)
    line = caught.value.one_line()
    assert line.startswith(f"{source} : clé « {key} » : ") and "\n" not in line
    assert not epub.exists()


@pytest.mark.parametrize(
    "key,value",
    [
        ("date", "le 3 mai"),
        ("date", "2024-02-30"),
        ("title", ""),
        ("title", "  "),
        ("title", "a\x00"),
    ],
)
def test_invalid_project_metadata_is_one_line(tmp_path, key, value):
    _source(tmp_path)
    project = tmp_path / "book.toml"
    project.write_text(
        f'[book]\nsource = "histoire.md"\n[metadata]\n{key} = {_toml_string(value)}\n',
        encoding="utf-8",
    )
    with pytest.raises(LayoutStudioError) as caught:
        run_export(project, epub=tmp_path / "out.epub")
    line = caught.value.one_line()
    assert line.startswith(f"{project} : metadata.{key} : ") and "\n" not in line


def _opf(epub: Path) -> str:
    with zipfile.ZipFile(epub) as z:
        return z.read(next(n for n in z.namelist() if n.endswith(".opf"))).decode("utf-8")


def test_accepted_values_give_a_valid_epub(tmp_path):
    """Well-formed tags and dates of every W3CDTF form, and an empty title, pass EPUBCheck."""
    cases = {
        "lang-region": ("title: Essai\nlang: fr-CA\ndate: 2024-05-17", "fr-CA", "2024-05-17"),
        "script-year": ("title: Essai\nlang: zh-Hant-TW\ndate: 2024", "zh-Hant-TW", "2024"),
        "empty-title": ("title: ''\nlang: ''\ndate: 2024-05-17T10:30:00+02:00", "fr", None),
    }
    for name, (front, lang, date) in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        epub = folder / "out.epub"
        run_export(_source(folder, front), epub=epub)
        opf = _opf(epub)
        assert f"<dc:language>{lang}</dc:language>" in opf
        if date:
            assert f"<dc:date>{date}</dc:date>" in opf
        assert "<dc:title" in opf and '<dc:title id="title"></dc:title>' not in opf
        problems = epubcheck_problems(epubcheck(epub))
        assert problems == [], (name, problems)


def test_empty_front_matter_title_falls_back_with_a_warning(tmp_path):
    result = run_export(_source(tmp_path, "title: '   '"), epub=tmp_path / "out.epub")
    assert result.prepared.document.metadata.title == "Sans titre"
    assert any("titre vide" in w for w in result.warnings)
