#!/usr/bin/env bash
# run.sh BUILD — runs every test of budc and ends with "N passed, N failed".
#
#   1. the cmocka unit tests (BUILD/tests/test_*)
#   2. golden diagnostics: each tests/golden/**/NAME.bud beside NAME.err;
#      `budc check NAME.bud` must print exactly NAME.err on stderr and exit 1
#      when it holds an error, 0 otherwise
#   3. every ```bud example in docs/*.md and README.md must check cleanly
#   4. every examples/*.bud must check cleanly
#   5. the command line: help, version, usage errors, unreadable inputs
set -u
build=${1:-build}
budc=$build/budc
cd "$(dirname "$0")/.."
pass=0
fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }

# 1. unit tests
for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *.d) continue ;; esac
    if "$t"; then ok; else bad "unit test $t"; fi
done

# 2. golden diagnostics
while IFS= read -r -d '' err; do
    src=${err%.err}.bud
    [ -f "$src" ] || { bad "$err has no $src"; continue; }
    actual=$("$budc" check "$src" 2>&1 >/dev/null)
    status=$?
    expected_status=0
    grep -q ': error: ' "$err" && expected_status=1
    if [ "$actual" != "$(cat "$err")" ]; then
        bad "golden $src: diagnostics differ"
        diff <(printf '%s\n' "$actual") "$err" | head -20
    elif [ $status -ne $expected_status ]; then
        bad "golden $src: exit status $status, expected $expected_status"
    else
        ok
    fi
done < <(find tests/golden -name '*.err' -print0 | sort -z)

# 3. examples in the documentation
docdir=$build/doc-examples
rm -rf "$docdir"
mkdir -p "$docdir"
for doc in docs/*.md README.md; do
    [ -f "$doc" ] || continue
    awk -v dir="$docdir" -v base="$(basename "$doc" .md)" '
        /^```bud[ \t]*$/ { n++; file = sprintf("%s/%s-%02d.bud", dir, base, n); inblock = 1; next }
        /^```/ && inblock { inblock = 0; close(file); next }
        inblock { print > file }
    ' "$doc"
done
for f in "$docdir"/*.bud; do
    [ -f "$f" ] || continue
    if out=$("$budc" check "$f" 2>&1); then ok; else bad "doc example $f:"; echo "$out" | head -10; fi
done

# 4. examples
for f in examples/*.bud; do
    out=$("$budc" check "$f" 2>&1)
    status=$?
    if [ $status -eq 0 ] && [ -z "$out" ]; then ok; else bad "example $f (exit $status)"; echo "$out" | head -10; fi
done

# 5. the command line
expect_status() { # expect_status STATUS DESCRIPTION COMMAND...
    local want=$1 what=$2; shift 2
    "$@" >/dev/null 2>&1
    local got=$?
    if [ $got -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want"; fi
}
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
if "$budc" --version | grep -qE '^budc [0-9]+\.[0-9]+\.[0-9]+$'; then ok; else bad "version format"; fi
msg=$("$budc" check tests/does-not-exist.bud 2>&1)
if [ "$msg" = "budc: error: cannot read 'tests/does-not-exist.bud': No such file or directory [E-IO]" ]; then ok
else bad "missing-file message: $msg"; fi

echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
