#!/usr/bin/env python3
"""run.py [--only ID,...] [--list] — mutation testing of the checker (make mutate).

Copies the tree (without build/, out/ and .git) to a scratch directory,
checks that the suite passes there, then applies each mutant of
tests/mutants/mutants.txt in turn, rebuilds (only the changed file
recompiles) and runs the suite with BUDC_TEST_FAILFAST set, so that it stops
at its first failure: first its quick parts (QUICK), then, when the mutant
survives them, all of it.  A mutant is killed when the suite fails (or the
build does, or the suite exceeds three times the clean run's time); it
survives when the suite passes.

Prints one line per mutant and ends with the score.  Exits 1 when a mutant
that is not marked `equivalent:` survives or a mutant no longer applies (its
text is not in its file exactly once), 0 otherwise.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Mutant:
    def __init__(self, ident, what, line):
        self.id, self.what, self.line = ident, what, line
        self.file = None
        self.old = None
        self.new = None
        self.equivalent = None


def parse(path):
    mutants, cur = [], None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            m = re.match(r"^=== (\S+) (.+)$", line)
            if m:
                cur = Mutant(m.group(1), m.group(2), n)
                mutants.append(cur)
                continue
            if cur is None:
                sys.exit(f"{path}:{n}: a line before the first '=== ID what'")
            if line.startswith("file: "):
                cur.file = line[6:].strip()
            elif line.startswith("-"):
                cur.old = line[1:].strip()
            elif line.startswith("+"):
                cur.new = line[1:].strip()
            elif line.startswith("equivalent: "):
                cur.equivalent = line[12:].strip()
            else:
                sys.exit(f"{path}:{n}: expected 'file:', '- TEXT', '+ TEXT' or 'equivalent:'")
    for m in mutants:
        if not m.file or m.old is None or m.new is None:
            sys.exit(f"{path}:{m.line}: mutant {m.id} needs 'file:', '-' and '+'")
    ids = [m.id for m in mutants]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"{path}: mutant ids used twice: {', '.join(sorted(dup))}")
    return mutants


def apply(text, m):
    """TEXT with M applied, or None when M's text is not there exactly once."""
    lines = text.split("\n")
    hits = [i for i, l in enumerate(lines) if l.strip() == m.old]
    if len(hits) != 1:
        return None
    i = hits[0]
    if m.new == "":
        del lines[i]
    else:
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        lines[i] = indent + m.new
    return "\n".join(lines)


# The parts of tests/run.sh that kill most mutants in seconds: a mutant that
# survives them meets the whole suite.
QUICK = "unit golden checks docs cli"


def suite(tree, build, env, timeout, parts=None):
    """(passed, first failure or reason, seconds)."""
    marker = os.path.join(tree, build, "failfast")
    if os.path.exists(marker):
        os.remove(marker)
    env = dict(env, BUDC_TEST_FAILFAST=marker)
    if parts:
        env["BUDC_TEST_PARTS"] = parts
    t0 = time.monotonic()
    try:
        r = subprocess.run(["make", "-s", "--no-print-directory", "BUILD=" + build, "test"],
                           cwd=tree, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout:.0f} s", time.monotonic() - t0
    dt = time.monotonic() - t0
    out = r.stdout.decode("utf-8", "replace")
    first = next((l for l in out.splitlines() if l.startswith("FAIL")), None)
    if r.returncode == 0 and not os.path.exists(marker):
        return True, "", dt
    if first is None:
        first = next((l for l in out.splitlines() if "error" in l), "the build or the suite failed")
    return False, first[:160], dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="comma-separated mutant ids")
    ap.add_argument("--list", action="store_true", help="list the mutants and check they apply")
    ap.add_argument("--keep", action="store_true", help="keep the scratch tree")
    args = ap.parse_args()

    mutants = parse(os.path.join(ROOT, "tests", "mutants", "mutants.txt"))
    if args.only:
        want = set(args.only.split(","))
        unknown = want - {m.id for m in mutants}
        if unknown:
            sys.exit(f"run.py: unknown mutant ids: {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m.id in want]

    stale = []
    for m in mutants:
        with open(os.path.join(ROOT, m.file), encoding="utf-8") as f:
            if apply(f.read(), m) is None:
                stale.append(m)
    for m in stale:
        print(f"STALE {m.id}: '{m.old}' is not in {m.file} exactly once "
              f"(tests/mutants/mutants.txt:{m.line}): update the mutant")
    if args.list:
        for m in mutants:
            print(f"{m.id:4} {m.file}: {m.what}")
        return 1 if stale else 0
    if stale:
        return 1

    scratch = tempfile.mkdtemp(prefix="budc-mutate-")
    tree = os.path.join(scratch, "tree")
    ignore = shutil.ignore_patterns(".git", "build", "out", "node_modules")
    shutil.copytree(ROOT, tree, ignore=ignore, symlinks=True)
    nm = os.path.join(ROOT, "editors", "vscode", "node_modules")
    if os.path.isdir(nm):
        os.symlink(nm, os.path.join(tree, "editors", "vscode", "node_modules"))
    build = "build/mutant"
    env = dict(os.environ)
    env.pop("PIN_BLESS", None)
    env.pop("DIFF_BLESS", None)
    env.pop("CSV_BLESS", None)

    try:
        ok, why, clean = suite(tree, build, env, None)
        if not ok:
            print(f"the suite fails without a mutant ({why}): fix it first")
            return 1
        print(f"the suite passes unmutated in {clean:.0f} s; {len(mutants)} mutants")
        killed, survived = 0, []
        for m in mutants:
            path = os.path.join(tree, m.file)
            with open(path, encoding="utf-8") as f:
                orig = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(apply(orig, m))
            try:
                ok, why, dt = suite(tree, build, env, 3 * clean + 60, QUICK)
                if ok:
                    ok, why, dt2 = suite(tree, build, env, 3 * clean + 60)
                    dt += dt2
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(orig)
                # the restored file must be rebuilt even within the same second
                os.utime(path, None)
            if ok:
                survived.append(m)
                tag = "SURVIVED (equivalent)" if m.equivalent else "SURVIVED"
                print(f"{tag:22} {m.id:4} {m.file}: {m.what}", flush=True)
                if m.equivalent:
                    print(f"{'':22} equivalent: {m.equivalent}")
            else:
                killed += 1
                print(f"{'killed':22} {m.id:4} in {dt:4.0f} s by {why}", flush=True)
        n = len(mutants)
        equiv = sum(1 for m in survived if m.equivalent)
        print(f"\nmutation score: {killed} of {n} killed ({100 * killed // max(n, 1)} %), "
              f"{len(survived) - equiv} survived, {equiv} survived as argued equivalent")
        return 1 if len(survived) > equiv else 0
    finally:
        if args.keep:
            print(f"scratch tree kept in {tree}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
