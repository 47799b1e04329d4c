# tests/outputs/init.sh — budc init (docs/init.md); sourced by tests/run.sh,
# reports through ok/bad, writes only under $outdir/init.
#
#   1. budc init DIR writes budget.bud, Makefile and .gitignore; the budget
#      checks with exit 0 and not a line on stderr, is in the canonical
#      layout (budc fmt --check), and `make -C DIR` builds every output
#   2. --name, --code and --year: each year of the standard library checks
#      clean, and the JSON has the name and code given
#   3. nothing is replaced: a second init, or a DIR holding any of the three
#      files, exits 2 naming the file and writes nothing; a name that cannot
#      stand in a .bud string, a year without catalogues, no DIR: exit 2

init_dir=$outdir/init
rm -rf "$init_dir"
mkdir -p "$init_dir"
budc_abs=$(realpath "$budc")
if "$budc" init "$init_dir/new" >/dev/null 2>&1 && [ -f "$init_dir/new/budget.bud" ] &&
    [ -f "$init_dir/new/Makefile" ] && [ -f "$init_dir/new/.gitignore" ]; then ok
else bad "init: budc init DIR did not write its three files"; fi
if init_err=$("$budc" check "$init_dir/new/budget.bud" 2>&1) && [ -z "$init_err" ]; then ok
else bad "init: the new budget does not check clean: $(printf '%s\n' "$init_err" | head -5)"; fi
if "$budc" fmt --check "$init_dir/new/budget.bud" >/dev/null 2>&1; then ok
else bad "init: the new budget is not in budc fmt's layout"; fi
if make -s -C "$init_dir/new" BUDC="$budc_abs" >/dev/null 2>&1 &&
    [ -s "$init_dir/new/out/budget.json" ] && [ -s "$init_dir/new/out/budget.html" ] &&
    [ -s "$init_dir/new/out/budget.tex" ] && [ -s "$init_dir/new/out/budget-csv/facts.csv" ]; then ok
else bad "init: make -C DIR did not build the outputs: $(ls "$init_dir/new/out" 2>&1 | tr '\n' ' ')"; fi
if grep -qx '/out/' "$init_dir/new/.gitignore"; then ok; else bad "init: .gitignore does not ignore out/"; fi

for y in 2023 2024 2025; do
    d=$init_dir/y$y
    if "$budc" init --name "测试局$y" --code "9$y" --year $y "$d" >/dev/null 2>&1 &&
        init_err=$("$budc" check "$d/budget.bud" 2>&1) && [ -z "$init_err" ] &&
        "$budc" json "$d/budget.bud" 2>/dev/null | python3 -c "
import json, sys
d = json.load(sys.stdin)['department']
sys.exit(0 if (d['name'], d['code'], d['year']) == ('测试局$y', '9$y', $y) else 1)"; then ok
    else bad "init --year $y: $(printf '%s\n' "$init_err" | head -3)"; fi
done

cp -r "$init_dir/new" "$init_dir/before"
init_msg=$("$budc" init "$init_dir/new" 2>&1)
init_st=$?
if [ $init_st -eq 2 ] && printf '%s' "$init_msg" | grep -q 'budget.bud exists' &&
    diff -r "$init_dir/new" "$init_dir/before" >/dev/null; then ok
else bad "init over an existing department: exit $init_st, $init_msg"; fi
mkdir -p "$init_dir/partial"
echo keep > "$init_dir/partial/.gitignore"
init_msg=$("$budc" init "$init_dir/partial" 2>&1)
init_st=$?
if [ $init_st -eq 2 ] && printf '%s' "$init_msg" | grep -q '.gitignore exists' &&
    [ "$(ls -A "$init_dir/partial")" = .gitignore ] && [ "$(cat "$init_dir/partial/.gitignore")" = keep ]; then ok
else bad "init into a directory with a .gitignore: exit $init_st, $(ls -A "$init_dir/partial")"; fi
expect_status 2 "init: a name with a quote" "$budc" init --name 'a"b' "$init_dir/q"
expect_status 2 "init: a code that is no number" "$budc" init --code A1 "$init_dir/q"
expect_status 2 "init: a year without catalogues" "$budc" init --year 1999 "$init_dir/y1999"
expect_status 2 "init: no directory" "$budc" init
if [ ! -e "$init_dir/q" ] && [ ! -e "$init_dir/y1999" ]; then ok
else bad "init: a usage error wrote files"; fi
