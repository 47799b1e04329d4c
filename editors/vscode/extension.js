// extension.js — starts the budc language server (`budc lsp`, docs/lsp.md)
// for .bud files.  The grammar and the language configuration need no code;
// this is only the client: vscode-languageclient (pinned by package-lock.json,
// installed with `npm ci --omit=dev` in this folder) talks to the server over
// standard input and output.  Settings: bud.budc.path (the budc executable,
// default `budc` on the PATH) and bud.lsp.enable.
'use strict';

const vscode = require('vscode');

let client = null;

function activate(context) {
    const config = vscode.workspace.getConfiguration('bud');
    if (!config.get('lsp.enable', true))
        return;
    let lc;
    try {
        lc = require('vscode-languageclient/node');
    } catch (e) {
        vscode.window.showWarningMessage(
            'Bud: the language client is not installed (run `npm ci --omit=dev` in the extension folder); highlighting only.');
        return;
    }
    const command = config.get('budc.path', 'budc') || 'budc';
    const serverOptions = {
        run: { command, args: ['lsp'], transport: lc.TransportKind.stdio },
        debug: { command, args: ['lsp', '--log'], transport: lc.TransportKind.stdio },
    };
    const clientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'bud' },
            { scheme: 'untitled', language: 'bud' },
        ],
    };
    client = new lc.LanguageClient('bud', 'budc language server', serverOptions, clientOptions);
    context.subscriptions.push(client.start());
}

function deactivate() {
    return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
