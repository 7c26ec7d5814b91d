-- Appended to the README's Neovim snippet by smoke.sh: prints what the server gave, then quits.
vim.defer_fn(function()
  local d = vim.diagnostic.get(0)
  print("filetype: " .. vim.bo.filetype .. ", diagnostics: " .. #d)
  if not d[1] then return vim.cmd("cquit 1") end
  print("first: line " .. (d[1].lnum + 1) .. ": " .. d[1].message)
  local params = vim.lsp.util.make_position_params()
  params.position = { line = d[1].lnum, character = d[1].col }
  for _, r in pairs(vim.lsp.buf_request_sync(0, "textDocument/hover", params, 5000) or {}) do
    print("hover: " .. string.sub(r.result.contents.value, 1, 60):gsub("\n", " "))
  end
  local range = { start = params.position, ["end"] = params.position }
  local ca = vim.lsp.buf_request_sync(0, "textDocument/codeAction",
    { textDocument = params.textDocument, range = range, context = { diagnostics = {} } }, 5000)
  for _, r in pairs(ca or {}) do for _, a in ipairs(r.result or {}) do print("action: " .. a.title) end end
  vim.cmd("qa!")
end, 4000)
