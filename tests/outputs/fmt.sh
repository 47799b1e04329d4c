# tests/outputs/fmt.sh — tests of `budc fmt` (docs/fmt.md), sourced by
# tests/run.sh, which gives $budc, $outdir, ok and bad.  Everything is in a
# function so that no variable leaks into the steps after it.
#
#   1. the layout rules: each tests/outputs/fmt/NAME.in.bud formats to
#      NAME.out.bud byte for byte, also when read with CRLF line ends and a
#      BOM (or a mix of line ends), and from standard input; NAME.out.bud is
#      itself formatted; the before/after examples of docs/fmt.md hold
#   2. over every examples/*.bud, every .bud under examples/*/, every
#      tests/golden/**/*.bud without a syntax error (those where budc fmt
#      exits 1 are skipped), every stdlib/**/*.bud and the inputs of step 1:
#      idempotence (fmt(fmt(x)) = fmt(x)), the same syntax tree (budc parse
#      without its line:column; each parse must succeed and print a tree), the same multiset of comment texts (less
#      the blanks at their end) and of string literals (byte for byte)
#   3. the meaning is kept: a copy of examples/ formatted with -w gives the
#      same `budc json` byte for byte; so does a copy made untidy (tabs,
#      runs of blanks, full-width digits and signs, blank lines, '}' joined
#      to the line before, CRLF, a BOM), whose formatting must also give back
#      the original bytes
#   4. --check names the files not formatted and exits 1, exits 0 when all
#      are, and writes nothing
#   5. -w rewrites in place (through a symbolic link too), keeps the mode,
#      leaves no temporary file; a file with a syntax error is reported as
#      budc check reports it, left untouched, and the exit status is 1
#   6. the examples and the standard library are in the canonical layout
#   7. usage and I/O errors exit 2
#   8. what budc parse prints, pinned for two budgets (tests/pins/parse/)
#
# To bless the expected outputs after an intended change of the layout
# (review the diff, and update docs/fmt.md):
#
#   for f in tests/outputs/fmt/*.in.bud; do
#       build/budc fmt "$f" > "${f%.in.bud}.out.bud"
#   done

# fmt_strip_locations: budc parse output without the line:column of nodes.
fmt_strip_locations() {
    sed -E 's/^( *)[0-9]+:[0-9]+ /\1/'
}

# fmt_parse FILE: the tree budc parse prints, without locations; its exit
# status is budc parse's.
fmt_parse() {
    local tree status
    tree=$("$budc" parse "$1" 2>/dev/null)
    status=$?
    [ -n "$tree" ] && printf '%s\n' "$tree" | fmt_strip_locations
    return $status
}

# fmt_parse_pins DIR: what budc parse prints is pinned for two budgets
# (tests/pins/parse/NAME.txt; PIN_BLESS=1 rewrites them): every kind of
# statement of base.bud, and the signs of plus-sign.bud.
fmt_parse_pins() {
    local dir=$1/parse f name
    mkdir -p "$dir"
    for f in tests/outputs/hostile/base.bud tests/outputs/json/plus-sign.bud; do
        name=$(basename "$f" .bud)
        if "$budc" parse "$f" > "$dir/$name.txt" 2>&1; then
            pin_compare "tests/pins/parse/$name.txt" "$dir/$name.txt" "budc parse $f"
        else bad "fmt: budc parse $f fails"; head -5 "$dir/$name.txt"; fi
    done
}

# fmt_variant MODE < IN > OUT: IN with a BOM and CRLF line ends (crlf) or
# CRLF on every other line (mixed).
fmt_variant() {
    if [ "$1" = crlf ]; then
        printf '\xEF\xBB\xBF'
        sed 's/$/\r/'
    else
        sed 'n; s/$/\r/'
    fi
}

# fmt_pair_tests DIR: step 1.
fmt_pair_tests() {
    local dir=$1 in want name got mode
    for in in tests/outputs/fmt/*.in.bud; do
        [ -f "$in" ] || continue
        name=$(basename "$in" .in.bud)
        want=tests/outputs/fmt/$name.out.bud
        if [ ! -f "$want" ]; then
            bad "fmt: $want is missing (bless it: see tests/outputs/fmt.sh)"
            continue
        fi
        if "$budc" fmt "$in" > "$dir/$name.got" 2> "$dir/$name.err" &&
            cmp -s "$dir/$name.got" "$want"; then ok
        else bad "fmt: budc fmt $in differs from $want"; diff "$want" "$dir/$name.got" | head -20; cat "$dir/$name.err"; fi
        if "$budc" fmt - < "$in" 2>/dev/null | cmp -s - "$want"; then ok
        else bad "fmt: budc fmt - < $in differs from $want"; fi
        if "$budc" fmt --check "$want" > /dev/null 2>&1; then ok
        else bad "fmt: the expected output $want is not itself formatted"; fi
        for mode in crlf mixed; do
            fmt_variant $mode < "$in" > "$dir/$name.$mode.bud"
            if "$budc" fmt "$dir/$name.$mode.bud" 2>/dev/null | cmp -s - "$want"; then ok
            else bad "fmt: $in with $mode line ends does not format to $want"; fi
        done
    done
    fmt_doc_tests "$dir"
}

# fmt_doc_tests DIR: each ```bud before block of docs/fmt.md formats to the
# ```bud block after it.
fmt_doc_tests() {
    local dir=$1/doc n=0 before
    mkdir -p "$dir"
    awk -v dir="$dir" '
        /^```bud before[ \t]*$/ { n++; file = sprintf("%s/%02d.before.bud", dir, n); inblock = 1; next }
        /^```bud[ \t]*$/ && n && !inblock && !done[n] { file = sprintf("%s/%02d.after.bud", dir, n); done[n] = 1; inblock = 1; next }
        /^```/ && inblock { inblock = 0; close(file); next }
        inblock { print > file }
    ' docs/fmt.md
    for before in "$dir"/*.before.bud; do
        [ -f "$before" ] || { bad "fmt: docs/fmt.md has no before/after example"; return; }
        n=$((n + 1))
        if "$budc" fmt "$before" 2>/dev/null | cmp -s - "${before%.before.bud}.after.bud"; then ok
        else bad "fmt: docs/fmt.md example $(basename "$before" .before.bud): the 'after' block is not what budc fmt prints"
            "$budc" fmt "$before" 2>&1 | diff "${before%.before.bud}.after.bud" - | head -10; fi
    done
}

# fmt_corpus: the files of step 2, one per line.  Under the sanitizers
# (BUDC_TEST_SANITIZED=1) every 4th of them: the plain pass checks them all;
# the sanitizers watch the same code on a quarter of the inputs (and
# fuzz_fmt on random ones).
fmt_corpus() {
    local f every=1
    [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && every=4
    {
        for f in examples/*.bud; do [ -f "$f" ] && printf '%s\n' "$f"; done
        find examples -mindepth 2 -name '*.bud' | sort
        find tests/golden stdlib -name '*.bud' | sort
        for f in tests/outputs/fmt/*.in.bud; do [ -f "$f" ] && printf '%s\n' "$f"; done
    } | awk -v every="$every" '(NR - 1) % every == 0'
}

# fmt_corpus_tests DIR: step 2, by tests/outputs/fmt_corpus.py (one
# program: the shell loop it replaces forked ten processes a file).
fmt_corpus_tests() {
    local dir=$1/corpus least=100 line detail=""
    [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && least=25
    flush() { if [ -n "$detail" ]; then printf '%s' "$detail"; detail=""; fi; }
    while IFS= read -r line; do
        case "$line" in
        ok) flush; ok ;;
        "bad "*) flush; bad "${line#bad }" ;;
        "  "*) detail+="${line#  }"$'\n' ;;
        "exit 0") flush ;;
        *) flush; bad "fmt: fmt_corpus.py: $line" ;;
        esac
    done < <(fmt_corpus | python3 tests/outputs/fmt_corpus.py "$budc" "$dir" "$least" 2>&1; echo "exit $?")
    flush
    unset -f flush
}

# fmt_untidy < IN > OUT: the same budget, written carelessly (python3,
# seeded: the same every run).
fmt_untidy() {
    python3 -c '
import random, re, sys
random.seed(sys.argv[1])
FW = {"(": "（", ")": "）", "+": "＋", "-": "－", "*": "＊", "/": "／", "%": "％",
      "=": "＝", "<": "＜", ">": "＞", "{": "｛", "}": "｝", "≥": "≧", "≤": "≦"}
def blank():
    return random.choice([" ", "  ", "\t", " \t ", "\u3000", "\u00a0"])
def untidy_code(code):
    # code: a line without its comment; strings are kept, the rest changed
    out, i = [], 0
    for m in re.finditer(r"\"(?:[^\"\\]|\\.)*\"|>=|<=|==|!=|[0-9]+(?:\.[0-9]+)?|\s+|.", code):
        t = m.group(0)
        if t.startswith("\""):
            out.append(t)
        elif t.isspace():
            out.append(blank())
        elif t in (">=", "<="):
            out.append({">=": "＞＝", "<=": "＜＝"}[t] if random.random() < .5 else t)
        elif t[0] in "0123456789":
            out.append("".join(chr(ord(c) + 0xFEE0) if c in "0123456789" and random.random() < .5 else
                               "．" if c == "." and random.random() < .5 else c for c in t))
        elif t in FW and random.random() < .5:
            out.append(FW[t])
        else:
            out.append(t)
    return "".join(out)
def split(line):
    i = 0
    while i < len(line):
        if line[i] == "\"":
            i += 1
            while i < len(line) and line[i] != "\"":
                i += 2 if line[i] == "\\" else 1
        elif line.startswith("//", i):
            return line[:i], line[i:]
        i += 1
    return line, ""
lines, out = sys.stdin.buffer.read().decode("utf-8").split("\n"), []
for line in lines:
    code, comment = split(line)
    indent = random.choice(["", " ", "\t", "      ", "\u3000"])
    code = untidy_code(code.strip())
    if code.strip() in ("}", "｝") and not comment and out and out[-1].strip() and "//" not in out[-1] \
            and random.random() < .5:
        out[-1] += blank() + code   # "a 1 }"
        continue
    if comment:
        code += blank() if code.strip() else ""
    out.append(indent + code + comment + random.choice(["", " ", "\t "]))
    # more blank lines where a blank line is, or where none is kept
    if not line.strip() or code.rstrip().endswith(("{", "｛")):
        out.extend(random.choice(["", "  ", "\t"]) for _ in range(random.randrange(3)))
sys.stdout.buffer.write(("\ufeff" + "\r\n".join(out)).encode("utf-8"))
' "$1"
}

# fmt_meaning_tests DIR: step 3.
fmt_meaning_tests() {
    local dir=$1/meaning f name rel orig tidy untidy out abs_budc
    abs_budc=$(cd "$(dirname "$budc")" && pwd)/$(basename "$budc")
    rm -rf "$dir"
    mkdir -p "$dir"
    cp -R examples "$dir/tidy"
    cp -R examples "$dir/untidy"
    while IFS= read -r rel; do
        fmt_untidy "$rel" < "examples/$rel" > "$dir/untidy/$rel"
        if fmt_parse "examples/$rel" > "$dir/tree.a" && fmt_parse "$dir/untidy/$rel" > "$dir/tree.b" &&
            [ -s "$dir/tree.a" ] && cmp -s "$dir/tree.a" "$dir/tree.b"; then :
        else bad "fmt: the untidy copy of examples/$rel does not parse the same (a bug of the test)"; fi
    done < <(cd examples && find . -name '*.bud' | sort)
    (cd "$dir/tidy" && find . -name '*.bud' -exec "$abs_budc" fmt -w {} +) ||
        bad "fmt: budc fmt -w on a copy of examples/ failed"
    if out=$(cd "$dir/untidy" && find . -name '*.bud' -exec "$abs_budc" fmt --check {} +); then
        bad "fmt: --check finds the untidy copy of examples/ formatted"
    elif [ "$(printf '%s\n' "$out" | wc -l)" -ne "$(cd examples && find . -name '*.bud' | wc -l)" ]; then
        bad "fmt: --check does not name every untidy file: $out"
    else ok; fi
    (cd "$dir/untidy" && find . -name '*.bud' -exec "$abs_budc" fmt -w {} +) ||
        bad "fmt: budc fmt -w on an untidy copy of examples/ failed"
    while IFS= read -r rel; do
        if "$budc" fmt "examples/$rel" 2>/dev/null | cmp -s - "$dir/untidy/$rel"; then ok
        else bad "fmt: the untidy copy of examples/$rel does not format to the layout of the original"
            "$budc" fmt "examples/$rel" | diff - "$dir/untidy/$rel" | head -10; fi
    done < <(cd examples && find . -name '*.bud' | sort)
    for f in examples/*.bud; do
        name=$(basename "$f")
        orig=$(cd examples && "$abs_budc" json "$name" 2>/dev/null)
        tidy=$(cd "$dir/tidy" && "$abs_budc" json "$name" 2>/dev/null)
        untidy=$(cd "$dir/untidy" && "$abs_budc" json "$name" 2>/dev/null)
        if [ -n "$orig" ] && [ "$orig" = "$tidy" ]; then ok
        else bad "fmt: budc json of the formatted copy of $f differs from the original's"
            diff <(printf '%s\n' "$orig") <(printf '%s\n' "$tidy") | head -10; fi
        if [ -n "$orig" ] && [ "$orig" = "$untidy" ]; then ok
        else bad "fmt: budc json of the untidy copy of $f, formatted, differs from the original's"; fi
    done
}

# fmt_check_tests DIR: step 4.
fmt_check_tests() {
    local dir=$1/check out status
    mkdir -p "$dir"
    cp tests/outputs/fmt/indent.in.bud "$dir/untidy.bud"
    cp tests/outputs/fmt/indent.out.bud "$dir/tidy.bud"
    cp "$dir/untidy.bud" "$dir/untidy.saved"
    out=$("$budc" fmt --check "$dir/tidy.bud" "$dir/untidy.bud" 2>&1)
    status=$?
    if [ $status -eq 1 ] && [ "$out" = "$dir/untidy.bud" ]; then ok
    else bad "fmt: --check on a formatted and an unformatted file: exit $status (expected 1), printed '$out' (expected the unformatted file's name)"; fi
    if cmp -s "$dir/untidy.bud" "$dir/untidy.saved"; then ok; else bad "fmt: --check changed the file"; fi
    out=$("$budc" fmt --check "$dir/tidy.bud" 2>&1)
    status=$?
    if [ $status -eq 0 ] && [ -z "$out" ]; then ok
    else bad "fmt: --check on a formatted file: exit $status (expected 0), printed '$out'"; fi
}

# fmt_write_tests DIR: step 5.
fmt_write_tests() {
    local dir=$1/write status err f left
    mkdir -p "$dir"
    cp tests/outputs/fmt/comments.in.bud "$dir/a.bud"
    chmod 640 "$dir/a.bud"
    if "$budc" fmt -w "$dir/a.bud" && cmp -s "$dir/a.bud" tests/outputs/fmt/comments.out.bud; then ok
    else bad "fmt: -w did not rewrite the file with its layout"; fi
    if [ "$(stat -c %a "$dir/a.bud")" = 640 ]; then ok
    else bad "fmt: -w changed the mode 640 to $(stat -c %a "$dir/a.bud")"; fi
    cp tests/outputs/fmt/braces.in.bud "$dir/target.bud"
    ln -sf target.bud "$dir/link.bud"
    if "$budc" fmt -w "$dir/link.bud" && [ -L "$dir/link.bud" ] &&
        cmp -s "$dir/target.bud" tests/outputs/fmt/braces.out.bud; then ok
    else bad "fmt: -w through a symbolic link must rewrite its target and keep the link"; fi
    # a syntax error: reported as budc check reports it, the file untouched
    printf 'unit 本级 "某单位" {\n    rank 正科级 x\n}\n' > "$dir/broken.bud"
    cp "$dir/broken.bud" "$dir/broken.saved"
    err=$("$budc" fmt -w "$dir/broken.bud" 2>&1 >/dev/null)
    status=$?
    if [ $status -eq 1 ] && cmp -s "$dir/broken.bud" "$dir/broken.saved"; then ok
    else bad "fmt: -w on a file with a syntax error: exit $status (expected 1), and the file must be left as it was"; fi
    case "$err" in
    *"broken.bud:2:14: error: expected end of line, found a word [E-SYNTAX]"*) ok ;;
    *) bad "fmt: the syntax error is not reported as budc check reports it: $err" ;;
    esac
    left=$(find "$dir" -name '.*.tmp-*' | wc -l)
    if [ "$left" -eq 0 ]; then ok; else bad "fmt: -w left $left temporary files"; fi
    # every golden file with a syntax error: its errors as in its .err
    # (under the sanitizers every 4th file, as for the corpus of step 2)
    local every=1 n=0
    [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && every=4
    for f in $(find tests/golden -name '*.bud' | sort); do
        [ -f "${f%.bud}.flags" ] && continue
        n=$((n + 1))
        [ $(( (n - 1) % every )) -eq 0 ] || continue
        "$budc" fmt "$f" > "$dir/out" 2> "$dir/err" && continue
        if [ ! -s "$dir/out" ] && [ -s "$dir/err" ] &&
            [ -z "$(comm -23 <(sort "$dir/err") <(sort "${f%.bud}.err"))" ]; then ok
        else bad "fmt: $f: the syntax errors differ from those of budc check (${f%.bud}.err)"
            comm -23 <(sort "$dir/err") <(sort "${f%.bud}.err") | head -5; fi
    done
}

# fmt_repository_tests: step 6.
fmt_repository_tests() {
    local out
    # shellcheck disable=SC2046
    if out=$("$budc" fmt --check examples/*.bud examples/*/*.bud stdlib/*.bud stdlib/*/*.bud 2>&1); then ok
    else bad "fmt: not in the canonical layout (run budc fmt -w on them): $(printf '%s' "$out" | tr '\n' ' ')"; fi
}

# fmt_usage_tests DIR: step 7.
fmt_usage_tests() {
    local dir=$1 msg status
    fmt_expect() { # fmt_expect STATUS DESCRIPTION ARGS...
        local want=$1 what=$2
        shift 2
        "$budc" fmt "$@" > /dev/null 2>&1 < /dev/null
        local got=$?
        if [ $got -eq "$want" ]; then ok; else bad "fmt: $what: exit $got, expected $want"; fi
    }
    fmt_expect 2 "no input files"
    fmt_expect 2 "unknown option" --frobnicate tests/outputs/fmt/indent.out.bud
    fmt_expect 2 "-w and --check together" -w --check tests/outputs/fmt/indent.out.bud
    fmt_expect 2 "-w on standard input" -w -
    fmt_expect 2 "a directory" tests
    fmt_expect 0 "a formatted file after --" -- tests/outputs/fmt/indent.out.bud
    msg=$("$budc" fmt tests/does-not-exist.bud 2>&1)
    status=$?
    if [ $status -eq 2 ] && [ "$msg" = "budc: error: cannot read 'tests/does-not-exist.bud': No such file or directory [E-IO]" ]; then ok
    else bad "fmt: a missing file: exit $status, message: $msg"; fi
    # the other files are still formatted
    msg=$("$budc" fmt tests/does-not-exist.bud tests/outputs/fmt/indent.in.bud 2>/dev/null)
    if [ $? -eq 2 ] && [ "$msg" = "$(cat tests/outputs/fmt/indent.out.bud)" ]; then ok
    else bad "fmt: a missing file stops the files after it"; fi
    if "$budc" help fmt | grep -q -- '--check' && "$budc" fmt --help | grep -q -- '-w'; then ok
    else bad "fmt: budc help fmt does not describe -w and --check"; fi
    unset -f fmt_expect
}

fmt_tests() {
    local dir=$outdir/fmt
    mkdir -p "$dir"
    fmt_pair_tests "$dir"
    fmt_corpus_tests "$dir"
    fmt_meaning_tests "$dir"
    fmt_check_tests "$dir"
    fmt_write_tests "$dir"
    fmt_repository_tests
    fmt_usage_tests "$dir"
    fmt_parse_pins "$dir"
}

fmt_tests
unset -f fmt_strip_locations fmt_parse fmt_parse_pins fmt_variant fmt_pair_tests fmt_doc_tests fmt_corpus \
    fmt_corpus_tests fmt_untidy fmt_meaning_tests fmt_check_tests fmt_write_tests \
    fmt_repository_tests fmt_usage_tests fmt_tests
