-- Appended to the README's Neovim snippets by smoke.sh: prints what the server gave, then quits.
local function say(s) io.stdout:write(s, "\n") end
vim.defer_fn(function()
  local d = vim.diagnostic.get(0)
  say("filetype: " .. vim.bo.filetype .. ", diagnostics: " .. #d)
  if not d[1] then return vim.cmd("cquit 1") end
  say("first: line " .. (d[1].lnum + 1) .. ": " .. d[1].message)
  local params = vim.lsp.util.make_position_params()
  params.position = { line = d[1].lnum, character = d[1].col }
  for _, r in pairs(vim.lsp.buf_request_sync(0, "textDocument/hover", params, 5000) or {}) do
    say("hover: " .. string.sub(r.result.contents.value, 1, 60):gsub("\n", " "))
  end
  local range = { start = params.position, ["end"] = params.position }
  local ca = vim.lsp.buf_request_sync(0, "textDocument/codeAction",
    { textDocument = params.textDocument, range = range, context = { diagnostics = {} } }, 5000)
  for _, r in pairs(ca or {}) do for _, a in ipairs(r.result or {}) do say("action: " .. a.title) end end
  for _, name in ipairs({ "metabase.xml", "MetaBase_2026.xml", "other.xml" }) do
    vim.cmd("edit " .. name)
    say("filetype of " .. name .. ": " .. vim.bo.filetype)
  end
  vim.cmd("qa!")
end, 4000)
