"""The gate for PDFs: no JavaScript, no actions that launch, submit or fetch, web links only.

Every object reachable from the trailer is read with pypdf (object streams included) and
each dictionary is checked, so an action hidden in an outline, an annotation, a page's
additional actions or the name tree is found wherever it sits.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from generator.gate.urls import safe_link

#: Keys that hold script, run something when the file opens or a page shows, or embed files.
REFUSED_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "actions that run when a page or field is shown",
    "/EmbeddedFiles": "embedded files",
    "/EmbeddedFile": "an embedded file",
    "/XFA": "an XFA form, which can hold script",
    "/RichMedia": "rich media",
}
#: Action types (/S) that run, launch, submit, import or open other files.
REFUSED_ACTIONS = frozenset(
    [
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
    ]
)
#: Actions that /OpenAction may hold: going to a place in the document.
OPENING_ACTIONS = frozenset({"/GoTo"})
MAX_OBJECTS = 2_000_000
#: The structure tree (tags for screen readers) is a third of a tagged PDF's objects and no
#: viewer runs an action from it: what it points at that can act (annotations) is also
#: reachable from the pages, where it is checked.
NOT_FOLLOWED = frozenset({"/StructTreeRoot"})


def check_pdf(data: bytes) -> list[str]:
    """Findings in one PDF."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return sorted(set(_walk(reader.trailer)))
    except (PyPdfError, ValueError, KeyError, RecursionError) as error:
        return [f"a PDF that cannot be read safely: {error}"]


def _walk(trailer: DictionaryObject) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [trailer]
    while stack and len(seen) < MAX_OBJECTS:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object() or item
        if isinstance(item, DictionaryObject):
            yield from _dictionary(item)
            stack.extend(value for key, value in item.items() if key not in NOT_FOLLOWED)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _dictionary(item: DictionaryObject) -> Iterator[str]:
    for key, what in REFUSED_KEYS.items():
        if key in item:
            yield f"{what} ({key})"
    action = item.get("/S")
    if action in REFUSED_ACTIONS:
        yield f"a {action[1:]} action"
    if action == "/URI":
        uri = item.get("/URI")
        target = uri.get_object() if isinstance(uri, IndirectObject) else uri
        if not safe_link(str(target)):
            yield f"a link to '{str(target)[:80]}', not a web or e-mail address"
    opening = item.get("/OpenAction")
    if opening is not None:
        yield from _opening(opening)


def _opening(opening: PdfObject) -> Iterator[str]:
    """An /OpenAction may go to a page (an array, or a GoTo action), and nothing else."""
    target = opening.get_object() if isinstance(opening, IndirectObject) else opening
    if isinstance(target, DictionaryObject) and target.get("/S") not in OPENING_ACTIONS:
        yield f"an action that runs when the file opens ({target.get('/S')})"
