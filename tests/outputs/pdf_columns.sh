# tests/outputs/pdf_columns.sh — budc import of a PDF whose sheets are cut
# into pages of columns (docs/pdf-import.md, src/import/pdf_columns.c);
# sourced by tests/run.sh, reports through ok/bad, writes only under
# $outdir/pdf_columns.
#
# The seed's tables (budc csv) typeset by tests/pdf/cut-columns.py as a
# spreadsheet program prints a workbook with its default page setup: a
# sheet wider than the page cut into pages of columns, one longer than a
# page into bands of rows, the pages down then across, nothing repeated,
# the title cut by the pages' edges, a page with nothing on it not printed.
#
#   1. the PDF is cut as said: more pages than sheets, the 收入总表's
#      title cut by a page's edge, a page of its rows with no 编制单位
#   2. bands of 12 rows: budc import gives the tables of the CSV files
#      (every figure, tests/pdf/recovered.py), the 收入总表 commented with the
#      page its first columns start on; budc audit finds no error.  The
#      收入总表's second band has nothing in its middle columns: that page is
#      not printed, and the page of the first band's last columns (单位：万元,
#      上年结转) comes where Calc's order expects the second band's
#   3. bands of 60 rows (every sheet one band): the same tables
pc_dir=$outdir/pdf_columns
rm -rf "$pc_dir"
mkdir -p "$pc_dir"
if command -v xelatex >/dev/null 2>&1 && [ -f src/import/pdf_read.c ]; then
    "$budc" csv examples/qinhuangdao-media-center-2023.bud -o "$pc_dir/csv" 2>/dev/null
    "$budc" import "$pc_dir/csv" --year 2023 -o "$pc_dir/ref.bud" 2>/dev/null
    # pc_make NAME ROWS: NAME.pdf, bands of ROWS rows
    pc_make() {
        python3 tests/pdf/cut-columns.py "$pc_dir/csv" stdlib/2023/tables.bud \
            "359 秦皇岛经济技术开发区融媒体中心" 2023 "$pc_dir/$1.tex" "$2" &&
            (cd "$pc_dir" && xelatex -interaction=nonstopmode -halt-on-error "$1.tex" >/dev/null 2>&1) &&
            [ -f "$pc_dir/$1.pdf" ]
    }
    if pc_make cut 12; then ok; else bad "pdf_columns: cannot make the cut PDF"; fi

    # 1. cut as said
    pc_np=$(pdfinfo "$pc_dir/cut.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    pc_cut=0 pc_bare=0
    for ((pc_p = 1; pc_p <= ${pc_np:-0}; pc_p++)); do
        pc_t=$(pdftotext -f $pc_p -l $pc_p "$pc_dir/cut.pdf" - 2>/dev/null | tr -d ' ')
        case $pc_t in *部门预算收入总表*) ;; *部门预算收入*) pc_cut=$((pc_cut + 1)) ;; esac
        case $pc_t in *编制单位*) ;; *住房公积金*) pc_bare=$((pc_bare + 1)) ;; esac
    done
    if [ "${pc_np:-0}" -gt 15 ] && [ $pc_cut -ge 1 ] && [ $pc_bare -ge 1 ]; then ok
    else bad "pdf_columns: the PDF is not cut into pages of columns and bands ($pc_np pages, title cut on $pc_cut, $pc_bare pages of rows alone)"; fi

    # 2. put back together
    if "$budc" import "$pc_dir/cut.pdf" -o "$pc_dir/cut.bud" 2>"$pc_dir/cut.err" &&
        pc_rec=$(python3 tests/pdf/recovered.py "$pc_dir/ref.bud" "$pc_dir/cut.bud") &&
        [ "$(printf '%s\n' "$pc_rec" | head -1)" = "tables 7/7 figures 221/221" ]; then ok
    else bad "pdf_columns: the cut PDF's tables: $(head -2 "$pc_dir/cut.err") ${pc_rec:-}"; fi
    pc_page=$(for ((pc_p = 1; pc_p <= ${pc_np:-0}; pc_p++)); do
        pdftotext -f $pc_p -l $pc_p "$pc_dir/cut.pdf" - 2>/dev/null | grep -q '2101102' && { echo $pc_p; break; }
    done) # the page of the 收入总表's first rows is the one before its second band's
    if [ -n "$pc_page" ] && grep -qx "// 第$((pc_page - 1))页：部门预算收入总表" "$pc_dir/cut.bud"; then ok
    else bad "pdf_columns: the 收入总表 is not commented with its first page ($((${pc_page:-1} - 1))): $(grep '收入总表' "$pc_dir/cut.bud" | head -2)"; fi
    pc_out=$("$budc" audit "$pc_dir/cut.pdf" 2>&1); pc_st=$?
    if [ $pc_st -eq 0 ] && printf '%s\n' "$pc_out" | tail -1 | grep -qE "^$pc_dir/cut.pdf: 0 errors, [0-9]+ warnings?; 7 tables"; then ok
    else bad "pdf_columns: budc audit of the cut PDF: exit $pc_st: $(printf '%s\n' "$pc_out" | grep -E ': error: ' | head -3) $(printf '%s\n' "$pc_out" | tail -1)"; fi

    # 3. one band a sheet
    if pc_make wide 60 && "$budc" import "$pc_dir/wide.pdf" -o "$pc_dir/wide.bud" 2>/dev/null &&
        [ "$(python3 tests/pdf/recovered.py "$pc_dir/ref.bud" "$pc_dir/wide.bud" | head -1)" = "tables 7/7 figures 221/221" ]; then ok
    else bad "pdf_columns: the PDF cut into pages of columns only does not give the tables"; fi

else
    echo "note: pdf_columns: no xelatex or no PDF reader: skipped"
fi
