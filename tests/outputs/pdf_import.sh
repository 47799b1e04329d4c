# tests/outputs/pdf_import.sh — budc import FILE.pdf (docs/pdf-import.md);
# sourced by tests/run.sh, reports through ok/bad, writes only under
# $outdir/pdf_import.  The PDFs are budc's own (budc build, xelatex), and
# made unreadable with qpdf (a password), pdftoppm and img2pdf (a scan).
#
#   1. the round trip, each example (the 决算 too): budc build → X.pdf →
#      budc import X.pdf → a budget in the canonical layout, its figures
#      declared rounded as printed (money 万元 from 元), whose tables
#      (every row, every figure) are those budc import reads from the same
#      budget's workbook (X.xlsx), byte for byte (the 决算's 三公 table,
#      printed in one line under grouped heads, too); each table is commented
#      with the page it starts on (// 第N页：TITLE), and that page of the PDF
#      prints the title; the 说明 comes back as the narrative, its sections
#      each after its page, the figures of its sentences quoted; the seed and
#      the culture bureau check with no error, and no warning but
#      W-PROSE-FIGURE (figures of what is not imported yet); the 国有资产
#      table of the 说明 comes back as the original's assets block; the
#      绩效目标表 and the 政府采购 table come back as the projects, their
#      indicators and purchase lines of the workbook's import (but the
#      科目编码, which the PDF does not print, and the spaces xeCJK sets
#      between Chinese and digits), and for the seed and the culture bureau,
#      which check, as the original's (budc json, same_projects.py --pdf);
#      the 说明's 政府采购预算 (and 中小微, 货物 …) then quoted; the education
#      bureau's budget and 决算, whose income, spending, 三公 and
#      carry-overs by fund source come from the tables alone (one unit for
#      three, last year's money stated only as totals, a code paid from
#      several sources), check with no error, with their 说明 or without
#      it, the split the tables leave open said in a comment, the 说明's
#      template sentences quoted by the facts they name
#      (and the seed with its titles worded otherwise: 附表2：2023年部门收入总表,
#      表三 支出总表, 栏 次: the same tables)
#   1c. the 决算's 三公 table in one line with other cells filled (each
#      figure in its place, its 增减 computed, blank marks left out), and
#      under a head not as defined (left unread, said in a comment)
#   2. what cannot be read: a scan (no text layer), a PDF that needs a
#      password, a file named .pdf that is not one, a figure that does not
#      parse (named with its page and row), a project of a 预算单位 the
#      department does not list: exit 1, one message, no output; a missing
#      file: exit 2
#   3. speed: the time to import and check the largest example's PDF is
#      printed (a figure, not a test)
pi_dir=$outdir/pdf_import
rm -rf "$pi_dir"
mkdir -p "$pi_dir"
cp examples/county-education-bureau-2024.bud "$pi_dir/"
# budc by its absolute name: the imports run in $pi_dir (the 决算's --budget is beside it)
pi_budc=$(cd "$(dirname "$budc")" && pwd)/$(basename "$budc")

# pi_tables FILE: the table blocks of an imported budget, without the page comments
pi_tables() { awk '/^table / { on = 1 } on { print } /^}/ { on = 0 }' "$1"; }
# pi_projects FILE: the project blocks of a budget, without their code, the
# comments and the spaces
pi_projects() { awk '/^  project / { on = 1 } on && !/^    code / && !/^ *\/\// { print } /^  }$/ { on = 0 }' "$1" | tr -d ' '; }

# 1. the round trip
pi_largest="" pi_pages=0
for pi_b in examples/*.bud; do
    pi_n=$(basename "$pi_b" .bud)
    pi_o=()
    [ "$pi_n" = county-education-bureau-2024-final ] && pi_o=(--budget county-education-bureau-2024.bud)
    if "$budc" build "$pi_b" -o "$pi_dir/$pi_n" >/dev/null 2>&1 && [ -f "$pi_dir/$pi_n/$pi_n.pdf" ]; then ok
    else bad "pdf_import: budc build of $pi_b wrote no PDF"; continue; fi
    pi_pdf=$pi_dir/$pi_n/$pi_n.pdf
    pi_np=$(pdfinfo "$pi_pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    if [ "${pi_np:-0}" -gt "$pi_pages" ]; then pi_pages=$pi_np; pi_largest=$pi_pdf; fi
    if (cd "$pi_dir" && "$pi_budc" import "$pi_n/$pi_n.pdf" ${pi_o[@]+"${pi_o[@]}"} -o "$pi_n.bud" 2>"$pi_n.err" &&
        "$pi_budc" import "$pi_n/$pi_n.xlsx" ${pi_o[@]+"${pi_o[@]}"} -o "$pi_n-xlsx.bud" 2>/dev/null); then ok
    else bad "pdf_import: $pi_n.pdf: $(head -3 "$pi_dir/$pi_n.err")"; continue; fi
    if "$budc" fmt --check "$pi_dir/$pi_n.bud" >/dev/null 2>&1 &&
        grep -qx '  money 万元 from 元' "$pi_dir/$pi_n.bud"; then ok
    else bad "pdf_import: $pi_n.bud is not in the canonical layout (budc fmt --check), or not rounded from 元"; fi
    # every figure of every table: the same as the workbook's, the 决算
    # template's 三公 table too, printed in one line under grouped heads
    # (its 增减 column, not printed, the difference of the two printed):
    # no table is left unread
    pi_gap=$(sed -n 's/^\/\/ Not read: table \([^ ]*\) .*/\1/p' "$pi_dir/$pi_n.bud")
    if [ -z "$pi_gap" ]; then ok
    else bad "pdf_import: $pi_n.pdf: tables not read: '$pi_gap'"; fi
    if [ "$pi_n" != county-education-bureau-2024-final ] ||
        [ "$(pi_tables "$pi_dir/$pi_n.bud" | sed -n '/^table 三公经费支出决算表 {/,/^}/p' | grep -c ' [0-9]')" -ge 3 ]; then ok
    else bad "pdf_import: $pi_n.pdf: the 三公 table printed in one line is not read"; fi
    pi_figs=$(pi_tables "$pi_dir/$pi_n.bud" | grep -oE ' -?[0-9]+\.[0-9]{2}\b' | wc -l)
    if diff <(pi_tables "$pi_dir/$pi_n-xlsx.bud" | awk -v gap="$pi_gap" '$0 == "table " gap " {" { skip = 1 } !skip { print } skip && /^}/ { skip = 0 }') \
        <(pi_tables "$pi_dir/$pi_n.bud") >"$pi_dir/$pi_n.diff" &&
        [ "$(grep -c '^table ' "$pi_dir/$pi_n.bud")" -ge $((9 - $(printf '%s' "$pi_gap" | grep -c .))) ] &&
        [ "$pi_figs" -gt 40 ]; then ok
    else bad "pdf_import: the tables of $pi_n.pdf differ from its workbook's ($pi_figs figures): $(head -6 "$pi_dir/$pi_n.diff")"; fi
    # a page comment before each table, naming the page that prints its title
    pi_bad=""
    while IFS= read -r pi_line; do
        pi_page=${pi_line#// 第}; pi_page=${pi_page%%页*}
        pi_title=${pi_line#*页：}
        pdftotext -f "$pi_page" -l "$pi_page" "$pi_pdf" - 2>/dev/null | tr -d ' ' | grep -qF "$pi_title" ||
            pi_bad="$pi_bad [$pi_line]"
    done < <(grep '^// 第[0-9]*页：' "$pi_dir/$pi_n.bud")
    if [ -z "$pi_bad" ] &&
        [ "$(grep -B1 '^table ' "$pi_dir/$pi_n.bud" | grep -c '^// 第[0-9]*页：')" = "$(grep -c '^table ' "$pi_dir/$pi_n.bud")" ]; then ok
    else bad "pdf_import: $pi_n.bud: page comments that do not name the page of their table:$pi_bad"; fi
    # the 国有资产 printed in the 说明: the assets block of the original
    if python3 - "$pi_dir/$pi_n.bud" "$pi_b" ${pi_b%.bud}/*.bud <<'PY' 2>/dev/null; then ok
import re, sys
from decimal import Decimal
def assets(paths):
    rows = set()
    for p in paths:
        try:
            text = open(p, encoding="utf-8").read()
        except OSError:
            continue
        for block in re.findall(r'^\s*assets "([^"]*)" \{(.*?)^\s*\}', text, re.S | re.M):
            for line in block[1].strip().splitlines():
                f = line.split()
                rows.add((block[0],) + tuple(x if x == "-" or not re.match(r"^[0-9.]+$", x) else str(Decimal(x).normalize()) for x in f))
    return rows
got, want = assets(sys.argv[1:2]), assets(sys.argv[2:])
sys.exit(0 if got and got == want else 1)
PY
    else bad "pdf_import: $pi_n.bud: its assets are not the original's"; fi
    # the 绩效目标表 and the 政府采购 table: the projects, as many as the
    # workbook's, their indicators and purchase lines
    pi_np=$(grep -c '^  project ' "$pi_dir/$pi_n.bud")
    if [ "$pi_np" -gt 0 ] && [ "$pi_np" = "$(grep -c '^  project ' "$pi_dir/$pi_n-xlsx.bud")" ] &&
        [ "$(grep -c '^    purchase ' "$pi_dir/$pi_n.bud")" = "$(grep -c '^    purchase ' "$pi_dir/$pi_n-xlsx.bud")" ] &&
        diff <(pi_projects "$pi_dir/$pi_n-xlsx.bud") <(pi_projects "$pi_dir/$pi_n.bud") >"$pi_dir/$pi_n.pdiff"; then ok
    else bad "pdf_import: the projects of $pi_n.pdf ($pi_np) differ from its workbook's: $(head -6 "$pi_dir/$pi_n.pdiff")"; fi
    # the 说明's 政府采购预算 quoted, once the purchase lines are read (a budget's)
    if [ "$pi_n" = county-education-bureau-2024-final ] || grep -q '{采购\.合计 = [0-9.]*}' "$pi_dir/$pi_n.bud"; then ok
    else bad "pdf_import: $pi_n.bud: the 政府采购预算 of its 说明 is not quoted"; fi
    # the 说明: its sections, and the figures of its sentences quoted
    pi_q=$(sed -n '/^narrative {/,$p' "$pi_dir/$pi_n.bud" | grep -o '{[^{}]* = [-0-9.]*}' | wc -l)
    pi_s=$(grep -c '^  section ' "$pi_dir/$pi_n.bud")
    if [ "$pi_s" -ge 7 ] && [ "$pi_q" -ge 5 ] &&
        [ "$(grep -B1 '^  section ' "$pi_dir/$pi_n.bud" | grep -c '^  // 第[0-9]*页：')" = "$pi_s" ]; then ok
    else bad "pdf_import: $pi_n.bud: $pi_s sections (each after its page), $pi_q quotes"; fi
    case $pi_n in
    qinhuangdao-media-center-2023 | county-culture-bureau-2023)
        # no error; the warnings are the original's, and the figures of the
        # changes from last year, whose figures the PDF does not print
        pi_c=$("$budc" check "$pi_dir/$pi_n.bud" 2>&1 | sed -n 's/.*\[\([A-Z0-9-]*\)\]$/\1/p' | sort -u)
        pi_more=$(comm -23 <(printf '%s\n' "$pi_c") <({ printf '%s\n' W-PROSE-FIGURE
            "$budc" check "$pi_b" 2>&1 | sed -n 's/.*\[\([A-Z0-9-]*\)\]$/\1/p'; } | sort -u))
        if [ -z "$pi_more" ] && [ -n "$pi_c" ]; then ok
        else bad "pdf_import: budc check of the imported $pi_n says $(printf '%s ' $pi_more)"; fi
        # the projects, indicators and purchase lines of the original
        "$budc" json "$pi_b" >"$pi_dir/$pi_n-a.json" 2>/dev/null
        "$budc" json "$pi_dir/$pi_n.bud" >"$pi_dir/$pi_n-b.json" 2>/dev/null
        if pi_d=$(python3 tests/outputs/same_projects.py "$pi_dir/$pi_n-a.json" "$pi_dir/$pi_n-b.json" --pdf); then ok
        else bad "pdf_import: the projects of the imported $pi_n are not the original's: $pi_d"; fi ;;
    county-education-bureau-2024 | county-education-bureau-2024-final)
        # every table and every fund's balance holds, and the 说明 says what
        # they say: no error, with the narrative or without it
        awk '/^narrative \{/ { skip = 1 } !skip { print } skip && /^\}/ { skip = 0 }' \
            "$pi_dir/$pi_n.bud" > "$pi_dir/$pi_n-facts.bud"
        pi_e=$(cd "$pi_dir" && "$pi_budc" check "$pi_n-facts.bud" 2>&1 | grep -c ': error: ')
        pi_rc=$(cd "$pi_dir" && "$pi_budc" check "$pi_n-facts.bud" >/dev/null 2>&1; echo $?)
        pi_c=$(cd "$pi_dir" && "$pi_budc" check "$pi_n.bud" 2>&1 | sed -n 's/.*\[\(E-[A-Z0-9-]*\)\]$/\1/p' |
            sort -u | tr '\n' ' ')
        if [ "$pi_rc" = 0 ] && [ "$pi_e" = 0 ] && [ -z "$pi_c" ] &&
            grep -q '^  // inferred: ' "$pi_dir/$pi_n.bud" &&
            grep -q '^    一般公共预算结转 80.00$' "$pi_dir/$pi_n.bud"; then ok
        else bad "pdf_import: budc check of the imported $pi_n (its narrative set aside) exits $pi_rc with $pi_e errors; with it: $pi_c"; fi
        # the 说明's template sentences quoted by the facts they name: a
        # 决算's 年初预算 as its budget's (预算.…), 完成…预算的 X% as 完成率,
        # 收入、支出总计 with the carry-overs (收入.合计), a clause naming no
        # source by the sentence's, a row named by the sentence before
        # (…（项）。…支出决算为); what cannot be known of one unit standing for
        # several (机关运行经费) or is not imported (a 决算's 采购) left as printed
        case $pi_n in
        *-final) pi_want='{收入.合计 = 4896.37} {收入.经营收入 = 61.30} {预算.支出.一般公共预算财政拨款 = 4143.54} {完成率.支出.一般公共预算财政拨款 = 101.31} {收入.一般公共预算结转 = 80.00} {支出[2050901] = 592.00} {基本支出.合计 = 2027.67} {预算.三公.合计 = 9.95} {完成率.三公.合计 = 91.06} {支出.政府性基金预算 = 370.00}' ;;
        *) pi_want='{收入.合计 = 4883.54} {收入.经营收入 = 64.00} {收入.一般公共预算结转 = 80.00} {支出[229] = 386.00} {上年.三公.合计 - 三公.合计 = 0.55}' ;;
        esac
        pi_miss=""
        while IFS= read -r pi_q; do
            [ -n "$pi_q" ] && ! grep -qF -- "$pi_q" "$pi_dir/$pi_n.bud" && pi_miss="$pi_miss $pi_q"
        done < <(printf '%s\n' "$pi_want" | grep -o '{[^}]*}')
        if [ -z "$pi_miss" ] && ! grep -q '{机关运行经费 =' "$pi_dir/$pi_n.bud"; then ok
        else bad "pdf_import: the imported $pi_n lacks the quotes$pi_miss (or quotes 机关运行经费 of its one unit)"; fi ;;
    esac
done

# 1b. the usual variants of wording: a title led by 附表2： and a year, one
# without 部门预算 led by 表三, 栏 次 spaced: the same tables
pi_seed_n=qinhuangdao-media-center-2023
mkdir -p "$pi_dir/variant"
sed -e 's/\\budtitle{部门预算收入总表}/\\budtitle{附表2：2023年部门收入总表}/' \
    -e 's/\\budtitle{部门预算支出总表}/\\budtitle{表三 支出总表}/' -e 's/栏次/栏 次/' \
    "$pi_dir/$pi_seed_n/$pi_seed_n.tex" > "$pi_dir/variant/variant.tex"
if (cd "$pi_dir/variant" && xelatex -interaction=nonstopmode -halt-on-error variant.tex >/dev/null 2>&1) &&
    pdftotext "$pi_dir/variant/variant.pdf" - | tr -d ' ' | grep -q '附表2：2023年部门收入总表' &&
    "$budc" import "$pi_dir/variant/variant.pdf" -o "$pi_dir/variant.bud" 2>/dev/null &&
    diff <(pi_tables "$pi_dir/$pi_seed_n.bud") <(pi_tables "$pi_dir/variant.bud") >/dev/null &&
    grep -q '^// 第4页：部门预算收入总表$' "$pi_dir/variant.bud"; then ok
else bad "pdf_import: the seed with other wordings of its titles does not give the same tables"; fi

# 1c. the 决算's 三公 table printed in one line, its cells filled otherwise:
# each figure under its column title, the 增减 the difference, a row of
# blank marks left out; its head not as the definition prints it: the table
# left unread, said in a comment, the rest imported
pi_fin=county-education-bureau-2024-final
mkdir -p "$pi_dir/sangong"
cp "$pi_dir/county-education-bureau-2024.bud" "$pi_dir/sangong/"
sed 's/^9\.95 & 9\.06 &  &  & 7\.60 & 7\.24 &  &  & /11.15 \& 9.86 \& 1.20 \& 0.80 \& 7.60 \& 7.24 \& - \& - \& /' \
    "$pi_dir/$pi_fin/$pi_fin.tex" > "$pi_dir/sangong/filled.tex"
sed 's/{\\budhd 因公出国（境）费}/{\\budhd 出国费用}/' "$pi_dir/$pi_fin/$pi_fin.tex" > "$pi_dir/sangong/nohead.tex"
if (cd "$pi_dir/sangong" && grep -q '^11.15 & 9.86 & 1.20' filled.tex && grep -q '出国费用' nohead.tex &&
        xelatex -interaction=nonstopmode -halt-on-error filled.tex >/dev/null 2>&1 &&
        xelatex -interaction=nonstopmode -halt-on-error nohead.tex >/dev/null 2>&1 &&
        "$pi_budc" import filled.pdf --budget county-education-bureau-2024.bud -o filled.bud 2>/dev/null &&
        "$pi_budc" import nohead.pdf --budget county-education-bureau-2024.bud -o nohead.bud 2>/dev/null); then ok
else bad "pdf_import: the 决算 with its 三公 line changed cannot be typeset or imported"; fi
if [ "$(pi_tables "$pi_dir/sangong/filled.bud" | sed -n '/^table 三公经费支出决算表 {/,/^}/p')" = "table 三公经费支出决算表 {
  合计 11.15 9.86 -1.29
  因公出国费 1.20 0.80 -0.40
  公务用车购置及运维费 7.60 7.24 -0.36
  公务用车运行维护费 7.60 7.24 -0.36
  公务接待费 2.35 1.82 -0.53
}" ]; then ok
else bad "pdf_import: the 三公 line filled otherwise: $(pi_tables "$pi_dir/sangong/filled.bud" | sed -n '/^table 三公/,/^}/p' | tr '\n' '|')"; fi
if grep -q '^// Not read: table 三公经费支出决算表 ' "$pi_dir/sangong/nohead.bud" &&
    ! grep -q '^table 三公经费支出决算表 ' "$pi_dir/sangong/nohead.bud" &&
    [ "$(grep -c '^table ' "$pi_dir/sangong/nohead.bud")" -ge 8 ]; then ok
else bad "pdf_import: the 三公 line under a head not as defined: not said unread, or read"; fi

# 2. what cannot be read
pi_seed=$pi_dir/qinhuangdao-media-center-2023/qinhuangdao-media-center-2023.pdf
pdftoppm -r 40 -f 3 -l 4 -png "$pi_seed" "$pi_dir/scan" 2>/dev/null &&
    img2pdf "$pi_dir"/scan-*.png -o "$pi_dir/scan.pdf" 2>/dev/null || bad "pdf_import: cannot make the scanned PDF"
qpdf --encrypt user owner 256 -- "$pi_seed" "$pi_dir/locked.pdf" 2>/dev/null || bad "pdf_import: qpdf cannot encrypt"
printf 'PK\003\004 not a PDF at all\n' > "$pi_dir/garbage.pdf"
# a figure that does not parse: 1016.53 printed 1O16.53
pi_tex=$pi_dir/badfig
mkdir -p "$pi_tex"
sed '0,/1016\.53/s//1O16.53/' "${pi_seed%.pdf}.tex" > "$pi_tex/badfig.tex"
(cd "$pi_tex" && xelatex -interaction=nonstopmode -halt-on-error badfig.tex >/dev/null 2>&1) ||
    bad "pdf_import: xelatex cannot make the PDF with a bad figure"
# a project of a unit the 机构设置 table does not list
pi_cc=county-culture-bureau-2023
mkdir -p "$pi_dir/badunit"
sed 's/^\(\\multicolumn{2}{|c|}{预算单位} & .*\){示例县文化馆}/\1{某某单位}/' "$pi_dir/$pi_cc/$pi_cc.tex" > "$pi_dir/badunit/badunit.tex"
(cd "$pi_dir/badunit" && xelatex -interaction=nonstopmode -halt-on-error badunit.tex >/dev/null 2>&1) ||
    bad "pdf_import: xelatex cannot make the PDF with an unknown 预算单位"
for pi_case in "scan.pdf|no text layer: its pages are images (a scan?) and OCR is not supported" \
    "badunit/badunit.pdf|page 14, table 项目绩效目标表: the 预算单位 '某某单位' of the project '公共文化服务免费开放' is not a unit of the budget" \
    "locked.pdf|the PDF is encrypted: it opens only with a password" \
    "garbage.pdf|not a PDF, or a damaged one" \
    "badfig/badfig.pdf|: '1O16.53' is not an amount"; do
    pi_f=${pi_case%%|*} pi_want=${pi_case#*|}
    rm -f "$pi_dir/bad.bud"
    pi_msg=$(cd "$pi_dir" && "$pi_budc" import "$pi_f" -o bad.bud 2>&1)
    pi_st=$?
    if [ "$pi_st" = 1 ] && [ ! -e "$pi_dir/bad.bud" ] && [ "$(printf '%s\n' "$pi_msg" | wc -l)" = 1 ] &&
        printf '%s\n' "$pi_msg" | grep -qF "budc: error: $pi_f: " &&
        printf '%s\n' "$pi_msg" | grep -qF "$pi_want"; then ok
    else bad "pdf_import: $pi_f: exit $pi_st, '$pi_msg'"; fi
done
# a PDF is known by its first bytes, not only by its name: one saved as
# download.php (a portal's link) imports as it does named .pdf
cp "$pi_seed" "$pi_dir/download.php"
if (cd "$pi_dir" && "$pi_budc" import download.php -o by-content.bud 2>/dev/null &&
    "$pi_budc" import "${pi_seed#"$pi_dir/"}" -o by-name.bud 2>/dev/null) &&
    [ -s "$pi_dir/by-content.bud" ] &&
    cmp -s <(tail -n +2 "$pi_dir/by-content.bud") <(tail -n +2 "$pi_dir/by-name.bud"); then ok
else bad "pdf_import: a PDF named download.php is not read as the PDF it is"; fi
# the bad figure is named by its page and its row
if (cd "$pi_dir" && "$pi_budc" import badfig/badfig.pdf -o bad.bud 2>&1) |
    grep -qF "page 3, table 部门预算收支总表, row 7 七、文化旅游体育与传媒支出: '1O16.53'"; then ok
else bad "pdf_import: the bad figure's message names no page and row: $(cd "$pi_dir" && "$pi_budc" import badfig/badfig.pdf -o bad.bud 2>&1)"; fi
pi_msg=$("$budc" import "$pi_dir/nowhere.pdf" -o "$pi_dir/bad.bud" 2>&1)
if [ $? = 2 ] && [ ! -e "$pi_dir/bad.bud" ] && printf '%s\n' "$pi_msg" | grep -qF "cannot read"; then ok
else bad "pdf_import: a missing PDF: '$pi_msg'"; fi

# 3. speed, printed
if [ -n "$pi_largest" ]; then
    pi_t0=$(date +%s%N)
    "$budc" import "$pi_largest" -o "$pi_dir/speed.bud" 2>/dev/null
    "$budc" check "$pi_dir/speed.bud" >/dev/null 2>&1
    pi_t1=$(date +%s%N)
    printf 'pdf_import: %s (%s pages): import and check in %d ms\n' "$(basename "$pi_largest")" \
        "$pi_pages" $(((pi_t1 - pi_t0) / 1000000))
fi
