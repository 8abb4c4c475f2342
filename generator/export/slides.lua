-- pandoc Lua filter for module slides (runs after typeset.lua). slides.py writes one level-1
-- heading per slide and puts editors' text below level 2, so one slide per heading holds
-- whatever that text contains:
--   * headings inside a slide become bold paragraphs and rules are dropped, because either
--     would start a new slide in PowerPoint;
--   * images become their description, so no file is ever read into a deck;
--   * in Typst, each slide's content is wrapped in #slide(title: [...])[...] (slides.typ) and
--     speaker notes are left out: the PDF is what the room sees.

function Header(header)
  if header.level > 1 then
    return pandoc.Para({ pandoc.Strong(header.content) })
  end
  return nil
end

function HorizontalRule()
  return {}
end

function Image(image)
  return pandoc.Span(image.caption)
end

local function is_notes(block)
  return block.t == "Div" and block.classes:includes("notes")
end

local function typst_slide(header, content)
  -- "#[]" first: a title such as "2. Practice" would otherwise open a numbered list.
  local title = { pandoc.RawInline("typst", "#slide(title: [#[]") }
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
  if FORMAT ~= "typst" then
    return nil
  end
  local blocks, header, content = {}, nil, {}
  local function flush()
    if header then
      for _, block in ipairs(typst_slide(header, content)) do
        table.insert(blocks, block)
      end
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
  doc.blocks = blocks
  return doc
end
