"""JPEG images on a reportlab canvas, placed as ``Canvas.drawImage`` does, without its copies.

Takes a canvas, JPEG bytes and the box the image fills; draws it with the
operators, image XObject and XObject name ``drawImage`` gives an
``ImageReader`` of the same bytes, so the PDF's bytes are the same.

reportlab names an image by the MD5 of its decoded pixels (the name is in the
PDF, so it stays). To get them, ``drawImage`` asks Pillow for all the pixels
as one string (``tobytes``: a print cover in CMYK is ~18 MB, joined from its
chunks), then copies that string once more to append the mask's name before
hashing: two needless copies of every pixel. Here the decoded pixels are
hashed band by band. Either way reportlab embeds the JPEG stream itself
(``PDFImageXObject`` reads the bytes), never the pixels.

Images other than greyscale, RGB or CMYK JPEGs (reportlab converts their
pixels before hashing) go through ``drawImage`` as they are.
"""

from __future__ import annotations

import hashlib
import io
from typing import IO

from reportlab.lib.boxstuff import aspectRatioFix
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

# The modes whose pixels reportlab hashes as Pillow decodes them (``ImageReader.getRGBData``).
_AS_DECODED = ("L", "RGB", "CMYK")
_BAND_BYTES = 1 << 20  # pixels hashed a band of about this size at a time
# What ``drawImage`` appends to the pixels before hashing: the mask, ``str(None)``.
_NO_MASK = b"None"


class _JpegSource:
    """What ``PDFImageXObject`` asks an ``ImageReader`` of a JPEG for: its bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def jpeg_fh(self) -> IO[bytes]:
        return io.BytesIO(self.data)


def xobject_name(data: bytes) -> str | None:
    """The name ``drawImage`` gives the JPEG ``data``; ``None`` when it is left to reportlab."""
    from PIL import Image as PILImage  # only with an image

    with PILImage.open(io.BytesIO(data)) as image:
        if image.format != "JPEG" or image.mode not in _AS_DECODED:
            return None
        image.load()
        digest = hashlib.md5(usedforsecurity=False)
        width, height = image.size
        rows = max(1, _BAND_BYTES // max(1, width * len(image.mode)))
        for top in range(0, height, rows):
            # A band's raw bytes are ``tobytes``'s for these rows, in the same order.
            digest.update(image.crop((0, top, width, min(height, top + rows))).tobytes())
    digest.update(_NO_MASK)
    return digest.hexdigest()


def draw_jpeg(canvas: Canvas, data: bytes, x: float, y: float, width: float, height: float) -> None:
    """Draw ``data`` filling ``width × height`` at ``x, y``, as ``canvas.drawImage`` would."""
    name = xobject_name(data)
    if name is None:
        canvas.drawImage(ImageReader(io.BytesIO(data)), x, y, width, height)
        return
    # From here on, what ``Canvas.drawImage`` does once it has the name (reportlab 4–5).
    canvas._currentPageHasImages = 1
    document = canvas._doc
    registered = document.getXObjectName(name)
    xobject = document.idToObject.get(registered, None)
    if not xobject:
        xobject = PDFImageXObject(name, _JpegSource(data), mask=None)
        xobject.name = name
        canvas._setXObjects(xobject)
        document.Reference(xobject, registered)
        document.addForm(name, xobject)
    x, y, width, height, _scaled = aspectRatioFix(
        False, "c", x, y, width, height, xobject.width, xobject.height, False
    )
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)
