#!/usr/bin/env python3
"""fmt_corpus.py BUDC DIR LEAST: step 2 of tests/outputs/fmt.sh, over
the FILEs named on standard input (one a line).

For each file: `budc fmt FILE` (exit 0, or 1 for a file of tests/golden/
with a syntax error, which is skipped) written to DIR/N.bud; the original
copied beside it (DIR/N.orig.bud, so that an import neither can reach fails
alike); `budc parse` of both must exit alike and print the same tree less
the line:column of its nodes.  Then, over all of them: one
`budc fmt --check` of the formatted files (idempotence: fmt(fmt(x)) =
fmt(x), since --check compares what fmt prints with the file's bytes), and
the same multiset of comment texts (less the blanks at their end) and of
string literals before and after.

One program instead of a shell loop: the suite spent most of this step
forking (ten processes a file); here each file costs the three budc runs.
Prints "ok" for each check that passed and "bad MESSAGE" (then detail
lines indented by two spaces) for each that failed; tests/outputs/fmt.sh
counts them.  At least LEAST files must be formatted and give a tree.
"""
import collections
import os
import re
import shutil
import subprocess
import sys

BLANKS = " \t\r\u3000\u00a0"
LOC = re.compile(r'^( *)[0-9]+:[0-9]+ ', re.M)


def scan(path):
    text = open(path, encoding="utf-8", newline="").read().lstrip("\ufeff")
    comments, strings = [], []
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            if line[i] == "\"":
                j = i + 1
                while j < len(line) and line[j] != "\"":
                    j += 2 if line[j] == "\\" else 1
                strings.append(line[i:j + 1])
                i = j + 1
            elif line.startswith("//", i):
                comments.append(line[i:].rstrip(BLANKS))
                break
            else:
                i += 1
    return collections.Counter(comments), collections.Counter(strings)


def parse(budc, path):
    r = subprocess.run([budc, "parse", path], capture_output=True)
    tree = LOC.sub(r"\1", r.stdout.decode("utf-8", "replace")) if r.stdout else ""
    return r.returncode, tree


def bad(msg, detail=""):
    print("bad " + msg)
    for line in detail.splitlines()[:10]:
        print("  " + line)


def main():
    budc, out, least = sys.argv[1], sys.argv[2], int(sys.argv[3])
    files = [l for l in sys.stdin.read().splitlines() if l]
    os.makedirs(out, exist_ok=True)
    pairs, trees = [], 0
    for n, f in enumerate(files, 1):
        fmt = os.path.join(out, "%d.bud" % n)
        with open(fmt, "wb") as o:
            r = subprocess.run([budc, "fmt", f], stdout=o, stderr=subprocess.PIPE)
        if r.returncode == 1 and f.startswith("tests/golden/"):
            continue  # a syntax error: not formatted
        if r.returncode != 0:
            bad("fmt: budc fmt %s exits %d" % (f, r.returncode), r.stderr.decode("utf-8", "replace"))
            continue
        orig = os.path.join(out, "%d.orig.bud" % n)
        shutil.copyfile(f, orig)
        sa, ta = parse(budc, orig)
        sb, tb = parse(budc, fmt)
        if sa != sb:
            bad("fmt: budc parse exits %d on %s and %d on its formatted copy" % (sa, f, sb))
        elif ta == tb:
            print("ok")
        else:
            import difflib
            bad("fmt: the syntax tree of %s changes when it is formatted" % f,
                "".join(difflib.unified_diff(ta.splitlines(True), tb.splitlines(True))))
        if ta:
            trees += 1
        pairs.append((f, fmt))
    # idempotence, all at once: --check names each file it would change
    r = subprocess.run([budc, "fmt", "--check"] + [p for _, p in pairs], capture_output=True)
    named = set(r.stdout.decode("utf-8", "replace").splitlines())
    back = {p: f for f, p in pairs}
    if r.returncode not in (0, 1) or (r.returncode == 1) != bool(named):
        bad("fmt: budc fmt --check of the formatted corpus exits %d" % r.returncode,
            r.stderr.decode("utf-8", "replace"))
    for f, p in pairs:
        if p in named:
            again = subprocess.run([budc, "fmt", p], capture_output=True).stdout
            import difflib
            bad("fmt: not idempotent on %s" % f, "".join(difflib.unified_diff(
                open(p, encoding="utf-8").read().splitlines(True),
                again.decode("utf-8", "replace").splitlines(True))))
        else:
            print("ok")
    if len(pairs) < least:
        bad("fmt: only %d files formatted in step 2" % len(pairs))
    if trees < least:
        bad("fmt: budc parse printed a syntax tree for only %d files of step 2" % trees)
    else:
        print("ok")
    wrong = []
    for f, p in pairs:
        (c1, s1), (c2, s2) = scan(f), scan(p)
        if c1 != c2:
            wrong.append("fmt: comments of %s differ after formatting: lost %s, gained %s"
                         % (f, list((c1 - c2).elements())[:3], list((c2 - c1).elements())[:3]))
        if s1 != s2:
            wrong.append("fmt: strings of %s differ after formatting: lost %s, gained %s"
                         % (f, list((s1 - s2).elements())[:3], list((s2 - s1).elements())[:3]))
    if wrong:
        bad("fmt: comments or strings changed", "\n".join(wrong))
    else:
        print("ok")


if __name__ == "__main__":
    main()
