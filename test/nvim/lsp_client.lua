-- Neovim (0.7+) as the LSP client of a language server over stdio, driven by a JSON plan.
-- Run by test/nvim/run.mjs; it only records what the server sends, the runner judges it.
--
-- Environment:
--   NEWSDESK_LSP_CMD   JSON array: the server command, e.g. ["node", "dist/server.js", "--stdio"]
--   NEWSDESK_ROOT      the workspace folder (a Jekyll site)
--   NEWSDESK_PLAN      JSON file: [{ file, codeActions?, apply? = { code, title? }, edits? = [{ line, text }] }]
--                      (apply: the first code action with an edit for a diagnostic with that code and, if given,
--                      a title containing `title`)
--   NEWSDESK_OUT       JSON file written at the end: one record per plan step
--   NEWSDESK_TIMEOUT   milliseconds to wait for each publish (default 10000)

local json_decode, json_encode = vim.fn.json_decode, vim.fn.json_encode

local function read_file(path)
  local f = assert(io.open(path, 'r'))
  local text = f:read('*a')
  f:close()
  return text
end

local function write_file(path, text)
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

local function fail(message)
  io.stderr:write('lsp_client.lua: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local cmd = json_decode(os.getenv('NEWSDESK_LSP_CMD') or 'null')
local root = os.getenv('NEWSDESK_ROOT')
local plan_file = os.getenv('NEWSDESK_PLAN')
local out_file = os.getenv('NEWSDESK_OUT')
local timeout = tonumber(os.getenv('NEWSDESK_TIMEOUT') or '10000')
if type(cmd) ~= 'table' or not root or not plan_file or not out_file then
  fail('NEWSDESK_LSP_CMD, NEWSDESK_ROOT, NEWSDESK_PLAN and NEWSDESK_OUT must be set')
  return
end
local plan = json_decode(read_file(plan_file))

-- Every publishDiagnostics, as the server sent it (LSP ranges, codes, sources), counted per URI.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  local entry = published[result.uri] or { count = 0 }
  entry.count = entry.count + 1
  entry.version = result.version
  entry.diagnostics = result.diagnostics
  published[result.uri] = entry
  return default_publish(err, result, ctx, config)
end

local server_messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, result)
  table.insert(server_messages, result.message)
end
vim.lsp.handlers['window/logMessage'] = function(_, result)
  table.insert(server_messages, result.message)
end

local exit_info
local client_id = vim.lsp.start_client({
  name = 'under-test',
  cmd = cmd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
  on_exit = function(code, signal)
    exit_info = { code = code, signal = signal }
  end,
})
if not client_id then
  fail('vim.lsp.start_client failed for ' .. table.concat(cmd, ' '))
  return
end

-- True once the server has published for `uri` after `count_before` publishes; false on timeout or server exit.
local function wait_for_publish(uri, bufnr, count_before)
  return vim.wait(timeout, function()
    local entry = published[uri]
    if exit_info or not entry or entry.count <= count_before then
      return exit_info ~= nil
    end
    -- A server that sends versions must have caught up with the buffer; one that does not, any new publish.
    return entry.version == nil or entry.version == vim.NIL or entry.version == vim.lsp.util.buf_versions[bufnr]
  end, 20) and not exit_info
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function snapshot(uri, bufnr)
  local entry = published[uri] or {}
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message })
  end
  return { lsp = entry.diagnostics or {}, shown = shown, published = entry.count or 0 }
end

local function code_actions_for(client, bufnr, diagnostics)
  local actions = {}
  for _, diagnostic in ipairs(diagnostics) do
    local response = client.request_sync('textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = diagnostic.range,
      context = { diagnostics = { diagnostic } },
    }, timeout, bufnr)
    for _, action in ipairs((response and response.result) or {}) do
      table.insert(actions, { forCode = diagnostic.code, action = action })
    end
  end
  return actions
end

local results = {}
local client = vim.lsp.get_client_by_id(client_id)
for _, step in ipairs(plan) do
  local record = { file = step.file }
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. step.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  record.filetype = vim.bo[bufnr].filetype
  vim.lsp.buf_attach_client(bufnr, client_id)
  record.arrived = wait_for_publish(uri, bufnr, 0)
  record.initial = snapshot(uri, bufnr)

  if step.codeActions or step.apply then
    record.actions = code_actions_for(client, bufnr, record.initial.lsp)
  end

  if step.apply then
    record.applied = false
    for _, found in ipairs(record.actions) do
      local action = found.action
      local title_ok = not step.apply.title or (action.title or ''):find(step.apply.title, 1, true)
      if action.edit and found.forCode == step.apply.code and title_ok then
        local before = (published[uri] or { count = 0 }).count
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        record.applied = action.title
        record.textAfterFix = buffer_text(bufnr)
        record.arrivedAfterFix = wait_for_publish(uri, bufnr, before)
        record.afterFix = snapshot(uri, bufnr)
        break
      end
    end
  end

  if step.edits then
    record.afterEdits = {}
    for _, edit in ipairs(step.edits) do
      local before = (published[uri] or { count = 0 }).count
      vim.api.nvim_buf_set_lines(bufnr, edit.line, edit.line + 1, false, { edit.text })
      local arrived = wait_for_publish(uri, bufnr, before)
      local state = snapshot(uri, bufnr)
      state.arrived = arrived
      state.text = buffer_text(bufnr)
      table.insert(record.afterEdits, state)
    end
  end
  table.insert(results, record)
end

write_file(out_file, json_encode({
  results = results,
  serverExit = exit_info or vim.NIL,
  offsetEncoding = client.offset_encoding,
  serverMessages = server_messages,
  lspLog = vim.lsp.get_log_path(),
  nvim = vim.version(),
}))
client.stop()
vim.cmd('qall!')
