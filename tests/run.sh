#!/usr/bin/env bash
# run.sh BUILD — runs every test of budc and ends with "N passed, N failed".
#
#   1. the cmocka unit tests (BUILD/tests/test_*), the shape of src/
#      (tests/layers.py), and that the fuzz harnesses compile
#   2. golden diagnostics: each tests/golden/**/NAME.bud beside NAME.err;
#      `budc check [FLAGS] NAME.bud` must print exactly NAME.err on stderr
#      and exit 1 when it holds an error, 0 otherwise (2 when it is a usage
#      error, ending "Try 'budc --help'.").  FLAGS are the words of an
#      optional NAME.flags beside them (e.g. -Werror)
#   3. every ```bud example in docs/*.md (but checks.md) and README.md must
#      check cleanly
#   4. docs/checks.md: under each "### CODE — title", every ```bud block must
#      make `budc check` report [CODE] (and exit 1 for an E- code; exit 0
#      with no error for a W- code), every ```bud ok block must exit 0
#      without [CODE]
#   5. every examples/*.bud must check cleanly
#   5b. each tests/outputs/*.sh: the back ends, the tools, hostile inputs
#   6. the command line: help, version, usage errors, unreadable inputs,
#      warning options, budc explain (every code the source emits is
#      documented)
#
# Each of these is a part (a function below), and the parts run
# BUDC_TEST_JOBS at a time (default: the number of cores), each in a
# subshell with its own counts and log (see "running the parts" at the end).
# BUDC_TEST_FAILFAST=FILE stops at the first failure (make mutate).
# BUDC_TEST_PART_LIMIT=SECONDS (default 600; 0: none): a part still running
# then is stopped and fails, its processes killed, so that a run that hangs
# fails the suite instead of holding it for ever (the slowest parts take
# about 16 s, plain or sanitized, on two idle cores).
set -u
# The goldens are English: a Chinese environment (docs/i18n.md) is not the
# suite's; tests/outputs/i18n.sh sets it where it tests it.
unset LC_ALL LC_MESSAGES LANGUAGE
# the makes the tests run (cli.sh's -M makefile, init.sh's) are not part of
# the make that runs the suite: no jobserver of `make -j check` (make warns
# on stderr when its descriptors are gone)
unset MAKEFLAGS MFLAGS MAKELEVEL
case "${LANG-}" in zh*) export LANG=C.UTF-8 ;; esac
build=${1:-build}
budc=$build/budc
cd "$(dirname "$0")/.."
# python3 as itself, without site's start-up hooks: the python3 on PATH
# may be a version manager's shim (pyenv's is a shell script that starts
# pyenv: about a second a call on a loaded machine), and site runs every
# .pth file of site-packages at each start (on this machine one imports
# certifi: 60 ms a start, against 20 ms without).  The suite's hundreds of
# calls of python3 and of its #!/usr/bin/env python3 scripts go, through
# $build/test-bin/python3 first on PATH, to the interpreter the shim chose,
# run with -S; its site-packages (jsonschema) are on PYTHONPATH instead.
if py=$(python3 -c 'import sys; print(sys.executable)' 2> /dev/null) && [ -x "$py" ] &&
    sitedirs=$("$py" -c 'import site, os; print(os.pathsep.join(d for d in site.getsitepackages() + [site.getusersitepackages()] if os.path.isdir(d)))' 2> /dev/null); then
    mkdir -p "$build/test-bin"
    printf '#!/bin/sh\nexec %s -S "$@"\n' "'${py//\'/\'\\\'\'}'" > "$build/test-bin/python3.tmp"
    chmod +x "$build/test-bin/python3.tmp"
    mv -f "$build/test-bin/python3.tmp" "$build/test-bin/python3"
    export PYTHONPATH="$sitedirs${PYTHONPATH:+:$PYTHONPATH}"
    PATH="$(cd "$build/test-bin" && pwd):$PATH"
fi
# xelatex with its results kept (tests/bin/xelatex): the same LaTeX is
# typeset once, in this pass and the sanitized one, whose budc writes the
# same bytes.  BUDC_TEX_CACHE= (empty) runs TeX every time; `make check`
# empties the cache first.
if real_xelatex=$(command -v xelatex) && [ "$real_xelatex" != "$PWD/tests/bin/xelatex" ]; then
    export BUDC_REAL_XELATEX=$real_xelatex
    export BUDC_TEX_CACHE=${BUDC_TEX_CACHE-$PWD/build/tex-cache}
    PATH="$PWD/tests/bin:$PATH"
fi
pass=0
fail=0
ok()   { pass=$((pass + 1)); }
# BUDC_TEST_FAILFAST=FILE (make mutate): stop at the first failure, leaving
# FILE behind (a failure in a subshell exits only the subshell; the file
# still tells).
bad()  {
    fail=$((fail + 1)); echo "FAIL: $*"
    if [ -n "${BUDC_TEST_FAILFAST:-}" ]; then : > "$BUDC_TEST_FAILFAST"; exit 1; fi
}
# pin_compare GOLDEN ACTUAL WHAT: ACTUAL must equal the pinned file GOLDEN
# byte for byte (tests/pins/README.md).  PIN_BLESS=1 rewrites GOLDEN and
# fails, so that a blessed run is never mistaken for a passing one.
pin_compare() {
    local golden=$1 actual=$2 what=$3
    if [ "${PIN_BLESS:-}" = 1 ]; then
        mkdir -p "$(dirname "$golden")"
        cp "$actual" "$golden"
        bad "pins: blessed $golden (PIN_BLESS=1): review git diff tests/pins, then run the tests again"
    elif [ ! -f "$golden" ]; then
        bad "pins: $what: no pinned file $golden (PIN_BLESS=1 writes it)"
    elif cmp -s "$golden" "$actual"; then
        ok
    else
        bad "pins: $what differs from $golden"
        diff "$golden" "$actual" | head -10
    fi
}
expect_status() { # expect_status STATUS DESCRIPTION COMMAND...
    local want=$1 what=$2; shift 2
    "$@" >/dev/null 2>&1
    local got=$?
    if [ $got -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want"; fi
}


part_unit() {
    # 1. unit tests
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        case "$t" in *.d) continue ;; esac
        if "$t"; then ok; else bad "unit test $t"; fi
    done

    # 1a. the sanitized build records which code a run covered
    #     (tests/sanitized/coverage.c, read by tests/coverage.py): a check
    #     covers more than --version, and more code of its own
    if [ "${BUDC_TEST_SANITIZED:-}" = 1 ]; then
        local cov="$outdir/coverage" out
        rm -rf "$cov" && mkdir -p "$cov"
        BUDC_COVERAGE="$cov" BUDC_COVERAGE_PART=version "$budc" --version > /dev/null
        BUDC_COVERAGE="$cov" BUDC_COVERAGE_PART=check "$budc" check examples/qinhuangdao-media-center-2023.bud 2> /dev/null
        if out=$(python3 tests/coverage.py "$cov") &&
            printf '%s\n' "$out" | awk '$NF == "version" {v = $2; o = $1} $NF == "check" {c = $2; k = $1}
                END {exit !(v > 0 && c > 5 * v && k > o)}' &&
            printf '%s\n' "$out" | grep -q '^2 runs, '; then ok
        else bad "coverage: the sanitized build's coverage of --version and check:"; printf '%s\n' "$out" | head -8; fi
    fi

    # 1b. the sanitized pass's choice (tests/sanitized/select.c): a run
    #     runs.txt marks p runs the plain build (which records no coverage),
    #     one marked s or not in it stays sanitized, and a copy of the
    #     executable never hands over
    if [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && [ -x build/budc ]; then
        local sel="$outdir/select" c part want got
        rm -rf "$sel" && mkdir -p "$sel"
        printf '# a test\np sel-p\t--version\ns sel-s\t--version\n' > "$sel/runs.txt"
        for c in "sel-p 0 $budc" "sel-s 1 $budc" "sel-u 1 $budc" "sel-p 1 $sel/budc"; do
            read -r part want exe <<< "$c"
            [ "$exe" = "$budc" ] || cp "$budc" "$exe"
            rm -rf "$sel/cov" && mkdir "$sel/cov"
            BUDC_SANITIZED_RUNS="$sel/runs.txt" BUDC_SANITIZED_PLAIN="$(realpath build/budc)" \
                BUDC_SANITIZED_EXE="$(realpath "$budc")" BUDC_SANITIZED_LOG="$sel/log" \
                BUDC_COVERAGE="$sel/cov" BUDC_COVERAGE_PART="$part" "$exe" --version > "$sel/out"
            got=$(find "$sel/cov" -name '*.cov' | wc -l)
            if [ "$got" = "$want" ] && grep -q '^budc ' "$sel/out"; then ok
            else bad "select: $part by $exe: $got coverage files (sanitized: $want expected), output $(head -c 80 "$sel/out")"; fi
        done
        if [ "$(cut -c1 "$sel/log" | tr -d '\n')" = psu ]; then ok
        else bad "select: the log says $(tr '\n' ' ' < "$sel/log") (p, s, u expected)"; fi
    fi

    # 1c to 1e read the source and run no budc: the same in both passes,
    # so the sanitized pass leaves them to the plain one
    [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && return

    # 1c. the shape of src/: stages included one way, no C files calling each
    #     other in circles, no file over 900 lines, no table title in C, a README
    #     per stage (tests/layers.py)
    if out=$(python3 tests/layers.py "$build"); then ok; else bad "layers:"; printf '%s\n' "$out" | head -20; fi

    # 1d. the fuzz harnesses still compile against src/ (they are built and run
    #     only by `make check` with clang; a change to an interface shows here)
    for f in fuzz/*.c; do
        [ -f "$f" ] || continue
        if out=$(${CC:-cc} -fsyntax-only -std=c11 -D_XOPEN_SOURCE=700 -Isrc -I"$build/gen" -Wall -Wextra \
            -Wno-unused-function "$f" 2>&1) && [ -z "$out" ]; then ok; else bad "fuzz harness $f does not compile:"; printf '%s\n' "$out" | head -10; fi
    done

    # 1e. the fuzz dictionary is what libFuzzer's ParseDictionaryFile accepts:
    #     comments, blank lines and NAME="..." with printable ASCII and \xNN
    #     escapes only (a raw UTF-8 byte stops every harness before it runs)
    if out=$(LC_ALL=C grep -n -v -E '^(#.*|[[:space:]]*|[A-Za-z0-9_]+="([ !#-[]|[]-~]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*")$' fuzz/bud.dict); then
        bad "fuzz/bud.dict has lines libFuzzer refuses (write non-ASCII bytes as \\xNN):"; printf '%s\n' "$out" | head -5
    else ok; fi
}

# batch_check FILE...: under the sanitizers (BUDC_TEST_SANITIZED=1) the
# parts that check hundreds of small budgets one budc run each (golden,
# checks, docs) first run them all through one budc (-fmax-errors=0): budc
# checks each file as it would alone and prints what it says of each in the
# order of the files.  Prints that output and returns budc's exit status.
# What a part asserts of each file is then asserted of its piece of this
# output; a file whose piece does not pass (or every file, when the run
# itself did not exit 0 or 1: a sanitizer's report) is run again alone, as
# in the plain pass, which is the verdict.  Every input still goes through
# the sanitized budc; what is saved is a sanitized start-up and exit (a
# leak check) per file: about 0.2 s of CPU each.
batch_check() {
    "$budc" check -fmax-errors=0 "$@" 2>&1 >/dev/null
}

# golden_one SRC ERR: runs one golden file alone; ok or bad.
golden_one() {
    local src=$1 err=$2 flags=() actual status expected_status
    if [ -f "${err%.err}.flags" ]; then
        read -r -a flags < <(tr '\n' ' ' < "${err%.err}.flags"; echo)
    fi
    actual=$("$budc" check ${flags[@]+"${flags[@]}"} "$src" 2>&1 >/dev/null)
    status=$?
    expected_status=0
    grep -q ': error: ' "$err" && expected_status=1
    grep -qx "Try 'budc --help'." "$err" && expected_status=2
    if [ "$actual" != "$(cat "$err")" ]; then
        bad "golden $src: diagnostics differ"
        diff <(printf '%s\n' "$actual") "$err" | head -20
    elif [ $status -ne $expected_status ]; then
        bad "golden $src: exit status $status, expected $expected_status"
    else
        ok
    fi
}

part_golden() {
    # 2. golden diagnostics
    local err src batch=() alone=() out status
    while IFS= read -r -d '' err; do
        src=${err%.err}.bud
        [ -f "$src" ] || { bad "$err has no $src"; continue; }
        # in one batch: the files without flags, without a cut-off list
        # (the cap counts a run's diagnostics) and without a usage error
        if [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && [ ! -f "${err%.err}.flags" ] &&
            ! grep -q -e ' not shown (use -fmax-errors=0' -e "^Try 'budc --help'.\$" "$err"; then
            batch+=("$src")
        else
            alone+=("$src")
        fi
    done < <(find tests/golden -name '*.err' -print0 | sort -z)
    if [ ${#batch[@]} -gt 0 ]; then
        out=$(batch_check "${batch[@]}"; echo "exit $?")
        status=${out##*exit }
        out=${out%exit *}
        local want
        want=$(for src in "${batch[@]}"; do cat "${src%.bud}.err"; done; echo x)
        if [ "$out" = "${want%x}" ] && { [ "$status" = 0 ] || [ "$status" = 1 ]; }; then
            for src in "${batch[@]}"; do ok; done
        else
            echo "note: golden: one budc over ${#batch[@]} files did not say what they say alone (exit $status); each is run alone"
            alone+=("${batch[@]}")
        fi
    fi
    for src in ${alone[@]+"${alone[@]}"}; do golden_one "$src" "${src%.bud}.err"; done
}

part_docs() {
    # 3. examples in the documentation
    docdir=$build/doc-examples
    rm -rf "$docdir"
    mkdir -p "$docdir"
    for doc in docs/*.md README.md; do
        [ -f "$doc" ] || continue
        [ "$doc" = docs/checks.md ] && continue # step 4
        awk -v dir="$docdir" -v base="$(basename "$doc" .md)" '
            /^```bud[ \t]*$/ { n++; file = sprintf("%s/%s-%02d.bud", dir, base, n); inblock = 1; next }
            /^```/ && inblock { inblock = 0; close(file); next }
            inblock { print > file }
        ' "$doc"
    done
    # under the sanitizers, one budc over all of them first (batch_check):
    # when it exits 0, each checked cleanly
    if [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && compgen -G "$docdir/*.bud" > /dev/null &&
        batch_check "$docdir"/*.bud > /dev/null; then
        for f in "$docdir"/*.bud; do ok; done
        return
    fi
    for f in "$docdir"/*.bud; do
        [ -f "$f" ] || continue
        if out=$("$budc" check "$f" 2>&1); then ok; else bad "doc example $f:"; echo "$out" | head -10; fi
    done
}

part_checks() {
    # 4. the checker's examples in docs/checks.md.  The manifest has a line
    #    CODE KIND LINE FILE for each ```bud block: KIND is bad (```bud), ok
    #    (```bud ok) or unknown (another ```bud… info string); CODE is "-" for a
    #    block outside any "### CODE — title" section, which must check cleanly.
    checkdir=$build/check-examples
    rm -rf "$checkdir"
    mkdir -p "$checkdir"
    if [ -f docs/checks.md ]; then
        LC_ALL=C awk -v dir="$checkdir" '
            /^```/ {
                if (inblock) { inblock = 0; close(file); next }
                if (infence) { infence = 0; next }
                if ($0 ~ /^```bud[ \t]*$/) kind = "bad"
                else if ($0 ~ /^```bud[ \t]+ok[ \t]*$/) kind = "ok"
                else if ($0 ~ /^```bud/) kind = "unknown"
                else { infence = 1; next }
                file = sprintf("%s/%03d.bud", dir, ++n)
                printf "" > file
                printf "%s\t%s\t%d\t%s\n", (code == "" ? "-" : code), kind, FNR, file
                inblock = 1
                next
            }
            inblock { print > file; next }
            infence { next }
            /^#+([ \t]|$)/ { code = "" }
            /^### / && index($0, " — ") { code = substr($0, 5, index($0, " — ") - 5) }
        ' docs/checks.md > "$checkdir/manifest"
    fi
    touch "$checkdir/manifest"
    # check_example CODE KIND LINE FILE: runs one example, prints why it fails.
    check_example() { # check_example CODE KIND LINE FILE [PIECE]
        local code=$1 kind=$2 line=$3 file=$4 out status
        if [ -n "${5:-}" ]; then
            # what one budc over all the examples said of FILE (batch_check)
            out=$(cat "$5")
            status=0
            case "$out" in *": error: "*) status=1 ;; esac
        else
            out=$("$budc" check "$file" 2>&1)
            status=$?
        fi
        local has_code=0 has_error=0 why=
        case "$out" in *"[$code]"*) has_code=1 ;; esac
        case "$out" in *": error: "*) has_error=1 ;; esac
        case "$code/$kind" in
        -/bad | -/ok) [ $status -eq 0 ] || why="outside any code section, must check cleanly" ;;
        */unknown) why="unknown fence: use \`\`\`bud or \`\`\`bud ok" ;;
        E-*/bad) [ $has_code -eq 1 ] && [ $status -eq 1 ] || why="must report [$code] and exit 1" ;;
        W-*/bad) [ $has_code -eq 1 ] && [ $status -eq 0 ] && [ $has_error -eq 0 ] ||
            why="must report [$code], no error, and exit 0" ;;
        */bad) [ $has_code -eq 1 ] || why="must report [$code]" ;;  # a rule's own name
        */ok) [ $has_code -eq 0 ] && [ $status -eq 0 ] || why="(bud ok) must exit 0 without [$code]" ;;
        esac
        [ -z "$why" ] && return 0
        echo "docs/checks.md:$line: $code: example $why; got exit $status"
        printf '%s\n' "$out" | head -10
        return 1
    }
    # under the sanitizers, one budc over all of them first (batch_check);
    # its piece for a file is the lines from the first naming that file
    local pieces=$checkdir/pieces status
    rm -rf "$pieces"
    if [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && [ -s "$checkdir/manifest" ]; then
        mkdir -p "$pieces"
        batch_check $(cut -f4 "$checkdir/manifest") > "$pieces/all"
        status=$?
        if [ $status -eq 0 ] || [ $status -eq 1 ]; then
            while IFS=$'\t' read -r _ _ _ file; do : > "$pieces/$(basename "$file").out"; done < "$checkdir/manifest"
            awk -v dir="$checkdir/" -v pieces="$pieces/" '
                /^[^ ]/ && index($0, dir) == 1 {
                    name = substr($0, length(dir) + 1); sub(/:.*/, "", name)
                    if (name ~ /^[0-9]+\.bud$/ && pieces name ".out" != out) { if (out) close(out); out = pieces name ".out" }
                }
                out { print > out }
            ' "$pieces/all"
        else
            echo "note: checks: one budc over the examples of docs/checks.md exited $status; each is run alone"
        fi
    fi
    local piece
    while IFS=$'\t' read -r code kind line file; do
        piece=$pieces/$(basename "$file").out
        # a piece that passes is the verdict; one that does not is run alone
        if [ -f "$piece" ] && check_example "$code" "$kind" "$line" "$file" "$piece" > /dev/null; then ok
        elif msg=$(check_example "$code" "$kind" "$line" "$file"); then ok
        else bad "checks.md $code (line $line)"; printf '%s\n' "$msg"; fi
    done < "$checkdir/manifest"
}

# 5. examples: each must check without an error; its warnings (the defects
#    of the printed document it transcribes) must be exactly those listed in
#    tests/examples/NAME.warnings (one "file:line:col: warning: … [CODE]" line
#    each; no file means no warning).  Then every amount of the example that
#    takes part in an identity is changed in turn: each change must be an
#    error at the changed line (tests/mutate.py), and what each change brings
#    is pinned in tests/pins/mutate/NAME.log.
part_example() { # part_example FILE
    local f=$1 name out status want got
    name=$(basename "$f" .bud)
    out=$("$budc" check -fmax-errors=0 "$f" 2>&1)
    status=$?
    want=tests/examples/$name.warnings
    got=$(printf '%s\n' "$out" | grep -E '^[^ ].*: (warning|error): ' || true)
    if [ $status -ne 0 ]; then
        bad "example $f (exit $status)"; printf '%s\n' "$got" | head -10
    elif [ "$got" != "$(cat "$want" 2>/dev/null)" ]; then
        bad "example $f: warnings differ from $want"
        diff <(printf '%s\n' "$got") <(cat "$want" 2>/dev/null) | head -20
    else
        ok
    fi
    mkdir -p "$build/mutate-records"
    local record=$build/mutate-records/$name.log
    if [ "${BUDC_TEST_SANITIZED:-}" = 1 ]; then
        # under the sanitizers, every 8th mutation: each runs the same
        # checks on other numbers, which the plain pass has made them all
        # agree with the pins; what the sanitizers add is watching the
        # memory of those checks
        if out=$(python3 tests/mutate.py "$budc" "$f" --every 8); then ok
        else bad "mutations of $f"; printf '%s\n' "$out" | tail -15; fi
        return
    fi
    if out=$(python3 tests/mutate.py "$budc" "$f" --record "$record"); then ok
    else bad "mutations of $f"; printf '%s\n' "$out" | tail -15; fi
    pin_compare "tests/pins/mutate/$name.log" "$record" "mutations of $f"
}

# 5b. the back ends: each tests/outputs/*.sh is sourced by a part of its own
#     and reports through ok/bad (they share $budc and a scratch directory
#     $outdir, in which each writes to a folder of its own).
outdir=$build/test-outputs
part_output() { # part_output SCRIPT
    # shellcheck disable=SC1090
    . "$1"
}

part_cli() {
    # 6. the command line
    expect_status 0 "budc --help" "$budc" --help
    expect_status 0 "budc --version" "$budc" --version
    expect_status 0 "budc help check" "$budc" help check
    expect_status 2 "no command" "$budc"
    expect_status 2 "unknown command" "$budc" frobnicate
    expect_status 2 "unknown option" "$budc" check --frobnicate examples/qinhuangdao-media-center-2023.bud
    expect_status 2 "no input files" "$budc" check
    expect_status 2 "missing file" "$budc" check tests/does-not-exist.bud
    expect_status 2 "directory as input" "$budc" check tests
    expect_status 2 "bad -fmax-errors" "$budc" check -fmax-errors=x examples/qinhuangdao-media-center-2023.bud
    # warning options, in any position
    ex=examples/qinhuangdao-media-center-2023.bud
    expect_status 0 "warning options accepted" "$budc" check -Wno-catalog-local "$ex" -WW-X -Werror=三公不增
    expect_status 1 "-Werror makes the seed's warnings errors" "$budc" check -Werror "$ex"
    for flag in -W -Wno- -Werror= -Wbad= -Wbad=x -Wno-a=b -Werror=E-SYNTAX -Wno-E-SYNTAX -We-syntax -Wno-error; do
        expect_status 2 "bad warning option $flag" "$budc" check "$flag" "$ex"
        expect_status 2 "bad warning option $flag after the file" "$budc" check "$ex" "$flag"
    done
    expect_status 2 "-Wno-E-SYNTAX golden" "$budc" check -Wno-E-SYNTAX tests/golden/flags/no-error-codes.bud
    msg=$("$budc" check -Wno-E-SYNTAX "$ex" 2>&1)
    if [ "$msg" = "budc: error: '-Wno-E-SYNTAX': errors cannot be disabled; only warnings (W-…) can
Try 'budc --help'." ]; then ok; else bad "-Wno-E-SYNTAX message: $msg"; fi
    if "$budc" help check | grep -q -- '-Wno-CODE'; then ok; else bad "budc help check lists -Wno-CODE"; fi
    if "$budc" --help | grep -q -- '-Werror=CODE'; then ok; else bad "budc --help lists -Werror=CODE"; fi
    # budc explain: the title is the one in the documents
    title=$(sed -n 's/^### E-SYNTAX — //p' docs/diagnostics.md)
    expect_status 0 "budc explain E-SYNTAX" "$budc" explain E-SYNTAX
    expect_status 0 "budc help explain" "$budc" help explain
    for q in E-SYNTAX e-syntax syntax SYNTAX; do
        first=$("$budc" explain "$q" 2>&1 | head -1)
        if [ -n "$title" ] && [ "$first" = "E-SYNTAX — $title" ]; then ok
        else bad "budc explain $q: first line '$first'"; fi
    done
    expect_status 2 "budc explain NOPE" "$budc" explain NOPE
    expect_status 2 "budc explain two codes" "$budc" explain E-SYNTAX E-ROW
    msg=$("$budc" explain NOPE 2>&1 | head -1)
    if [ "$msg" = "budc: error: unknown diagnostic code 'NOPE'" ]; then ok; else bad "explain NOPE message: $msg"; fi
    if "$budc" explain synatx 2>&1 | grep -qx 'budc: note: did you mean E-SYNTAX?'; then ok
    else bad "budc explain synatx suggests E-SYNTAX"; fi
    # every documented code is listed, and explains itself
    ndoc=$(awk '/^```/ { f = !f } !f && /^### [^ ]+ — / { n++ } END { print n + 0 }' \
        docs/diagnostics.md docs/checks.md)
    nlist=$("$budc" explain | wc -l)
    if [ "$ndoc" -eq "$nlist" ]; then ok; else bad "budc explain lists $nlist codes, the documents $ndoc"; fi
    # (under the sanitizers every 8th code: the plain pass checks each; the
    # sanitizers watch the same lookup and printer on an eighth of them)
    local every=1 n=0
    [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && every=8
    while read -r code _; do
        n=$((n + 1))
        [ $(( (n - 1) % every )) -eq 0 ] || continue
        first=$("$budc" explain "$code" 2>/dev/null | head -1)
        case "$first" in "$code — "?*) ;; *) bad "budc explain $code: '$first'"; continue ;; esac
        ok
    done < <("$budc" explain)
    # every code the compiler's source can emit (each "E-…" or "W-…" string
    # literal of src/ and grammar/) is documented, so that budc explain knows
    # it (issue 17: E-OVERFLOW was neither)
    undocumented=$(comm -23 <(grep -rhoE '"[EW]-[A-Z0-9]+(-[A-Z0-9]+)*"' src grammar | tr -d '"' | sort -u) \
        <("$budc" explain | awk '{ print $1 }' | sort -u))
    nsrc=$(grep -rhoE '"[EW]-[A-Z0-9]+(-[A-Z0-9]+)*"' src grammar | sort -u | wc -l)
    if [ -z "$undocumented" ] && [ "$nsrc" -gt 80 ]; then ok
    else bad "codes the source emits but docs/diagnostics.md and docs/checks.md do not document ($nsrc found): $(printf '%s ' $undocumented)"; fi
    if "$budc" --version | grep -qE '^budc [0-9]+\.[0-9]+\.[0-9]+$'; then ok; else bad "version format"; fi
    msg=$("$budc" check tests/does-not-exist.bud 2>&1)
    if [ "$msg" = "budc: error: cannot read 'tests/does-not-exist.bud': No such file or directory [E-IO]" ]; then ok
    else bad "missing-file message: $msg"; fi
}

# ---- running the parts ------------------------------------------------------
# Each part runs in a subshell of its own with its own counts and log;
# BUDC_TEST_JOBS of them at once (default: the number of cores), the longest
# first.  A part's log is printed whole when it ends, so lines of two parts
# never interleave; the counts are added at the end.
parts=()
for f in examples/*.bud; do parts+=("example $f"); done
for t in tests/outputs/*.sh; do [ -f "$t" ] && parts+=("output $t"); done
parts+=(golden checks cli docs unit)
# Under the sanitizers (make asan: BUDC_TEST_SANITIZED=1) the editors' test
# is left out: it tests the grammars of VS Code and Vim, the manual page and
# the completion, with node, vim and man; budc only prints its help there,
# which the cli part runs under the sanitizers.
if [ "${BUDC_TEST_SANITIZED:-}" = 1 ]; then
    kept=()
    for p in "${parts[@]}"; do [ "$p" = "output tests/outputs/editors.sh" ] || kept+=("$p"); done
    parts=("${kept[@]}")
fi
# the longest first (measured with BUDC_TEST_TIMES=1: the examples'
# mutations, the PDF corpus, hostile inputs, fmt's corpus, the PDF round
# trips, the unit tests, LaTeX), so that no long part starts last
ordered=()
for slow in "output tests/outputs/audit.sh" "output tests/outputs/hostile.sh" \
            "output tests/outputs/fmt.sh" "output tests/outputs/pdf_import.sh" unit \
            "output tests/outputs/latex.sh" "output tests/outputs/csv.sh" \
            "output tests/outputs/html.sh"; do
    for p in "${parts[@]}"; do [ "$p" = "$slow" ] && ordered+=("$p"); done
done
for p in "${parts[@]}"; do
    case " ${ordered[*]-} " in *" $p "*) ;; *) ordered+=("$p") ;; esac
done
# examples first of all: county-education-bureau-2024 has the most mutations
mapfile -t ordered < <(printf '%s\n' "${ordered[@]}" | awk '/^example /{print; next} {rest[n++]=$0} END{for(i=0;i<n;i++) print rest[i]}')

# BUDC_TEST_PARTS="golden checks …": only the parts named (a part is named
# by its first word — unit, golden, docs, checks, example, output, cli — or
# by its argument, e.g. tests/outputs/fmt.sh); make mutate's first pass.
if [ -n "${BUDC_TEST_PARTS:-}" ]; then
    chosen=()
    for p in "${ordered[@]}"; do
        for w in ${BUDC_TEST_PARTS//,/ }; do
            if [ "$w" = "${p%% *}" ] || [ "$w" = "${p#* }" ]; then chosen+=("$p"); break; fi
        done
    done
    ordered=("${chosen[@]}")
fi

jobs_max=${BUDC_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs_max" -ge 1 ] 2>/dev/null || jobs_max=1
results=$build/test-parts
rm -rf "$results" "$outdir"
mkdir -p "$results" "$outdir"
# The sanitized pass runs sanitized only the runs tests/sanitized/runs.txt
# marks s (make asan-select: together they cover all the code the pass
# covers run wholly sanitized), the others with the plain build
# (tests/sanitized/select.c), unless BUDC_TEST_SELECT=0 or BUDC_COVERAGE is
# set (a measurement runs everything sanitized), or the plain build is
# missing or older than what it is built from (src, grammar, the documents
# budc explain prints, the translations: make asan alone, after a change).
selection=
if [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && [ "${BUDC_TEST_SELECT:-1}" != 0 ] &&
    [ -z "${BUDC_COVERAGE:-}" ] && [ -f tests/sanitized/runs.txt ]; then
    if [ -x build/budc ] && [ -f build/budc-io.so ] &&
        [ -z "$(find src grammar docs po -type f -newer build/budc -print -quit 2> /dev/null)" ] &&
        [ -z "$(find src -type f -newer build/budc-io.so -print -quit 2> /dev/null)" ]; then
        selection=$results/selection.log
        export BUDC_SANITIZED_RUNS="$PWD/tests/sanitized/runs.txt" \
            BUDC_SANITIZED_PLAIN="$(realpath build/budc)" BUDC_SANITIZED_EXE="$(realpath "$budc")" \
            BUDC_SANITIZED_LOG="$selection"
    else
        echo "note: every run sanitized: the plain build (build/budc) is missing or older than the sources (make, then make asan)"
    fi
fi
declare -A part_of=()
stopped=0
part_limit=${BUDC_TEST_PART_LIMIT:-600}
[ "$part_limit" -ge 0 ] 2>/dev/null || part_limit=600
# watch_part PID LIMIT NAME: a child of the part (so that the main loop's
# wait -n does not see it); it ends within a second of the part, or stops
# the part after LIMIT seconds: the part's subshell first (so that it starts
# nothing more), then every process under it, then the subshell.  The part
# then ends without its counts, which fails the suite.
watch_part() {
    local part=$1 limit=$2 name=$3 start=$SECONDS me=$BASHPID stat line pid kid
    local tree=() level=() below=()
    local -A kids=()
    while kill -0 "$part" 2> /dev/null; do
        if [ $((SECONDS - start)) -ge "$limit" ]; then
            echo "FAIL: part $name: still running after $limit s (BUDC_TEST_PART_LIMIT), stopped"
            kill -STOP "$part" 2> /dev/null
            # every process's children, from /proc (no ps: procps may be missing)
            for stat in /proc/[0-9]*/stat; do
                read -r line < "$stat" 2> /dev/null || continue
                line=${line##*) } # after "PID (COMMAND) ": the state, then the parent
                line=${line#* }
                pid=${stat#/proc/}
                kids[${line%% *}]+=" ${pid%/stat}"
            done
            level=("$part")
            while [ ${#level[@]} -gt 0 ]; do
                tree+=("${level[@]}")
                below=()
                for pid in "${level[@]}"; do
                    for kid in ${kids[$pid]-}; do [ "$kid" != "$me" ] && below+=("$kid"); done
                done
                level=("${below[@]}")
            done
            kill -KILL "${tree[@]:1}" 2> /dev/null
            kill -KILL "$part" 2> /dev/null
            return
        fi
        sleep 1
    done
}
# finish_one: waits for a part to end and prints its log.
finish_one() {
    local pid
    wait -n -p pid 2> /dev/null # (a part killed by watch_part: its own FAIL line, not the shell's)
    local i=${part_of[$pid]}
    unset "part_of[$pid]"
    cat "$results/$i.log"
    if [ -n "${BUDC_TEST_FAILFAST:-}" ] && [ -e "$BUDC_TEST_FAILFAST" ]; then stopped=1; fi
}
i=0
for p in "${ordered[@]}"; do
    [ $stopped -eq 1 ] && break
    while [ ${#part_of[@]} -ge "$jobs_max" ]; do finish_one; done
    [ $stopped -eq 1 ] && break
    i=$((i + 1))
    (
        # the counts are written when the part ends, not by an EXIT trap:
        # the subshells a part forks would run the trap too
        pass=0 fail=0
        t0=$(date +%s%N)
        part_pid=$BASHPID
        [ "$part_limit" -gt 0 ] && watch_part "$part_pid" "$part_limit" "$p" &
        # the part is part of a run's key: the coverage files say which
        # part ran what (make asan-coverage), and select.c looks runs up
        [ -n "${BUDC_COVERAGE:-}${BUDC_SANITIZED_RUNS:-}" ] && export BUDC_COVERAGE_PART="$p"
        case $p in
        example\ *) part_example "${p#example }" ;;
        output\ *) part_output "${p#output }" ;;
        *) "part_$p" ;;
        esac
        echo "$pass $fail" > "$results/$i.count"
        echo "$(( ($(date +%s%N) - t0) / 1000000 )) $p" > "$results/$i.time"
    ) > "$results/$i.log" 2>&1 &
    part_of[$!]=$i
done
while [ ${#part_of[@]} -gt 0 ]; do finish_one; done
if [ $stopped -eq 1 ]; then
    echo "stopped at the first failure (BUDC_TEST_FAILFAST)"
    exit 1
fi
for ((k = 1; k <= i; k++)); do
    if [ -f "$results/$k.count" ]; then
        read -r p f < "$results/$k.count"
        pass=$((pass + p)) fail=$((fail + f))
    else
        bad "part ${ordered[k - 1]} ended without its counts"
    fi
done
if [ $i -ne ${#ordered[@]} ]; then bad "only $i of ${#ordered[@]} parts ran"; fi

# BUDC_TEST_TIMES=1: how long each part took, the slowest first
if [ "${BUDC_TEST_TIMES:-}" = 1 ]; then
    echo; echo "parts by time (ms):"
    cat "$results"/*.time 2>/dev/null | sort -rn | head -20
fi

if [ -n "$selection" ] && [ -f "$selection" ]; then
    read -r sel_s sel_p sel_u < <(awk '{n[$1]++} END {print n["s"] + 0, n["p"] + 0, n["u"] + 0}' "$selection")
    echo "sanitized pass: $((sel_s + sel_u)) budc runs sanitized ($sel_u not in tests/sanitized/runs.txt), $sel_p by the plain build"
fi

echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
