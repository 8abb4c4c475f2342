"""The shape of generator/: stages as packages, imports that only point back down the pipeline."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Each stage may import from the stages before it, never from one after it. The first six
# are single modules every stage may use: the diagnostic codes, diagnostics, the theme, the
# one cache (store), the digests of model values, and loops shared with forked copies.
ORDER = (
    "codes",
    "errors",
    "theme",
    "store",
    "values",
    "forked",
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


def imported(path: Path, types_too: bool = False) -> set[str]:
    """The generator modules one file imports, relative imports resolved; with `types_too`,
    also those imported under `if TYPE_CHECKING:` for annotations."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree) if types_too else _runtime_nodes(tree):
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


def backwards(types_too: bool) -> list[str]:
    known = modules()
    found = []
    for name, path in known.items():
        if name == "generator":
            continue
        mine = ORDER.index(stage(name))
        for target in imported(path, types_too):
            if target in known and target != "generator" and ORDER.index(stage(target)) > mine:
                found.append(f"{name} imports {target}")
    return found


def cycles(types_too: bool) -> list[list[str]]:
    known = modules()
    graph = {
        n: {t for t in imported(p, types_too) if t in known and t != n} for n, p in known.items()
    }
    state: dict[str, int] = defaultdict(int)
    found: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state[nxt] == 1:
                found.append([*trail[trail.index(nxt) :], nxt])
            elif state[nxt] == 0:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [node])
    return found


def test_stages_import_only_the_stages_before_them() -> None:
    assert backwards(types_too=False) == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert cycles(types_too=False) == []


def test_imports_for_types_join_no_circle() -> None:
    """Reading `TYPE_CHECKING` imports too: a stage names only the types of stages before it
    (it declares a Protocol for what it reads of a later stage's value, as load, check and
    model do for the kinds), so no circle of types can form."""
    assert cycles(types_too=True) == []
    assert backwards(types_too=True) == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_stays_small(name: str) -> None:
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= LIMIT, f"{name} has {lines} lines; split it (limit {LIMIT})"


@pytest.mark.parametrize("package", [p for p in ORDER if (PACKAGE / p).is_dir()])
def test_each_stage_says_what_it_takes_and_gives(package: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text()))
    assert doc and "Takes" in doc and "Gives" in doc
