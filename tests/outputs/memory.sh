# shellcheck shell=bash
# tests/outputs/memory.sh — the memory of one huge department (issue 16),
# sourced by tests/run.sh, which gives $budc, $outdir, ok and bad.  Bounded
# with `ulimit -v` (address space, not timed, so nothing here can flake
# with the machine's load): budc check of each budget of bench/huge.py must
# run through within a limit that the build before issue 16's second round
# exceeded by a third or more (measured: the smallest limit that passes,
# before → after):
#
#   1. 200,000 glossary entries (16 MiB of input): 127 → 89 MiB; limit 104;
#   2. 200,000 rows of a local catalogue (6.5 MiB): 137 → 87 MiB; limit 100;
#   3. 20,000 projects with a goal and two indicators (7 MiB): 233 → 121 MiB;
#      limit 140.
#
# What costs the memory, and why the target of 2 × the input + 16 MiB is not
# met yet, is in docs/performance.md.  Under the sanitizers
# (BUDC_TEST_SANITIZED=1) nothing is run: ASan reserves terabytes of address
# space for its shadow memory.

memory_one() { # memory_one DIR KIND N LIMIT_MIB WHAT
    local dir=$1 kind=$2 n=$3 limit=$4 what=$5 f=$1/$2-$3.bud status
    python3 bench/huge.py "$kind" "$n" "$f"
    (ulimit -v $((limit * 1024)); "$budc" check "$f" > /dev/null 2> "$dir/$kind.err")
    status=$?
    # exit 0 or 1 (the budget's warnings and errors); 134 is abort(): out of memory
    if [ "$status" -le 1 ] && ! grep -q 'out of memory' "$dir/$kind.err"; then ok
    else bad "memory: budc check of $n $what within ${limit} MiB of address space: exit $status ($(tail -1 "$dir/$kind.err"))"; fi
    rm -f "$f"
}

memory_tests() {
    local dir
    [ "${BUDC_TEST_SANITIZED:-}" = 1 ] && return
    mkdir -p "$outdir/memory"
    dir=$(cd "$outdir/memory" && pwd)
    memory_one "$dir" glossary 200000 104 "glossary entries"
    memory_one "$dir" catalog 200000 100 "catalogue rows"
    memory_one "$dir" projects 20000 140 "projects"
}

memory_tests
unset -f memory_one memory_tests
