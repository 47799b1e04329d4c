# tests/outputs/diff.sh — tests of `budc diff` (docs/diff.md), sourced by
# tests/run.sh, which gives $budc, $outdir, ok and bad.  Everything is in
# functions (unset at the end) and writes only under $outdir/diff.
#
#   1. the seed against itself: exit 0, nothing on stdout or stderr (its
#      warnings are not shown); with --format json, "same": true
#   2. the seed against a reformatted copy (indentation in tabs, every space
#      between tokens tripled, two spending lines and two projects swapped):
#      the copy checks, and diff exits 0 with no output
#   3. the county example against a copy with one spending line raised by
#      1.00 and its stated tables, cost indicator and quotes with it
#      (diff/county.edits): the copy checks without an error; diff exits 1,
#      names 2070109 with both values and the moved totals; its text and
#      JSON equal diff/county.txt and diff/county.json
#   4. two small budgets that differ in every area (diff/areas-old.bud,
#      areas-new.bud): golden diff/areas.txt and diff/areas.json
#   5. the seed against a copy with one indicator value changed: reported
#   6. a broken NEW (or OLD) budget: exit 2, its error on stderr (not its
#      warnings), nothing on stdout
#   7. the JSON parses with python3, has exactly the documented keys, every
#      difference is new − old and every percentage is right (Decimal)
#   8. the command line: usage errors exit 2, `budc help diff`
#   9. two budgets of 60,000 paragraphs each, three of them changed: diff
#      succeeds under a 256 MiB limit of address space (issue 16: the
#      table of every pair of paragraphs took 1.6 GB for 20,000 and aborted
#      with "out of memory" for 60,000) and reports exactly the three
#
# After a deliberate change of the output, DIFF_BLESS=1 bash tests/run.sh
# rewrites the golden files from what budc writes now; review the diff.

diff_src=tests/outputs/diff
diff_seed=examples/qinhuangdao-media-center-2023.bud
diff_county=examples/county-culture-bureau-2023.bud

# diff_golden NAME OLD NEW: step 3/4's golden comparison of both formats.
diff_golden() {
    local name=$1 old=$2 new=$3 dir=$outdir/diff fmt ext status
    for fmt in text json; do
        ext=$([ $fmt = text ] && echo txt || echo json)
        "$budc" diff --format $fmt "$old" "$new" > "$dir/$name.$ext" 2> "$dir/$name.$ext.err"
        status=$?
        if [ $status -ne 1 ]; then
            bad "diff: $name ($fmt): exit $status, expected 1"; head -5 "$dir/$name.$ext.err"
            continue
        fi
        if [ "${DIFF_BLESS:-}" = 1 ]; then
            cp "$dir/$name.$ext" "$diff_src/$name.$ext"
            # a blessed run is never mistaken for a passing one (as PIN_BLESS)
            bad "diff: blessed $diff_src/$name.$ext (DIFF_BLESS=1): review git diff $diff_src, then run the tests again"
        fi
        if cmp -s "$dir/$name.$ext" "$diff_src/$name.$ext"; then ok
        else bad "diff: $name ($fmt) differs from $diff_src/$name.$ext"
            diff "$diff_src/$name.$ext" "$dir/$name.$ext" | head -20; fi
        if [ ! -s "$dir/$name.$ext.err" ]; then ok
        else bad "diff: $name ($fmt) wrote to stderr"; head -5 "$dir/$name.$ext.err"; fi
    done
}

# diff_copy_seed DIR: a copy of the seed and its folder in DIR.
diff_copy_seed() {
    rm -rf "$1"
    mkdir -p "$1"
    cp -R "$diff_seed" "${diff_seed%.bud}" "$1/"
}

# diff_same NAME OLD NEW: expects exit 0 and no output at all.
diff_same() {
    local name=$1 out status
    out=$("$budc" diff "$2" "$3" 2>&1)
    status=$?
    if [ $status -eq 0 ] && [ -z "$out" ]; then ok
    else bad "diff: $name: exit $status (expected 0) and output:"; printf '%s\n' "$out" | head -10; fi
}

# Step 1.
diff_self_tests() {
    local out status
    diff_same "the seed against itself" "$diff_seed" "$diff_seed"
    out=$("$budc" diff --format json "$diff_seed" "$diff_seed" 2>/dev/null)
    status=$?
    if [ $status -eq 0 ] && printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if d["same"] is True and not any(d[k] for k in d if isinstance(d[k], list)) else 1)'
    then ok; else bad "diff: the seed against itself in JSON: exit $status, not \"same\": true"; fi
}

# Step 2: the reformatted copy.
diff_reformat_tests() {
    local dir=$outdir/diff/reformat
    diff_copy_seed "$dir"
    if ! python3 - "$dir" <<'EOF'; then bad "diff: could not reformat the seed's copy"; return; fi
import os, sys
root = sys.argv[1]

def respace(line):
    """Indentation in tabs, every space outside strings and comments tripled."""
    body = line.lstrip(" ")
    out, quoted = ["\t" * ((len(line) - len(body)) // 2)], False
    for i, c in enumerate(body):
        if not quoted and body.startswith("//", i):
            out.append(body[i:])
            break
        if c == '"' and body[i - 1:i] != "\\":
            quoted = not quoted
        out.append("   " if c == " " and not quoted else c)
    return "".join(out)

def swap(lines, a, b):
    """Swaps the line ranges a and b (a before b)."""
    return lines[:a[0]] + lines[b[0]:b[1]] + lines[a[1]:b[0]] + lines[a[0]:a[1]] + lines[b[1]:]

unit = os.path.join(root, "qinhuangdao-media-center-2023", "本级.bud")
lines = open(unit, encoding="utf-8").read().split("\n")
# two spending lines
i = lines.index("    2070699 基本 582.20")
j = lines.index("    2070699 项目 434.33")
lines = swap(lines, (i, i + 1), (j, j + 1))
# the first two projects: from `project` to the `}` that closes it
starts = [k for k, l in enumerate(lines) if l.startswith("  project ")][:2]
ends = [lines.index("  }", k) + 1 for k in starts]
lines = swap(lines, (starts[0], ends[0]), (starts[1], ends[1]))
open(unit, "w", encoding="utf-8").write("\n".join(lines))
for path, _, files in os.walk(root):
    for f in files:
        if f.endswith(".bud"):
            p = os.path.join(path, f)
            text = open(p, encoding="utf-8").read().split("\n")
            open(p, "w", encoding="utf-8").write("\n".join(respace(l) for l in text))
EOF
    local copy=$dir/qinhuangdao-media-center-2023.bud
    if "$budc" check "$copy" >/dev/null 2>&1 && ! cmp -s "$copy" "$diff_seed"; then ok
    else bad "diff: the reformatted copy of the seed does not check, or is not reformatted"; fi
    diff_same "the seed against its reformatted copy" "$diff_seed" "$copy"
}

# Step 3: the county example with one amount changed.
diff_county_tests() {
    local dir=$outdir/diff/county new out
    rm -rf "$dir"
    mkdir -p "$dir"
    new=$dir/$(basename "$diff_county")
    if ! out=$(python3 - "$diff_county" "$diff_src/county.edits" "$new" 2>&1 <<'EOF'
import sys
src, edits, out = sys.argv[1:4]
lines = open(src, encoding="utf-8").read().split("\n")
pairs, old = [], None
for e in open(edits, encoding="utf-8").read().split("\n"):
    if e.startswith("- "):
        old = e[2:]
    elif e.startswith("+ ") and old is not None:
        pairs.append((old, e[2:]))
        old = None
pos = 0
for old, new in pairs:
    for i in range(pos, len(lines)):
        if lines[i].strip() == old:
            lines[i] = lines[i][: len(lines[i]) - len(lines[i].lstrip())] + new
            pos = i + 1
            break
    else:
        sys.exit(f"{edits}: not found after line {pos} of {src}: {old}")
open(out, "w", encoding="utf-8").write("\n".join(lines))
EOF
    ); then
        bad "diff: cannot apply $diff_src/county.edits"; printf '%s\n' "$out"
        return
    fi
    if out=$("$budc" check "$new" 2>&1) && ! printf '%s' "$out" | grep -q ': error: '; then ok
    else bad "diff: the changed county copy does not check cleanly"; printf '%s\n' "$out" | head -10; fi
    diff_golden county "$diff_county" "$new"
    out=$("$budc" diff "$diff_county" "$new" 2>&1)
    local want
    for want in "2070109 群众文化  项目支出  25.00 → 26.00  (+1.00, +4.00%)" \
        "支出总表  合计  合计  590.00 → 591.00  (+1.00, +0.17%)" \
        "收支总表  本年收入合计  预算数  590.00 → 591.00  (+1.00, +0.17%)" \
        "文化馆  支出 一般公共预算 2070109 群众文化 项目  25.00 → 26.00  (+1.00, +4.00%)"; do
        case "$out" in
        *"$want"*) ok ;;
        *) bad "diff: the county change does not report: $want" ;;
        esac
    done
    # the totals come first
    if [ "$(printf '%s\n' "$out" | head -1)" = "变动的合计 (totals)" ]; then ok
    else bad "diff: the totals are not listed first"; fi
}

# Step 4.
diff_areas_tests() {
    local f out
    for f in areas-old areas-new; do
        if out=$("$budc" check "$diff_src/$f.bud" 2>&1) && ! printf '%s' "$out" | grep -q ': error: '; then ok
        else bad "diff: $diff_src/$f.bud does not check cleanly"; printf '%s\n' "$out" | head -10; fi
    done
    diff_golden areas "$diff_src/areas-old.bud" "$diff_src/areas-new.bud"
    # a budget against the 决算 that executes it (docs/diff.md)
    diff_golden execution examples/county-education-bureau-2024.bud \
        examples/county-education-bureau-2024-final.bud
}

# Step 5: one indicator value of the seed changed.
diff_indicator_tests() {
    local dir=$outdir/diff/indicator out status
    diff_copy_seed "$dir"
    local unit=$dir/qinhuangdao-media-center-2023/本级.bud
    sed -i '0,/≥500篇/s//≥600篇/' "$unit"
    out=$("$budc" diff "$diff_seed" "$dir/qinhuangdao-media-center-2023.bud" 2>&1)
    status=$?
    local want="  报刊机构合作宣传费  指标 数量指标/发布报道数量  指标值  ≥500篇 → ≥600篇"
    if [ $status -eq 1 ] && [ "$out" = "项目 (projects)
$want" ]; then ok
    else bad "diff: an indicator value changed: exit $status, output:"; printf '%s\n' "$out" | head -10; fi
}

# Step 6: broken budgets.
diff_broken_tests() {
    local dir=$outdir/diff/broken out err status which
    mkdir -p "$dir"
    # 本级 spends 5.00 more than its income: an error of the balance
    sed 's/    2070101 基本 105.00/    2070101 基本 110.00/' "$diff_src/areas-new.bud" > "$dir/broken.bud"
    for which in new old; do
        if [ $which = new ]; then
            "$budc" diff "$diff_src/areas-old.bud" "$dir/broken.bud" > "$dir/out" 2> "$dir/err"
        else
            "$budc" diff --format json "$dir/broken.bud" "$diff_src/areas-old.bud" > "$dir/out" 2> "$dir/err"
        fi
        status=$?
        err=$(cat "$dir/err")
        if [ $status -eq 2 ] && [ ! -s "$dir/out" ]; then ok
        else bad "diff: a broken $which budget: exit $status (expected 2), stdout $(wc -c < "$dir/out") bytes"; fi
        case "$err" in
        *"broken.bud:"*": error: "*"[E-"*) ok ;;
        *) bad "diff: a broken $which budget: its error is not printed: $err" ;;
        esac
        case "$err" in
        *": warning: "*) bad "diff: a broken $which budget: warnings are printed" ;;
        *) ok ;;
        esac
    done
    "$budc" diff "$diff_seed" "$dir/does-not-exist.bud" > "$dir/out" 2> "$dir/err"
    status=$?
    if [ $status -eq 2 ] && grep -q "cannot read" "$dir/err"; then ok
    else bad "diff: a missing file: exit $status, expected 2 and a message"; fi
}

# Step 7: the documented keys, and the arithmetic of every amount entry.
diff_json_tests() {
    local f out
    for f in county areas; do
        [ -s "$outdir/diff/$f.json" ] || continue
        if out=$(python3 - "$outdir/diff/$f.json" 2>&1 <<'EOF'
import json, sys
from decimal import Decimal, ROUND_HALF_UP
doc = json.load(open(sys.argv[1], encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
bad = []
AMOUNTS = ["old", "new", "difference", "percent"]
FIELD = {"field", "old", "new"}

def keys(what, o, want, optional=()):
    got = list(o)
    if set(got) - set(want) - set(optional) or set(want) - set(got):
        bad.append(f"{what}: keys {got}, documented {want} {list(optional)}")

def amounts(what, o):
    old, new, diff, pct = (o[k] for k in AMOUNTS)
    if diff != (new or 0) - (old or 0):
        bad.append(f"{what}: difference {diff} is not {new} - {old}")
    want = None if not old else (diff * 100 / old).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if pct != want or (pct is not None and pct.as_tuple().exponent != -2):
        bad.append(f"{what}: percent {pct}, expected {want}")

def fields(what, arr):
    for f in arr:
        if "difference" in f:
            keys(what, f, ["field"] + AMOUNTS)
            amounts(what, f)
        else:
            keys(what, f, ["field", "old", "new"])

keys("document", doc, ["budc_diff", "old", "new", "same", "totals", "department", "units",
                       "tables", "facts", "projects", "prior", "assets", "narrative", "glossary"])
if list(doc)[:4] != ["budc_diff", "old", "new", "same"] or doc["budc_diff"] != 1:
    bad.append("the document does not start with budc_diff 1, old, new, same")
if doc["same"] is not False:
    bad.append("same is not false")
for t in doc["totals"]:
    keys("totals", t, ["table", "word", "row", "name", "column", "title"] + AMOUNTS)
    amounts("totals", t)
fields("department", doc["department"])
for u in doc["units"]:
    keys("units", u, ["change", "id", "fields"])
    fields("units", u["fields"])
ntotal = 0
for t in doc["tables"]:
    keys("tables", t, ["key", "number", "title", "word", "rows"])
    for r in t["rows"]:
        keys("rows", r, ["change", "kind", "key", "name", "total", "cells"])
        for c in r["cells"]:
            keys("cells", c, ["column", "title"] + AMOUNTS)
            amounts(f"{t['key']} {r['key']} {c['column']}", c)
            ntotal += r["total"]
if ntotal != len(doc["totals"]):
    bad.append(f"{ntotal} total cells in tables, {len(doc['totals'])} in totals")
for f in doc["facts"]:
    extra = {"income": [], "spending": ["code", "name", "kind"], "economic": ["code", "name", "class"],
             "sangong": ["item"]}[f["fact"]]
    keys("facts", f, ["change", "fact", "unit", "source"] + extra + AMOUNTS)
    amounts("facts", f)
for p in doc["projects"]:
    keys("projects", p, ["change", "name", "unit", "fields", "indicators", "purchases"])
    fields("projects", p["fields"])
    for i in p["indicators"]:
        keys("indicators", i, ["change", "level2", "name", "fields"])
        fields("indicators", i["fields"])
    for u in p["purchases"]:
        keys("purchases", u, ["change", "code", "name", "fields"])
        fields("purchases", u["fields"])
for p in doc["prior"]:
    keys("prior", p, ["change", "path"] + AMOUNTS)
    amounts("prior", p)
for a in doc["assets"]:
    if a["field"] == "date":
        keys("assets", a, ["row", "field", "old", "new"])
    else:
        keys("assets", a, ["row", "field"] + AMOUNTS)
        amounts("assets", a)
for n in doc["narrative"]:
    keys("narrative", n, ["change", "section", "paragraph", "old", "new", "offset", "spans"])
    for s in n["spans"] or []:
        keys("narrative span", s, ["old_offset", "old", "new_offset", "new"])
    for side in ("old", "new"):
        if n[side] is not None:
            keys("narrative paragraph", n[side], ["kind", "text"])
for g in doc["glossary"]:
    keys("glossary", g, ["change", "term", "old", "new"])
for b in bad[:10]:
    print(b)
sys.exit(1 if bad else 0)
EOF
        ); then ok
        else bad "diff: the JSON of $f does not have the documented form"; printf '%s\n' "$out"; fi
    done
    # the areas test covers every area
    if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if all(d[k] for k in d if isinstance(d[k], list)) else 1)' "$outdir/diff/areas.json" 2>/dev/null
    then ok; else bad "diff: the areas test leaves an area without changes"; fi
}

# Step 8.
diff_cli_tests() {
    local args status
    while IFS= read -r args; do
        # shellcheck disable=SC2086
        "$budc" diff $args >/dev/null 2>&1
        status=$?
        if [ $status -eq 2 ]; then ok; else bad "diff: 'budc diff $args': exit $status, expected 2"; fi
    done <<EOF

$diff_seed
$diff_seed $diff_seed $diff_seed
--format xml $diff_seed $diff_seed
--format
--frobnicate $diff_seed $diff_seed
EOF
    if "$budc" help diff | grep -q -- '--format json'; then ok; else bad "diff: budc help diff"; fi
    "$budc" diff --format=json -- "$diff_seed" "$diff_seed" >/dev/null 2>&1
    status=$?
    if [ $status -eq 0 ]; then ok; else bad "diff: --format=json and --: exit $status"; fi
}

# diff_large_budget FILE N EDIT: a budget whose 说明 has N paragraphs; with
# EDIT 1, paragraph 101 changed, paragraph 30001 removed and one added after
# paragraph 50000.
diff_large_budget() {
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, n, edit = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
paras = [f"第{i + 1}段：本年度预算安排用于保障第{i + 1}项工作的正常运转。" for i in range(n)]
if edit:
    paras[100] += "（已修改）"
    paras.insert(50000, "新增的一段。")
    del paras[30000]
with open(path, "w", encoding="utf-8") as f:
    f.write('department 999 "测试局" {\n  year 2023\n  money 万元\n}\n'
            'unit 本级 "测试局本级" {\n  nature 行政\n  income {\n    一般公共预算 1.00\n  }\n'
            '  spending 一般公共预算 {\n    2010101 基本 1.00\n  }\n'
            '  economic 一般公共预算 {\n    30101 1.00\n  }\n}\n'
            'narrative {\n  section 预算安排总体情况 "二、部门预算安排的总体情况" {\n')
    f.writelines(f'    "{p}"\n' for p in paras)
    f.write("  }\n}\n")
EOF
}

diff_large_tests() {
    local dir=$outdir/diff status limit="ulimit -v 262144 &&"
    diff_large_budget "$dir/large-old.bud" 60000 0
    diff_large_budget "$dir/large-new.bud" 60000 1
    # ASan's shadow memory needs more address space than any limit of this size
    if grep -qa -e __asan_init -e AddressSanitizer "$budc" 2>/dev/null; then limit=""; fi
    # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
    sh -c "$limit"' exec "$0" "$@"' "$budc" diff "$dir/large-old.bud" "$dir/large-new.bud" \
        > "$dir/large.txt" 2> "$dir/large.err"
    status=$?
    if [ $status -eq 1 ] && [ ! -s "$dir/large.err" ]; then ok
    else bad "diff: 60,000 paragraphs${limit:+ under 256 MiB}: exit $status, expected 1"; head -3 "$dir/large.err"; fi
    if [ "$(grep -c '¶' "$dir/large.txt")" = 3 ] && grep -q '^  预算安排总体情况 ¶101 ' "$dir/large.txt" &&
        grep -q '^- 预算安排总体情况 ¶30001 ' "$dir/large.txt" &&
        grep -q '^+ 预算安排总体情况 ¶50000 ' "$dir/large.txt"; then ok
    else bad "diff: 60,000 paragraphs: expected the three changes"; head -8 "$dir/large.txt"; fi
}

# diff_glossary_budget FILE N EDIT: a budget of N glossary terms; with EDIT
# 1, in the reverse order, the definition of the 101st of them changed, the
# 3001st removed and a term added at the end.
diff_glossary_budget() {
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, n, edit = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
terms = [(f"术语{i + 1}", f"第{i + 1}个术语的定义。") for i in range(n)]
if edit:
    terms.reverse()
    terms[100] = (terms[100][0], terms[100][1] + "（已修改）")
    del terms[3000]
    terms.append(("新增术语", "新增的定义。"))
with open(path, "w", encoding="utf-8") as f:
    f.write('department 999 "测试局" {\n  year 2023\n  money 万元\n}\n'
            'unit 本级 "测试局本级" {\n  nature 行政\n  income {\n    一般公共预算 1.00\n  }\n'
            '  spending 一般公共预算 {\n    2010101 基本 1.00\n  }\n'
            '  economic 一般公共预算 {\n    30101 1.00\n  }\n}\n'
            'glossary {\n')
    f.writelines(f'  "{t}" "{d}"\n' for t, d in terms)
    f.write("}\n")
EOF
}

# Items matched by key (glossary terms, projects, rows, facts …) are found by
# hash (issue 16): 200,000 terms in the reverse order take a few seconds
# (the sanitizer build: about ten); matched by comparing every pair, as
# before, they took about 160 s of CPU, which the timeout catches.
diff_keyed_tests() {
    local dir=$outdir/diff status
    diff_glossary_budget "$dir/terms-old.bud" 200000 0
    diff_glossary_budget "$dir/terms-new.bud" 200000 1
    timeout 90 "$budc" diff "$dir/terms-old.bud" "$dir/terms-new.bud" > "$dir/terms.txt" 2> "$dir/terms.err"
    status=$?
    if [ $status -eq 1 ] && [ ! -s "$dir/terms.err" ]; then ok
    else bad "diff: 200,000 glossary terms reversed: exit $status, expected 1 (124: over 90 seconds)"; fi
    if [ "$(wc -l < "$dir/terms.txt")" = 4 ] && grep -q '^- 术语197000 ' "$dir/terms.txt" &&
        grep -q '^  术语199900 .*（已修改）$' "$dir/terms.txt" && grep -q '^+ 新增术语 ' "$dir/terms.txt"; then ok
    else bad "diff: 200,000 glossary terms: expected the three changes"; head -8 "$dir/terms.txt"; fi
}

diff_tests() {
    mkdir -p "$outdir/diff"
    diff_self_tests
    diff_reformat_tests
    diff_county_tests
    diff_areas_tests
    diff_indicator_tests
    diff_broken_tests
    diff_json_tests
    diff_cli_tests
    diff_large_tests
    diff_keyed_tests
}

diff_tests
unset -f diff_golden diff_copy_seed diff_same diff_self_tests diff_reformat_tests \
    diff_county_tests diff_areas_tests diff_indicator_tests diff_broken_tests diff_json_tests \
    diff_cli_tests diff_large_budget diff_large_tests diff_glossary_budget diff_keyed_tests diff_tests
unset diff_src diff_seed diff_county
