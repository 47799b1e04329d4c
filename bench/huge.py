#!/usr/bin/env python3
"""huge.py — one huge department, for the memory target of issue 16.

  python3 bench/huge.py KIND N OUT.bud

KIND is `glossary` (N glossary entries), `catalog` (N rows of a local
function catalogue) or `projects` (N projects, each with a goal and two
indicators).  The department is small otherwise (one unit, one line of
spending), so the file is almost all of the one kind; `make bench` checks
each with `budc check` and compares its peak memory with 2 × the input +
16 MiB.
"""
import sys

HEAD = '''import "std/2023.bud"

department 901 "示例县大数据局" {
  year 2023
  money 万元
}

unit 本级 "示例县大数据局（本级）" {
  nature 行政
  rank 正科级
  funding "财政拨款"
  income {
    一般公共预算 %(total)s
  }
  spending 一般公共预算 {
    2010101 基本 100.00
%(project_line)s  }
  economic 一般公共预算 {
    30101 100.00
  }
'''


def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(out, "w", encoding="utf-8") as f:
        w = f.write
        if kind == "projects":
            total = "%d.00" % (100 + n)
            w(HEAD % {"total": total, "project_line": "    2010102 项目 %d.00\n" % n})
            for i in range(n):
                w('  project "数据治理项目%07d" {\n' % i)
                w('    code 2010102\n    amount 1.00\n')
                w('    goal "完成第%d批政务数据的归集、清洗和共享，提升数据质量。"\n' % i)
                w('    indicators {\n')
                w('      产出指标 数量指标 "归集数据条数%d" - ≥%d条 "年度工作计划"\n' % (i, 1000 + i % 977))
                w('      成本指标 "成本控制数" "项目预算控制数" ≤1万元 "预算金额"\n')
                w('    }\n  }\n')
            w('}\n')
        else:
            w(HEAD % {"total": "100.00", "project_line": ""})
            w('}\n\n')
            if kind == "glossary":
                w('glossary {\n')
                for i in range(n):
                    w('  "名词%07d" "指第%d项政务数据资源的归集、共享与开放。"\n' % (i, i))
                w('}\n')
            elif kind == "catalog":
                w('catalog procurement 2023 "本地采购品目" {\n')
                for i in range(n):
                    w('  C9%07d "本地品目%07d"\n' % (i, i))
                w('}\n')
            else:
                raise SystemExit("huge.py: KIND is glossary, catalog or projects")


if __name__ == "__main__":
    main()
