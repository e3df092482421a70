"""Themes: TOML files of data (never code) with ``extends`` and validation.

Takes a theme name (one of ``themes/*.toml``) or a path to a ``.toml`` file;
gives a frozen, fully resolved ``Theme``: page geometry in points, resolved
font faces, line-breaking and hyphenation settings, credit style, colours
and the EPUB hints. Every problem raises ``ThemeError`` naming the file, the
key and the reason ("page.inner : marge négative").

A theme lists only what it changes: ``extends = "classique"`` (or a relative
path) loads the parent first and merges table by table. Unknown keys are
errors, so a typo never goes unnoticed when entrants exchange themes.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import math
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layout_studio.errors import InputError
from layout_studio.io.bounded import MAX_THEME_BYTES, parse_toml, read_limited
from layout_studio.io.paths import check_regular, confined, existing_problem
from layout_studio.layout.linebreak import BreakParams
from layout_studio.style.css_values import (
    HYPHENS,
    TEXT_ALIGNS,
    css_family,
    parse_font_families,
    parse_keyword,
    parse_line_height,
)
from layout_studio.style.printing import (
    INTERIORS,
    PDFX,
    PrintSettings,
    fit_geometry,
    service,
    services,
)
from layout_studio.style.units import MM, parse_color, parse_length, parse_page_size
from layout_studio.text.fonts import (
    STYLES,
    FontError,
    FontFace,
    find_face,
    font_path_allowed,
    has_truetype_outlines,
)


def _themes_dir() -> Path:
    """``themes/`` of a source checkout, else the copy pip installs under the prefix."""
    checkout = Path(__file__).resolve().parent.parent.parent / "themes"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "layout-studio" / "themes"


THEMES_DIR = _themes_dir()


def user_themes_dir() -> Path:
    """The user's own themes folder (``LAYOUT_STUDIO_THEMES_DIR`` overrides it; not created)."""
    custom = os.environ.get("LAYOUT_STUDIO_THEMES_DIR")
    if custom:
        return Path(custom)
    from platformdirs import user_data_path

    return user_data_path("layout-studio", appauthor=False) / "themes"


DEFAULT_THEME = "classique"
CREDIT_PLACEMENTS = ("inline", "signed", "line", "margin")
CREDIT_VARIANTS = ("italic", "small-caps", "roman")
SEPARATORS = ("none", "space", "ornament")
ALIGNS = ("left", "center", "right")
MAX_PAGE = 1000 * MM  # a book page; the PDF format itself stops at 5 m
MAX_BLEED = 20 * MM  # printers ask 3 to 5 mm
MAX_MARGIN = 500 * MM  # half the largest page
MAX_PAPER = 2 * MM  # one leaf: offset paper 0.1 mm, a board book's card 1.5 mm
MAX_EXTENDS = 8  # themes in one extends chain, the theme itself included

RGB = tuple[float, float, float]


class ThemeError(InputError):
    """A theme that cannot be used: file, key and reason."""


@dataclass(frozen=True, slots=True)
class FontSpec:
    """A family resolved to one face per style (regular, italic, bold, bold-italic)."""

    family: str
    faces: Mapping[str, FontFace]

    def path(self, style: str) -> Path:
        """The file for ``style``, falling back to regular for missing styles."""
        face = self.faces.get(style) or self.faces["regular"]
        return face.path


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Font, size, leading, features and colour of one kind of text."""

    font: FontSpec
    size: float
    leading: float
    features: tuple[str, ...]
    color: RGB


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """Trim size, bleed and margins in points."""

    width: float
    height: float
    bleed: float
    crop_marks: bool
    inner: float
    outer: float
    top: float
    bottom: float
    right_hand_openings: bool
    paper_thickness: float  # one leaf (two pages)
    bleed_binding: bool = True  # False: no bleed on the binding edge (KDP interiors)
    safety: float = 0.0  # no text closer than this to the trim (the service's minimum)

    @property
    def text_width(self) -> float:
        """Width of the text block."""
        return self.width - self.inner - self.outer

    @property
    def text_height(self) -> float:
        """Height of the text block."""
        return self.height - self.top - self.bottom


@dataclass(frozen=True, slots=True)
class Theme:
    """A resolved theme; every length in points."""

    name: str
    label: str
    description: str
    source: Path | None
    page: PageGeometry
    body: TextStyle
    indent: float
    indent_first: bool
    paragraph_spacing: float
    justify: bool
    heading: TextStyle
    heading_align: str
    heading_sink: float
    heading_upper: bool
    credit: TextStyle
    credit_placement: str
    credit_variant: str
    running_heads: bool
    running_head: TextStyle
    running_head_small_caps: bool
    folio: TextStyle
    folio_position: str
    scene_break: str
    separator: str
    drop_caps: bool
    drop_cap_lines: int
    drop_cap_font: FontSpec
    accent: RGB
    cover_background: RGB
    cover_text: RGB
    cover_font: FontSpec
    cover_title_on_image: str  # "top", "center", "bottom" (on a band) or "none"
    cover_title_position: str  # without an image: "top" (upper third), "center" or "bottom"
    cover_focus: tuple[float, float]  # the point of the image kept when it is cropped (0..1)
    cover_band: bool  # the title on the image sits on a band of the cover colour
    cover_spine: str  # what the spine carries: "title", "title_byline" or "none"
    fallback_fonts: tuple[FontSpec, ...]
    hyphenate: bool
    hyphen_left: int
    hyphen_right: int
    hyphen_capitalised: bool
    breaking: BreakParams
    emergency_stretch: float
    expansion: float  # font expansion limit (0.02: glyphs 2 % wider or narrower), 0 = off
    letter_spacing: float  # justification may space letters by up to this fraction of an em
    widows: int
    orphans: int
    toc: str
    contributor_index: bool
    epub: Mapping[str, Any]
    printing: PrintSettings = field(default_factory=lambda: PrintSettings(services()["generic"]))
    warnings: tuple[str, ...] = ()  # unknown keys that were skipped, one line each
    files: tuple[Path, ...] = ()  # the theme file and every file it extends

    def font_files(self) -> tuple[Path, ...]:
        """Every font file the theme uses (an export must never write over one)."""
        specs = [getattr(self, name) for name in self.__slots__]
        specs += list(self.fallback_fonts)
        found = []
        for spec in specs:
            spec = spec.font if isinstance(spec, TextStyle) else spec
            if isinstance(spec, FontSpec):
                found += [face.path for face in spec.faces.values()]
        return tuple(dict.fromkeys(found))


# --- raw defaults: the base every theme extends (also documents every key) ---
BASE: dict[str, dict[str, Any]] = {
    "theme": {"name": "", "label": "", "description": "", "extends": ""},
    "page": {
        "size": "A5",
        "width": None,
        "height": None,
        "bleed": "3mm",
        "crop_marks": False,
        "inner": "20mm",
        "outer": "16mm",
        "top": "17mm",
        "bottom": "22mm",
        "right_hand_openings": True,
        "paper_thickness": "0.1mm",
    },
    "body": {
        "font": "Source Serif Pro",
        "size": 10.5,
        "leading": 13.5,
        "indent": "1.2em",
        "indent_first": True,
        "paragraph_spacing": 0,
        "justify": True,
        "features": ["kern", "liga"],
        "color": "#1a1a1a",
    },
    "headings": {
        "font": "",
        "size": 17,
        "leading": 22,
        "align": "center",
        "sink": "38mm",
        "upper": False,
        "features": ["kern", "liga"],
        "color": "#1a1a1a",
    },
    "credits": {
        "placement": "signed",
        "variant": "italic",
        "font": "",
        "size": 0,
        "color": "#1a1a1a",
    },
    "running_heads": {
        "enabled": True,
        "font": "",
        "size": 8.5,
        "small_caps": True,
        "color": "#4a4a4a",
    },
    "folios": {"font": "", "size": 9, "position": "bottom", "color": "#4a4a4a"},
    "ornaments": {"scene_break": "*\u2003*\u2003*", "between_contributions": "none"},
    "drop_caps": {"enabled": False, "lines": 2, "font": ""},
    "colors": {"accent": "#8a2b2b", "cover_background": "#f4efe6", "cover_text": "#1a1a1a"},
    "cover": {
        "font": "",
        "title_on_image": "bottom",
        "title_position": "top",
        "focus_x": 0.5,
        "focus_y": 0.5,
        "band": True,
        "spine": "title",
    },
    "fonts": {"fallback": ["Source Sans Pro"]},
    "hyphenation": {"enabled": True, "left_min": 2, "right_min": 3, "capitalised": True},
    "linebreak": {
        "tolerance": 200,
        "line_penalty": 10,
        "hyphen_penalty": 50,
        "double_hyphen_demerits": 10000,
        "final_hyphen_demerits": 5000,
        "adj_demerits": 10000,
        "looseness": 0,
        "forbid_double_hyphens": True,
        "emergency_stretch": "1.5em",
        "expansion": 0.02,
        "letter_spacing": 0.005,  # ±0.05 pt a glyph at 10 pt: about 2 % of a word space
        "widows": 2,
        "orphans": 2,
    },
    "matter": {"toc": "front", "contributor_index": True},
    "print": {"service": "generic", "paper": "white", "pdfx": "x1a", "interior": "bw"},
    "epub": {
        "font_family": "Georgia, 'Source Serif Pro', serif",
        "heading_font_family": "",
        "text_align": "justify",
        "hyphens": "auto",
        "line_height": "1.4",
    },
}


def theme_names(directory: Path = THEMES_DIR) -> list[str]:
    """Names of the bundled themes."""
    return sorted(p.stem for p in directory.glob("*.toml"))


def theme_summaries(directory: Path = THEMES_DIR) -> list[tuple[str, str, str]]:
    """(name, label, description) of each bundled theme, for ``layout-studio themes``."""
    out = []
    for name in theme_names(directory):
        theme = load_theme(name)
        out.append((name, theme.label, theme.description))
    return out


def resolve_theme_path(spec: str | Path, relative_to: Path | None = None) -> Path:
    """A bundled theme name or a file path → the TOML file (a regular file)."""
    text = str(spec)
    if _is_name(text):
        path = THEMES_DIR / f"{text}.toml"
        if path.is_file():
            return path
        names = ", ".join(theme_names())
        raise ThemeError(text, f"thème inconnu ; thèmes fournis : {names}")
    path = Path(text)
    if relative_to is not None and not path.is_absolute():
        path = relative_to / path
    try:
        check_regular(path, "fichier de thème introuvable")
    except InputError as exc:
        raise ThemeError(path, exc.message) from None
    return path


def _is_name(text: str) -> bool:
    """A bundled theme's name rather than a path."""
    return not text.endswith(".toml") and "/" not in text and "\\" not in text


def load_theme(
    spec: str | Path = DEFAULT_THEME,
    overrides: Mapping[str, Any] | None = None,
    origin: Path | None = None,
    labels: Mapping[str, str] | None = None,
) -> Theme:
    """Load, merge (``extends``) and validate a theme; ``overrides`` come last.

    ``origin`` is the file the overrides come from (a ``book.toml``): errors
    about them name it, and the key as ``labels`` spells it there
    (``"page.inner"`` → ``"theme.page.inner"`` unless ``labels`` says otherwise).
    """
    path = resolve_theme_path(spec)
    raw = _load_chain(path, [])
    if overrides:
        if origin is None:
            _merge(raw, dict(overrides), path, "")
        else:
            _merge(raw, dict(overrides), origin, "theme.", labels or {})
    return _build(raw, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = read_limited(path, MAX_THEME_BYTES, ThemeError)
    except OSError as exc:
        raise ThemeError(path, f"lecture impossible ({exc.strerror or exc})") from None
    return parse_toml(path, data, ThemeError, "le thème")


def _parent_path(parent: object, path: Path) -> Path:
    """The file ``extends`` names: a bundled theme, or a file in the theme's own folder.

    Themes are exchanged between entrants: a parent file must resolve inside
    the theme's folder, the bundled themes or the user's themes folder.
    """
    if isinstance(parent, str) and _is_name(parent):
        return resolve_theme_path(parent)
    folders = (THEMES_DIR, user_themes_dir())
    try:
        found = confined(
            path,
            "theme.extends",
            parent,
            path.parent,
            roots=folders,
            absolute_roots=folders,
            scope="du dossier du thème",
        )
    except InputError as exc:
        raise ThemeError(path, exc.message) from None
    return resolve_theme_path(found)


def _load_chain(path: Path, seen: list[Path]) -> dict[str, dict[str, Any]]:
    if path.resolve() in seen:
        chain = " → ".join(p.name for p in [*seen, path])
        raise ThemeError(path, f"extends circulaire : {chain}")
    data = _read_toml(path)
    parent = data.get("theme", {}).get("extends", "") if isinstance(data.get("theme"), dict) else ""
    if parent and len(seen) + 1 >= MAX_EXTENDS:
        raise ThemeError(
            path, f"theme.extends : chaîne trop longue ({MAX_EXTENDS} thèmes enchaînés au plus)"
        )
    if parent:
        parent_path = _parent_path(parent, path)
        raw = _load_chain(parent_path, [*seen, path.resolve()])
    else:
        raw = {table: dict(values) for table, values in BASE.items()}
    for table in ("name", "label", "description"):
        raw["theme"][table] = ""
    _merge(raw, data, path, "")
    raw["theme"]["_dir"] = str(path.parent)
    raw["theme"]["_files"] = [*raw["theme"].get("_files", ()), str(path)]
    if not raw["theme"]["name"]:
        raw["theme"]["name"] = path.stem
    return raw


def _merge(
    raw: dict[str, dict[str, Any]],
    data: Mapping[str, Any],
    path: Path,
    prefix: str,
    labels: Mapping[str, str] | None = None,
) -> None:
    # Unknown names are warned about and skipped, never fatal: themes are
    # exchanged between versions, and a newer key must not stop an older app.
    warnings: list[str] = raw["theme"].setdefault("_warnings", [])
    # Where each value came from, so an error names that file and key.
    origins: dict[str, tuple[Path, str]] = raw["theme"].setdefault("_origins", {})
    for table, values in data.items():
        if table not in BASE:
            hint = _did_you_mean(table, BASE)
            warnings.append(f"{path} : section [{table}] inconnue, ignorée{hint}")
            continue
        if not isinstance(values, Mapping):
            raise ThemeError(path, f"{table} : une section [{table}] est attendue")
        for key, value in values.items():
            if key not in BASE[table] or key.startswith("_"):
                known = [k for k in BASE[table] if not k.startswith("_")]
                hint = _did_you_mean(key, known)
                warnings.append(f"{path} : {table}.{key} : clé inconnue, ignorée{hint}")
                continue
            raw[table][key] = value
            name = f"{table}.{key}"
            origins[name] = (path, (labels or {}).get(name, prefix + name))


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


class _Reader:
    """Typed access to the merged raw tables; errors name file and key."""

    def __init__(self, raw: dict[str, dict[str, Any]], path: Path) -> None:
        self.raw, self.path = raw, path
        self.directory = Path(raw["theme"].get("_dir", path.parent))

    def get(self, table: str, key: str) -> Any:
        return self.raw[table][key]

    def fail(self, table: str, key: str, reason: str) -> ThemeError:
        origins: dict[str, tuple[Path, str]] = self.raw["theme"].get("_origins", {})
        path, label = origins.get(f"{table}.{key}", (self.path, f"{table}.{key}"))
        return ThemeError(path, f"{label} : {reason}")

    def convert(self, table: str, key: str, func: Callable[[Any], Any]) -> Any:
        try:
            return func(self.get(table, key))
        except (ValueError, TypeError) as exc:
            raise self.fail(table, key, str(exc)) from None

    def length(
        self,
        table: str,
        key: str,
        em: float | None = None,
        minimum: float = 0.0,
        maximum: tuple[float, str] = (MAX_PAGE, "1 m"),
    ) -> float:
        """A finite length in points between ``minimum`` and ``maximum`` (points, as shown)."""
        value = float(self.convert(table, key, lambda v: parse_length(v, em)))
        if not math.isfinite(value):
            raise self.fail(table, key, f"nombre fini attendu, reçu {value}")
        if value < minimum:
            raise self.fail(
                table,
                key,
                "valeur négative" if minimum == 0 else f"doit valoir au moins {minimum:g}",
            )
        if value > maximum[0]:
            shown = f"{value:.1f} pt" if maximum[1].endswith(" em") else f"{value / MM:.0f} mm"
            raise self.fail(table, key, f"{shown}, trop grand ({maximum[1]} au plus)")
        return value

    def number(self, table: str, key: str, low: float, high: float) -> float:
        value = self.get(table, key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(table, key, f"nombre attendu, reçu {value!r}")
        if not math.isfinite(value):
            raise self.fail(table, key, f"nombre fini attendu, reçu {value}")
        if not low <= value <= high:
            raise self.fail(table, key, f"doit être entre {low:g} et {high:g} (reçu {value:g})")
        return float(value)

    def boolean(self, table: str, key: str) -> bool:
        value = self.get(table, key)
        if not isinstance(value, bool):
            raise self.fail(table, key, f"true ou false attendu, reçu {value!r}")
        return value

    def choice(self, table: str, key: str, choices: tuple[str, ...]) -> str:
        value = self.get(table, key)
        if value not in choices:
            raise self.fail(
                table, key, f"valeur « {value} » inconnue (choix : {', '.join(choices)})"
            )
        return str(value)

    def text(self, table: str, key: str) -> str:
        value = self.get(table, key)
        if not isinstance(value, str):
            raise self.fail(table, key, f"texte attendu, reçu {value!r}")
        return value

    def color(self, table: str, key: str) -> RGB:
        return tuple(self.convert(table, key, parse_color))

    def features(self, table: str, key: str) -> tuple[str, ...]:
        value = self.get(table, key)
        if not isinstance(value, list) or not all(
            isinstance(v, str) and len(v) == 4 for v in value
        ):
            raise self.fail(
                table, key, 'liste d’étiquettes OpenType attendue, par ex. ["kern", "liga"]'
            )
        return tuple(value)

    def font(self, table: str, key: str, default: FontSpec | None = None) -> FontSpec:
        value = self.get(table, key)
        if value in ("", None) and default is not None:
            return default
        try:
            return _font_spec(value, self.directory)
        except FontError as exc:
            raise self.fail(table, key, str(exc)) from None
        except (TypeError, ValueError) as exc:
            raise self.fail(table, key, str(exc)) from None


def _font_spec(value: Any, directory: Path) -> FontSpec:
    from layout_studio.text.fonts import _read_face

    if isinstance(value, Mapping):
        faces: dict[str, FontFace] = {}
        for style, file in value.items():
            if style not in STYLES:
                raise ValueError(f"style « {style} » inconnu (styles : {', '.join(STYLES)})")
            path = Path(str(file))
            path = path if path.is_absolute() else directory / path
            problem = existing_problem(path)
            if problem:
                raise FontError(f"{path} : {problem}")
            if not path.is_file():
                raise FontError(f"fichier de police introuvable : {path}")
            if not font_path_allowed(path, directory):
                raise FontError(
                    f"fichier de police hors des emplacements autorisés : {path} "
                    "(dossier du thème, polices du système ou paquets de polices ; .ttf ou .otf)"
                )
            face = _read_face(path, "file")
            if face is None:
                raise FontError(f"fichier de police illisible : {path}")
            if not has_truetype_outlines(path):
                raise FontError(
                    f"{path.name} : contours PostScript (CFF) non pris en charge ; "
                    "choisissez un fichier à contours TrueType (.ttf)"
                )
            faces[style] = face
        if "regular" not in faces:
            raise ValueError("le style « regular » est obligatoire")
        return FontSpec(faces["regular"].family, faces)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"nom de famille ou table de fichiers attendu, reçu {value!r}")
    if value.lower().endswith(".ttf"):
        return _font_spec({"regular": value}, directory)
    regular = find_face(value, "regular")
    found = {"regular": regular}
    for style in STYLES[1:]:
        with contextlib.suppress(FontError):
            found[style] = find_face(value, style)
    return FontSpec(regular.family, found)


def _text_style(r: _Reader, table: str, font: FontSpec, size: float, leading: float) -> TextStyle:
    features = r.features(table, "features") if "features" in r.raw[table] else ("kern", "liga")
    return TextStyle(font, size, leading, features, r.color(table, "color"))


def _ems(size: float, count: int) -> tuple[float, str]:
    """An upper bound of ``count`` em at ``size`` points, as ``length`` takes it."""
    return size * count, f"{count} em"


def _build(raw: dict[str, dict[str, Any]], path: Path) -> Theme:
    r = _Reader(raw, path)
    width, height = r.convert("page", "size", parse_page_size)
    unbounded = (math.inf, "")  # checked below with the preset sizes
    if r.get("page", "width") is not None:
        width = r.length("page", "width", minimum=36, maximum=unbounded)
    if r.get("page", "height") is not None:
        height = r.length("page", "height", minimum=36, maximum=unbounded)
    if max(width, height) > MAX_PAGE:
        given = [k for k in ("width", "height") if r.get("page", k) is not None]
        too_big = [k for k, v in (("width", width), ("height", height)) if v > MAX_PAGE]
        key = next((k for k in too_big if k in given), "size")
        raise r.fail(
            "page",
            key,
            f"format trop grand ({width / MM:.0f} × {height / MM:.0f} mm ; 1 m au plus)",
        )
    body_font = r.font("body", "font")
    size = r.number("body", "size", 4, 72)
    leading = r.length("body", "leading", em=size, maximum=_ems(size, 4))
    margin = (MAX_MARGIN, "500 mm")
    if leading < size * 0.8:
        raise r.fail(
            "body", "leading", f"interligne {leading:g} pt trop serré pour un corps de {size:g} pt"
        )
    page = PageGeometry(
        width=width,
        height=height,
        bleed=r.length("page", "bleed", maximum=(MAX_BLEED, "20 mm")),
        crop_marks=r.boolean("page", "crop_marks"),
        inner=r.length("page", "inner", maximum=margin),
        outer=r.length("page", "outer", maximum=margin),
        top=r.length("page", "top", maximum=margin),
        bottom=r.length("page", "bottom", maximum=margin),
        right_hand_openings=r.boolean("page", "right_hand_openings"),
        paper_thickness=r.length("page", "paper_thickness", maximum=(MAX_PAPER, "2 mm")),
    )
    if page.text_width < size * 12:
        raise r.fail(
            "page",
            "inner",
            f"bloc de texte trop étroit ({page.text_width:.1f} pt) pour tenir une ligne",
        )
    if page.text_height < leading * 6:
        raise r.fail(
            "page",
            "top",
            f"bloc de texte trop bas ({page.text_height:.1f} pt) pour tenir six lignes",
        )
    heading_size = r.number("headings", "size", 4, 144)
    heading = _text_style(
        r,
        "headings",
        r.font("headings", "font", body_font),
        heading_size,
        r.length("headings", "leading", em=heading_size, maximum=_ems(heading_size, 4)),
    )
    credit_size = r.get("credits", "size") or size
    if r.get("credits", "size"):
        credit_size = r.number("credits", "size", 4, 72)
    credit = TextStyle(
        r.font("credits", "font", body_font),
        credit_size,
        leading,
        ("kern", "liga"),
        r.color("credits", "color"),
    )
    rh_size = r.number("running_heads", "size", 4, 36)
    running = TextStyle(
        r.font("running_heads", "font", body_font),
        rh_size,
        rh_size * 1.2,
        ("kern", "liga"),
        r.color("running_heads", "color"),
    )
    folio_size = r.number("folios", "size", 4, 36)
    folio = TextStyle(
        r.font("folios", "font", body_font),
        folio_size,
        folio_size * 1.2,
        ("kern", "liga", "onum") if "onum" in body_features(r) else ("kern",),
        r.color("folios", "color"),
    )
    printing = _print_settings(r)
    page, print_notes = fit_geometry(
        page,
        printing,
        head_room=_head_room(r, leading, rh_size, folio_size),
        foot_room=_foot_room(r, leading, folio_size),
    )
    fallback_raw = r.get("fonts", "fallback")
    if not isinstance(fallback_raw, list):
        raise r.fail("fonts", "fallback", "liste de familles attendue")
    fallbacks = []
    for name in fallback_raw:
        try:
            fallbacks.append(_font_spec(name, r.directory))
        except (FontError, ValueError) as exc:
            raise r.fail("fonts", "fallback", str(exc)) from None
    lb = "linebreak"
    breaking = BreakParams(
        tolerance=r.number(lb, "tolerance", 0, 10000),
        line_penalty=r.number(lb, "line_penalty", 0, 10000),
        hyphen_penalty=r.number(lb, "hyphen_penalty", -10000, 10000),
        double_hyphen_demerits=r.number(lb, "double_hyphen_demerits", 0, 1e9),
        final_hyphen_demerits=r.number(lb, "final_hyphen_demerits", 0, 1e9),
        adj_demerits=r.number(lb, "adj_demerits", 0, 1e9),
        looseness=int(r.number(lb, "looseness", -10, 10)),
        forbid_double_hyphens=r.boolean(lb, "forbid_double_hyphens"),
    )
    epub = _epub(r)
    return Theme(
        name=r.text("theme", "name"),
        label=r.text("theme", "label") or r.text("theme", "name"),
        description=r.text("theme", "description"),
        source=path,
        page=page,
        body=TextStyle(
            body_font, size, leading, r.features("body", "features"), r.color("body", "color")
        ),
        indent=r.length("body", "indent", em=size, maximum=_ems(size, 10)),
        indent_first=r.boolean("body", "indent_first"),
        paragraph_spacing=r.length("body", "paragraph_spacing", em=size, maximum=_ems(size, 5)),
        justify=r.boolean("body", "justify"),
        heading=heading,
        heading_align=r.choice("headings", "align", ALIGNS),
        heading_sink=r.length(
            "headings",
            "sink",
            maximum=(page.text_height * 0.75, f"{page.text_height * 0.75 / MM:.0f} mm"),
        ),
        heading_upper=r.boolean("headings", "upper"),
        credit=credit,
        credit_placement=r.choice("credits", "placement", CREDIT_PLACEMENTS),
        credit_variant=r.choice("credits", "variant", CREDIT_VARIANTS),
        running_heads=r.boolean("running_heads", "enabled"),
        running_head=running,
        running_head_small_caps=r.boolean("running_heads", "small_caps"),
        folio=folio,
        folio_position=r.choice("folios", "position", ("bottom", "top")),
        scene_break=r.text("ornaments", "scene_break"),
        separator=r.choice("ornaments", "between_contributions", SEPARATORS),
        drop_caps=r.boolean("drop_caps", "enabled"),
        drop_cap_lines=int(r.number("drop_caps", "lines", 2, 5)),
        drop_cap_font=r.font("drop_caps", "font", body_font),
        accent=r.color("colors", "accent"),
        cover_background=r.color("colors", "cover_background"),
        cover_text=r.color("colors", "cover_text"),
        cover_font=r.font("cover", "font", heading.font),
        cover_title_on_image=r.choice(
            "cover", "title_on_image", ("top", "center", "bottom", "none")
        ),
        cover_title_position=r.choice("cover", "title_position", ("top", "center", "bottom")),
        cover_focus=(r.number("cover", "focus_x", 0, 1), r.number("cover", "focus_y", 0, 1)),
        cover_band=r.boolean("cover", "band"),
        cover_spine=r.choice("cover", "spine", ("title", "title_byline", "none")),
        fallback_fonts=tuple(fallbacks),
        hyphenate=r.boolean("hyphenation", "enabled"),
        hyphen_left=int(r.number("hyphenation", "left_min", 1, 10)),
        hyphen_right=int(r.number("hyphenation", "right_min", 1, 10)),
        hyphen_capitalised=r.boolean("hyphenation", "capitalised"),
        breaking=breaking,
        emergency_stretch=r.length(lb, "emergency_stretch", em=size, maximum=_ems(size, 10)),
        expansion=r.number(lb, "expansion", 0, 0.05),
        letter_spacing=r.number(lb, "letter_spacing", 0, 0.02),
        widows=int(r.number(lb, "widows", 1, 5)),
        orphans=int(r.number(lb, "orphans", 1, 5)),
        toc=r.choice("matter", "toc", ("front", "back", "none")),
        contributor_index=r.boolean("matter", "contributor_index"),
        epub=epub,
        printing=printing,
        warnings=tuple(
            dict.fromkeys(
                [*raw["theme"].get("_warnings", ()), *(f"{path} : {n}" for n in print_notes)]
            )
        ),
        files=tuple(Path(f) for f in raw["theme"].get("_files", ())),
    )


def _epub(r: _Reader) -> dict[str, str]:
    """The [epub] table, each value parsed by type and written back as CSS."""
    out: dict[str, str] = {}
    for key in ("font_family", "heading_font_family"):
        text = r.text("epub", key)
        if not text.strip() and key == "heading_font_family":
            out[key] = ""  # headings take the body's families
            continue
        families = r.convert("epub", key, parse_font_families)
        out[key] = ", ".join(css_family(f) for f in families)
    for key, choices in (("text_align", TEXT_ALIGNS), ("hyphens", HYPHENS)):
        r.text("epub", key)  # a string, or the error names the key
        out[key] = r.convert("epub", key, functools.partial(parse_keyword, choices=choices))
    text = r.text("epub", "line_height")
    out["line_height"] = r.convert("epub", "line_height", parse_line_height) if text else ""
    return out


def body_features(r: _Reader) -> tuple[str, ...]:
    """The body's OpenType features (folios reuse old-style figures)."""
    return r.features("body", "features")


def _print_settings(r: _Reader) -> PrintSettings:
    try:
        svc = service(r.text("print", "service"))
    except ValueError as exc:
        raise r.fail("print", "service", str(exc)) from None
    paper = r.text("print", "paper")
    if paper not in svc.spine_per_page:
        raise r.fail(
            "print",
            "paper",
            f"papier « {paper} » inconnu chez {svc.label} "
            f"(choix : {', '.join(svc.spine_per_page)})",
        )
    return PrintSettings(
        svc, paper, r.choice("print", "pdfx", PDFX), r.choice("print", "interior", INTERIORS)
    )


def _head_room(r: _Reader, leading: float, rh_size: float, folio_size: float) -> float:
    """How far above the text block the running head (or a top folio) reaches."""
    room = 0.0
    if r.boolean("running_heads", "enabled"):
        room = max(leading * 1.5, rh_size * 2.2) + rh_size * 0.75
    if r.get("folios", "position") == "top":
        room = max(room, max(leading * 1.5, rh_size * 2.2) + folio_size * 0.75)
    return room


def _foot_room(r: _Reader, leading: float, folio_size: float) -> float:
    """How far below the text block a folio reaches (top folios drop there on openings)."""
    return max(leading * 1.8, folio_size * 2.4) + folio_size * 0.25
