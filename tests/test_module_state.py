"""No module-level mutable state in generator/: a build owns its caches, pools and settings.

State a module keeps for the life of the process outlives the build that made it: a live
preview then serves stale theme digests, two builds in one process share a parse cache, and
a pool stopped by `atexit` outlives every build. These checks read the source, so such state
cannot come back unnoticed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from conftest import REPO

PACKAGE = REPO / "generator"
CACHES = {"cache", "lru_cache", "cached_property"}
MUTATORS = {
    "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem",
    "remove", "discard", "clear",
}  # fmt: skip
CONTAINERS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
#: Found by these checks and allowed, each for its reason.
ALLOWED = {
    # MkDocs runs in this process and takes its build date only from the environment;
    # build_epoch sets it for the length of that one call and puts the old value back.
    ("site/engines.py", "os.environ[...] ="),
    ("site/engines.py", "del os.environ[...]"),
}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return dotted(node.func)
    return ""


def module_containers(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level to a dict, list or set it could change later."""
    names = set()
    for statement in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        mutable = isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp)
        if isinstance(value, ast.Call) and dotted(value).split(".")[-1] in CONTAINERS:
            mutable = True
        names |= {t.id for t in targets if isinstance(t, ast.Name) and mutable}
    return names


def findings(tree: ast.Module) -> Iterator[str]:
    """Each kind of process-wide state the tree sets up or changes, once per occurrence."""
    containers = module_containers(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            yield f"global {', '.join(node.names)}"
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from (
                f"@{dotted(d)} on {node.name}"
                for d in node.decorator_list
                if dotted(d).split(".")[-1] in CACHES
            )
        elif isinstance(node, ast.Call):
            yield from _calls(dotted(node.func), containers)
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            yield from _stores(node, containers)


def _calls(name: str, containers: set[str]) -> Iterator[str]:
    owner, method = name.split(".")[0], name.split(".")[-1]
    changes_environment = name.startswith("os.environ.") and method in MUTATORS
    if name in ("atexit.register", "os.chdir", "os.putenv", "os.unsetenv") or changes_environment:
        yield name
    elif owner in containers and method in MUTATORS:
        yield f"module-level {owner} changed by .{method}()"


def _stores(node: ast.Assign | ast.AugAssign | ast.Delete, containers: set[str]) -> Iterator[str]:
    targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
    verb = "del " if isinstance(node, ast.Delete) else ""
    for target in targets:
        owner = dotted(target.value) if isinstance(target, ast.Subscript) else ""
        if owner == "os.environ":
            yield f"{verb}os.environ[...]" + ("" if verb else " =")
        elif owner in containers:
            yield f"module-level {owner} changed by {verb or 'item assignment'}"


def test_no_module_keeps_state_for_the_life_of_the_process() -> None:
    found = [(rel, what) for rel, tree in modules() for what in findings(tree)]
    assert [f for f in found if f not in ALLOWED] == []


def test_the_checks_catch_each_kind_of_state() -> None:
    source = """
import atexit, functools, os
_SEEN: dict[str, int] = {}
_POOL = None
@functools.cache
def digest(): ...
def remember(key):
    global _POOL
    _SEEN[key] = 1
    _SEEN.clear()
    atexit.register(print)
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    os.environ.update(A="1")
    os.chdir("/")
"""
    assert sorted(findings(ast.parse(source))) == sorted(
        [
            "@functools.cache on digest",
            "global _POOL",
            "module-level _SEEN changed by item assignment",
            "module-level _SEEN changed by .clear()",
            "atexit.register",
            "os.environ[...] =",
            "os.environ.update",
            "os.chdir",
        ]
    )
