"""The source kinds: one declaration per kind of source file, which every stage loops over.

`registry.py` says what a declaration holds (`SourceKind`) and how the stages ask for the
kinds; `catalogue.py` lists them; one module per kind holds its schema, its cross-reference
checks and its model builder. docs/source-kinds.md walks through adding a kind.

Takes: nothing at run time; it is declarations, written against load's documents, check's
Checker and the model's objects.
Gives: `catalogue.KINDS`, which the pipeline hands to load, check and the model builder, and
which the Handbook carries on to the site's pages.
"""
