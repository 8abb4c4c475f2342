"""Stage 6, site: the rendered pages built into a site by an engine, and put in place.

Takes: the rendered pages and the Handbook's settings.
Gives: a docs tree and a generated mkdocs.yml under build/, then a built site (MkDocs with
Material, or Zensical), whole or incrementally, swapped into place only when complete.
"""
