-- Neovim (0.7+) setup for the Schema Assistant language server. Put this file on your runtimepath (or copy it into
-- init.lua) and call require("schema-assistant").setup(). Starts `schema-assistant lsp --stdio` for TypeScript and
-- JavaScript buffers inside a Convex project (a folder with convex/schema.ts or convex.json).
local M = {}

local function project_root(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while dir and dir ~= "" do
    if vim.fn.filereadable(dir .. "/convex/schema.ts") == 1 or vim.fn.filereadable(dir .. "/convex.json") == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then return nil end
    dir = parent
  end
end

local clients = {}

--- opts.cmd: the command to run (default { "npx", "schema-assistant", "lsp", "--stdio" })
function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { "npx", "schema-assistant", "lsp", "--stdio" }
  vim.api.nvim_create_autocmd("FileType", {
    pattern = { "typescript", "javascript", "typescriptreact", "javascriptreact" },
    callback = function(args)
      local root = project_root(vim.api.nvim_buf_get_name(args.buf))
      if not root then return end
      if not clients[root] then
        clients[root] = vim.lsp.start_client({ name = "schema-assistant", cmd = cmd, root_dir = root, on_attach = opts.on_attach })
      end
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end,
  })
end

return M
