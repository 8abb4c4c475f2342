"""The source kinds: one declaration per kind of source file, which every stage loops over.

`registry.py` says what a declaration holds (`SourceKind`) and how the stages ask for the
kinds; `catalogue.py` lists them; one module per kind holds its schema, its cross-reference
checks and its model builder. docs/source-kinds.md walks through adding a kind.
"""
