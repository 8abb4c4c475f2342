"""Text that every download format can hold: what XML 1.0 forbids is replaced, visibly.

Word (OOXML), Excel (SpreadsheetML), pandoc's YAML and Typst sources all reject or mangle NUL
and most other C0 control characters; python-docx raises on them and pandoc writes a .docx
that Word will not open. The loader refuses them in content, but an exporter must not fail
with a traceback on text that slipped past it: each is shown as U+FFFD (the replacement
character) where text enters a download, so the problem is visible and nothing breaks.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# XML 1.0 allows tab, newline and carriage return below U+0020, and nothing of U+FFFE, U+FFFF
# or lone surrogates (which cannot be encoded as UTF-8 either).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return NOT_XML.sub(REPLACEMENT, text)
