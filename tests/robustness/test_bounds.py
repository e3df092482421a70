"""Hostile sizes, numbers, nesting and types: one clear line and exit 1, in bounded memory.

Each case of issue 13's "bounds on everything" and "internal errors instead of
clear ones" is built at test time in ``tmp_path`` (sparse files for the huge
ones) and run through the real command line. The memory-hungry cases run
under an address-space limit, so a regression fails instead of eating the
machine, and their peak resident size is measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from layout_studio.cli import main
from tests.conftest import ROOT

STORY = "---\ntitle: Histoire\n---\n\n# Chapitre\n\nUn passage du texte. [Alice]{.credit}\n"
ADDRESS_LIMIT = 1536 * 1024 * 1024  # 1.5 GiB of address space for the whole CLI
PEAK_LIMIT_KB = 400 * 1024  # a normal export peaks near 100 MB resident


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """A refusal that regresses into an export writes its default output here."""
    monkeypatch.chdir(tmp_path)


# The child limits itself and reports its own high-water mark (VmHWM) on exit: a forked
# child's ru_maxrss would include the test process's own size at the fork.
_LIMITED = """
import atexit, resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
report = sys.argv[1]
def high_water():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(report, "w") as out:
        out.write(peak)
atexit.register(high_water)
sys.argv = ["layout-studio", *sys.argv[2:]]
runpy.run_module("layout_studio", run_name="__main__", alter_sys=True)
"""


def run_limited(*args: str, cwd: Path) -> tuple[int, str, int]:
    """Run the CLI under an address-space limit → (exit code, stderr, peak RSS in KiB)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    out, err, peak = cwd / "cli.out", cwd / "cli.err", cwd / "cli.peak"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        done = subprocess.run(
            [sys.executable, "-c", _LIMITED.format(limit=ADDRESS_LIMIT), str(peak), *args],
            stdout=stdout,
            stderr=stderr,
            cwd=cwd,  # a default output lands in the test's folder, never in the checkout
            env=env,
            timeout=300,
        )
    return done.returncode, err.read_text(encoding="utf-8"), int(peak.read_text())


def one_error(code: int, err: str, *names: str) -> str:
    """Assert exit 1 with a single stderr line that names every one of ``names``."""
    lines = err.strip().splitlines()
    assert code == 1, err
    assert "Traceback" not in err and "erreur interne" not in err, err
    assert len(lines) == 1, err
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The command line in this process (for long matrices of cheap refusals)."""
    code = main(list(args))
    return code, capsys.readouterr().err


def story(folder: Path, text: str = STORY) -> Path:
    path = folder / "story.md"
    path.write_text(text, encoding="utf-8")
    return path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# --- sizes -------------------------------------------------------------------------


def test_parent_theme_of_1_5_gb_refused_by_size_before_reading(tmp_path):
    story(tmp_path)
    sparse(tmp_path / "parent.toml", 1536 * 1024 * 1024)
    child = tmp_path / "child.toml"
    child.write_text('[theme]\nextends = "parent.toml"\n', encoding="utf-8")
    code, err, peak = run_limited(
        "export", str(tmp_path / "story.md"), "--theme", str(child), "--pdf", str(tmp_path / "o.pdf"),
        cwd=tmp_path,
    )  # fmt: skip
    line = one_error(code, err, "parent.toml", "trop gros")
    assert "Kio" in line  # the documented limit is stated
    assert peak < PEAK_LIMIT_KB
    assert not (tmp_path / "o.pdf").exists()


def test_theme_file_over_the_limit_refused(tmp_path, capsys):
    story(tmp_path)
    theme = sparse(tmp_path / "big.toml", 2 * 1024 * 1024)
    code, err = cli(capsys, "export", str(tmp_path / "story.md"), "--theme", str(theme))
    one_error(code, err, "big.toml", "trop gros")


def test_project_file_over_the_limit_refused(tmp_path):
    story(tmp_path)
    project = tmp_path / "book.toml"
    # A valid TOML file, made large by a comment: refused for its size, not its syntax.
    project.write_text('[book]\nsource = "story.md"\n# ' + "x" * (2 * 1024 * 1024) + "\n")
    code, err, peak = run_limited("export", str(project), cwd=tmp_path)
    one_error(code, err, "book.toml", "trop gros")
    assert peak < PEAK_LIMIT_KB


def test_front_matter_over_the_limit_refused(tmp_path, capsys):
    text = "---\ntitle: Histoire\ndescription: " + "mot " * 40_000 + "\n---\n\n# A\n\nTexte.\n"
    source = story(tmp_path, text)
    code, err = cli(capsys, "export", str(source), "--pdf", str(tmp_path / "o.pdf"))
    one_error(code, err, "story.md", "en-tête")


# --- YAML aliases ---------------------------------------------------------------------

BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "title: Rires\n"
    "description: *i\n"  # str() of this is 5 GB: what the release did with it
    "---\n\n# A\n\nTexte. [Alice]{.credit}\n"
)


def test_yaml_billion_laughs_refused_in_bounded_memory(tmp_path):
    source = story(tmp_path, BILLION_LAUGHS)
    code, err, peak = run_limited(
        "export", str(source), "--pdf", str(tmp_path / "o.pdf"), cwd=tmp_path
    )
    one_error(code, err, "story.md", "alias")
    assert peak < PEAK_LIMIT_KB


def test_single_yaml_alias_refused(tmp_path, capsys):
    source = story(tmp_path, "---\nsubtitle: &s Suite\ntitle: *s\n---\n\n# A\n\nTexte.\n")
    code, err = cli(capsys, "inspect", str(source))
    one_error(code, err, "story.md", "alias", "ligne 3")


def test_deeply_nested_front_matter_refused(tmp_path, capsys):
    source = story(tmp_path, "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\n# A\n\nX.\n")
    code, err = cli(capsys, "inspect", str(source))
    one_error(code, err, "story.md")


# --- images ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1, 400), (400, 1), (3, 2000)])
def test_cover_of_extreme_aspect_refused_before_resampling(tmp_path, size):
    story(tmp_path)
    cover = tmp_path / "bande.png"
    Image.new("RGB", size, (200, 30, 30)).save(cover)
    code, err, peak = run_limited(
        "export", str(tmp_path / "story.md"), "--cover", str(cover),
        "--epub", str(tmp_path / "o.epub"), "--pdf", str(tmp_path / "o.pdf"),
        cwd=tmp_path,
    )  # fmt: skip
    one_error(code, err, "bande.png", f"{size[0]}×{size[1]}")
    assert peak < PEAK_LIMIT_KB
    assert not (tmp_path / "o.epub").exists()


@pytest.mark.parametrize(("size", "accepted"), [((100, 500), True), ((100, 501), False)])
def test_cover_proportions_limit_is_exact(tmp_path, classic_theme, size, accepted):
    from layout_studio.errors import InputError
    from layout_studio.export.cover import MAX_ASPECT, load_cover

    assert size[1] / size[0] == MAX_ASPECT or not accepted
    cover = tmp_path / "c.png"
    Image.new("RGB", size, (10, 20, 30)).save(cover)
    if accepted:
        assert load_cover(cover, classic_theme).height_px == size[1]
    else:
        with pytest.raises(InputError, match="proportions extrêmes"):
            load_cover(cover, classic_theme)


# --- numbers --------------------------------------------------------------------------

LENGTHS = [
    ("page", "width"),
    ("page", "height"),
    ("page", "bleed"),
    ("page", "inner"),
    ("page", "outer"),
    ("page", "top"),
    ("page", "bottom"),
    ("page", "paper_thickness"),
    ("body", "leading"),
    ("body", "indent"),
    ("body", "paragraph_spacing"),
    ("headings", "leading"),
    ("headings", "sink"),
    ("linebreak", "emergency_stretch"),
]
NUMBERS = [
    ("body", "size"),
    ("headings", "size"),
    ("credits", "size"),
    ("running_heads", "size"),
    ("folios", "size"),
    ("drop_caps", "lines"),
    ("hyphenation", "left_min"),
    ("hyphenation", "right_min"),
    ("linebreak", "tolerance"),
    ("linebreak", "line_penalty"),
    ("linebreak", "hyphen_penalty"),
    ("linebreak", "double_hyphen_demerits"),
    ("linebreak", "final_hyphen_demerits"),
    ("linebreak", "adj_demerits"),
    ("linebreak", "looseness"),
    ("linebreak", "expansion"),
    ("linebreak", "widows"),
    ("linebreak", "orphans"),
]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
@pytest.mark.parametrize(("table", "key"), LENGTHS + NUMBERS)
def test_theme_value_not_finite_refused(tmp_path, capsys, table, key, value):
    source = story(tmp_path)
    theme = tmp_path / "t.toml"
    theme.write_text(f"[{table}]\n{key} = {value}\n", encoding="utf-8")
    code, err = cli(capsys, "export", str(source), "--theme", str(theme))
    one_error(code, err, "t.toml", f"{table}.{key}")
    assert not (tmp_path / "story.pdf").exists()


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ("page", "paper_thickness", '"5mm"'),
        ("page", "paper_thickness", "1e9"),
        ("page", "inner", '"2000mm"'),
        ("page", "height", '"2000mm"'),
        ("body", "leading", '"40em"'),
        ("body", "indent", '"50em"'),
        ("body", "paragraph_spacing", '"30em"'),
        ("headings", "leading", '"2000pt"'),
        ("headings", "sink", '"900mm"'),
        ("linebreak", "emergency_stretch", '"500em"'),
    ],
)
def test_theme_value_out_of_range_refused(tmp_path, capsys, table, key, value):
    source = story(tmp_path)
    theme = tmp_path / "t.toml"
    theme.write_text(f"[{table}]\n{key} = {value}\n", encoding="utf-8")
    code, err = cli(capsys, "export", str(source), "--theme", str(theme))
    one_error(code, err, "t.toml", f"{table}.{key}")


def test_huge_paper_thickness_never_reaches_the_cover(tmp_path):
    """One cover came out 17 million points wide: the theme is refused, nothing written."""
    source = story(tmp_path)
    theme = tmp_path / "epais.toml"
    theme.write_text('[page]\npaper_thickness = "6000000mm"\n', encoding="utf-8")
    code, err, _ = run_limited(
        "export", str(source), "--theme", str(theme),
        "--print-cover", str(tmp_path / "c.pdf"), cwd=tmp_path,
    )  # fmt: skip
    one_error(code, err, "epais.toml", "page.paper_thickness")
    assert not (tmp_path / "c.pdf").exists()


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [("page", "paper_thickness", "nan"), ("page", "inner", "inf"), ("body", "size", "-inf")],
)
def test_project_theme_value_not_finite_names_the_project(tmp_path, table, key, value):
    story(tmp_path)
    project = tmp_path / "book.toml"
    project.write_text(
        f'[book]\nsource = "story.md"\n\n[theme.{table}]\n{key} = {value}\n', encoding="utf-8"
    )
    code, err, _ = run_limited("export", str(project), cwd=tmp_path)
    one_error(code, err, "book.toml", f"theme.{table}.{key}")


def test_project_credit_size_not_finite_names_the_project(tmp_path, capsys):
    story(tmp_path)
    project = tmp_path / "book.toml"
    project.write_text('[book]\nsource = "story.md"\n\n[credits]\nsize = nan\n')
    code, err = cli(capsys, "export", str(project))
    one_error(code, err, "book.toml", "credits.size")


def test_parent_theme_value_names_the_parent(tmp_path, capsys):
    source = story(tmp_path)
    (tmp_path / "parent.toml").write_text("[page]\nbleed = nan\n", encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('[theme]\nextends = "parent.toml"\n[body]\nsize = 11\n')
    code, err = cli(capsys, "export", str(source), "--theme", str(child))
    one_error(code, err, "parent.toml", "page.bleed")


# --- nesting --------------------------------------------------------------------------


def test_extends_chain_of_1000_refused(tmp_path, capsys):
    source = story(tmp_path)
    for i in range(1000):
        parent = f'[theme]\nextends = "t{i + 1}.toml"\n' if i < 999 else "[body]\nsize = 11\n"
        (tmp_path / f"t{i}.toml").write_text(parent, encoding="utf-8")
    code, err = cli(capsys, "export", str(source), "--theme", str(tmp_path / "t0.toml"))
    one_error(code, err, "theme.extends")


def test_extends_chain_at_the_limit_loads_and_one_more_is_refused(tmp_path):
    from layout_studio.style.theme import MAX_EXTENDS, ThemeError, load_theme

    def chain(folder: Path, length: int) -> Path:
        folder.mkdir()
        for i in range(length):
            last = i == length - 1
            text = "[body]\nsize = 11\n" if last else f'[theme]\nextends = "t{i + 1}.toml"\n'
            (folder / f"t{i}.toml").write_text(text, encoding="utf-8")
        return folder / "t0.toml"

    assert load_theme(chain(tmp_path / "ok", MAX_EXTENDS)).body.size == 11
    with pytest.raises(ThemeError, match=r"theme\.extends : chaîne trop longue"):
        load_theme(chain(tmp_path / "long", MAX_EXTENDS + 1))


@pytest.mark.parametrize(
    "body",
    [
        "[body]\nfeatures = " + "[" * 5000 + "]" * 5000,
        "x = " + "{a=" * 3000 + "1" + "}" * 3000,
        "[theme]\nname = 'x'\n[body]\nfont = " + "{a=" * 50 + "1" + "}" * 50,
    ],
    ids=["arrays", "inline-tables", "fifty-tables"],
)
def test_deeply_nested_theme_refused(tmp_path, capsys, body):
    source = story(tmp_path)
    theme = tmp_path / "t.toml"
    theme.write_text(body + "\n", encoding="utf-8")
    code, err = cli(capsys, "export", str(source), "--theme", str(theme))
    one_error(code, err, "t.toml", "imbrication")


def test_deeply_nested_project_refused(tmp_path):
    story(tmp_path)
    project = tmp_path / "book.toml"
    project.write_text(
        '[book]\nsource = "story.md"\n[theme.body]\nfeatures = ' + "[" * 5000 + "]" * 5000 + "\n"
    )
    code, err, _ = run_limited("export", str(project), cwd=tmp_path)
    one_error(code, err, "book.toml", "imbrication")


# --- fonts ----------------------------------------------------------------------------


def _cff_font(path: Path) -> Path:
    """A tiny valid OpenType font with PostScript (CFF) outlines."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    def box(width: int) -> object:
        pen = T2CharStringPen(width, None)
        pen.moveTo((50, 0))
        pen.lineTo((50, 700))
        pen.lineTo((width - 50, 700))
        pen.lineTo((width - 50, 0))
        pen.closePath()
        return pen.getCharString()

    order = [".notdef", "space", "A"]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({32: "space", 65: "A"})
    charstrings = {".notdef": box(500), "space": T2CharStringPen(250, None).getCharString(),
                   "A": box(600)}  # fmt: skip
    builder.setupCFF("HostileCFF-Regular", {"FullName": "Hostile CFF"}, charstrings, {})
    builder.setupHorizontalMetrics({".notdef": (500, 50), "space": (250, 0), "A": (600, 50)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Hostile CFF", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))
    return path


def test_cff_font_named_by_a_theme_refused(tmp_path):
    source = story(tmp_path)
    _cff_font(tmp_path / "hostile.otf")
    theme = tmp_path / "t.toml"
    theme.write_text('[body]\nfont = { regular = "hostile.otf" }\n', encoding="utf-8")
    code, err, _ = run_limited(
        "export", str(source), "--theme", str(theme), "--pdf", str(tmp_path / "o.pdf"),
        cwd=tmp_path,
    )  # fmt: skip
    one_error(code, err, "t.toml", "body.font", "CFF")
    assert not (tmp_path / "o.pdf").exists()


# --- front matter types and characters ------------------------------------------------


@pytest.mark.parametrize(
    ("front", "key"),
    [
        ("title: 123", "title"),
        ("title: [a, b]", "title"),
        ("title: 1.5", "title"),
        ("title: x\nsubtitle: [a, b]", "subtitle"),
        ("title: x\npublisher: {a: 1}", "publisher"),
        ("title: x\ndescription: 42", "description"),
        ("title: x\ndedication: [1, 2]", "dedication"),
        ("title: x\nlang: 12", "lang"),
        ("title: x\nlang: [fr]", "lang"),
        ("title: x\ndate: [2024]", "date"),
        ("title: x\ncontributors: [1, 2]", "contributors"),
        ("title: x\ncontributors: Alice", "contributors"),
        ("title: x\ncontributors:\n  - name: 3", "contributors"),
        ("title: x\ncontributors:\n  - name: Alice\n    file-as: [1]", "file-as"),
        ("title: x\ncontributors:\n  - name: Alice\n    affiliation: 5", "affiliation"),
        ("title: x\ncontributors:\n  - name: Alice\n    role: [aut]", "role"),
    ],
)
def test_front_matter_value_of_the_wrong_type_refused(tmp_path, capsys, front, key):
    source = story(tmp_path, f"---\n{front}\n---\n\n# A\n\nTexte. [Alice]{{.credit}}\n")
    code, err = cli(capsys, "export", str(source), "--epub", str(tmp_path / "o.epub"))
    one_error(code, err, "story.md", key)
    assert not (tmp_path / "o.epub").exists()


@pytest.mark.parametrize(
    ("front", "key"),
    [
        ('title: "a\\0b"', "title"),
        ('title: x\nsubtitle: "suite\\x1b[31m"', "subtitle"),
        ('title: x\ncontributors: ["Al\\0ice"]', "contributors"),
        ('title: x\ncontributors:\n  - name: Alice\n    affiliation: "CDP\\x07"', "affiliation"),
    ],
)
def test_front_matter_control_character_refused(tmp_path, front, key):
    source = story(tmp_path, f"---\n{front}\n---\n\n# A\n\nTexte. [Alice]{{.credit}}\n")
    out = [str(tmp_path / "o.pdf"), "--epub", str(tmp_path / "o.epub")]
    code, err, _ = run_limited("export", str(source), "--pdf", *out, cwd=tmp_path)
    line = one_error(code, err, "story.md", key, "contrôle")
    assert "\x00" not in line and "\x1b" not in line and "\x07" not in line


def test_project_title_with_nul_refused(tmp_path, capsys):
    story(tmp_path)
    project = tmp_path / "book.toml"
    project.write_text('[book]\nsource = "story.md"\n[metadata]\ntitle = "a\\u0000b"\n')
    code, err = cli(capsys, "export", str(project))
    line = one_error(code, err, "book.toml", "metadata.title", "contrôle")
    assert "\x00" not in line


def test_year_as_date_and_a_real_date_still_accepted(tmp_path, capsys):
    """Front matter that is plainly fine keeps working: dates and quoted titles."""
    for i, front in enumerate(['title: "1984"\ndate: 2024-05-01', "title: Roman\ndate: 2024"]):
        source = story(tmp_path, f"---\n{front}\n---\n\n# A\n\nTexte. [Alice]{{.credit}}\n")
        out = tmp_path / f"o{i}.pdf"
        code, err = cli(capsys, "export", str(source), "--pdf", str(out))
        assert code == 0, err
        assert out.read_bytes().startswith(b"%PDF")
