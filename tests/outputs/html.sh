# tests/outputs/html.sh — the web page (docs/html.md); sourced by
# tests/run.sh, reports through ok/bad, writes only under $outdir/html.
#
#   1. `budc html` of every example and of a hostile budget: exit 0, and the
#      page is well formed (python3's html.parser: every element closed in
#      order), self-contained (no http:// or https://, no script, no link,
#      no src, no url()), readable on a phone (viewport) and printable
#      (@media print), and accessible (each <table> has a <caption>, each
#      <th> a scope, each <svg> role="img" with a <title> and a <desc>)
#   2. every amount cell (data-table, data-row, data-col) equals the JSON's
#      figure of that cell, and every cell of the JSON with a figure is on
#      the page; each bar of the charts carries a figure of the JSON, and its
#      length is the figure in proportion to the largest of its chart
#   3. the hostile budget's text is on the page as text, never as markup
#   4. a 决算 with its budget has the chart of budget against actual; --unit
#      writes the unit's page; `budc build` writes NAME.html
#   5. headless Chromium renders the page: the DOM it dumps has the same
#      figures as the JSON, the page does not scroll sideways at a phone's
#      width, a screenshot is written, and the page prints to a PDF whose
#      text has the department's name

html_dir=$outdir/html
mkdir -p "$html_dir"
html_budgets=(examples/qinhuangdao-media-center-2023.bud examples/county-culture-bureau-2023.bud
    examples/county-education-bureau-2024.bud examples/county-education-bureau-2024-final.bud
    tests/outputs/html/hostile.bud)

# html_check HTML JSON: steps 1 and 2 of one page; prints what is wrong.
html_check() {
    python3 - "$@" <<'PY'
import json, re, sys
from decimal import Decimal, ROUND_HALF_UP
from html.parser import HTMLParser
page = open(sys.argv[1], encoding="utf-8").read()
doc = json.load(open(sys.argv[2]), parse_float=Decimal)
bad = 0
def fail(msg):
    global bad
    bad += 1
    print(f"{sys.argv[1]}: {msg}")
VOID = {"meta", "br", "rect", "img", "hr", "input", "link", "col", "wbr"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.cells, self.bars, self.tables = [], {}, [], []
        self.th_noscope = self.svg_bad = 0
        self.cur = None; self.text = ""; self.chart = None; self.svg = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag in ("script", "link", "iframe", "img", "object", "embed"):
            fail(f"a <{tag}> element")
        for k, v in attrs:
            if k.startswith("on") or k in ("src", "href") and v and not v.startswith("#"):
                fail(f"attribute {k}={v!r} on <{tag}>")
        if tag == "table":
            self.tables.append({"caption": False, "key": a.get("data-table")})
            self.table = a.get("data-table")
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and "scope" not in a:
            self.th_noscope += 1
        if tag == "td" and "data-col" in a:
            self.cur = (self.table, a["data-row"], a["data-col"]); self.text = ""
        if tag == "figure" and "data-chart" in a:
            self.chart = a["data-chart"]
        if tag == "svg":
            self.svg = {"role": a.get("role"), "title": False, "desc": False}
        if tag in ("title", "desc") and self.svg is not None:
            self.svg[tag] = True
        if tag == "rect" and "data-value" in a:
            self.bars.append((self.chart, Decimal(a["data-value"]), Decimal(a["width"]),
                              a["data-series"]))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            fail(f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at {self.getpos()}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "td" and self.cur:
            if self.cur in self.cells:
                fail(f"cell {self.cur} twice")
            self.cells[self.cur] = self.text.strip(); self.cur = None
        if tag == "svg":
            if self.svg["role"] != "img" or not self.svg["title"] or not self.svg["desc"]:
                fail(f"an <svg> without role=img, <title> and <desc>: {self.svg}")
            self.svg = None
    def handle_data(self, d):
        if self.cur:
            self.text += d
p = P(); p.feed(page); p.close()
if p.stack:
    fail(f"elements never closed: {p.stack}")
if not page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"):
    fail("no doctype and language")
for need in ('<meta charset="utf-8">', 'name="viewport"', "@media print", "overflow-x:auto"):
    if need not in page:
        fail(f"no {need}")
for ref in ("http://", "https://", "url(", "@import"):
    if ref in page.replace("https://example.invalid/", ""):
        fail(f"a reference outside the page: {ref}")
if p.th_noscope:
    fail(f"{p.th_noscope} <th> without scope")
if any(not t["caption"] for t in p.tables):
    fail("a <table> without <caption>")
# every figure of the JSON's tables is on the page, and nothing else
want, income_only = {}, {}
for t in doc["department"]["tables"]:
    if any(r.get("section") == "expenditure" for r in t["rows"]):
        income_only[t["key"]] = [c["key"] for c in t["columns"][1:]]
    for r in t["rows"]:
        for col, v in r["cells"].items():
            want[(t["key"], r["key"], col)] = "" if v is None else format(Decimal(v), ".2f") \
                if Decimal(v).as_tuple().exponent >= -2 else str(v)
for k, v in want.items():
    if k not in p.cells:
        # an income row of tables 1 and 4 prints its first column only (as
        # the PDF and the CSV do)
        if v and not k[2] in income_only.get(k[0], ()):
            fail(f"cell {k} of the JSON is not on the page")
    elif p.cells[k] != v:
        fail(f"cell {k}: page {p.cells[k]!r}, JSON {v!r}")
for k in p.cells:
    if k not in want:
        fail(f"cell {k} is not in the JSON")
# the bars: each a figure of the JSON, its length in proportion
figures = {Decimal(v) for v in want.values() if v}
charts = {}
for chart, v, w, series in p.bars:
    charts.setdefault(chart, []).append((v, w))
    # the budget's figures of a 决算's chart are in the budget's JSON
    if v not in figures and not (chart == "final" and series == "0"):
        fail(f"chart {chart}: bar of {v} is no figure of the tables")
for chart, bars in charts.items():
    top = max(v for v, _ in bars)
    for v, w in bars:
        exact = (v * 320 / top).quantize(Decimal("0.1"), ROUND_HALF_UP) if top > 0 else 0
        if max(v, 0) and w != exact:
            fail(f"chart {chart}: bar of {v} is {w} long, not {exact}")
print(len(p.cells), "cells", len(p.bars), "bars", sorted(charts), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

for f in "${html_budgets[@]}"; do
    name=$(basename "$f" .bud)
    if "$budc" html "$f" -o "$html_dir/$name.html" 2>/dev/null; then ok; else bad "html: budc html $f"; continue; fi
    "$budc" json "$f" -o "$html_dir/$name.json" 2>/dev/null
    if out=$(html_check "$html_dir/$name.html" "$html_dir/$name.json" 2>"$html_dir/$name.counts"); then ok
    else bad "html: $name"; printf '%s\n' "$out" | head -15; fi
done
# the charts each budget has
for want in "qinhuangdao-media-center-2023:class income kind sangong" \
    "county-education-bureau-2024-final:class final income kind sangong"; do
    name=${want%%:*}
    if grep -q "\[$(echo "${want#*:}" | sed "s/\([a-z]*\)/'\1'/g; s/ /, /g")\]" "$html_dir/$name.counts"; then ok
    else bad "html: the charts of $name: $(cat "$html_dir/$name.counts")"; fi
done

# 3. hostile text is text
h=$html_dir/hostile.html
if [ -f "$h" ] && ! grep -q '<script\|<iframe\|<img\|<svg onload\|<b onmouseover\|<em>\|<u>\|<h1><h1>\|</td>依据' "$h" &&
    grep -q '&lt;script&gt;alert(&#39;部门&#39;)&lt;/script&gt; &amp; 局' "$h" &&
    grep -q '&lt;iframe src=&quot;javascript:alert(1)&quot;&gt;' "$h" &&
    grep -q '&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;' "$h"; then ok
else bad "html: the hostile budget's text is not escaped"; fi

# 4. the unit's page, and build
if "$budc" html --unit 职教中心 examples/county-education-bureau-2024.bud -o "$html_dir/unit.html" 2>/dev/null &&
    grep -q '单位预算' "$html_dir/unit.html" && ! grep -q '部门预算收支总表' "$html_dir/unit.html"; then ok
else bad "html --unit: the unit's page"; fi
"$budc" build examples/qinhuangdao-media-center-2023.bud -o "$html_dir/build" 2>/dev/null
if cmp -s "$html_dir/build/qinhuangdao-media-center-2023.html" "$html_dir/qinhuangdao-media-center-2023.html"; then ok
else bad "html: budc build writes NAME.html as budc html does"; fi
expect_status 1 "html: a budget with an error" "$budc" html tests/outputs/csv/error.bud -o "$html_dir/error.html"
if [ ! -e "$html_dir/error.html" ]; then ok; else bad "html: a budget with an error wrote a page"; fi

# 5. headless Chromium
html_chromium() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --user-data-dir="$html_dir/chromium-profile" "$@" 2>/dev/null
}
# Under the sanitizers (BUDC_TEST_SANITIZED=1) Chromium is not run: it reads
# the pages budc has already written (steps 1 to 4 run under the sanitizers);
# the plain pass renders them.
if [ "${BUDC_TEST_SANITIZED:-}" = 1 ]; then
    :
elif ! command -v chromium >/dev/null; then
    bad "html: chromium is not installed (scripts/install-deps.sh installs it)"
else
    # Two launches of Chromium (each costs about a second of processor
    # time): the seed's page at a phone's width, its DOM, a screenshot and a
    # print to PDF at once; and the final accounts' page (the widest tables)
    # with a probe that records the widths after layout: on a phone the
    # page never scrolls sideways (its tables do, in their boxes).
    rm -f "$html_dir/page.png" "$html_dir/page.pdf"
    html_chromium --window-size=390,844 --screenshot="$html_dir/page.png" \
        --print-to-pdf="$html_dir/page.pdf" --no-pdf-header-footer \
        --dump-dom "file://$(realpath "$html_dir/qinhuangdao-media-center-2023.html")" \
        > "$html_dir/qinhuangdao-media-center-2023.dom.html"
    sed 's|</body>|<script>window.addEventListener("load", function () { var e = document.documentElement; document.body.setAttribute("data-widths", e.scrollWidth + " " + e.clientWidth) })</script></body>|' \
        "$html_dir/county-education-bureau-2024-final.html" > "$html_dir/phone.html"
    html_chromium --window-size=390,844 --dump-dom "file://$(realpath "$html_dir/phone.html")" \
        > "$html_dir/county-education-bureau-2024-final.dom.html"
    for name in qinhuangdao-media-center-2023 county-education-bureau-2024-final; do
        if [ -s "$html_dir/$name.dom.html" ] &&
            out=$(python3 - "$html_dir/$name.dom.html" "$html_dir/$name.json" <<'PY'
import json, re, sys
from decimal import Decimal
dom = open(sys.argv[1], encoding="utf-8").read()
doc = json.load(open(sys.argv[2]), parse_float=Decimal)
def cell(table, row, col):
    m = re.search(r'<table data-table="%s">.*?</table>' % table, dom, re.S)
    c = m and re.search(r'<td class="num" data-row="%s" data-col="%s">([^<]*)</td>' % (row, col), m.group(0))
    return c and c.group(1)
bad = 0
for t in doc["department"]["tables"]:
    if t["key"] not in ("summary", "expenditure", "three_public"):
        continue
    for r in t["rows"]:
        if r["kind"] != "total" and r.get("level") != 1 and not r.get("section"):
            continue
        for col, v in r["cells"].items():
            if v is None:
                continue
            got = cell(t["key"], r["key"], col)
            if got is None or Decimal(got) != Decimal(str(v)):
                bad += 1
                print(f"{t['key']} {r['key']} {col}: DOM {got}, JSON {v}")
if doc["department"]["name"] not in dom:
    bad += 1; print("the department's name is not in the DOM")
sys.exit(1 if bad else 0)
PY
            ); then ok
        else bad "html: Chromium's DOM of $name against the JSON"; printf '%s\n' "$out" | head; fi
    done
    html_widths=$(grep -o 'data-widths="[0-9]* [0-9]*"' "$html_dir/county-education-bureau-2024-final.dom.html")
    html_w=${html_widths#*\"}; html_w=${html_w%\"}
    if [ -n "$html_w" ] && [ "${html_w% *}" = "${html_w#* }" ]; then ok
    else bad "html: on a phone's width the page scrolls sideways (scroll and client width: ${html_w:-none})"; fi
    if [ -s "$html_dir/page.png" ] && [ "$(head -c 4 "$html_dir/page.png" | tail -c 3)" = PNG ]; then ok
    else bad "html: Chromium wrote no screenshot of the page"; fi
    if [ -s "$html_dir/page.pdf" ] && pdftotext "$html_dir/page.pdf" - 2>/dev/null | grep -q '秦皇岛经济技术开发区融媒体中心'; then ok
    else bad "html: the page printed by Chromium has not the department's name"; fi
fi
