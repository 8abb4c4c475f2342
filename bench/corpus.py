"""A synthetic corpus for benchmarks: the shipped content multiplied by a scale factor.

Each copy renames its frameworks, modules and chapters and rewrites every reference to
match, so the corpus is as valid and as cross-referenced as the real one. At scale 10:
10 frameworks of 36 criteria plus 10 archived versions, 140 modules and 110 chapters.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "docs")


def make_corpus(target: Path, scale: int) -> Path:
    """Write a project `scale` times the size of the shipped one into `target`."""
    if target.exists():
        shutil.rmtree(target)
    (target / "build" / "docs").mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    (target / "theme").symlink_to(REPO / "theme")
    (target / "generator").symlink_to(REPO / "generator")
    shutil.copytree(REPO / "content" / "handouts", target / "content" / "handouts")
    # A handout is copied once: its links to chapters go to the first copy's.
    for handout in (target / "content" / "handouts").rglob("*.md"):
        _write(handout, _chapter_links(handout.read_text(encoding="utf-8"), 1))
    # Every copy of a chapter shows the same pictures, as the shipped chapters do.
    shutil.copytree(REPO / "content" / "images", target / "content" / "images")
    # Every copy of a module names the same resources, so they are copied once.
    shutil.copytree(REPO / "content" / "resources", target / "content" / "resources")
    shutil.copy2(REPO / "content" / "glossary.yml", target / "content" / "glossary.yml")
    _write(target / "content" / "programme.yml", _programme(scale))
    for copy in range(1, scale + 1):
        _copy_sources(target, copy)
    return target


def _programme(scale: int) -> str:
    """programme.yml for the corpus: at scale 1 the days keep their times, with module ids
    renamed like the modules; a day holding `scale` copies of its modules has no times."""
    text = (REPO / "content" / "programme.yml").read_text(encoding="utf-8")
    modules = [p.stem for p in (REPO / "content" / "modules").glob("*.yml")]
    if scale == 1:
        return _rewrite(text, [], modules, 1)
    data = yaml.safe_load(text)
    for day in data["training_days"]:
        for key in ("arrival", "start", "end", "length", "breaks"):
            day.pop(key, None)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _copy_sources(target: Path, copy: int) -> None:
    modules = [p.stem for p in (REPO / "content" / "modules").glob("*.yml")]
    frameworks = [p.stem for p in (REPO / "frameworks").glob("*.yml")]
    for path in (REPO / "frameworks").rglob("*.yml"):
        rel = path.relative_to(REPO)
        out = target / _renamed(rel.as_posix(), frameworks, copy)
        _write(out, _rewrite(path.read_text(encoding="utf-8"), frameworks, modules, copy))
    for path in (REPO / "content" / "modules").glob("*.yml"):
        out = target / "content" / "modules" / f"{path.stem}-{copy}.yml"
        _write(out, _rewrite(path.read_text(encoding="utf-8"), frameworks, modules, copy))
    for path in (REPO / "content" / "handbook").rglob("*.md"):
        rel = path.relative_to(REPO / "content" / "handbook")
        out = target / "content" / "handbook" / rel.parent / f"{path.stem}-{copy}.md"
        text = _rewrite(path.read_text(encoding="utf-8"), frameworks, modules, copy)
        _write(out, _reordered(_chapter_links(text, copy), copy))


def _renamed(rel: str, frameworks: list[str], copy: int) -> str:
    for framework in frameworks:
        rel = rel.replace(f"frameworks/{framework}.yml", f"frameworks/{framework}-{copy}.yml")
        rel = rel.replace(f"archive/{framework}/", f"archive/{framework}-{copy}/")
    return rel


def _rewrite(text: str, frameworks: list[str], modules: list[str], copy: int) -> str:
    """Give every framework and module id (and every reference to one) the copy's suffix."""
    for framework in frameworks:
        text = re.sub(
            rf"\b{re.escape(framework)}(?=/|\s*$)", f"{framework}-{copy}", text, flags=re.MULTILINE
        )
    for module in sorted(modules, key=len, reverse=True):
        text = re.sub(rf"(?<![\w/-]){re.escape(module)}(?![\w/-])", f"{module}-{copy}", text)
    return text.replace("../../../schemas/", "../../../schemas/")


def _chapter_links(text: str, copy: int) -> str:
    """Point every link to a chapter at the copy's chapter (`welcome.md` to `welcome-3.md`),
    so the corpus's cross-references find their pages as the shipped ones do."""
    for path in (REPO / "content" / "handbook").rglob("*.md"):
        text = re.sub(rf"(?<=[(/]){re.escape(path.stem)}\.md\b", f"{path.stem}-{copy}.md", text)
    return text


def _reordered(text: str, copy: int) -> str:
    head, _, body = text.partition("\n---\n")
    front = yaml.safe_load(head.removeprefix("---\n"))
    front["order"] = copy * 100 + front["order"]
    front["title"] = f"{front['title']} ({copy})"
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + body


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    """Write a synthetic corpus: `python bench/corpus.py OUT --scale 10`."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    print(make_corpus(args.out, args.scale))


if __name__ == "__main__":
    main()
