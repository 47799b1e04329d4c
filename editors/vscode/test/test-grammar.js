#!/usr/bin/env node
// test-grammar.js — checks the TextMate grammar of editors/vscode against the
// .bud files of the tree.
//
// Tokenizes, line by line with vscode-textmate and its Oniguruma engine (the
// ones VS Code uses), every examples/**/*.bud, stdlib/**/*.bud and every
// ```bud block of README.md and docs/*.md (but docs/checks.md, whose blocks
// are wrong on purpose), then compares the scopes with what budc's own
// scanner (grammar/lexer.l, mirrored by `scan` below) makes of the line:
//
//   - every `//` comment is comment.line.double-slash
//   - every string is string.quoted.double, and nothing inside it is a
//     keyword.control / keyword.other scope; its escapes are
//     constant.character.escape; the {…} quotes of narrative paragraphs and
//     headings are meta.embedded.expression, {{ and }} escapes
//   - a keyword where a statement starts (first on its line, or after the {
//     of a one-line block) is keyword.control or keyword.other; a keyword
//     anywhere else is an ordinary word (no keyword scope), except the field
//     names of a purchase line (keyword.other.field)
//   - every number is constant.numeric — the amounts of spending, income and
//     economic rows are counted apart — except the function or economic code
//     that starts a data row (3, 5 or 7 digits) and the argument of `code`:
//     constant.other.classification
//   - a unit of measure written right after a value (≥500篇, 90%) is
//     keyword.other.unit
//   - procurement codes (C06010000) are constant.other.procurement
//   - comparison operators (≥ <= ＝ …) are keyword.operator, braces are
//     punctuation.section
//   - nothing in these files is invalid.illegal (they all check cleanly)
//   - no line leaves the grammar inside a rule: the rule stack is back at the
//     top level at the end of every line, since nothing spans lines
//
// Then a few lines written here check the corners the examples do not have
// (full-width digits and operators, one-line blocks, unclosed strings, bad
// characters).
//
// Usage: node test-grammar.js            (exit status 1 on a failure)
//        node test-grammar.js --dump FILE   print each line's tokens and scopes
'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '..', '..', '..');
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'bud.tmLanguage.json');

// ---- budc's scanner, as in grammar/lexer.l --------------------------------

const WSTART = '[A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u1FFF\\u2100-\\u218F' +
    '\\u2460-\\u24FF\\u2E80-\\u2FFF\\u3005-\\u3007\\u303B\\u3040-\\uD7FF\\uE000-\\uFDFF' +
    '\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\u{10000}-\\u{10FFFF}]';
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const LEX = [
    // [type, regex]; the longest match wins, the first rule on a tie (flex)
    ['space', '[ \\t\\r\\u3000\\u00A0]+'],
    ['comment', '//.*'],
    ['number', `${DIGIT}+(?:[.\\uFF0E]${DIGIT}+)?`],
    ['pcode', `[A-Za-z]${DIGIT}+`],
    ['word', `${WSTART}(?:${WSTART}|${DIGIT})*`],
    ['string', '"(?:[^"\\\\\\r\\n]|\\\\[^\\r\\n])*"'],
    ['ustring', '"(?:[^"\\\\\\r\\n]|\\\\[^\\r\\n])*\\\\?'],
    ['op', '>=|≥|≧|⩾|＞＝|<=|≤|≦|⩽|＜＝|!=|≠|==|=|＝|<|＜|>|＞'],
    ['open', '[{｛]'],
    ['close', '[}｝]'],
    ['punct', '[()（）\\[\\]+＋\\-－*＊×/／%％.:]'],
].map(([type, re]) => [type, new RegExp(re, 'uy')]);

const KEYWORDS = new Set(('import department unit year kind budget result money nature rank funding income carryover ' +
    'spending economic sangong project code amount goal indicators purchase measure method ' +
    'quantity price sme source performance target narrative section heading insert ' +
    'glossary prior table note assets planned procurement tracked problems rule catalog').split(' '));
const FIELDS = new Set(['measure', 'quantity', 'price', 'amount', 'sme', 'source', 'method']);
const FULLWIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const ascii = (s) => s.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0));

function scan(line) {
    const toks = [];
    let p = 0;
    while (p < line.length) {
        let best = null;
        for (const [type, re] of LEX) {
            re.lastIndex = p;
            const m = re.exec(line);
            if (m && m[0].length > 0 && (!best || m[0].length > best.text.length))
                best = { type, text: m[0] };
        }
        if (!best) {
            const cp = String.fromCodePoint(line.codePointAt(p));
            best = { type: 'bad', text: cp };
        }
        best.start = p;
        best.end = p + best.text.length;
        if (best.type !== 'space')
            toks.push(best);
        p = best.end;
    }
    return toks;
}

// ---- the files --------------------------------------------------------------

function walk(dir, out) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const f = path.join(dir, e.name);
        if (e.isDirectory())
            walk(f, out);
        else if (e.name.endsWith('.bud'))
            out.push(f);
    }
    return out;
}

// Each input: { name, lines, firstLine } (a document's ```bud block starts
// after its fence).
function inputs() {
    const list = [];
    for (const dir of ['examples', 'stdlib']) {
        const d = path.join(root, dir);
        if (fs.existsSync(d))
            for (const f of walk(d, []))
                list.push({ name: path.relative(root, f), lines: readLines(f), firstLine: 1 });
    }
    const docs = ['README.md'];
    if (fs.existsSync(path.join(root, 'docs')))
        for (const f of fs.readdirSync(path.join(root, 'docs')).sort())
            if (f.endsWith('.md') && f !== 'checks.md')
                docs.push(path.join('docs', f));
    for (const doc of docs) {
        const f = path.join(root, doc);
        if (!fs.existsSync(f))
            continue;
        const lines = readLines(f);
        let block = null;
        lines.forEach((l, i) => {
            if (block === null && /^```bud[ \t]*$/.test(l)) {
                block = { name: doc, lines: [], firstLine: i + 2 };
            } else if (block !== null && /^```/.test(l)) {
                list.push(block);
                block = null;
            } else if (block !== null) {
                block.lines.push(l);
            }
        });
    }
    return list;
}

function readLines(f) {
    let text = fs.readFileSync(f, 'utf8');
    if (text.charCodeAt(0) === 0xFEFF)
        text = text.slice(1);
    const lines = text.split('\n');
    if (lines.length && lines[lines.length - 1] === '')
        lines.pop();
    return lines.map((l) => l.replace(/\r$/, ''));
}

// ---- the checks ---------------------------------------------------------------

let assertions = 0;
let amounts = 0;
const failures = [];

// Checks one input; CHECK_INVALID: no invalid.illegal scope may appear.
function checkInput(grammar, input, checkInvalid) {
    let state = vsctm.INITIAL;
    const blocks = []; // the statement keyword of each open block ('' for other blocks)
    input.lines.forEach((line, i) => {
        const where = `${input.name}:${input.firstLine + i}`;
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        const tm = r.tokens;
        const scopesAt = (pos) => {
            for (const t of tm)
                if (t.startIndex <= pos && pos < t.endIndex)
                    return t.scopes;
            return [];
        };
        const fail = (tok, msg) => {
            const col = tok ? [...line.slice(0, tok.start)].length + 1 : 1;
            failures.push(`${where}:${col}: ${msg}${tok ? ` ('${tok.text}': ${scopesAt(tok.start).slice(1).join(' ') || 'no scope'})` : ''}`);
        };
        // expect(TOK, TEST, WHAT): every character of TOK has a scope that TEST accepts
        const expect = (tok, from, to, test, what) => {
            assertions++;
            for (let p = from; p < to; p++)
                if (!scopesAt(p).some(test)) {
                    fail(tok, `expected ${what}`);
                    return false;
                }
            return true;
        };
        const has = (prefix) => (s) => s === prefix || s.startsWith(prefix + '.');
        const isStmtKeyword = (s) => has('keyword.control')(s) ||
            (has('keyword.other')(s) && !has('keyword.other.unit')(s));

        assertions++;
        if (r.ruleStack.depth !== 1)
            fail(null, `the line leaves the grammar inside a rule (rule stack depth ${r.ruleStack.depth}, expected 1)`);
        if (checkInvalid) {
            assertions++;
            for (const t of tm)
                if (t.scopes.some(has('invalid'))) {
                    fail({ start: t.startIndex, text: line.slice(t.startIndex, t.endIndex) }, 'no invalid.illegal scope');
                    break;
                }
        }

        const toks = scan(line);
        let segStart = true;   // the next token starts a statement or a row
        let segKind = null;    // the keyword of the current statement, or 'row'
        let rowFirst = null;   // the first token of the current row
        let rowIndex = 0;      // position of a token in its row
        for (let k = 0; k < toks.length; k++) {
            const t = toks[k];
            const prev = toks[k - 1];
            const block = blocks.length ? blocks[blocks.length - 1] : '';
            if (t.type === 'comment') {
                expect(t, t.start, t.end, has('comment.line.double-slash'), 'comment.line.double-slash');
                continue;
            }
            if (t.type === 'close') {
                expect(t, t.start, t.end, has('punctuation.section.block.end'), 'punctuation.section.block.end');
                blocks.pop();
                segStart = true;
                continue;
            }
            if (t.type === 'open') {
                expect(t, t.start, t.end, has('punctuation.section.block.begin'), 'punctuation.section.block.begin');
                blocks.push(segKind && segKind !== 'row' ? segKind : '');
                segStart = true;
                continue;
            }
            const starts = segStart;
            if (segStart) {
                segStart = false;
                segKind = t.type === 'word' && KEYWORDS.has(ascii(t.text)) ? ascii(t.text) : 'row';
                rowFirst = t;
                rowIndex = 0;
            } else {
                rowIndex++;
            }
            const inRow = segKind === 'row';
            switch (t.type) {
            case 'word': {
                const w = ascii(t.text);
                if (starts && KEYWORDS.has(w)) {
                    expect(t, t.start, t.end, isStmtKeyword, 'a keyword scope (keyword.control or keyword.other) where a statement starts');
                    assertions++;
                    const sc = tm.find((x) => x.startIndex <= t.start && t.start < x.endIndex);
                    if (!sc || sc.startIndex !== t.start || sc.endIndex !== t.end)
                        fail(t, 'the keyword is one token of its own');
                } else if (segKind === 'purchase' && FIELDS.has(w) && !(prev && prev.type === 'word' && ascii(prev.text) === 'measure')) {
                    expect(t, t.start, t.end, has('keyword.other.field'), 'keyword.other.field in a purchase line');
                } else {
                    assertions++;
                    if (!scopesAt(t.start).every((s) => !isStmtKeyword(s)))
                        fail(t, 'a word where no statement starts is not a keyword');
                    if (prev && prev.type === 'number' && prev.end === t.start && inRow)
                        expect(t, t.start, t.end, has('keyword.other.unit'), 'keyword.other.unit for a unit right after a value');
                    if (segKind === 'purchase' && prev && prev.type === 'word' && ascii(prev.text) === 'measure')
                        expect(t, t.start, t.end, has('keyword.other.unit'), 'keyword.other.unit after measure');
                }
                break;
            }
            case 'number': {
                const digits = ascii(t.text);
                const isCode = (inRow && t === rowFirst && /^(\d{3}|\d{5}|\d{7})$/.test(digits)) ||
                    (segKind === 'code' && rowIndex === 1);
                if (isCode) {
                    expect(t, t.start, t.end, has('constant.other.classification'), 'constant.other.classification for a code');
                } else {
                    expect(t, t.start, t.end, has('constant.numeric'), 'constant.numeric');
                    if (inRow && ['spending', 'income', 'carryover', 'economic'].includes(block))
                        amounts++;
                }
                break;
            }
            case 'pcode':
                expect(t, t.start, t.end, has('constant.other.procurement'), 'constant.other.procurement');
                break;
            case 'op':
                expect(t, t.start, t.end, has('keyword.operator'), 'keyword.operator');
                break;
            case 'punct':
                if (/[%％]/.test(t.text) && prev && prev.type === 'number' && inRow)
                    expect(t, t.start, t.end, has('keyword.other.unit'), 'keyword.other.unit for a percent sign');
                break;
            case 'string':
            case 'ustring': {
                expect(t, t.start, t.end, has('string.quoted.double'), 'string.quoted.double');
                assertions++;
                for (let p = t.start; p < t.end; p++)
                    if (scopesAt(p).some(isStmtKeyword)) {
                        fail(t, `a keyword scope inside a string at '${line.slice(p, p + 8)}'`);
                        break;
                    }
                const raw = t.text;
                const narrative = (inRow && t === rowFirst && (block === 'narrative' || block === 'section')) ||
                    (segKind === 'heading' && rowIndex === 1);
                for (let j = 1; j < raw.length; j++) {
                    const c = raw[j];
                    if (c === '\\' && j + 1 < raw.length) {
                        if ('"\\nt'.includes(raw[j + 1]))
                            expect(t, t.start + j, t.start + j + 2, has('constant.character.escape'), 'constant.character.escape');
                        j++;
                    } else if (narrative && (c === '{' || c === '}') && raw[j + 1] === c) {
                        expect(t, t.start + j, t.start + j + 2, has('constant.character.escape'), `constant.character.escape for ${c}${c}`);
                        j++;
                    } else if (narrative && c === '{') {
                        let e = j + 1;
                        while (e < raw.length && raw[e] !== '}' && raw[e] !== '{' && raw[e] !== '"')
                            e++;
                        if (raw[e] === '}') {
                            expect(t, t.start + j, t.start + e + 1, has('meta.embedded.expression'), 'meta.embedded.expression for a {…} quote');
                            j = e;
                        }
                    }
                }
                break;
            }
            default:
                break;
            }
        }
    });
}

// Lines written here for what the examples do not show: [line, [[text, n, scope]…]]
// where scope is the prefix the n-th occurrence (0 first) of text must carry in
// every character, or '-' followed by a prefix it must not carry.
const CORNERS = [
    ['  一般公共预算 １２０６．６５', [['１２０６．６５', 0, 'constant.numeric']]],
    ['  ２０７０６９９ 基本 ５８２．２０', [['２０７０６９９', 0, 'constant.other.classification'], ['５８２．２０', 0, 'constant.numeric']]],
    ['  数量指标 "场次" - ＞＝12场 "计划"', [['＞＝', 0, 'keyword.operator'], ['12', 0, 'constant.numeric'], ['场', 1, 'keyword.other.unit'], ['-', 0, 'constant.language.dash']]],
    ['  满意度指标 "满意度" - ≧90％', [['≧', 0, 'keyword.operator'], ['％', 0, 'keyword.other.unit.percent']]],
    ['  时效指标 "时效" - ≤7 日 "合同"', [['≤', 0, 'keyword.operator'], ['日', 0, 'keyword.other.unit']]],
    ['  质量指标 "速率" - ≥100兆/秒', [['兆/秒', 0, 'keyword.other.unit']]],
    ['prior { 支出.合计 1018.29 }', [['prior', 0, 'keyword.other'], ['支出', 0, 'variable.other.path'], ['1018.29', 0, 'constant.numeric'], ['{', 0, 'punctuation.section.block.begin'], ['}', 0, 'punctuation.section.block.end']]],
    ['section 名词解释 "八" { insert 名词解释 }', [['insert', 0, 'keyword.other'], ['名词解释', 0, 'entity.name.section'], ['名词解释', 1, 'support.constant.insert']]],
    ['unit本级 "x" {', [['unit本级', 0, '-keyword']]],
    ['  一般公共预算 source 12.00', [['source', 0, '-keyword']]],
    ['  "未闭合的字符串 {收入.合计', [['"未闭合的字符串 {收入.合计', 0, 'string.quoted.double']]],
    ['  "a {{b}} {收入.合计 = 1.00} c" // note', [['{{', 0, 'constant.character.escape'], ['}}', 0, 'constant.character.escape'], ['收入', 0, 'variable.other.path'], ['=', 0, 'keyword.operator'], ['1.00', 0, 'constant.numeric'], ['// note', 0, 'comment.line.double-slash']]],
    ['  goal "a {收入.合计} b"', [['收入', 0, '-variable'], ['{', 0, 'string.quoted.double']]],
    ['  "\\t\\"x\\\\" "\\q"', [['\\t', 0, 'constant.character.escape'], ['\\"', 0, 'constant.character.escape'], ['\\\\', 0, 'constant.character.escape'], ['\\q', 0, 'invalid.illegal']]],
    ['  一般公共预算，1.00', [['，', 0, 'invalid.illegal']]],
    ['  合计 # 1.00', [['#', 0, 'invalid.illegal']]],
    ['  amount -3.20', [['-3.20', 0, 'constant.numeric']]],
    ['rule 三公不增 warning "不得超过上年": 三公.合计 <= 上年.三公.合计 - 1 // x', [['三公不增', 0, 'entity.name.function'], ['warning', 0, 'constant.language'], ['三公', 1, 'variable.other.path'], ['<=', 0, 'keyword.operator'], ['-', 0, 'keyword.operator.arithmetic'], ['// x', 0, 'comment']]],
    ['  purchase C06010000 "新闻服务" measure 次 quantity 1 price 60.00 amount 60.00 source 政府性基金', [['purchase', 0, 'keyword.other'], ['C06010000', 0, 'constant.other.procurement'], ['measure', 0, 'keyword.other.field'], ['次', 0, 'keyword.other.unit'], ['amount', 0, 'keyword.other.field'], ['政府性基金', 0, 'support.constant.source']]],
    ['  purchase A02021000 "打印机" measure 台 quantity 40 price 0.18 amount 7.20 method 询价', [['method', 0, 'keyword.other.field'], ['询价', 0, '-keyword']]],
    ['catalog economic 2023 "t" {', [['economic', 0, 'entity.name.type'], ['economic', 0, '-keyword']]],
    ['  C06010000 "新闻服务" S', [['C06010000', 0, 'constant.other.procurement']]],
    ['  C0601基本 1', [['C0601基本', 0, '-constant']]],
    ['  基本2 1', [['基本2', 0, '-constant']]],
    ['money 万元', [['万元', 0, 'keyword.other.unit']]],
    ['  code 2070699', [['2070699', 0, 'constant.other.classification']]],
    ['import "std/2023.bud"   // the catalogues', [['import', 0, 'keyword.control'], ['"std/2023.bud"', 0, 'string.quoted.double'], ['// the catalogues', 0, 'comment']]],
    ['ｕｎｉｔ 本级 "x" ｛', [['ｕｎｉｔ', 0, 'keyword'], ['｛', 0, 'punctuation.section.block.begin']]],
];

function checkCorners(grammar) {
    for (const [line, wants] of CORNERS) {
        checkInput(grammar, { name: 'corner', lines: [line], firstLine: 1 }, false);
        const r = grammar.tokenizeLine(line, vsctm.INITIAL);
        for (const [text, n, want] of wants) {
            assertions++;
            let at = -1;
            for (let k = 0; k <= n; k++)
                at = line.indexOf(text, at + 1);
            if (at < 0) {
                failures.push(`corner '${line}': no '${text}' #${n}`);
                continue;
            }
            const negate = want.startsWith('-');
            const prefix = negate ? want.slice(1) : want;
            for (let p = at; p < at + text.length; p++) {
                const t = r.tokens.find((x) => x.startIndex <= p && p < x.endIndex);
                const ok = t && t.scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
                if (ok === negate) {
                    failures.push(`corner '${line}': '${text}' ${negate ? 'must not have' : 'must have'} ${prefix}; has ${t ? t.scopes.slice(1).join(' ') : 'nothing'}`);
                    break;
                }
            }
        }
    }
}

async function loadGrammar() {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName) => {
            if (scopeName !== 'source.bud')
                return null;
            return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
        },
    });
    const grammar = await registry.loadGrammar('source.bud');
    if (!grammar)
        throw new Error(`cannot load ${grammarPath}`);
    return grammar;
}

async function main() {
    const t0 = process.hrtime.bigint();
    const grammar = await loadGrammar();
    if (process.argv[2] === '--dump') {
        let state = vsctm.INITIAL;
        readLines(process.argv[3]).forEach((line, i) => {
            const r = grammar.tokenizeLine(line, state);
            state = r.ruleStack;
            console.log(`${i + 1}: ${line}`);
            for (const t of r.tokens)
                console.log(`    '${line.slice(t.startIndex, t.endIndex)}' ${t.scopes.slice(1).join(' ')}`);
        });
        return;
    }
    const list = inputs();
    let lines = 0;
    const files = new Set();
    for (const input of list) {
        files.add(input.name);
        lines += input.lines.length;
        checkInput(grammar, input, true);
    }
    checkCorners(grammar);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    for (const f of failures.slice(0, 40))
        console.log(`FAIL: ${f}`);
    if (failures.length > 40)
        console.log(`… and ${failures.length - 40} more`);
    console.log(`grammar: ${files.size} files (${list.length} inputs), ${lines} lines, ` +
        `${CORNERS.length} corner lines, ${assertions} assertions (${amounts} amounts), ` +
        `${failures.length} failed, ${(ms / 1000).toFixed(1)} s`);
    process.exitCode = failures.length ? 1 : 0;
}

main().catch((e) => {
    console.error(`test-grammar: ${e.stack || e}`);
    process.exitCode = 2;
});
