#!/usr/bin/env bash
# scripts/fuzz.sh — seeds, runs and figures of the libFuzzer harnesses
# (fuzz/README.md, docs/fuzzing.md); called by mk/fuzz.mk.
#
#   scripts/fuzz.sh seeds DIR
#       writes the seed corpus into DIR (one file per distinct input, named
#       by its SHA-1): every .bud of examples/, stdlib/, tests/ (but
#       tests/regress/) and docs/,
#       each examples/*.bud once more with its own imports inlined (the
#       harnesses read no file but the standard library), and every ```bud
#       block of docs/*.md and README.md
#
#   scripts/fuzz.sh run FUZZDIR SECONDS JOBS HARNESS...
#       runs each harness FUZZDIR/fuzz_NAME for SECONDS seconds, at most JOBS
#       at once, on $FUZZ_CORPUS/NAME (default FUZZDIR/corpus/NAME, kept
#       between runs) and the seeds FUZZDIR/seeds.  (libFuzzer reads its
#       whole corpus before the clock starts: a corpus of thousands of inputs
#       adds a minute or more, so make fuzz-ci starts from the seeds alone.)  A crash, hang (-timeout=10) or out-of-memory stops
#       libFuzzer: its input is kept in FUZZDIR/artifacts/ and the harness is
#       started again for the rest of its time (at most 20 times).  Writes
#       FUZZDIR/logs/NAME.log and the figures FUZZDIR/figures.md; exits 1
#       when anything was found.
#
#   scripts/fuzz.sh replay FUZZDIR DIR HARNESS...
#       runs every DIR/*.bud once through each harness (no fuzzing): the
#       regression corpus must neither crash nor hang.
set -u
cd "$(dirname "$0")/.." || exit 2

seeds() {
    local dir=$1
    mkdir -p "$dir"
    # one python for every file (the shell loop it replaces forked five
    # processes a file: 10 s for 600 files on a slow-forking machine)
    python3 - "$dir" <<'EOF'
import hashlib, os, re, sys
out = sys.argv[1]
seeds = {}
def add(data):
    seeds.setdefault(hashlib.sha1(data).hexdigest(), data)
# every .bud file (not tests/regress: make fuzz-replay and
# tests/outputs/hostile.sh run those, and their size would raise
# libFuzzer's -max_len for every input)
for top in ("examples", "stdlib", "tests", "docs"):
    for root, dirs, files in os.walk(top):
        dirs.sort()
        if root == "tests/regress":
            dirs[:] = []
            continue
        for f in sorted(files):
            path = os.path.join(root, f)
            if f.endswith(".bud") and os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as fh:
                    add(fh.read())
# each example with its relative imports inlined (std/ imports stay)
IMPORT = re.compile(r'^\s*import\s+"([^"]+)"\s*(//.*)?$')
def inline(path, seen):
    lines = []
    for line in open(path, encoding="utf-8", errors="surrogateescape").read().splitlines():
        m = IMPORT.match(line)
        if m and not m.group(1).startswith("std/"):
            sub = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
            if sub not in seen and os.path.isfile(sub):
                seen.add(sub)
                lines += inline(sub, seen)
            continue
        lines.append(line)
    return lines
for name in sorted(os.listdir("examples")):
    p = os.path.join("examples", name)
    if name.endswith(".bud") and os.path.isfile(p):
        add(("\n".join(inline(p, {os.path.normpath(p)})) + "\n").encode("utf-8", "surrogateescape"))
# every ```bud block of the documents
docs = sorted(os.path.join("docs", d) for d in os.listdir("docs") if d.endswith(".md")) + ["README.md"]
for doc in docs:
    if not os.path.isfile(doc):
        continue
    block = None
    for line in open(doc, "rb").read().split(b"\n"):
        if block is None and line.startswith(b"```bud"):
            block = []
        elif block is not None and line.startswith(b"```"):
            add(b"".join(block))
            block = None
        elif block is not None:
            block.append(line + b"\n")
    if block is not None:
        add(b"".join(block))
for sha, data in seeds.items():
    with open(os.path.join(out, sha), "wb") as fh:
        fh.write(data)
EOF
    echo "fuzz: $(find "$dir" -type f | wc -l) seeds in $dir"
}

# stat LOG NAME: the value of libFuzzer's final "stat::NAME: V" line in LOG.
stat_of() {
    sed -n "s/^stat::$2: *//p" "$1" | tail -1
}

# run_one FUZZDIR SECONDS NAME: fuzzes one harness, restarting after a
# finding; leaves FUZZDIR/logs/NAME.{log,figures}.
run_one() {
    local fz=$1 secs=$2 name=$3 bin corpus log start now left runs=0 execs=0 found=0 failed=0 line
    bin=$fz/fuzz_$name
    corpus=${FUZZ_CORPUS:-$fz/corpus}/$name
    log=$fz/logs/$name.log
    mkdir -p "$corpus" "$fz/artifacts" "$fz/logs"
    rm -f "$fz/logs/$name.failed"
    : > "$log"
    start=$(date +%s)
    left=$secs
    while [ "$left" -gt 0 ] && [ $runs -lt 20 ]; do
        runs=$((runs + 1))
        "$bin" -max_total_time="$left" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -dict=fuzz/bud.dict -artifact_prefix="$fz/artifacts/$name-" \
            "$corpus" "$fz/seeds" > "$log.part" 2>&1
        local st=$?
        cat "$log.part" >> "$log"
        execs=$((execs + $(stat_of "$log.part" number_of_executed_units || echo 0) + 0))
        if [ $st -ne 0 ] && ! grep -q -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|MS: )' "$log.part"; then
            # no artifact: the harness did not run (a bad dictionary, a
            # missing seed directory); retrying would only repeat it
            echo "fuzz: $name: the harness failed without a finding (exit $st):" >&2
            grep -v '^INFO' "$log.part" | head -5 | sed 's/^/    /' >&2
            failed=1
            break
        fi
        if [ $st -ne 0 ]; then
            found=$((found + 1))
            echo "fuzz: $name: finding (exit $st), see $log and $fz/artifacts/" >&2
        fi
        now=$(date +%s)
        left=$((secs - (now - start)))
        [ $st -eq 0 ] && break
    done
    rm -f "$log.part"
    now=$(date +%s)
    # cov and ft: the last status line (libFuzzer's "#N DONE cov: … ft: …")
    line=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    local cov ft
    cov=$(printf '%s\n' "$line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    local secs_run=$((now - start))
    [ $secs_run -gt 0 ] || secs_run=1
    printf '| fuzz_%s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$secs_run" "$execs" \
        "$((execs / secs_run))" "${cov:-?}" "${ft:-?}" "$(find "$corpus" -type f | wc -l)" \
        "$found" > "$fz/logs/$name.figures"
    [ $failed -eq 0 ] || printf 'fuzz_%s did not run: see %s\n' "$name" "$log" > "$fz/logs/$name.failed"
    [ $found -eq 0 ] && [ $failed -eq 0 ]
}

run() {
    local fz=$1 secs=$2 jobs=$3 name pids=() st=0 p rev
    shift 3
    # what the harnesses were built from (their objects are newer than this)
    rev="commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src grammar 2>/dev/null || echo ', with changes to src/ or grammar/')"
    [ -d "$fz/seeds" ] || seeds "$fz/seeds"
    for name in "$@"; do
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
        echo "fuzz: fuzz_$name for ${secs}s"
        run_one "$fz" "$secs" "$name" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || st=1; done
    {
        echo "Fuzzing run of $(date -u +%Y-%m-%dT%H:%MZ), ${secs}s per harness, $jobs at once, on $(nproc) cores"
        echo "($rev at the start; load average at the end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))."
        echo
        echo '| harness | seconds | executions | exec/s | cov | ft | corpus | findings |'
        echo '|---|---|---|---|---|---|---|---|'
        for name in "$@"; do cat "$fz/logs/$name.figures"; done
        echo
        cat "$fz"/logs/*.failed 2>/dev/null
        if ls "$fz"/artifacts/* > /dev/null 2>&1; then
            echo "Findings (minimise with FUZZDIR/fuzz_NAME -minimize_crash=1 -runs=10000 FILE):"
            find "$fz/artifacts" -type f | sort | sed 's/^/- /'
        elif ! ls "$fz"/logs/*.failed > /dev/null 2>&1; then
            echo "No crash, hang or out-of-memory."
        fi
    } > "$fz/figures.md"
    cat "$fz/figures.md"
    return $st
}

replay() {
    local fz=$1 dir=$2 name f st=0 n=0
    shift 2
    for name in "$@"; do
        for f in "$dir"/*.bud; do
            [ -f "$f" ] || continue
            n=$((n + 1))
            if ! timeout 60 "$fz/fuzz_$name" -timeout=10 -rss_limit_mb=2048 "$f" > "$fz/replay.log" 2>&1; then
                echo "FAIL: fuzz_$name crashes or hangs on $f:"
                grep -E 'ERROR|runtime error|SUMMARY|timeout|out-of-memory' "$fz/replay.log" | head -5
                st=1
            fi
        done
    done
    echo "fuzz-replay: $n runs, $([ $st -eq 0 ] && echo 'no failure' || echo 'failures above')"
    return $st
}

case "${1:-}" in
seeds) seeds "$2" ;;
run) shift; run "$@" ;;
replay) shift; replay "$@" ;;
*) echo "usage: scripts/fuzz.sh seeds DIR | run FUZZDIR SECONDS JOBS HARNESS... | replay FUZZDIR DIR HARNESS..." >&2; exit 2 ;;
esac
