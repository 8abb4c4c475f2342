"""Reproducible ZIP files: Word and Excel packages and the training-day packs.

Two builds of the same sources must give the same bytes, so every entry gets the same date
(SOURCE_DATE_EPOCH), permissions and compression, in a stable order, and the dates an Office
package records about itself (docProps/core.xml) are set to the epoch too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime

CONTENT_TYPES = "[Content_Types].xml"
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
_LAST_PRINTED = re.compile(rb"<cp:lastPrinted>[^<]*</cp:lastPrinted>")
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a ZIP entry can carry


def iso_date(epoch: int) -> str:
    """The epoch as the W3C date-time Office packages store, in UTC."""
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_zip(members: Iterable[tuple[str, bytes]], epoch: int) -> bytes:
    """A ZIP of (name, bytes) members, in the order given, all dated `epoch`."""
    when = datetime.fromtimestamp(max(epoch, ZIP_EPOCH), tz=UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def repack(package: bytes, epoch: int) -> bytes:
    """An Office package (DOCX, XLSX, PPTX) rewritten with fixed dates and a stable order."""
    members = read_package(package)
    if "docProps/core.xml" in members:
        members["docProps/core.xml"] = _fixed_core_dates(members["docProps/core.xml"], epoch)
    order = sorted(members, key=lambda name: (name != CONTENT_TYPES, name))
    return build_zip(((name, members[name]) for name in order), epoch)


def read_package(package: bytes) -> dict[str, bytes]:
    """Every member of a ZIP package by name, in the package's order."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _fixed_core_dates(core: bytes, epoch: int) -> bytes:
    stamp = iso_date(epoch).encode("ascii")
    core = _CORE_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), core)
    return _LAST_PRINTED.sub(b"", core)
