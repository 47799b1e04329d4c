# shellcheck shell=bash
# tests/outputs/final.sh — what a 决算 (docs/final-accounts.md) gives beyond
# the nine tables, sourced by tests/run.sh, which gives $budc, $outdir, ok
# and bad.  The diagnostics are golden tests (tests/golden/final/).
#
#   1. 政府采购 actuals: the JSON of the example 决算 has the rows of its
#      `procurement` block, each with the row it is a part of and its share
#      (75.64 for 中小企业 of 合计), and a budget's JSON has null; the long
#      CSV has the rows as table procurement_actuals; the .tex prints the
#      figures the 说明 quotes; a share quoted wrong is E-QUOTE-VALUE, a
#      货物 changed so the parts no longer add up is E-PROCUREMENT-PARTS at
#      合计, and neither writes a JSON
#   2. W-NO-NARRATIVE names the sections of the document's kind: a 决算's
#      (收入支出决算总体情况), never a budget's 预算安排总体情况
#   3. 绩效跟踪 and problems: the JSON of the example gives its two projects
#      "tracked": true and their problems (2 of 2, 1 of 3 fixed), the long
#      CSV their tracked, problems_found and problems_fixed lines; a 说明
#      that says 4 problems where the projects found 5 is E-QUOTE-VALUE
#      printed as a count, with a note at each project's count
#   4. the 项目支出绩效自评表: the .tex of the example has one per project
#      evaluated (2), titled from the insert vocabulary, with the budget's
#      target beside what was achieved, its 分值, 得分 and 偏差原因, and the
#      总分 row with the score and grade; the JSON's achieved entries carry
#      weight, points and reason; a budget's .tex has none
#   5. the 三公 table of the template's set is printed in one line (a
#      layout across): 财政拨款“三公”经费 over all, 公务用车购置及运行维护费
#      over its 小计, 购置费 and 运行维护费, a 预算数 / 决算数 pair each; the
#      variant 决算会议培训 prints a row per item and JSON keeps the 增减
#      column; a layout across of the wrong width is E-DEFINITION
#   6. the set 决算会议培训 has a tenth table, the 财政拨款支出决算明细表 by
#      economic code (JSON fiscal_detail, valid against the schema; the .tex
#      prints its rows with 基本支出, 人员经费 and 公用经费), and a 决算 with
#      项目支出 is warned that the table leaves it out (W-TABLE-GAP, with
#      the amount); one without 项目支出 is not
#
# shellcheck disable=SC2154  # $budc and $outdir come from tests/run.sh

final_ex=examples/county-education-bureau-2024-final.bud

# final_procurement: step 1.
final_procurement() {
    local dir=$outdir/final out
    if "$budc" json "$final_ex" -o "$dir/final.json" 2>/dev/null &&
        out=$(python3 - "$dir/final.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["procurement_actuals"]["rows"]
by = {r["key"]: r for r in rows}
assert [r["key"] for r in rows] == ["合计", "货物", "工程", "服务", "中小企业", "小微企业", "预留中小企业", "预留小微企业"], rows
assert str(by["合计"]["amount"]) == "545.5" and by["合计"]["of"] is None and by["合计"]["share"] is None
assert by["中小企业"]["of"] == "合计" and by["中小企业"]["share"] == 75.64, by["中小企业"]
assert by["小微企业"]["of"] == "中小企业" and by["小微企业"]["share"] == 63.09
assert by["预留小微企业"]["of"] == "预留中小企业" and by["预留小微企业"]["share"] == 63.16
assert by["货物"]["title"] == "货物采购金额"
PY
        ); then ok
    else bad "final: the JSON of $final_ex does not carry its 政府采购 actuals"; printf '%s\n' "$out" | tail -3; fi
    if "$budc" json examples/county-education-bureau-2024.bud -o "$dir/budget.json" 2>/dev/null &&
        python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["procurement_actuals"] is not None)' "$dir/budget.json"; then ok
    else bad "final: a budget's JSON has procurement_actuals other than null"; fi
    if "$budc" csv --long -o "$dir/csv" "$final_ex" 2>/dev/null &&
        grep -q '^procurement_actuals,,中小企业,,授予中小企业合同金额,amount,412.60' "$dir/csv/facts.csv" &&
        grep -q '^procurement_actuals,,中小企业,,授予中小企业合同金额,share,75.64' "$dir/csv/facts.csv" &&
        ! grep -q '^procurement_actuals,,合计,.*,share,' "$dir/csv/facts.csv"; then ok
    else bad "final: the long CSV of $final_ex lacks its 政府采购 actuals (or gives 合计 a share)"; fi
    if "$budc" latex "$final_ex" -o "$dir/final.tex" 2>/dev/null &&
        grep -q '政府采购金额（以合同签订为准）为545.50万元' "$dir/final.tex" &&
        grep -q '占政府采购金额的75.64\\%' "$dir/final.tex"; then ok
    else bad "final: the .tex of $final_ex does not print the quoted 政府采购 figures"; fi
    # planted defects: a wrong share, and parts that no longer add up
    sed 's/中小企业.占比 = 75.64/中小企业.占比 = 75.46/' "$final_ex" > "$dir/share.bud"
    cp examples/county-education-bureau-2024.bud "$dir/"
    out=$("$budc" json "$dir/share.bud" -o "$dir/share.json" 2>&1)
    if [ $? -eq 1 ] && [ ! -e "$dir/share.json" ] &&
        printf '%s\n' "$out" | grep -q 'error: the text says 75.46 but 采购.合同.中小企业.占比 is 75.64.*\[E-QUOTE-VALUE\]'; then ok
    else bad "final: a wrong 占比 of the 政府采购 actuals is not E-QUOTE-VALUE"; printf '%s\n' "$out" | head -3; fi
    sed 's/^  货物 301.40$/  货物 301.50/' "$final_ex" > "$dir/parts.bud"
    local line
    line=$(grep -n '^  合计 545.50$' "$dir/parts.bud" | cut -d: -f1)
    out=$("$budc" check "$dir/parts.bud" 2>&1)
    if [ $? -eq 1 ] && printf '%s\n' "$out" |
        grep -q "parts.bud:$line:6: error: the parts of 合计 do not add up to it: its 3 parts sum to 545.60 but 合计 is 545.50.*\[E-PROCUREMENT-PARTS\]"; then ok
    else bad "final: 货物 + 工程 + 服务 other than 合计 is not E-PROCUREMENT-PARTS at 合计 (line $line)"; printf '%s\n' "$out" | head -3; fi
}

# final_no_narrative: step 2.
final_no_narrative() {
    local dir=$outdir/final out
    awk '/^narrative \{/{skip=1} !skip' tests/golden/final/ok.bud > "$dir/bare.bud"
    cp -r tests/golden/final/lib "$dir/" 2>/dev/null
    out=$("$budc" check "$dir/bare.bud" 2>&1)
    if printf '%s\n' "$out" | grep -q 'the 决算 has no narrative: the 说明 (部门职责及机构设置, 收入支出决算总体情况 …).*\[W-NO-NARRATIVE\]' &&
        ! printf '%s\n' "$out" | grep -q '预算安排总体情况'; then ok
    else bad "final: W-NO-NARRATIVE of a 决算 does not name a 决算's sections"; printf '%s\n' "$out" | grep NO-NARRATIVE | head -2; fi
}

# final_followup: step 3.
final_followup() {
    local dir=$outdir/final out
    if out=$(python3 - "$dir/final.json" <<'PY'
import json, sys
ps = {p["name"]: p for p in json.load(open(sys.argv[1]))["projects"]}
a, b = ps["中小学教师全员培训"], ps["农村中小学校舍维修改造"]
assert a["tracked"] is True and a["problems"] == {"found": 2, "fixed": 2}, a
assert b["tracked"] is True and b["problems"] == {"found": 3, "fixed": 1}, b
assert not any("tracked" in p or "problems" in p for n, p in ps.items() if n not in (a["name"], b["name"]))
PY
    ); then ok
    else bad "final: the JSON of $final_ex lacks its projects' tracked and problems"; printf '%s\n' "$out" | tail -3; fi
    if grep -q '^projects,本级,农村中小学校舍维修改造,2050901,农村中小学校舍维修改造,tracked,1' "$dir/csv/facts.csv" &&
        grep -q '^projects,本级,农村中小学校舍维修改造,2050901,农村中小学校舍维修改造,problems_found,3' "$dir/csv/facts.csv" &&
        grep -q '^projects,本级,农村中小学校舍维修改造,2050901,农村中小学校舍维修改造,problems_fixed,1' "$dir/csv/facts.csv"; then ok
    else bad "final: the long CSV of $final_ex lacks a project's tracked and problems lines"; fi
    sed 's/{自评.问题 = 5}/{自评.问题 = 4}/' "$final_ex" > "$dir/problems.bud"
    out=$("$budc" check "$dir/problems.bud" 2>&1)
    if [ $? -eq 1 ] && printf '%s\n' "$out" | grep -q 'error: the text says 4 but 自评.问题 is 5 (difference -1) \[E-QUOTE-VALUE\]' &&
        [ "$(printf '%s\n' "$out" | grep -c 'note: 自评.问题 counts this')" = 2 ]; then ok
    else bad "final: a wrong count of problems in the 说明 is not E-QUOTE-VALUE with a note at each project"; printf '%s\n' "$out" | head -4; fi
}

# final_selfeval_table: step 4.
final_selfeval_table() {
    local dir=$outdir/final out
    local tex=$dir/final.tex
    if [ "$(grep -c '^\\multicolumn{8}{T}{\\budtitle{[0-9]、.*项目支出绩效自评表}}' "$tex")" = 2 ] &&
        grep -q '^产出指标 & 数量指标 & 维修改造面积 & ≥21000平方米 & 20480平方米 & 20 & 17 & 1 所学校改造方案经论证调减面积；今后加强前期论证 \\\\ \\hline$' "$tex" &&
        grep -q '^产出指标 & 时效指标 & 培训完成时间 & ≤12月 &  &  &  &  \\\\ \\hline$' "$tex" &&
        grep -q '^\\multicolumn{6}{|c|}{\\budhd 总分} & 88.00 & 绩效评级：良 \\\\ \\hline$' "$tex"; then ok
    else bad "final: the .tex of $final_ex lacks its 项目支出绩效自评表 (one per project evaluated, targets beside what was achieved, 总分)"; fi
    if out=$(python3 - "$dir/final.json" <<'PY'
import json, sys
ps = {p["name"]: p for p in json.load(open(sys.argv[1]))["projects"]}
a = {x["indicator"]: x for x in ps["农村中小学校舍维修改造"]["result"]["achieved"]}
assert a["维修改造面积"]["weight"] == 20 and a["维修改造面积"]["points"] == 17, a["维修改造面积"]
assert a["维修改造面积"]["reason"].startswith("1 所学校"), a
assert a["维修改造学校数量"]["reason"] is None
PY
    ); then ok
    else bad "final: the JSON's achieved entries lack 分值, 得分 or 偏差原因"; printf '%s\n' "$out" | tail -3; fi
    "$budc" latex examples/county-education-bureau-2024.bud -o "$dir/budget.tex" 2>/dev/null
    if [ -s "$dir/budget.tex" ] && ! grep -q '项目支出绩效自评表' "$dir/budget.tex"; then ok
    else bad "final: a budget's .tex prints a 项目支出绩效自评表"; fi
}

# final_sangong_across: step 5.
final_sangong_across() {
    local dir=$outdir/final out
    local tex=$dir/final.tex
    if grep -q '^\\multicolumn{12}{|c|}{\\budhd 财政拨款“三公”经费} \\\\ \\hline$' "$tex" &&
        grep -q '\\multicolumn{6}{c|}{\\budhd 公务用车购置及运行维护费}.* \\\\ \\cline{5-10}$' "$tex" &&
        grep -q '^\\multicolumn{2}{|c|}{\\budhd 合计} & \\multicolumn{2}{c|}{\\budhd 因公出国（境）费} & \\multicolumn{2}{c|}{\\budhd 小计}' "$tex" &&
        grep -q '^9.95 & 9.06 &  &  & 7.60 & 7.24 &  &  & 7.60 & 7.24 & 2.35 & 1.82 \\\\ \\hline$' "$tex"; then ok
    else bad "final: the .tex of $final_ex does not print the 三公 table in one line of 预算数 / 决算数 pairs"; fi
    # the variant keeps a row per item; JSON keeps the 增减 column
    cp -r tests/golden/final/lib "$dir/" 2>/dev/null
    awk '/^table /{skip=1} skip&&/^}/{skip=0; next} !skip' tests/golden/final/ok.bud |
        sed 's/^  kind 决算$/  kind 决算会议培训/' > "$dir/meetings.bud"
    "$budc" latex "$dir/meetings.bud" -o "$dir/meetings.tex" 2>/dev/null
    if grep -q '^[0-9]* & .*公务接待费 & ' "$dir/meetings.tex" && ! grep -q 'budhd 财政拨款“三公”经费}' "$dir/meetings.tex" &&
        python3 -c 'import json,sys; t=[t for t in json.load(open(sys.argv[1]))["department"]["tables"] if t["key"]=="three_public"][0]; sys.exit(not any(c["key"]=="change" for c in t["columns"]))' "$dir/final.json"; then ok
    else bad "final: the variant's 三公 table is not printed a row per item, or the JSON lost the 增减 column"; fi
    # a layout across whose columns do not fit its rows is E-DEFINITION
    cat > "$dir/across.bud" <<'BUD'
disclosure 决算横排 "部门决算公开表" {
  table 三公经费支出决算表 "财政拨款“三公”经费支出决算表" {
    key three_public
    column budget "预算数" 预算
    column total "决算数" 三公
    total 合计 三公
    row 公务接待费 "公务接待费" 三公.公务接待费
    layout "R250 R250 R250" across
    across 合计 "合计"
    across 公务接待费 "公务接待费"
  }
}
BUD
    awk '/^table /{skip=1} skip&&/^}/{skip=0; next} !skip' tests/golden/final/ok.bud |
        sed 's/^  kind 决算$/  kind 决算横排/; 1i import "across.bud"' > "$dir/across-final.bud"
    out=$("$budc" check "$dir/across-final.bud" 2>&1)
    if printf '%s\n' "$out" | grep -q 'the layout of table 三公经费支出决算表 has 3 columns, but the table prints 4 (its amount columns but 增减, for each row with an across title).*\[E-DEFINITION\]'; then ok
    else bad "final: a layout across with the wrong number of columns is not E-DEFINITION"; printf '%s\n' "$out" | head -3; fi
}

# final_fiscal_detail: step 6 (the variant's file of step 5).
final_fiscal_detail() {
    local dir=$outdir/final out
    out=$("$budc" json "$dir/meetings.bud" -o "$dir/meetings.json" 2>&1)
    if printf '%s\n' "$out" | grep -q 'warning: the 财政拨款支出决算明细表 (table 财政拨款支出明细表) gives no 项目支出: .* leaves out 43.00 万元 .*\[W-TABLE-GAP\]' &&
        python3 - "$dir/meetings.json" <<'PY'
import json, sys
import jsonschema
doc = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator(json.load(open("docs/budget.schema.json"))).validate(doc)
t = doc["department"]["tables"][9]
assert t["key"] == "fiscal_detail" and t["number"] == 10, t["key"]
rows = {r["key"]: r["cells"] for r in t["rows"]}
assert rows["合计"] == {"total": 60.0, "personnel": 50.0, "public": 10.0}, rows["合计"]
assert rows["30201"]["public"] == 6.5 and rows["30201"]["personnel"] is None
PY
    then ok
    else bad "final: the 财政拨款支出决算明细表 of the set 决算会议培训 is missing, wrong, or not warned about its 项目支出"; printf '%s\n' "$out" | head -3; fi
    if grep -q '^3 & 30101 & 基本工资 & 50.00 & 50.00 &  \\\\ \\hline$' "$dir/meetings.tex"; then ok
    else bad "final: the .tex of the set 决算会议培训 lacks the 财政拨款支出决算明细表's rows"; fi
    sed 's/^    2010102 项目 43.00$/    2010102 基本 43.00/; s/^    30101 50.00$/    30101 93.00/' "$dir/meetings.bud" > "$dir/no-project.bud"
    out=$("$budc" check "$dir/no-project.bud" 2>&1)
    if ! printf '%s\n' "$out" | grep -q 'W-TABLE-GAP\|error:'; then ok
    else bad "final: W-TABLE-GAP without any 项目支出"; fi
}

final_tests() {
    rm -rf "$outdir/final"
    mkdir -p "$outdir/final"
    final_procurement
    final_no_narrative
    final_followup
    final_selfeval_table
    final_sangong_across
    final_fiscal_detail
}

final_tests
