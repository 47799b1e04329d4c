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
#      quote: its value; a printed table's cell: the derived value),
#      completion (codes by prefix, fund sources,
#      indicator kinds), the did-you-mean quick fix, the fix that quotes a
#      figure typed in prose (W-PROSE-FIGURE), the fix that fills a
#      printed table from the facts (a wrong cell, a row left out: the
#      good text again), formatting (one edit
#      whose text is budc fmt's), the outline, a syntax error (published;
#      the last good outline kept; no formatting edit), go to definition
#      (an import, a code's catalogue entry), the references of a code,
#      change back (errors cleared),
#      an unknown request (MethodNotFound), shutdown, exit 0
#   1b. quote paths: completion in a `{…}` quote being typed and in a
#      rule's condition (the roots; the words after 支出. with their values,
#      no codes; 上年. and the roots after it; a rule's name is no path; in
#      a unit's narrative the unit's values; in brackets, the codes);
#      go to definition of {收入.合计} (its fact line), at a rule's
#      diagnostic (the rule in the budget) and of a rule's name in a
#      comment (the standard library's rules.bud); codeDescription: for a
#      client with codeDescriptionSupport, every diagnostic's link to its
#      code's section of docs/checks.md (the heading's anchor), none for
#      one without
#   2. hostile input: a request before initialize, not JSON, a header
#      without Content-Length, a batch, a bad position, a half-typed file
#      and every request on it, each prefix of a budget typed in bursts,
#      exit without shutdown (1), a truncated header and a truncated body
#      (exit 1, no crash)
#   2b. the seed example and its unit file open together: the entry file
#      publishes the unit file's diagnostics, which stay when the unit file
#      is opened; an unsaved edit of it is checked as part of the budget (an
#      error), undone (cleared)
#   3. 100 random edits of the seed example's unit file, each followed by
#      a request: every one answered, exit 0
#   4. the time of a re-check of the seed example after a change (median of
#      11), printed (docs/lsp.md records it)
#   5. budc help lsp, and an unknown option (exit 2)
#   6. the VS Code client (editors/vscode/extension.js), with vscode and
#      vscode-languageclient stubbed: activating it starts `budc lsp` (the
#      path the setting bud.budc.path gives) over stdio for the language
#      bud; with bud.lsp.enable false it starts nothing; its dependency is
#      pinned in package-lock.json
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

# lsp_vscode: step 6.
lsp_vscode() {
    local out
    if ! command -v node >/dev/null 2>&1; then
        bad "lsp: node is not installed, so the VS Code client was not tested; run make deps"
        return
    fi
    if out=$(node - <<'JS' 2>&1
const Module = require('module');
const path = require('path');
const fs = require('fs');
const dir = path.resolve('editors/vscode');
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
const must = (c, m) => { if (!c) { console.log(m); process.exit(1); } };
must(pkg.main === './extension.js' && pkg.activationEvents.includes('onLanguage:bud'), 'main and activation');
const want = pkg.dependencies['vscode-languageclient'];
must(lock.packages['node_modules/vscode-languageclient'].version === want, 'the client pinned in package-lock.json');
let settings = {}, made = [], started = 0;
const stubs = {
    vscode: {
        workspace: { getConfiguration: () => ({ get: (k, d) => (k in settings ? settings[k] : d) }) },
        window: { showWarningMessage: (m) => { throw new Error(m); } },
    },
    'vscode-languageclient/node': {
        TransportKind: { stdio: 0 },
        LanguageClient: class {
            constructor(id, name, server, client) { made.push({ id, server, client }); }
            start() { started++; return { dispose() {} }; }
            stop() {}
        },
    },
};
const load = Module._load;
Module._load = function (req, ...rest) { return req in stubs ? stubs[req] : load.call(this, req, ...rest); };
const ext = require(path.join(dir, 'extension.js'));
const ctx = { subscriptions: [] };
settings = { 'budc.path': '/opt/budc/bin/budc' };
ext.activate(ctx);
must(made.length === 1 && started === 1 && ctx.subscriptions.length === 1, 'activate starts one client');
const s = made[0].server.run;
must(s.command === '/opt/budc/bin/budc' && s.args.join(' ') === 'lsp' && s.transport === 0, 'budc lsp over stdio: ' + JSON.stringify(s));
must(made[0].client.documentSelector.some((d) => d.language === 'bud' && d.scheme === 'file'), 'the language bud');
settings = { 'lsp.enable': false };
ext.activate(ctx);
must(made.length === 1, 'bud.lsp.enable false starts nothing');
JS
    ); then ok; else bad "lsp: the VS Code client: $out"; fi
}

lsp_tests() {
    lsp_run scenario
    lsp_run paths
    lsp_run hostile
    lsp_run parts
    lsp_run edits 19 100
    lsp_run timing
    if "$budc" help lsp | grep -q -- '--debounce=MS'; then ok; else bad "lsp: budc help lsp"; fi
    expect_status 2 "lsp: an unknown option" "$budc" lsp --frobnicate
    lsp_vscode
}

lsp_tests
unset -f lsp_run lsp_vscode lsp_tests
