"""The words a reader sees that are not content, from theme/wording.yml and the programme.

The theme holds every heading, label and download title the site and the downloads share; a
programme may reword any of them under `wording:` in content/programme.yml. The result is
part of the model, so a change of wording rebuilds exactly what shows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.theme import current as current_theme

#: libyaml's safe loader where PyYAML has it (the same values, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Wording:
    """Key -> words, immutable and hashable, so it can sit in a cache key."""

    entries: tuple[tuple[str, str], ...]

    def __getitem__(self, key: str) -> str:
        for name, words in self.entries:
            if name == key:
                return words
        raise KeyError(f"no wording '{key}' in theme/wording.yml")

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError as missing:
            raise AttributeError(key) from missing

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.entries)


def theme_wording(path: Path | None = None) -> dict[str, str]:
    """The theme's own table (the current theme's unless another file is named)."""
    theme = current_theme()
    path = path or theme.wording
    text = path.read_text(encoding="utf-8")
    seen = theme.parsed.get(path)
    if seen is not None and seen[0] == text and isinstance(seen[1], dict):
        return dict(seen[1])
    data = yaml.load(text, Loader=_LOADER)
    table = {str(key): str(value) for key, value in data.items()}
    theme.parsed[path] = (text, table)
    return dict(table)


def wording(overrides: Mapping[str, str], path: Path | None = None) -> Wording:
    """The theme's table with the programme's own words put over it."""
    merged = {**theme_wording(path), **overrides}
    return Wording(tuple(sorted(merged.items())))
