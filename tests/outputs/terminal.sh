# shellcheck shell=bash
# tests/outputs/terminal.sh — user text never acts on the terminal (issue
# 17, findings 3 and 8; src/base/text.h).  Sourced by tests/run.sh, which
# gives $budc, $outdir, ok and bad.
#
#   1. everything budc prints about inputs full of ESC, OSC, BEL, C1
#      (U+009B), bidirectional controls (U+202E, U+2066, U+200F) and
#      newlines — the diagnostics of tests/golden/encoding/terminal*.bud as
#      text and as JSON, budc diff's text, budc fmt --check's file names, the
#      messages naming a file whose name holds them, the source lines under
#      diagnostics — is valid UTF-8 without one of those characters raw, and
#      no line of it is forged by a newline (tests/outputs/terminal/clean.py).
#      The goldens pin the exact escapes; this checks every path to the
#      terminal at once.
#   2. a string of 10 MB quoted by a message (E-NATURE) is cut with "…":
#      the diagnostics stay under 10 KB, on one line

terminal_tests() {
    local d=$outdir/terminal base=tests/outputs/hostile/base.bud f out n
    rm -rf "$d"
    mkdir -p "$d"
    d=$(cd "$d" && pwd)
    # 1. every path of user text to the terminal
    "$budc" check tests/golden/encoding/terminal.bud > "$d/check.out" 2> "$d/check.err"
    "$budc" check tests/golden/encoding/terminal-import.bud > "$d/import.out" 2> "$d/import.err"
    "$budc" check --diagnostics=json tests/golden/encoding/terminal.bud > /dev/null 2> "$d/json.err"
    "$budc" json tests/golden/encoding/terminal.bud > /dev/null 2> "$d/json-cmd.err"
    python3 - "$base" "$d/changed.bud" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for a, b in [('"示例局负责示例工作。"', '"示例局负责\x1b[2J示例工作。\u202e\\n/tmp/x.bud:1:1: error: forged"'),
             ('goal "购置办公设备 10 台"', 'goal "购置\x1b]0;x\x07办公设备\u009b 10 台"'),
             ('project "信息系统运维"', 'project "信息\u2066系统\x1b[31m运维\\n/tmp/x.bud:1:1: error: forged"')]:
    assert a in s, a
    s = s.replace(a, b, 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
    "$budc" diff "$base" "$d/changed.bud" > "$d/diff.out" 2> "$d/diff.err"
    if grep -q 'x1b\[2J' "$d/diff.out" && grep -q 'u2066' "$d/diff.out"; then ok
    else bad "terminal: budc diff does not show the escapes of the names and texts it prints"; head -5 "$d/diff.out"; fi
    # file names with a newline, ESC and U+202E
    f=$d/"$(printf 'bad\nFORGED.bud:1:1: error: forged\033[31m\342\200\256.bud')"
    printf 'unit  a "x" {\n}\n' > "$f"
    "$budc" fmt --check "$f" > "$d/fmt.out" 2> "$d/fmt.err"
    "$budc" check "$f.missing" > "$d/missing.out" 2> "$d/missing.err"
    printf 'unit a "x" {\n  nature 行政 x\n}\n' > "$f"
    "$budc" check "$f" > "$d/name.out" 2> "$d/name.err"
    "$budc" json "$base" -o "$f.dir/out.json" > "$d/o.out" 2> "$d/o.err"
    for n in check import json json-cmd diff fmt missing name o; do
        [ -s "$d/$n.err" ] || [ -s "$d/$n.out" ] || { bad "terminal: $n printed nothing"; continue; }
    done
    if out=$(python3 tests/outputs/terminal/clean.py "$d"/*.out "$d"/*.err); then ok
    else bad "terminal: user text reaches the terminal raw"; printf '%s\n' "$out" | head -10; fi
    # the messages of --diagnostics=json, once parsed, are escaped too
    if out=$(python3 -c '
import json, re, sys
bad = [o["message"] for o in map(json.loads, open(sys.argv[1])) if re.search("[\x00-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]", o["message"])]
print("\n".join(map(repr, bad[:3])))
sys.exit(1 if bad else 0)' "$d/json.err"); then ok
    else bad "terminal: a message of --diagnostics=json holds a control character: $out"; fi
    # 2. a string of 10 MB in a message
    python3 - "$base" "$d/long-nature.bud" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(s.replace("nature 行政", 'nature "' + "长" * 3500000 + '"', 1))
EOF
    "$budc" check "$d/long-nature.bud" > /dev/null 2> "$d/long-nature.txt"
    n=$(wc -c < "$d/long-nature.txt")
    if [ "$n" -lt 10000 ] && grep -q "^$d/long-nature.bud:8:10: error: unknown 单位性质 '长*…'; write 行政" "$d/long-nature.txt"; then ok
    else bad "terminal: a 10 MB string in E-NATURE: $n bytes of diagnostics, first line $(head -c 200 "$d/long-nature.txt")"; fi
    rm -rf "$d"
}

terminal_tests
unset -f terminal_tests
