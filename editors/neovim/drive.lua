-- Headless check driven by neovim.test.ts: opens convex/tasks.ts of the project in $SA_PROJECT with the
-- schema-assistant language server attached through this folder's setup, then writes what Neovim's own LSP client
-- saw (diagnostics, completion, hover, definition, diagnostics after an unsaved edit) as JSON to $SA_OUT.
package.path = vim.env.SA_EDITOR_DIR .. "/?.lua;" .. package.path
require("schema-assistant").setup({ cmd = { vim.env.SA_NODE, vim.env.SA_BIN, "lsp", "--stdio" } })

local out = {}
local function finish()
  local f = io.open(vim.env.SA_OUT, "w")
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.env.SA_PROJECT .. "/convex/tasks.ts")
  local buf = vim.api.nvim_get_current_buf()
  local function diagnostics()
    return vim.tbl_map(function(d)
      return { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity, message = d.message }
    end, vim.diagnostic.get(buf))
  end
  out.attached = vim.wait(30000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 50)
  vim.wait(30000, function() return #vim.diagnostic.get(buf) >= 6 end, 50)
  out.diagnostics = diagnostics()

  -- Position of a needle in the buffer (0-based line, character after `delta`).
  local function pos(needle, delta)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local s = line:find(needle, 1, true)
      if s then return { line = i - 1, character = s - 1 + delta } end
    end
  end
  local function request(method, position)
    local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = position }
    local responses = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
    for _, r in pairs(responses) do if r.result then return r.result end end
  end

  local completion = request("textDocument/completion", pos('withIndex("by_owner"', 11))
  out.completion = vim.tbl_map(function(i) return { label = i.label, detail = i.detail } end, completion or {})
  local hover = request("textDocument/hover", pos('query("tasks")', 8))
  out.hover = hover and hover.contents and hover.contents.value
  local def = request("textDocument/definition", pos('withIndex("by_owner"', 12))
  out.definition = def and (def.uri and def or def[1])

  local analyze = vim.lsp.buf_request_sync(buf, "workspace/executeCommand", { command = "schema-assistant.analyze" }, 20000) or {}
  for _, r in pairs(analyze) do if r.result then out.analyze = r.result.output end end

  -- An unsaved edit: the unknown index "by_title" becomes "by_owner"; the server must see the buffer, not the disk.
  local at = pos('withIndex("by_title"', 11)
  vim.api.nvim_buf_set_text(buf, at.line, at.character, at.line, at.character + #"by_title", { "by_owner" })
  vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == "OPT109" then return false end end
    return true
  end, 50)
  out.after_edit = diagnostics()
  out.modified = vim.api.nvim_buf_get_option(buf, "modified")
end)
if not ok then out.error = tostring(err) end
finish()
