"""Stage 4, export: every download a school gets, made from the model.

The handbook, frameworks, facilitator guides and handouts go through pandoc (to Typst for PDF,
to Word with theme/word/reference.docx); the fill-in forms through python-docx and openpyxl.
`export_all` builds what changed, in parallel, and writes manifest.json beside the files.
What is made is declared once per kind of download in outputs.py (see docs/outputs.md).

Takes: a Handbook, the build's epoch and a cache folder.
Gives: the downloads under the site's downloads/ folder and manifest.json listing them, each
file rebuilt only when the digest of what it reads changed.
"""

from __future__ import annotations

from generator.export.build import export_all
from generator.export.manifest import GeneratedFrom, Manifest, ManifestEntry, read_manifest
from generator.export.outputs import OUTPUTS
from generator.export.registry import Output, Outputs

__all__ = [
    "OUTPUTS",
    "GeneratedFrom",
    "Manifest",
    "ManifestEntry",
    "Output",
    "Outputs",
    "export_all",
    "read_manifest",
]
