"""The code keeps to the house style: ruff lint and format, and mypy on generator/."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--no-cache", "generator", "tests", "bench"],
        ["ruff", "format", "--no-cache", "--check", "generator", "tests", "bench"],
        ["mypy", "--cache-dir", "{cache}"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(command: list[str], pytestconfig: pytest.Config) -> None:
    # mypy's cache lives in pytest's own cache folder, never beside the code; ruff keeps none.
    assert pytestconfig.cache is not None
    cache = pytestconfig.cache.mkdir("mypy")
    command = [part.format(cache=cache) for part in command]
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
