"""The offline pack's ZIP writer: zipfile's bytes exactly, each member compressed once."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime

import pytest

from generator.site import zipped
from generator.site.offline import STORED, offline_zip

MEMBERS = {
    "index.html": b"<!DOCTYPE html><p>Partnership</p>" * 200,
    "assets/javascripts/bundle.min.js": os.urandom(3000) + b"var a = 1;" * 5000,
    "assets/images/logo.png": os.urandom(5000),
    "downloads/empty.json": b"",
    "downloads/caf\u00e9/notes.pdf": b"%PDF-1.7 " + os.urandom(2000),
    "search/search_index.json": b'{"docs": []}\n',
}


def by_zipfile(members: dict[str, bytes], epoch: int) -> bytes:
    """The pack as zipfile writes it (the writer's former code, kept as the reference)."""
    when = datetime.fromtimestamp(max(epoch, zipped_epoch()), tz=UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=when)
            stored = os.path.splitext(name)[1].lower() in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, members[name], compresslevel=None if stored else 6)
    return buffer.getvalue()


def zipped_epoch() -> int:
    from generator.site.offline import ZIP_EPOCH

    return ZIP_EPOCH


@pytest.mark.parametrize("epoch", [0, 1_782_864_001])
def test_the_pack_is_byte_for_byte_what_zipfile_writes(epoch: int) -> None:
    ours = offline_zip(MEMBERS, epoch)
    assert ours == by_zipfile(MEMBERS, epoch)
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == MEMBERS


def test_a_member_met_again_is_not_compressed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    deflated = zipped.Deflated()
    first = offline_zip(MEMBERS, 0, deflated)
    squeezed: list[int] = []
    real = zipped.zlib.compressobj

    def counted(*args: int) -> object:
        squeezed.append(1)
        return real(*args)

    edition = {**MEMBERS, "index.html": b"<!DOCTYPE html><p>North</p>" * 200}
    expected = by_zipfile(edition, 0)
    monkeypatch.setattr(zipped.zlib, "compressobj", counted)
    assert offline_zip(edition, 0, deflated) == expected
    assert len(squeezed) == 1  # only the page that differs
    assert offline_zip(MEMBERS, 0, deflated) == first
    assert len(squeezed) == 1
