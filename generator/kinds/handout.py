"""The handout kind: participant handouts in content/handouts/, plain Markdown files.

A handout has no front matter: its title is its first `# ` heading. Modules' sessions name
the handouts they use.
"""

from __future__ import annotations

from generator.kinds.registry import Built, SourceKind
from generator.load.sources import SourceDocument
from generator.model.images import published
from generator.model.objects import Handout


def _handout(doc: SourceDocument) -> Handout:
    text, pictures = published(doc.body, doc.path, doc.rel)
    lines = text.lstrip().splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else doc.stem
    body = "\n".join(lines[1:]).strip() if lines and lines[0].startswith("# ") else text
    return Handout(id=doc.stem, title=title, body=body, source=doc.rel, images=pictures)


def _build(docs: list[SourceDocument], built: Built) -> tuple[Handout, ...]:
    return tuple(_handout(doc) for doc in docs)


KIND = SourceKind(
    name="handout",
    folder="content/handouts",
    pattern="*.md",
    build=_build,
    reader="markdown",
)
