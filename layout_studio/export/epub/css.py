"""Theme → the EPUB's style sheet.

Takes a ``Theme`` and the embedded ``FontSet``; gives one small CSS file.
Sizes are in em relative to the body so the reader's own size setting
still works; colours and fonts are suggestions a reader may override
(nothing is ``!important``), and the font stacks end on the theme's system
fonts so the book degrades gracefully where embedded fonts are refused.
Hyphenation uses ``hyphens`` with the ``-webkit-`` prefix only.
"""

from __future__ import annotations

from layout_studio.export.epub.fonts import FontSet
from layout_studio.style.css_values import css_comment, css_string
from layout_studio.style.theme import Theme
from layout_studio.style.units import color_hex

PASSAGE_SEPARATOR = "\u2022"


def generated_text(theme: Theme) -> str:
    """What the style sheet draws itself: ``content:`` strings, list numbers, reader hyphens.

    The font subsets must hold these too, or readers draw them in another face.
    """
    return PASSAGE_SEPARATOR + theme.scene_break + "0123456789." + "-"


def text_align(theme: Theme) -> str:
    """The body text's ``text-align`` in the EPUB (the theme's ``[epub] text_align``)."""
    return str(theme.epub.get("text_align", "justify" if theme.justify else "left"))


def soft_hyphens_by_default(theme: Theme) -> bool:
    """Whether the EPUB gets soft hyphens when the project does not say.

    Yes for justified text the theme hyphenates: Chromium-based readers do
    not hyphenate French, and without U+00AD 39 % of the word gaps in
    ``classique`` at phone width are over twice a space (20 % with them).
    No for ragged-right text, where gaps do not stretch: the invisible
    characters would cost search, reading aloud and copy-paste for nothing.
    """
    hyphens = str(theme.epub.get("hyphens", "auto"))
    return theme.hyphenate and hyphens != "none" and text_align(theme) == "justify"


def wants_soft_hyphens(setting: bool | None, theme: Theme) -> bool:
    """The project's ``[epub] soft_hyphens`` (``None`` when unset) resolved for ``theme``."""
    return soft_hyphens_by_default(theme) if setting is None else setting


def _em(points: float, base: float) -> str:
    return f"{points / base:.3g}em"


def _quote(family: str) -> str:
    return css_string(family)


def _stack(first: str, fonts: FontSet, system: str) -> str:
    families = [_quote(first), *(_quote(f) for f in fonts.fallback_families)]
    return ", ".join([*families, system]) if system else ", ".join([*families, "serif"])


def theme_css(theme: Theme, fonts: FontSet, font_dir: str = "../fonts") -> str:
    """The style sheet for ``theme``."""
    t = theme
    size = t.body.size
    epub = t.epub
    system = str(epub.get("font_family", "serif"))
    heading_system = str(epub.get("heading_font_family") or system)
    hyphens = str(epub.get("hyphens", "auto"))
    align = text_align(t)
    line_height = str(epub.get("line_height") or f"{t.body.leading / size:.3g}")
    # The [epub] values were parsed and re-serialised by the theme reader
    # (style.css_values); the label goes in a comment that cannot be closed.
    out: list[str] = [f"/* Layout Studio — thème « {css_comment(t.label)} » */\n"]
    for font in fonts.fonts:
        out.append(
            "@font-face {\n"
            f"  font-family: {_quote(font.family)};\n"
            f"  font-style: {font.style};\n"
            f"  font-weight: {font.weight};\n"
            f'  src: url("{font_dir}/{font.file_name}") format("truetype");\n'
            "}\n"
        )
    body_stack = _stack(fonts.body_family, fonts, system)
    heading_stack = _stack(fonts.heading_family, fonts, heading_system)
    indent = _em(t.indent, size)
    spacing = _em(t.paragraph_spacing, size) if t.paragraph_spacing else "0"
    credit_font = (
        "font-style: italic;"
        if t.credit_variant == "italic"
        else "font-variant: small-caps; font-variant-caps: small-caps;"
        if t.credit_variant == "small-caps"
        else "font-style: normal;"
    )
    heading_align = {"center": "center", "left": "left", "right": "right"}.get(
        t.heading_align, "center"
    )
    out.append(
        f"""
html {{ font-family: {body_stack}; }}
body {{
  margin: 0 1em;
  line-height: {line_height};
  text-align: {align};
  hyphens: {hyphens};
  -webkit-hyphens: {hyphens};
  widows: {t.widows};
  orphans: {t.orphans};
}}
p {{ margin: {spacing} 0 0 0; text-indent: {indent}; }}
p.first, p.credit, .titlepage p, .colophon p, .index p, aside p {{ text-indent: 0; }}
p.first {{ margin-top: 0; }}
h1, h2, h3, h4 {{
  font-family: {heading_stack};
  font-weight: normal;
  text-align: {heading_align};
  hyphens: none;
  -webkit-hyphens: none;
  page-break-after: avoid;
  break-after: avoid;
  line-height: 1.2;
}}
h1 {{
  font-size: {_em(t.heading.size, size)};
  margin: 3em 0 1.5em 0;
  page-break-before: always;
  break-before: page;
  {"text-transform: uppercase; letter-spacing: 0.08em;" if t.heading_upper else ""}
}}
h2 {{ font-size: 1.2em; margin: 1.5em 0 0.5em 0; }}
h3, h4 {{ font-size: 1em; font-weight: bold; margin: 1em 0 0.3em 0; }}
.credit {{
  {credit_font}
  color: {color_hex(t.credit.color)};
  white-space: nowrap;
  hyphens: none;
  -webkit-hyphens: none;
}}
.credit.signed {{ float: right; margin-left: 1em; }}
p.credit {{ text-align: right; margin-top: 0.2em; }}
.passage {{ clear: both; }}
.passage.separated::before {{
  content: {css_string(PASSAGE_SEPARATOR)};
  display: block;
  text-align: center;
  margin: 0.6em 0;
  color: {color_hex(t.accent)};
}}
hr.scene {{ border: 0; margin: 1em 0; text-align: center; height: 1.4em; clear: both; }}
hr.scene::after {{ content: {css_string(t.scene_break)}; }}
.nowrap {{ white-space: nowrap; }}
.sc {{ font-variant: all-small-caps; font-variant-caps: all-small-caps; }}
sup {{ font-size: 0.7em; line-height: 0; vertical-align: super; }}
a {{ color: inherit; }}
aside {{ font-size: 0.9em; margin-top: 1em; }}
.titlepage {{ text-align: center; margin-top: 20%; }}
.titlepage h1 {{ page-break-before: auto; break-before: auto; margin-top: 0; }}
.titlepage .subtitle {{ font-style: italic; font-size: 1.15em; margin: 1.5em 0; }}
.titlepage .byline {{ font-variant: small-caps; margin-top: 2em; }}
.titlepage .publisher {{ margin-top: 4em; }}
.titlepage .dedication {{ font-style: italic; margin-top: 6em; }}
.colophon {{ font-size: 0.85em; text-align: left; }}
.colophon p {{ margin-top: 0.8em; }}
.index ul {{ list-style: none; padding: 0; margin: 0; }}
.index li {{ margin: 0.3em 0; text-align: left; }}
.index .name {{ font-variant: small-caps; }}
.cover {{ margin: 0; padding: 0; text-align: center; }}
.cover img {{ max-width: 100%; max-height: 100%; }}
"""
    )
    if t.drop_caps:
        lines = t.drop_cap_lines
        out.append(
            f"""p.drop::first-letter {{
  float: left;
  font-family: {heading_stack};
  font-size: {lines * t.body.leading / size * 1.05:.3g}em;
  line-height: 0.85;
  margin: 0.05em 0.08em 0 0;
  color: {color_hex(t.accent)};
}}
"""
        )
    return "".join(out)
