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
#
# Every quote {figure = N} is printed as N, its sign and decimals as written,
# in the JSON and the LaTeX (tests/outputs/prose/rendered.py) of the examples
# and of tests/outputs/prose/quotes.bud, whose decreases are quoted as
# negative numbers (issue 17: {增减.三公.合计 = -1.50} printed "1"); a
# negative quote that is wrong is E-QUOTE-VALUE at its place.

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
    # quotes printed as written
    if out=$(python3 tests/outputs/prose/rendered.py "$budc" tests/outputs/prose/quotes.bud \
        examples/qinhuangdao-media-center-2023.bud examples/county-culture-bureau-2023.bud 2>&1); then ok
    else bad "prose: a quote is not printed as its number is written"; printf '%s\n' "$out" | head -10; fi
    out=$("$budc" check tests/outputs/prose/quotes.bud 2>&1)
    if [ $? -eq 0 ] && [ -z "$out" ]; then ok
    else bad "prose: tests/outputs/prose/quotes.bud must check without a diagnostic"; printf '%s\n' "$out" | head -5; fi
    sed 's/{增减.三公.合计 = -1.50}/{增减.三公.合计 = -1.40}/' tests/outputs/prose/quotes.bud > "$dir/wrong-negative.bud"
    out=$("$budc" check "$dir/wrong-negative.bud" 2>&1)
    if [ $? -eq 1 ] && printf '%s\n' "$out" | grep -qF "$dir/wrong-negative.bud:73:23: error: the text says -1.40 but 增减.三公.合计 is -1.50"; then
        case "$out" in *"[E-QUOTE-VALUE]"*) ok ;;
        *) bad "prose: a wrong negative quote: $(printf '%s' "$out" | head -1)" ;; esac
    else bad "prose: a wrong negative quote is not an error at 73:23: $(printf '%s' "$out" | head -3)"; fi
}
prose_tests
