" .bud files are department budgets (部门预算): see syntax/bud.vim.
autocmd BufRead,BufNewFile *.bud setfiletype bud
