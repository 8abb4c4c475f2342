"""pandoc, the one module that runs it: Markdown to Typst markup, Word and PowerPoint.

pypandoc-binary ships pandoc itself; we only ask pypandoc where it is and run it with our own
arguments, so a failure can carry the exact command line and pandoc's stderr.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pypandoc

from generator.errors import ToolError
from generator.render.characters import xml_safe

# pandoc's Markdown, less what MkDocs would not read the same way: `@name` is not a
# citation, `$5 and $10` is not maths, and raw TeX, HTML or Typst never reaches the output.
READER = (
    "markdown+task_lists+fenced_divs+pipe_tables+definition_lists-implicit_figures"
    "-citations-tex_math_dollars-raw_tex-raw_html-raw_attribute"
)
FILTER = Path(__file__).with_name("typeset.lua")


def executable() -> str:
    """The pandoc binary that pypandoc-binary installed."""
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as error:
        raise ToolError("pandoc", "pypandoc.get_pandoc_path()", str(error)) from error


def version() -> str:
    """pandoc's version, part of every cache key."""
    return str(pypandoc.get_pandoc_version())


def to_typst(markdown: str, template: Path, *, toc: bool = False, extra: Sequence[str] = ()) -> str:
    """Typst markup for a Markdown document, through our template and Lua filter (typeset.lua)."""
    args = ["--to=typst", "--standalone", f"--template={template}", *extra]
    args += ["--toc"] if toc else []
    return run(args, xml_safe(markdown).encode("utf-8")).decode("utf-8")


def to_docx(
    markdown: str, reference: Path, *, toc: bool, epoch: int, resources: Path | None = None
) -> bytes:
    """A Word document for a Markdown document, styled by a reference .docx.

    Pictures are looked up in `resources` only (pandoc's default is the working folder).
    """
    args = ["--to=docx", f"--reference-doc={reference}", "--output=-"]
    args += [f"--resource-path={resources}"] if resources else []
    args += ["--toc", "--toc-depth=2"] if toc else []
    return run(args, xml_safe(markdown).encode("utf-8"), epoch=epoch)


def to_pptx(markdown: str, reference: Path, *, extra: Sequence[str] = (), epoch: int) -> bytes:
    """A PowerPoint deck for slide Markdown, styled by a reference .pptx."""
    args = ["--to=pptx", f"--reference-doc={reference}", "--output=-", *extra]
    return run(args, markdown.encode("utf-8"), epoch=epoch)


def default_reference_pptx() -> bytes:
    """pandoc's own reference.pptx, the base theme/pptx/make_reference.py restyles."""
    return _call([executable(), "--print-default-data-file=reference.pptx"], b"", None)


def default_reference_docx() -> bytes:
    """pandoc's own reference.docx, the base theme/word/make_reference.py restyles."""
    return _call([executable(), "--print-default-data-file=reference.docx"], b"", None)


def run(args: Sequence[str], source: bytes, *, epoch: int | None = None) -> bytes:
    """pandoc on `source` with our reader and filter; raises ToolError with the command."""
    command = [executable(), f"--from={READER}", f"--lua-filter={FILTER}", *args]
    return _call(command, source, epoch)


def _call(command: list[str], source: bytes, epoch: int | None) -> bytes:
    env = dict(os.environ)
    env["HANDBOOK_PANDOC_READER"] = READER  # typeset.lua reads admonition titles with it
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        result = subprocess.run(command, input=source, capture_output=True, env=env, check=False)
    except OSError as error:
        raise ToolError("pandoc", shlex.join(command), str(error)) from error
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", "replace")
        raise ToolError("pandoc", shlex.join(command), stderr)
    return result.stdout
