"""What a live preview keeps in its process between one save's rebuild and the next.

`handbook serve` rebuilds the whole pipeline on every save (generator/cli/preview.py); what
it keeps here only saves work, and each piece says what it depends on. Everything is kept
for one fingerprint of the code (the generator package, theme/, mkdocs.yml and the tools'
versions, `Store.code`): when that changes, all of it is dropped and the next build starts
afresh, so an edited theme or configuration is never served from what an earlier one made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.check.facts import PlacedFacts
from generator.site.engines import CompiledTemplates
from generator.store import FileDigests


@dataclass
class Kept:
    """The preview's kept state: files' digests, the theme's compiled templates, and the
    documents with their facts in place."""

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

    def follow(self, code: str) -> Kept:
        """This state, emptied first if it was made by other code than `code`."""
        if code != self.code:
            self.code, self.digests, self.compiled = code, FileDigests(), CompiledTemplates()
            self.facts = PlacedFacts()
        return self
