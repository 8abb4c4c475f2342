"""The programme's world: immutable objects with resolved references, and their rules.

Takes: SourceDocuments that passed every check, and the kinds that build them (once, by
`build.build_handbook`).
Gives: a Handbook (programme, frameworks, modules, chapters, glossary, days, calendar) that is
the only input of the site and the downloads; also the pure rules the checks reuse (clock
times, school-year dates, wording).
"""
