" Vim syntax file
" Language:    Bud — department budgets compiled by budc (docs/language.md)
" Filenames:   *.bud
" Maintainer:  the budc project (editors/vim/syntax/bud.vim)
"
" The categories are those of the TextMate grammar in editors/vscode (see
" docs/editors.md): comments, strings with their escapes and the {…} quotes
" of narrative paragraphs, keywords where a statement starts (a keyword
" anywhere else is an ordinary word), the function or economic code that
" starts a data row, procurement codes, numbers with their units of measure,
" comparison operators (full-width forms too), braces, and the punctuation
" that is an error outside a string (E-CHAR).  Nothing spans lines.

scriptencoding utf-8

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
syn sync minlines=1

" The scanner's character classes (grammar/lexer.l): a word starts with a
" letter, '_' or a non-ASCII character that is not punctuation, and goes on
" with those and digits (full-width ones too).
let s:wsi = 'A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2100-\u218f\u2460-\u24ff'
      \ . '\u2e80-\u2fff\u3005-\u3007\u303b\u3040-\ud7ff\ue000-\ufdff\uff21-\uff3a'
      \ . '\uff41-\uff5a\U00010000-\U0010ffff'
let s:di = '0-9\uff10-\uff19'
let s:ws = '[' . s:wsi . ']'
let s:w = '[' . s:wsi . s:di . ']'
let s:d = '[' . s:di . ']'
let s:sp = '[ \t\r\u3000\u00a0]'
let s:word = s:ws . s:w . '*'
let s:num = s:d . '\+\%([.．]' . s:d . '\+\)\='
let s:nb = '\%(' . s:w . '\)\@<!'
let s:na = '\%(' . s:w . '\)\@!'
" where a statement or a data row starts: first on its line, or after {
let s:bol = '\%(^' . s:sp . '*\|[{｛]' . s:sp . '*\)\@<='
let s:sign = '\%(\%(^\|[ \t\r\u3000\u00a0{｛]\)\@<=[-+－＋]\)\='
let s:unit = s:ws . s:w . '*\%(' . s:sp . '*[/／]' . s:sp . '*' . s:ws . s:w . '*\)\='

function! s:fw(words) abort
  " the keywords typed in full-width letters (ｕｎｉｔ)
  return join(map(split(a:words, '\\|'),
        \ {_, k -> join(map(split(k, '\zs'), {_, c -> nr2char(char2nr(c) + 0xfee0)}), '')}), '\|')
endfunction

function! s:kw(words) abort
  return s:bol . '\%(' . a:words . '\|' . s:fw(a:words) . '\)' . s:na
endfunction

" Punctuation outside a string that budc rejects (E-CHAR); every other item
" is defined later and so wins where it matches too.
exe 'syn match budBadChar #[^ \t\r\n\u3000\u00a0' . s:wsi . s:di
      \ . '"{}()\[\]+\-*/%.:=<>!≥≤≧≦⩾⩽≠＝＜＞｛｝（）＋－＊／％×]#'
syn match budBadChar #!=\@!#

syn match budBrace      #[{}｛｝]#
syn match budDelimiter  #[()（）\[\].:]#
syn match budOperator   #[-+*/×＋－＊／]#
syn match budComparison #＞＝\|＜＝\|>=\|<=\|!=\|==\|[=<>≥≤≧≦⩾⩽≠＝＜＞]# nextgroup=budOpNumber skipwhite
exe 'syn match budOpNumber #' . s:sign . s:num . '# contained nextgroup=budUnit,budPercent skipwhite'
exe 'syn match budUnit #' . s:unit . '# contained'
syn match budPercent    #[%％]#

" numbers, with the unit of measure written right after them (500篇, 90%)
exe 'syn match budNumber #' . s:sign . s:nb . s:num . '# nextgroup=budUnit,budPercent'
" a blank cell, or an indicator description the same as its name
syn match budDash #\%(^\|[ \t\r\u3000\u00a0{｛]\)\@<=[-－]\ze\%([ \t\r\u3000\u00a0}｝]\|//\|$\)#
" paths: 支出.合计, 支出[207].基本
exe 'syn match budPath #' . s:nb . s:word . '\ze' . s:sp . '*[.\[]#'
exe 'syn match budPath #\.\@<=' . s:word . '#'
" procurement codes: C06010000
exe 'syn match budPcode #' . s:nb . '[A-Za-z]' . s:d . '\+' . s:na . '#'
" the function or economic code that starts a data row (3, 5 or 7 digits)
exe 'syn match budCode #' . s:bol . s:d . '\{3}\%(' . s:d . '\{2}\)\{0,2}\%(' . s:d
      \ . '\|[.．]' . s:d . '\)\@!#'

" strings: \" \\ \n \t; a narrative paragraph (a string that starts a row)
" and a heading quote computed values in {…}, with {{ and }} for braces
syn match budEscape      #\\["\\nt]# contained
syn match budEscapeError #\\\%([^"\\nt]\|$\)# contained
syn region budString start=#"# skip=#\\\\\|\\"# end=#"# end=#$# oneline contains=budEscape,budEscapeError
exe 'syn region budParagraph start=#' . s:bol . '"# skip=#\\\\\|\\"# end=#"# end=#$# oneline'
      \ . ' contains=budEscape,budEscapeError,budBraceEscape,budQuote,budQuoteError'
syn match budQuoteError  #}# contained
syn region budQuote matchgroup=budQuoteDelim start=#{# end=#}# end=#\ze["{]# end=#$# oneline contained
      \ contains=budEscape,budExprWord,budNumber,budComparison,budOperator,budDelimiter,budPcode
exe 'syn match budExprWord #' . s:nb . s:word . '# contained'
syn match budBraceEscape #{{\|}}# contained

" keywords where a statement starts
exe 'syn match budKeyword #' . s:kw('department\|year\|kind\|budget\|nature\|rank\|funding\|income\|carryover\|project'
      \ . '\|amount\|goal\|indicators\|result\|measure\|method\|quantity\|price\|sme\|source\|performance\|target'
      \ . '\|narrative\|glossary\|prior\|note\|assets\|planned\|procurement\|tracked\|problems') . '#'
exe 'syn match budKeyword #' . s:kw('code') . '# nextgroup=budCodeArg skipwhite'
exe 'syn match budCodeArg #' . s:num . s:na . '# contained'
exe 'syn match budInclude #' . s:kw('import') . '#'
" … and the names they declare: unit 本级, spending 一般公共预算, table 支出总表
exe 'syn match budKeyword #' . s:kw('unit\|table\|section\|catalog') . '# nextgroup=budName skipwhite'
exe 'syn match budKeyword #' . s:kw('spending\|economic\|sangong') . '# nextgroup=budSource skipwhite'
exe 'syn match budKeyword #' . s:kw('insert') . '# nextgroup=budInsert skipwhite'
exe 'syn match budKeyword #' . s:kw('money') . '# nextgroup=budUnit skipwhite'
exe 'syn match budName #' . s:word . '# contained'
exe 'syn match budSource #' . s:word . '# contained'
exe 'syn match budInsert #' . s:word . '# contained'
" heading "…" quotes computed values as a paragraph does
exe 'syn match budKeyword #' . s:kw('heading') . '# nextgroup=budParagraph skipwhite'
exe 'syn region budParagraph start=#\%(heading' . s:sp . '\+\)\@<="# skip=#\\\\\|\\"# end=#"# end=#$# oneline contained'
      \ . ' contains=budEscape,budEscapeError,budBraceEscape,budQuote,budQuoteError'
" purchase C06010000 "新闻服务" measure 次 quantity 1 price 60.00 amount 60.00 method 询价
exe 'syn region budPurchase matchgroup=budKeyword start=#' . s:kw('purchase') . '# end=#$# end=#\ze[{}｛｝]# oneline'
      \ . ' contains=budField,budPcode,budString,budNumber,budComparison,budOperator,budDash,budComment,budBadChar'
exe 'syn match budField #' . s:nb . '\%(quantity\|price\|amount\|sme\|method\)' . s:na . '# contained'
exe 'syn match budField #' . s:nb . 'measure' . s:na . '# contained nextgroup=budUnit skipwhite'
exe 'syn match budField #' . s:nb . 'source' . s:na . '# contained nextgroup=budSource skipwhite'
" rule NAME SEVERITY "message": condition
exe 'syn match budKeyword #' . s:kw('rule') . '# nextgroup=budRuleName skipwhite'
exe 'syn match budRuleName #' . s:word . '# contained nextgroup=budSeverity skipwhite'
exe 'syn match budSeverity #' . s:word . '# contained'
syn region budCondition matchgroup=budDelimiter start=#:# end=#$# oneline
      \ contains=budExprWord,budNumber,budComparison,budOperator,budDelimiter,budString,budPcode,budComment,budBadChar

" comments last: // outside a string ends the line
syn keyword budTodo TODO FIXME XXX contained
syn match budComment #//.*# contains=budTodo,@Spell

hi def link budComment     Comment
hi def link budTodo        Todo
hi def link budString      String
hi def link budParagraph   String
hi def link budEscape      SpecialChar
hi def link budBraceEscape SpecialChar
hi def link budEscapeError Error
hi def link budQuoteError  Error
hi def link budQuoteDelim  Special
hi def link budQuote       Special
hi def link budExprWord    Identifier
hi def link budKeyword     Statement
hi def link budInclude     Include
hi def link budField       Keyword
hi def link budName        Type
hi def link budSource      Constant
hi def link budInsert      Constant
hi def link budRuleName    Function
hi def link budSeverity    Constant
hi def link budCode        Constant
hi def link budPcode       Constant
hi def link budCodeArg     Constant
hi def link budNumber      Number
hi def link budOpNumber    Number
hi def link budUnit        Type
hi def link budPercent     Type
hi def link budComparison  Operator
hi def link budOperator    Operator
hi def link budDash        Special
hi def link budPath        Identifier
hi def link budBrace       Delimiter
hi def link budDelimiter   Delimiter
hi def link budBadChar     Error

let b:current_syntax = 'bud'

let &cpo = s:cpo_save
unlet s:cpo_save
