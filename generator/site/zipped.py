"""A deterministic ZIP written from members compressed once, byte for byte as zipfile writes it.

The offline pack of every edition holds the theme's scripts, styles and source maps (some
3 MB) and every download the edition shares with the core. Compressing the same bytes again
for each edition cost more than anything else in making its pack. Here each member's
compressed form is looked up by its bytes in `Deflated`, which the builds of one run share,
and the archive is laid out exactly as Python's zipfile lays out `ZipFile.writestr` of a
ZipInfo with the same name, date, compression, level, system and attributes (the test
compares the two): the bytes of a pack do not depend on what was compressed before it.

Only what the packs need is written: no ZIP64 (a pack over 4 GB is refused), no comments,
no extra fields; a name that is not ASCII is stored as UTF-8 with its flag, as zipfile does.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

#: The version zipfile writes as "made by" and "needed to extract" (2.0).
VERSION = 20
#: zipfile's compression methods, and the level the packs deflate at.
STORED, DEFLATED = 0, 8
LEVEL = 6
UNIX = 3
UTF8_NAME = 0x800
LIMIT = (1 << 32) - 1


@dataclass
class Deflated:
    """Members compressed so far: (CRC-32, deflated bytes) by the SHA-256 of their bytes."""

    members: dict[bytes, tuple[int, bytes]] = field(default_factory=dict)
    #: False for one pack alone: nothing is kept beside the ZIP being written.
    remember: bool = True

    def of(self, data: bytes) -> tuple[int, bytes]:
        """The CRC-32 and raw deflate stream of `data`, compressed once however often met."""
        key = hashlib.sha256(data).digest() if self.remember else b""
        found = self.members.get(key) if self.remember else None
        if found is None:
            squeeze = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
            found = (zlib.crc32(data), squeeze.compress(data) + squeeze.flush())
            if self.remember:
                self.members[key] = found
        return found


def write_zip(
    members: Iterable[tuple[str, bytes, bool]],
    date_time: tuple[int, ...],
    attributes: int,
    deflated: Deflated,
) -> bytes:
    """The ZIP of (name, bytes, stored) members in the order given, every entry dated
    `date_time`, made on Unix with external `attributes`; deflated unless `stored`."""
    year, month, day, hour, minute, second = date_time[:6]
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    out, directory = bytearray(), bytearray()
    count = 0
    for name, data, stored in members:
        crc, body = (zlib.crc32(data), data) if stored else deflated.of(data)
        method = STORED if stored else DEFLATED
        encoded, flags = _name(name)
        if max(len(out), len(body), len(data)) >= LIMIT:
            raise ValueError("an offline pack over 4 GB: too large for a plain ZIP")
        common = (flags, method, dos_time, dos_date, crc, len(body), len(data), len(encoded))
        directory += struct.pack(
            "<4s4B4HL2L5H2L",
            b"PK\x01\x02",
            VERSION,
            UNIX,
            VERSION,
            0,
            *common,
            0,
            0,
            0,
            0,
            attributes,
            len(out),
        )
        directory += encoded
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", VERSION, 0, *common, 0)
        out += encoded + body
        count += 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(out), 0)
    out += directory
    out += end
    return bytes(out)


def _name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), UTF8_NAME
