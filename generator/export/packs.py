"""Training-day packs: one ZIP per day holding that day's module files, in programme order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Handbook, Module, TrainingDay
from .archive import build_zip
from .cache import digest, toolchain

MODULE_KINDS = ("facilitator-guide", "handouts", "slides")
#: Files made from a source other than the module, packed beside each module that uses them.
SHARED_KINDS = ("resource",)
#: Files made for the day as a whole, which open its pack.
DAY_KINDS = ("running-order",)


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
        """What the file is: 'Training day pack: Leadership day 1, <the day's title>'."""
        return f"Training day pack: {self.day.label}, {self.day.title}"

    def key(self, epoch: int, tools: str | None = None) -> str:
        """The cache key: member names and contents, the epoch and the toolchain."""
        parts = [x for name, data in self.members for x in (name, digest(data))]
        tools = toolchain() if tools is None else tools
        return digest("training-day-pack", self.path, str(epoch), *parts, tools)

    def build(self, epoch: int) -> bytes:
        """The ZIP's bytes, the same on every build."""
        return build_zip(self.members, epoch)


def _belongs(module: Module, source: str, kind: str) -> bool:
    """Whether a built file goes into a module's folder of the day pack."""
    if kind in MODULE_KINDS:
        return source == module.id
    return kind in SHARED_KINDS and source in module.resource_ids


def plan_packs(handbook: Handbook, built: Iterable[PackMember]) -> tuple[Pack, ...]:
    """A pack per training day that has modules, from the module files just built."""
    files = {(m.module_id, m.kind, m.path.rsplit("/", 1)[-1]): m.data for m in built}
    packs = []
    for day in handbook.programme.days:
        members = [
            (f"{day.id}/00-{name.removeprefix(day.id + '-')}", data)
            for (source, kind, name), data in sorted(files.items())
            if source == day.id and kind in DAY_KINDS
        ]
        for number, module in enumerate(handbook.day_modules(day.id), start=1):
            folder = f"{day.id}/{number:02d}-{module.id}"
            members += [
                (f"{folder}/{name}", data)
                for (source, kind, name), data in sorted(files.items())
                if _belongs(module, source, kind)
            ]
        if members:
            packs.append(Pack(day, f"training-days/{day.id}.zip", tuple(members)))
    return tuple(packs)
