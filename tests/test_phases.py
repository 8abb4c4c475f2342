"""The order of a build is stated once, in cli/build.py's PHASES; everything that states it
again (the architecture page, the "Stage N" docstrings, the import rule) is checked here."""

from __future__ import annotations

import ast
import re
from itertools import combinations

from conftest import REPO
from test_architecture import ORDER

from generator.cli.build import PHASES

PACKAGE = REPO / "generator"
#: Stage packages whose imports run against the phase order, each for its reason.
IMPORTED_BACKWARDS = {
    ("check", "model"): "the checks reuse the model's pure rules (clock, school year)",
    ("export", "render"): "print Markdown is written with the site's templates and filters",
}


def test_phases_name_stage_packages_once_each_in_order() -> None:
    names = [phase.name for phase in PHASES]
    assert names == ["load", "check", "model", "export", "render", "site", "gate", "publish"]
    for phase in PHASES:
        assert (PACKAGE / phase.package / "__init__.py").is_file(), phase


def test_the_architecture_page_draws_the_phases_in_order() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    picture = page.split("```")[1]
    drawn = re.findall(r"^\s+\|\s+([a-z]+)\s{2,}", picture, flags=re.M)
    assert drawn == [phase.name for phase in PHASES]


def test_stage_docstrings_number_the_phases_as_they_run() -> None:
    numbers = {phase.name: n for n, phase in enumerate(PHASES, start=1)}
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        found = re.match(r"Stage (\d+), (\w+):", doc)
        if found:
            name = found.group(2)
            assert name in numbers, f"{path}: no phase is called {name!r}"
            assert int(found.group(1)) == numbers[name], f"{path}: {name} is phase {numbers[name]}"


def test_the_cli_package_says_the_phases_in_order() -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / "cli" / "__init__.py").read_text())) or ""
    assert ", ".join(phase.name for phase in PHASES) in " ".join(doc.split())


def test_imports_follow_the_phases_but_for_the_reasons_given() -> None:
    """A stage may import only stages before it (tests/test_architecture.py's ORDER); that
    order is the phases' order except where IMPORTED_BACKWARDS says why."""
    packages = list(dict.fromkeys(phase.package for phase in PHASES))
    inverted = {
        (earlier, later)
        for earlier, later in combinations(packages, 2)
        if ORDER.index(later) < ORDER.index(earlier)
    }
    assert inverted == set(IMPORTED_BACKWARDS)
