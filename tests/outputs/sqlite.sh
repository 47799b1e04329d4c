# tests/outputs/sqlite.sh — budc sqlite and the data package (docs/sqlite.md);
# sourced by tests/run.sh, reports through ok/bad, writes only under
# $outdir/sqlite.
#
#   1. `budc sqlite` of every example and the two years of a small office
#      (tests/outputs/sqlite/) writes one database; each department's rows of
#      `facts` are its long CSV, line for line and field for field; every
#      amount_fen is its value in 分 exactly, and no column holds a REAL
#   2. the sums: each department's 支出总表 合计 and its 类 rows equal the
#      JSON's; projects, indicators and purchase lines are the JSON's, their
#      amounts summed in 分 equal to the JSON's
#   3. every ```sql block of docs/sqlite.md runs; the 机关运行经费 query finds
#      the office whose 公用经费 rose, the 决算 query the education bureau's 类
#   4. a budget with an error: exit 1, and yesterday's database untouched;
#      no -o or --unit: exit 2
#   5. datapackage.json beside every facts.csv: its fields are the CSV's
#      header, its name follows the spec's pattern, --bom says utf-8-sig

sql_dir=$outdir/sqlite
mkdir -p "$sql_dir"
sql_budgets=(examples/*.bud tests/outputs/sqlite/office-2023.bud tests/outputs/sqlite/office-2024.bud)
if "$budc" sqlite "${sql_budgets[@]}" -o "$sql_dir/all.db" 2>/dev/null; then ok
else bad "sqlite: budc sqlite ${sql_budgets[*]}"; fi
for f in "${sql_budgets[@]}"; do
    n=$(basename "$f" .bud)
    "$budc" json "$f" -o "$sql_dir/$n.json" 2>/dev/null
    "$budc" csv --long "$f" -o "$sql_dir/$n-long" 2>/dev/null
done

if out=$(python3 - "$sql_dir" docs/sqlite.md <<'PY'
import csv, json, re, sqlite3, sys
from decimal import Decimal
d, doc = sys.argv[1], sys.argv[2]
db = sqlite3.connect(f"{d}/all.db")
bad = 0
def fail(msg):
    global bad
    bad += 1
    print(msg)
# no REAL anywhere
for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
    for col in [r[1] for r in db.execute(f'PRAGMA table_info("{t}")')]:
        n = db.execute(f'SELECT count(*) FROM "{t}" WHERE typeof("{col}") = \'real\'').fetchone()[0]
        if n:
            fail(f"{t}.{col}: {n} REAL values")
depts = db.execute("SELECT department_id, file, fen_per_unit FROM departments ORDER BY 1").fetchall()
if len(depts) != 6:
    fail(f"{len(depts)} departments, not 6")
for dep, file, per in depts:
    # 1. facts = the long CSV
    rows = list(csv.reader(open(f"{d}/{file}-long/facts.csv", encoding="utf-8", newline="")))
    cols = [r[1] for r in db.execute("PRAGMA table_info(facts)")]
    if cols != ["department_id"] + rows[0] + ["amount_fen"]:
        fail(f"facts columns {cols}, CSV header {rows[0]}")
        continue
    got = db.execute("SELECT * FROM facts WHERE department_id = ? ORDER BY rowid", (dep,)).fetchall()
    def plain(s):  # the CSV guards text against formulas with a '
        return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@", "\t", "\r") else s
    want = [tuple(plain(x) for x in r) for r in rows[1:]]
    if [tuple(r[1:-1]) for r in got] != want:
        fail(f"{file}: facts ({len(got)} rows) differ from facts.csv ({len(want)} lines)")
    vi = rows[0].index("value") + 1
    ti, ci = rows[0].index("table") + 1, rows[0].index("column") + 1
    for r in got:
        money = r[ti] != "indicators" and r[ci] not in ("quantity", "score")
        if r[-1] != (int(Decimal(r[vi]) * per) if money else None):
            fail(f"{file}: {r}: amount_fen is not value × {per} (money) or NULL (the others)")
            break
    # 2. the sums against the JSON
    j = json.load(open(f"{d}/{file}.json"), parse_float=Decimal)
    ex = next(t for t in j["department"]["tables"] if t["key"] == "expenditure")
    total = next(r for r in ex["rows"] if r["kind"] == "total")["cells"]["total"]
    s = db.execute("""SELECT sum(amount_fen) FROM facts WHERE department_id = ? AND "table" = 'expenditure'
                      AND unit = '' AND "column" = 'total' AND length(code) = 3""", (dep,)).fetchone()[0]
    t = db.execute("""SELECT amount_fen FROM facts WHERE department_id = ? AND "table" = 'expenditure'
                      AND unit = '' AND "column" = 'total' AND row = '合计'""", (dep,)).fetchone()[0]
    if not (s == t == int(Decimal(total) * per)):
        fail(f"{file}: 类 sum {s}, 合计 {t}, JSON {total}")
    projects = j["projects"]
    np, pf = db.execute("SELECT count(*), sum(amount_fen) FROM projects WHERE department_id = ?", (dep,)).fetchone()
    if np != len(projects) or (pf or 0) != sum(int(Decimal(p["amount"]) * per) for p in projects if p["amount"] is not None):
        fail(f"{file}: {np} projects summing {pf}")
    ni = db.execute("SELECT count(*) FROM indicators WHERE department_id = ?", (dep,)).fetchone()[0]
    if ni != sum(len(p["indicators"]) for p in projects):
        fail(f"{file}: {ni} indicators")
    npur, pur = db.execute("SELECT count(*), sum(amount_fen) FROM procurement WHERE department_id = ?", (dep,)).fetchone()
    jp = [u for p in projects for u in p["purchases"]]
    if npur != len(jp) or (j["procurement"] and (pur or 0) != int(Decimal(j["procurement"]["total"]) * per)):
        fail(f"{file}: {npur} purchases summing {pur}, JSON {j['procurement']}")
# 3. the documented queries
queries = re.findall(r"```sql\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
if len(queries) < 6:
    fail(f"{doc}: {len(queries)} queries")
results = []
for q in queries:
    try:
        results.append(db.execute(q).fetchall())
    except sqlite3.Error as e:
        fail(f"{doc}: a query fails: {e}\n{q}")
        results.append(None)
rose = [r for res in results if res for r in res if "990" in r and 5000000 in r]
if len(rose) != 1 or rose[0][-1] != 5000000:
    fail(f"the query of 机关运行经费 that rose: {rose}")
finals = [r for res in results if res for r in res if len(r) == 6 and r[0] == "示例县教育局"]
if not finals or any(r[3] is None or r[4] is None or r[5] != r[4] - r[3] for r in finals if r[1] == "205"):
    fail(f"the query of a 决算 against its budget: {finals[:3]}")
sys.exit(1 if bad else 0)
PY
); then ok; else bad "sqlite: the database"; printf '%s\n' "$out" | head -15; fi

# 4. errors leave yesterday's database alone; usage
cp "$sql_dir/all.db" "$sql_dir/keep.db"
expect_status 1 "sqlite: a budget with an error" "$budc" sqlite examples/qinhuangdao-media-center-2023.bud \
    tests/outputs/csv/error.bud -o "$sql_dir/keep.db"
if cmp -s "$sql_dir/all.db" "$sql_dir/keep.db" && [ -z "$(find "$sql_dir" -name '*.tmp*' -o -name '.*keep*')" ]; then ok
else bad "sqlite: a failed run changed the database or left a temporary file"; fi
expect_status 2 "sqlite: no -o" "$budc" sqlite examples/qinhuangdao-media-center-2023.bud
expect_status 2 "sqlite: --unit" "$budc" sqlite --unit 本级 examples/qinhuangdao-media-center-2023.bud -o "$sql_dir/u.db"
if [ ! -e "$sql_dir/u.db" ]; then ok; else bad "sqlite: a usage error wrote a database"; fi

# 5. datapackage.json
"$budc" csv --long --bom examples/qinhuangdao-media-center-2023.bud -o "$sql_dir/bom" 2>/dev/null
if out=$(python3 - "$sql_dir" <<'PY'
import csv, glob, json, re, sys
d = sys.argv[1]
bad = 0
dirs = glob.glob(f"{d}/*-long") + [f"{d}/bom"]
for p in dirs:
    try:
        pkg = json.load(open(f"{p}/datapackage.json", encoding="utf-8"))
    except (OSError, ValueError) as e:
        print(f"{p}: {e}"); bad += 1; continue
    res = pkg["resources"][0]
    enc = "utf-8-sig" if p.endswith("bom") else "utf-8"
    head = next(csv.reader(open(f"{p}/{res['path']}", encoding="utf-8-sig", newline="")))
    fields = res["schema"]["fields"]
    if (pkg["profile"] != "tabular-data-package" or not re.fullmatch(r"[a-z0-9._-]+", pkg["name"])
            or res["profile"] != "tabular-data-resource" or res["encoding"] != enc
            or [f["name"] for f in fields] != head
            or {f["type"] for f in fields if f["name"] != "value"} != {"string"}
            or [f["type"] for f in fields if f["name"] == "value"] != ["any"]
            or res["dialect"]["lineTerminator"] != "\r\n" or not res["dialect"]["header"]):
        print(f"{p}: {json.dumps(pkg, ensure_ascii=False)[:300]}"); bad += 1
if len(dirs) < 7:
    print(f"{len(dirs)} data packages"); bad += 1
sys.exit(1 if bad else 0)
PY
); then ok; else bad "sqlite: datapackage.json"; printf '%s\n' "$out" | head; fi
