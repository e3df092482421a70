"""The e-reader preview's content: the EPUB's own XHTML and CSS, made right for Qt rich text.

Takes a ``Build`` (corrected document and theme) and the project's soft-hyphen
setting; gives the body HTML and the style sheet the EPUB carries, written by
the EPUB exporter's own ``Writer`` and ``theme_css``. Qt's rich text differs
from a reading system in three ways, each made up for here so the preview
breaks lines as a reader would:

* Qt breaks a line at U+202F (readers, following UAX #14, never do): each
  narrow no-break space is kept with its neighbours in a ``nowrap`` span;
* Qt has no ``hyphens: auto``: when the theme's EPUB CSS asks readers to
  hyphenate, soft hyphens from the same patterns stand in (French, and
  English for ``{lang=en}`` passages);
* Qt has no ``all-small-caps`` (and its ``small-caps`` leaves capitals
  alone): a small-capitals run is lowered into ``small-caps``, which looks
  the same;
* Qt ignores ``@font-face``: the window registers the theme's font files.
"""

from __future__ import annotations

import re

from layout_studio.export.epub.css import theme_css, wants_soft_hyphens
from layout_studio.export.epub.fonts import FontSet, has_narrow_nbsp
from layout_studio.export.epub.xhtml import Writer, soft_hyphenator
from layout_studio.session import Build
from layout_studio.text.hyphenate import english_hyphenator, shared_hyphenator

# A run of text (outside tags) holding a narrow no-break space.
_NARROW_RUN = re.compile(r"[^\s<>]*\u202f[^\s<>]*(?:\u202f[^\s<>]*)*")


# A small-capitals run as the EPUB writes it (text only inside: the writer escapes it).
_SMALL_CAPS_RUN = re.compile(r'<span class="sc">([^<]*)</span>')


def qt_small_caps(html: str) -> str:
    """Each ``all-small-caps`` run lowered into Qt's ``small-caps``: the same look."""
    return _SMALL_CAPS_RUN.sub(
        lambda m: f'<span style="font-variant: small-caps">{m.group(1).lower()}</span>', html
    )


def keep_narrow_spaces(html: str) -> str:
    """Wrap each run joined by U+202F in a nowrap span (Qt would break there)."""
    return _NARROW_RUN.sub(lambda m: f'<span style="white-space: nowrap">{m.group(0)}</span>', html)


def reader_hyphenates(build: Build, soft_hyphens: bool | None) -> bool:
    """Whether a reader would hyphenate this EPUB (CSS ``hyphens: auto``, or soft hyphens)."""
    css_auto = str(build.theme.epub.get("hyphens", "auto")) == "auto"
    return wants_soft_hyphens(soft_hyphens, build.theme) or (css_auto and build.theme.hyphenate)


def reader_content(build: Build, soft_hyphens: bool | None = None) -> tuple[str, str]:
    """The body HTML and the style sheet of the e-reader preview."""
    theme = build.theme
    hyphenate = hyphenate_english = None
    if reader_hyphenates(build, soft_hyphens):
        minimums = (theme.hyphen_left, theme.hyphen_right, theme.hyphen_capitalised)
        hyphenate = soft_hyphenator(shared_hyphenator(*minimums).positions)
        english = english_hyphenator(*minimums)
        hyphenate_english = soft_hyphenator(english.positions) if english else None
    writer = Writer(
        credit_placement=theme.credit_placement,
        drop_caps=False,  # Qt's rich text cannot float a letter
        separator=theme.separator,
        soft_hyphens=hyphenate,
        english_soft_hyphens=hyphenate_english,
        narrow_nbsp=has_narrow_nbsp(theme),
    )
    parts = [f"<h1>{writer.esc(build.document.metadata.title)}</h1>"]
    for i, section in enumerate(s for s in build.document.sections if not s.candidate):
        parts.append(writer.section(section, i, marks=[], note_href=lambda label: "#"))
    fonts = FontSet((), {}, frozenset(), theme.body.font.family, theme.heading.font.family, ())
    return keep_narrow_spaces(qt_small_caps("".join(parts))), theme_css(theme, fonts)
