#!/bin/sh
# demo.sh BUDC OUTDIR — compiles every example into OUTDIR.
#
# Each examples/*.bud is an entry point (subdirectories hold the files they
# import).  Today budc checks budgets; its output formats (JSON, CSV, the
# LaTeX/PDF disclosure) are being built, and this script writes what exists:
# for every example, the checker's report (OUTDIR/NAME.check.txt) and its
# syntax tree (OUTDIR/NAME.tree.txt).
set -eu
budc=$1
out=$2
mkdir -p "$out"
status=0
for f in examples/*.bud; do
    name=$(basename "$f" .bud)
    if "$budc" check "$f" > "$out/$name.check.txt" 2>&1; then
        echo "ok      $f"
    else
        echo "FAILED  $f (see $out/$name.check.txt)"
        status=1
    fi
    "$budc" parse "$f" > "$out/$name.tree.txt.tmp" 2>/dev/null && mv "$out/$name.tree.txt.tmp" "$out/$name.tree.txt"
done
echo "results in $out/"
exit $status
