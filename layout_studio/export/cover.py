"""Cover images: the user's picture made safe to place (Pillow).

Takes an image path (JPEG, PNG or WebP) and the theme; gives a ``CoverImage``
(RGB JPEG bytes, pixel size, warnings), which crops itself to the shape of
the area it must cover (``cropped``). EXIF rotation is applied; CMYK,
palette and 16-bit images become RGB; transparency is flattened on the
theme's cover colour. Corrupt, truncated, unsupported and decompression-bomb
images raise ``InputError`` naming the file. The effective resolution is
reported for the front panel with its bleed, where the image is printed.
The JPEG's Huffman tables are optimised only when the layout may embed it as
it is (a picture already of a shape it fills); any other is cropped, decoded.

The cover's layout (front page, wraparound) lives in ``layout.cover``; its
functions are re-exported here for the callers that import them from here.
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from layout_studio.errors import InputError
from layout_studio.io.paths import check_regular
from layout_studio.layout.cover import (
    default_byline,
    front_cover_page,
    picture_shapes,
    print_cover,
    spine_width,
)
from layout_studio.style.theme import Theme
from layout_studio.style.units import INCH, MM

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAX_PIXELS = 80_000_000  # ~ 9000 × 9000: larger is refused as a possible decompression bomb
# Longest side over shortest. The EPUB widens a narrow cover to 1400 px, so a
# 1×400 strip would become 1400×560,000 px (3 GB); at 5:1 it stays under 30 MB.
MAX_ASPECT = 5
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
        """Effective resolution covering ``width × height`` points (cropped, not stretched)."""
        return min(self.width_px / (width_pt / INCH), self.height_px / (height_pt / INCH))

    def cropped(self, width_pt: float, height_pt: float, focus: tuple[float, float]) -> CoverImage:
        """The image cut to the shape of ``width × height``, around the ``focus`` point (0..1)."""
        ratio = width_pt / height_pt
        w, h = self.width_px, self.height_px
        if same_shape(w, h, width_pt, height_pt):
            return self
        if w / h > ratio:  # too wide: keep the full height
            cw, ch = max(1, round(h * ratio)), h
        else:
            cw, ch = w, max(1, round(w / ratio))
        left = round(min(max(focus[0] * w - cw / 2, 0), w - cw))
        top = round(min(max(focus[1] * h - ch / 2, 0), h - ch))
        part = decoded(self.data).crop((left, top, left + cw, top + ch))
        out = io.BytesIO()
        part.save(out, "JPEG", quality=92, dpi=(300, 300))
        return dataclasses.replace(self, data=out.getvalue(), width_px=cw, height_px=ch)


def same_shape(width_px: int, height_px: int, width_pt: float, height_pt: float) -> bool:
    """Whether a picture has the proportions of ``width × height`` (placed as it is)."""
    return abs(width_px / height_px - width_pt / height_pt) < 1e-4


# The cover decoded last in this process, with its JPEG bytes (compared by identity):
# one export crops it for the print cover and fits it for the EPUB from one decoding.
_DECODED: list[tuple[bytes, PILImage.Image]] = []
MAX_DECODED_PIXELS = 16_000_000  # kept only up to 48 MB of RGB (a print cover is ~5 Mpx)


def decoded(data: bytes) -> PILImage.Image:
    """The picture of ``data`` (a ``CoverImage``'s JPEG), shared: never change it."""
    for known, image in _DECODED:
        if known is data:
            return image
    from PIL import Image as PILImage  # only with a cover image (cold start)

    with PILImage.open(io.BytesIO(data)) as image:
        image.load()
    _DECODED.clear()
    if image.width * image.height <= MAX_DECODED_PIXELS:
        _DECODED.append((data, image))
    return image


def forget_decoded() -> None:
    """Let go of the last decoded cover (a batch worker, between entries)."""
    _DECODED.clear()


def load_cover(path: str | Path, theme: Theme) -> CoverImage:
    """Open, check and normalise a cover image."""
    path = Path(path)
    check_regular(path, "image de couverture introuvable")  # a FIFO would block the decoder
    from PIL import Image as PILImage  # only with a cover image (cold start)
    from PIL import ImageOps, UnidentifiedImageError

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
                    _check_proportions(path, im.width, im.height)
                    im.load()
                    # In place: a print-size picture is not copied only to be read.
                    ImageOps.exif_transpose(im, in_place=True)
                    image = _to_rgb(im, theme)
                    out = io.BytesIO()  # while open: ``image`` may be the decoded file itself
                    size = image.size
                    image.save(out, "JPEG", quality=92, optimize=_kept(size, theme), dpi=(300, 300))
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
    g = theme.page
    cover = CoverImage(out.getvalue(), size[0], size[1], path)
    # Printed over the front panel and its bleed (none on the spine side).
    width, height = g.width + g.bleed, g.height + 2 * g.bleed
    dpi = cover.dpi(width, height)
    notes = []
    if dpi < MIN_DPI:
        notes.append(
            f"{path} : résolution effective {dpi:.0f} dpi sur la première de couverture "
            f"({width / MM:.1f}×{height / MM:.1f} mm avec fonds perdus ; "
            f"300 dpi conseillés pour l’impression)"
        )
    return CoverImage(cover.data, cover.width_px, cover.height_px, path, tuple(notes))


def _kept(size: tuple[int, int], theme: Theme) -> bool:
    """Whether the layout may embed these very bytes: the picture has a shape it fills.

    Any other picture is cropped, so its JPEG is only ever decoded: optimising
    its Huffman tables (three times the encoding's time) changes no pixel.
    """
    return any(same_shape(*size, w, h) for w, h in picture_shapes(theme))


def _check_proportions(path: Path, width: int, height: int) -> None:
    """Refuse, before any decoding or resampling, a strip no cover can be made of."""
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise InputError(
            path,
            f"proportions extrêmes ({width}×{height} pixels) ; une couverture a "
            f"les proportions d’une page ({MAX_ASPECT} fois plus haute que large au plus, "
            "ou l’inverse)",
        )


def _to_rgb(image: PILImage.Image, theme: Theme) -> PILImage.Image:
    background = tuple(round(c * 255) for c in theme.cover_background)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        from PIL import Image as PILImage

        flat = PILImage.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode == "RGB":
        return image  # converting would copy it
    return image.convert("RGB")  # CMYK included: Pillow undoes Adobe's inverted JPEGs


__all__ = [
    "CoverImage",
    "default_byline",
    "front_cover_page",
    "load_cover",
    "print_cover",
    "spine_width",
]
