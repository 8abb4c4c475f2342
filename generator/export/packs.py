"""Training-day packs: one ZIP per day holding that day's module files, in programme order.

Which files a pack holds comes from the registry of outputs: each output marked
`in_day_pack` goes in by its scope (a day's own files open the pack, a module's go into the
module's folder, a resource's beside each module that uses it), and the pack's own path and
title are the day-pack output's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.export.archive import build_zip
from generator.export.cache import digest, toolchain
from generator.export.outputs import OUTPUTS
from generator.export.registry import Output, Outputs, day_subject
from generator.model.objects import Handbook, Module, TrainingDay


@dataclass(frozen=True)
class PackMember:
    """A built module file and the name it takes inside a pack."""

    module_id: str
    kind: str
    path: str
    data: bytes


@dataclass(frozen=True)
class Pack:
    """One training day's ZIP: where it goes, what it holds and what it is called."""

    day: TrainingDay
    path: str
    members: tuple[tuple[str, bytes], ...]
    #: What the file is: 'Training day pack: Leadership day 1, <the day's title>'.
    title: str
    kind: str = "training-day-pack"

    def key(self, epoch: int, tools: str | None = None) -> str:
        """The cache key: member names and contents, the epoch and the toolchain."""
        parts = [x for name, data in self.members for x in (name, digest(data))]
        tools = toolchain() if tools is None else tools
        return digest(self.kind, self.path, str(epoch), *parts, tools)

    def build(self, epoch: int) -> bytes:
        """The ZIP's bytes, the same on every build."""
        return build_zip(self.members, epoch)


@dataclass(frozen=True)
class Packing:
    """Which kinds of file a pack holds, and where."""

    module: tuple[str, ...]
    shared: tuple[str, ...]
    day: tuple[str, ...]

    @classmethod
    def of(cls, outputs: Outputs) -> Packing:
        """The packed kinds the registry declares."""
        return cls(outputs.packed("module"), outputs.packed("shared"), outputs.packed("day"))

    def belongs(self, module: Module, resources: Iterable[str], source: str, kind: str) -> bool:
        """Whether a built file goes into a module's folder of the day pack, which holds the
        module's own files and the files of each of `resources`."""
        if kind in self.module:
            return source == module.id
        return kind in self.shared and source in resources


def pack_resources(handbook: Handbook, module: Module) -> tuple[str, ...]:
    """The resources a module's folder of a day pack holds: those it lists, and those they
    use in turn, even ones first given out on an earlier day."""
    found: dict[str, None] = {}
    waiting = list(module.resource_ids)
    while waiting:
        current = waiting.pop(0)
        if current not in found:
            found[current] = None
            waiting.extend(handbook.resource(current).uses)
    return tuple(found)


def plan_packs(
    handbook: Handbook, built: Iterable[PackMember], outputs: Outputs = OUTPUTS
) -> tuple[Pack, ...]:
    """A pack per training day that has modules, from the module files just built."""
    output = outputs.day_pack
    if output is None:
        return ()
    packing = Packing.of(outputs)
    files = {(m.module_id, m.kind, m.path.rsplit("/", 1)[-1]): m.data for m in built}
    packs = []
    for day in handbook.programme.days:
        members = [
            (f"{day.id}/00-{name.removeprefix(day.id + '-')}", data)
            for (source, kind, name), data in sorted(files.items())
            if source == day.id and kind in packing.day
        ]
        for number, module in enumerate(handbook.day_modules(day.id), start=1):
            folder = f"{day.id}/{number:02d}-{module.id}"
            resources = pack_resources(handbook, module)
            members += [
                (f"{folder}/{name}", data)
                for (source, kind, name), data in sorted(files.items())
                if packing.belongs(module, resources, source, kind)
            ]
        if members:
            packs.append(_pack(handbook, output, day, tuple(members)))
    return tuple(packs)


def _pack(
    handbook: Handbook, output: Output, day: TrainingDay, members: tuple[tuple[str, bytes], ...]
) -> Pack:
    subject = day_subject(day)
    title = output.title_of(subject, handbook.programme.wording)
    return Pack(day, output.path_of(subject, "zip"), members, title, output.kind)
