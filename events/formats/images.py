"""Scans and photographs (PNG, JPEG, TIFF — each frame of a TIFF a page) read by OCR."""
from __future__ import annotations

import io

from events.formats import ocr
from events.formats.layout import PrintPage, flow
from events.formats.reading import FormatError, Reading

_A4_INCHES = 8.27


def read_image(data: bytes) -> Reading:
    frames = _frames(data)
    read, script = ocr.recognize(frames)
    pages = [PrintPage(n, page.width, page.height, page.lines) for n, page in enumerate(read, start=1)]
    text = flow(pages, slack=1.0)
    pages_note = f"{len(pages)} pages" if len(pages) > 1 else "the image"
    return Reading(text.text, "image", "", text.pages,
                   (f"{pages_note} read by OCR ({script}): check names and numbers against the scan",))


def _frames(data: bytes) -> list[tuple[bytes, int]]:
    """The image's pages with their resolution: a multi-page TIFF split into PNGs, any other image
    as it is. An image that does not say its resolution is taken to be as wide as an A4 page."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
        image.load()
    except Image.DecompressionBombError:
        raise FormatError("image too large: more pixels than a scanned page could have") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise FormatError("damaged image: it starts like a PNG, JPEG or TIFF but cannot be read") from None
    if count == 1:
        return [(data, _dpi(image))]
    frames = []
    for index in range(count):
        image.seek(index)
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="PNG")
        frames.append((buffer.getvalue(), _dpi(image)))
    return frames


def _dpi(image) -> int:
    declared = image.info.get("dpi")
    if declared and float(declared[0]) >= 70:
        return round(float(declared[0]))
    return max(150, min(600, round(image.width / _A4_INCHES)))
