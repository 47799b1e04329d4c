# shellcheck shell=bash
# tests/outputs/hostile.sh — hostile inputs (docs/hostile-inputs.md), the
# regression corpus tests/regress/, outputs that survive failures and
# signals, and determinism across locales.  Sourced by tests/run.sh, which
# gives $budc, $outdir, ok and bad; scratch files go to $outdir/hostile/.
# Everything is in functions (hostile_*) that are unset at the end.
# shellcheck disable=SC2154 # budc and outdir come from tests/run.sh
#
#   1. encoding: an empty file, 64 KiB of random bytes (seeded), 1 MiB of NUL
#      bytes, invalid UTF-8 (GBK, truncated, overlong, surrogate, beyond
#      U+10FFFF): the first diagnostic exactly (file, line, column, code),
#      the cap of 50 with the count of the rest; a BOM with CRLF line ends is
#      accepted (exit 0, the same JSON as the LF file)
#   2. a 10 MB line (a string, a word, a number): an answer within 10 s, with
#      diagnostics of a sensible size (< 100 KB)
#   3. 100,000 nested blocks, parentheses (rule and quote) and minus signs:
#      E-NESTING; chains of 1,000,000 operators (rule, quote, budc parse)
#      and a chain of 3,000 imports: no crash
#   4. numbers: totals beyond 18 digits and 18 integer digits in 元 are
#      E-OVERFLOW at the amount (line and column), and write nothing;
#      overflow and division by zero in rules; too many decimals; negative
#      amounts wherever they make no sense (E-NEGATIVE at line and column)
#   5. duplicates, import cycles (self, three files), imports of a
#      directory, /dev/zero and a FIFO, prior "/dev/zero", an import outside
#      the project (the policy of docs/hostile-inputs.md: allowed)
#   6. the command line: a missing, an unreadable (as root: run as nobody
#      through setpriv, else a failure) and a directory input, /dev/null, a
#      pipe (/dev/stdin: read, its diagnostics at line and column); thousands of errors (50 shown and a count;
#      -fmax-errors=0 shows all)
#   7. tests/regress/*.bud: budc check, json and parse neither crash nor hang
#      (exit 0, 1 or 2 within 10 s) and no sanitizer report (make asan)
#   8. outputs: a broken budget leaves yesterday's out.json and build
#      directory byte for byte; SIGKILL as budc json is about to rename its
#      complete temporary (strace stops it there: no race) or during xelatex
#      leaves yesterday's file at each final name (the temporary remains
#      after SIGKILL: removed here); SIGTERM there leaves no temporary file
#      either, and during xelatex ends xelatex and removes budc's private
#      directory
#   9. determinism: `budc build` (all formats but the PDF) gives the same
#      bytes under LC_ALL=C TZ=UTC from the top directory and under C.UTF-8
#      (and zh_CN.UTF-8 when installed) TZ=Asia/Shanghai or
#      America/Los_Angeles from another directory with absolute paths

hostile_gen=tests/outputs/hostile/gen.py
hostile_base=tests/outputs/hostile/base.bud

# hostile_run SECS NAME CMD...: runs CMD with its output in $h/NAME.out and
# NAME.err, at most SECS seconds.  Sets h_status; returns 1 (after `bad`)
# when it hung, died of a signal or a sanitizer reported something.
hostile_run() {
    local secs=$1 name=$2 why=
    shift 2
    # (braces: bash's own "Segmentation fault" line goes nowhere)
    { timeout -k 2 "$secs" "$@" > "$h/$name.out" 2> "$h/$name.err"; } 2> /dev/null
    h_status=$?
    case $h_status in
    0 | 1 | 2) ;;
    124 | 137) why="no answer within ${secs}s (a hang)" ;;
    *) why="exit status $h_status$([ $h_status -gt 128 ] && echo " (killed by signal $((h_status - 128)))")" ;;
    esac
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' "$h/$name.err"; then
        why="${why:+$why; }a sanitizer report: $(grep -m1 -E 'ERROR:|runtime error:' "$h/$name.err" | cut -c1-160)"
    fi
    [ -z "$why" ] && return 0
    bad "hostile: $name ($*): $why"
    return 1
}

# hostile_expect NAME SECS STATUS FIRST CMD...: CMD must answer within SECS
# seconds with exit STATUS, and the first line of its standard error must
# match FIRST, where * stands for any text ("" for no output at all).
hostile_expect() {
    local name=$1 secs=$2 want=$3 first=$4 got pat
    shift 4
    pat=${first//\\/\\\\}
    pat=${pat//\[/\\[}
    pat=${pat//\]/\\]}
    pat=${pat//\?/\\?}
    hostile_run "$secs" "$name" "$@" || return 1
    got=$(head -1 "$h/$name.err" | cut -c1-300)
    # shellcheck disable=SC2053 # $pat is a pattern: its * match anything
    if [ "$h_status" -ne "$want" ]; then
        bad "hostile: $name: exit $h_status, expected $want; first line: $got"
    elif [ -z "$first" ] && [ -s "$h/$name.err" ]; then
        bad "hostile: $name: expected no diagnostics, got: $got"
    elif [ -n "$first" ] && [[ $got != $pat ]]; then # (unquoted: a pattern)
        bad "hostile: $name: first line '$got', expected '$first'"
    else
        ok
        return 0
    fi
    return 1
}

# hostile_small NAME LIMIT: the diagnostics of run NAME take less than LIMIT bytes.
hostile_small() {
    local n
    n=$(wc -c < "$h/$1.err")
    if [ "$n" -lt "$2" ]; then ok; else bad "hostile: $1: $n bytes of diagnostics (a line of 10 MB should not be printed whole; expected < $2)"; fi
}

# hostile_line FILE TEXT: the number of the first line of FILE holding TEXT.
hostile_line() {
    grep -nF -m1 -- "$2" "$1" | cut -d: -f1
}

# ---- 1. encoding ------------------------------------------------------------

hostile_encoding() {
    local f k exp first count
    # an empty file is an empty part of a budget: nothing to say
    : > "$h/empty.bud"
    hostile_expect empty 10 0 "" "$budc" check "$h/empty.bud"
    hostile_expect empty-json 10 1 "budc: error: $h/empty.bud has no 'department'*" "$budc" json "$h/empty.bud"
    # random bytes, NUL bytes, invalid UTF-8: the first error exactly, then the cap
    for k in random nul utf8-gbk utf8-truncated utf8-overlong utf8-surrogate utf8-beyond; do
        f=$h/$k.bud
        exp=$(python3 "$hostile_gen" "$k" "$f")
        first=$(printf '%s\n' "$exp" | head -1)
        count=$(printf '%s\n' "$exp" | tail -1)
        hostile_expect "$k" 10 1 "$first" "$budc" check "$f" || continue
        if [ "$count" -gt 50 ]; then
            if [ "$(tail -1 "$h/$k.err")" = "budc: note: $((count - 50)) more errors not shown (use -fmax-errors=0 to see all)" ]
            then ok; else bad "hostile: $k: the last line should count the $((count - 50)) errors not shown: $(tail -1 "$h/$k.err" | cut -c1-200)"; fi
        fi
    done
    hostile_expect random-json 10 1 "$(head -1 "$h/random.err")" "$budc" json "$h/random.bud" &&
        if [ -s "$h/random-json.out" ]; then bad "hostile: budc json of random bytes wrote to standard output"; else ok; fi
    hostile_small nul 100000
    # a BOM and CRLF line ends are accepted: the same JSON as the LF file
    mkdir -p "$h/lf" "$h/crlf"
    cp "$hostile_base" "$h/lf/budget.bud"
    python3 "$hostile_gen" bom-crlf "$h/crlf/budget.bud"
    hostile_expect bom-crlf 10 0 "" "$budc" check "$h/crlf/budget.bud"
    (cd "$h/lf" && "$h_budc" json budget.bud > ../lf.json 2>/dev/null)
    (cd "$h/crlf" && "$h_budc" json budget.bud > ../crlf.json 2>/dev/null)
    if [ -s "$h/lf.json" ] && cmp -s "$h/lf.json" "$h/crlf.json"; then ok
    else bad "hostile: the JSON of a budget with a BOM and CRLF line ends differs from the LF file's"; fi
    # an error in it is reported at the same line and column
    sed -i 's/^\(    2010101 基本 60.00\)\r$/\1 x\r/' "$h/crlf/budget.bud"
    hostile_expect bom-crlf-error 10 1 \
        "$h/crlf/budget.bud:$(hostile_line "$hostile_base" '2010101 基本 60.00'):22: error: *" \
        "$budc" check "$h/crlf/budget.bud"
}

# ---- 2. a line of 10 MB -----------------------------------------------------

hostile_long_lines() {
    local line
    python3 "$hostile_gen" long-string "$h/long-string.bud"
    python3 "$hostile_gen" long-word "$h/long-word.bud"
    python3 "$hostile_gen" long-number "$h/long-number.bud"
    hostile_expect long-string 10 0 "" "$budc" check "$h/long-string.bud"
    hostile_expect long-string-json 10 0 "" "$budc" json "$h/long-string.bud" -o "$h/long-string.json"
    hostile_expect long-word 10 1 "$h/long-word.bud:1:1: error: *[E-PLACE]" "$budc" check "$h/long-word.bud"
    hostile_small long-word 100000
    line=$(hostile_line "$hostile_base" '2010101 基本 60.00')
    hostile_expect long-number 10 1 "$h/long-number.bud:$line:16: error: *[E-NUMBER]" "$budc" check "$h/long-number.bud"
    hostile_small long-number 100000
    rm -f "$h"/long-*.bud "$h/long-string.json"
}

# ---- 3. nesting and long chains ---------------------------------------------

hostile_nesting() {
    local k
    # where bison's stack (10,000 entries) ends, as in tests/golden/syntax/deep-nesting
    for k in nest-blocks:2000:6 nest-parens-rule:1:10010 nest-parens-quote:3:10004 nest-minus:1:10010; do
        python3 "$hostile_gen" "${k%%:*}" "$h/${k%%:*}.bud"
        hostile_expect "${k%%:*}" 10 1 "$h/${k%%:*}.bud:${k#*:}: error: *[E-NESTING]" "$budc" check "$h/${k%%:*}.bud"
    done
    # left-deep trees (1+1+1+…): bison's stack stays small, so the parser
    # bounds their depth itself (200), and nothing recurses a million deep
    for k in chain-rule:87:28 chain-quote:89:7; do
        python3 "$hostile_gen" "${k%%:*}" "$h/${k%%:*}.bud"
        hostile_expect "${k%%:*}" 20 1 "$h/${k%%:*}.bud:${k#*:}: error: *[E-NESTING]" "$budc" check "$h/${k%%:*}.bud"
        hostile_run 20 "${k%%:*}-json" "$budc" json "$h/${k%%:*}.bud" && ok
    done
    python3 "$hostile_gen" chain-parse "$h/chain-parse.bud"
    hostile_run 20 chain-parse "$budc" parse "$h/chain-parse.bud" && ok
    # 3,000 files, each importing the next
    mkdir -p "$h/chain"
    python3 - "$h/chain" <<'EOF'
import sys
d = sys.argv[1]
for i in range(3000):
    open(f"{d}/f{i}.bud", "w").write(f'import "f{i + 1}.bud"\n' if i < 2999 else 'unit a "x" {\n}\n')
EOF
    hostile_expect import-chain 20 1 "$h/chain/f*.bud:1:8: error: imports nested more than * deep*[E-IMPORT]" \
        "$budc" check "$h/chain/f0.bud"
    rm -rf "$h"/chain "$h"/chain-*.bud "$h"/nest-*.bud
}

# ---- 4. numbers -------------------------------------------------------------

hostile_numbers() {
    # 11 units of 9e15 万元: the department's totals exceed 18 digits:
    # E-OVERFLOW at the amount where the sum passes them (the 11th unit's
    # income, line 128), and no output (never a wrong total)
    python3 "$hostile_gen" units-overflow "$h/units-overflow.bud"
    hostile_expect units-overflow 10 1 \
        "$h/units-overflow.bud:128:12: error: the income of this budget add up to more than budc can hold exactly (18 digits); * [E-OVERFLOW]" \
        "$budc" csv "$h/units-overflow.bud" -o "$h/units-overflow-csv"
    if [ ! -e "$h/units-overflow-csv" ]; then ok; else bad "hostile: a department total beyond 18 digits wrote CSV"; fi
    # 18 integer digits in 元: 999999999999999999.00 does not fit the
    # decimal type with its 2 decimals: E-OVERFLOW at the amount
    python3 "$hostile_gen" yuan-18-digits "$h/yuan.bud"
    hostile_expect yuan 10 1 \
        "$h/yuan.bud:8:12: error: the income '999999999999999999' is too large to hold exactly with 2 decimals (at most 16 digits before the point) [E-OVERFLOW]" \
        "$budc" csv "$h/yuan.bud" -o "$h/yuan-csv"
    if [ ! -e "$h/yuan-csv" ]; then ok; else bad "hostile: an amount of 18 integer digits in 元 wrote CSV"; fi
    # rules: overflow and division by zero are errors
    { cat "$hostile_base"; echo 'rule 大 error "m": 支出.合计 * 999999999999999999 * 999999999999999999 >= 0'; } > "$h/rule-overflow.bud"
    hostile_expect rule-overflow 10 1 "$h/rule-overflow.bud:87:*overflow*[E-RULE]" "$budc" check "$h/rule-overflow.bud"
    { cat "$hostile_base"; echo 'rule 零 error "m": 支出.合计 / (支出.合计 - 支出.合计) >= 0'; } > "$h/rule-div0.bud"
    hostile_expect rule-div0 10 1 "$h/rule-div0.bud:87:*division by zero*[E-RULE]" "$budc" check "$h/rule-div0.bud"
    # more decimals than the money unit allows: E-PRECISION, never rounded
    sed 's/^    2010101 基本 60.00$/    2010101 基本 60.005/' "$hostile_base" > "$h/precision.bud"
    hostile_expect precision 10 1 "$h/precision.bud:13:16: error: *'60.005'*[E-PRECISION]" "$budc" json "$h/precision.bud"
    if [ -s "$h/precision.out" ]; then bad "hostile: budc json wrote a budget with E-PRECISION"; else ok; fi
    # 10^30: E-NUMBER (also tests/golden/syntax/numbers)
    sed 's/^    2010101 基本 60.00$/    2010101 基本 1000000000000000000000000000000/' "$hostile_base" > "$h/big.bud"
    hostile_expect big 10 1 "$h/big.bud:13:16: error: number 1000000000000000000000000000000: overflow*[E-NUMBER]" "$budc" check "$h/big.bud"
}

# hostile_negative NAME OLD NEW COL: base.bud with line OLD replaced by NEW
# must give E-NEGATIVE at that line, column COL.
hostile_negative() {
    local name=$1 old=$2 new=$3 col=$4 line
    line=$(hostile_line "$hostile_base" "$old")
    python3 - "$hostile_base" "$h/$name.bud" "$old" "$new" <<'EOF'
import sys
src, out, old, new = sys.argv[1:]
text = open(src, encoding="utf-8").read()
assert old in text, old
open(out, "w", encoding="utf-8").write(text.replace(old, new, 1))
EOF
    hostile_run 10 "$name" "$budc" check "$h/$name.bud" || return
    if [ "$h_status" -eq 1 ] && grep -q "^$h/$name.bud:$line:$col: error: .*\[E-NEGATIVE\]$" "$h/$name.err"; then ok
    else bad "hostile: $name: expected E-NEGATIVE at $line:$col, got exit $h_status: $(grep -m1 ': error: ' "$h/$name.err" | cut -c1-200)"; fi
}

hostile_negatives() {
    hostile_negative neg-income '一般公共预算 100.00' '一般公共预算 -100.00' 12
    hostile_negative neg-spending '2010101 基本 60.00' '2010101 基本 -60.00' 16
    hostile_negative neg-economic '30101 55.50' '30101 -55.50' 11
    hostile_negative neg-sangong '公务接待费 1.00' '公务接待费 -1.00' 11
    hostile_negative neg-project 'amount 20.00' 'amount -20.00' 12
    hostile_negative neg-quantity 'quantity 10 price' 'quantity -10 price' 51
    hostile_negative neg-price 'price 2.00 amount' 'price -2.00 amount' 60
    hostile_negative neg-sme 'sme 8.00' 'sme -8.00' 82
    hostile_negative neg-prior '三公.合计 5.50' '三公.合计 -5.50' 9
}

# ---- 5. duplicates and imports ----------------------------------------------

hostile_imports() {
    local n peak
    { cat "$hostile_base"; printf 'department 902 "另一局" {\n  year 2023\n  money 万元\n}\n'; } > "$h/two-departments.bud"
    hostile_expect two-departments 10 1 "$h/two-departments.bud:87:1: error: a budget has one department*[E-DUPLICATE]" \
        "$budc" check "$h/two-departments.bud"
    { cat "$hostile_base"; printf 'unit 本级 "示例局" {\n  nature 行政\n}\n'; } > "$h/two-units.bud"
    hostile_expect two-units 10 1 "$h/two-units.bud:87:6: error: unit 本级 is defined twice*[E-DUPLICATE]" \
        "$budc" check "$h/two-units.bud"
    # cycles: a file importing itself, three files in a ring (with the chain)
    mkdir -p "$h/imports"
    printf 'import "self.bud"\n' > "$h/imports/self.bud"
    hostile_expect import-self 10 1 "$h/imports/self.bud:1:8: error: import cycle: *[E-IMPORT-CYCLE]" \
        "$budc" check "$h/imports/self.bud"
    printf 'import "b.bud"\n' > "$h/imports/a.bud"
    printf 'import "c.bud"\n' > "$h/imports/b.bud"
    printf '\nimport "a.bud"\n' > "$h/imports/c.bud"
    hostile_expect import-ring 10 1 "$h/imports/c.bud:2:8: error: import cycle: *'$h/imports/a.bud'*[E-IMPORT-CYCLE]" \
        "$budc" check "$h/imports/a.bud"
    n=$(grep -c ": note: '.*' is imported here" "$h/import-ring.err")
    if [ "$n" -eq 2 ]; then ok; else bad "hostile: an import ring of three files: $n notes of the chain, expected 2"; fi
    # a directory
    printf 'import "."\n' > "$h/imports/dir.bud"
    hostile_expect import-dir 10 1 "$h/imports/dir.bud:1:8: error: cannot import '$h/imports/.': Is a directory [E-IMPORT]" \
        "$budc" check "$h/imports/dir.bud"
    # outside the project, by an absolute or a ../ path: allowed (docs/hostile-inputs.md)
    mkdir -p "$h/elsewhere" "$h/project"
    sed -n '/^unit 本级/,/^}/p' "$hostile_base" > "$h/elsewhere/本级.bud"
    { sed -n '/^department/,/^}/p' "$hostile_base"; echo "import \"$(cd "$h/elsewhere" && pwd)/本级.bud\""; } > "$h/project/absolute.bud"
    { sed -n '/^department/,/^}/p' "$hostile_base"; echo 'import "../elsewhere/本级.bud"'; } > "$h/project/relative.bud"
    hostile_expect import-absolute 10 0 "*" "$budc" check "$h/project/absolute.bud"
    hostile_expect import-relative 10 0 "*" "$budc" check "$h/project/relative.bud"
    # a FIFO nobody writes to: an error, not a wait for ever
    rm -f "$h/imports/fifo.bud"
    if mkfifo "$h/imports/fifo.bud" 2>/dev/null; then
        printf 'import "fifo.bud"\n' > "$h/imports/fifo-importer.bud"
        hostile_expect import-fifo 10 1 "$h/imports/fifo-importer.bud:1:8: error: cannot import '$h/imports/fifo.bud': not a regular file [E-IMPORT]" \
            "$budc" check "$h/imports/fifo-importer.bud"
        rm -f "$h/imports/fifo.bud"
    fi
    # a document to import or audit that is a FIFO (a PDF and a workbook are
    # read by seeking): exit 2 at once, not a wait for ever
    rm -f "$h/imports/fifo.pdf"
    if mkfifo "$h/imports/fifo.pdf" 2>/dev/null; then
        hostile_expect import-doc-fifo 10 2 "budc: error: cannot read '$h/imports/fifo.pdf': not a regular file (a pipe or a device)*" \
            "$budc" import "$h/imports/fifo.pdf" -o "$h/imports/fifo-out.bud"
        if hostile_run 10 audit-doc-fifo "$budc" audit --year 2023 "$h/imports/fifo.pdf"; then
            if [ "$h_status" = 2 ] && grep -qF "$h/imports/fifo.pdf: error: cannot read '$h/imports/fifo.pdf': not a regular file" "$h/audit-doc-fifo.out"; then ok
            else bad "hostile: audit of a FIFO: exit $h_status, $(head -1 "$h/audit-doc-fifo.out")"; fi
        fi
        rm -f "$h/imports/fifo.pdf"
    fi
    # and a FIFO among the CSV files of a directory
    rm -rf "$h/imports/csvdir" && mkdir -p "$h/imports/csvdir"
    if mkfifo "$h/imports/csvdir/01-summary.csv" 2>/dev/null; then
        hostile_expect import-csv-fifo 10 2 "budc: error: cannot read '$h/imports/csvdir/01-summary.csv': not a regular file (a pipe or a device)" \
            "$budc" import "$h/imports/csvdir" -o "$h/imports/csvdir-out.bud"
        rm -rf "$h/imports/csvdir"
    fi
    # prior "/dev/zero" (last year's budget): an error, without reading
    # gigabytes first (GNU time measures the peak; a 2 GB limit keeps it safe)
    if [ -x /usr/bin/time ] && ! grep -qa -e __asan_init -e AddressSanitizer "$budc" 2>/dev/null; then
        sed -e '/^prior {$/,/^}$/d' "$hostile_base" > "$h/imports/prior-zero.bud"
        echo 'prior "/dev/zero"' >> "$h/imports/prior-zero.bud"
        # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
        hostile_expect prior-zero 10 1 "$h/imports/prior-zero.bud:*[E-PRIOR-FILE]" \
            sh -c 'ulimit -v 2000000 && exec /usr/bin/time -f "peak %MKB" -o "$0.time" "$@"' \
            "$h/imports/prior-zero" "$budc" check "$h/imports/prior-zero.bud"
        peak=$(sed -n 's/^peak \([0-9]*\)KB$/\1/p' "$h/imports/prior-zero.time" 2>/dev/null)
        if [ -n "$peak" ] && [ "$peak" -lt 300000 ]; then ok
        else bad "hostile: prior \"/dev/zero\": budc read ${peak:-?} KB of it before giving up (it should not read a device at all)"; fi
    fi
    # /dev/zero: an error, not all the memory of the machine.  Run under a
    # 2 GB limit of address space, unless budc is built with ASan (whose
    # shadow memory needs more).
    printf 'import "/dev/zero"\n' > "$h/imports/zero.bud"
    if grep -qa -e __asan_init -e AddressSanitizer "$budc" 2>/dev/null; then
        echo "note: hostile: import \"/dev/zero\" is not run under ASan (it would need a memory limit)"
    else
        # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
        hostile_expect import-zero 10 1 "$h/imports/zero.bud:1:8: error: cannot import '/dev/zero': not a regular file [E-IMPORT]" \
            sh -c 'ulimit -v 2000000 && exec "$0" "$@"' "$budc" check "$h/imports/zero.bud"
    fi
}

# ---- 6. the command line ----------------------------------------------------

hostile_command_line() {
    local n
    hostile_expect missing 10 2 "budc: error: cannot read '$h/does-not-exist.bud': No such file or directory [E-IO]" \
        "$budc" check "$h/does-not-exist.bud"
    mkdir -p "$h/no-buds"
    hostile_expect empty-dir 10 2 "budc: error: directory '$h/no-buds' holds no .bud file" "$budc" check "$h/no-buds"
    hostile_expect dev-null 10 0 "" "$budc" check /dev/null
    # a pipe named on the command line (budc check /dev/stdin): read as the
    # budget it carries (base.bud: no diagnostic, exit 0), never a wait for
    # ever; with an error in it, the error at its line and column
    # shellcheck disable=SC2016 # $0 and $1 are the inner shell's
    hostile_expect stdin-pipe 10 0 "" sh -c 'cat "$1" | "$0" check /dev/stdin' "$budc" "$hostile_base"
    sed 's/^    2010101 基本 60.00$/    2010101 基本 60.00 x/' "$hostile_base" > "$h/pipe-error.bud"
    # shellcheck disable=SC2016
    hostile_expect stdin-pipe-error 10 1 "/dev/stdin:13:22: error: a word where the line should end; * [E-ROW]" \
        sh -c 'cat "$1" | "$0" check /dev/stdin' "$budc" "$h/pipe-error.bud"
    # unreadable: chmod 000 (root reads it anyway: then run budc as nobody)
    cp "$hostile_base" "$h/unreadable.bud"
    chmod 000 "$h/unreadable.bud"
    if [ ! -r "$h/unreadable.bud" ]; then
        hostile_expect unreadable 10 2 "budc: error: cannot read '$h/unreadable.bud': Permission denied [E-IO]" \
            "$budc" check "$h/unreadable.bud"
    elif command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups "$budc" --version > /dev/null 2>&1; then
        hostile_expect unreadable 10 2 "budc: error: cannot read '$h/unreadable.bud': Permission denied [E-IO]" \
            setpriv --reuid=65534 --regid=65534 --clear-groups "$budc" check "$h/unreadable.bud"
    else
        bad "hostile: running as root, and nobody cannot run $budc (setpriv): the unreadable-file test could not run"
    fi
    chmod 644 "$h/unreadable.bud"
    # thousands of errors: 50 shown, the rest counted; -fmax-errors=0 shows all
    python3 "$hostile_gen" many-errors "$h/many.bud"
    hostile_expect many-errors 10 1 "$h/many.bud:1:8: error: expected end of line, found a number [E-SYNTAX]" "$budc" check "$h/many.bud"
    n=$(grep -c ': error: ' "$h/many-errors.err")
    if [ "$n" -eq 50 ] && [ "$(tail -1 "$h/many-errors.err")" = "budc: note: 4950 more errors not shown (use -fmax-errors=0 to see all)" ]
    then ok; else bad "hostile: 5,000 errors: $n shown, last line $(tail -1 "$h/many-errors.err")"; fi
    hostile_expect many-errors-all 10 1 "$h/many.bud:1:8: error: *" "$budc" check -fmax-errors=0 "$h/many.bud"
    n=$(grep -c ': error: ' "$h/many-errors-all.err")
    if [ "$n" -eq 5000 ] && ! grep -q 'more errors not shown' "$h/many-errors-all.err"; then ok
    else bad "hostile: -fmax-errors=0 showed $n of 5,000 errors"; fi
}

# ---- 7. the regression corpus -----------------------------------------------

hostile_regress() {
    local f name cmd
    for f in tests/regress/*.bud; do
        [ -f "$f" ] || continue
        name=regress-$(basename "$f" .bud)
        for cmd in check json parse; do
            hostile_run 10 "$name-$cmd" "$budc" "$cmd" "$f" && ok
        done
    done
}

# ---- 8. outputs that survive failures and signals ---------------------------

# hostile_wait_for GLOB: waits (at most 10 s) until a file that matches GLOB
# is not empty (so that budc has written to it, past creating it).
hostile_wait_for() {
    local i f
    for ((i = 0; i < 1000; i++)); do
        for f in $1; do
            [ -s "$f" ] && return 0
        done
        sleep 0.01
    done
    return 1
}

hostile_outputs() {
    local d=$h/outputs name=budget pid left tmpdir ok_pdf f
    rm -rf "$d"
    mkdir -p "$d/json" "$d/build" "$d/bin" "$d/ref"
    cp "$hostile_base" "$d/$name.bud"
    sed 's/^    2010101 基本 60.00$/    2010101 基本 60.01/' "$hostile_base" > "$d/broken.bud"
    # yesterday's out.json survives a broken budget, byte for byte
    "$budc" json "$d/$name.bud" -o "$d/json/out.json" 2>/dev/null
    cp "$d/json/out.json" "$d/yesterday.json"
    hostile_expect broken-json 10 1 "$d/broken.bud:*" "$budc" json "$d/broken.bud" -o "$d/json/out.json"
    if [ -s "$d/yesterday.json" ] && cmp -s "$d/json/out.json" "$d/yesterday.json" &&
        [ -z "$(find "$d/json" -name '.out.json.tmp-*')" ]; then ok
    else bad "hostile: a broken budget changed yesterday's out.json or left a temporary file"; fi
    # and so does yesterday's build directory (the PDF is not needed here)
    PATH=/nonexistent "$budc" build "$d/$name.bud" -o "$d/build" > /dev/null 2>&1
    mkdir -p "$d/b2" && cp "$d/broken.bud" "$d/b2/$name.bud"
    (cd "$d/build" && find . -type f -exec sha1sum {} + | sort) > "$d/build.before"
    hostile_expect broken-build 10 1 "$d/b2/$name.bud:*" env PATH=/nonexistent "$budc" build "$d/b2/$name.bud" -o "$d/build"
    (cd "$d/build" && find . -type f -exec sha1sum {} + | sort) > "$d/build.after"
    if [ -s "$d/build.before" ] && cmp -s "$d/build.before" "$d/build.after"; then ok
    else bad "hostile: a broken budget changed yesterday's build directory"; diff "$d/build.before" "$d/build.after" | head -5; fi

    # SIGKILL and SIGTERM during a write, without a race: strace stops
    # budc as it is about to rename its complete temporary over the output
    # and sends it the signal there (the rename not made).  (Waiting for the
    # temporary to appear and then signalling was a race: a fast write
    # could end between two looks and the test could not run.)
    "$budc" json "$d/$name.bud" -o "$d/ref/out.json" 2>/dev/null
    local sig status want
    for sig in KILL TERM; do
        printf 'yesterday\n' > "$d/json/sig.json"
        (strace -f -qq -o /dev/null -e trace=rename,renameat,renameat2 \
            -e inject=rename,renameat,renameat2:signal=$sig:error=EINTR \
            "$budc" json "$d/$name.bud" -o "$d/json/sig.json"
            exit $?) > /dev/null 2>&1 # exit: the subshell, not this shell, reports the signal
        status=$?
        want=$((128 + $(kill -l $sig)))
        left=$(find "$d/json" -name '.sig.json.tmp-*' | wc -l)
        if [ $status -ne $want ]; then
            bad "hostile: budc json stopped with SIG$sig at its rename: exit $status, expected $want"
        elif [ "$(cat "$d/json/sig.json")" != yesterday ]; then
            bad "hostile: SIG$sig during budc json changed the file at the final name"
        elif [ $sig = TERM ] && [ "$left" -ne 0 ]; then
            bad "hostile: SIGTERM during budc json: $left temporary file(s) left beside the output (budc should remove them on SIGINT/SIGTERM)"
        elif [ $sig = KILL ] && [ "$left" -ne 1 ]; then
            bad "hostile: SIGKILL at the rename: expected the complete temporary left behind (nothing can clean up after SIGKILL), found $left"
        elif [ $sig = KILL ] && ! cmp -s "$d"/json/.sig.json.tmp-* "$d/ref/out.json"; then
            bad "hostile: SIGKILL at the rename: the temporary is not the complete output"
        else ok; fi
        rm -f "$d"/json/.sig.json.tmp-* "$d/json/sig.json"
    done

    # SIGKILL during xelatex: a stand-in xelatex that says where it runs and waits
    cat > "$d/bin/xelatex" <<EOF
#!/bin/sh
echo \$\$ > '$d/xelatex.pid'
pwd > '$d/xelatex.cwd'
exec sleep 30
EOF
    chmod +x "$d/bin/xelatex"
    rm -rf "$d/build" "$d/xelatex.cwd"
    mkdir -p "$d/build"
    PATH=/nonexistent "$budc" build "$d/$name.bud" -o "$d/ref" > /dev/null 2>&1 # the complete outputs
    printf 'yesterday\n' > "$d/build/$name.pdf"
    printf 'yesterday\n' > "$d/build/$name.json"
    PATH="$d/bin:$PATH" "$budc" build "$d/$name.bud" -o "$d/build" > /dev/null 2>&1 &
    pid=$!
    if hostile_wait_for "$d/xelatex.cwd"; then
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        kill "$(cat "$d/xelatex.pid" 2>/dev/null)" 2>/dev/null
        ok_pdf=1
        [ "$(cat "$d/build/$name.pdf")" = yesterday ] || ok_pdf=0
        if [ $ok_pdf -eq 1 ] && cmp -s "$d/build/$name.json" "$d/ref/$name.json" &&
            cmp -s "$d/build/$name.tex" "$d/ref/$name.tex" && diff -r "$d/build/$name-csv" "$d/ref/$name-csv" > /dev/null &&
            [ -z "$(find "$d/build" -name '.*.tmp-*')" ]; then ok
        else bad "hostile: SIGKILL during xelatex: the outputs at their final names are not complete (or yesterday's PDF changed, or a temporary file was left)"; fi
        tmpdir=$(cat "$d/xelatex.cwd")
        if [ -d "$tmpdir" ]; then
            echo "note: hostile: after SIGKILL during xelatex, budc's private directory $tmpdir remains (removed now)"
            case $tmpdir in /tmp/budc-pdf-*) rm -rf "$tmpdir" ;; esac
        fi
    else
        kill $pid 2>/dev/null
        wait $pid 2>/dev/null
        bad "hostile: budc build never ran the stand-in xelatex"
    fi
    kill "$(cat "$d/xelatex.pid" 2>/dev/null)" 2>/dev/null
    # SIGTERM during xelatex: budc ends its xelatex and removes its private
    # directory (SIGINT is the same, but a background job of a script
    # ignores it)
    rm -f "$d/xelatex.cwd" "$d/xelatex.pid"
    PATH="$d/bin:$PATH" "$budc" build "$d/$name.bud" -o "$d/build" > /dev/null 2>&1 &
    pid=$!
    if hostile_wait_for "$d/xelatex.cwd"; then
        kill -TERM $pid 2>/dev/null
        wait $pid 2>/dev/null
        sleep 0.2
        tmpdir=$(cat "$d/xelatex.cwd")
        local alive=0
        kill -0 "$(cat "$d/xelatex.pid" 2>/dev/null)" 2>/dev/null && alive=1
        if [ ! -d "$tmpdir" ] && [ $alive -eq 0 ] && [ "$(cat "$d/build/$name.pdf")" = yesterday ]; then ok
        else bad "hostile: SIGTERM during xelatex: $([ -d "$tmpdir" ] && echo "budc's private directory $tmpdir remains; ")$([ $alive -eq 1 ] && echo "xelatex still runs; ")budc should end its xelatex and remove the directory on SIGINT/SIGTERM/SIGHUP"; fi
        kill "$(cat "$d/xelatex.pid" 2>/dev/null)" 2>/dev/null
        case $tmpdir in /tmp/budc-pdf-*) rm -rf "$tmpdir" ;; esac
    else
        kill $pid 2>/dev/null
        wait $pid 2>/dev/null
        bad "hostile: budc build never ran the stand-in xelatex"
    fi
    rm -rf "$d"
}

# ---- 9. determinism ---------------------------------------------------------

hostile_determinism() {
    local d=$h/determinism loc tz n=0 inputs=(examples/*.bud "$hostile_base")
    local abs=()
    for f in "${inputs[@]}"; do abs+=("$PWD/$f"); done
    rm -rf "$d"
    mkdir -p "$d/elsewhere"
    LC_ALL=C TZ=UTC PATH=/nonexistent "$budc" build "${inputs[@]}" -o "$d/a" > /dev/null 2>&1
    if [ ! -s "$d/a/base.json" ] || [ ! -s "$d/a/base.tex" ] || [ ! -f "$d/a/base-csv/facts.csv" ]; then
        bad "hostile: budc build wrote no outputs for the determinism test"
        return
    fi
    local locales=(C.UTF-8)
    locale -a 2>/dev/null | grep -qixE 'zh_CN\.utf-?8' && locales+=(zh_CN.UTF-8)
    for loc in "${locales[@]}"; do
        for tz in Asia/Shanghai America/Los_Angeles; do
            n=$((n + 1))
            (cd "$d/elsewhere" && LC_ALL=$loc LANG=$loc TZ=$tz PATH=/nonexistent "$h_budc" build "${abs[@]}" -o "$d/b$n") > /dev/null 2>&1
            if diff -r "$d/a" "$d/b$n" > "$d/diff" 2>&1; then ok
            else bad "hostile: budc build differs under LC_ALL=$loc TZ=$tz from another directory"; head -5 "$d/diff"; fi
        done
    done
    rm -rf "$d"
}

# hostile_pins: the diagnostics of every run above, with the scratch
# directory written H, against tests/pins/hostile/NAME.err.  Left out: runs
# whose output depends on timing or signals (the slow writes killed
# mid-way), and those larger than 64 KiB (hostile_small bounds them).
hostile_pins() {
    local f name
    mkdir -p "$h/pins"
    for f in "$h"/*.err; do
        name=$(basename "$f" .err)
        case $name in *kill* | *term* | *sig* | *slow* | *xelatex*) continue ;; esac
        [ "$(wc -c < "$f")" -lt 65536 ] || continue
        sed "s#$h#H#g" "$f" > "$h/pins/$name.err"
        pin_compare "tests/pins/hostile/$name.err" "$h/pins/$name.err" "hostile $name"
    done
}

hostile_tests() {
    h=$outdir/hostile
    rm -rf "$h"
    mkdir -p "$h"
    h=$(cd "$h" && pwd) # absolute: budc runs xelatex in another directory
    h_budc=$(cd "$(dirname "$budc")" && pwd)/$(basename "$budc")
    hostile_encoding
    hostile_long_lines
    hostile_nesting
    hostile_numbers
    hostile_negatives
    hostile_imports
    hostile_command_line
    hostile_regress
    hostile_outputs
    hostile_determinism
    hostile_pins
    rm -rf "$h"
}

hostile_tests
unset -f hostile_run hostile_expect hostile_small hostile_line hostile_encoding hostile_long_lines \
    hostile_nesting hostile_numbers hostile_negative hostile_negatives hostile_imports \
    hostile_command_line hostile_regress hostile_wait_for hostile_outputs hostile_determinism hostile_pins hostile_tests
unset hostile_gen hostile_base h h_status h_budc
