# shellcheck shell=bash
# tests/outputs/pins.sh — outputs pinned byte for byte (tests/pins/README.md),
# sourced by tests/run.sh, which gives $budc, $build, $outdir, ok and bad.
#
#   1. for every budget of pins_inputs: the LaTeX document (latex/NAME.tex),
#      everything `budc check -fmax-errors=0` prints (check/NAME.err) and
#      the region's consolidation of the examples of 2023 (consolidated/:
#      JSON, CSV, LaTeX), written by `budc build --consolidate` (a region
#      consolidates the budgets of one year)
#   2. the diagnostics of every mutation of each example (mutate/NAME.log)
#      are compared by step 5 of tests/run.sh, which records them
#   3. the diagnostics of the hostile inputs (hostile/NAME.err) are compared
#      by tests/outputs/hostile.sh itself (hostile_pins)
#
# The JSON of every example and the CSV tables are pinned by json.sh and
# csv.sh already.  After a deliberate change of an output, PIN_BLESS=1 bash
# tests/run.sh rewrites the pinned files from what budc writes now and fails
# the run (pin_compare in tests/run.sh): review `git diff tests/pins` and run
# the tests again.

pins_inputs() {
    local f
    for f in examples/*.bud tests/outputs/json/edge-cases.bud tests/outputs/csv/blank-zero.bud \
        tests/outputs/csv/injection.bud; do
        [ -f "$f" ] && printf '%s\n' "$f"
    done
}

pins_tests() {
    local dir=$outdir/pins f name
    mkdir -p "$dir"
    while IFS= read -r f; do
        name=$(basename "$f" .bud)
        "$budc" latex "$f" -o "$dir/$name.tex" 2>/dev/null
        pin_compare "tests/pins/latex/$name.tex" "$dir/$name.tex" "budc latex $f"
        "$budc" check -fmax-errors=0 "$f" > /dev/null 2> "$dir/$name.err"
        pin_compare "tests/pins/check/$name.err" "$dir/$name.err" "budc check $f"
    done < <(pins_inputs)
    # the consolidation of the examples of 2023
    "$budc" build --consolidate -o "$dir/region" examples/*-2023.bud > /dev/null 2>&1
    for f in consolidated.json consolidated.tex $(cd "$dir/region" 2>/dev/null && echo consolidated-csv/*.csv); do
        [ -f "$dir/region/$f" ] || { bad "pins: budc build --consolidate wrote no $f"; continue; }
        pin_compare "tests/pins/consolidated/${f#consolidated-csv/}" "$dir/region/$f" "consolidated $f"
    done
}

pins_tests
unset -f pins_inputs pins_tests
