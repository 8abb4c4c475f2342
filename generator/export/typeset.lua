-- pandoc Lua filter for every PDF and Word download: admonition divs (::: {.note title="..."})
-- as boxes in Typst and shaded "Admonition" paragraphs in Word (markdown.py writes the divs),
-- room to write in the empty cells of fill-in tables on paper, and task lists without bullets.

local KINDS = {
  note = true, abstract = true, info = true, tip = true, success = true, question = true,
  warning = true, failure = true, danger = true, bug = true, example = true, quote = true,
  caution = true,
}

local function kind_of(div)
  for _, class in ipairs(div.classes) do
    if KINDS[class] then
      return class
    end
  end
  return nil
end

-- A title is Markdown read with the document's own reader (pandoc.py passes it), so it can
-- no more hold raw Typst, OpenXML, HTML or TeX than the text around it; the fallback is as
-- strict. Any raw element left is shown as its text, and blocks are flattened to one line.
local TITLE_READER = os.getenv("HANDBOOK_PANDOC_READER")
  or "markdown-raw_attribute-raw_html-raw_tex-citations-tex_math_dollars"

-- Pictures: only the handbook's own (images/<name>, which the generator wrote into the folder
-- pandoc and Typst read from) are shown. Any other address becomes its alt text, so nothing
-- is fetched from the network or read from elsewhere on disk even if a check were missed.
local function own_picture(src)
  return src:match("^images/[a-z0-9][a-z0-9/-]*%.[a-z]+$") ~= nil and src:find("..", 1, true) == nil
end

-- A second line of defence behind the content policy, run before anything below writes raw
-- Typst or OpenXML of its own: content keeps only an element's id, its classes and an
-- admonition's title. Every other attribute is dropped from every element, above all those
-- pandoc's writers act on (`typst:*` properties, Word's `custom-style`), and any raw element
-- content managed to make is shown as its text.
local KEPT_ATTRIBUTES = { title = true }

local function clean(element)
  local kept = {}
  for key, value in pairs(element.attributes) do
    if KEPT_ATTRIBUTES[key] then
      kept[key] = value
    end
  end
  element.attributes = kept
  return element
end

local function clean_rows(rows)
  for _, row in ipairs(rows) do
    clean(row)
    for _, cell in ipairs(row.cells) do
      clean(cell)
    end
  end
end

local function clean_table(tbl)
  clean(tbl)
  clean(tbl.head)
  clean_rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    clean(body)
    clean_rows(body.head)
    clean_rows(body.body)
  end
  clean(tbl.foot)
  clean_rows(tbl.foot.rows)
  return tbl
end

local CLEAN = {
  Span = clean, Div = clean, Header = clean, CodeBlock = clean, Code = clean,
  Link = clean, Image = clean, Figure = clean, Table = clean_table,
  RawInline = function(raw)
    return pandoc.Str(raw.text)
  end,
  RawBlock = function(raw)
    return pandoc.CodeBlock(raw.text)
  end,
}

local function typst_string(text)
  local escaped = text:gsub("[%c]", " "):gsub("\\", "\\\\"):gsub('"', '\\"')
  return '"' .. escaped .. '"'
end

function Image(img)
  if not own_picture(img.src) then
    return pandoc.Span(img.caption)
  end
  if FORMAT == "typst" then
    -- pandoc's Typst writer drops the alt text, which a tagged PDF needs for every picture.
    local alt = pandoc.utils.stringify(img.caption)
    return pandoc.RawInline(
      "typst",
      "#box(image(" .. typst_string(img.src) .. ", alt: " .. typst_string(alt) .. "))"
    )
  end
  return img
end

local function title_inlines(div, kind)
  local title = div.attributes["title"]
  if title == nil then
    title = kind:sub(1, 1):upper() .. kind:sub(2)
  end
  if title == "" then
    return nil
  end
  -- Read here, the title is never walked by this filter's Image function: walk it now.
  local blocks = pandoc.read(title, TITLE_READER).blocks:walk(CLEAN):walk({ Image = Image })
  if #blocks == 0 then
    return nil
  end
  local inlines = pandoc.utils.blocks_to_inlines(blocks)
  return inlines:walk({
    RawInline = function(raw)
      return pandoc.Str(raw.text)
    end,
  })
end

local function typst_box(div, kind, title)
  local opening = { pandoc.RawInline("typst", '#admonition(kind: "' .. kind .. '", title: ') }
  if title then
    table.insert(opening, pandoc.RawInline("typst", "["))
    for _, inline in ipairs(title) do
      table.insert(opening, inline)
    end
    table.insert(opening, pandoc.RawInline("typst", "]"))
  else
    table.insert(opening, pandoc.RawInline("typst", "none"))
  end
  table.insert(opening, pandoc.RawInline("typst", ")["))
  local blocks = { pandoc.Plain(opening) }
  for _, block in ipairs(div.content) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

local function word_box(div, title)
  local blocks = {}
  if title then
    table.insert(blocks, pandoc.Div({ pandoc.Para(title) }, { ["custom-style"] = "Admonition Title" }))
  end
  table.insert(blocks, pandoc.Div(div.content, { ["custom-style"] = "Admonition" }))
  return blocks
end

-- A page break (::: {.page-break}), so a card or brief can be handed out on its own sheet.
local function page_break()
  if FORMAT == "typst" then
    return pandoc.RawBlock("typst", "#pagebreak(weak: true)")
  elseif FORMAT == "docx" then
    return pandoc.RawBlock("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
  end
  return {}
end

-- A short paragraph before a callout goes with it to the next page, so no page holds only
-- the callout (a short callout is never split: see `admonition` in theme/pdf/handbook.typ).
-- A long one stays, lest it leave half a page empty.
local KEPT_WORDS = 90

local function short(para)
  local words = 0
  for _ in pandoc.utils.stringify(para):gmatch("%S+") do
    words = words + 1
  end
  return words <= KEPT_WORDS
end

-- A longer paragraph, or a list, travels with its callout in a "lead-in" (`lead-in` in
-- theme/pdf/handbook.typ): its last lines go over with the callout when the callout does not fit.
local LEADS = { Para = true, BulletList = true, OrderedList = true }

local function is_callout(block)
  return block ~= nil and block.t == "Div" and kind_of(block) ~= nil
end

-- Callouts one after another, from blocks[first]: each but the last sticks to the next, so a
-- callout never opens a page with the one before it left on the page before. Returns the
-- blocks and the index of the last callout.
local function callout_run(blocks, first)
  local run, i = pandoc.List(), first
  while is_callout(blocks[i + 1]) do
    run:insert(pandoc.Div({ blocks[i] }, { class = "keep-with-next" }))
    i = i + 1
  end
  run:insert(blocks[i])
  return run, i
end

local function keep_with_callouts(blocks)
  local kept = pandoc.List()
  local i = 1
  while i <= #blocks do
    local block = blocks[i]
    local before_callout = is_callout(blocks[i + 1])
    if is_callout(block) then
      local run
      run, i = callout_run(blocks, i)
      kept:extend(run)
    elseif before_callout and block.t == "Para" and short(block) then
      kept:insert(pandoc.Div({ block }, { class = "keep-with-next" }))
    elseif before_callout and LEADS[block.t] and FORMAT == "typst" then
      -- The lead-in goes with its callouts, all of them, and they with each other.
      local run, last = callout_run(blocks, i + 1)
      run:insert(1, block)
      kept:insert(pandoc.Div(run, { class = "lead-in" }))
      i = last
    else
      kept:insert(block)
    end
    i = i + 1
  end
  return kept
end

-- The close of a chapter: its last sections, where each is a heading over nothing but lists
-- and short paragraphs ("Sources", "Related"), keep together on paper with the last lines of
-- the text before them (`closing` and `lead-in` in theme/pdf/handbook.typ), so no page holds
-- only a closing heading or the end of its list. Word keeps a heading with what follows it
-- through the reference document's heading styles. A close prints in this many lines at most.
local CLOSING_LINES = 16
local CLOSING_LINE_WORDS = 40
local CLOSE_LINE_CHARACTERS = 95

local function words_in(block)
  local words = 0
  for _ in pandoc.utils.stringify(block):gmatch("%S+") do
    words = words + 1
  end
  return words
end

-- About how many lines a block prints in, each list item starting a line of its own.
local function lines_in(block)
  local items = (block.t == "BulletList" or block.t == "OrderedList") and block.content or { block }
  local lines = 0
  for _, item in ipairs(items) do
    lines = lines + math.max(1, math.ceil(#pandoc.utils.stringify(item) / CLOSE_LINE_CHARACTERS))
  end
  return lines
end

-- Where the section headed at blocks[i] ends (the next heading, or past the last block) when
-- it is a closing section, and about how many lines it prints in; nil when it is not one.
-- A heading at or above the document's break level opens a page of its own, so it never
-- closes one.
local function closing_section(blocks, i, break_level)
  local head = blocks[i]
  if head == nil or head.t ~= "Header" or head.level <= break_level then
    return nil
  end
  local j, lines, listed = i + 1, 2, false
  while blocks[j] ~= nil and blocks[j].t ~= "Header" do
    local block = blocks[j]
    if block.t == "BulletList" or block.t == "OrderedList" then
      listed = true
    elseif not ((block.t == "Para" or block.t == "Plain") and words_in(block) <= CLOSING_LINE_WORDS) then
      return nil
    end
    lines = lines + lines_in(block)
    j = j + 1
  end
  if listed then
    return j, lines
  end
  return nil
end

-- Where the closing sections that start at blocks[i] end, when they end a chapter: the
-- document ends there, or a heading of higher rank than the first of them opens the next.
-- Only the last few short sections make the close (of a longer run, those nearer the end),
-- so it moves whole; the section before it then leads into it.
local function chapter_close(blocks, i, break_level)
  local last, lines = closing_section(blocks, i, break_level)
  if last == nil then
    return nil
  end
  while closing_section(blocks, last, break_level) do
    local more
    last, more = closing_section(blocks, last, break_level)
    lines = lines + more
  end
  local next_head = blocks[last]
  local ends = next_head == nil or next_head.level < blocks[i].level
  return (ends and lines <= CLOSING_LINES) and last or nil
end

-- A lead short enough to go over whole with the close, as a short paragraph before a callout
-- does; a longer one sends only its last lines (`lead-in`).
local function goes_whole(lead)
  if lead.t == "Para" then
    return short(lead)
  end
  return lines_in(lead) <= 3
end

-- A chapter's last paragraph or list never leaves a line or two alone on its last page
-- (`chapter-end` in theme/pdf/handbook.typ): a short one takes the paragraph, list or callout
-- before it along, and the headings over them go too. A heading at or above the break level
-- opens a chapter, so ends the one before.
local SHORT_END_LINES = 3

local function opens_chapter(block, break_level)
  return block == nil or block.t == "Header" and block.level <= break_level
end

local function chapter_end_from(blocks, i, break_level)
  local first, before = i, blocks[i - 1]
  if lines_in(blocks[i]) <= SHORT_END_LINES and before ~= nil and (LEADS[before.t] or is_callout(before)) then
    first = i - 1
  end
  while blocks[first - 1] ~= nil and blocks[first - 1].t == "Header" and not opens_chapter(blocks[first - 1], break_level) do
    first = first - 1
  end
  return first
end

local function keep_chapter_ends(blocks, break_level)
  local kept = pandoc.List()
  for i, block in ipairs(blocks) do
    if LEADS[block.t] and opens_chapter(blocks[i + 1], break_level) then
      local first = chapter_end_from(blocks, i, break_level)
      for _ = first, i - 1 do
        kept:remove()
      end
      local gap = blocks[first].t == "Header" and "(gap: closing-gap(" .. blocks[first].level .. "))" or ""
      kept:insert(pandoc.RawBlock("typst", "#chapter-end" .. gap .. "["))
      for n = first, i do
        kept:insert(blocks[n])
      end
      kept:insert(pandoc.RawBlock("typst", "]"))
    else
      kept:insert(block)
    end
  end
  return kept
end

local function keep_closings(doc)
  if FORMAT ~= "typst" then
    return nil
  end
  local level = doc.meta["break-level"]
  local break_level = tonumber(level and pandoc.utils.stringify(level)) or 1
  local blocks, kept, i = doc.blocks, pandoc.List(), 1
  while i <= #blocks do
    local last = chapter_close(blocks, i, break_level)
    if last == nil then
      kept:insert(blocks[i])
      i = i + 1
    else
      local lead = kept[#kept]
      local opening = "#closing(level: " .. blocks[i].level .. ")["
      if lead ~= nil and (is_callout(lead) or LEADS[lead.t] and goes_whole(lead)) then
        -- A callout, or a short paragraph or list, goes over whole with the close.
        kept[#kept] = pandoc.Div({ lead }, { class = "keep-with-next" })
        lead = nil
      elseif lead ~= nil and LEADS[lead.t] then
        kept:remove()
        local gap = "#lead-in(gap: closing-gap(" .. blocks[i].level .. "))["
        kept:extend({ pandoc.RawBlock("typst", gap), lead })
        opening = "][" .. opening
      else
        lead = nil
      end
      kept:insert(pandoc.RawBlock("typst", opening))
      for n = i, last - 1 do
        kept:insert(blocks[n])
      end
      kept:insert(pandoc.RawBlock("typst", lead and "]]" or "]"))
      i = last
    end
  end
  doc.blocks = keep_chapter_ends(kept, break_level)
  return doc
end

local function lead_in(div)
  local blocks = { pandoc.RawBlock("typst", "#lead-in["), div.content[1], pandoc.RawBlock("typst", "][") }
  for n = 2, #div.content do
    table.insert(blocks, div.content[n])
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

local function sticky(div)
  if FORMAT ~= "typst" then
    return div.content
  end
  local blocks = { pandoc.RawBlock("typst", "#block(sticky: true)[") }
  for _, block in ipairs(div.content) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

function Div(div)
  if div.classes:includes("page-break") then
    return page_break()
  end
  if div.classes:includes("keep-with-next") then
    return sticky(div)
  end
  if div.classes:includes("lead-in") then
    return lead_in(div)
  end
  local kind = kind_of(div)
  if kind == nil then
    return nil
  end
  local title = title_inlines(div, kind)
  if FORMAT == "typst" then
    return typst_box(div, kind, title)
  elseif FORMAT == "docx" then
    return word_box(div, title)
  end
  return nil
end

-- Fill-in tables (a column with no text in any body row) would shrink their writing columns
-- to nothing under automatic widths: give every column a share, writing columns twice as much.
-- With `every`, whether every body cell of a column is empty; without, whether any is.
local function body_cells_empty(tbl, column, every)
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      local cell = row.cells[column]
      if cell and (#cell.contents == 0) ~= every then
        return not every
      end
    end
  end
  return every
end

local function column_is_empty(tbl, column)
  return body_cells_empty(tbl, column, true)
end

local function has_default_widths(tbl)
  for _, spec in ipairs(tbl.colspecs) do
    if spec[2] ~= nil and spec[2] ~= 0 then
      return false
    end
  end
  return true
end

local function fill_in_widths(tbl)
  local weights, total, empty = {}, 0, false
  for column = 1, #tbl.colspecs do
    local weight = column_is_empty(tbl, column) and 2 or 1
    empty = empty or weight == 2
    weights[column], total = weight, total + weight
  end
  if not empty or not has_default_widths(tbl) then
    return
  end
  for column, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[column] = { spec[1], weights[column] / total }
  end
end

-- On paper, empty cells need room to write in: a blank line in Typst, a line break in Word.
-- The writing space of an empty cell of a fill-in table: the document's `write-in-mm`
-- (a resource's print hint), or about one line of handwriting. Word has no height for a
-- run, so there it is line breaks of about 5 mm each.
local DEFAULT_WRITE_IN_MM = 9
local BREAK_MM = 5

local function space_for(mm)
  if FORMAT == "typst" then
    return pandoc.RawInline("typst", "#v(" .. mm .. "mm)")
  end
  local breaks = string.rep("<w:r><w:br/></w:r>", math.max(1, math.floor(mm / BREAK_MM + 0.5)))
  return pandoc.RawInline("openxml", breaks)
end

local function writing_space(cell, mm)
  if #cell.contents == 0 then
    cell.contents = { pandoc.Plain({ space_for(mm) }) }
  end
  return cell
end

local function write_in_mm(meta)
  local given = meta["write-in-mm"]
  local mm = given and tonumber(pandoc.utils.stringify(given))
  return mm or DEFAULT_WRITE_IN_MM
end

-- LibreOffice ignores the bold header row of the reference document's table style: in Word,
-- header cells are bold text themselves, so the file prints the same everywhere.
local function bold_header(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      for _, block in ipairs(cell.contents) do
        if block.t == "Plain" or block.t == "Para" then
          block.content = { pandoc.Strong(block.content) }
        end
      end
    end
  end
end

-- Word lays a table out at the widths pandoc writes. Where the dashes under a pipe table's
-- header set them, a short column could get so narrow that "10.30" broke mid-word; where
-- nothing sets them, Word and LibreOffice share the line out in ways of their own. In Word,
-- every column is now at least as wide as its longest word (or its longest short cell), and
-- the rest of the line is shared out as the dashes ask or, without them, by how much text
-- each column holds (a column with cells left empty to write in counts as a long one).
-- Widths are counted in characters of 10pt text, wide ones (digits, bold capitals, and the
-- wider fonts LibreOffice puts in place of Arial), so a word fits whatever prints it.
local LINE_CHARACTERS = 72 -- across an A4 page between the margins
local CELL_PADDING = 2 -- a cell's inner margins
local LONGEST_CELL = 60 -- a longer cell wraps anyway: it asks for no more than this
local WRITING_CHARACTERS = 40 -- what a column with cells to write in asks for
local SHORT_CELL = 12 -- a cell this short ("0-2 min", "Whole team") stays on one line

local function cell_text(cell)
  return pandoc.utils.stringify(cell.contents)
end

local function rows_of(tbl)
  local rows = {}
  for _, row in ipairs(tbl.head.rows) do
    table.insert(rows, row)
  end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      table.insert(rows, row)
    end
  end
  return rows
end

local function has_empty_cell(tbl, column)
  return body_cells_empty(tbl, column, false)
end

-- What a column needs (its longest word, or its longest short cell) and wants (its share of
-- the line as the dashes give it, else its longest cell), in characters.
local function column_needs(tbl, column)
  local need, want = 1, 1
  for _, row in ipairs(rows_of(tbl)) do
    local cell = row.cells[column]
    if cell then
      local text = cell_text(cell)
      local length = utf8.len(text) or #text
      if length <= SHORT_CELL then
        need = math.max(need, length)
      end
      for word in text:gmatch("%S+") do
        need = math.max(need, utf8.len(word) or #word)
      end
      want = math.max(want, math.min(LONGEST_CELL, length))
    end
  end
  if has_empty_cell(tbl, column) then
    want = math.max(want, WRITING_CHARACTERS)
  end
  need = need + CELL_PADDING
  local given = tbl.colspecs[column][2]
  if given ~= nil and given > 0 and not has_default_widths(tbl) then
    want = given * LINE_CHARACTERS
  else
    want = want + CELL_PADDING
  end
  return need, math.max(need, want)
end

local function balanced_widths(tbl)
  local needs, wants, needed, wanted = {}, {}, 0, 0
  for column = 1, #tbl.colspecs do
    needs[column], wants[column] = column_needs(tbl, column)
    needed, wanted = needed + needs[column], wants[column] + wanted
  end
  local widths = {}
  for column = 1, #tbl.colspecs do
    if wanted <= LINE_CHARACTERS or needed >= LINE_CHARACTERS then
      local share = wanted <= LINE_CHARACTERS and wants or needs
      widths[column] = share[column] / (wanted <= LINE_CHARACTERS and wanted or needed)
    else
      local spare = (LINE_CHARACTERS - needed) / (wanted - needed)
      widths[column] = (needs[column] + spare * (wants[column] - needs[column])) / LINE_CHARACTERS
    end
  end
  for column, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[column] = { spec[1], widths[column] }
  end
end

function Table(tbl)
  if FORMAT == "docx" then
    balanced_widths(tbl)
    bold_header(tbl)
  else
    fill_in_widths(tbl)
  end
  return tbl
end

-- A link to another chapter (`other.md`, `../part/other.md#section`): its chapter id, or nil
-- for a web address or a link inside the page.
local function chapter_of(target)
  if target:find(":", 1, true) then
    return nil
  end
  return target:gsub("#.*$", ""):match("([a-z0-9][a-z0-9-]*)%.md$")
end

-- "Title, address" of a chapter, without the title when the link's words already are it.
local function where_is(other, link)
  local title = other.title and pandoc.utils.stringify(other.title) or ""
  local address = other.address and pandoc.utils.stringify(other.address) or ""
  if title == pandoc.utils.stringify(link.content) or title == "" then
    return address ~= "" and address or title
  end
  return address ~= "" and (title .. ", " .. address) or title
end

-- In the whole handbook (`xref-see` set), a link to another chapter points at its heading,
-- and on paper says the page it is on. In a chapter printed alone (`xref-chapters` maps ids
-- to "title, address"), it names the chapter and where it is on the web.
local function cross_reference(meta)
  local see = meta["xref-see"] and pandoc.utils.stringify(meta["xref-see"])
  local chapters = meta["xref-chapters"] or {}
  return function(link)
    local id = chapter_of(link.target)
    if id == nil then
      return nil
    end
    if see and FORMAT == "typst" then
      local opening = pandoc.RawInline("typst", "#xref(" .. typst_string(id) .. ", " .. typst_string(see) .. ")[")
      local inlines = { opening }
      for _, inline in ipairs(link.content) do
        table.insert(inlines, inline)
      end
      table.insert(inlines, pandoc.RawInline("typst", "]"))
      return inlines
    elseif see then
      link.target = "#" .. id
      return link
    end
    local other = chapters[id]
    if other == nil then
      return pandoc.Span(link.content)
    end
    return { pandoc.Span(link.content), pandoc.Str(" (" .. where_is(other, link) .. ")") }
  end
end

-- Runs after every other function here (pandoc calls Pandoc last), when the metadata that
-- sets the writing space is known.
function Pandoc(doc)
  if FORMAT ~= "typst" and FORMAT ~= "docx" then
    return nil
  end
  local mm = write_in_mm(doc.meta)
  doc = doc:walk({ Link = cross_reference(doc.meta) })
  return doc:walk({
    Table = function(tbl)
      for _, body in ipairs(tbl.bodies) do
        for _, row in ipairs(body.body) do
          for i, cell in ipairs(row.cells) do
            row.cells[i] = writing_space(cell, mm)
          end
        end
      end
      return tbl
    end,
  })
end

-- A task list (- [ ] item) shows its ballot boxes on paper instead of bullets.
local function is_task_list(list)
  local first = list.content[1] and list.content[1][1]
  local inlines = first and first.content
  local mark = inlines and inlines[1]
  return mark ~= nil and mark.t == "Str" and (mark.text == "☐" or mark.text == "☒")
end

function BulletList(list)
  if FORMAT ~= "typst" or not is_task_list(list) then
    return nil
  end
  return {
    pandoc.RawBlock("typst", "#[\n#set list(marker: [])"),
    list,
    pandoc.RawBlock("typst", "]"),
  }
end

-- Content may point only where a reader expects. pandoc embeds an image's file in a .docx and
-- fetches a remote one while building, so an address such as /etc/passwd or a tracking URL
-- would leak the build machine's files or announce the build: only a picture published under
-- images/ is kept (see Image above), anything else is shown as its description. Links keep their text and
-- lose any address that is not the web, e-mail or a place in the document (javascript:,
-- file:, data: ...).
local function safe_target(target)
  local scheme = target:match("^([%a][%w+.-]*):")
  if scheme == nil then
    -- A place in this document; a page of the site has no address in print, so its link
    -- keeps its text only (the gate on the output refuses relative file links).
    return target:match("^#") ~= nil
  end
  scheme = scheme:lower()
  return scheme == "http" or scheme == "https" or scheme == "mailto"
end

function Link(link)
  if safe_target(link.target) then
    return nil
  end
  -- A link to another chapter is resolved once the metadata is known (see Pandoc above).
  if chapter_of(link.target) and (FORMAT == "typst" or FORMAT == "docx") then
    return nil
  end
  return link.content
end

-- Cleaning first, as a pass of its own, so nothing this filter writes is taken for content's.
return {
  CLEAN,
  { Blocks = keep_with_callouts },
  { Pandoc = keep_closings },
  {
    Image = Image, Div = Div, Table = Table, BulletList = BulletList, Link = Link,
    Pandoc = Pandoc,
  },
}
