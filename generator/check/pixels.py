"""What a picture costs once decoded, read from its header before anything decodes it.

A picture's file can be small while its pixels are many: Typst, pandoc and browsers hold
every picture decoded, at width × height × channels × bytes per channel. So each picture,
each text that shows pictures, and the whole handbook (whose PDF holds every chapter) has a
budget of decoded bytes, checked from the few bytes of each file's header.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: Decoded bytes one picture may need: a 4,000 × 4,000 picture in colour with transparency.
MAX_PICTURE_BYTES = 64_000_000
#: Decoded bytes of all the pictures one chapter or handout shows, each counted once.
MAX_TEXT_PICTURE_BYTES = 256_000_000
#: Decoded bytes of all the pictures the handbook shows: its PDF and Word file hold them all.
MAX_HANDBOOK_PICTURE_BYTES = 512_000_000
#: Channels a decoder makes of each PNG colour type (a palette becomes colour and alpha).
PNG_CHANNELS = {0: 1, 2: 3, 3: 4, 4: 2, 6: 4}
#: JPEG frame markers (SOF0 to SOF15, less DHT, JPG and DAC), which give the size.
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: Furthest into a JPEG its frame header is looked for (metadata segments come first).
MAX_JPEG_SEEK = 4 * 1024 * 1024


@dataclass(frozen=True)
class PictureHeader:
    """A picture's size and how its pixels are stored, as its header says."""

    width: int
    height: int
    channels: int
    #: Bits per channel.
    depth: int

    @property
    def decoded(self) -> int:
        """Bytes the decoded picture takes: decoders use at least a byte per channel."""
        return self.width * self.height * self.channels * max(self.depth, 8) // 8

    def describe(self) -> str:
        """`4,000 × 3,000 pixels, 3 channels of 8 bits`, for messages."""
        return (
            f"{self.width:,} × {self.height:,} pixels, {self.channels} channel"
            f"{'s' * (self.channels != 1)} of {self.depth} bits"
        )


def read_header(path: Path, kind: str) -> PictureHeader | None:
    """The header of a PNG or JPEG file, or None when it cannot be read."""
    with path.open("rb") as stream:
        return png_header(stream.read(26)) if kind == "PNG" else jpeg_header(stream)


def png_header(head: bytes) -> PictureHeader | None:
    """Size, channels and depth from a PNG's IHDR chunk, the first after its signature."""
    if len(head) < 26 or head[12:16] != b"IHDR":
        return None
    width, height, depth, colour = struct.unpack(">IIBB", head[16:26])
    channels = PNG_CHANNELS.get(colour)
    return None if channels is None else PictureHeader(width, height, channels, depth)


def jpeg_header(stream: BinaryIO) -> PictureHeader | None:
    """Size, channels and precision from a JPEG's frame header, walking its segments."""
    if stream.read(2) != b"\xff\xd8":
        return None
    while stream.tell() < MAX_JPEG_SEEK:
        head = stream.read(4)
        if len(head) < 4 or head[0] != 0xFF:
            return None
        marker, length = head[1], struct.unpack(">H", head[2:4])[0]
        if marker in _FRAMES:
            frame = stream.read(6)
            if len(frame) < 6:
                return None
            depth, height, width, channels = struct.unpack(">BHHB", frame)
            return PictureHeader(width, height, channels, depth)
        stream.seek(length - 2, 1)
    return None


def megabytes(count: int) -> str:
    """Bytes as megabytes for a message: `64 MB`."""
    return f"{count / 1_000_000:,.0f} MB"
