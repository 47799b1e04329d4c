# tests/outputs/latex.sh — tests of `budc latex` and of the PDF of `budc
# build` (docs/latex.md), sourced by tests/run.sh, which gives $budc,
# $outdir, ok and bad.  Everything is in functions so that no variable leaks
# into the steps after it; scratch files go to $outdir/latex/.
# shellcheck disable=SC2154 # budc and outdir come from tests/run.sh
#
#   1. golden outputs: the .tex of both examples and of
#      tests/outputs/latex/hostile.bud equals tests/outputs/latex/NAME.tex
#      byte for byte (so the output is deterministic), on standard output
#      and with -o
#   2. escaping, without TeX: the .tex of hostile.bud, whose every kind of
#      free text holds \input{/etc/passwd}, \write18{touch /tmp/pwned} and
#      \ { } $ & # ^ _ % ~, has none of them as a command
#   3. when xelatex is installed: `budc build` of the seed example
#      (examples/qinhuangdao-media-center-2023.bud) writes DIR/NAME.pdf.
#      budc runs xelatex twice in a temporary directory; a stand-in for
#      xelatex first on PATH records its arguments (the flags must be
#      -interaction=nonstopmode -halt-on-error -no-shell-escape, and the
#      first run -no-pdf: only the second writes the PDF) and keeps
#      its log, which must have no LaTeX error and no missing character; so
#      the seed is typeset twice in all.  With pdftotext: the PDF holds the
#      seed's key figures and the titles of every table
#   4. when xelatex is installed: the injection test.  hostile.bud's .tex is
#      typeset twice (the contents go through the .toc file) with shell
#      escape deliberately ENABLED; it must compile, /tmp/pwned must not
#      exist, and the PDF's text must show the hostile strings literally and
#      nothing of /etc/passwd
#   5. without xelatex (PATH holding nothing, as budc needs nothing on PATH):
#      `budc build` still writes the .tex, .json and CSV, exits 0 and says
#      that the PDF was not written
#   6. what TeX cannot set (issue 17, finding 7): a 1,000-letter word of the
#      说明 gets a place to break every 10 letters past the 40th (and with
#      xelatex the PDF builds); a paragraph of 20,000 characters checks, one
#      of 20,001 is E-PARAGRAPH-LONG at the paragraph; an xelatex that
#      never ends is ended after --tex-timeout=1 (a stand-in that sleeps):
#      exit 2, no PDF, its log kept, the message naming the limit; an
#      xelatex that stops on an error: the message quotes TeX's error and
#      the line of the LaTeX it stopped at; a bad --tex-timeout is exit 2
#   7. deterministic PDFs (issue 17): the seed built again, with TeX really
#      run (BUDC_TEX_CACHE empty: not the suite's kept results), gives the
#      same PDF bytes as in step 3; its date (and XeTeX's in its Creator)
#      is 00:00 in Beijing on 1 January 2023 (a 预算 is dated its own
#      year); a caller's SOURCE_DATE_EPOCH is kept
#
# To bless the golden files after an intended change of the output (review
# the diff: it is the document departments publish):
#
#   for f in examples/*.bud tests/outputs/latex/hostile.bud; do
#       build/budc latex "$f" -o "tests/outputs/latex/$(basename "$f" .bud).tex"
#   done

# latex_inputs: the budgets whose .tex is pinned (one per line).
latex_inputs() {
    local f
    for f in examples/*.bud tests/outputs/latex/*.bud; do
        [ -f "$f" ] && printf '%s\n' "$f"
    done
}

# latex_golden DIR: step 1, writing the outputs into DIR.
latex_golden() {
    local dir=$1 f name want
    while IFS= read -r f; do
        name=$(basename "$f" .bud)
        want=tests/outputs/latex/$name.tex
        if [ ! -f "$want" ]; then
            bad "latex: $want is missing (see the bless recipe in tests/outputs/latex.sh)"
            continue
        fi
        "$budc" latex "$f" > "$dir/$name.stdout.tex" 2>/dev/null
        if cmp -s "$dir/$name.stdout.tex" "$want"; then ok
        else bad "latex: budc latex $f differs from $want"; diff "$dir/$name.stdout.tex" "$want" | head -10; fi
        if "$budc" latex "$f" -o "$dir/$name.tex" 2>/dev/null && cmp -s "$dir/$name.tex" "$want"; then ok
        else bad "latex: budc latex $f -o FILE differs from $want"; fi
    done < <(latex_inputs)
}

# latex_escaping DIR: step 2, on DIR/hostile.tex.
latex_escaping() {
    local tex=$1/hostile.tex cmd
    [ -s "$tex" ] || { bad "latex: no .tex of hostile.bud"; return; }
    for cmd in '\input{' '\write18{' '^^'; do
        if grep -qF "$cmd" "$tex"; then bad "latex: hostile.tex holds '$cmd' unescaped"; else ok; fi
    done
    # each hostile character arrives escaped at least once
    for cmd in '\textbackslash{}input\{/etc/passwd\}' '\textbackslash{}write18\{touch /tmp/pwned\}' \
        '\$\&\#\textasciicircum{}\_\%\textasciitilde{}' '\textless{}\textgreater{}\textbar{}\textquotedbl{}'; do
        if grep -qF "$cmd" "$tex"; then ok; else bad "latex: hostile.tex lacks '$cmd'"; fi
    done
}

# latex_pdf_text PDF WHAT STRING...: each STRING is in the text of PDF
# (white space ignored: table cells wrap).
latex_pdf_text() {
    local pdf=$1 what=$2 text s
    shift 2
    text=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr -d ' \t\n\f')
    [ -n "$text" ] || { bad "latex: pdftotext read nothing from $pdf"; return; }
    for s in "$@"; do
        s=$(printf '%s' "$s" | tr -d ' ')
        case "$text" in *"$s"*) ok ;; *) bad "latex: $what: the PDF's text lacks '$s'" ;; esac
    done
}

# latex_build_seed DIR: step 3.
latex_build_seed() {
    local dir=$1 real name=qinhuangdao-media-center-2023 out flags want
    real=$(command -v xelatex)
    mkdir -p "$dir/bin" "$dir/build"
    cat > "$dir/bin/xelatex" <<EOF
#!/bin/sh
# Stands in for xelatex under budc build: records the arguments, runs the
# real one, keeps its log.
printf '%s\n' "\$*" >> '$dir/xelatex.args'
'$real' "\$@"
st=\$?
cp budget.log '$dir/seed.log' 2>/dev/null
exit \$st
EOF
    chmod +x "$dir/bin/xelatex"
    if out=$(PATH="$dir/bin:$PATH" "$budc" build "examples/$name.bud" -o "$dir/build" 2>&1); then ok
    else bad "latex: budc build examples/$name.bud failed"; printf '%s\n' "$out" | grep -v warning | tail -5; fi
    if [ -s "$dir/build/$name.pdf" ]; then ok; else bad "latex: budc build wrote no $dir/build/$name.pdf"; fi
    if cmp -s "$dir/build/$name.tex" "tests/outputs/latex/$name.tex"; then ok
    else bad "latex: the .tex of budc build differs from the golden one"; fi
    # twice (the table of contents), the first run without the PDF
    want="-interaction=nonstopmode -halt-on-error -no-shell-escape budget.tex"
    flags=$(cat "$dir/xelatex.args" 2>/dev/null)
    if [ "$flags" = "-no-pdf $want"$'\n'"$want" ]; then ok
    else bad "latex: budc build ran xelatex as '$flags', expected '-no-pdf $want', then '$want'"; fi
    if [ -s "$dir/seed.log" ] && ! grep -q '^!' "$dir/seed.log"; then ok
    else bad "latex: the seed's xelatex log has an error"; grep -A3 '^!' "$dir/seed.log" | head -8; fi
    if ! grep -q 'Missing character' "$dir/seed.log" 2>/dev/null; then ok
    else bad "latex: the seed's PDF lacks characters"; grep 'Missing character' "$dir/seed.log" | head -3; fi
    command -v pdftotext > /dev/null || { bad "latex: pdftotext is not installed (poppler-utils)"; return; }
    latex_pdf_text "$dir/build/$name.pdf" "the seed" 1206.65 772.32 434.33 9.31 268.08 \
        部门预算收支总表 部门预算收入总表 部门预算支出总表 部门预算财政拨款收支总表 \
        部门预算一般公共预算财政拨款支出表 部门预算一般公共预算财政拨款基本支出表 \
        部门预算政府性基金预算财政拨款支出表 部门预算国有资本经营预算财政拨款支出表 \
        '部门预算财政拨款“三公”经费支出表' 部门机构设置情况 部门政府采购预算 部门固定资产占用情况表 \
        1、报刊机构合作宣传费绩效目标表 21、作协人员工资费用绩效目标表 栏次 序号 \
        无政府基金预算财政拨款预算，空表列示。
}

# latex_deterministic DIR: step 7 (after step 3, whose PDF it compares).
latex_deterministic() {
    local dir=$1 name=qinhuangdao-media-center-2023 date
    rm -rf "$dir/again" "$dir/epoch"
    BUDC_TEX_CACHE='' "$budc" build "examples/$name.bud" -o "$dir/again" > /dev/null 2>&1
    if [ -s "$dir/again/$name.pdf" ] && cmp -s "$dir/build/$name.pdf" "$dir/again/$name.pdf"; then ok
    else bad "latex: the seed built twice gives two different PDFs ($dir/build, $dir/again)"; fi
    date=$(pdfinfo -isodates "$dir/again/$name.pdf" 2> /dev/null | sed -n 's/^CreationDate: *//p')
    if [ "$date" = 2022-12-31T16:00:00Z ]; then ok
    else bad "latex: the seed's PDF is dated '$date', expected 2022-12-31T16:00:00Z (1 January 2023 in Beijing)"; fi
    # the clock's minute is nowhere either (XeTeX's Creator, by default the
    # time of the run: two builds in one minute would not show it)
    date=$(pdfinfo "$dir/again/$name.pdf" 2> /dev/null | sed -n 's/^Creator: *//p')
    if [ "$date" = "XeTeX output 2022.12.31:1600" ]; then ok
    else bad "latex: the seed's PDF says Creator '$date', expected 'XeTeX output 2022.12.31:1600'"; fi
    SOURCE_DATE_EPOCH=1700000000 "$budc" build "examples/$name.bud" -o "$dir/epoch" > /dev/null 2>&1
    date=$(pdfinfo -isodates "$dir/epoch/$name.pdf" 2> /dev/null | sed -n 's/^CreationDate: *//p')
    if [ "$date" = 2023-11-14T22:13:20Z ]; then ok
    else bad "latex: with SOURCE_DATE_EPOCH=1700000000 the seed's PDF is dated '$date', expected 2023-11-14T22:13:20Z"; fi
}

# latex_injection DIR: step 4.
latex_injection() {
    local dir=$1/hostile run st=0 apos="'"
    mkdir -p "$dir"
    rm -f /tmp/pwned
    "$budc" latex tests/outputs/latex/hostile.bud -o "$dir/budget.tex" 2>/dev/null
    for run in first second; do # the second reads the contents back from the .toc
        (cd "$dir" && xelatex -interaction=nonstopmode -halt-on-error -shell-escape budget.tex) \
            > "$dir/xelatex.$run.out" 2>&1 || st=1
    done
    if [ $st -eq 0 ] && [ -s "$dir/budget.pdf" ]; then ok
    else bad "latex: hostile.bud does not typeset"; grep -A3 '^!' "$dir/budget.log" | head -8; fi
    if [ ! -e /tmp/pwned ]; then ok; else bad "latex: \\write18 ran: /tmp/pwned exists"; fi
    command -v pdftotext > /dev/null || { bad "latex: pdftotext is not installed (poppler-utils), so the text of hostile.bud's PDF was not checked"; return; }
    # shellcheck disable=SC1003 # the backslashes are meant literally
    latex_pdf_text "$dir/budget.pdf" "hostile.bud" '\input{/etc/passwd}' '\write18{touch /tmp/pwned}' \
        '\ { } $ & # ^ _ % ~' '^^5c ~ % &' "<>|\"$apos\`--,,[x]" '正科级\\' '项目\input{/etc/passwd}#1'
    if pdftotext "$dir/budget.pdf" - 2>/dev/null | grep -q '^root:'; then
        bad "latex: the PDF of hostile.bud holds /etc/passwd"
    else ok; fi
}

# latex_no_xelatex DIR: step 5.
latex_no_xelatex() {
    local dir=$1 name=qinhuangdao-media-center-2023 out st
    mkdir -p "$dir/nobin" "$dir/nopdf"
    out=$(PATH="$dir/nobin" "$budc" build "examples/$name.bud" -o "$dir/nopdf" 2>&1)
    st=$?
    if [ $st -eq 0 ]; then ok; else bad "latex: budc build without xelatex exits $st"; fi
    if [ -s "$dir/nopdf/$name.tex" ] && [ -s "$dir/nopdf/$name.json" ] && [ -d "$dir/nopdf/$name-csv" ]
    then ok; else bad "latex: budc build without xelatex did not write the other outputs"; fi
    if [ ! -e "$dir/nopdf/$name.pdf" ]; then ok; else bad "latex: a PDF without xelatex?"; fi
    case "$out" in
    *"xelatex is not installed"*) ok ;;
    *) bad "latex: budc build without xelatex does not say so: $(printf '%s\n' "$out" | tail -1)" ;;
    esac
}

# latex_long_budget FILE TEXT: a small budget whose 说明 is the paragraph TEXT.
latex_long_budget() {
    python3 - "$1" "$2" <<'EOF'
import sys
path, text = sys.argv[1], sys.argv[2]
with open(path, "w", encoding="utf-8") as f:
    f.write('department 999 "测试局" {\n  year 2023\n  money 万元\n}\n'
            'unit 本级 "测试局本级" {\n  nature 行政\n  income {\n    一般公共预算 1.00\n  }\n'
            '  spending 一般公共预算 {\n    2010101 基本 1.00\n  }\n'
            '  economic 一般公共预算 {\n    30101 1.00\n  }\n}\n'
            'narrative {\n  section 预算安排总体情况 "二、部门预算安排的总体情况" {\n'
            f'    "{text}"\n  }}\n}}\n')
EOF
}

latex_unsettable() {
    local dir=$1 word out status
    word=$(python3 -c 'print("说明" + "a" * 1000)')
    latex_long_budget "$dir/long-word.bud" "$word"
    out=$("$budc" latex "$dir/long-word.bud" 2>/dev/null)
    if printf '%s\n' "$out" | grep -q 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\allowbreak{}aaaaaaaaaa\\allowbreak{}' &&
        ! printf '%s\n' "$out" | grep -q 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'; then ok
    else bad "latex: a 1,000-letter word gets a break every 10 letters past the 40th"; fi
    latex_long_budget "$dir/para-20000.bud" "$(python3 -c 'print("说" * 20000)')"
    if "$budc" check "$dir/para-20000.bud" 2>&1 | grep -q 'E-PARAGRAPH-LONG'; then
        bad "latex: a paragraph of 20,000 characters is E-PARAGRAPH-LONG"
    else ok; fi
    latex_long_budget "$dir/para-20001.bud" "$(python3 -c 'print("说" * 20001)')"
    out=$("$budc" check "$dir/para-20001.bud" 2>&1)
    status=$?
    if [ $status = 1 ] && printf '%s\n' "$out" | grep -q "^$dir/para-20001.bud:19:5: error: this paragraph has 20001 characters; a paragraph of the 说明 has at most 20000, .*\[E-PARAGRAPH-LONG\]$"; then ok
    else bad "latex: a paragraph of 20,001 characters: exit $status"; printf '%s\n' "$out" | head -3 | cut -c1-200; fi
    # a stand-in xelatex that never ends, and one that stops on an error
    mkdir -p "$dir/slow-bin" "$dir/bad-bin"
    printf '#!/bin/sh\nsleep 30\n' > "$dir/slow-bin/xelatex"
    printf '#!/bin/sh\necho "! Undefined control sequence."\necho "l.42 Some text of the paragraph"\nexit 1\n' \
        > "$dir/bad-bin/xelatex"
    chmod +x "$dir/slow-bin/xelatex" "$dir/bad-bin/xelatex"
    out=$(PATH="$dir/slow-bin:$PATH" "$budc" build --tex-timeout=1 "$dir/long-word.bud" -o "$dir/slow" 2>&1)
    status=$?
    if [ $status = 2 ] && [ ! -e "$dir/slow/long-word.pdf" ] && [ -e "$dir/slow/long-word.xelatex.log" ] &&
        printf '%s\n' "$out" | grep -q "^budc: error: xelatex did not finish $dir/slow/long-word.pdf within 1 s (--tex-timeout=N gives it longer)"; then ok
    else bad "latex: --tex-timeout=1 with an xelatex that never ends: exit $status"; printf '%s\n' "$out" | tail -2; fi
    out=$(PATH="$dir/bad-bin:$PATH" "$budc" build "$dir/long-word.bud" -o "$dir/bad" 2>&1)
    status=$?
    if [ $status = 2 ] && printf '%s\n' "$out" | grep -q "^budc: error: xelatex could not typeset $dir/bad/long-word.pdf: Undefined control sequence., at line 42 of the LaTeX, in the text ending 'Some text of the paragraph'; its output is in $dir/bad/long-word.xelatex.log$"; then ok
    else bad "latex: an xelatex that stops on an error: exit $status"; printf '%s\n' "$out" | tail -2; fi
    expect_status 2 "build --tex-timeout=x" "$budc" build --tex-timeout=x "$dir/long-word.bud" -o "$dir/bad"
    expect_status 2 "check --tex-timeout=1 (build only)" "$budc" check --tex-timeout=1 "$dir/long-word.bud"
    if command -v xelatex > /dev/null; then
        if "$budc" build "$dir/long-word.bud" -o "$dir/long" > /dev/null 2>&1 && [ -s "$dir/long/long-word.pdf" ]; then ok
        else bad "latex: the PDF of a 1,000-letter word"; fi
    fi
}

latex_tests() {
    local dir
    mkdir -p "$outdir/latex"
    dir=$(cd "$outdir/latex" && pwd) # absolute: budc runs xelatex elsewhere
    latex_golden "$dir"
    latex_escaping "$dir"
    latex_no_xelatex "$dir"
    latex_unsettable "$dir"
    if command -v xelatex > /dev/null; then
        latex_build_seed "$dir"
        latex_deterministic "$dir"
        latex_injection "$dir"
    else
        bad "latex: xelatex is not installed, so the PDF tests were not run; run make deps (texlive-xetex, texlive-lang-chinese)"
    fi
}

latex_tests
