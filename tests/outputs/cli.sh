# cli.sh — sourced by tests/run.sh: directories as inputs, several budgets
# in one run, make dependencies (-M, -MF, -MT) and JSON diagnostics.
clidir=$outdir/cli
rm -rf "$clidir"
mkdir -p "$clidir"

# a directory stands for the .bud files directly in it
if "$budc" check examples >/dev/null 2>&1; then ok; else bad "budc check examples/ (a directory)"; fi
n=$("$budc" check examples 2>&1 | grep -c 'qinhuangdao-media-center-2023/本级.bud:83:39: warning')
if [ "$n" = 1 ]; then ok; else bad "budc check examples/ reports each warning once (got $n)"; fi
mkdir -p "$clidir/empty"
expect_status 2 "a directory without .bud files" "$budc" check "$clidir/empty"
# several budgets: the exit status covers them all
cp tests/golden/balance/balance.bud "$clidir/broken.bud"
expect_status 1 "one broken budget among good ones" "$budc" check examples "$clidir/broken.bud"
# json of several budgets goes into a directory
if "$budc" json -o "$clidir/json" examples 2>/dev/null &&
    [ -s "$clidir/json/qinhuangdao-media-center-2023.json" ] &&
    [ -s "$clidir/json/county-culture-bureau-2023.json" ]; then ok
else bad "budc json -o DIR with a directory of budgets"; fi
expect_status 2 "several budgets without -o" "$budc" json examples

# -M: the budget, its imports and the standard library it is checked against
deps=$("$budc" check -M examples/qinhuangdao-media-center-2023.bud)
case "$deps" in
"examples/qinhuangdao-media-center-2023.json: \\"*) ok ;;
*) bad "-M names NAME.json as the target: $(printf '%s' "$deps" | head -1)" ;;
esac
for dep in examples/qinhuangdao-media-center-2023/本级.bud stdlib/2023/function.bud; do
    case "$deps" in *"$dep"*) ok ;; *) bad "-M lists $dep" ;; esac
done
case "$("$budc" check -M examples/county-culture-bureau-2023.bud)" in
*stdlib/2023.bud*) ok ;; *) bad "-M lists the standard library loaded by default" ;; esac
# the budgets a budget names are dependencies too (issue 15): a 决算's budget
# "FILE" and last year's prior "FILE", with their imports, each file once
deps=$("$budc" check -M examples/county-education-bureau-2024-final.bud)
for dep in examples/county-education-bureau-2024.bud stdlib/2023/final.bud; do
    case "$deps" in *"$dep"*) ok ;; *) bad "-M of a 决算 lists $dep" ;; esac
done
n=$(printf '%s\n' "$deps" | grep -c '^  .*stdlib/2024/function.bud')
if [ "$n" -eq 1 ]; then ok; else bad "-M lists stdlib/2024/function.bud $n times (once expected)"; fi
deps=$("$budc" check -M tests/golden/yoy/moved.bud 2>&1)
case "$deps" in *"tests/golden/yoy/last/moved-2023.bud"*) ok ;; *) bad "-M lists last year's budget (prior \"FILE\"): $deps" ;; esac
mkdir -p "$clidir/noprior"
printf 'department 901 "示例局" {\n  year 2024\n  money 万元\n}\nprior "gone.bud"\n' > "$clidir/noprior/a.bud"
out=$("$budc" check -M "$clidir/noprior/a.bud" 2>&1)
status=$?
case "$status/$out" in
1/*"a.bud:5:7: error: cannot read last year's budget '$clidir/noprior/gone.bud'"*"[E-PRIOR-FILE]"*) ok ;;
*) bad "-M of a budget whose prior file is missing: exit $status, $out" ;;
esac
"$budc" check -MF "$clidir/seed.d" -MT out/seed.json examples/qinhuangdao-media-center-2023.bud
if head -1 "$clidir/seed.d" | grep -q '^out/seed.json: \\$'; then ok; else bad "-MF FILE -MT TARGET"; fi
# the dependency file is a valid makefile fragment
printf 'include %s\nall: out/seed.json\nout/seed.json:\n\t@echo made\n' "$clidir/seed.d" > "$clidir/Makefile"
if make -s -f "$clidir/Makefile" -n >/dev/null 2>&1; then ok; else bad "the -MF file is read by make"; fi

# -M with file names that make reads otherwise (issue 17, finding 6): white
# space, '#', ':', '$', '=', '|' and wildcards are escaped so that make
# names the file; a newline or ';' (which make cannot escape) or a control
# character is refused, exit 2, nothing written, so no rule is injected
abs_budc=$(cd "$(dirname "$budc")" && pwd)/$(basename "$budc")
mkdir -p "$clidir/mk/sp ace"
printf 'unit a "x" {\n}\n' > "$clidir/mk/sp ace/a#b:c\$d=e|f*g[1]?.bud"
printf 'import "sp ace/a#b:c$d=e|f*g[1]?.bud"\n' > "$clidir/mk/main.bud"
if (cd "$clidir/mk" && "$abs_budc" check -M -MF deps.d main.bud) 2>/dev/null; then
    printf 'all: main.json\nmain.json:\n\t@printf "%%s\\n" '"'"'$^'"'"'\ninclude deps.d\n' > "$clidir/mk/Makefile"
    got=$(make -s -C "$clidir/mk" 2>&1)
    if [ "$got" = 'main.bud sp ace/a#b:c$d=e|f*g[1]?.bud' ]; then ok
    else bad "-M: make does not name the import with special characters: $got"; cat "$clidir/mk/deps.d"; fi
else bad "-M of an import with special characters fails"; fi
printf 'unit a "x" {\n}\n' > "$clidir/mk/$(printf 'x\nevil:\n\techo INJECTED')"
printf 'unit a "x" {\n}\n' > "$clidir/mk/x;y"
for imp in 'x\nevil:\n\techo INJECTED' 'x;y'; do
    printf 'import "%s"\n' "$imp" > "$clidir/mk/evil.bud"
    printf 'yesterday\n' > "$clidir/mk/evil.d"
    got=$(cd "$clidir/mk" && "$abs_budc" check -M evil.bud 2>&1 >/dev/null)
    status=$?
    out=$(cd "$clidir/mk" && "$abs_budc" check -M evil.bud 2>/dev/null)
    (cd "$clidir/mk" && "$abs_budc" check -M -MF evil.d evil.bud 2>/dev/null)
    case "$imp" in *';'*) why="a ';'" ;; *) why="a newline" ;; esac
    if [ $status -eq 2 ] && [ -z "$out" ] && [ "$(cat "$clidir/mk/evil.d")" = yesterday ] &&
        [ "$got" = "budc: error: -M: './$(printf '%s' "$imp" | sed 's/\\t/\\t/')' holds $why, which a makefile cannot name; rename it" ] &&
        [ -z "$(find "$clidir/mk" -name '.evil.d.tmp-*')" ]; then ok
    else bad "-M of an import named '$imp': exit $status (expected 2), stdout '$out', message '$got', -MF file $(head -1 "$clidir/mk/evil.d")"; fi
done
# the warning flags apply to --diagnostics=json too (the text format is
# pinned by tests/golden/flags/): -Werror makes each warning an error,
# -Wno-CODE drops one with its note
"$budc" check --diagnostics=json -Werror -Wno-admin-cost-scope tests/golden/flags/budget/warnings.bud 2> "$clidir/flags.jsonl"
if [ $? -eq 1 ] && python3 - "$clidir/flags.jsonl" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
levels = [(o["level"], o["code"]) for o in objs]
assert levels == [("error", "W-UNIT-NATURE"), ("note", None), ("error", "W-GOAL-YEAR"),
                  ("error", "W-PROCUREMENT-NAME")], levels
PY
then ok; else bad "--diagnostics=json with -Werror -Wno-admin-cost-scope: $(head -c 300 "$clidir/flags.jsonl")"; fi
# --diagnostics=json: one object a line, parsed by python's json
if "$budc" check --diagnostics=json tests/golden/balance/balance.bud 2>"$clidir/diag.jsonl"; then
    bad "--diagnostics=json keeps the exit status"
else ok; fi
if python3 - "$clidir/diag.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
objs = [json.loads(l) for l in lines]
assert objs[0]['level'] == 'error' and objs[0]['code'] == 'E-BALANCE', objs[0]
assert objs[0]['line'] == 9 and objs[0]['column'] == 12, objs[0]
assert objs[1]['level'] == 'note' and objs[1]['code'] is None
assert all(set(o) == {'level', 'code', 'file', 'line', 'column', 'end_line', 'end_column', 'message'} for o in objs)
PY
then ok; else bad "--diagnostics=json objects"; fi
# a root cause in JSON: its error, its notes, and the count of the rest as a
# note at the amount
if "$budc" check --diagnostics=json -Wno-section-missing tests/golden/root-cause/cascade.bud 2>"$clidir/root.jsonl"; then
    bad "--diagnostics=json of a root cause keeps the exit status"
else ok; fi
if python3 - "$clidir/root.jsonl" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8').read().splitlines()]
assert [o['level'] for o in objs] == ['error'] + ['note'] * 5, objs
assert objs[0]['code'] == 'E-ROOT-CAUSE' and objs[0]['line'] == 15 and objs[0]['column'] == 16, objs[0]
assert objs[1]['message'].endswith('[E-BALANCE]') and objs[1]['line'] == 12, objs[1]
last = objs[-1]
assert last['file'].endswith('cascade.bud') and (last['line'], last['column']) == (15, 16), last
assert last['message'].startswith('and 16 more that this amount breaks: 15 stated cells (E-TABLE)'), last
PY
then ok; else bad "--diagnostics=json of a root cause"; fi
expect_status 2 "--diagnostics=xml" "$budc" check --diagnostics=xml examples

# build --consolidate: the nine tables summed over the departments by code;
# a region consolidates the budgets of one year, so the examples of 2023
# (county-education-bureau-2024 is of 2024)
rm -rf "$clidir/region"
if PATH=/nonexistent "$budc" build --consolidate -o "$clidir/region" examples/*-2023.bud >/dev/null 2>&1; then ok
else bad "budc build --consolidate examples/*-2023.bud"; fi
rm -rf "$clidir/region-years"
msg=$(PATH=/nonexistent "$budc" build --consolidate -o "$clidir/region-years" examples 2>&1 >/dev/null)
st=$?
case "$msg" in
*"cannot consolidate department 903: its 预算 is for 2024"*|*"cannot consolidate department 903: its 决算 is for 2024"*)
    if [ $st -eq 2 ] && [ ! -e "$clidir/region-years/consolidated.json" ]; then ok
    else bad "--consolidate of budgets of 2023 and 2024: exit $st, and it must write no consolidated.json"; fi ;;
*) bad "--consolidate of budgets of 2023 and 2024 does not say why it cannot: $msg" ;;
esac
if python3 - "$clidir/region" <<'PY'
import csv, decimal, json, sys
d = sys.argv[1]
def total(name):
    rows = list(csv.reader(open(f'{d}/{name}/03-expenditure.csv', encoding='utf-8', newline='')))
    return decimal.Decimal(rows[1][3])
seed, county, region = total('qinhuangdao-media-center-2023-csv'), total('county-culture-bureau-2023-csv'), total('consolidated-csv')
assert region == seed + county == decimal.Decimal('1796.65'), (seed, county, region)
doc = json.load(open(f'{d}/consolidated.json', encoding='utf-8'), parse_float=decimal.Decimal)
assert doc['source'] is None and len(doc['units']) == 3, doc['units']
import jsonschema
jsonschema.Draft202012Validator(json.load(open('docs/budget.schema.json'))).validate(
    json.load(open(f'{d}/consolidated.json', encoding='utf-8')))
PY
then ok; else bad "the consolidated tables are the sums of the departments' and validate"; fi
cp tests/golden/balance/balance.bud "$clidir/broken-region.bud"
rm -rf "$clidir/region2"
mkdir -p "$clidir/region-in"
cp examples/county-culture-bureau-2023.bud "$clidir/broken-region.bud" "$clidir/region-in/"
if PATH=/nonexistent "$budc" build --consolidate -o "$clidir/region2" "$clidir/region-in" >/dev/null 2>&1; then
    bad "--consolidate with a broken department exits 0"
elif [ -e "$clidir/region2/consolidated.json" ]; then
    bad "--consolidate writes a summary that misses a department"
else ok; fi

# a very long line is shown as a window around the error, not whole
python3 -c "print('department 901 \"' + 'x' * 2000000 + '\" {'); print('  year 2023'); print('  money 元元'); print('}')" > "$clidir/long-line.bud"
out=$("$budc" check "$clidir/long-line.bud" 2>&1)
longest=$(printf '%s\n' "$out" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
if [ "$longest" -lt 1000 ] && printf '%s' "$out" | grep -q 'E-MONEY'; then ok
else bad "a 2 MB line: diagnostics stay short (longest line $longest)"; fi
python3 -c "print('rule r error \"m\": ' + '1' * 10 + ' + x' * 3000 + ' > 0')" > "$clidir/wide-rule.bud"
out=$("$budc" check "$clidir/wide-rule.bud" 2>&1)
if printf '%s\n' "$out" | sed -n 2p | grep -q '^    1 | rule r error.*\.\.\.$'; then ok
else bad "a window into a long line is marked with ...: $(printf '%s' "$out" | sed -n 2p | cut -c1-80)"; fi

# the limit counts errors and warnings apart, over the whole run: 5 of the
# 22 warnings of the two budgets are printed, the error of the second is
# not hidden by them, and the rest are summed up in one note
out=$("$budc" check -fmax-errors=5 examples/qinhuangdao-media-center-2023.bud \
    tests/golden/balance/balance.bud 2>&1)
n=$(printf '%s\n' "$out" | grep -c '^[^ ].*: warning: ')
if [ "$n" = 5 ]; then ok; else bad "-fmax-errors=5 prints 5 warnings (got $n)"; fi
if printf '%s\n' "$out" | grep -q '^tests/golden/balance/balance.bud:9:12: error: '; then ok
else bad "-fmax-errors=5: the error after the seed's 21 warnings is printed"; fi
if [ "$(printf '%s\n' "$out" | tail -1)" = "budc: note: 17 more warnings not shown (use -fmax-errors=0 to see all)" ]; then ok
else bad "-fmax-errors=5: the summary of the warnings not shown: $(printf '%s\n' "$out" | tail -1)"; fi
n=$("$budc" check -fmax-errors=0 examples/qinhuangdao-media-center-2023.bud 2>&1 | grep -c '^[^ ].*: warning: ')
if [ "$n" = 21 ]; then ok; else bad "-fmax-errors=0 prints all 21 warnings of the seed (got $n)"; fi
