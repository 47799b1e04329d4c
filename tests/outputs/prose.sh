# shellcheck shell=bash
# tests/outputs/prose.sh — W-PROSE-FIGURE's remedies work, sourced by
# tests/run.sh, which gives $budc, $outdir, ok and bad.
#
# The seed's 说明 quotes every figure.  A copy of the example has each quote
# {path = number} replaced by its number, as a document typed without quotes
# would print it: budc check must then suggest, for every one of them, the
# quote that checks it, and writing those quotes back must give the 说明 as
# it was, byte for byte (tests/outputs/prose/roundtrip.py).  The copy with
# the quotes back checks with the example's warnings and no other.

prose_tests() {
    local dir=$outdir/prose name=qinhuangdao-media-center-2023 n
    rm -rf "$dir"
    mkdir -p "$dir"
    cp "examples/$name.bud" "$dir/"
    cp -R "examples/$name" "$dir/"
    n=$(grep -o '{[^{}=]* = [0-9.]*}' "examples/$name/narrative.bud" | wc -l)
    sed 's/{[^{}=]* = \([0-9.]*\)}/\1/g' "examples/$name/narrative.bud" > "$dir/$name/narrative.bud"
    if [ "$n" -gt 30 ] && ! grep -q '{[^{}=]* = [0-9.]*}' "$dir/$name/narrative.bud" &&
        out=$(python3 tests/outputs/prose/roundtrip.py "$budc" "$dir/$name.bud" \
            "$dir/$name/narrative.bud" "examples/$name/narrative.bud" "$n"); then ok
    else bad "prose: the quotes W-PROSE-FIGURE suggests for the seed's unquoted 说明 are not its quotes"
        printf '%s\n' "$out" | head -10; fi
    # the quotes written back: the example's own warnings, no other
    cp "examples/$name/narrative.bud" "$dir/$name/narrative.bud"
    out=$("$budc" check -fmax-errors=0 "$dir/$name.bud" 2>&1 | grep -E '^[^ ].*: (warning|error): ' |
        sed "s|^$dir/|examples/|")
    if [ "$out" = "$(cat "tests/examples/$name.warnings")" ]; then ok
    else bad "prose: the seed's copy does not check as the seed does"; printf '%s\n' "$out" | head -5; fi
}
prose_tests
