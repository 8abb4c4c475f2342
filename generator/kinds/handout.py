"""The handout kind: participant handouts in content/handouts/, plain Markdown files.

A handout's title is its first `# ` heading. Front matter is optional and holds only print
settings (`print: {write_in_mm: 25}` for a fill-in sheet). Modules' sessions name the handouts
they use.
"""

from __future__ import annotations

from generator.check.schemas import Schema
from generator.kinds.registry import Built, SourceKind
from generator.kinds.resource import PRINT_HINTS
from generator.load.sources import SourceDocument
from generator.model.images import published
from generator.model.objects import Handout


def _handout(doc: SourceDocument) -> Handout:
    text, pictures = published(doc.body, doc.path, doc.rel)
    lines = text.lstrip().splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else doc.stem
    body = "\n".join(lines[1:]).strip() if lines and lines[0].startswith("# ") else text
    hints = (doc.data or {}).get("print") or {}
    return Handout(
        id=doc.stem,
        title=title,
        body=body,
        source=doc.rel,
        images=pictures,
        write_in_mm=hints.get("write_in_mm", 0),
    )


HANDOUT: Schema = {
    "print": {
        "type": "dict",
        "required": False,
        "meta": {"description": "How to print the handout"},
        "schema": {"write_in_mm": PRINT_HINTS["write_in_mm"]},
    },
}


def _build(docs: list[SourceDocument], built: Built) -> tuple[Handout, ...]:
    return tuple(_handout(doc) for doc in docs)


KIND = SourceKind(
    name="handout",
    folder="content/handouts",
    pattern="*.md",
    build=_build,
    reader="optional-front-matter",
    schema=HANDOUT,
)
