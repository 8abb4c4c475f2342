"""What a live preview keeps in its process between one save's rebuild and the next.

`handbook serve` rebuilds the whole pipeline on every save (generator/cli/preview.py); what
it keeps here only saves work, and each piece says what it depends on. Everything is kept
for one fingerprint of the code (the generator package, theme/, mkdocs.yml and the tools'
versions, `Store.code`): when that changes, all of it is dropped and the next build starts
afresh, so an edited theme or configuration is never served from what an earlier one made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.check.facts import PlacedFacts
from generator.model.build import KindModels
from generator.render.memo import Digests
from generator.site.engines import CompiledTemplates
from generator.store import FileDigests, Store

#: How many model objects' digests a preview keeps before it starts them again (each save
#: adds the objects of the kinds it rebuilt and of every page).
VALUES_KEPT = 200_000


@dataclass
class Kept:
    """The preview's kept state: the store's JSON entries, files' digests, the theme's
    compiled templates, and the documents with their facts in place."""

    #: The code fingerprint the state was made with.
    code: str = ""
    #: Digests of the built site's files, so the gate and the publish record read only
    #: files a rebuild wrote (store.FileDigests says when a digest is trusted).
    digests: FileDigests = field(default_factory=FileDigests)
    #: MkDocs' templates compiled and the theme's files listed (site/engines.py).
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)
    #: The documents of the last rebuild with the programme's facts in place, given again
    #: for the same documents and facts (check/facts.py).
    facts: PlacedFacts = field(default_factory=PlacedFacts)
    #: Each kind's model, given again when built from the same documents (model/build.py).
    models: KindModels = field(default_factory=KindModels)
    #: The digests of model values by object, for the page records (render/memo.py).
    values: Digests = field(default_factory=Digests)
    #: The store's JSON entries (the page and gate records, MkDocs' record of the pages),
    #: read once and then kept here, not read and written whole on every save; the store
    #: they belong to writes them when the preview stops (`write`).
    memory: dict[str, Any] = field(default_factory=dict)
    store: Store | None = None

    def follow(self, store: Store) -> Store:
        """`store` keeping its entries in this state's memory; everything kept is dropped
        first if it was made by other code than the store's (`Store.code`)."""
        if store.code != self.code:
            self.code, self.digests, self.compiled = store.code, FileDigests(), CompiledTemplates()
            self.facts, self.memory = PlacedFacts(), {}
            self.models, self.values = KindModels(), Digests()
        self.store = store.in_memory(self.memory)
        return self.store

    def fresh_values(self) -> Digests:
        """The model values' digests, emptied once they hold too many old objects."""
        if self.values.size() > VALUES_KEPT:
            self.values = Digests()
        return self.values

    def write(self) -> None:
        """Write the entries kept in memory to the store, for the next process to use."""
        if self.store is not None:
            self.store.write_memory()
