-- pandoc Lua filter for module slides (runs after typeset.lua). slides.py writes one level-1
-- heading per slide, with a class naming its layout (`layout-points`, `layout-section` ...),
-- and puts editors' text below level 2, so one slide per heading holds whatever that text
-- contains:
--   * headings inside a slide become bold paragraphs and rules are dropped, because either
--     would start a new slide in PowerPoint;
--   * images become their description, so no file is ever read into a deck, except inside
--     the `slide-picture` div of a picture slide, where a picture addressed `images/<name>`
--     (validated, and the only files in pandoc's resource path) is kept;
--   * in Typst, each slide's content is wrapped in
--     #slide(kind: "...", title: [...])[...] (slides.typ), the timer div in #timer[...],
--     and speaker notes are left out: the PDF is what the room sees.

local PICTURE = "^images/[a-z0-9]+[a-z0-9/-]*%.[a-z]+$"

local function described(image)
  return pandoc.Span(image.caption)
end

local function safe_picture(image)
  if image.src:match(PICTURE) and not image.src:find("%.%.") then
    -- Screen readers read the alt text; the caption is what the room sees under it.
    image.attributes["alt"] = pandoc.utils.stringify(image.caption)
    return image
  end
  return described(image)
end

local function is_notes(block)
  return block.t == "Div" and block.classes:includes("notes")
end

local function timer(div)
  if FORMAT ~= "typst" then
    return div.content
  end
  local blocks = { pandoc.RawBlock("typst", "#timer[") }
  for _, block in ipairs(div.content) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

local function picture(div)
  local kept = div.content:walk({ Image = safe_picture })
  if FORMAT ~= "typst" then
    return kept
  end
  local blocks = { pandoc.RawBlock("typst", "#picture[") }
  for _, block in ipairs(kept) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

local function slide_body(blocks)
  local out = {}
  for _, block in ipairs(blocks) do
    if block.t == "Header" and block.level > 1 then
      table.insert(out, pandoc.Para({ pandoc.Strong(block.content) }))
    elseif block.t == "HorizontalRule" then
      -- dropped: it would start a new slide
    elseif block.t == "Div" and block.classes:includes("slide-picture") then
      for _, inner in ipairs(picture(block)) do
        table.insert(out, inner)
      end
    elseif block.t == "Div" and block.classes:includes("timer") then
      for _, inner in ipairs(timer(block)) do
        table.insert(out, inner)
      end
    else
      table.insert(out, pandoc.walk_block(block, {
        Image = described,
        Header = function(h) return pandoc.Para({ pandoc.Strong(h.content) }) end,
        HorizontalRule = function() return {} end,
      }))
    end
  end
  return out
end

local function layout_of(header)
  for _, class in ipairs(header.classes) do
    local name = class:match("^layout%-(%a+)$")
    if name then
      return name
    end
  end
  return "points"
end

local function typst_slide(header, content)
  -- "#[]" first: a title such as "2. Practice" would otherwise open a numbered list.
  local opening = '#slide(kind: "' .. layout_of(header) .. '", title: [#[]'
  local title = { pandoc.RawInline("typst", opening) }
  for _, inline in ipairs(header.content) do
    table.insert(title, inline)
  end
  table.insert(title, pandoc.RawInline("typst", "])["))
  local blocks = { pandoc.Plain(title) }
  for _, block in ipairs(content) do
    if not is_notes(block) then
      table.insert(blocks, block)
    end
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

function Pandoc(doc)
  local slides, header, content = {}, nil, {}
  local function flush()
    if header then
      table.insert(slides, { header = header, content = slide_body(content) })
    end
  end
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      flush()
      header, content = block, {}
    elseif header then
      table.insert(content, block)
    end
  end
  flush()
  local blocks = {}
  for _, slide in ipairs(slides) do
    if FORMAT == "typst" then
      for _, block in ipairs(typst_slide(slide.header, slide.content)) do
        table.insert(blocks, block)
      end
    else
      -- The layout class has done its work (slides.py reads the layouts from the model).
      slide.header.classes = {}
      table.insert(blocks, slide.header)
      for _, block in ipairs(slide.content) do
        table.insert(blocks, block)
      end
    end
  end
  doc.blocks = blocks
  return doc
end
