#!/usr/bin/env python3
"""tests/coverage.py — what code each part of a sanitized test pass covers.

    python3 tests/coverage.py DIR [OTHER_DIR [BUILD]]
    python3 tests/coverage.py --select DIR > tests/sanitized/runs.txt

DIR holds the files tests/sanitized/coverage.c writes when BUDC_COVERAGE
names it (make asan-coverage runs the sanitized pass so).  Prints the edges
of budc's code the pass covered (libFuzzer's edges: the sanitized build's
-fsanitize=fuzzer-no-link), and for each part how many it covered and how
many no other part covered: a part whose runs cover nothing the others do
not adds no code to the sanitized pass (only other data through the same
code).

With OTHER_DIR (a second pass of the same build), prints the edges each
pass covered that the other did not, by module: what the sampling of
BUDC_TEST_SANITIZED=1 gives up against a pass that runs everything; and
where in the source those edges are (addr2line, reading the edge table of
BUILD/MODULE, build/asan by default).

--select (make asan-select) chooses the runs the sanitized pass runs
sanitized, from a pass that ran every run sanitized: the runs of the
parts it always runs so (ALWAYS: their data is the point), then, again
and again, the run (all the runs of one key, run_key.h) that covers the
most edges not yet covered for the processor time it costs, until every
edge is.  It prints runs.txt: "s KEY" for a key whose runs stay sanitized,
"p KEY" for one whose runs the plain build can run (tests/sanitized/select.c).
"""
import collections
import os
import struct
import subprocess
import sys


Run = collections.namedtuple("Run", "part key cpu mods")


def read_runs(directory):
    """[Run(part, key, cpu ms, {module: int bitset})] of the files in
    DIRECTORY"""
    runs = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".cov"):
            continue
        with open(os.path.join(directory, name), "rb") as f:
            data = f.read()
        pos = 0

        def line():
            nonlocal pos
            end = data.index(b"\n", pos)
            text = data[pos:end].decode("utf-8", "replace")
            pos = end + 1
            return text

        try:
            part = line()[len("part "):]
            key = line()[len("key "):]
            cpu = int(line()[len("cpu "):])
            mods = {}
            while pos < len(data):
                _, mod, edges = line().split(" ")
                n = (int(edges) + 7) // 8
                mods[mod] = int.from_bytes(data[pos:pos + n], "little")
                pos += n + 1
        except (ValueError, IndexError):
            continue  # cut short (a run killed while writing): left out
        runs.append(Run(part, key, cpu, mods))
    return runs


def union(runs):
    total = collections.defaultdict(int)
    for r in runs:
        for mod, bits in r.mods.items():
            total[mod] |= bits
    return total


def count(bits_by_module):
    return sum(bin(b).count("1") for b in bits_by_module.values())


def edge_lines(binary, bits):
    """the source lines (function file:line) of the edges set in BITS of
    BINARY, from its __sancov_pcs table (an executable not built as a PIE:
    the table holds the addresses addr2line reads)"""
    try:
        sections = subprocess.run(["readelf", "-SW", binary], capture_output=True,
                                  text=True, check=True).stdout
        with open(binary, "rb") as f:
            image = f.read()
    except (OSError, subprocess.CalledProcessError):
        return []
    for line in sections.splitlines():
        if "__sancov_pcs" in line:
            fields = line.split("]", 1)[1].split()
            off, size = int(fields[3], 16), int(fields[4], 16)
            break
    else:
        return []
    pcs = [struct.unpack_from("<Q", image, off + 16 * i)[0] for i in range(size // 16)]
    wanted = [hex(pcs[i]) for i in range(len(pcs)) if bits >> i & 1]
    if not wanted:
        return []
    out = subprocess.run(["addr2line", "-f", "-e", binary] + wanted, capture_output=True,
                         text=True).stdout.splitlines()
    return ["%s %s" % (out[i + 1].replace(os.getcwd() + "/", ""), out[i])
            for i in range(0, len(out) - 1, 2)]


ALWAYS = ("output tests/outputs/hostile.sh",)


def select(directory):
    runs = read_runs(directory)
    if not runs:
        sys.exit("coverage: no coverage files in %s" % directory)
    flat = {}  # module name -> bit offset, so that a run's edges are one int
    for r in runs:
        for m in sorted(r.mods):
            flat.setdefault(m, 100000 * len(flat))
    covered, keys, always = 0, {}, set()
    for r in runs:
        bits = 0
        for m, b in r.mods.items():
            bits |= b << flat[m]
        if r.part in ALWAYS:
            covered |= bits
            always.add(r.key)
            continue
        edges, cost = keys.get(r.key, (0, 0))
        keys[r.key] = (edges | bits, cost + r.cpu + 20)  # 20 ms: starting a run
    total = covered
    for edges, _ in keys.values():
        total |= edges
    chosen = set()
    while covered != total:
        key = max((k for k in keys if k not in chosen),
                  key=lambda k: bin(keys[k][0] & ~covered).count("1") / keys[k][1])
        chosen.add(key)
        covered |= keys[key][0]
    cost = sum(c for _, c in keys.values())
    kept = sum(keys[k][1] for k in chosen)
    print("# tests/sanitized/runs.txt: which runs of the sanitized pass run sanitized.")
    print("# Written by make asan-select (tests/coverage.py --select) from a pass of")
    print("# %d runs that covered %d edges: the %d keys marked s cover them all (with" % (
        len(runs), bin(total).count("1"), len(chosen)))
    print("# the parts always sanitized), for %d of the %d ms of the other runs;" % (kept, cost))
    print("# the runs of the keys marked p run the plain build (select.c).  The runs of")
    print("# %s are all marked s.  A key not here (a new test) runs sanitized." % ", ".join(
        p.split()[-1] for p in ALWAYS))
    for k in sorted(set(keys) | always):
        print("%s %s" % ("s" if k in chosen or k in always else "p", k))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--select":
        select(sys.argv[2])
        return
    if len(sys.argv) not in (2, 3, 4):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    runs = read_runs(sys.argv[1])
    if not runs:
        sys.exit("coverage: no coverage files in %s (run the sanitized pass with "
                 "BUDC_COVERAGE=%s: make asan-coverage)" % (sys.argv[1], sys.argv[1]))
    total = union(runs)
    print("%d runs, %d edges covered (%s)" % (
        len(runs), count(total),
        ", ".join("%s %d" % (m, bin(b).count("1")) for m, b in sorted(total.items()))))
    by_part = collections.defaultdict(list)
    for r in runs:
        by_part[r.part or "(none)"].append(r)
    cover = {p: union(rs) for p, rs in by_part.items()}
    rows = []
    for p, bits in cover.items():
        others = collections.defaultdict(int)
        for q, qb in cover.items():
            if q != p:
                for m, b in qb.items():
                    others[m] |= b
        own = {m: b & ~others.get(m, 0) for m, b in bits.items()}
        rows.append((count(own), count(bits), len(by_part[p]), p))
    print("\n%7s %7s %5s  part" % ("own", "edges", "runs"))
    for own, edges, n, p in sorted(rows, reverse=True):
        print("%7d %7d %5d  %s" % (own, edges, n, p))
    if len(sys.argv) >= 3:
        other_runs = read_runs(sys.argv[2])
        other = union(other_runs)
        print("\nagainst %s (%d runs, %d edges):" % (sys.argv[2], len(other_runs), count(other)))
        for m in sorted(set(total) | set(other)):
            a, b = total.get(m, 0), other.get(m, 0)
            print("  %s: %d only in %s, %d only in %s" % (
                m, bin(a & ~b).count("1"), sys.argv[1], bin(b & ~a).count("1"), sys.argv[2]))
            build = sys.argv[3] if len(sys.argv) == 4 else "build/asan"
            for label, bits in ((sys.argv[1], a & ~b), (sys.argv[2], b & ~a)):
                lines = edge_lines(os.path.join(build, m), bits) if m == "budc" else []
                for where in sorted(set(lines))[:20]:
                    print("    only in %s: %s" % (label, where))


if __name__ == "__main__":
    main()
