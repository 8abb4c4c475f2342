"""Training-day packs: one ZIP per day holding that day's module files, in programme order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Handbook, TrainingDay
from .archive import build_zip
from .cache import digest, toolchain

MODULE_KINDS = ("facilitator-guide", "handouts", "slides")


@dataclass(frozen=True)
class PackMember:
    """A built module file and the name it takes inside a pack."""

    module_id: str
    kind: str
    path: str
    data: bytes


@dataclass(frozen=True)
class Pack:
    """One training day's ZIP: where it goes and what it holds."""

    day: TrainingDay
    path: str
    members: tuple[tuple[str, bytes], ...]

    @property
    def title(self) -> str:
        """The label readers see: 'Leadership day 1 pack (ZIP)'."""
        return f"{self.day.label} pack (ZIP)"

    def key(self, epoch: int) -> str:
        """The cache key: member names and contents, the epoch and the toolchain."""
        parts = [x for name, data in self.members for x in (name, digest(data))]
        return digest("training-day-pack", self.path, str(epoch), *parts, toolchain())

    def build(self, epoch: int) -> bytes:
        """The ZIP's bytes, the same on every build."""
        return build_zip(self.members, epoch)


def plan_packs(handbook: Handbook, built: Iterable[PackMember]) -> tuple[Pack, ...]:
    """A pack per training day that has modules, from the module files just built."""
    files = {(m.module_id, m.kind, m.path.rsplit("/", 1)[-1]): m.data for m in built}
    packs = []
    for day in handbook.programme.days:
        members = []
        for number, module in enumerate(handbook.day_modules(day.id), start=1):
            folder = f"{day.id}/{number:02d}-{module.id}"
            members += [
                (f"{folder}/{name}", data)
                for (module_id, kind, name), data in sorted(files.items())
                if module_id == module.id and kind in MODULE_KINDS
            ]
        if members:
            packs.append(Pack(day, f"training-days/{day.id}.zip", tuple(members)))
    return tuple(packs)
