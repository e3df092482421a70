"""Print colours through the CMYK profile: LittleCMS's values, converted once per process.

The oracle is a transform built here from the same profiles; the count is of
``ImageCms.applyTransform`` calls (each ~5 ms: Pillow serialises the profile).
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageCms

from layout_studio.export import color
from layout_studio.export.color import Inks, output_profile

COLOURS = [(0.2, 0.5, 0.7), (0.9, 0.1, 0.15), (0.35, 0.6, 0.2)]


@pytest.fixture
def profile(monkeypatch):
    found = output_profile()
    if found is None:
        pytest.skip("no CMYK profile installed (libgs-common)")
    monkeypatch.setattr(color, "_CONVERTED", {})
    return found


def _littlecms(profile, rgb):
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(profile.path)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    pixel = Image.new("RGB", (1, 1), tuple(round(c * 255) for c in rgb))
    out = ImageCms.applyTransform(pixel, transform)
    return tuple(v / 255 for v in out.getpixel((0, 0)))


def test_values_are_littlecms_converted_or_remembered(profile):
    expected = [_littlecms(profile, rgb) for rgb in COLOURS]
    first = [Inks("color", profile).cmyk(rgb) for rgb in COLOURS]
    again = [Inks("color", profile).cmyk(rgb) for rgb in COLOURS]  # another PDF, same process
    assert first == expected
    assert again == expected


def test_each_colour_goes_through_littlecms_once_per_process(profile, monkeypatch):
    calls = []
    apply = ImageCms.applyTransform

    def counted(image, transform, *args):
        calls.append(image.size)
        return apply(image, transform, *args)

    monkeypatch.setattr(ImageCms, "applyTransform", counted)
    for _pdf in range(3):
        inks = Inks("color", profile)
        for rgb in COLOURS:
            inks.cmyk(rgb)
    assert len(calls) == len(COLOURS)


def test_the_memory_is_bounded(profile, monkeypatch):
    monkeypatch.setattr(color, "MAX_CONVERTED", 2)
    values = [Inks("color", profile).cmyk(rgb) for rgb in COLOURS]
    assert len(color._CONVERTED) <= 2
    assert values == [_littlecms(profile, rgb) for rgb in COLOURS]
