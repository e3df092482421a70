"""Print colour: the theme's RGB turned into what the press is given.

Takes RGB colours (0..1) and RGB JPEG images, with the interior kind
(black-and-white or colour); gives CMYK colours for the drawing operators and
CMYK (colour) or greyscale (black-and-white) JPEG images.

* Neutral greys, and every colour of a black-and-white interior, become
  black ink only (a ``#1a1a1a`` rule → 0/0/0/90 %): near-black printed in
  four inks would blur on any registration error and break the grey
  interior rate of print-on-demand services.
* Near-black *text* (90 % black or more) becomes solid black, 0/0/0/100 %:
  a 90 % tint is screened into dots, which frays the edges of 10 pt type;
  IngramSpark and KDP ask for body text in 100 % K.
* Other colours go through LittleCMS (Pillow's ImageCms), from sRGB to the
  CMYK output profile the PDF/X output intent names.

The CMYK profile is read from the system, never shipped: Ghostscript's
``default_cmyk.icc`` (Artifex's SWOP characterisation, AGPL like
Ghostscript, so not copied into this GPL project's assets).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where it is used: a PDF read back needs none of it
    from PIL import ImageCms

RGB = tuple[float, float, float]
CMYK = tuple[float, float, float, float]

# Where Debian's libgs-common and upstream Ghostscript put their profiles.
PROFILE_PLACES = (
    "/usr/share/color/icc/ghostscript/default_cmyk.icc",
    "/usr/share/ghostscript/*/iccprofiles/default_cmyk.icc",
    "/usr/local/share/ghostscript/*/iccprofiles/default_cmyk.icc",
)
NEUTRAL = 0.02  # channels this close count as grey
SOLID_TEXT = 0.85  # text this dark prints in solid black
# Colours LittleCMS converted in this process (profile, RGB → CMYK): each costs ~5 ms
# (Pillow serialises the profile at every transform), and a batch worker's entries
# share their themes' colours. Emptied when full: a theme has a few dozen.
_CONVERTED: dict[tuple[Path, RGB], CMYK] = {}
MAX_CONVERTED = 4096


@dataclass(frozen=True)
class OutputProfile:
    """The CMYK characterisation the print PDF is made for."""

    data: bytes
    description: str
    path: Path
    # SWOP coated: the registered condition the profile characterises (ICC registry).
    identifier: str = "CGATS TR 001"
    condition: str = "SWOP (Publication) Grade 1 Paper, coated"
    registry: str = "http://www.color.org"


@functools.cache
def output_profile() -> OutputProfile | None:
    """The installed CMYK output profile, or None when Ghostscript's is absent."""
    from PIL import ImageCms

    for pattern in PROFILE_PLACES:
        root = Path("/")
        for path in sorted(root.glob(pattern.lstrip("/")), reverse=True):
            try:
                data = path.read_bytes()
                profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
            except (OSError, ImageCms.PyCMSError):
                continue
            if profile.profile.xcolor_space.strip() == "CMYK":
                description = ImageCms.getProfileDescription(profile).strip()
                return OutputProfile(data, description, path)
    return None


@functools.cache
def _transform(profile_path: Path, mode: str) -> ImageCms.ImageCmsTransform:
    from PIL import ImageCms

    srgb = ImageCms.createProfile("sRGB")
    cmyk = ImageCms.getOpenProfile(str(profile_path))
    return ImageCms.buildTransform(
        srgb, cmyk, mode, "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC
    )


def grey_k(rgb: RGB) -> float:
    """Black ink for a colour's lightness (Rec. 709 luma of the sRGB values)."""
    r, g, b = rgb
    return max(0.0, min(1.0, 1.0 - (0.2126 * r + 0.7152 * g + 0.0722 * b)))


def is_neutral(rgb: RGB) -> bool:
    """Whether the colour is a grey (black and white included)."""
    return max(rgb) - min(rgb) <= NEUTRAL


def _profile_cmyk(profile_path: Path, rgb: RGB) -> CMYK:
    """``rgb`` through LittleCMS to the profile's inks (0..1), once per process."""
    known = _CONVERTED.get((profile_path, rgb))
    if known is not None:
        return known
    from PIL import Image as PILImage
    from PIL import ImageCms

    pixel = PILImage.new("RGB", (1, 1), tuple(round(c * 255) for c in rgb))
    out = ImageCms.applyTransform(pixel, _transform(profile_path, "RGB"))
    assert out is not None
    c, m, y, k = out.getpixel((0, 0))  # type: ignore[misc]
    if len(_CONVERTED) >= MAX_CONVERTED:
        _CONVERTED.clear()
    value = _CONVERTED[profile_path, rgb] = (c / 255, m / 255, y / 255, k / 255)
    return value


@dataclass
class Inks:
    """Colour conversion for one print PDF."""

    interior: str = "bw"  # "bw" or "color"
    profile: OutputProfile | None = None
    _cache: dict[RGB, CMYK] = field(default_factory=dict)

    def cmyk(self, rgb: RGB, text: bool = False) -> CMYK:
        """The ink values for ``rgb`` (``text``: glyphs, which print solid when near-black)."""
        if text and (is_neutral(rgb) or self.interior == "bw") and grey_k(rgb) >= SOLID_TEXT:
            return (0.0, 0.0, 0.0, 1.0)
        known = self._cache.get(rgb)
        if known is not None:
            return known
        if is_neutral(rgb) or self.interior == "bw":
            value: CMYK = (0.0, 0.0, 0.0, round(grey_k(rgb), 4))
        elif self.profile is not None:
            value = _profile_cmyk(self.profile.path, rgb)
        else:  # no profile installed: a plain conversion with full black generation
            k = 1 - max(rgb)
            value = tuple(  # type: ignore[assignment]
                [(1 - c - k) / (1 - k) if k < 1 else 0.0 for c in rgb] + [k]
            )
        self._cache[rgb] = value
        return value

    def image(self, data: bytes) -> bytes:
        """An RGB JPEG as a CMYK JPEG (colour) or a greyscale one (black and white)."""
        from PIL import Image as PILImage
        from PIL import ImageCms

        with PILImage.open(io.BytesIO(data)) as im:
            im.load()
            # An RGB JPEG is converted as decoded: no copy of a print-size picture.
            rgb = im if im.mode == "RGB" else im.convert("RGB")
            if self.interior == "bw":
                out_image = rgb.convert("L")
            elif self.profile is not None:
                converted = ImageCms.applyTransform(rgb, _transform(self.profile.path, "RGB"))
                assert converted is not None
                out_image = converted
            else:
                out_image = rgb.convert("CMYK")
            dpi = rgb.info.get("dpi", (300, 300))
        out = io.BytesIO()
        out_image.save(out, "JPEG", quality=92, dpi=dpi)
        return out.getvalue()
