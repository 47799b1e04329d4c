# tests/outputs/csv.sh — the CSV back end (docs/csv.md); sourced by
# tests/run.sh, reports through ok/bad, writes only under $outdir/csv.
#
#   1. golden files: `budc csv` and `budc csv --long` of each budget below
#      must write exactly the files in tests/outputs/csv/NAME/, byte for
#      byte; `budc build` writes the same into DIR/NAME-csv/
#   2. --bom: each file starts with EF BB BF, and only with --bom
#   3. RFC 4180: python3's csv module reads every file, every record has the
#      header's number of fields, records end with CRLF, 序号 counts 1, 2, 3 …,
#      amounts are plain decimals with at least two decimals, and no text
#      field starts with a character a spreadsheet reads as a formula
#   4. tables 1 and 4: the totals rows of both sides on the same lines
#   5. the long form in SQLite (python3's sqlite3): the 类 rows of table 3
#      add up to its 合计, and each unit's figures add up to the department's;
#      the seed's has its projects, indicators and purchase lines after the
#      tables
#   6. formula injection: hostile catalogue names come out neutralised
#   7. a budget with an error writes no CSV and leaves existing files alone
#
# After a deliberate change of the format, CSV_BLESS=1 bash tests/run.sh
# rewrites the golden files from what budc writes now; review the diff.

csv_dir=$outdir/csv
csv_src=tests/outputs/csv
csv_tables=(01-summary.csv 02-income.csv 03-expenditure.csv 04-fiscal_summary.csv
    05-general_public.csv 06-general_public_basic.csv 07-government_fund.csv
    08-state_capital.csv 09-three_public.csv)
csv_budgets=(examples/qinhuangdao-media-center-2023.bud examples/county-culture-bureau-2023.bud
    examples/county-education-bureau-2024.bud "$csv_src/injection.bud" "$csv_src/blank-zero.bud")
mkdir -p "$csv_dir"

# csv_rfc FILE...: the RFC 4180 and content checks of step 3; prints what is
# wrong and fails.
csv_rfc() {
    python3 - "$@" <<'PY'
import csv, io, re, sys
TEXT = {"序号", "科目编码", "科目名称", "项目", "收入项目", "支出项目",
        "table", "unit", "row", "code", "name", "column"}
AMOUNT = re.compile(r"^(\d+\.\d{2,})?$")
# a 增减 column (比上年增减; column "change" in the long layout) may be negative
SIGNED = re.compile(r"^(-?\d+\.\d{2,})?$")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
bad = 0
def fail(path, msg):
    global bad
    bad += 1
    print(f"{path}: {msg}")
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")
    # record ends are CRLF: outside quotes, no LF without CR before it, no lone CR
    quoted, prev = False, ""
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\n" and prev != "\r":
            fail(path, f"bare LF at offset {i}")
            break
        elif not quoted and prev == "\r" and ch != "\n":
            fail(path, f"bare CR at offset {i}")
            break
        prev = ch
    if not text.endswith("\r\n"):
        fail(path, "does not end with CRLF")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if len(rows) < 2:
        fail(path, "no rows under the header")
        continue
    head = rows[0]
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(head):
            fail(path, f"record {n} has {len(row)} fields, the header {len(head)}")
            continue
        for title, field in zip(head, row):
            if title == "序号" and field != str(n - 1):
                fail(path, f"record {n}: 序号 {field!r}")
            elif title in TEXT and field.startswith(FORMULA):
                fail(path, f"record {n}: {title} {field!r} starts like a formula")
            elif title == "value" and row[0] == "indicators":
                pass  # an indicator's value as written: ≥500篇, 比上年提升
            elif title == "value" and row[5] in ("quantity", "score"):
                if not re.match(r"^\d+(\.\d+)?$", field):
                    fail(path, f"record {n}: {row[5]} {field!r} is not a number")
            elif title not in TEXT and not (AMOUNT.match(field) or
                  ((title == "比上年增减" or (title == "value" and dict(zip(head, row)).get("column") == "change"))
                   and SIGNED.match(field))):
                fail(path, f"record {n}: {title} {field!r} is not an amount")
sys.exit(1 if bad else 0)
PY
}

# csv_sides DIR: step 4 on DIR/01-summary.csv and DIR/04-fiscal_summary.csv.
csv_sides() {
    python3 - "$1" <<'PY'
import csv, sys
pairs = {"01-summary.csv": [("本年收入合计", "本年支出合计"), ("上年结转结余", "年终结转结余"),
                            ("收入总计", "支出总计")],
         "04-fiscal_summary.csv": [("本年收入合计", "本年支出合计"),
                                   ("年初财政拨款结转结余", "年末结转结余"), ("收入总计", "支出总计")]}
bad = 0
for name, want in pairs.items():
    rows = list(csv.reader(open(f"{sys.argv[1]}/{name}", encoding="utf-8", newline="")))
    got = [(r[1], r[3]) for r in rows[1:]]
    if got[-3:] != want:
        print(f"{name}: last lines pair {got[-3:]}")
        bad += 1
    # the items: every income item on the first lines, no gap before a total
    items = [r for r in rows[1:-3]]
    inc = [r[1] for r in items]
    k = inc.index("") if "" in inc else len(inc)
    if any(inc[k:]) or any(r[3] == "" for r in items):
        print(f"{name}: the item lines are not paired from the top")
        bad += 1
sys.exit(1 if bad else 0)
PY
}

# csv_sql FILE: step 5.
csv_sql() {
    python3 - "$1" <<'PY'
import csv, sqlite3, sys
from decimal import Decimal
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
db = sqlite3.connect(":memory:")
db.execute('create table facts ("table" text, unit text, row text, code text, name text,'
           ' "column" text, value text)')
db.executemany("insert into facts values (?, ?, ?, ?, ?, ?, ?)", rows[1:])
bad = 0
(n,) = db.execute("select count(*) from facts").fetchone()
if n != len(rows) - 1 or n == 0:
    print(f"{sys.argv[1]}: {n} rows in SQLite, {len(rows) - 1} in the file")
    bad += 1
# the 类 rows (3-digit codes) of the department's table 3 add up to its 合计
q = """select value from facts where "table" = 'expenditure' and unit = ''
       and "column" = 'total' and {}"""
parts = [Decimal(v) for (v,) in db.execute(q.format("length(code) = 3"))]
total = db.execute(q.format("row = '合计'")).fetchall()
if not parts or len(total) != 1 or str(sum(parts, Decimal("0.00"))) != total[0][0]:
    print(f"{sys.argv[1]}: 类 rows of table 3 sum to {sum(parts)}, 合计 is {total}")
    bad += 1
# each department figure is the sum of the units' figures
dept = {(t, r, c): v for t, r, c, v in db.execute(
    'select "table", row, "column", value from facts where unit = \'\'')}
units = {}
for t, r, c, v in db.execute(
        'select "table", row, "column", value from facts where unit != \'\' and "table" not in '
        '(\'projects\', \'indicators\', \'procurement\')'):
    units[t, r, c] = units.get((t, r, c), Decimal("0.00")) + Decimal(v)
if set(dept) != set(units):
    print(f"{sys.argv[1]}: department cells {len(dept)}, cells of the units {len(units)}")
    bad += 1
for k, v in units.items():
    if k in dept and Decimal(dept[k]) != v:
        print(f"{sys.argv[1]}: {k}: department {dept[k]}, units {v}")
        bad += 1
# the projects, their indicators and purchase lines follow the tables
(np,) = db.execute("select count(*) from facts where \"table\" = 'projects'").fetchone()
(ni,) = db.execute("select count(*) from facts where \"table\" = 'indicators'").fetchone()
(nq,) = db.execute("select count(*) from facts where \"table\" = 'procurement' and \"column\" = 'amount'").fetchone()
if "seed" in sys.argv[1] or "qinhuangdao" in sys.argv[1]:
    if np == 0 or ni == 0 or nq == 0:
        print(f"{sys.argv[1]}: {np} project, {ni} indicator and {nq} purchase lines")
        bad += 1
sys.exit(1 if bad else 0)
PY
}

# csv_injection DIR: step 6 on the wide and long files of injection.bud.
csv_injection() {
    python3 - "$1" <<'PY'
import csv, sys
d = sys.argv[1]
def names(path, col):
    rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
    i = rows[0].index(col)
    return {r[i] for r in rows[1:]}
want = {"'=1+1", "'+cmd", "'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'-2", "'\t制表符开头",
        "含逗号,和\"引号\"\n及换行"}
bad = 0
for path, col in [(f"{d}/wide/03-expenditure.csv", "科目名称"), (f"{d}/long/facts.csv", "name")]:
    missing = want - names(path, col)
    if missing:
        print(f"{path}: missing {sorted(missing)}")
        bad += 1
econ = names(f"{d}/wide/06-general_public_basic.csv", "科目名称")
if not {"'-2", "'@SUM(A1)"} <= econ:
    print(f"06-general_public_basic.csv: economic names {sorted(econ)}")
    bad += 1
if "'=1+1" not in names(f"{d}/wide/01-summary.csv", "支出项目"):
    print("01-summary.csv: the 类 201 is not neutralised")
    bad += 1
sys.exit(1 if bad else 0)
PY
}

# 1. golden files, and 2. no BOM without --bom
for csv_b in "${csv_budgets[@]}"; do
    csv_n=$(basename "$csv_b" .bud)
    csv_w=$csv_dir/$csv_n/wide
    csv_l=$csv_dir/$csv_n/long
    if ! "$budc" csv "$csv_b" -o "$csv_w" 2>/dev/null; then bad "budc csv $csv_b failed"; continue; fi
    if ! "$budc" csv --long "$csv_b" -o "$csv_l" 2>/dev/null; then bad "budc csv --long $csv_b failed"; continue; fi
    if [ "$(cd "$csv_w" && LC_ALL=C ls)" = "$(printf '%s\n' "${csv_tables[@]}")" ]; then ok
    else bad "budc csv $csv_b: files $(cd "$csv_w" && ls | tr '\n' ' ')"; fi
    if [ "$(cd "$csv_l" && LC_ALL=C ls | tr '\n' ' ')" = "datapackage.json facts.csv " ]; then ok
    else bad "budc csv --long $csv_b: files $(cd "$csv_l" && ls | tr '\n' ' ')"; fi
    if [ "${CSV_BLESS:-}" = 1 ]; then
        mkdir -p "$csv_src/$csv_n"
        cp "$csv_w"/*.csv "$csv_l"/facts.csv "$csv_src/$csv_n/"
        # a blessed run is never mistaken for a passing one (as PIN_BLESS)
        bad "csv: blessed $csv_src/$csv_n (CSV_BLESS=1): review git diff $csv_src, then run the tests again"
    fi
    for csv_f in "${csv_tables[@]}" facts.csv; do
        csv_got=$csv_w/$csv_f
        [ "$csv_f" = facts.csv ] && csv_got=$csv_l/$csv_f
        if cmp -s "$csv_src/$csv_n/$csv_f" "$csv_got"; then ok
        else bad "csv golden $csv_src/$csv_n/$csv_f differs"
            diff "$csv_src/$csv_n/$csv_f" "$csv_got" 2>&1 | head -10; fi
        if [ "$(head -c 3 "$csv_got" | od -An -tx1 | tr -d ' \n')" != efbbbf ]; then ok
        else bad "$csv_got starts with a BOM without --bom"; fi
    done
    # 3. RFC 4180 and the content of every field
    if csv_msg=$(csv_rfc "$csv_w"/*.csv "$csv_l"/facts.csv 2>&1); then ok
    else bad "csv RFC 4180 checks of $csv_b"; printf '%s\n' "$csv_msg" | head -10; fi
    # 4. the two-sided tables
    if csv_msg=$(csv_sides "$csv_w" 2>&1); then ok
    else bad "csv two-sided tables of $csv_b"; printf '%s\n' "$csv_msg" | head -10; fi
    # 5. SQLite
    if ! python3 -c 'import sqlite3' 2>/dev/null; then
        bad "csv: python3 has no sqlite3 module, so the long form of $csv_b was not summed in SQLite; run make deps"
    elif csv_msg=$(csv_sql "$csv_l/facts.csv" 2>&1); then ok
    else bad "csv long form of $csv_b in SQLite"; printf '%s\n' "$csv_msg" | head -10; fi
done

# 1. budc build writes the same files into DIR/NAME-csv/ (PATH without
#    xelatex, so that no PDF is attempted)
csv_b=examples/county-culture-bureau-2023.bud
csv_n=county-culture-bureau-2023
if PATH=/nonexistent "$budc" build "$csv_b" -o "$csv_dir/build" >/dev/null 2>&1; then
    for csv_f in "${csv_tables[@]}" facts.csv; do
        if cmp -s "$csv_src/$csv_n/$csv_f" "$csv_dir/build/$csv_n-csv/$csv_f"; then ok
        else bad "budc build: $csv_n-csv/$csv_f differs from the golden file"; fi
    done
else
    bad "budc build $csv_b failed"
fi

# 2. --bom: EF BB BF, then exactly the file without it
csv_b=examples/qinhuangdao-media-center-2023.bud
csv_n=qinhuangdao-media-center-2023
"$budc" csv --bom "$csv_b" -o "$csv_dir/bom" 2>/dev/null || bad "budc csv --bom failed"
"$budc" csv --long --bom "$csv_b" -o "$csv_dir/bom" 2>/dev/null || bad "budc csv --long --bom failed"
for csv_f in "${csv_tables[@]}" facts.csv; do
    if [ "$(head -c 3 "$csv_dir/bom/$csv_f" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = efbbbf ] &&
        cmp -s <(tail -c +4 "$csv_dir/bom/$csv_f") "$csv_src/$csv_n/$csv_f"; then ok
    else bad "--bom: $csv_f is not a BOM followed by the golden file"; fi
done
if csv_msg=$(csv_rfc "$csv_dir/bom"/*.csv 2>&1); then ok
else bad "csv RFC 4180 checks of the --bom files"; printf '%s\n' "$csv_msg" | head -10; fi

# 6. formula injection
if csv_msg=$(csv_injection "$csv_dir/injection" 2>&1); then ok
else bad "csv formula injection"; printf '%s\n' "$csv_msg" | head -10; fi

# 7. a budget with an error: exit 1, no file written, existing files untouched
csv_e=$csv_dir/error
mkdir -p "$csv_e"
printf 'yesterday\r\n' > "$csv_dir/yesterday.csv"
cp "$csv_dir/yesterday.csv" "$csv_e/01-summary.csv"
cp "$csv_dir/yesterday.csv" "$csv_e/facts.csv"
for csv_opt in "" --long; do
    "$budc" csv $csv_opt "$csv_src/error.bud" -o "$csv_e" >/dev/null 2>&1
    csv_st=$?
    if [ $csv_st -eq 1 ]; then ok; else bad "budc csv $csv_opt of a budget with an error: exit $csv_st"; fi
done
if [ "$(cd "$csv_e" && LC_ALL=C ls -A | tr '\n' ' ')" = "01-summary.csv facts.csv " ] &&
    cmp -s "$csv_dir/yesterday.csv" "$csv_e/01-summary.csv" &&
    cmp -s "$csv_dir/yesterday.csv" "$csv_e/facts.csv"; then ok
else bad "budc csv of a budget with an error changed $csv_e: $(cd "$csv_e" && ls -A | tr '\n' ' ')"; fi
"$budc" csv "$csv_src/error.bud" -o "$csv_dir/error-new" >/dev/null 2>&1
if [ ! -e "$csv_dir/error-new" ]; then ok; else bad "budc csv of a budget with an error created its directory"; fi
