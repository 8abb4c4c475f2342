"""Pictures are published without what a camera or an editor wrote about them.

A JPEG can carry where it was taken (EXIF GPS), who or what it shows (an EXIF or IPTC
description, XMP), comments; a PNG can carry text chunks. None of it is seen on the page,
and all of it would reach the site, the Word files and the PDFs. So every picture is
published as a copy holding only what draws it:

- JPEG: the frame, its tables and the scan, plus the JFIF header, an ICC colour profile and
  Adobe's colour-transform marker; every other APPn segment (EXIF, XMP, IPTC ...) and every
  comment is dropped, without decoding, so nothing is lost.
- PNG: the critical chunks and the ancillary chunks that only say how to show colours
  (transparency, gamma, colour profile, pixel size); text, time, EXIF and unknown chunks are
  dropped.

A picture whose EXIF says it is rotated or mirrored is first turned upright with Pillow and
re-encoded (losslessly for PNG), so it still shows the right way up once the EXIF is gone.
"""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageOps, UnidentifiedImageError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: PNG chunks kept: the critical ones and those that only say how colours show.
PNG_KEPT = frozenset(
    (b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT")
    + (b"pHYs", b"bKGD")
)
#: JPEG markers after which the entropy-coded scan follows, or that have no length.
_SOS, _EOI = 0xDA, 0xD9
_STANDALONE = frozenset((0x01, *range(0xD0, 0xD8)))
#: EXIF's orientation tag; 1 is upright.
ORIENTATION = 0x0112


def without_metadata(data: bytes) -> bytes:
    """The picture in `data` with its metadata removed, upright; other bytes as they are."""
    if _orientation(data) not in (None, 1):
        data = _upright(data)
    if data.startswith(PNG_SIGNATURE):
        return _png_without_metadata(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_without_metadata(data)
    return data


def _orientation(data: bytes) -> int | None:
    """The EXIF orientation of a picture (1 to 8), or None; only the header is read."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            value = image.getexif().get(ORIENTATION)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return value if isinstance(value, int) else None


def _upright(data: bytes) -> bytes:
    """The picture turned as its EXIF orientation says, re-encoded without the tag."""
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        profile = image.info.get("icc_profile")
        turned = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    options = {"icc_profile": profile} if profile else {}
    if kind == "JPEG":
        turned.save(out, "JPEG", quality=95, **options)
    else:
        turned.save(out, "PNG", **options)
    return out.getvalue()


def _png_without_metadata(data: bytes) -> bytes:
    pieces, pos = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, end = data[pos + 4 : pos + 8], pos + 12 + length
        if kind in PNG_KEPT:
            pieces.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(pieces)


def _jpeg_without_metadata(data: bytes) -> bytes:
    """The JPEG's segments that draw it, up to its end marker; nothing after that is kept."""
    pieces, pos = [data[:2]], 2
    while pos + 2 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF:  # a fill byte before a marker
            pos += 1
            continue
        if marker == _EOI:
            pieces.append(data[pos : pos + 2])
            break
        if marker in _STANDALONE or pos + 4 > len(data):
            pieces.append(data[pos : pos + 2])
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = _scan_end(data, pos + 2 + length) if marker == _SOS else pos + 2 + length
        if marker == _SOS or _kept_segment(marker, data[pos + 4 : pos + 2 + length]):
            pieces.append(data[pos:end])
        pos = end
    return b"".join(pieces)


def _scan_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data that starts at `pos` ends: at the next marker that is
    neither a stuffed 0xFF00 nor a restart marker."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos


def _kept_segment(marker: int, body: bytes) -> bool:
    """True for a JPEG segment that draws the picture or says how its colours show."""
    if marker == 0xFE:  # a comment
        return False
    if 0xE0 <= marker <= 0xEF:
        return (
            (marker == 0xE0 and body.startswith(b"JFIF\x00"))
            or (marker == 0xE2 and body.startswith(b"ICC_PROFILE\x00"))
            or (marker == 0xEE and body.startswith(b"Adobe"))
        )
    return True
