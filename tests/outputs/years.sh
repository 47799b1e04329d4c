# shellcheck shell=bash
# tests/outputs/years.sh — the standard library of every year (stdlib/YEAR.bud),
# sourced by tests/run.sh, which gives $budc, $outdir, ok and bad.
#
#   1. the same budget (tests/outputs/years/budget.bud: codes present in
#      every year) written for 2023, 2024 and 2025 — only `year` differs —
#      checks cleanly: no error, no W-CATALOG-YEAR, and -M shows it read
#      the catalogues of its own year (stdlib/YEAR/function.bud)
#   2. a code the catalogues of one year added is unknown the years before
#      and known from that year on: the 项 2170404 (added to 2025 by
#      财预〔2025〕41号) is E-CODE-UNKNOWN in 2023 and 2024; the 款 22006
#      (added to 2024 by 财预〔2024〕22号), 22911 and 23107 (2025) are named
#      by the E-CODE-UNKNOWN of a 项 under them from their year on only
#   3. the data of every year's function catalogue: each 项 named 行政运行
#      carries the word 行政 and each 事业运行 the word 事业; 223 carries
#      国有资本经营; the 政府性基金 款 of the 2023 catalogue carry 政府性基金
#      in every year; the three procurement catalogues (the 2022 catalogue,
#      in force in all three years) have the same rows; a year's moved
#      catalogue maps codes of the year before to codes of its own year
#
# shellcheck disable=SC2154  # $budc and $outdir come from tests/run.sh

years_budget() { # years_budget YEAR CODE FILE [SOURCE]
    sed "s/@YEAR@/$1/; s/@CODE@/$2/; s/@SOURCE@/${4:-其他收入}/" tests/outputs/years/budget.bud > "$3"
}

# years_same: step 1.
years_same() {
    local dir=$outdir/years y out
    for y in 2023 2024 2025; do
        years_budget "$y" 2010102 "$dir/same-$y.bud"
        out=$("$budc" check "$dir/same-$y.bud" 2>&1)
        if [ $? -eq 0 ] && ! printf '%s\n' "$out" | grep -q 'error:\|W-CATALOG-YEAR\|E-CATALOG\|W-CATALOG'; then ok
        else bad "years: the $y budget does not check cleanly against std/$y.bud"; printf '%s\n' "$out" | head -6; fi
        out=$("$budc" check -M "$dir/same-$y.bud" 2>/dev/null)
        if printf '%s\n' "$out" | grep -q "stdlib/$y/function.bud" &&
            printf '%s\n' "$out" | grep -q "stdlib/$y/economic.bud" &&
            ! printf '%s\n' "$out" | grep -v "stdlib/$y/" | grep -q 'function.bud\|economic.bud'; then ok
        else bad "years: the $y budget does not read the function and economic catalogues of $y"; printf '%s\n' "$out" | head -20; fi
    done
}

# years_code CODE FIRST SOURCE: step 2 for a 项 — CODE (paid from SOURCE)
# is E-CODE-UNKNOWN before year FIRST and checks cleanly from it on.
years_code() {
    local dir=$outdir/years code=$1 first=$2 y out st
    for y in 2023 2024 2025; do
        years_budget "$y" "$code" "$dir/code-$code-$y.bud" "$3"
        out=$("$budc" check "$dir/code-$code-$y.bud" 2>&1)
        st=$?
        if [ "$y" -lt "$first" ]; then
            if [ $st -eq 1 ] && printf '%s\n' "$out" | grep -q "error: function code $code is not in the $y 支出功能分类.*\[E-CODE-UNKNOWN\]"; then ok
            else bad "years: $code is accepted in $y, before the $first catalogue added it"; printf '%s\n' "$out" | head -4; fi
        elif [ $st -eq 0 ] && ! printf '%s\n' "$out" | grep -q 'error:'; then ok
        else bad "years: $code, added in $first, is refused in $y"; printf '%s\n' "$out" | head -4; fi
    done
}

# years_kuan KUAN FIRST: step 2 for a 款, which no spending line names: a
# line under the unknown 项 KUAN01 is E-CODE-UNKNOWN in every year, and the
# message says the catalogue has no 款 KUAN either before year FIRST, and
# names the 款 from it on.
years_kuan() {
    local dir=$outdir/years kuan=$1 first=$2 y out st
    for y in 2023 2024 2025; do
        years_budget "$y" "${kuan}01" "$dir/kuan-$kuan-$y.bud"
        out=$("$budc" check "$dir/kuan-$kuan-$y.bud" 2>&1)
        st=$?
        if [ "$y" -lt "$first" ]; then
            if [ $st -eq 1 ] && printf '%s\n' "$out" | grep -q "error: function code ${kuan}01 is not in the $y 支出功能分类 (the catalogue has no 款 $kuan either).*\[E-CODE-UNKNOWN\]"; then ok
            else bad "years: 款 $kuan is in the $y catalogue, before $first added it"; printf '%s\n' "$out" | head -4; fi
        elif [ $st -eq 1 ] && printf '%s\n' "$out" | grep -q "error: function code ${kuan}01 is not in the $y 支出功能分类 (under 款 $kuan .*\[E-CODE-UNKNOWN\]"; then ok
        else bad "years: 款 $kuan, added in $first, is not in the $y catalogue"; printf '%s\n' "$out" | head -4; fi
    done
}

# years_data: step 3.
years_data() {
    local out
    if out=$(python3 - <<'PY' 2>&1
import re, sys
row = re.compile(r'^  (\S+) "([^"]*)"((?: \S+)*)\s*$')
def rows(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        m = row.match(line)
        if m:
            out[m.group(1)] = (m.group(2), m.group(3).split())
    return out
bad = []
fund2023 = {c for c, (n, w) in rows('stdlib/2023/function.bud').items() if '政府性基金' in w}
if len(fund2023) < 25:
    bad.append('2023: only %d 政府性基金 rows' % len(fund2023))
for y in ('2023', '2024', '2025'):
    f = rows('stdlib/%s/function.bud' % y)
    for c, (n, w) in f.items():
        if n == '行政运行' and '行政' not in w:
            bad.append('%s: %s 行政运行 has no 行政' % (y, c))
        if n == '事业运行' and '事业' not in w:
            bad.append('%s: %s 事业运行 has no 事业' % (y, c))
        if ('行政' in w or '事业' in w) and len(c) != 7:
            bad.append('%s: %s is no 项 but carries a unit nature' % (y, c))
    if '国有资本经营' not in f.get('223', ('', []))[1]:
        bad.append('%s: 223 is not tagged 国有资本经营' % y)
    for c in fund2023:
        if c in f and '政府性基金' not in f[c][1]:
            bad.append('%s: %s lost its 政府性基金' % (y, c))
    if y != '2023':
        p = rows('stdlib/%s/procurement.bud' % y)
        if p != rows('stdlib/2023/procurement.bud'):
            bad.append('%s: the procurement catalogue differs from 2023\'s' % y)
        last = rows('stdlib/%d/function.bud' % (int(y) - 1))
        econ_last = rows('stdlib/%d/economic.bud' % (int(y) - 1))
        econ = rows('stdlib/%s/economic.bud' % y)
        for c, (n, w) in rows('stdlib/%s/moved.bud' % y).items():
            if c not in last and c not in econ_last:
                bad.append('%s moved: %s is no code of %d' % (y, c, int(y) - 1))
            if n not in f and n not in econ:
                bad.append('%s moved: %s is no code of %s' % (y, n, y))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
    ); then ok; else bad "years: the catalogues' words:"; printf '%s\n' "$out" | head -10; fi
}

years_tests() {
    rm -rf "$outdir/years"
    mkdir -p "$outdir/years"
    years_same
    years_code 2170404 2025 政府性基金
    years_kuan 22006 2024
    years_kuan 22911 2025
    years_kuan 23107 2025
    years_data
}

years_tests
