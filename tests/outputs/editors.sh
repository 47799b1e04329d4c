# tests/outputs/editors.sh — tests of the editor support (docs/editors.md),
# sourced by tests/run.sh, which gives $budc, $outdir, ok and bad.
# Everything is in functions so that no variable leaks into the steps after.
#
#   1. the VS Code files are valid JSON, and the extension's manifest names
#      the grammar and the language configuration it ships
#   2. the TextMate grammar: editors/vscode/test/test-grammar.js tokenizes
#      every examples/ and stdlib/ .bud file (and the ```bud blocks of the
#      documents) with vscode-textmate and checks the scopes (npm ci first
#      when its node_modules is missing; node and npm come from make deps)
#   3. Vim, when it is installed (it is not a dependency): the syntax loads
#      without an error on every .bud file of the tree, nothing there is
#      highlighted as an error, and a fixture gets the expected groups
#   4. the manual page docs/budc.1 renders without a warning, and names
#      every command of `budc --help` and every flag of `budc --help` and
#      `budc help COMMAND`
#   5. the bash completion: commands, flags, warning codes, explain codes
#   6. make install-man installs the manual page and the completion
#
# shellcheck shell=bash disable=SC2154  # $budc and $outdir come from tests/run.sh

# editors_json: step 1.
editors_json() {
    if ! command -v node >/dev/null 2>&1; then
        bad "editors: node is not installed, so the VS Code files were not checked; run make deps (scripts/install-deps.sh editors installs nodejs and npm)"
        return
    fi
    local out
    if out=$(node - <<'EOF' 2>&1
const fs = require('fs');
const dir = 'editors/vscode/';
const read = (f) => JSON.parse(fs.readFileSync(dir + f, 'utf8'));
const pkg = read('package.json');
const conf = read('language-configuration.json');
const g = read('syntaxes/bud.tmLanguage.json');
read('test/package.json');
read('test/package-lock.json');
const must = (c, m) => { if (!c) throw new Error(m); };
must(pkg.publisher === 'budc' && pkg.engines.vscode === '^1.60.0', 'publisher budc, engines.vscode ^1.60.0');
const lang = pkg.contributes.languages.find((l) => l.id === 'bud');
must(lang && lang.extensions.includes('.bud'), 'a language bud for .bud');
must(fs.existsSync(dir + lang.configuration), 'the language configuration exists');
const gr = pkg.contributes.grammars.find((x) => x.language === 'bud');
must(gr && gr.scopeName === 'source.bud' && g.scopeName === 'source.bud', 'the grammar source.bud');
must(fs.existsSync(dir + gr.path), 'the grammar file exists');
must(conf.comments.lineComment === '//', 'line comment //');
for (const p of ['"', '“', '{', '(', '['])
    must(conf.autoClosingPairs.some((x) => x.open === p), `auto-closing ${p}`);
EOF
    ); then ok; else bad "editors: the VS Code files"; printf '%s\n' "$out" | tail -5; fi
}

# editors_grammar: step 2.
editors_grammar() {
    local dir=editors/vscode/test out start end
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        bad "editors: node and npm are needed to test the TextMate grammar; run make deps (scripts/install-deps.sh editors installs the Debian packages nodejs and npm)"
        return
    fi
    if [ ! -d "$dir/node_modules/vscode-textmate" ] || [ ! -d "$dir/node_modules/vscode-oniguruma" ]; then
        echo "note: editors: installing vscode-textmate 9.3.2 and vscode-oniguruma 2.0.1 (pinned by editors/vscode/test/package-lock.json) from the npm registry into editors/vscode/test/node_modules: the grammar test tokenizes with the engine VS Code itself uses; nothing is installed outside that folder" >&2
        if ! out=$(cd "$dir" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error 2>&1); then
            bad "editors: npm ci in $dir failed, so the TextMate grammar was not tested"
            printf '%s\n' "$out" | tail -5
            return
        fi
    fi
    start=$(date +%s%N)
    if out=$(node "$dir/test-grammar.js" 2>&1); then
        ok
        end=$(date +%s%N)
        printf 'editors: %s (%d ms with node start-up)\n' "$(printf '%s\n' "$out" | tail -1)" $(((end - start) / 1000000))
    else
        bad "editors: the TextMate grammar (node $dir/test-grammar.js)"
        printf '%s\n' "$out" | tail -25
    fi
}

# editors_vim: step 3.
editors_vim() {
    local d=$outdir/editors-vim out
    if ! command -v vim >/dev/null 2>&1; then
        bad "editors: vim is not installed, so the Vim syntax was not tested; run make deps (scripts/install-deps.sh editors installs vim)"
        return
    fi
    mkdir -p "$d"
    # every .bud file of the tree: the syntax loads, nothing is an error
    find examples stdlib -name '*.bud' | sort > "$d/files"
    cat > "$d/scan.vim" <<'EOF'
let s:out = []
" the characters that may be highlighted as an error: all but blanks, ASCII
" letters and digits and CJK ideographs
let s:pat = '[^ \t0-9A-Za-z_\u4e00-\u9fff]'
for s:f in readfile(g:files)
  exe 'silent edit ' . fnameescape(s:f)
  if &filetype !=# 'bud' || get(b:, 'current_syntax', '') !=# 'bud'
    call add(s:out, s:f . ': filetype ' . &filetype . ', syntax ' . get(b:, 'current_syntax', 'none'))
    continue
  endif
  for s:l in range(1, line('$'))
    let s:text = getline(s:l)
    let s:at = match(s:text, s:pat)
    while s:at >= 0
      let s:name = synIDattr(synID(s:l, s:at + 1, 1), 'name')
      if s:name =~# 'Error\|BadChar'
        call add(s:out, s:f . ':' . s:l . ':' . (s:at + 1) . ': highlighted as ' . s:name)
        break
      endif
      let s:at = match(s:text, s:pat, s:at + 1)
    endwhile
  endfor
endfor
if v:errmsg != ''
  call add(s:out, 'vim: ' . v:errmsg)
endif
call writefile(s:out, g:result)
EOF
    rm -f "$d/scan.out"
    if out=$(vim -X -Es -n -u NONE -c 'set rtp+=editors/vim' -c 'syntax on' \
        -c "let g:files = '$d/files' | let g:result = '$d/scan.out'" \
        -c "source $d/scan.vim" -c 'qa!' 2>&1) && [ -f "$d/scan.out" ] && [ ! -s "$d/scan.out" ]; then ok
    else bad "editors: the Vim syntax on the .bud files of the tree"; { printf '%s\n' "$out"; cat "$d/scan.out" 2>/dev/null; } | head -10; fi

    # a fixture: LINE, TEXT, the syntax group at its first occurrence
    cat > "$d/fixture.bud" <<'EOF'
// comment
import "std/2023.bud"
unit 本级 "名称" {
  spending 一般公共预算 {
    2070699 基本 582.20
  }
  project "x" {
    indicators {
      数量指标 "发布" - ≥500篇 "依据"
    }
    purchase C06010000 "新闻服务" measure 次 quantity 1 amount 60.00
  }
}
narrative {
  "收入{收入.合计 = 1.00}万元 \"q\" {{x}}"
}
rule 三公不增 warning "m": 三公.合计 <= 上年.三公.合计
unit本级 source，
ｕｎｉｔ 本级 "x" ｛ nature 事业 ｝
  一般公共预算 １２０６．６５ 90%
    code 2070699
EOF
    printf '%s\n' \
        '1	//	budComment' '2	import	budInclude' '2	"std	budString' \
        '3	unit	budKeyword' '3	本级	budName' '3	{	budBrace' \
        '4	spending	budKeyword' '4	一般公共预算	budSource' \
        '5	2070699	budCode' '5	基本	' '5	582.20	budNumber' \
        '9	-	budDash' '9	≥	budComparison' '9	500	budOpNumber' '9	篇	budUnit' \
        '11	purchase	budKeyword' '11	C06010000	budPcode' '11	measure	budField' \
        '11	次	budUnit' '11	amount	budField' '11	60.00	budNumber' \
        '15	"收入	budParagraph' '15	收入.	budExprWord' '15	=	budComparison' \
        '15	\"	budEscape' '15	{{	budBraceEscape' \
        '17	rule	budKeyword' '17	三公不增	budRuleName' '17	warning	budSeverity' \
        '17	三公.合计	budExprWord' '17	<=	budComparison' \
        '18	unit本级	' '18	source	' '18	，	budBadChar' \
        '19	ｕｎｉｔ	budKeyword' '19	nature	budKeyword' '19	｝	budBrace' \
        '20	１２０６．６５	budNumber' '20	%	budPercent' \
        '21	code	budKeyword' '21	2070699	budCodeArg' > "$d/expect"
    cat > "$d/probe.vim" <<'EOF'
set cpo&vim
let s:out = []
for s:e in readfile(g:expect)
  let [s:l, s:text, s:want] = split(s:e, "\t", 1)
  let s:col = stridx(getline(s:l), s:text) + 1
  if s:col == 0
    call add(s:out, 'line ' . s:l . ': no ' . s:text)
    continue
  endif
  let s:got = synIDattr(synID(s:l, s:col, 1), 'name')
  if s:got !=# s:want
    call add(s:out, 'line ' . s:l . ': ' . s:text . ' is ' . (s:got == '' ? 'nothing' : s:got)
          \ . ', expected ' . (s:want == '' ? 'nothing' : s:want))
  endif
endfor
if v:errmsg != ''
  call add(s:out, 'vim: ' . v:errmsg)
endif
call writefile(s:out, g:result)
EOF
    rm -f "$d/probe.out"
    if out=$(vim -X -Es -n -u NONE -c 'set rtp+=editors/vim' -c 'syntax on' -c "e $d/fixture.bud" \
        -c "let g:expect = '$d/expect' | let g:result = '$d/probe.out'" \
        -c "source $d/probe.vim" -c 'qa!' 2>&1) && [ -f "$d/probe.out" ] && [ ! -s "$d/probe.out" ]; then ok
    else bad "editors: the Vim syntax groups of $d/fixture.bud"; { printf '%s\n' "$out"; cat "$d/probe.out" 2>/dev/null; } | head -10; fi
}

# editors_man_text: docs/budc.1 as text, on standard output.
editors_man_text() {
    if command -v man >/dev/null 2>&1; then
        MANWIDTH=200 man -l docs/budc.1 2>/dev/null
    else
        groff -man -Tutf8 -rLL=200n docs/budc.1 2>/dev/null | col -b
    fi
}

# editors_man: step 4.
editors_man() {
    local warnings text cmd cmds flags f missing=
    if command -v man >/dev/null 2>&1; then
        warnings=$(MANWIDTH=80 man --warnings -l docs/budc.1 2>&1 >/dev/null)
    elif command -v groff >/dev/null 2>&1; then
        warnings=$(groff -man -Tutf8 -ww -z docs/budc.1 2>&1)
    else
        bad "editors: neither man nor groff is installed, so docs/budc.1 was not rendered; run make deps (scripts/install-deps.sh editors installs man-db and groff)"
        return
    fi
    if [ -z "$warnings" ]; then ok; else bad "editors: docs/budc.1 renders with warnings"; printf '%s\n' "$warnings" | head -10; fi

    text=$(editors_man_text)
    # the commands of `budc --help`: the indented words under "commands:"
    cmds=$("$budc" --help | awk '/^commands:/ { f = 1; next } /^[^ ]/ || /^$/ { f = 0 } f && /^  [a-z]/ { print $1 }')
    if [ -z "$cmds" ]; then bad "editors: no command found in budc --help"; return; fi
    for cmd in $cmds; do
        printf '%s\n' "$text" | grep -qE "^ +$cmd( |\$)" || missing="$missing $cmd"
    done
    # the flags of every help text: the words that start with - or -- and a letter
    flags=$({ "$budc" --help; for cmd in $cmds; do "$budc" help "$cmd"; done; } |
        grep -oE '(^|[][ (,;|])--?[A-Za-z][A-Za-z0-9_=-]*' | sed 's/^[][ (,;|]//' | sort -u)
    for f in $flags; do
        printf '%s\n' "$text" | grep -qE -- "(^|[^A-Za-z0-9_-])$f(\$|[^A-Za-z0-9_=-])" || missing="$missing $f"
    done
    if [ -z "$missing" ]; then ok
    else bad "editors: docs/budc.1 does not document:$missing (from budc --help and budc help COMMAND)"; fi
    # and the exit statuses, the environment, the files
    for f in 'EXIT STATUS' ENVIRONMENT BUDC_STDLIB FILES EXAMPLES 'SEE ALSO' docs/language.md; do
        printf '%s\n' "$text" | grep -qF -- "$f" || { bad "editors: docs/budc.1 has no $f"; continue; }
        ok
    done
}

# editors_completion: step 5.
editors_completion() {
    local out cmd f flags=
    # every flag of `budc help COMMAND`, as COMMAND:FLAG with its placeholder
    # cut off (-Wno-CODE is -Wno-, -fmax-errors=N is -fmax-errors=)
    for cmd in $("$budc" --help | awk '/^commands:/ { f = 1; next } /^[^ ]/ || /^$/ { f = 0 } f && /^  [a-z]/ { print $1 }'); do
        for f in $("$budc" help "$cmd" | grep -oE '(^|[][ (,;|])--?[A-Za-z][A-Za-z0-9_=-]*' |
            sed -E 's/^[][ (,;|]//; s/([a-z])([=-])[A-Z]+$/\1\2/; s/^-W[A-Z]+$/-W/' | sort -u); do
            flags="$flags $cmd:$f"
        done
    done
    if out=$(bash --norc --noprofile 2>&1 <<EOF
. completion/budc.bash
fails=0
# every flag of the help texts is completed
for cf in $flags; do
    case " \$(_budc_options "\${cf%%:*}") " in *" \${cf#*:} "*) ;; *)
        echo "completion: budc \${cf%%:*} does not offer \${cf#*:} (budc help \${cf%%:*} lists it)"; fails=1 ;; esac
done
# t LINE WANT...: completing LINE (the cursor at its end) offers every WANT
t() {
    local line=\$1 w; shift
    COMP_LINE=\$line; COMP_POINT=\${#line}
    read -r -a COMP_WORDS <<<"\$line"
    [[ \$line == *' ' ]] && COMP_WORDS+=('')
    COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1))
    _budc
    for w; do
        case " \${COMPREPLY[*]} " in *" \$w "*) ;; *)
            echo "completion of '\$line': no '\$w' in: \${COMPREPLY[*]}"; fails=1 ;; esac
    done
}
t 'budc ch' check
t 'budc ' check json csv latex html sqlite build init fmt diff parse explain help --help --version
t '$budc check -W' -Werror -Werror= -Wno-
t '$budc check -Wno-catalog-l' -Wno-catalog-local
t '$budc check -fm' -fmax-errors=
t '$budc explain E-SY' E-SYNTAX
t '$budc explain e-sy' E-SYNTAX
t '$budc explain W-INDICATOR-CO' W-INDICATOR-COPY
t 'budc csv --' --long --bom
t 'budc fmt --c' --check
t 'budc diff --format ' text json
t 'budc help exp' explain
t 'budc check examples/county' examples/county-culture-bureau-2023.bud
t 'budc build -o exa' examples
[ \${#COMPREPLY[@]} -eq 1 ] || { echo "budc build -o exa: \${COMPREPLY[*]}"; fails=1; }
t 'budc check stdlib/2023/ru' stdlib/2023/rules.bud
exit \$fails
EOF
    ); then ok; else bad "editors: bash completion"; printf '%s\n' "$out" | head -10; fi
}

# editors_install: step 6.
editors_install() {
    local d=$outdir/editors-install out
    rm -rf "$d"
    if out=$(make --no-print-directory -s install-man DESTDIR="$d" PREFIX=/usr 2>&1) &&
        cmp -s docs/budc.1 "$d/usr/share/man/man1/budc.1" &&
        cmp -s completion/budc.bash "$d/usr/share/bash-completion/completions/budc"; then ok
    else bad "editors: make install-man DESTDIR=$d"; printf '%s\n' "$out" | head -5; fi
    if make --no-print-directory -n install DESTDIR="$d" PREFIX=/usr 2>/dev/null | grep -q 'share/man/man1/budc.1'; then ok
    else bad "editors: make install does not install the manual page"; fi
}

editors_json
editors_grammar
editors_vim
editors_man
editors_completion
editors_install
