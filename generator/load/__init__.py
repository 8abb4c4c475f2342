"""Stage 1, load: find every source file and read it once.

Takes: the project folder (content/, frameworks/, programme settings).
Gives: a Corpus of SourceDocuments, each value with its file, line and column, and Diagnostics
for files that cannot be read (too big, badly named, not YAML, not UTF-8).
"""
