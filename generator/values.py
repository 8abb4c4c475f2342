"""Digests of model values, read field by field, and the names of declared functions.

A cache key that holds a model object (a page's context, a download's slice) must change
whenever anything a template or builder could read in it does, and must be the same in the
next build. Pickling gave no such promise (and pickle is not used anywhere: see store.py);
this reads dataclasses, mappings, sequences, sets, dates, enums, paths and named functions,
and refuses anything else, a lambda above all, so that a declaration that cannot be part of
a key is refused where it is made, not found later as a memo that never hits.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import PurePath
from types import BuiltinFunctionType, FunctionType, MappingProxyType
from typing import Any


def value_digest(value: object, leave_out: LeaveOut | None = None) -> str:
    """A digest that changes whenever anything readable in `value` does.

    Dataclasses, mappings, sequences, sets, dates, enums, paths and named functions are read
    field by field; `leave_out(obj)` names dataclass fields to skip, as does a field's
    metadata `{"digest": False}` (a count no template reads). Anything else (a lambda,
    an object of an unknown class) raises TypeError: a value that cannot be digested must be
    refused where it is declared, not silently make every page new."""
    return ValueDigests(leave_out).of(value)


LeaveOut = Callable[[object], Iterable[str]]


def _nothing(_: object) -> tuple[str, ...]:
    return ()


class ValueDigests:
    """`value_digest` for many values that share parts (the pages of one model): the digest
    of each frozen dataclass met is remembered for as long as this object lives."""

    def __init__(self, leave_out: LeaveOut | None = None) -> None:
        self.leave_out = leave_out or _nothing
        self.known: dict[int, tuple[object, bytes]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}
        self.path: set[int] = set()

    def of(self, value: object) -> str:
        """The digest of `value`."""
        hasher = hashlib.sha256()
        self._feed(hasher, value)
        return hasher.hexdigest()

    def _feed(self, hasher: Any, value: object) -> None:
        if value is None or isinstance(value, bool | int | float | str | bytes):
            text = repr(value)
            hasher.update(f"{type(value).__name__}:{len(text)}:{text};".encode())
            return
        frozen = _is_frozen_dataclass(value)
        if frozen and id(value) in self.known:
            hasher.update(self.known[id(value)][1])
            return
        if id(value) in self.path:
            raise TypeError(f"a value that contains itself cannot be digested: {type(value)!r}")
        self.path.add(id(value))
        try:
            inner = hashlib.sha256() if frozen else hasher
            inner.update(f"<{type(value).__module__}.{type(value).__qualname__}".encode())
            for part in self._parts(value):
                self._feed(inner, part)
            inner.update(b">")
        finally:
            self.path.discard(id(value))
        if frozen:
            self.known[id(value)] = (value, inner.digest())
            hasher.update(self.known[id(value)][1])

    def _parts(self, value: object) -> Iterable[object]:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = self._field_names(value)
            return [x for name in names for x in (name, getattr(value, name))]
        if isinstance(value, set | frozenset):
            return sorted(self.of(item) for item in value)
        return _parts(value)

    def _field_names(self, value: object) -> tuple[str, ...]:
        skip = set(self.leave_out(value))
        if skip:
            return tuple(n for n in self._all_fields(type(value)) if n not in skip)
        return self._all_fields(type(value))

    def _all_fields(self, kind: type) -> tuple[str, ...]:
        if kind not in self.fields:
            self.fields[kind] = tuple(
                f.name for f in dataclasses.fields(kind) if f.metadata.get("digest", True)
            )
        return self.fields[kind]


def _is_frozen_dataclass(value: object) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


def _parts(value: object) -> Iterable[object]:
    if isinstance(value, enum.Enum):
        return (value.value,)
    if isinstance(value, dict | MappingProxyType):
        return [x for item in value.items() for x in item]
    if isinstance(value, list | tuple):
        return value
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta | PurePath | Decimal):
        return (str(value),)
    if isinstance(value, FunctionType | BuiltinFunctionType | type):
        return (function_name(value),)
    if hasattr(value, "func") and hasattr(value, "args") and hasattr(value, "keywords"):
        return (value.func, value.args, value.keywords)  # functools.partial
    raise TypeError(f"cannot digest a value of type {type(value).__qualname__}")


def function_name(function: object) -> str:
    """`module.qualname` of a function or class declared at a module's top level.

    A lambda or a function made inside another has no name another build can find, so it
    is refused: it would make every key that holds it new each time."""
    module = getattr(function, "__module__", None)
    name = getattr(function, "__qualname__", "")
    if not module or "<" in name or not name:
        raise TypeError(f"{name or function!r} is not a function declared at a module's top level")
    return f"{module}.{name}"
