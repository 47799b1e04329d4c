"""same_projects.py A.json B.json [--pdf|--one-unit] — whether two budgets (budc json)
have the same projects, indicators, procurement and assets: the parts of a
budget that `budc import` reads back from a workbook (tests/outputs/import.sh)
or a PDF (tests/outputs/pdf_import.sh, --pdf: the projects, their indicators
and purchase lines as the 绩效目标表 and the 政府采购 table print them: not
the project's 科目编码 nor its unit, which a PDF imports as one, and
without the spaces of the text, which xeCJK prints between Chinese and
digits whether or not the source has them; --one-unit: all but the unit,
for a budget imported as one unit standing for the department).  A 决算's 绩效自评 (result),
tracked and problems are in neither, and a project's unit is compared by
its name.  Prints the first difference and exits 1; exits 0 when the same."""
import json
import sys


def nospace(v):
    if isinstance(v, str):
        return v.replace(' ', '')
    if isinstance(v, list):
        return [nospace(x) for x in v]
    if isinstance(v, dict):
        return {k: nospace(x) for k, x in v.items()}
    return v


def projects(d, pdf, one_unit=False):
    units = {u['id']: u['name'] for u in d.get('units', [])} if isinstance(d.get('units'), list) else {}
    out = []
    for p in d.get('projects') or []:
        q = {'name': p['name'], 'amount': p.get('amount'), 'goal': p.get('goal'),
             'indicators': p.get('indicators') or [], 'purchases': p.get('purchases') or []}
        if not pdf:
            q['code'] = p.get('code')
            if not one_unit:
                q['unit'] = units.get(p.get('unit'), p.get('unit'))
        out.append(nospace(q) if pdf else q)
    return out


def main():
    a, b = (json.load(open(f, encoding='utf-8')) for f in sys.argv[1:3])
    pdf, one = '--pdf' in sys.argv, '--one-unit' in sys.argv
    parts = [('projects', projects(a, pdf, one), projects(b, pdf, one)),
             ('procurement', a.get('procurement'), b.get('procurement'))]
    if not pdf:
        parts += [('assets', a.get('assets'), b.get('assets'))]
    for name, x, y in parts:
        if x != y:
            xs, ys = (json.dumps(v, ensure_ascii=False, sort_keys=True) for v in (x, y))
            i = next((k for k in range(min(len(xs), len(ys))) if xs[k] != ys[k]), min(len(xs), len(ys)))
            print(f'{name} differ at {i}: {xs[max(0, i - 60):i + 80]!r} vs {ys[max(0, i - 60):i + 80]!r}')
            return 1
    if not projects(a, pdf):
        print('no projects to compare')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
