# shellcheck shell=bash
# tests/outputs/tables.sh — a table added in data (docs/tables.md), sourced
# by tests/run.sh, which gives $budc, $outdir, ok and bad.
#
# A copy of the standard library gets one more table in its own file
# (tests/outputs/tables/extra.bud: 项目支出表, the 项目 spending by function
# code and source), imported by its 2023.bud.  With BUDC_STDLIB pointing at
# the copy, and no C changed:
#   1. a budget states the table as printed with one wrong cell: E-TABLE at
#      that cell, with the note at the fact that makes it up;
#   2. with the cell right it checks cleanly;
#   3. budc json has the table (key, number 10, title, rows and cells),
#      budc csv writes 10-project_spending.csv in the published layout,
#      budc latex prints its title and a row, budc diff compares its cells;
#   4. the unchanged standard library knows no such table (E-TABLE-NAME).

tables_tests() {
    local dir=$outdir/tables std out
    std=$dir/stdlib
    rm -rf "$dir"
    mkdir -p "$dir"
    cp -R stdlib "$std"
    cp tests/outputs/tables/extra.bud "$std/2023/extra.bud"
    printf 'import "2023/extra.bud"\n' >> "$std/2023.bud"
    sed 's/@CELL@/50.00/' tests/outputs/tables/budget.bud > "$dir/bad.bud"
    sed 's/@CELL@/40.00/' tests/outputs/tables/budget.bud > "$dir/good.bud"
    # 1. the printed table is checked against the defined one
    out=$(BUDC_STDLIB=$std "$budc" check "$dir/bad.bud" 2>&1)
    if [ $? -eq 1 ] && printf '%s\n' "$out" | grep -q "bad.bud:30:24: error: 项目支出表, row 2010101, column 一般公共预算: the table states 50.00 but the facts give 40.00 (difference +10.00) \[E-TABLE\]" &&
        printf '%s\n' "$out" | grep -q "bad.bud:16:16: note: counted in this cell"; then ok
    else bad "tables: the extra table's wrong cell is not E-TABLE at its line"; printf '%s\n' "$out" | head -8; fi
    # 2. right, it checks cleanly
    out=$(BUDC_STDLIB=$std "$budc" check "$dir/good.bud" 2>&1)
    if [ $? -eq 0 ] && ! printf '%s\n' "$out" | grep -q 'error:'; then ok
    else bad "tables: the extra table stated right does not check cleanly"; printf '%s\n' "$out" | head -5; fi
    # 3. the back ends
    if BUDC_STDLIB=$std "$budc" json "$dir/good.bud" -o "$dir/good.json" 2>/dev/null &&
        python3 - "$dir/good.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = [t for t in d["department"]["tables"] if t["key"] == "project_spending"]
assert len(t) == 1, "no table project_spending"
t = t[0]
assert t["number"] == 10 and t["title"] == "部门预算项目支出表" and t["word"] == "项目支出表", t
assert [c["key"] for c in t["columns"]] == ["total", "general_public", "government_fund"]
rows = {r["key"]: r for r in t["rows"]}
assert rows["合计"]["cells"]["total"] == 60 and rows["合计"]["cells"]["general_public"] == 40
assert rows["2010101"]["cells"]["government_fund"] is None
assert rows["2120803"]["cells"]["government_fund"] == 20
assert rows["201"]["name"] == "一般公共服务支出" and rows["201"]["level"] == 1
u = [t for t in d["units"][0]["tables"] if t["key"] == "project_spending"]
assert len(u) == 1
PY
    then ok; else bad "tables: budc json lacks the extra table or its figures"; fi
    if BUDC_STDLIB=$std "$budc" csv "$dir/good.bud" -o "$dir/csv" 2>/dev/null &&
        [ -f "$dir/csv/10-project_spending.csv" ] &&
        head -1 "$dir/csv/10-project_spending.csv" | grep -q '^序号,科目编码,科目名称,合计,一般公共预算,政府性基金预算' &&
        grep -q '^4,2010101,行政运行,40.00,40.00,' "$dir/csv/10-project_spending.csv"; then ok
    else bad "tables: budc csv did not write 10-project_spending.csv in the published layout"; fi
    if BUDC_STDLIB=$std "$budc" latex "$dir/good.bud" -o "$dir/good.tex" 2>/dev/null &&
        grep -q '部门预算项目支出表' "$dir/good.tex" && grep -q "2120803 & 城市建设支出" "$dir/good.tex"; then ok
    else bad "tables: budc latex does not print the extra table"; fi
    # 3b. budc diff compares it cell by cell like the nine
    sed '11s/50.00/55.00/; 16s/40.00/45.00/; 27s/60.00 40.00/65.00 45.00/; 28,30s/40.00/45.00/g' \
        "$dir/good.bud" > "$dir/new.bud"
    BUDC_STDLIB=$std "$budc" diff --format json "$dir/good.bud" "$dir/new.bud" > "$dir/diff.json" 2>&1
    if [ $? -eq 1 ] && python3 - "$dir/diff.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = [t for t in d["tables"] if t["key"] == "project_spending"]
assert len(t) == 1 and t[0]["number"] == 10 and t[0]["title"] == "部门预算项目支出表", t
rows = {r["key"]: r for r in t[0]["rows"]}
assert set(rows) == {"合计", "201", "20101", "2010101"}, sorted(rows)
cells = {c["column"]: c for c in rows["2010101"]["cells"]}
assert cells["general_public"]["old"] == 40 and cells["general_public"]["new"] == 45, cells
assert "government_fund" not in cells
PY
    then ok; else bad "tables: budc diff does not compare the extra table"; head -5 "$dir/diff.json"; fi
    # 4. without the definition the table is unknown
    out=$("$budc" check "$dir/good.bud" 2>&1)
    if printf '%s\n' "$out" | grep -q "unknown table '项目支出表'.*\[E-TABLE-NAME\]"; then ok
    else bad "tables: the standard library without extra.bud accepts 项目支出表"; fi
    # 5. a province's set starts from another (disclosure KIND "…" BASE):
    #    决算会议培训 (stdlib/2023/final-meetings.bud) is the nine tables of 决算
    #    with table 7 replaced in its place, and a tenth added after them (the
    #    财政拨款支出决算明细表)
    local fin=$dir/meetings.bud status
    cp -R tests/golden/final/lib "$dir/lib"
    sed 's/培训费 0.00 1.50 1.50/培训费 0.00 1.00 1.00/' tests/golden/final/meetings.bud > "$fin"
    "$budc" json "$fin" -o "$dir/meetings.json" 2>/dev/null
    status=$?
    if [ $status -eq 0 ] && python3 - "$dir/meetings.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["department"]["kind"] == "决算会议培训"
t = d["department"]["tables"]
assert len(t) == 10 and [x["number"] for x in t] == list(range(1, 11)), [x["key"] for x in t]
assert t[1]["key"] == "income" and t[8]["key"] == "state_capital" and t[9]["key"] == "fiscal_detail"
s = t[6]
assert s["key"] == "three_public_meetings" and s["word"] == "三公经费支出决算表", s["key"]
rows = {r["key"]: r["cells"] for r in s["rows"]}
assert rows["会议费"] == {"budget": 0, "total": 2, "change": 2}, rows["会议费"]
assert rows["合计"] == {"budget": 4, "total": 6.5, "change": 2.5}, rows["合计"]
import jsonschema
jsonschema.validate(d, json.load(open("docs/budget.schema.json")))
PY
    then ok; else bad "tables: the 决算会议培训 set is not the 决算 set with its 三公 table replaced"; fi
    # the errors of such a definition: an unknown base, a table replaced twice
    cp -R stdlib "$dir/std2"
    printf 'disclosure 省式 "部门决算公开表" 决算书 {\n}\n' > "$dir/std2/2023/bad-base.bud"
    printf 'import "2023/bad-base.bud"\n' >> "$dir/std2/2024.bud"
    out=$(BUDC_STDLIB=$dir/std2 "$budc" check "$fin" 2>&1)
    case "$out" in
    *"std/2023/bad-base.bud:1:25: error: '决算书' is not a disclosure defined before this one"*"[E-DEFINITION]"*) ok ;;
    *) bad "tables: a disclosure starting from an unknown one is not an E-DEFINITION at its word"; printf '%s\n' "$out" | head -4 ;;
    esac
    sed -n '/^disclosure/,$p' stdlib/2023/final-meetings.bud > "$dir/twice.bud"
    sed -n '/^  table 三公经费支出决算表/,/^  }/p' stdlib/2023/final-meetings.bud > "$dir/table7.bud"
    { head -n -1 "$dir/twice.bud"; cat "$dir/table7.bud"; echo "}"; } > "$dir/std2/2023/bad-base.bud"
    out=$(BUDC_STDLIB=$dir/std2 "$budc" check "$fin" 2>&1)
    case "$out" in
    *"bad-base.bud:"*"error: table 三公经费支出决算表 is defined twice in this disclosure [E-DEFINITION]"*) ok ;;
    *) bad "tables: a table replaced twice is not an E-DEFINITION"; printf '%s\n' "$out" | head -4 ;;
    esac
}

tables_tests
unset -f tables_tests
