"""layers.py BUILD — the shape of src/ (docs/internals in README.md).

Prints one line per violation and ends with "layers: N problems"; exits 1
when there is one.  Checks:

  1. each stage folder includes only itself and the stages below it:
     base < front < model < check < emit < import < tools < driver < lsp (the
     generated parser.h and lexer.h only from front/); the language server
     compiles through driver/compile.h, and the command line (driver/main.c,
     only it) starts it through lsp/lsp.h;
  2. no two C files call each other, directly or through others: the
     functions each object file of BUILD/obj defines and uses (nm) make a
     graph, which has no cycle;
  3. no C file is over 900 lines;
  4. no C file names a table of a disclosure by its title (the titles of
     stdlib/*/tables.bud): what a disclosure prints is data;
  5. each stage folder has a README.md.
"""
import glob
import os
import re
import subprocess
import sys

STAGES = ['base', 'front', 'model', 'check', 'emit', 'import', 'tools', 'driver', 'lsp']
RANK = {s: i for i, s in enumerate(STAGES)}
MAX_LINES = 900


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    problems = []
    sources = sorted(glob.glob('src/*/*.[ch]'))
    # 1. includes
    for path in sources:
        stage = path.split('/')[1]
        if stage not in RANK:
            problems.append('%s: %s is not a stage folder (%s)' % (path, stage, ', '.join(STAGES)))
            continue
        with open(path, encoding='utf-8') as f:
            for no, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m:
                    continue
                inc = m.group(1)
                if inc in ('parser.h', 'lexer.h'):
                    if stage != 'front':
                        problems.append('%s:%d: includes the generated %s (front/ only)' % (path, no, inc))
                    continue
                if '/' not in inc:
                    problems.append('%s:%d: includes "%s" without its folder' % (path, no, inc))
                    continue
                to = inc.split('/')[0]
                if to not in RANK:
                    problems.append('%s:%d: includes "%s", not a stage' % (path, no, inc))
                elif path == 'src/driver/main.c' and inc == 'lsp/lsp.h':
                    pass  # the command line starts the language server
                elif RANK[to] > RANK[stage]:
                    problems.append('%s:%d: %s/ includes %s, a later stage (%s)' % (path, no, stage, inc, ' < '.join(STAGES)))
    # 2. no calls in circles
    objs, paths = {}, {}
    for path in sorted(glob.glob('src/*/*.c')):
        obj = os.path.join(build, 'obj', path[4:-2] + '.o')
        if not os.path.exists(obj):
            problems.append('%s: no object %s (build first)' % (path, obj))
            continue
        paths[obj] = path
        objs[path] = (set(), set())
    # one nm for every object (-A: each line begins "OBJECT:"), not one a file
    out = subprocess.run(['nm', '-A'] + list(paths), capture_output=True, text=True,
                         check=True).stdout if paths else ''
    for line in out.splitlines():
        obj, _, rest = line.partition(':')
        defined, used = objs[paths[obj]]
        p = rest.split()
        if len(p) == 3 and p[1] in 'TDBR':
            defined.add(p[2])
        elif len(p) == 2 and p[0] == 'U':
            used.add(p[1])
    owner = {s: f for f, (d, _) in objs.items() for s in d}
    graph = {f: sorted({owner[s] for s in u if s in owner and owner[s] != f}) for f, (_, u) in objs.items()}
    for comp in sccs(graph):
        if len(comp) > 1:
            problems.append('calls in a circle: %s' % ' -> '.join(sorted(comp)))
    # 3. size
    for path in sorted(glob.glob('src/*/*.c')):
        with open(path, encoding='utf-8') as f:
            n = sum(1 for _ in f)
        if n > MAX_LINES:
            problems.append('%s: %d lines (at most %d: split it where it does two jobs)' % (path, n, MAX_LINES))
    # 4. table titles
    titles = set()
    for path in glob.glob('stdlib/*/tables.bud'):
        with open(path, encoding='utf-8') as f:
            titles |= set(re.findall(r'^\s*table\s+\S+\s+"([^"]+)"', f.read(), re.M))
    if not titles:
        problems.append('stdlib/*/tables.bud defines no table')
    for path in sorted(glob.glob('src/*/*.[ch]') + glob.glob('fuzz/*.[ch]')):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for t in sorted(titles):
            if t in text:
                problems.append('%s: names the table %s, which belongs in stdlib/' % (path, t))
    # 5. READMEs
    for stage in STAGES:
        if not os.path.exists('src/%s/README.md' % stage):
            problems.append('src/%s/ has no README.md' % stage)
    for p in problems:
        print(p)
    print('layers: %d problem%s' % (len(problems), '' if len(problems) == 1 else 's'))
    return 1 if problems else 0


def sccs(graph):
    """The strongly connected components of GRAPH (Tarjan, iterative)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(graph.get(w, []))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                out.append(comp)
    return out


if __name__ == '__main__':
    sys.exit(main())
