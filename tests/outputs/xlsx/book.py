"""book.py — reads an .xlsx with python3's standard library alone (zipfile,
xml.etree), for the tests of `budc xlsx` and `budc import`: the sheets in
order, each a dict of cells {"B3": (value, style)}, its merged ranges, its
frozen rows, and whether a cell's style is bold.  Not a general reader: it
knows what budc's workbooks (and the tests' crafted ones) hold."""
import re
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Sheet:
    def __init__(self, name):
        self.name = name
        self.cells = {}      # "A1" -> (value as text, type, style index)
        self.merged = []     # "A1:C1"
        self.frozen = 0      # rows frozen at the top

    def value(self, ref):
        c = self.cells.get(ref)
        return c[0] if c else None

    def rows(self):
        """The cells' values as a list of rows (lists), from row 1."""
        grid = {}
        for ref, (v, _t, _s) in self.cells.items():
            col, row = split(ref)
            grid.setdefault(row, {})[col] = v
        out = []
        for r in range(1, max(grid) + 1 if grid else 1):
            cols = grid.get(r, {})
            out.append([cols.get(c, "") for c in range(max(cols) + 1 if cols else 0)])
        return out


def split(ref):
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col - 1, int(m.group(2))


class Book:
    def __init__(self, path):
        z = zipfile.ZipFile(path)
        self.strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                self.strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        self.bold_font, self.xf_font, self.xf_numfmt, self.numfmts = [False], [0], [0], {}
        styles = ET.fromstring(z.read("xl/styles.xml")) if "xl/styles.xml" in z.namelist() else None
        if styles is not None:
            fonts = styles.find("m:fonts", NS).findall("m:font", NS)
            self.bold_font = [f.find("m:b", NS) is not None for f in fonts]
            self.xf_font = [int(x.get("fontId", 0)) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
            self.xf_numfmt = [int(x.get("numFmtId", 0)) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
        nf = styles.find("m:numFmts", NS) if styles is not None else None
        if nf is not None:
            for f in nf.findall("m:numFmt", NS):
                self.numfmts[int(f.get("numFmtId"))] = f.get("formatCode")
        rels = {r.get("Id"): r.get("Target") for r in
                ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        self.sheets = []
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        for s in wb.find("m:sheets", NS).findall("m:sheet", NS):
            sh = Sheet(s.get("name"))
            target = rels[s.get(REL)]
            xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
            for c in xml.iter("{%s}c" % NS["m"]):
                t = c.get("t", "n")
                v = c.find("m:v", NS)
                text = v.text if v is not None else ""
                if t == "s" and text:
                    text = self.strings[int(text)]
                elif t == "inlineStr":
                    text = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
                sh.cells[c.get("r")] = (text, t, int(c.get("s", 0)))
            for mc in xml.iter("{%s}mergeCell" % NS["m"]):
                sh.merged.append(mc.get("ref"))
            pane = xml.find(".//m:pane", NS)
            if pane is not None and pane.get("state") == "frozen":
                sh.frozen = int(float(pane.get("ySplit", 0)))
            self.sheets.append(sh)

    def sheet(self, name):
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)

    def bold(self, sheet, ref):
        c = sheet.cells.get(ref)
        return bool(c) and self.bold_font[self.xf_font[c[2]]]

    def numfmt(self, sheet, ref):
        c = sheet.cells.get(ref)
        i = self.xf_numfmt[c[2]] if c else 0
        return self.numfmts.get(i, str(i))
