"""Scans and photographs (PNG, JPEG, TIFF — each frame of a TIFF a page) read by OCR."""
from __future__ import annotations

import io

from events.formats import ocr
from events.formats.layout import PrintPage, flow
from events.formats.reading import FormatError, Reading


def read_image(data: bytes) -> Reading:
    frames = _frames(data)
    read, script = ocr.recognize(frames)
    pages = [PrintPage(n, page.width, page.height, page.lines) for n, page in enumerate(read, start=1)]
    text = flow(pages, slack=1.0)
    pages_note = f"{len(pages)} pages" if len(pages) > 1 else "the image"
    return Reading(text.text, "image", "", text.pages,
                   (f"{pages_note} read by OCR ({script}): check names and numbers against the scan",))


def _frames(data: bytes) -> list[bytes]:
    """The image's pages: a multi-page TIFF split into PNGs, any other image as it is."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        raise FormatError("damaged image: it starts like a PNG, JPEG or TIFF but cannot be read") from None
    if count == 1:
        return [data]
    frames = []
    for index in range(count):
        image.seek(index)
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="PNG")
        frames.append(buffer.getvalue())
    return frames
