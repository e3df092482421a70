"""Covers: the user's image made print-safe, or a typographic cover; the wraparound.

Takes an image path (JPEG, PNG or WebP) and the theme; gives a ``CoverImage``
(RGB JPEG bytes, pixel size, effective dpi, warnings). EXIF rotation is
applied; CMYK, palette and 16-bit images become RGB; transparency is
flattened on the theme's cover colour. Corrupt, truncated, unsupported and
decompression-bomb images raise ``InputError`` naming the file.

``front_cover_page`` gives the front cover as a page of the page model
(image, or title/subtitle/byline set in the theme's fonts); ``print_cover``
gives the wraparound page — back, spine, front, with bleed — whose spine
width is the page count times the theme's paper thickness per leaf.
"""

from __future__ import annotations

import dataclasses
import io
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from layout_studio.errors import InputError
from layout_studio.layout.page import (
    Fill,
    GlyphRun,
    Image,
    Page,
    PageItem,
    Rule,
    TypesetDocument,
)
from layout_studio.layout.typeset import Typesetter, _shift
from layout_studio.model.document import Document
from layout_studio.style.theme import Theme
from layout_studio.style.units import INCH, MM

MAX_PIXELS = 80_000_000  # ~ 9000 × 9000: larger is refused as a possible decompression bomb
MIN_DPI = 300
ACCEPTED = {"JPEG", "PNG", "WEBP", "MPO"}


@dataclass(frozen=True)
class CoverImage:
    """An RGB cover ready to embed."""

    data: bytes
    width_px: int
    height_px: int
    source: Path
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def dpi(self, width_pt: float, height_pt: float) -> float:
        """Effective resolution when stretched over ``width × height`` points."""
        return min(self.width_px / (width_pt / INCH), self.height_px / (height_pt / INCH))


def load_cover(path: str | Path, theme: Theme) -> CoverImage:
    """Open, check and normalise a cover image."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "image de couverture introuvable")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            old = PILImage.MAX_IMAGE_PIXELS
            PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
            try:
                with PILImage.open(path) as im:
                    if im.format not in ACCEPTED:
                        raise InputError(
                            path, f"format {im.format} non pris en charge (JPEG, PNG ou WebP)"
                        )
                    if im.width * im.height > MAX_PIXELS:
                        raise InputError(path, f"image trop grande ({im.width}×{im.height} pixels)")
                    im.load()
                    image = ImageOps.exif_transpose(im) or im
                    image = _to_rgb(image, theme)
            finally:
                PILImage.MAX_IMAGE_PIXELS = old
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise InputError(
            path, "image refusée : trop de pixels (bombe de décompression ?)"
        ) from None
    except UnidentifiedImageError:
        raise InputError(
            path, "fichier non reconnu comme image (JPEG, PNG ou WebP attendu)"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(path, f"image corrompue ou tronquée ({exc})") from None
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, optimize=True, dpi=(300, 300))
    g = theme.page
    cover = CoverImage(out.getvalue(), image.width, image.height, path)
    dpi = cover.dpi(g.width + 2 * g.bleed, g.height + 2 * g.bleed)
    notes = []
    if dpi < MIN_DPI:
        notes.append(
            f"{path} : résolution {dpi:.0f} dpi au format "
            f"{g.width / MM:.0f}×{g.height / MM:.0f} mm "
            f"(300 dpi conseillés pour l’impression)"
        )
    return CoverImage(cover.data, cover.width_px, cover.height_px, path, tuple(notes))


def _to_rgb(image: PILImage.Image, theme: Theme) -> PILImage.Image:
    background = tuple(round(c * 255) for c in theme.cover_background)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")  # CMYK included: Pillow undoes Adobe's inverted JPEGs


def _cover_items(
    ts: Typesetter,
    cover: CoverImage | None,
    width: float,
    height: float,
    byline: str,
    x0: float = 0.0,
) -> list[PageItem]:
    """Items of a front cover ``width × height`` placed at ``x0`` (bleed included by caller)."""
    t = ts.theme
    meta = ts.doc.metadata
    if cover is not None:
        # Fill the area, cropping the longer side (as "object-fit: cover").
        ratio = cover.width_px / cover.height_px
        w, h = (width, width / ratio) if ratio < width / height else (height * ratio, height)
        return [Image(x0 + (width - w) / 2, (height - h) / 2, w, h, cover.data, cover.source.name)]
    items: list[PageItem] = [Fill(x0, 0, width, height, t.cover_background)]
    # The accent draws the rule and byline unless it vanishes into the background.
    accent = t.accent if _distinct(t.accent, t.cover_background) else t.cover_text
    style = ts.style(t.heading, "regular", size=t.heading.size * 1.9).with_(color=t.cover_text)
    style = style.with_(font=ts.style(t.heading, "regular").font)
    measure = width * 0.78
    left = x0 + (width - measure) / 2
    y = height * 0.3
    for line in ts.simple_lines(meta.title, style, measure):
        items.extend(_shift(line.runs, left, y))
        y += style.size * 1.2
    items.append(Rule(x0 + width / 2 - 24, y + 4, x0 + width / 2 + 24, y + 4, 1.0, accent))
    if meta.subtitle:
        sub = ts.style(t.body, "italic", size=t.body.size * 1.35).with_(color=t.cover_text)
        y += t.body.size * 4
        for line in ts.simple_lines(meta.subtitle, sub, measure):
            items.extend(_shift(line.runs, left, y))
            y += sub.size * 1.3
    if byline:
        by = ts.style(t.body, "regular", size=t.body.size * 1.5).with_(color=accent)
        for line in ts.simple_lines(byline, by, measure):
            items.extend(_shift(line.runs, left, height * 0.86))
    return items


def _distinct(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Whether two colours differ enough to read one on the other (luminance gap)."""

    def luminance(c: tuple[float, float, float]) -> float:
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    return abs(luminance(a) - luminance(b)) > 0.25


def default_byline(document: Document, byline: str | None = None) -> str:
    """The byline ("26 auteurs"): the project's, else the number of contributors."""
    if byline:
        return byline
    n = len(document.contributors)
    return f"{n} auteurs" if n else ""


def front_cover_page(
    document: Document, theme: Theme, cover: CoverImage | None, byline: str | None = None
) -> Page:
    """The front cover as one page (trim size; the image bleeds by the theme's bleed)."""
    ts = Typesetter(document, theme)
    g = theme.page
    page = Page(0, g.width, g.height, "couverture", "cover")
    page.items = _cover_items(ts, cover, g.width, g.height, default_byline(document, byline))
    return page


def spine_width(page_count: int, theme: Theme) -> float:
    """Spine thickness: the service's published formula for its paper.

    The generic printer: the theme's paper thickness per leaf (two pages).
    """
    printing = theme.printing
    if printing.service.key == "generic":
        return math.ceil(page_count / 2) * theme.page.paper_thickness
    return printing.service.spine_width(page_count, printing.paper)


def spine_has_text(page_count: int, theme: Theme) -> bool:
    """Whether the spine is wide enough for its title (KDP: more than 79 pages)."""
    svc = theme.printing.service
    if svc.key == "generic":
        return spine_width(page_count, theme) >= 6 * MM
    return page_count >= svc.spine_text_min_pages


def print_cover(
    book: TypesetDocument,
    document: Document,
    theme: Theme,
    cover: CoverImage | None,
    byline: str | None = None,
) -> TypesetDocument:
    """The wraparound cover (back, spine, front) as a one-page document with bleed."""
    ts = Typesetter(document, theme)
    g = theme.page
    spine = spine_width(book.page_count, theme)
    width = 2 * g.width + spine
    page = Page(0, width, g.height, "couverture", "cover")
    items: list[PageItem] = [
        Fill(
            -g.bleed, -g.bleed, width + 2 * g.bleed, g.height + 2 * g.bleed, theme.cover_background
        )
    ]
    items += _cover_items(
        ts, cover, g.width, g.height, default_byline(document, byline), x0=g.width + spine
    )
    # Back cover: the description and the contributors.
    meta = document.metadata
    measure = g.width - g.inner - g.outer
    y = g.top + theme.body.leading * 3
    back_style = ts.style(theme.body, "regular").with_(color=theme.cover_text)
    if meta.description:
        for line in ts.break_lines(_items(ts, meta.description, back_style, measure), measure):
            items.extend(_shift(line.runs, g.outer, y))
            y += theme.body.leading
        y += theme.body.leading
    names = ", ".join(sorted((c.name for c in document.contributors), key=str.casefold))
    if names:
        small = ts.style(theme.body, "italic", size=theme.body.size * 0.9).with_(
            color=theme.cover_text
        )
        for line in ts.break_lines(
            _items(ts, "Avec " + names + ".", small, measure), measure, justify=False
        ):
            items.extend(_shift(line.runs, g.outer, y))
            y += theme.body.leading * 0.95
    if spine_has_text(book.page_count, theme):
        spine_style = ts.style(
            theme.heading, "regular", size=min(theme.body.size, spine * 0.55)
        ).with_(color=theme.cover_text)
        lines = ts.simple_lines(meta.title, spine_style, g.height * 0.8)
        if lines:
            run_items = _shift(lines[0].runs, 0.0, 0.0)
            total = sum(r.width for r in run_items)
            for r in run_items:
                # Spine text reads top to bottom (rotated -90°), as on French books.
                items.append(
                    GlyphRun(
                        g.width + spine / 2 - spine_style.size * 0.35,
                        (g.height - total) / 2 + r.x,
                        r.font,
                        r.size,
                        r.color,
                        r.glyphs,
                        angle=-90.0,
                    )
                )
    page.items = items
    # Same book metadata; one page, no outline, no anchors.
    return dataclasses.replace(
        book,
        pages=[page],
        outline=[],
        anchors={},
        bleed=g.bleed,
        crop_marks=g.crop_marks,
        bleed_binding=True,
        # A cover prints in colour whatever the interior.
        printing=dataclasses.replace(theme.printing, interior="color"),
    )


def _items(ts: Typesetter, text: str, style: object, measure: float) -> list:  # type: ignore[type-arg]
    b = ts.builder(measure)
    b.text(text, style)  # type: ignore[arg-type]
    return b.finish()
