#!/usr/bin/env python3
"""mutate.py BUDC EXAMPLE.bud — changes, one at a time, every amount of a
budget that takes part in an identity, and expects `budc check` to fail with
an error or note that points at the changed line.

An amount takes part in an identity when another number must agree with it:
income, spending, economic and 三公 lines (fund balances, the stated tables),
the cells of stated tables, the figures quoted in the narrative
({path = value}), last year's figures the narrative quotes, the asset values
(资产总额 = Σ rows, quoted), the planned purchase (quoted) and the amounts of
purchase lines (Σ ≤ the project's amount, 采购.合计 quoted).  Each is raised
by one cent (0.01, or 1 for whole numbers).

Prints one line per mutation that budc let through and ends with
"N mutations, N caught"; exits 1 if any was missed.

With --every N, only every N-th mutation (the first, the N+1-th, …): the
sanitizer pass of the suite samples them (the plain pass makes them all).

With --record FILE, also writes every mutation and what budc said about it
into FILE, for the pinned outputs of tests/pins/ (tests/outputs/pins.sh
compares them): of the diagnostics that the unchanged budget does not get,
the first in full (its line, the source line and the caret, the temporary
directory written W), and the number and SHA-256 of all of them.
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

NUM = re.compile(r'(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])')


def bump(text):
    d = Decimal(text)
    step = Decimal(1).scaleb(d.as_tuple().exponent)  # one unit of the last digit
    if d.as_tuple().exponent == 0:
        step = Decimal(1)
    return str(d + step)


def strip_strings(line):
    """The line with strings blanked out (same length), and the comment cut."""
    out, i, in_str = [], 0, False
    while i < len(line):
        ch = line[i]
        if in_str:
            if ch == '\\' and i + 1 < len(line):
                out.append('  ')
                i += 2
                continue
            if ch == '"':
                in_str = False
            out.append(' ' if ch != '"' else '"')
        else:
            if ch == '"':
                in_str = True
            elif line.startswith('//', i):
                break
            out.append(ch)
        i += 1
    return ''.join(out)


def sites(path):
    """(line_no, start, end) of every amount to mutate in PATH."""
    found = []
    stack = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for no, line in enumerate(lines, 1):
        bare = strip_strings(line)
        words = bare.split()
        head = words[0] if words else ''
        block = stack[-1] if stack else ''
        if bare.rstrip().endswith('{'):
            stack.append(head)
        elif head == '}':
            if stack:
                stack.pop()
            continue
        if block in ('income', 'carryover', 'spending', 'economic', 'sangong', 'prior', 'table', 'assets'):
            nums = list(NUM.finditer(bare))
            if block in ('spending', 'economic', 'table') and nums and bare.split()[0] == nums[0].group():
                nums = nums[1:]  # the code
            if block == 'assets' and head == '办公用房':
                nums = []  # "of which": bounded by 房屋, in no sum
            if block == 'assets' and head != 'planned' and nums:
                nums = nums[1:]  # the quantity
            for m in nums:
                found.append((no, m.start(), m.end()))
        elif head == 'purchase':
            for m in re.finditer(r'\b(?:amount|sme) (\d+(?:\.\d+)?)', bare):
                found.append((no, m.start(1), m.end(1)))
        # quoted figures in narrative text: {expr = value}
        for m in re.finditer(r'=\s*(\d+(?:\.\d+)?)\s*\}', line):
            found.append((no, m.start(1), m.end(1)))
    return lines, found


def blocks(text):
    """The diagnostics of TEXT: each its first line and the indented lines after it."""
    out = []
    for line in text.splitlines(keepends=True):
        if out and line.startswith(' '):
            out[-1] += line
        else:
            out.append(line)
    return out


def run_check(budc, src_dir, work, entry, tmp):
    """What budc says of the unchanged budget, copied to WORK (written W)."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(src_dir, work)
    r = subprocess.run([budc, 'check', '-fmax-errors=0', os.path.join(work, os.path.basename(entry))],
                       capture_output=True, text=True, cwd=tmp)
    return r.stderr.replace(work, 'W')


# Mutants are checked BATCH at a time by one budc: each in a copy of the
# budget's folder of its own (w0, w1, …), all named on one command line.
# budc checks each file as it would alone and prints its diagnostics in the
# order of the files, so what it says of a mutant is the run of lines from
# the first that names the mutant's folder up to the first that names the
# next's (a note in the standard library stays with the diagnostic it
# follows).  One process instead of one a mutant: the start-up and the
# reading of the standard library are paid once a batch.  When a batch does
# not exit 1 (a crash, a usage error), its mutants are run one by one again,
# so that the one at fault is named.
BATCH = 32


def split_by_dir(stderr, dirs):
    """STDERR of a run over the folders DIRS, cut into what each was told."""
    out = [''] * len(dirs)
    marks = [d + os.sep for d in dirs]
    cur = 0
    for line in stderr.splitlines(keepends=True):
        if not line.startswith(' '):
            for k, m in enumerate(marks):
                if line.startswith(m):
                    cur = k
                    break
        out[cur] += line
    return out


def main():
    args = sys.argv[1:]
    record = None
    if '--record' in args:
        i = args.index('--record')
        record = open(args[i + 1], 'w', encoding='utf-8')
        del args[i:i + 2]
    every = 1
    if '--every' in args:
        i = args.index('--every')
        every = int(args[i + 1])
        del args[i:i + 2]
    budc, entry = os.path.abspath(args[0]), args[1]
    src_dir = os.path.dirname(os.path.abspath(entry))
    base = os.path.splitext(os.path.basename(entry))[0]
    files = [entry] + sorted(
        os.path.join(dp, fn)
        for dp, _, fns in os.walk(os.path.join(src_dir, base))
        for fn in fns if fn.endswith('.bud'))
    # every mutation, in order: (file relative to the folder, its text, line, start, end)
    todo = []
    index = 0
    for path in files:
        rel = os.path.relpath(path, src_dir)
        with open(path, encoding='utf-8') as f:
            original = f.read()
        lines, found = sites(path)
        for no, start, end in found:
            index += 1
            if (index - 1) % every == 0:
                todo.append((rel, original, lines, no, start, end))
    total = caught = 0
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        if record:
            baseline = set(blocks(run_check(budc, src_dir, os.path.join(tmp, 'b'), entry, tmp)))
        works = []
        for b in range(0, len(todo), BATCH):
            batch = todo[b:b + BATCH]
            while len(works) < len(batch):
                w = os.path.join(tmp, 'w%d' % len(works))
                shutil.copytree(src_dir, w)
                works.append(w)
            news = []
            for (rel, original, lines, no, start, end), w in zip(batch, works):
                old = lines[no - 1][start:end]
                new = bump(old)
                mutated = list(lines)
                mutated[no - 1] = lines[no - 1][:start] + new + lines[no - 1][end:]
                with open(os.path.join(w, rel), 'w', encoding='utf-8') as f:
                    f.write('\n'.join(mutated))
                news.append((old, new))
            used = works[:len(batch)]
            entries = [os.path.join(w, os.path.basename(entry)) for w in used]
            r = subprocess.run([budc, 'check', '-fmax-errors=0'] + entries,
                               capture_output=True, text=True, cwd=tmp)
            if r.returncode == 1:
                said = split_by_dir(r.stderr, used)
                codes = [1 if ': error: ' in s else 0 for s in said]
            else:
                said, codes = [], []
                for e in entries:
                    one = subprocess.run([budc, 'check', '-fmax-errors=0', e],
                                         capture_output=True, text=True, cwd=tmp)
                    said.append(one.stderr)
                    codes.append(one.returncode)
            for (rel, original, lines, no, start, end), w, (old, new), err, code in \
                    zip(batch, used, news, said, codes):
                with open(os.path.join(w, rel), 'w', encoding='utf-8') as f:
                    f.write(original)
                total += 1
                if record:
                    record.write('== %s:%d:%d %s -> %s: exit %d\n' % (rel, no, start + 1, old, new, code))
                    new_blocks = [x for x in blocks(err.replace(w, 'W')) if x not in baseline]
                    if new_blocks:
                        record.write(new_blocks[0])
                    digest = hashlib.sha256(''.join(new_blocks).encode('utf-8')).hexdigest()
                    record.write('   %d new diagnostics, sha256 %s\n' % (len(new_blocks), digest[:16]))
                where = '%s:%d:' % (os.path.join(w, rel), no)
                points = any(where in l for l in err.splitlines()
                             if ': error: ' in l or ': note: ' in l)
                if code == 1 and points:
                    caught += 1
                else:
                    why = 'exit %d' % code if code != 1 else 'no diagnostic at the line'
                    print('MISSED: %s:%d: %s -> %s (%s)' % (rel, no, old, new, why))
    if record:
        record.close()
    print('%d mutations, %d caught' % (total, caught))
    return 0 if caught == total and total > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
