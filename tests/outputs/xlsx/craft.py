"""craft.py — workbooks for the tests of `budc import`, made with python3's
zipfile from budc's own (tests/outputs/import.sh):

  craft.py handmade SRC OUT      the nine tables as a finance office might
                                 keep them: sheets named Sheet1…, a blank row
                                 under the title, 单位：元 with amounts as text
                                 with thousands separators, codes and 序号 as
                                 numbers, no facts or other sheets
  craft.py drop-sheet SRC OUT NAME        the workbook without sheet NAME
  craft.py set-cell SRC OUT SHEET REF text|formula VALUE
                                 cell REF of SHEET replaced by a text, or by
                                 a formula without a cached value
  craft.py to-csv SRC DIR SHEET…  each SHEET of SRC as the CSV file
                                 DIR/SHEET.csv (its cells' values as text)
"""
import csv
import os
import re
import sys
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from book import Book, split

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def write_book(path, sheets):
    """sheets: [(name, {(row, col): (kind, value)}, [merge refs])], rows and cols from 0."""
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                         for i in range(len(sheets))) + "</Types>")
    z.writestr("_rels/.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml",
               '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' % MAIN
               + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1)
                         for i, (n, _c, _m) in enumerate(sheets)) + "</sheets></workbook>")
    z.writestr("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                         for i in range(len(sheets))) + "</Relationships>")
    for i, (name, cells, merges) in enumerate(sheets):
        rows = {}
        for (r, c), v in cells.items():
            rows.setdefault(r, []).append((c, v))
        out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>' % MAIN]
        for r in sorted(rows):
            out.append('<row r="%d">' % (r + 1))
            for c, (kind, value) in sorted(rows[r]):
                ref = "%s%d" % (col_name(c), r + 1)
                if kind == "n":
                    out.append('<c r="%s"><v>%s</v></c>' % (ref, value))
                else:
                    out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value)))
            out.append("</row>")
        out.append("</sheetData>")
        if merges:
            out.append('<mergeCells count="%d">%s</mergeCells>' % (
                len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges)))
        out.append("</worksheet>")
        z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), "".join(out))
    z.close()


def handmade(src, out):
    b = Book(src)
    sheets = []
    for s in b.sheets[:9]:
        cells = {}
        for ref, (v, t, _st) in s.cells.items():
            c, r = split(ref)
            r -= 1
            if r >= 2:
                r += 1                       # a blank row under the title lines
            if v == "":
                continue
            if t == "n":                     # an amount: 元, as text, 1,234.50
                yuan = (Decimal(repr(float(v))) * 10000).quantize(Decimal("0.01"))
                cells[(r, c)] = ("s", "{:,.2f}".format(yuan))
            elif re.fullmatch(r"\d+", v):    # a code or a 序号: a number
                cells[(r, c)] = ("n", v)
            else:
                cells[(r, c)] = ("s", v.replace("单位：万元", "单位：元"))
        merges = []
        for m in s.merged:
            a, z = m.split(":")
            (c1, r1), (c2, r2) = split(a), split(z)
            if r1 >= 3:
                r1, r2 = r1 + 1, r2 + 1
            merges.append("%s%d:%s%d" % (col_name(c1), r1, col_name(c2), r2))
        sheets.append(("Sheet%d" % (len(sheets) + 1), cells, merges))
    write_book(out, sheets)


def rewrite(src, out, edit):
    zin = zipfile.ZipFile(src)
    zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = zin.read(item.filename)
        zout.writestr(item, edit(item.filename, data))
    zout.close()


def sheet_part(src, name):
    z = zipfile.ZipFile(src)
    wb = z.read("xl/workbook.xml").decode()
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(name), wb).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    return "xl/" + target.group(1)


def main():
    cmd = sys.argv[1]
    if cmd == "handmade":
        handmade(sys.argv[2], sys.argv[3])
    elif cmd == "drop-sheet":
        name = sys.argv[4]
        def edit(fn, data):
            if fn == "xl/workbook.xml":
                return re.sub(r'<sheet name="%s"[^>]*/>' % re.escape(name), "", data.decode()).encode()
            return data
        rewrite(sys.argv[2], sys.argv[3], edit)
    elif cmd == "to-csv":
        book = Book(sys.argv[2])
        for name in sys.argv[4:]:
            with open(os.path.join(sys.argv[3], name + ".csv"), "w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows(book.sheet(name).rows())
    elif cmd == "set-cell":
        sheet, ref, kind, value = sys.argv[4:8]
        part = sheet_part(sys.argv[2], sheet)
        cell = ('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value)) if kind == "text"
                else '<c r="%s"><f>%s</f></c>' % (ref, escape(value)))
        def edit(fn, data):
            if fn == part:
                text, n = re.subn(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref, cell, data.decode(), count=1)
                assert n == 1, "no cell %s in %s" % (ref, part)
                return text.encode()
            return data
        rewrite(sys.argv[2], sys.argv[3], edit)


if __name__ == "__main__":
    main()
