#!/usr/bin/env python3
"""cut-columns.py CSVDIR TABLES.bud DEPARTMENT YEAR OUT.tex [ROWS] — the tables
of `budc csv` typeset as a spreadsheet program prints a workbook with its
default page setup (LibreOffice Calc's), for tests/outputs/pdf_columns.sh.

Each CSV file is a sheet: its title (from TABLES.bud, by the CSV file's
key), the line of 编制单位 (left) … 预算年度 (middle) … 单位：万元 (the last
column, right-aligned), its head, its rows.  A sheet wider than the page is
cut into pages of columns, one longer than ROWS rows (12) into bands of
rows, and the pages come down then across: the first columns of every
band, then the next columns of every band.  As Calc does, nothing is
repeated on a later page: the title, centred over the whole sheet, is
drawn on every page it crosses, at its place, so that a page's edge cuts
it (the characters off the page are not in the PDF's text); amounts are
right-aligned with thousands separators, text left-aligned; a page with
nothing on it is not printed.  The pages are drawn with eso-pic at fixed
positions, in xelatex (ctexart).
"""
import csv
import os
import re
import sys

W, H, LEFT, TOP, PITCH = 595.3, 841.9, 51.4, 60.0, 15.0
BODY, TITLE = 10.5, 15.0
AMOUNT = re.compile(r"^-?[0-9]+\.[0-9]+$")


def width(s, size=BODY):
    return sum(size if ord(c) > 0x2E7F else 0.55 * size for c in s)


def money(s):
    if not AMOUNT.match(s):
        return s
    neg, s = s.startswith("-"), s.lstrip("-")
    whole, frac = s.split(".")
    return ("-" if neg else "") + "{:,}".format(int(whole)) + "." + frac


def tex(s):
    return s.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("&", "\\&") \
        .replace("#", "\\#").replace("_", "\\_")


def titles(path):
    out, word = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^\s*table \S+ "([^"]*)" \{', line)
        if m:
            word = m.group(1)
        m = re.match(r"^\s*key (\S+)", line)
        if m and word:
            out[m.group(1)] = word
            word = None
    return out


def sheet(path, title, dept, year):
    rows = [list(r) for r in csv.reader(open(path, encoding="utf-8"))]
    n = max(len(r) for r in rows)
    meta = [""] * n
    meta[0] = "编制单位：" + dept
    meta[n // 2] = "预算年度：%s" % year
    meta[n - 1] = "单位：万元"
    body = [[money(c) for c in r] + [""] * (n - len(r)) for r in rows]
    widths = [max(40.0, max(width(r[c]) for r in body) + 12) for c in range(n)]
    # the 编制单位 runs over the empty cells right of it, as a spreadsheet prints it
    return [[title] + [""] * (n - 1), meta] + body, widths


def main():
    csvdir, tables, dept, year, out = sys.argv[1:6]
    per_band = int(sys.argv[6]) if len(sys.argv) > 6 else 12
    keys = titles(tables)
    pages = []
    for name in sorted(os.listdir(csvdir)):
        m = re.match(r"^[0-9]+-(.*)\.csv$", name)
        if not m or m.group(1) not in keys:
            continue
        rows, widths = sheet(os.path.join(csvdir, name), keys[m.group(1)], dept, year)
        # the pages of columns: as many columns as the page's width holds
        cuts, x, start = [], 0.0, 0
        for c, w in enumerate(widths):
            if x + w > W - 2 * LEFT and c > start:
                cuts.append((start, c))
                start, x = c, 0.0
            x += w
        cuts.append((start, len(widths)))
        left = [sum(widths[:c]) for c in range(len(widths) + 1)]
        total = left[-1]
        bands = [(r, min(r + per_band, len(rows))) for r in range(0, len(rows), per_band)]
        for c0, c1 in cuts:          # across …
            for r0, r1 in bands:     # … after down
                items = []
                off = left[c0]
                for r in range(r0, r1):
                    y = TOP + (r - r0) * PITCH + (0 if r == 0 else 8)
                    if r == 0:  # the title, centred over the sheet, wherever it crosses
                        tw = width(rows[0][0], TITLE)
                        tx = LEFT + (total - tw) / 2 - off
                        if tx < W and tx + tw > 0:
                            items.append((tx, y, "l", TITLE, rows[0][0]))
                        continue
                    for c in range(c0, c1):
                        s = rows[r][c]
                        if not s:
                            continue
                        x0 = LEFT + left[c] - off
                        right = AMOUNT.match(s.replace(",", "")) or (r == 1 and c == len(widths) - 1)
                        if right:
                            items.append((x0 + widths[c] - 5, y, "r", BODY, s))
                        else:
                            items.append((x0 + 5, y, "l", BODY, s))
                if any(i[3] == BODY for i in items) or (items and r0 == 0):
                    pages.append(items)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\\documentclass[UTF8]{ctexart}\n"
                "\\usepackage[paperwidth=%.1fpt,paperheight=%.1fpt,margin=0pt]{geometry}\n"
                "\\usepackage{eso-pic}\n\\pagestyle{empty}\n\\setlength{\\unitlength}{1pt}\n"
                "\\begin{document}\n" % (W, H))
        for items in pages:
            f.write("\\AddToShipoutPictureFG*{%\n")
            for x, y, align, size, s in items:
                f.write("\\put(%.1f,%.1f){\\makebox[0pt][%s]{\\fontsize{%.1f}{%.1f}\\selectfont %s}}%%\n"
                        % (x, H - y - size, align, size, size * 1.2, tex(s)))
            f.write("}\n\\null\\newpage\n")
        f.write("\\end{document}\n")


if __name__ == "__main__":
    main()
