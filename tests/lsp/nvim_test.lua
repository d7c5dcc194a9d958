-- Neovim's built-in LSP client on budc lsp, run headless by tests/lsp/editors.py after the
-- configuration block of docs/workflow.md (its init file). The workspace is a copy of the
-- 西港镇 example in $BUDC_WS; each check prints "ok …" or "FAIL …"; the editor quits with
-- status 0 when all hold.
local ws = vim.env.BUDC_WS
local failures = 0
local function say(s) io.stdout:write(s .. '\n') end
local function check(cond, what)
  if cond then say('ok ' .. what) else failures = failures + 1; say('FAIL ' .. what) end
  return cond
end
local function finish()
  say(failures == 0 and 'nvim: all checks passed' or ('nvim: ' .. failures .. ' failures'))
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end
local function code(d) -- 0.7 keeps the LSP diagnostic under user_data
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
local function bufdiags(path, pred)
  local b = vim.fn.bufnr(path)
  if b < 0 then return {} end
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(b)) do
    if not pred or pred(d) then table.insert(out, d) end
  end
  return out
end
-- The first place of `needle` in the current buffer: 1-based line, 0-based byte column.
local function find(needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local c = line:find(needle, 1, true)
    if c then return i, c - 1 end
  end
end
local function request(method, params)
  local r = vim.lsp.buf_request_sync(0, method, params, 10000) or {}
  for _, res in pairs(r) do
    if res.result then return res.result end
  end
end

local ok, err = pcall(function()
  -- Open the example: the file type and the server come from the configuration.
  vim.cmd('edit ' .. ws .. '/projects.bud')
  check(vim.bo.filetype == 'bud', 'a .bud file has the file type bud (editors/vim/ftdetect)')
  check(vim.fn.exists('b:current_syntax') == 1 and vim.b.current_syntax == 'bud',
        'editors/vim/syntax/bud.vim highlights it')
  local l, c = find('功能科目 2120801')
  check(vim.fn.synIDattr(vim.fn.synID(l, c + 1, 1), 'name') == 'budKeyword', '功能科目 is a keyword')

  -- Its diagnostics: the example's eight warnings of projects.bud, placed in UTF-16 units.
  check(vim.wait(20000, function() return #bufdiags(ws .. '/projects.bud') >= 8 end, 50),
        'the diagnostics of projects.bud arrive')
  local ds = bufdiags(ws .. '/projects.bud')
  check(#ds == 8, 'eight diagnostics in projects.bud (' .. #ds .. ')')
  local codes = {}
  for _, d in ipairs(ds) do codes[code(d)] = (codes[code(d)] or 0) + 1 end
  check(codes.BUD409 == 3 and codes.BUD401 == 3 and codes.BUD402 == 1 and codes.BUD403 == 1,
        'with their codes: 3 BUD409, 3 BUD401, BUD402, BUD403')
  check(#bufdiags(ws .. '/performance.bud') == 1, 'and performance.bud, not open, has its BUD410')
  -- BUD402 is on the cost ceiling ≤500万元 of project 3 (line 53): Neovim turned the server's
  -- UTF-16 column into a byte column; it must be the byte column of '≤500万元' in the line.
  for _, d in ipairs(ds) do
    if code(d) == 'BUD402' then
      local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1]
      local want = line:find('≤500万元', 1, true) - 1
      check(d.col == want and d.end_col == want + #'≤500万元',
            'BUD402 stands under ≤500万元 after the CJK text before it (byte ' .. d.col .. ', want ' .. want .. ')')
      check(d.message:find('925.00万元', 1, true) ~= nil, 'its message: ' .. d.message)
    end
  end

  -- Hover a function code.
  l, c = find('2130705')
  vim.api.nvim_win_set_cursor(0, { l, c + 2 })
  local h = request('textDocument/hover', vim.lsp.util.make_position_params())
  local text = h and (h.contents.value or h.contents) or ''
  check(text:find('对村民委员会和村党支部的补助', 1, true) and text:find('267.59万元', 1, true),
        'hover of 2130705 gives its name and what the budget puts on it')

  -- Complete a code from its Chinese name: a new line in project 4 "  功能科目 对村民".
  l = find('金额 22.20 一般公共预算拨款')
  vim.api.nvim_buf_set_lines(0, l, l, false, { '  功能科目 对村民' })
  -- The cursor after the last character, as in insert mode (normal mode has it on "民").
  local params = vim.lsp.util.make_position_params()
  params.position = { line = l, character = vim.str_utfindex('  功能科目 对村民') }
  local r = request('textDocument/completion', params)
  local items = r and (r.items or r) or {}
  local item
  for _, it in ipairs(items) do
    if it.label == '2130705 对村民委员会和村党支部的补助' then item = it end
  end
  if check(item ~= nil, 'completion offers 2130705 for 对村民') then
    vim.lsp.util.apply_text_edits({ item.textEdit }, 0, 'utf-16')
    local got = vim.api.nvim_buf_get_lines(0, l, l + 1, false)[1]
    check(got == '  功能科目 2130705 对村民委员会和村党支部的补助',
          'its edit writes code and name in place of what was typed: ' .. got)
  end
  vim.api.nvim_buf_set_lines(0, l, l + 1, false, {})

  -- Format: spaces out of place, and formatting puts them back as budc fmt does.
  local before = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  l = find('  金额 22.20 一般公共预算拨款')
  vim.api.nvim_buf_set_lines(0, l - 1, l, false, { '金额    22.20    一般公共预算拨款' })
  if vim.lsp.buf.format then vim.lsp.buf.format({ timeout_ms = 10000 }) else vim.lsp.buf.formatting_sync(nil, 10000) end
  check(table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') == before,
        'formatting restores the canonical layout')

  -- Break a total in basic.bud: its errors appear in budget.bud and declared.bud.
  vim.cmd('edit ' .. ws .. '/basic.bud')
  l, c = find('308.98')
  vim.api.nvim_buf_set_text(0, l - 1, c + 2, l - 1, c + 3, { '9' })
  local function errors(f)
    return bufdiags(ws .. '/' .. f, function(d) return d.severity == vim.diagnostic.severity.ERROR end)
  end
  check(vim.wait(20000, function() return #errors('declared.bud') == 5 and #errors('budget.bud') == 1 end, 50),
        'breaking 308.98 → 309.98 puts five errors in declared.bud and one in budget.bud')
  local e = errors('budget.bud')[1]
  check(e and code(e) == 'BUD301', 'budget.bud: BUD301, a control total that no longer matches')
  check(#errors('basic.bud') == 0, 'basic.bud itself has none')
  local disk = io.open(ws .. '/basic.bud'):read('*a')
  check(disk:find('308.98', 1, true) ~= nil, 'the file on disk is unchanged: the buffer was checked')
  vim.api.nvim_buf_set_text(0, l - 1, c + 2, l - 1, c + 3, { '8' })
  check(vim.wait(20000, function() return #errors('declared.bud') == 0 and #errors('budget.bud') == 0 end, 50),
        'restoring it takes the errors away')
end)
check(ok, 'the script ran: ' .. tostring(err))
finish()
