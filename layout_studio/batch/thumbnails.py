"""The contact sheet's pictures of one entry, drawn from the engine's page model.

Takes an entry's prepared book (``export.job.Prepared``) and its cover image
(already loaded for the outputs, or None); gives PNG bytes for the front
cover, the opening spread and a middle spread, 260 px a page. Drawn in
draft mode (``export.raster``): glyph masks made once per worker, the cover
image decoded and cropped at thumbnail size rather than at print size.
"""

from __future__ import annotations

import dataclasses
import io
from typing import TYPE_CHECKING

from PIL import Image

from layout_studio.export.raster import rasterize
from layout_studio.layout.cover import front_cover_page

if TYPE_CHECKING:
    from layout_studio.export.cover import CoverImage
    from layout_studio.export.job import Prepared

WIDTH = 260  # pixels a page
GAP = 2  # pixels between the pages of a spread


def thumbnails(prepared: Prepared, image: CoverImage | None) -> dict[str, bytes]:
    """PNG thumbnails: ``cover``, ``opening`` and ``middle`` (spreads)."""
    book = prepared.book

    def spread(left: int, right: int) -> Image.Image:
        pages = [book.pages[i] if 0 <= i < len(book.pages) else None for i in (left, right)]
        tiles = [rasterize(p, WIDTH, draft=True) if p else None for p in pages]
        height = max(t.height for t in tiles if t is not None)
        sheet = Image.new("RGB", (WIDTH * 2 + GAP, height), (200, 200, 200))
        for k, tile in enumerate(tiles):
            if tile is not None:
                sheet.paste(tile, (k * (WIDTH + GAP), 0))
        return sheet

    small = None if image is None else reduced(image, WIDTH * 2)
    front = front_cover_page(prepared.document, prepared.theme, small, prepared.byline)
    cover = rasterize(front, WIDTH, draft=True)
    first_body = next((p.index for p in book.pages if p.kind == "body"), 0)
    # Rectos have even indexes (page 1 is a recto): a spread is (verso, recto).
    opening = first_body + first_body % 2
    middle = len(book.pages) // 2
    middle += middle % 2
    return {
        "cover": _png(cover),
        "opening": _png(spread(opening - 1, opening)),
        "middle": _png(spread(middle - 1, middle)),
    }


def reduced(image: CoverImage, width_px: int) -> CoverImage:
    """The cover image at most ``width_px`` wide (same proportions), for a thumbnail."""
    if image.width_px <= width_px:
        return image
    height_px = max(1, round(image.height_px * width_px / image.width_px))
    with Image.open(io.BytesIO(image.data)) as source:
        source.draft("RGB", (width_px, height_px))  # JPEG: decode at 1/2, 1/4 or 1/8
        picture = source.convert("RGB")
    picture = picture.resize((width_px, height_px), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92)
    return dataclasses.replace(image, data=out.getvalue(), width_px=width_px, height_px=height_px)


def _png(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Fast, not small: the contact sheet decodes the pixels (same PDF either way).
    picture.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
