"""Entry points: the `handbook` command, the pipeline it runs, and how it reports.

Takes: command-line arguments (or MkDocs' hook events).
Gives: exit codes 0, 1 and 2, diagnostics in text, JSON or GitHub annotations, and a published
site with its downloads, built by running the phases of cli/build.py (PHASES) in order:
load, check, model, export, render, site, gate, publish.
"""
