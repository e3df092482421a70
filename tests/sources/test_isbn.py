"""ISBN in book.toml: check digits verified, ISBN-10 turned into ISBN-13, errors name the key."""

from __future__ import annotations

import pytest

from layout_studio.errors import InputError
from layout_studio.sources.isbn import format_isbn, parse_isbn
from layout_studio.sources.project import load_project

# Published examples: ISBN-10 0-306-40615-2 is ISBN-13 978-0-306-40615-7 (ISO 2108 sample).
VALID_13 = "978-0-306-40615-7"
VALID_10 = "0-306-40615-2"


def test_valid_isbns_normalise_to_13_digits():
    assert parse_isbn(VALID_13) == "9780306406157"
    assert parse_isbn(" 978 0 306 40615 7 ") == "9780306406157"
    assert parse_isbn(VALID_10) == "9780306406157"
    assert format_isbn("9780306406157") == VALID_13


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("978-0-306-40615-8", "contrôle"),  # last digit off by one
        ("0-306-40615-3", "contrôle"),
        ("978-0-306-4061", "chiffres"),
        ("977-0-306-40615-8", "978"),
        ("978-0-306-4O615-7", "chiffres"),  # letter O for zero
    ],
)
def test_invalid_isbns_are_refused_with_the_reason(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_isbn(value)


def _project(tmp_path, metadata: str):
    (tmp_path / "story.md").write_text("# Titre\n\nTexte. (Alice)\n", encoding="utf-8")
    toml = tmp_path / "book.toml"
    toml.write_text(f'[book]\nsource = "story.md"\n\n[metadata]\n{metadata}\n', encoding="utf-8")
    return toml


def test_project_keeps_checked_isbns(tmp_path):
    project = load_project(_project(tmp_path, f'isbn = "{VALID_13}"\nprint_isbn = "{VALID_10}"'))
    assert project.metadata["isbn"] == "9780306406157"
    assert project.metadata["print_isbn"] == "9780306406157"


@pytest.mark.parametrize("key", ["isbn", "print_isbn"])
def test_project_with_a_wrong_isbn_names_the_file_and_key(tmp_path, key):
    path = _project(tmp_path, f'{key} = "978-0-306-40615-8"')
    with pytest.raises(InputError) as caught:
        load_project(path)
    message = str(caught.value)
    assert f"metadata.{key}" in message and "book.toml" in message and "\n" not in message


def _markdown(tmp_path, header: str):
    path = tmp_path / "livre.md"
    path.write_text(f"---\n{header}\n---\n\n# Titre\n\nTexte. [Alice]{{.credit}}\n", "utf-8")
    return path


def test_markdown_front_matter_takes_checked_isbns(tmp_path):
    from layout_studio.sources import load_source

    path = _markdown(tmp_path, f'isbn: "{VALID_10}"\nprint_isbn: "{VALID_13}"')
    result = load_source(path)
    meta = result.document.metadata
    assert meta.isbn == meta.print_isbn == "9780306406157"
    assert not [n for n in result.report.notes if "inconnue" in n]


@pytest.mark.parametrize("key", ["isbn", "print_isbn"])
def test_markdown_front_matter_wrong_isbn_is_one_line_naming_the_key(tmp_path, key):
    from layout_studio.sources import load_source

    path = _markdown(tmp_path, f'{key}: "978-0-306-40615-8"')
    with pytest.raises(InputError) as caught:
        load_source(path)
    line = caught.value.one_line()
    assert f"« {key} »" in line and "livre.md" in line and "contrôle" in line
    assert "\n" not in line
