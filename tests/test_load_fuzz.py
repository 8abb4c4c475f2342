"""Loading arbitrary or mutated YAML only ever yields diagnostics, never an exception."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from conftest import FILES, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.project import check
from generator.load.positions import parse_yaml

SOURCE = textwrap.dedent(FILES["frameworks/tiny.yml"])


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_random_text_never_raises(text: str) -> None:
    parsed = parse_yaml(text, "random.yml")
    for diagnostic in parsed.diagnostics:
        assert diagnostic.path == "random.yml" and diagnostic.line >= 1


@st.composite
def mutations(draw: st.DrawFn) -> str:
    """The tiny framework with a few characters deleted, inserted or replaced."""
    text = SOURCE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        new = draw(st.sampled_from(["", ":", "-", " ", "\t", "'", "[", "{", "&a", "*a", "\n", "é"]))
        cut = draw(st.integers(0, 3))
        text = text[:at] + new + text[at + cut :]
    return text


@given(mutations())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_framework_yields_only_diagnostics(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {"frameworks/tiny.yml": text})
        _, diagnostics = check(root)
    for diagnostic in diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.message
