"""same_projects.py A.json B.json [--pdf] — whether two budgets (budc json)
have the same projects, indicators, procurement and assets: the parts of a
budget that `budc import` reads back from a workbook (tests/outputs/import.sh)
or a PDF (tests/outputs/pdf_import.sh, --pdf: the projects and their
indicators only, as the 绩效目标表 prints them).  A 决算's 绩效自评 (result),
tracked and problems are in neither, and a project's unit is compared by
its name.  Prints the first difference and exits 1; exits 0 when the same."""
import json
import sys


def projects(d, pdf):
    units = {u['id']: u['name'] for u in d.get('units', [])} if isinstance(d.get('units'), list) else {}
    out = []
    for p in d.get('projects') or []:
        q = {'name': p['name'], 'code': p.get('code'), 'amount': p.get('amount'),
             'goal': p.get('goal'), 'indicators': p.get('indicators') or []}
        if not pdf:
            q['unit'] = units.get(p.get('unit'), p.get('unit'))
            q['purchases'] = p.get('purchases') or []
        out.append(q)
    return out


def main():
    a, b = (json.load(open(f, encoding='utf-8')) for f in sys.argv[1:3])
    pdf = '--pdf' in sys.argv
    parts = [('projects', projects(a, pdf), projects(b, pdf))]
    if not pdf:
        parts += [('procurement', a.get('procurement'), b.get('procurement')),
                  ('assets', a.get('assets'), b.get('assets'))]
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
