# shellcheck shell=bash
# tests/outputs/units.sh — each unit's own disclosure (单位预算: budc …
# --unit NAME, budc build --units), sourced by tests/run.sh, which gives
# $budc, $outdir, ok, bad and pin_compare.  Everything is in functions so
# that no variable leaks into the steps after it; scratch files go to
# $outdir/units/.
#
#   1. JSON: for each unit of the two-unit budgets (the county example, and
#      tests/outputs/units/two-units.bud, the same with a narrative and
#      prior figures of each unit's own), `budc json --unit U` validates
#      against docs/budget.schema.json, says whose it is ("view"), and has
#      exactly that unit's figures: its tables are the unit's tables of the
#      department's document (titled 单位预算…), each table's 合计 is the
#      unit's, the two units' cells add up to the department's, and its
#      facts, projects, procurement, prior lines and narrative are the
#      unit's
#   2. CSV: `budc csv --unit U` writes the nine tables with the unit's 合计,
#      and `--long --unit U` exactly the unit's lines of the department's
#      facts.csv
#   3. the department's disclosure is unchanged by the units' narratives:
#      two-units.bud's LaTeX is the county example's, byte for byte
#   4. `budc build --units` writes the department's outputs as `budc build`
#      does and each unit's into DIR/NAME-units/ as `budc json|csv|latex
#      --unit` write them; `build --unit U` that unit's alone
#   5. usage: an unknown unit is exit 2 naming the units, with "did you
#      mean", and writes nothing; --unit with two budgets, --unit with
#      --units, --units outside build are exit 2; a budget with an error
#      gets no unit output (exit 1)
#   6. pins: the JSON and LaTeX of both units of two-units.bud
#      (tests/pins/units/)
#   7. when xelatex is installed: the PDF of a unit typesets, and its text
#      holds the unit's titles, figures, narrative and purchase and nothing
#      of the other unit's project
#   8. the three units of examples/county-education-bureau-2024.bud (a
#      行政单位, a 事业单位 with 经营支出 and 非财政拨款结转, one paid from
#      政府性基金 and its carry-over): `budc json --unit U` validates
#      against the schema, its tables are the unit's tables of the
#      department's document and its projects the unit's, it has the
#      unit's own narrative and prior lines, every cell of the units adds
#      up to the department's, and the JSON and LaTeX of each unit are
#      pinned (tests/pins/units/)

units_budgets() {
    printf '%s\n' examples/county-culture-bureau-2023.bud tests/outputs/units/two-units.bud
}

# units_validate FILE...: each JSON FILE against docs/budget.schema.json,
# in one python3 (tests/validate_json.py).
units_validate() {
    local line
    while IFS= read -r line; do
        case "$line" in
        "ok "*) ok ;;
        *) bad "units: does not validate against the schema: $line" ;;
        esac
    done < <(python3 tests/validate_json.py docs/budget.schema.json "$@" 2>&1)
}

# units_json DIR: step 1.
units_json() {
    local dir=$1 f name u out schema=()
    while IFS= read -r f; do
        name=$(basename "$f" .bud)
        "$budc" json "$f" > "$dir/$name.json" 2>/dev/null || { bad "units: budc json $f failed"; continue; }
        for u in 本级 文化馆; do
            if ! "$budc" json "$f" --unit "$u" > "$dir/$name.$u.json" 2>/dev/null; then
                bad "units: budc json $f --unit $u failed"
                continue
            fi
            schema+=("$dir/$name.$u.json")
        done
        if out=$(python3 - "$dir/$name.json" "$dir/$name.本级.json" "$dir/$name.文化馆.json" "$f" <<'EOF' 2>&1
import json, sys
from decimal import Decimal
dept = json.load(open(sys.argv[1]), parse_float=Decimal)
docs = {u: json.load(open(p), parse_float=Decimal) for u, p in zip(["本级", "文化馆"], sys.argv[2:4])}
narrated = sys.argv[4].endswith("two-units.bud")
bad = []
# the unit's 合计 of the 支出总表, and of its procurement, as the source states them
want_total = {"本级": Decimal("420.00"), "文化馆": Decimal("170.00")}
want_buy = {"本级": Decimal("60.00"), "文化馆": Decimal("1.00")}
for u, doc in docs.items():
    i = [x["id"] for x in dept["units"]].index(u)
    if doc.get("view") != {"kind": "unit", "unit": u, "name": dept["units"][i]["name"]}:
        bad.append(f"{u}: view is {doc.get('view')}")
    if doc["department"]["name"] != dept["department"]["name"]:
        bad.append(f"{u}: department.name {doc['department']['name']}")
    if [x["id"] for x in doc["units"]] != [u]:
        bad.append(f"{u}: units {[x['id'] for x in doc['units']]}")
    # the tables are the unit's, as the department's document gives them, titled 单位预算…
    for mine, theirs in zip(doc["department"]["tables"], dept["units"][i]["tables"]):
        want = dict(theirs, title="单位预算" + theirs["title"][len("部门预算"):])
        if mine != want:
            bad.append(f"{u}: table {mine['key']} is not the unit's")
        if mine != doc["units"][0]["tables"][mine["number"] - 1]:
            bad.append(f"{u}: department.tables and units[0].tables differ at {mine['key']}")
    t3 = doc["department"]["tables"][2]
    total = next(r for r in t3["rows"] if r["key"] == "合计")["cells"]["total"]
    if total != want_total[u]:
        bad.append(f"{u}: 支出总表 合计 {total}, not {want_total[u]}")
    for kind, facts in doc["facts"].items():
        if facts != [x for x in dept["facts"][kind] if x["unit"] == u] or not all(x["unit"] == u for x in facts):
            bad.append(f"{u}: facts.{kind} are not the unit's")
    if doc["projects"] != [p for p in dept["projects"] if p["unit"] == u] or not doc["projects"]:
        bad.append(f"{u}: projects are not the unit's")
    if doc["procurement"]["total"] != want_buy[u]:
        bad.append(f"{u}: procurement.total {doc['procurement']['total']}")
    if doc["assets"] is not None or doc["performance"] != {"goals": [], "targets": []}:
        bad.append(f"{u}: the department's assets or performance in a unit's document")
    if doc["glossary"] != dept["glossary"] or doc["rules"] != dept["rules"]:
        bad.append(f"{u}: glossary or rules differ from the department's")
    text = json.dumps(doc["narrative"], ensure_ascii=False)
    # the county example's 本级 states last year's 三公 (its table's 上年预算数), nothing else
    own_prior = 5 if u == "本级" and not narrated else 0
    if not narrated and (doc["narrative"] is not None or len(doc["prior"]) != own_prior):
        bad.append(f"{u}: a narrative or prior lines the unit does not have")
    if narrated and u == "本级" and ("支出预算420.00万元" not in text or "机关运行经费80.00万元" not in text
                                   or "项目资金80.00万元" not in text or "增加20.00万元" not in text
                                   or len(doc["prior"]) != 8):
        bad.append(f"{u}: narrative or prior lines are not the unit's: {text[:200]}")
    if narrated and u == "文化馆" and ("支出预算170.00万元" not in text or "政府采购预算1.00万元" not in text
                                    or doc["prior"] != [{"path": "支出.合计", "amount": Decimal("160.00")}]):
        bad.append(f"{u}: narrative or prior lines are not the unit's: {text[:200]}")
# the units' cells add up to the department's, table by table, row by row
def cells(doc, n):
    return {(r["kind"], r["key"], r["section"], c): v for r in doc["department"]["tables"][n]["rows"]
            for c, v in r["cells"].items()}
for n, t in enumerate(dept["department"]["tables"]):
    d = cells(dept, n)
    parts = [cells(doc, n) for doc in docs.values()]
    for k, v in d.items():
        got = [p[k] for p in parts if p.get(k) is not None]
        s = sum(got, Decimal("0.00")) if got else None
        if s != v:
            bad.append(f"table {t['key']} {k}: department {v}, units {s}")
    for p in parts:
        for k in p:
            if k not in d:
                bad.append(f"table {t['key']}: a unit's row {k} the department lacks")
for b in bad[:12]:
    print(b)
sys.exit(1 if bad else 0)
EOF
        ); then ok
        else bad "units: the unit documents of $f"; printf '%s\n' "$out" | head -12; fi
    done < <(units_budgets)
    [ ${#schema[@]} -gt 0 ] && units_validate "${schema[@]}"
}

# units_csv DIR: step 2.
units_csv() {
    local dir=$1 f=examples/county-culture-bureau-2023.bud u out
    "$budc" csv --long "$f" -o "$dir/csv/dept" 2>/dev/null || { bad "units: budc csv --long $f failed"; return; }
    for u in 本级 文化馆; do
        if ! "$budc" csv "$f" --unit "$u" -o "$dir/csv/$u" 2>/dev/null ||
            ! "$budc" csv --long --unit="$u" "$f" -o "$dir/csv/$u-long" 2>/dev/null; then
            bad "units: budc csv --unit $u failed"
            continue
        fi
        if [ "$(cd "$dir/csv/$u" && ls | wc -l)" -eq 9 ] && [ "$(cd "$dir/csv/$u-long" && LC_ALL=C ls | tr '\n' ' ')" = "datapackage.json facts.csv " ]; then ok
        else bad "units: budc csv --unit $u wrote $(cd "$dir/csv/$u" && ls | tr '\n' ' ')"; fi
        if out=$(python3 - "$dir/csv" "$u" <<'EOF' 2>&1
import csv, sys
d, u = sys.argv[1:3]
def rows(path):
    return list(csv.reader(open(path, encoding="utf-8", newline="")))
want = {"本级": "420.00", "文化馆": "170.00"}[u]
t3 = rows(f"{d}/{u}/03-expenditure.csv")
total = next(r for r in t3 if r[2] == "合计")
bad = []
if total[3] != want:
    bad.append(f"03-expenditure.csv 合计 {total[3]}, not {want}")
dept = rows(f"{d}/dept/facts.csv")
mine = rows(f"{d}/{u}-long/facts.csv")
if mine[0] != dept[0] or mine[1:] != [r for r in dept[1:] if r[1] == u] or len(mine) < 50:
    bad.append(f"facts.csv of {u}: {len(mine) - 1} lines, not the unit's lines of the department's")
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
        ); then ok
        else bad "units: the CSV of unit $u"; printf '%s\n' "$out" | head -5; fi
    done
}

# units_build DIR: steps 3 and 4 (no PDF: PATH holds no xelatex).
units_build() {
    local dir=$1 f=tests/outputs/units/two-units.bud name=two-units u file
    if "$budc" latex "$f" 2>/dev/null | cmp -s - tests/outputs/latex/county-culture-bureau-2023.tex; then ok
    else bad "units: the department's LaTeX of $f differs from the county example's"; fi
    if ! PATH=/nonexistent "$budc" build --units "$f" -o "$dir/all" >/dev/null 2>&1 ||
        ! PATH=/nonexistent "$budc" build "$f" -o "$dir/dept" >/dev/null 2>&1; then
        bad "units: budc build --units $f failed"
        return
    fi
    for file in "$name.json" "$name.tex" $(cd "$dir/dept" && echo "$name"-csv/*.csv); do
        if cmp -s "$dir/all/$file" "$dir/dept/$file"; then ok
        else bad "units: build --units: $file differs from budc build's"; fi
    done
    for u in 本级 文化馆; do
        "$budc" json "$f" --unit "$u" > "$dir/$u.json" 2>/dev/null
        "$budc" latex "$f" --unit "$u" > "$dir/$u.tex" 2>/dev/null
        "$budc" csv "$f" --unit "$u" -o "$dir/$u-csv" 2>/dev/null
        "$budc" csv --long "$f" --unit "$u" -o "$dir/$u-csv" 2>/dev/null
        "$budc" xlsx "$f" --unit "$u" -o "$dir/$u.xlsx" 2>/dev/null
        for file in "$u.json" "$u.tex" "$u.xlsx" $(cd "$dir" && echo "$u"-csv/*.csv); do
            if [ -s "$dir/$file" ] && cmp -s "$dir/all/$name-units/$file" "$dir/$file"; then ok
            else bad "units: build --units: $name-units/$file differs from budc … --unit $u"; fi
        done
        pin_compare "tests/pins/units/$name.$u.json" "$dir/$u.json" "budc json $f --unit $u"
        pin_compare "tests/pins/units/$name.$u.tex" "$dir/$u.tex" "budc latex $f --unit $u"
    done
    if [ "$(cd "$dir/all/$name-units" && LC_ALL=C ls | tr '\n' ' ')" = "$(printf '%s ' 文化馆-csv 文化馆.html 文化馆.json 文化馆.tex 文化馆.xlsx 本级-csv 本级.html 本级.json 本级.tex 本级.xlsx | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ')" ]; then ok
    else bad "units: build --units wrote $(cd "$dir/all/$name-units" && ls | tr '\n' ' ')"; fi
    PATH=/nonexistent "$budc" build --unit 文化馆 "$f" -o "$dir/one" >/dev/null 2>&1
    if [ "$(cd "$dir/one" 2>/dev/null && find . -name '*.json' ! -name datapackage.json | sort | tr '\n' ' ')" = "./$name-units/文化馆.json " ] &&
        cmp -s "$dir/one/$name-units/文化馆.json" "$dir/文化馆.json"; then ok
    else bad "units: build --unit 文化馆 wrote $(cd "$dir/one" 2>/dev/null && find . -type f | tr '\n' ' ')"; fi
}

# units_usage DIR: step 5.
units_usage() {
    local dir=$1 f=examples/county-culture-bureau-2023.bud msg st
    msg=$("$budc" json "$f" --unit 本机 -o "$dir/unknown.json" 2>&1)
    st=$?
    case "$msg" in
    *"has no unit '本机'"*"did you mean '本级'?"*"本级 (示例县文化和旅游局（本级）)"*"文化馆 (示例县文化馆)"*"Try 'budc --help'.")
        [ $st -eq 2 ] && ok || bad "units: an unknown unit: exit $st, expected 2" ;;
    *) bad "units: an unknown unit: the message does not list the units with 'did you mean': $msg" ;;
    esac
    if [ ! -e "$dir/unknown.json" ]; then ok; else bad "units: an unknown unit wrote its output"; fi
    PATH=/nonexistent "$budc" build "$f" --unit 馆 -o "$dir/unknown-build" >/dev/null 2>&1
    st=$?
    if [ $st -eq 2 ] && [ ! -e "$dir/unknown-build" ]; then ok
    else bad "units: build --unit of an unknown unit: exit $st, and it must write nothing"; fi
    expect_status 2 "units: --unit with two budgets" "$budc" json --unit 本级 -o "$dir/two" "$f" examples/qinhuangdao-media-center-2023.bud
    expect_status 2 "units: --unit with --units" "$budc" build --unit 本级 --units -o "$dir/both" "$f"
    expect_status 2 "units: --unit with --consolidate" "$budc" build --unit 本级 --consolidate -o "$dir/both" "$f"
    expect_status 2 "units: --units outside build" "$budc" json --units "$f"
    expect_status 2 "units: --unit without a name" "$budc" json "$f" --unit
    PATH=/nonexistent "$budc" build --units tests/outputs/json/broken.bud -o "$dir/broken" >/dev/null 2>&1
    st=$?
    if [ $st -eq 1 ] && [ ! -e "$dir/broken" ]; then ok
    else bad "units: build --units of a budget with an error: exit $st, and it must write nothing"; fi
    expect_status 1 "units: json --unit of a budget with an error" "$budc" json tests/outputs/json/broken.bud --unit 本级
}

# units_pdf DIR: step 7.
units_pdf() {
    local dir=$1 f=tests/outputs/units/two-units.bud pdf text s
    pdf=$dir/pdf/two-units-units/文化馆.pdf
    if "$budc" build "$f" --unit 文化馆 -o "$dir/pdf" >/dev/null 2>&1 && [ -s "$pdf" ]; then ok
    else bad "units: budc build --unit 文化馆 wrote no $pdf"; return; fi
    command -v pdftotext > /dev/null || { bad "units: pdftotext is not installed (poppler-utils)"; return; }
    text=$(pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | tr -d ' \t\n\f')
    for s in 单位预算收支总表 单位预算收入总表 单位预算支出总表 单位预算财政拨款收支总表 \
        单位预算一般公共预算财政拨款支出表 单位预算一般公共预算财政拨款基本支出表 \
        单位预算政府性基金预算财政拨款支出表 单位预算国有资本经营预算财政拨款支出表 \
        '单位预算财政拨款“三公”经费支出表' 编制单位：示例县文化馆 所属部门：902示例县文化和旅游局 \
        2023年单位预算 170.00 145.00 2023年支出预算170.00万元 台式计算机 公共文化服务免费开放绩效目标表 \
        本单位无财政拨款“三公”经费预算，此表为空表。 本单位无政府性基金预算财政拨款预算，此表为空表。; do
        case "$text" in *"$s"*) ok ;; *) bad "units: the PDF of 文化馆 lacks '$s'" ;; esac
    done
    for s in 文化惠民演出 部门预算收支总表 590.00 本部门; do
        case "$text" in *"$s"*) bad "units: the PDF of 文化馆 holds '$s', which is not the unit's" ;; *) ok ;; esac
    done
}

# units_example DIR: step 8.
units_example() {
    local dir=$1/example f=examples/county-education-bureau-2024.bud name=county-education-bureau-2024 u out
    local units=(本级 职教中心 校外中心) schema=()
    mkdir -p "$dir"
    "$budc" json "$f" > "$dir/$name.json" 2>/dev/null || { bad "units: budc json $f failed"; return; }
    for u in "${units[@]}"; do
        if ! "$budc" json "$f" --unit "$u" > "$dir/$u.json" 2>/dev/null ||
            ! "$budc" latex "$f" --unit "$u" > "$dir/$u.tex" 2>/dev/null; then
            bad "units: budc json|latex $f --unit $u failed"
            continue
        fi
        schema+=("$dir/$u.json")
        pin_compare "tests/pins/units/$name.$u.json" "$dir/$u.json" "budc json $f --unit $u"
        pin_compare "tests/pins/units/$name.$u.tex" "$dir/$u.tex" "budc latex $f --unit $u"
    done
    if out=$(python3 - "$dir" "$name" "${units[@]}" <<'EOF' 2>&1
import json, sys
from decimal import Decimal
d, name, units = sys.argv[1], sys.argv[2], sys.argv[3:]
dept = json.load(open(f"{d}/{name}.json"), parse_float=Decimal)
docs = {u: json.load(open(f"{d}/{u}.json"), parse_float=Decimal) for u in units}
bad = []
ids = [x["id"] for x in dept["units"]]
for u, doc in docs.items():
    mine = dept["units"][ids.index(u)]["tables"]
    for t in doc["department"]["tables"]:
        theirs = mine[t["number"] - 1]
        if t != dict(theirs, title="单位预算" + theirs["title"][len("部门预算"):]):
            bad.append(f"{u}: table {t['key']} is not the unit's")
    if doc["projects"] != [p for p in dept["projects"] if p["unit"] == u] or not doc["projects"]:
        bad.append(f"{u}: projects are not the unit's")
    if doc["narrative"] is None or len(doc["prior"]) < 4:
        bad.append(f"{u}: the unit's own narrative or prior lines are missing")
def cells(doc, n):
    return {(r["kind"], r["key"], r["section"], c): v for r in doc["department"]["tables"][n]["rows"]
            for c, v in r["cells"].items()}
for n, t in enumerate(dept["department"]["tables"]):
    whole, parts = cells(dept, n), [cells(doc, n) for doc in docs.values()]
    for k, v in whole.items():
        got = [p[k] for p in parts if p.get(k) is not None]
        s = sum(got, Decimal("0.00")) if got else None
        if s != v:
            bad.append(f"table {t['key']} {k}: department {v}, units {s}")
    for p in parts:
        bad += [f"table {t['key']}: a unit's row {k} the department lacks" for k in p if k not in whole]
print("\n".join(bad[:12]))
sys.exit(1 if bad else 0)
EOF
    ); then ok
    else bad "units: the unit documents of $f"; printf '%s\n' "$out" | head -12; fi
    [ ${#schema[@]} -gt 0 ] && units_validate "${schema[@]}"
}

units_tests() {
    local dir
    mkdir -p "$outdir/units"
    dir=$(cd "$outdir/units" && pwd)
    units_json "$dir"
    units_csv "$dir"
    units_build "$dir"
    units_usage "$dir"
    units_example "$dir"
    if command -v xelatex > /dev/null; then
        units_pdf "$dir"
    else
        bad "units: xelatex is not installed, so the PDF test was not run; run make deps (texlive-xetex, texlive-lang-chinese)"
    fi
}

units_tests
unset -f units_budgets units_validate units_json units_csv units_build units_usage units_example units_pdf units_tests
