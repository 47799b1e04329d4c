# shellcheck shell=bash
# tests/outputs/lsp.sh — the language server (budc lsp, docs/lsp.md),
# sourced by tests/run.sh, which gives $budc, $outdir, ok and bad.
# tests/outputs/lsp/client.py drives it with a scripted JSON-RPC client
# (python3's standard library) and prints "ok WHAT" or "FAIL WHAT: why" a
# check; each line counts here.
#
#   1. a session on tests/outputs/lsp/good.bud: initialize (capabilities),
#      open a broken copy (E-SOURCE at its line and UTF-16 columns after
#      Chinese text, a note as related information), hover (a function
#      code: name, level, parent; E-SOURCE in a comment: budc explain; a
#      quote: its value), completion (codes by prefix, fund sources,
#      indicator kinds), the did-you-mean quick fix, formatting (one edit
#      whose text is budc fmt's), the outline, a syntax error (published;
#      the last good outline kept; no formatting edit), go to definition
#      (an import, a code's catalogue entry), change back (errors cleared),
#      an unknown request (MethodNotFound), shutdown, exit 0
#   2. hostile input: a request before initialize, not JSON, a header
#      without Content-Length, a batch, a bad position, a half-typed file
#      and every request on it, each prefix of a budget typed in bursts,
#      exit without shutdown (1), a truncated header and a truncated body
#      (exit 1, no crash)
#   3. 100 random edits of the seed example's unit file, each followed by
#      a request: every one answered, exit 0
#   4. the time of a re-check of the seed example after a change (median of
#      11), printed (docs/lsp.md records it)
#   5. budc help lsp, and an unknown option (exit 2)
#
# shellcheck disable=SC2154  # $budc and $outdir come from tests/run.sh

# lsp_run WHAT ARGS...: one part of client.py, its lines counted.
lsp_run() {
    local what=$1 out line
    shift
    if ! out=$(timeout 300 python3 tests/outputs/lsp/client.py "$budc" "$what" "$@" 2>&1); then
        [ -n "$out" ] || out="client.py $what failed with no output"
    fi
    while IFS= read -r line; do
        case "$line" in
            ok\ *) ok ;;
            FAIL\ *) bad "lsp: ${line#FAIL }" ;;
            timing:*) echo "lsp: ${line#timing: }" ;;
            '') ;;
            *) bad "lsp $what: $line" ;;
        esac
    done <<< "$out"
}

lsp_tests() {
    lsp_run scenario
    lsp_run hostile
    lsp_run edits 19 100
    lsp_run timing
    if "$budc" help lsp | grep -q -- '--debounce=MS'; then ok; else bad "lsp: budc help lsp"; fi
    expect_status 2 "lsp: an unknown option" "$budc" lsp --frobnicate
}

lsp_tests
unset -f lsp_run lsp_tests
