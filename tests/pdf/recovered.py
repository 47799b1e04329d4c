#!/usr/bin/env python3
"""recovered.py REFERENCE.bud IMPORTED.bud — how much of the tables an import
recovered: each `table WORD { … }` block of REFERENCE (the budget imported
from the workbook, whose cells are exact) against the same block of
IMPORTED (from a PDF).  A figure is a cell of a row: the row (its code and
name, or its label) and the column (its place in the row); it is recovered
when IMPORTED has the same row with the same figure in the same place.  A
table is recovered when all its figures are and it has no figure more.

Prints one line, "tables T/N figures F/G", then a line for each table not
recovered; exits 0 when everything was recovered, 1 otherwise.
"""
import re
import sys

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\S+')
AMOUNT = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]+)?$|^-$")


def tables(path):
    out, word = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r"^table (\S+) \{", line)
        if m:
            word = m.group(1)
            out[word] = {}
            continue
        if word and line.startswith("}"):
            word = None
            continue
        if not word or not line.strip() or line.strip().startswith("//"):
            continue
        toks = TOKEN.findall(line)
        if toks and toks[0] == "note":
            continue
        k = 1
        while k < len(toks) and not (AMOUNT.match(toks[k])):
            k += 1
        key = " ".join(toks[:k])
        # a row printed twice (合计 of each side) keeps both
        while key in out[word]:
            key += "'"
        out[word][key] = [(i, t) for i, t in enumerate(toks[k:]) if t != "-"]
    return out


def main():
    ref = tables(sys.argv[1])
    try:
        got = tables(sys.argv[2])
    except OSError:
        print("tables 0/%d figures 0/%d (not imported)" % (len(ref), sum(len(r) for t in ref.values() for r in t.values())))
        return 1
    nt = nf = rt = rf = 0
    bad = []
    for word, rows in ref.items():
        nt += 1
        g = got.get(word, {})
        ok = set(g) <= set(rows) and all(len(g[k]) == len(rows[k]) for k in g)
        for key, figs in rows.items():
            nf += len(figs)
            have = set(g.get(key, []))
            hit = sum(1 for f in figs if f in have)
            rf += hit
            ok = ok and hit == len(figs) and len(have) == len(figs)
        rt += ok
        if not ok:
            bad.append("  %s: %s" % (word, "missing" if word not in got else "differs"))
    print("tables %d/%d figures %d/%d" % (rt, nt, rf, nf))
    for b in bad:
        print(b)
    return 0 if rt == nt and rf == nf else 1


if __name__ == "__main__":
    sys.exit(main())
