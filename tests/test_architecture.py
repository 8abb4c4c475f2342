"""The shape of generator/: stages as packages, imports that only point back down the pipeline."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Each stage may import from the stages before it, never from one after it. The first three
# are single modules every stage uses: the diagnostic codes, diagnostics, the theme, and the
# one cache (store).
ORDER = (
    "codes",
    "errors",
    "theme",
    "store",
    "values",
    "load",
    "model",
    "check",
    "kinds",
    "render",
    "export",
    "site",
    "gate",
    "cli",
)
LIMIT = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The generator modules one file imports, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.startswith("generator"):
                # `from generator.export import pandoc` imports the module pandoc, not the
                # package's own code; a name that is no module comes from `module` itself.
                for alias in node.names:
                    sub = f"{module}.{alias.name}"
                    found.add(
                        sub
                        if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                        else module
                    )
    return found


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:`, which name types and import nothing."""
    found: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        for child in ast.iter_child_nodes(node):
            guarded = isinstance(child, ast.If) and ast.unparse(child.test) == "TYPE_CHECKING"
            pending.extend(child.orelse if guarded else [child])
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_belongs_to_a_stage() -> None:
    loose = [m for m in modules() if m != "generator" and stage(m) not in ORDER]
    assert loose == []


def test_stages_import_only_the_stages_before_them() -> None:
    known = modules()
    backwards = []
    for name, path in known.items():
        if name == "generator":
            continue
        mine = ORDER.index(stage(name))
        for target in imported(path):
            if target in known and target != "generator" and ORDER.index(stage(target)) > mine:
                backwards.append(f"{name} imports {target}")
    assert backwards == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    known = modules()
    graph = {n: {t for t in imported(p) if t in known and t != n} for n, p in known.items()}
    state: dict[str, int] = defaultdict(int)
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state[nxt] == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif state[nxt] == 0:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [node])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_stays_small(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= LIMIT, f"{name} has {lines} lines; split it (limit {LIMIT})"


@pytest.mark.parametrize("package", [p for p in ORDER if (PACKAGE / p).is_dir()])
def test_each_stage_says_what_it_takes_and_gives(package: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()))
    assert doc and "Takes" in doc and "Gives" in doc
