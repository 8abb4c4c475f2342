"""Stage 2, check: every source against its kind's schema, then across the corpus.

Takes: the Corpus from load.
Gives: Diagnostics (file, line, column, field, message, hint), warnings and errors; the build
stops on any error, so the model is only ever built from valid sources.
"""
