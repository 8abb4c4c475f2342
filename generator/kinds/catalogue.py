"""The registered source kinds, in the order `handbook new` and `handbook schema` list them.

Adding a kind of source is one entry here (its declaration, usually in a module of its own
beside this one) plus its templates; docs/source-kinds.md says what a declaration holds.
"""

from __future__ import annotations

from generator.kinds import chapter, framework, glossary, handout, module, programme, resource
from generator.kinds.registry import Kinds

KINDS = Kinds(
    (
        programme.KIND,
        framework.KIND,
        framework.ARCHIVE,
        module.KIND,
        chapter.KIND,
        glossary.KIND,
        resource.KIND,
        handout.KIND,
    )
)
