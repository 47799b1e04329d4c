" budc budgets: *.bud files are the Bud language (editors/vim/syntax/bud.vim)
autocmd BufRead,BufNewFile *.bud set filetype=bud
