"""Stage 5, export: every download a school gets, made from the model.

The handbook, frameworks, facilitator guides and handouts go through pandoc (to Typst for PDF,
to Word with theme/word/reference.docx); the fill-in forms through python-docx and openpyxl.
`export_all` builds what changed, in parallel, and writes manifest.json beside the files.
"""

from __future__ import annotations

from .build import export_all
from .manifest import GeneratedFrom, Manifest, ManifestEntry, read_manifest

__all__ = ["GeneratedFrom", "Manifest", "ManifestEntry", "export_all", "read_manifest"]
