#!/bin/sh
# demo.sh BUDC OUTDIR — compiles every example into OUTDIR.
#
# Each examples/*.bud is an entry point (subdirectories hold the files they
# import).  For every example NAME, `budc build` writes OUTDIR/NAME.json,
# OUTDIR/NAME-csv/ (the nine tables and facts.csv), OUTDIR/NAME.tex and, with
# xelatex installed (make demo installs it), OUTDIR/NAME.pdf; the checker's
# report (its warnings) goes to OUTDIR/NAME.check.txt.
set -eu
budc=$1
out=$2
mkdir -p "$out"
status=0
for f in examples/*.bud; do
    name=$(basename "$f" .bud)
    if "$budc" build -o "$out" "$f" > "$out/$name.check.txt" 2>&1; then
        echo "ok      $f -> $out/$name.{json,tex,pdf} $out/$name-csv/"
    else
        echo "FAILED  $f (see $out/$name.check.txt)"
        status=1
    fi
done
echo "results in $out/"
exit $status
