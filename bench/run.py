#!/usr/bin/env python3
"""run.py — times budc, the bare tokenizer and ledger over the corpora.

    python3 bench/run.py --budc build/budc --tokenizer build/bench/tokcount \\
        --out bench/out bench/out/1MB bench/out/10MB bench/out/100MB

Each corpus is a directory written by bench/gen.py (its manifest.json says
how many bytes and line items it holds).  For each one, each command runs
--runs times (3), in rounds (each command once a round, so that a change of
the machine's load touches them alike); the figures are the median wall
time and CPU time (user + system), the MB/s of .bud input (10^6 bytes),
the line items per second and the largest peak memory (max RSS, from GNU
time).  Then the ratios the issue asks for, measured in this run, and the
targets: each command's throughput as a ratio of the tokenizer's over the
same bytes, taken per round (the two ran seconds apart, under the same
load), the median and the best of the rounds, against its target (check
0.30, json 0.20, fmt 0.20; issue 16).  The tables go to standard output and, with
the raw figures, to OUT/results.md and OUT/results.json.

Commands:
  budc check DIR                   every department, checked
  budc json -o OUTDIR DIR          one JSON document per department
  budc csv --long -o OUTDIR DIR    one facts.csv per department
  budc fmt FILE...                 every .bud file laid out (parts too), to a file
  tokcount FILE...                 bench/tokenizer.l over every .bud file
  ledger --no-pager -f J stats     the equivalent Ledger journal (if installed)

When budc does not take a directory (an older budc), `check` gets the files
and json/csv run once per department; the report says so.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

MB = 1e6


# The peak memory of a command is the max RSS that GNU time reports for it.
# (wait4's rusage of a child of this process would count the Python process
# it was forked from: on Linux the high-water mark survives exec.)
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd, log, rss=True):
    """Runs CMD with its output in LOG; returns (wall seconds, peak RSS in bytes, status,
    CPU seconds: user + system of the command and its children).  With RSS false the
    command runs without GNU time around it (the peak is then wait4's, an upper
    bound): the seed's milliseconds would count GNU time's own start."""
    rssfile = log + ".rss"
    wrap = GNU_TIME and rss
    full = [GNU_TIME, "-f", "%M", "-o", rssfile, "--"] + cmd if wrap else cmd
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
    p.returncode = rc = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss * 1024
    if wrap:
        with open(rssfile) as f:
            lines = f.read().split()
        rss = int(lines[-1]) * 1024 if lines and lines[-1].isdigit() else 0
    return dt, rss, rc, ru.ru_utime + ru.ru_stime


def run_many(cmds, log):
    """A loop of commands (the fallback): total time, largest peak, worst status."""
    total, peak, worst, cpu = 0.0, 0, 0, 0.0
    for c in cmds:
        dt, rss, rc, c_cpu = run(c, log)
        total += dt
        cpu += c_cpu
        peak = max(peak, rss)
        worst = max(worst, rc)
        if rc:
            break
    return total, peak, worst, cpu


def bud_files(corpus, top_only):
    out = []
    for dirpath, dirs, files in os.walk(corpus):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".bud"):
                out.append(os.path.join(dirpath, f))
        if top_only:
            break
    return out


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = "%.1f GiB" % (kb / 2**20)
    except (OSError, ValueError, IndexError):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "kernel": platform.release()}


def supports_dirs(budc, corpus, scratch):
    rc = run([budc, "check", corpus], os.path.join(scratch, "probe.log"))[2]
    return rc != 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budc", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--ledger", default=shutil.which("ledger"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed-budget", default="examples/qinhuangdao-media-center-2023.bud")
    ap.add_argument("--out", default="bench/out")
    ap.add_argument("--huge", nargs="*", default=[],
                    help="one-department budgets of bench/huge.py (KIND-N.bud): budc check's "
                         "peak memory against 2 × the input + 16 MiB")
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()

    scratch = os.path.join(a.out, "scratch")
    os.makedirs(scratch, exist_ok=True)
    dirs_ok = supports_dirs(a.budc, a.corpora[0], scratch)
    results = {"machine": machine(), "runs": a.runs, "dirs": dirs_ok, "corpora": []}
    if a.ledger is None:
        print("bench: ledger is not installed (scripts/install-bench-deps.sh); its figures are "
              "left out", file=sys.stderr)

    for corpus in a.corpora:
        with open(os.path.join(corpus, "manifest.json"), encoding="utf-8") as f:
            man = json.load(f)
        name = os.path.basename(os.path.normpath(corpus))
        entries = bud_files(corpus, True)
        every = bud_files(corpus, False)
        nbytes = sum(os.path.getsize(p) for p in every)
        journal = os.path.join(corpus, "journal.ledger")
        outj = os.path.join(scratch, name + "-json")
        outc = os.path.join(scratch, name + "-csv")
        log = os.path.join(scratch, name + "-%s.log")

        def fresh(d):
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)

        cmds = {}
        if dirs_ok:
            cmds["budc check"] = lambda: run([a.budc, "check", corpus], log % "check")
            cmds["budc json"] = lambda: (fresh(outj), run([a.budc, "json", "-o", outj, corpus],
                                                          log % "json"))[1]
            cmds["budc csv --long"] = lambda: (fresh(outc), run(
                [a.budc, "csv", "--long", "-o", outc, corpus], log % "csv"))[1]
        else:
            cmds["budc check"] = lambda: run([a.budc, "check"] + entries, log % "check")
            cmds["budc json"] = lambda: (fresh(outj), run_many(
                [[a.budc, "json", "-o", os.path.join(outj, os.path.basename(e)[:-4] + ".json"), e]
                 for e in entries], log % "json"))[1]
            cmds["budc csv --long"] = lambda: (fresh(outc), run_many(
                [[a.budc, "csv", "--long", "-o", os.path.join(outc, os.path.basename(e)[:-4]), e]
                 for e in entries], log % "csv"))[1]
        cmds["budc fmt"] = lambda: run([a.budc, "fmt"] + every, log % "fmt")
        cmds["tokenizer"] = lambda: run([a.tokenizer] + every, log % "tokenizer")
        if a.ledger and os.path.exists(journal):
            cmds["ledger stats"] = lambda: run([a.ledger, "--no-pager", "-f", journal, "stats"],
                                               log % "ledger")

        # Rounds: every command once per round, so that a change of the
        # machine's load during the run touches every command alike.
        got = {label: ([], [], [], []) for label in cmds}
        for _ in range(a.runs):
            for label, fn in cmds.items():
                times, peaks, cpus, loads = got[label]
                loads.append(os.getloadavg()[0])
                dt, rss, rc, cpu = fn()
                if rc != 0:
                    which = label.split()[-1].lstrip("-")
                    sys.exit("bench: %s on %s exited %d; see %s" % (label, corpus, rc, log % which))
                times.append(dt)
                peaks.append(rss)
                cpus.append(cpu)
        for d in (outj, outc):  # the outputs of the 100 MB corpus take about 1 GB
            shutil.rmtree(d, ignore_errors=True)
        rows = {}
        for label, (times, peaks, cpus, loads) in got.items():
            t = statistics.median(times)
            cpu = statistics.median(cpus)
            items = man["money_line_items"] if label.startswith("ledger") else man["line_items"]
            rows[label] = {"seconds": t, "all_seconds": times, "mb_per_s": nbytes / MB / t,
                           "items": items, "items_per_s": items / t, "peak_rss": max(peaks),
                           "rss_per_input": max(peaks) / nbytes, "cpu_seconds": cpu,
                           "all_cpu_seconds": cpus, "cpu_mb_per_s": nbytes / MB / cpu,
                           "cpu_items_per_s": items / cpu, "load_before": loads}
            if label == "budc check":
                rows[label]["money_items_per_s"] = man["money_line_items"] / t
                rows[label]["cpu_money_items_per_s"] = man["money_line_items"] / cpu
            print("  %-8s %-16s %8.3f s wall %8.3f s CPU  (load %s)" % (
                name, label, t, cpu, " ".join("%.1f" % x for x in loads)), file=sys.stderr)
        results["corpora"].append({"name": name, "path": corpus, "bytes": nbytes,
                                   "files": len(every), "entries": len(entries),
                                   "departments": man["departments"],
                                   "line_items": man["line_items"],
                                   "money_line_items": man["money_line_items"],
                                   "counts": man["counts"], "rows": rows})

    # the seed, end to end to JSON
    if os.path.exists(a.seed_budget):
        times, cpus = [], []
        for _ in range(11):
            dt, rss, rc, cpu = run([a.budc, "json", "-o", os.path.join(scratch, "seed.json"),
                                    a.seed_budget], os.path.join(scratch, "seed.log"), rss=False)
            if rc:
                sys.exit("bench: budc json %s exited %d" % (a.seed_budget, rc))
            times.append(dt)
            cpus.append(cpu)
        results["seed_json_ms"] = statistics.median(times) * 1000
        results["seed_json_cpu_ms"] = statistics.median(cpus) * 1000
        results["seed_json_peak"] = rss
        # the target of issue 16: the seed's check under 20 ms (median of 21)
        times, cpus = [], []
        for _ in range(21):
            dt, rss, rc, cpu = run([a.budc, "check", a.seed_budget],
                                   os.path.join(scratch, "seed-check.log"), rss=False)
            if rc not in (0, 1):
                sys.exit("bench: budc check %s exited %d" % (a.seed_budget, rc))
            times.append(dt)
            cpus.append(cpu)
        results["seed_check_ms"] = statistics.median(times) * 1000
        results["seed_check_best_ms"] = min(times) * 1000
        results["seed_check_cpu_ms"] = statistics.median(cpus) * 1000

    # one huge department each (bench/huge.py): the memory target of issue 16
    results["huge"] = []
    for path in a.huge:
        times, cpus, peaks = [], [], []
        for _ in range(a.runs):
            dt, rss, rc, cpu = run([a.budc, "check", path], os.path.join(scratch, "huge.log"))
            if rc not in (0, 1):
                sys.exit("bench: budc check %s exited %d" % (path, rc))
            times.append(dt)
            cpus.append(cpu)
            peaks.append(rss)
        kind, n = os.path.basename(path)[:-4].rsplit("-", 1)
        results["huge"].append({"kind": kind, "n": int(n), "bytes": os.path.getsize(path),
                                "seconds": statistics.median(times),
                                "cpu_seconds": statistics.median(cpus), "peak_rss": max(peaks)})
        print("  huge     %-16s %8.3f s wall %8.3f s CPU  %.0f MiB" % (
            os.path.basename(path), statistics.median(times), statistics.median(cpus),
            max(peaks) / 2**20), file=sys.stderr)

    report = render(results)
    print(report)
    with open(os.path.join(a.out, "results.md"), "w", encoding="utf-8") as f:
        f.write(report)
    with open(os.path.join(a.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=2)
        f.write("\n")


# The throughput targets of issue 16, as ratios of the tokenizer's.
TARGETS = (("budc check", 0.30), ("budc json", 0.20), ("budc fmt", 0.20))
# The seed example's check, in milliseconds of wall time (median).
SEED_CHECK_MS = 20


def targets(r, w):
    """The ratio of each command's throughput to the tokenizer's, per round
    (tokenizer time ÷ command time, same bytes), median and best, wall and CPU."""
    w("")
    w("Targets (issue 16): throughput ÷ the tokenizer's, per round; median and best of %d rounds."
      % r["runs"])
    w("")
    w("| corpus | command | target | wall median | wall best | CPU median | CPU best | met? |")
    w("|---|---|---:|---:|---:|---:|---:|---|")
    for c in r["corpora"]:
        tok = c["rows"].get("tokenizer")
        for cmd, goal in TARGETS:
            x = c["rows"].get(cmd)
            if not tok or not x:
                continue
            wall = [t / s for t, s in zip(tok["all_seconds"], x["all_seconds"])]
            cpu = [t / s for t, s in zip(tok["all_cpu_seconds"], x["all_cpu_seconds"])]
            x["ratio_wall"], x["ratio_cpu"] = wall, cpu
            med = statistics.median(wall)
            w("| %s | %s | %.2f | %.3f | %.3f | %.3f | %.3f | %s |" % (
                c["name"], cmd, goal, med, max(wall), statistics.median(cpu), max(cpu),
                "yes" if med >= goal else "**no** (%.0f %% of it)" % (100 * med / goal)))


def render(r):
    m = r["machine"]
    out = []
    w = out.append
    w("Machine: %s CPUs, %s, %s RAM, Linux %s; median of %d runs.%s" % (
        m["nproc"], m["cpu"], m["memory"], m["kernel"], r["runs"],
        "" if r["dirs"] else " budc took no directory: check got the files, json and csv ran "
        "once per department."))
    w("")
    w("| corpus | command | wall s | CPU s | MB/s | line items/s | peak RSS MB | RSS ÷ input |")
    w("|---|---|---:|---:|---:|---:|---:|---:|")
    for c in r["corpora"]:
        for label, x in c["rows"].items():
            w("| %s | %s | %.3f | %.3f | %.1f | %s | %.1f | %.3f |" % (
                c["name"], label, x["seconds"], x["cpu_seconds"], x["mb_per_s"],
                "{:,.0f}".format(x["items_per_s"]), x["peak_rss"] / 2**20, x["rss_per_input"]))
    w("")
    w("| corpus | .bud MB | files | departments | line items | of which money lines |")
    w("|---|---:|---:|---:|---:|---:|")
    for c in r["corpora"]:
        w("| %s | %.2f | %d | %d | %d | %d |" % (c["name"], c["bytes"] / MB, c["files"],
                                              c["departments"], c["line_items"], c["money_line_items"]))
    w("")
    w("MB/s and line items/s are per wall-clock second. Line items: income + spending + economic + "
      "三公 + indicator + purchase lines; ledger's are its postings for the money lines (all but "
      "the indicators).")
    w("")
    w("| ratio | " + " | ".join(c["name"] for c in r["corpora"]) + " |")
    w("|---|" + "---:|" * len(r["corpora"]))

    def line(label, f, fmt="%.3f"):
        vals = []
        for c in r["corpora"]:
            try:
                vals.append(fmt % f(c["rows"]))
            except (KeyError, ZeroDivisionError):
                vals.append("–")
        w("| %s | %s |" % (label, " | ".join(vals)))

    for cmd in ("budc check", "budc json", "budc csv --long", "budc fmt"):
        line("%s MB/s ÷ tokenizer MB/s (wall)" % cmd,
             lambda x: x[cmd]["mb_per_s"] / x["tokenizer"]["mb_per_s"])
        line("%s MB/s ÷ tokenizer MB/s (CPU)" % cmd,
             lambda x: x[cmd]["cpu_mb_per_s"] / x["tokenizer"]["cpu_mb_per_s"])
    line("budc check line items/s ÷ ledger line items/s (wall)",
         lambda x: x["budc check"]["items_per_s"] / x["ledger stats"]["items_per_s"], "%.2f")
    line("the same, CPU", lambda x: x["budc check"]["cpu_items_per_s"] /
         x["ledger stats"]["cpu_items_per_s"], "%.2f")
    line("the same, money lines only (no indicators), wall",
         lambda x: x["budc check"]["money_items_per_s"] / x["ledger stats"]["items_per_s"], "%.2f")
    for cmd in ("budc check", "budc json", "budc csv --long", "ledger stats"):
        line("%s peak memory ÷ input size" % cmd, lambda x: x[cmd]["rss_per_input"])
    byname = {c["name"]: c for c in r["corpora"]}
    w("")
    names = [c["name"] for c in r["corpora"]]
    for big, small in zip(names[1:], names[:-1]):
        for cmd in ("budc check", "budc json", "budc csv --long", "tokenizer", "ledger stats"):
            b, s = byname[big]["rows"].get(cmd), byname[small]["rows"].get(cmd)
            if b and s:
                w("- time(%s) ÷ time(%s), %s: %.2f wall, %.2f CPU (input ×%.2f)" % (
                    big, small, cmd, b["seconds"] / s["seconds"], b["cpu_seconds"] / s["cpu_seconds"],
                    byname[big]["bytes"] / byname[small]["bytes"]))
    if len(names) > 1:
        for cmd in ("budc check", "budc json"):
            for key, what in (("mb_per_s", "wall"), ("cpu_mb_per_s", "CPU")):
                ratios = [c["rows"][cmd][key] / c["rows"]["tokenizer"][key] for c in r["corpora"]]
                w("- ratio of %s to the tokenizer (%s), %s: %s (spread %.1f %% of the smallest)" % (
                    cmd, what, " → ".join(names), " → ".join("%.3f" % x for x in ratios),
                    100 * (max(ratios) - min(ratios)) / min(ratios)))
    targets(r, w)
    if "seed_json_ms" in r:
        w("- the seed budget end to end to JSON (budc json, median of 11): %.1f ms wall, %.1f ms CPU"
          % (r["seed_json_ms"], r["seed_json_cpu_ms"]))
    if "seed_check_ms" in r:
        med = r["seed_check_ms"]
        w("- the seed's check (budc check, median of 21; target under %d ms): %.1f ms wall "
          "(best %.1f), %.1f ms CPU: %s" % (SEED_CHECK_MS, med, r["seed_check_best_ms"],
                                             r["seed_check_cpu_ms"],
                                             "met" if med < SEED_CHECK_MS else "**not met** by wall"
                                             + (" (met by CPU)" if r["seed_check_cpu_ms"] < SEED_CHECK_MS else "")))
    # peak memory of many departments: at most 2 × the input + 16 MiB
    for c in r["corpora"]:
        for cmd in ("budc check", "budc json"):
            x = c["rows"].get(cmd)
            if not x:
                continue
            limit = 2 * c["bytes"] + 16 * 2**20
            w("- peak memory of %s, %s: %.1f MB, target at most 2 × the input + 16 MiB = %.1f MB: %s"
              % (cmd, c["name"], x["peak_rss"] / 2**20, limit / 2**20,
                 "met" if x["peak_rss"] <= limit else "**not met**"))
    # peak memory of one huge department: the same target
    what = {"glossary": "glossary entries", "catalog": "catalogue rows",
            "projects": "projects (a goal and two indicators each)"}
    for h in r.get("huge", []):
        limit = 2 * h["bytes"] + 16 * 2**20
        w("- peak memory of budc check, one department of %s %s (%.1f MiB): %.0f MiB, "
          "target at most 2 × the input + 16 MiB = %.0f MiB: %s; %.2f s wall, %.2f s CPU"
          % ("{:,}".format(h["n"]), what.get(h["kind"], h["kind"]), h["bytes"] / 2**20,
             h["peak_rss"] / 2**20, limit / 2**20,
             "met" if h["peak_rss"] <= limit else "**not met** (%.1f × the target)"
             % (h["peak_rss"] / limit), h["seconds"], h["cpu_seconds"]))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
