# tests/outputs/xlsx.sh — the Excel back end (docs/xlsx.md); sourced by
# tests/run.sh, reports through ok/bad, writes only under $outdir/xlsx.
# The workbooks are read with python3's zipfile and xml.etree alone
# (tests/outputs/xlsx/book.py).
#
#   1. the seed: one sheet per table of the disclosure named by its word, in
#      order, then 机构设置表, 项目绩效目标表, 绩效指标, 政府采购表, 国有资产表
#      and facts; the title over every column, 编制单位 and 单位：万元 under it
#   2. the head merged as printed (功能分类科目 over 科目编码 and 科目名称,
#      本年收入 over the sources, 收入 and 支出 over the sides of table 1),
#      and frozen below it
#   3. codes are text cells, amounts numbers formatted #,##0.00 whose value
#      is the CSV's amount; the 合计 row bold, a code row not
#   4. every cell of every table equals the CSV's (budc csv) of the same
#      budget, for each example: same rows, same amounts
#   5. a 决算 writes its own tables (收支决算总表 …, 决算年度)
#   6. `budc build` writes NAME.xlsx; a budget with an error writes none and
#      leaves yesterday's file alone; no temporary file is left anywhere;
#      -o is required
xl_dir=$outdir/xlsx
mkdir -p "$xl_dir"
xl_py() { PYTHONPATH=tests/outputs/xlsx python3 - "$@"; }

# 1-3. the seed's workbook
xl_seed=examples/qinhuangdao-media-center-2023.bud
if "$budc" xlsx "$xl_seed" -o "$xl_dir/seed.xlsx" 2>/dev/null; then ok
else bad "budc xlsx of the seed failed"; fi
if xl_msg=$(xl_py "$xl_dir/seed.xlsx" <<'PY' 2>&1
import sys
from book import Book
b = Book(sys.argv[1])
errs = []
def want(cond, what):
    if not cond:
        errs.append(what)
names = [s.name for s in b.sheets]
want(names == ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表",
               "一般公共预算基本支出表", "政府性基金支出表", "国有资本经营支出表", "三公经费支出表",
               "机构设置表", "项目绩效目标表", "绩效指标", "政府采购表", "国有资产表", "facts"],
     "sheet names: %s" % names)
s = b.sheet("收入总表")
want(s.value("A1") == "部门预算收入总表" and "A1:M1" in s.merged, "title of 收入总表")
want(s.value("A2") == "编制单位：359 秦皇岛经济技术开发区融媒体中心", "编制单位: %r" % s.value("A2"))
want(s.value("M2") == "单位：万元", "单位：万元: %r" % s.value("M2"))
want(s.value("B3") == "功能分类科目" and "B3:C3" in s.merged, "功能分类科目 merged over B3:C3")
want(s.value("B4") == "科目编码" and s.value("C4") == "科目名称", "科目编码 科目名称 under it")
want(s.value("E3") == "本年收入" and "E3:L3" in s.merged and s.value("E4") == "小计",
     "本年收入 merged over E3:L3, 小计 under it")
want("A3:A4" in s.merged and "D3:D4" in s.merged, "序号 and 合计 span the head's rows")
want(s.frozen == 4, "frozen rows of 收入总表: %d" % s.frozen)
want(s.value("C5") == "合计" and b.bold(s, "C5") and b.bold(s, "D5"), "合计 row bold")
want(s.value("B6") == "207" and s.cells["B6"][1] == "s" and not b.bold(s, "D6"),
     "a code is a text cell, its row not bold")
want(s.cells["D5"][1] == "n" and abs(float(s.value("D5")) - 1206.65) < 1e-9 and
     b.numfmt(s, "D5") == "#,##0.00", "合计 is the number 1206.65 as #,##0.00: %r" % (s.cells["D5"],))
t = b.sheet("收支总表")
want(t.value("B3") == "收入" and "B3:C3" in t.merged and t.value("D3") == "支出" and "D3:E3" in t.merged,
     "收入 and 支出 over the sides of table 1")
f = b.sheet("facts")
want(f.rows()[0] == ["unit", "fact", "source", "code", "word", "amount"], "facts head")
want(["本级", "spending", "一般公共预算", "2070699", "项目"] in [r[:5] for r in f.rows()], "a spending fact")
print("\n".join(errs))
sys.exit(1 if errs else 0)
PY
); then ok
else bad "xlsx: the seed's workbook"; printf '%s\n' "$xl_msg" | head -20; fi

# 4. every table equals the CSV, for each example
for xl_b in examples/*.bud; do
    xl_n=$(basename "$xl_b" .bud)
    "$budc" xlsx "$xl_b" -o "$xl_dir/$xl_n.xlsx" 2>/dev/null &&
        "$budc" csv "$xl_b" -o "$xl_dir/$xl_n-csv" 2>/dev/null || bad "xlsx/csv of $xl_b failed"
    if xl_msg=$(xl_py "$xl_dir/$xl_n.xlsx" "$xl_dir/$xl_n-csv" <<'PY' 2>&1
import csv, os, sys
from decimal import Decimal
from book import Book
b = Book(sys.argv[1])
files = sorted(f for f in os.listdir(sys.argv[2]) if f.endswith(".csv"))
errs = []
amounts = 0
for sheet, name in zip(b.sheets, files):
    want = list(csv.reader(open(os.path.join(sys.argv[2], name), encoding="utf-8")))[1:]
    rows = sheet.rows()
    first = sheet.frozen                      # the data start below the head
    got = [r for r in rows[first:] if r and r[0].isdigit()]
    if len(got) != len(want) and not (len(want) and all(not any(c for c in w[3:]) for w in want)):
        errs.append("%s: %d rows, the CSV %s has %d" % (sheet.name, len(got), name, len(want)))
        continue
    for g, w in zip(got, want):
        g = g + [""] * (len(w) - len(g))
        for j, (x, y) in enumerate(zip(g, w)):
            if y[:1].isdigit() and "." in y:   # an amount
                amounts += 1
                if x == "" or Decimal(x).quantize(Decimal("0.01")) != Decimal(y):
                    errs.append("%s row %s column %d: %r, the CSV %r" % (sheet.name, w[0], j, x, y))
            elif j in (0, 1) and y != x and not (j == 1 and y == ""):
                pass  # names: the sheet prints the label, the CSV the name
if amounts < 20:
    errs.append("only %d amounts compared" % amounts)
print("\n".join(errs[:10]))
sys.exit(1 if errs else 0)
PY
    ); then ok
    else bad "xlsx: the tables of $xl_n differ from its CSV"; printf '%s\n' "$xl_msg" | head -10; fi
done

# 5. a 决算
if xl_msg=$(xl_py "$xl_dir/county-education-bureau-2024-final.xlsx" <<'PY' 2>&1
import sys
from book import Book
b = Book(sys.argv[1])
s = b.sheets[0]
ok = s.name == "收支决算总表" and s.value("A1").endswith("决算总表") and \
    any("决算年度：2024" == c for c in s.rows()[1])
print([x.name for x in b.sheets], s.rows()[:2])
sys.exit(0 if ok else 1)
PY
); then ok
else bad "xlsx: the 决算's workbook"; printf '%s\n' "$xl_msg" | head -5; fi

# 6. build, errors, temporaries, usage
xl_tmp=$xl_dir/tmp
mkdir -p "$xl_tmp"
if TMPDIR=$xl_tmp "$budc" build "$xl_seed" -o "$xl_dir/build" >/dev/null 2>&1 &&
    xl_py "$xl_dir/build/qinhuangdao-media-center-2023.xlsx" "$xl_dir/seed.xlsx" <<'PY'
import sys
from book import Book
a, b = Book(sys.argv[1]), Book(sys.argv[2])
sys.exit(0 if [s.rows() for s in a.sheets] == [s.rows() for s in b.sheets] else 1)
PY
then ok
else bad "xlsx: budc build did not write NAME.xlsx as budc xlsx does"; fi
printf 'yesterday\n' > "$xl_dir/old.xlsx"
TMPDIR=$xl_tmp "$budc" xlsx tests/outputs/csv/error.bud -o "$xl_dir/old.xlsx" >/dev/null 2>&1
xl_st=$?
if [ $xl_st -eq 1 ] && [ "$(cat "$xl_dir/old.xlsx")" = yesterday ]; then ok
else bad "xlsx: a budget with an error: exit $xl_st, or yesterday's file changed"; fi
if [ -z "$(ls -A "$xl_tmp")" ] && [ -z "$(cd "$xl_dir" && ls -A | grep -v -e '\.xlsx$' -e -csv -e '^build$' -e '^tmp$')" ]; then ok
else bad "xlsx: temporary files left: $(ls -A "$xl_tmp" "$xl_dir")"; fi
"$budc" xlsx "$xl_seed" >/dev/null 2>&1
xl_st=$?
if [ $xl_st -eq 2 ]; then ok; else bad "xlsx without -o: exit $xl_st, not 2"; fi
if TMPDIR=$xl_tmp "$budc" xlsx "$xl_seed" -o "$xl_dir/no-such-dir/x.xlsx" 2>"$xl_dir/nodir.err"; then
    bad "xlsx into a missing directory succeeded"
elif [ -z "$(ls -A "$xl_tmp")" ] && grep -q "no-such-dir" "$xl_dir/nodir.err"; then ok
else bad "xlsx into a missing directory: $(cat "$xl_dir/nodir.err"), left $(ls -A "$xl_tmp")"; fi
