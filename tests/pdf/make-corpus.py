#!/usr/bin/env python3
"""make-corpus.py [--variants=V,V...] BUDC OUTDIR [EXAMPLE.bud...] — the PDFs
budc audit and budc import are tested on, made here from the examples (no
published PDF is copied into the repository; docs/audit.md).  --variants
makes only the variants named (own,yuan,calcfit: the 决算's in the tests).

For each example NAME (default: the seed, examples/qinhuangdao-media-center-2023.bud)
it writes to OUTDIR:

  clean variants, the same budget typeset differently
    NAME-own.pdf        budc's own disclosure (budc latex, xelatex)
    NAME-calc.pdf       the workbook of budc xlsx printed by LibreOffice (headless):
                        its wide sheets cut into pages of columns, as Calc prints them
    NAME-calcfit.pdf    the same, each sheet on one page of its own size (SinglePageSheets)
    NAME-fonts.pdf      other fonts: 楷体 (AR PL KaitiM GB) and DejaVu Sans
    NAME-landscape.pdf  every page landscape, every table upright on it
    NAME-split.pdf      rows 2.5 times as tall: the tables split across pages, their head repeated
    NAME-yuan.pdf       the tables in 元 with thousands separators (12,066,500.00), in \\tiny
  planted defects, each a copy of budc's .tex edited before xelatex
    NAME-narrative.pdf  the 说明's 预算收入 total 0.3万元 against the table's 1206.65
    NAME-sangong.pdf    the 三公 table's 公务接待费 copied from last year (0.46)
    NAME-row.pdf        a row of the 基本支出表 whose 合计 is not its parts (2.60)
    NAME-figure.pdf     a figure of that row that does not parse (2.5O)

and OUTDIR/corpus.tsv, one line a PDF: variant, file, kind (clean or the
defect), the code budc audit must report (for the figure, the words of
its message), and a pattern (grep -E) of the
line of `pdftotext -layout` that shows the planted figure: the test finds
the page it is on.  Exit 1 when
a tool fails (its log is named).
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys


def run(cmd, log, cwd=None):
    with open(log, "w") as f:
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=cwd)
    if r.returncode != 0:
        sys.exit("make-corpus: %s failed (see %s)" % (" ".join(cmd), log))


def soffice(profile, convert, xlsx, pdf, log):
    """LibreOffice prints XLSX to PDF (--convert-to CONVERT).  The suite's
    cache of typeset results (BUDC_TEX_CACHE, tests/bin/xelatex) keeps the
    PDF of the same workbook bytes: the sanitized pass writes the same
    workbook, and LibreOffice's start costs seconds."""
    with open(xlsx, "rb") as f:
        data = f.read()
    cache = os.environ.get("BUDC_TEX_CACHE", "")
    kept = ""
    if cache:
        key = hashlib.sha256(convert.encode() + b"\0" + data).hexdigest()
        kept = os.path.join(cache, "soffice-" + key + ".pdf")
        if os.path.exists(kept):
            shutil.copyfile(kept, pdf)
            return
    tmp = pdf + ".d"
    os.makedirs(tmp, exist_ok=True)
    run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", convert,
         "--outdir", tmp, xlsx], log)
    made = os.path.join(tmp, os.path.basename(xlsx)[:-5] + ".pdf")
    if kept:
        os.makedirs(cache, exist_ok=True)
        shutil.copyfile(made, kept + ".tmp-%d" % os.getpid())
        os.replace(kept + ".tmp-%d" % os.getpid(), kept)
    os.replace(made, pdf)
    shutil.rmtree(tmp, ignore_errors=True)


def xelatex(tex_text, out, name):
    tex = os.path.join(out, name + ".tex")
    with open(tex, "w") as f:
        f.write(tex_text)
    run(["xelatex", "-interaction=batchmode", "-halt-on-error", name + ".tex"],
        os.path.join(out, name + ".xelatex.log"), cwd=out)


def table_lines(tex):
    """The indices of the lines of the tables in 万元: the body rows of each
    longtable whose head says 单位：万元."""
    lines = tex.split("\n")
    rows, in_table, money, body = [], False, False, False
    for i, l in enumerate(lines):
        if l.startswith("\\begin{longtable}"):
            in_table, money, body = True, False, False
        elif l.startswith("\\end{longtable}"):
            in_table = False
        elif in_table and "单位：万元" in l:
            money = True
        elif in_table and l.startswith("\\endhead"):
            body = True
        elif in_table and money and body:
            rows.append(i)
    return lines, rows


def yuan(tex):
    """The tables in 元, with thousands separators."""
    lines, rows = table_lines(tex)
    amount = re.compile(r"(?<![\d.,])(-?)(\d+)\.(\d\d)(?![\d])")

    def conv(m):
        cents = int(m.group(2)) * 100 + int(m.group(3))  # in 0.01 万元 = 100 元
        return "%s{:,}.00".format(cents * 100) % m.group(1)  # exactly

    for i in rows:
        cells = lines[i].split(" & ")
        # the first cells are 序号 and codes: no decimals, left alone
        lines[i] = " & ".join(amount.sub(conv, c) for c in cells)
    return "\n".join(lines).replace("单位：万元", "单位：元")


def main():
    args, only = sys.argv[1:], None
    if args and args[0].startswith("--variants="):
        only = set(args.pop(0)[len("--variants="):].split(","))
    if len(args) < 2:
        sys.exit("usage: make-corpus.py [--variants=V,V...] BUDC OUTDIR [EXAMPLE.bud...]")
    budc, out = args[0], args[1]
    examples = args[2:] or ["examples/qinhuangdao-media-center-2023.bud"]

    def wanted(v):
        return only is None or v in only
    os.makedirs(out, exist_ok=True)
    manifest = []
    for ex in examples:
        name = os.path.basename(ex)[:-4]
        tex = os.path.join(out, name + "-budc.tex")
        run([budc, "latex", ex, "-o", tex], os.path.join(out, name + ".latex.log"))
        with open(tex) as f:
            own = f.read()

        def variant(v, text, kind="clean", code="", where=""):
            if not wanted(v):
                return
            xelatex(text, out, "%s-%s" % (name, v))
            manifest.append((v, "%s-%s.pdf" % (name, v), kind, code, where))

        variant("own", own)
        # LibreOffice prints the workbook (its own profile, in OUTDIR)
        xlsx = os.path.join(out, name + "-calc.xlsx")
        profile = "file://" + os.path.abspath(os.path.join(out, "lo-profile"))
        if wanted("calc") or wanted("calcfit"):
            run([budc, "xlsx", ex, "-o", xlsx], os.path.join(out, name + ".xlsx.log"))
        if wanted("calc"):
            soffice(profile, "pdf", xlsx, os.path.join(out, name + "-calc.pdf"),
                    os.path.join(out, name + ".soffice.log"))
            manifest.append(("calc", name + "-calc.pdf", "clean", "", ""))
        # and each sheet on one page of its own size (Calc's SinglePageSheets)
        if wanted("calcfit"):
            soffice(profile,
                    'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}',
                    xlsx, os.path.join(out, name + "-calcfit.pdf"),
                    os.path.join(out, name + ".soffice-fit.log"))
            manifest.append(("calcfit", name + "-calcfit.pdf", "clean", "", ""))
        cls = "\\documentclass[UTF8,a4paper,zihao=-4]{ctexart}\n"
        assert cls in own, "the documentclass line of budc latex changed"
        variant("fonts", own.replace(
            cls, cls + "\\setCJKmainfont{AR PL KaitiM GB}\n\\setmainfont{DejaVu Sans}\n"))
        geo = "\\usepackage[margin=2cm,headheight=15pt]{geometry}"
        assert geo in own, "the geometry line of budc latex changed"
        # landscape pages, every table upright on them (budc's turned
        # tables, pdflscape, made upright)
        variant("landscape", own.replace(geo, geo.replace("]{", ",landscape]{"))
                .replace("\\begin{landscape}\n", "").replace("\\end{landscape}\n", ""))
        # rows two and a half times as tall: every long table runs over pages
        variant("split", own.replace("\\begin{document}",
                                     "\\renewcommand\\arraystretch{2.5}\n\\begin{document}"))
        # 12,066,500.00 is wider than 1206.65: the tables in a smaller size
        variant("yuan", yuan(own).replace("\\begingroup\\small", "\\begingroup\\tiny")
                .replace("\\begingroup\\footnotesize", "\\begingroup\\tiny"))
        # the defects, planted where the example prints these figures (the
        # seed does; the others get the clean variants only)
        defects = [
            ("narrative", "2023年预算收入1206.65万元", "2023年预算收入0.3万元", "E-QUOTE-VALUE",
             "预算收入 ?0\\.3 ?万元"),
            ("sangong", "9 & 三、公务接待费 & 0.43 & 0.43 &  &  & 0.46 & -0.03 \\\\",
             "9 & 三、公务接待费 & 0.46 & 0.46 &  &  & 0.46 & -0.03 \\\\", "E-TABLE",
             "公务接待费 +0\\.46 +0\\.46 +0\\.46"),
            ("row", "14 & 30201 & 办公费 & 2.50 &  & 2.50 \\\\", "14 & 30201 & 办公费 & 2.60 &  & 2.50 \\\\",
             "E-TABLE", "30201 +办公费 +2\\.60"),
            # a figure that does not parse (a letter O for a zero): no
            # budget, one error on its page
            ("figure", "14 & 30201 & 办公费 & 2.50 &  & 2.50 \\\\", "14 & 30201 & 办公费 & 2.5O &  & 2.50 \\\\",
             "not an amount", "30201 +办公费 +2\\.5O"),
        ]
        for v, was, now, code, pattern in defects:
            if was in own:
                variant(v, own.replace(was, now), v, code, pattern)
    with open(os.path.join(out, "corpus.tsv"), "w") as f:
        for m in manifest:
            f.write("\t".join(m) + "\n")


if __name__ == "__main__":
    main()
