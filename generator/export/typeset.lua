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

local function title_inlines(div, kind)
  local title = div.attributes["title"]
  if title == nil then
    title = kind:sub(1, 1):upper() .. kind:sub(2)
  end
  if title == "" then
    return nil
  end
  local blocks = pandoc.read(title, "markdown").blocks
  if #blocks == 0 then
    return nil
  end
  return blocks[1].content
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

function Div(div)
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
local function column_is_empty(tbl, column)
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      local cell = row.cells[column]
      if cell and #cell.contents > 0 then
        return false
      end
    end
  end
  return true
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
local SPACE = {
  typst = "#v(1.6em)",
  docx = "<w:r><w:br/></w:r>",
}

local function writing_space(cell)
  if #cell.contents == 0 then
    local format = FORMAT == "typst" and "typst" or "openxml"
    cell.contents = { pandoc.Plain({ pandoc.RawInline(format, SPACE[FORMAT]) }) }
  end
  return cell
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

function Table(tbl)
  fill_in_widths(tbl)
  if FORMAT == "docx" then
    bold_header(tbl)
  end
  if SPACE[FORMAT] then
    for _, body in ipairs(tbl.bodies) do
      for _, row in ipairs(body.body) do
        for i, cell in ipairs(row.cells) do
          row.cells[i] = writing_space(cell)
        end
      end
    end
  end
  return tbl
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
