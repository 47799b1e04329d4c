# tests/outputs/import.sh — budc import (docs/xlsx.md); sourced by
# tests/run.sh, reports through ok/bad, writes only under $outdir/import.
# Workbooks are crafted with python3's zipfile (tests/outputs/xlsx/craft.py).
#
#   1. the round trip: each example (the 决算 too) → budc xlsx → budc import → a budget in
#      the canonical layout (budc fmt --check) that checks with the
#      example's warnings (but those of its 说明) and W-NO-NARRATIVE (the
#      workbook carries no 说明), whose CSV tables and long CSV (its
#      projects, indicators and purchase lines too) equal the example's,
#      byte for byte, and whose projects, indicators, procurement and assets
#      (budc json) are the example's (same_projects.py)
#      (and a region's consolidation: its tables come back)
#   2. a 决算 imports as one (kind 决算; --budget names its budget; without
#      it, a note says the workbook does not name it)
#   3. the CSV files of `budc csv`: the facts the tables pin down; the seed
#      and the culture bureau come back with the same tables; with the
#      sheets of the projects, indicators, procurement, units and assets
#      as CSV files beside them, the culture bureau's projects (in its one
#      unit, each under a comment naming its 预算单位) and assets
#   3c. the education bureau's budget and 决算 without their facts sheet:
#      one unit whose income, spending, 三公 and carry-overs come from the
#      tables alone (import_solve.c), checking with no warning but
#      W-NO-NARRATIVE, the split the tables leave open said in a comment
#   4. a hand-made workbook (sheets Sheet1…, a blank row under the title,
#      单位：元 with amounts as text with thousands separators, codes as
#      numbers, no facts sheet): the seed's tables, converted exactly
#   5. bad workbooks: not a zip, a sheet missing, a text in an amount cell,
#      a formula without a cached value, and what cannot be mapped: a project
#      of an unknown 预算单位 or 科目编码, an indicator or a purchase line of
#      no project: exit 1, a message naming the sheet and the cell, and no
#      output written
#   6. usage: no workbook, an unreadable one, an unknown option: exit 2
im_dir=$outdir/import
mkdir -p "$im_dir"
im_craft() { PYTHONPATH=tests/outputs/xlsx python3 tests/outputs/xlsx/craft.py "$@"; }

# im_same_csv BUDGET IMPORTED: the CSV tables and the long CSV of both
# equal (but a 决算's 政府采购 actuals and its projects' 绩效自评 score,
# tracked and problems, which the workbook does not carry)
im_same_csv() {
    local a=$im_dir/csv-a b=$im_dir/csv-b
    rm -rf "$a" "$b"
    "$budc" csv "$1" -o "$a" 2>/dev/null && "$budc" csv --long "$1" -o "$a/long" 2>/dev/null &&
        "$budc" csv "$2" -o "$b" 2>/dev/null && "$budc" csv --long "$2" -o "$b/long" 2>/dev/null &&
        grep -v -E '^procurement_actuals,|^projects,([^,]*,){4}(score|tracked|problems_found|problems_fixed),' "$a/long/facts.csv" > "$a/tables.csv" &&
        grep -v -E '^procurement_actuals,|^projects,([^,]*,){4}(score|tracked|problems_found|problems_fixed),' "$b/long/facts.csv" > "$b/tables.csv" &&
        rm -r "$a/long" "$b/long" && [ "$(wc -l < "$a/tables.csv")" -gt 100 ] &&
        diff -r "$a" "$b" >/dev/null
}

# im_codes FILE: the codes of the diagnostics `budc check FILE` prints, sorted
# budc by its absolute name, for imports run in $im_dir (beside the budget a 决算 names)
im_budc=$(cd "$(dirname "$budc")" && pwd)/$(basename "$budc")
im_codes() { "$budc" check "$1" 2>&1 | sed -n 's/.*\[\([A-Z0-9-]*\)\]$/\1/p' | sort -u | tr '\n' ' '; }
# im_warnings FILE: each diagnostic code `budc check FILE` prints, with how
# many times, but those of a 说明 (a file narrative.bud, or a line of the
# narrative block), and W-NO-NARRATIVE
im_warnings() {
    "$budc" check "$1" 2>&1 | grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning):' | grep -v '/narrative\.bud:' |
        sed -n 's/.*\[\([A-Z0-9-]*\)\]$/\1/p' | grep -vx -e W-NO-NARRATIVE -e W-ADMIN-COST-SCOPE | sort | uniq -c | tr -s ' \n' ' '
}

# 1. the round trip (the 决算 names its budget, copied beside the imported
# file: its income rows of the 财政拨款收支决算总表 print one amount, the
# 年初结转和结余 by source beside it is not printed nor stated)
cp examples/county-education-bureau-2024.bud "$im_dir/"
im_f0=examples/county-education-bureau-2024-final.bud
for im_b in examples/qinhuangdao-media-center-2023.bud examples/county-culture-bureau-2023.bud \
    examples/county-education-bureau-2024.bud examples/county-education-bureau-2024-final.bud; do
    im_n=$(basename "$im_b" .bud)
    im_o=()
    [ "$im_n" = county-education-bureau-2024-final ] && im_o=(--budget county-education-bureau-2024.bud)
    if "$budc" xlsx "$im_b" -o "$im_dir/$im_n.xlsx" 2>/dev/null &&
        "$budc" import "$im_dir/$im_n.xlsx" ${im_o[@]+"${im_o[@]}"} -o "$im_dir/$im_n.bud" 2>"$im_dir/$im_n.err"; then ok
    else bad "import: $im_n.xlsx: $(head -3 "$im_dir/$im_n.err")"; continue; fi
    if "$budc" fmt --check "$im_dir/$im_n.bud" >/dev/null 2>&1; then ok
    else bad "import: $im_n.bud is not in the canonical layout (budc fmt --check)"; fi
    im_c=$(im_codes "$im_dir/$im_n.bud")
    if [ "$(im_warnings "$im_dir/$im_n.bud")" = "$(im_warnings "$im_b")" ] && [[ "$im_c" = *W-NO-NARRATIVE* ]]; then ok
    else bad "import: budc check of the imported $im_n says $im_c, the example $(im_warnings "$im_b")"; fi
    if im_same_csv "$im_b" "$im_dir/$im_n.bud"; then ok
    else bad "import: the CSV of the imported $im_n differs from the example's"; fi
    "$budc" json "$im_b" > "$im_dir/$im_n-a.json" 2>/dev/null
    "$budc" json "$im_dir/$im_n.bud" > "$im_dir/$im_n-b.json" 2>/dev/null
    if im_d=$(python3 tests/outputs/same_projects.py "$im_dir/$im_n-a.json" "$im_dir/$im_n-b.json"); then ok
    else bad "import: the projects, procurement or assets of the imported $im_n: $im_d"; fi
done

# 1a. the rule the 决算's round trip needs: an income row of a two-sided
# table prints one amount, so the cells beside it, left out, are not
# compared; stated, they are (a wrong one, or a blank, is E-TABLE).  The
# 决算 executes the example budget itself, not its round trip (which has
# no 绩效目标, quoted as 自评.目标)
cp examples/county-education-bureau-2024.bud "$im_dir/"
im_row='^  年初结转和结余 206.00 80.00 126.00$'
for im_case in "one|206.00||" "wrong|206.00 80.00 125.00|E-TABLE|column 政府性基金预算财政拨款: the table states 125.00 but the facts give 126.00" \
    "blank|206.00 - 126.00|E-TABLE|column 一般公共预算财政拨款: the table states 0.00 but the facts give 80.00"; do
    IFS='|' read -r im_n im_cells im_code im_msg <<< "$im_case"
    sed "s/$im_row/  年初结转和结余 $im_cells/" "$im_f0" > "$im_dir/row-$im_n.bud"
    im_out=$("$budc" check "$im_dir/row-$im_n.bud" 2>&1)
    im_c=$(im_codes "$im_dir/row-$im_n.bud")
    if ! grep -q "$im_row" "$im_dir/row-$im_n.bud" && [ "$im_c" = "${im_code:+$im_code }" ] &&
        { [ -z "$im_msg" ] || printf '%s\n' "$im_out" | grep -qF "row 年初结转和结余, $im_msg"; }; then ok
    else bad "import: the 决算 stating 年初结转和结余 $im_cells: $im_c"; fi
done

# 1b. a region's consolidation (units named 359/本级 …, made words)
rm -rf "$im_dir/cons"
PATH=/nonexistent "$budc" build --consolidate examples/qinhuangdao-media-center-2023.bud \
    examples/county-culture-bureau-2023.bud -o "$im_dir/cons" >/dev/null 2>&1
if "$budc" import "$im_dir/cons/consolidated.xlsx" -o "$im_dir/cons.bud" 2>/dev/null &&
    [ "$(im_codes "$im_dir/cons.bud")" = "W-NO-NARRATIVE " ] &&
    "$budc" csv "$im_dir/cons.bud" -o "$im_dir/cons-csv" 2>/dev/null &&
    [ -z "$(diff -r "$im_dir/cons/consolidated-csv" "$im_dir/cons-csv" | grep -vE '^Only in .*: (facts.csv|datapackage.json)$')" ]; then ok
else bad "import: the consolidation's workbook: $(im_codes "$im_dir/cons.bud")"; fi

# 2. a 决算
im_f=examples/county-education-bureau-2024-final.bud
if "$budc" xlsx "$im_f" -o "$im_dir/final.xlsx" 2>/dev/null &&
    "$budc" import "$im_dir/final.xlsx" --budget county-education-bureau-2024.bud \
        -o "$im_dir/final.bud" 2>/dev/null &&
    grep -q '^  kind 决算$' "$im_dir/final.bud" &&
    grep -q '^  budget "county-education-bureau-2024.bud"$' "$im_dir/final.bud" &&
    grep -q '^table 收支决算总表 {$' "$im_dir/final.bud"; then ok
else bad "import: the 决算's workbook"; fi
# without --budget: a note that the workbook does not name the budget
"$budc" import "$im_dir/final.xlsx" -o "$im_dir/final-nobudget.bud" 2>"$im_dir/final-nobudget.err"
if [ $? -eq 0 ] && grep -qF "is a 决算: its 预算数 (the 三公 table) are checked against the budget it executes, which the workbook does not name: give it with --budget FILE" "$im_dir/final-nobudget.err" &&
    ! grep -q '^  budget ' "$im_dir/final-nobudget.bud" &&
    ! grep -q 'is a 决算' "$im_dir/county-education-bureau-2024-final.err"; then ok
else bad "import: the 决算 without --budget: $(cat "$im_dir/final-nobudget.err")"; fi

# 3. the CSV files
for im_b in examples/qinhuangdao-media-center-2023.bud examples/county-culture-bureau-2023.bud; do
    im_n=$(basename "$im_b" .bud)
    rm -rf "$im_dir/$im_n-csv"
    "$budc" csv "$im_b" -o "$im_dir/$im_n-csv" 2>/dev/null
    if "$budc" import "$im_dir/$im_n-csv" --year 2023 --name 导入 --code 1 \
        -o "$im_dir/$im_n-csv.bud" 2>"$im_dir/$im_n-csv.err" &&
        [ "$(im_codes "$im_dir/$im_n-csv.bud")" = "W-NO-NARRATIVE " ]; then ok
    else bad "import: the CSV files of $im_n: $(head -3 "$im_dir/$im_n-csv.err") $(im_codes "$im_dir/$im_n-csv.bud")"; fi
    rm -rf "$im_dir/csv-a" "$im_dir/csv-b"
    "$budc" csv "$im_dir/$im_n-csv.bud" -o "$im_dir/csv-b" 2>/dev/null
    if diff -r "$im_dir/$im_n-csv" "$im_dir/csv-b" >/dev/null; then ok
    else bad "import: the tables of $im_n from its CSV files differ"; fi
done

# 3b. the projects' sheets as CSV files too
im_n=county-culture-bureau-2023
rm -rf "$im_dir/$im_n-pcsv"
"$budc" csv examples/$im_n.bud -o "$im_dir/$im_n-pcsv" 2>/dev/null
if im_craft to-csv "$im_dir/$im_n.xlsx" "$im_dir/$im_n-pcsv" 项目绩效目标表 绩效指标 政府采购表 机构设置表 国有资产表 &&
    "$budc" import "$im_dir/$im_n-pcsv" --year 2023 --name 示例县文化和旅游局 --code 902 -o "$im_dir/$im_n-pcsv.bud" 2>/dev/null &&
    "$budc" json "$im_dir/$im_n-pcsv.bud" > "$im_dir/$im_n-pcsv.json" 2>/dev/null &&
    "$budc" json examples/$im_n.bud > "$im_dir/$im_n-a.json" 2>/dev/null &&
    python3 tests/outputs/same_projects.py "$im_dir/$im_n-a.json" "$im_dir/$im_n-pcsv.json" --one-unit >/dev/null &&
    grep -qx '  // 预算单位：示例县文化馆' "$im_dir/$im_n-pcsv.bud"; then ok
else bad "import: the projects of $im_n from CSV files: $(python3 tests/outputs/same_projects.py "$im_dir/$im_n-a.json" "$im_dir/$im_n-pcsv.json" --one-unit)"; fi

# 3c. the education bureau's workbooks without their facts sheet: the
# facts from the tables alone; every table and every fund's balance holds
for im_n in county-education-bureau-2024 county-education-bureau-2024-final; do
    im_o=()
    [ "$im_n" = county-education-bureau-2024-final ] && im_o=(--budget county-education-bureau-2024.bud)
    if im_craft drop-sheet "$im_dir/$im_n.xlsx" "$im_dir/$im_n-nofacts.xlsx" facts &&
        (cd "$im_dir" && "$im_budc" import "$im_n-nofacts.xlsx" ${im_o[@]+"${im_o[@]}"} \
            -o "$im_n-nofacts.bud" 2>/dev/null) &&
        [ "$(im_codes "$im_dir/$im_n-nofacts.bud")" = "W-NO-NARRATIVE " ] &&
        [ "$(grep -c '^unit ' "$im_dir/$im_n-nofacts.bud")" = 1 ] &&
        grep -q '^  // inferred: ' "$im_dir/$im_n-nofacts.bud" &&
        grep -q '^    其他结转 24.00$' "$im_dir/$im_n-nofacts.bud"; then ok
    else bad "import: $im_n without its facts sheet: $(im_codes "$im_dir/$im_n-nofacts.bud")"; fi
done

# 4. a hand-made workbook
im_seed=examples/qinhuangdao-media-center-2023.bud
if im_craft handmade "$im_dir/qinhuangdao-media-center-2023.xlsx" "$im_dir/hand.xlsx" &&
    "$budc" import "$im_dir/hand.xlsx" -o "$im_dir/hand.bud" 2>"$im_dir/hand.err" &&
    [ "$(im_codes "$im_dir/hand.bud")" = "W-NO-NARRATIVE " ] &&
    grep -q '^department 359 "秦皇岛经济技术开发区融媒体中心" {$' "$im_dir/hand.bud"; then ok
else bad "import: the hand-made workbook: $(head -3 "$im_dir/hand.err") $(im_codes "$im_dir/hand.bud")"; fi
rm -rf "$im_dir/csv-a" "$im_dir/csv-b"
"$budc" csv "$im_seed" -o "$im_dir/csv-a" 2>/dev/null
"$budc" csv "$im_dir/hand.bud" -o "$im_dir/csv-b" 2>/dev/null
if diff -r "$im_dir/csv-a" "$im_dir/csv-b" >/dev/null; then ok
else bad "import: the hand-made workbook's tables differ from the seed's"; fi

# 5. bad workbooks: exit 1, the sheet and the cell named, nothing written
im_src=$im_dir/qinhuangdao-media-center-2023.xlsx
printf 'not a workbook\n' > "$im_dir/bad-zip.xlsx"
im_craft drop-sheet "$im_src" "$im_dir/bad-missing.xlsx" 支出总表
im_craft set-cell "$im_src" "$im_dir/bad-text.xlsx" 支出总表 E6 text 58a.20
im_craft set-cell "$im_src" "$im_dir/bad-formula.xlsx" 支出总表 D6 formula 'SUM(E6:F6)'
im_craft set-cell "$im_src" "$im_dir/bad-unit.xlsx" 项目绩效目标表 C4 text 某某单位
im_craft set-cell "$im_src" "$im_dir/bad-code.xlsx" 项目绩效目标表 D4 text 2999999
im_craft set-cell "$im_src" "$im_dir/bad-indicator.xlsx" 绩效指标 B4 text 无此项目
im_craft set-cell "$im_src" "$im_dir/bad-purchase.xlsx" 政府采购表 B4 text 无此项目
for im_case in "bad-zip|not a zip archive" "bad-missing|no sheet for the table 支出总表" \
    "bad-text|sheet '支出总表', cell E6: '58a.20' is not an amount" \
    "bad-formula|sheet '支出总表', cell D6: a formula without a computed value" \
    "bad-unit|sheet '项目绩效目标表', cell C4: the 预算单位 '某某单位' of the project '报刊机构合作宣传费' is not a unit of the budget" \
    "bad-code|sheet '项目绩效目标表', cell D4: the 科目编码 '2999999' of the project '报刊机构合作宣传费' is not a code of the function catalogue of 2023" \
    "bad-indicator|sheet '绩效指标', cell B4: the indicator names the project '无此项目', which is not in the sheet '项目绩效目标表'" \
    "bad-purchase|sheet '政府采购表', cell B4: the purchase line names the project '无此项目', which is not in the sheet '项目绩效目标表'"; do
    im_n=${im_case%%|*}
    im_want=${im_case#*|}
    rm -f "$im_dir/$im_n.bud"
    "$budc" import "$im_dir/$im_n.xlsx" -o "$im_dir/$im_n.bud" 2>"$im_dir/$im_n.err"
    im_st=$?
    if [ $im_st -eq 1 ] && grep -qF "$im_want" "$im_dir/$im_n.err" && [ ! -e "$im_dir/$im_n.bud" ] &&
        [ -z "$(ls -A "$im_dir" | grep "^$im_n\.bud")" ]; then ok
    else bad "import: $im_n: exit $im_st, $(cat "$im_dir/$im_n.err"), want '$im_want'"; fi
done

# 5b. what is not a workbook, a PDF or CSV files: exit 1, a message that
# says what the file is and what budc reads instead, nothing written (the
# seed of the brief is a disclosure kept as text; a zip with word/ is a Word
# document, one with content.xml an OpenDocument file)
printf '部门预算收支总表\n序号\t收入\t\t支出\t\n' > "$im_dir/other-text.txt"
python3 - "$im_dir" <<'PY'
import sys, zipfile
d = sys.argv[1]
with zipfile.ZipFile(d + "/other-word.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document/>")
with zipfile.ZipFile(d + "/other-ods.ods", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", "<office:document-content/>")
PY
for im_case in "other-text.txt|neither a PDF, an Excel workbook (.xlsx) nor CSV files" \
    "other-word.docx|a Word document (.docx), not an Excel workbook" \
    "other-ods.ods|an OpenDocument file, not an Excel workbook (.xlsx): save a spreadsheet as .xlsx"; do
    im_f=${im_case%%|*}
    im_want=${im_case#*|}
    for im_cmd in import audit; do
        rm -f "$im_dir/other.bud"
        if [ $im_cmd = import ]; then
            "$budc" import "$im_dir/$im_f" -o "$im_dir/other.bud" 2>"$im_dir/other.err"
        else
            "$budc" audit --year 2023 "$im_dir/$im_f" >"$im_dir/other.err" 2>&1
        fi
        im_st=$?
        if [ $im_st -eq 1 ] && grep -F "$im_want" "$im_dir/other.err" | grep -qF "$im_f: " &&
            [ ! -e "$im_dir/other.bud" ]; then ok
        else bad "$im_cmd $im_f: exit $im_st, $(cat "$im_dir/other.err"), want '$im_want'"; fi
    done
done

# 6. usage
for im_args in "" "$im_dir/does-not-exist.xlsx" "--frobnicate $im_src"; do
    # shellcheck disable=SC2086
    "$budc" import $im_args -o "$im_dir/usage.bud" >/dev/null 2>&1
    im_st=$?
    if [ $im_st -eq 2 ]; then ok; else bad "import $im_args: exit $im_st, not 2"; fi
done
