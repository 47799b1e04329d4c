"""client.py BUDC CMD — a scripted JSON-RPC client of `budc lsp`
(tests/outputs/lsp.sh; python3's standard library only).

  scenario  the whole life of a session on tests/outputs/lsp/good.bud:
            initialize, open a broken copy (E-SOURCE at its line), hover,
            completion, formatting (= budc fmt), the quick fix, change
            back (errors cleared), shutdown, exit 0
  hostile   garbage, a truncated header, a half-typed file, requests
            before initialize, unknown methods: answered, never a crash
  edits     a random sequence of edits of the seed example (SEED, COUNT):
            every change answered, the server alive at the end
  timing    the median time of a re-check of the seed example after a
            change (budc lsp --log), printed

Prints one line "ok WHAT" or "FAIL WHAT: why" a check.
"""
import json
import os
import random
import re
import select
import subprocess
import sys
import time
import urllib.parse

BUDC = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
failures = 0


def check(cond, what, why=''):
    global failures
    if cond:
        print('ok ' + what)
    else:
        failures += 1
        print('FAIL %s: %s' % (what, why))


def uri_of(path):
    from urllib.parse import quote
    return 'file://' + quote(os.path.abspath(path))


class Server:
    def __init__(self, *args):
        self.p = subprocess.Popen([BUDC, 'lsp'] + list(args), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.buf = b''
        self.next_id = 0
        self.notes = []   # notifications received, in order

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.raw(b'Content-Length: %d\r\n\r\n' % len(body) + body)

    def notify(self, method, params=None):
        m = {'jsonrpc': '2.0', 'method': method}
        if params is not None:
            m['params'] = params
        self.send(m)

    def _read(self, timeout):
        """The next message, or None after TIMEOUT seconds or at the end."""
        end = time.time() + timeout
        while True:
            m = re.match(rb'Content-Length: (\d+)\r\n\r\n', self.buf)
            if m and len(self.buf) >= m.end() + int(m.group(1)):
                n = m.end() + int(m.group(1))
                body, self.buf = self.buf[m.end():n], self.buf[n:]
                return json.loads(body)
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk

    def request(self, method, params=None, timeout=10):
        self.next_id += 1
        i = self.next_id
        m = {'jsonrpc': '2.0', 'id': i, 'method': method}
        if params is not None:
            m['params'] = params
        self.send(m)
        return self.wait_id(i, timeout)

    def wait_id(self, i, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            m = self._read(end - time.time())
            if m is None:
                return None
            if m.get('id') == i and 'method' not in m:
                return m
            self.notes.append(m)
        return None

    def diagnostics(self, uri, timeout=10):
        """The next publishDiagnostics for URI."""
        end = time.time() + timeout
        while True:
            for k, n in enumerate(self.notes):
                if n.get('method') == 'textDocument/publishDiagnostics' and n['params']['uri'] == uri:
                    del self.notes[k]
                    return n['params']['diagnostics']
            if time.time() >= end:
                return None
            m = self._read(end - time.time())
            if m is None:
                return None
            self.notes.append(m)

    def finish(self, timeout=10):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return 'hung'


def init(s):
    r = s.request('initialize', {'processId': None, 'rootUri': None, 'capabilities': {}})
    s.notify('initialized', {})
    return r


def scenario():
    good_path = os.path.join(HERE, 'good.bud')
    good = open(good_path, encoding='utf-8').read()
    broken = good.replace('    一般公共预算 418.55', '    一般公共预箅 418.55')
    # a character beyond the BMP (two UTF-16 units, one budc column) before an error
    broken = broken.replace('"2023年预算收入{收入.合计', '"𝄞2023年预算收入{收入.合计')
    assert broken.count('𝄞') == 1 and '一般公共预箅' in broken
    uri = uri_of(good_path)
    s = Server()
    r = init(s)
    caps = (r or {}).get('result', {}).get('capabilities', {})
    check(caps.get('hoverProvider') and caps.get('documentFormattingProvider') and
          caps.get('textDocumentSync', {}).get('change') == 1, 'initialize: capabilities', r)
    s.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'bud',
                                                       'version': 1, 'text': broken}})
    d = s.diagnostics(uri)
    errs = [x for x in d or [] if x.get('severity') == 1]
    src = [x for x in errs if x.get('code') == 'E-SOURCE']
    check(src and src[0]['range'] == {'start': {'line': 13, 'character': 4},
                                      'end': {'line': 13, 'character': 10}},
          'open a broken budget: E-SOURCE at line 14, characters 4-10 (UTF-16)', d)
    check(src and "did you mean '一般公共预算'" in src[0]['message'] and src[0].get('source') == 'budc',
          'the diagnostic says what it means', src)
    qv = [x for x in errs if x.get('code') == 'E-QUOTE-VALUE']
    check(qv and qv[0]['range']['start'] == {'line': 56, 'character': 25} and
          qv[0].get('relatedInformation') and
          qv[0]['relatedInformation'][0]['location']['range']['start']['line'] == 2,
          'E-QUOTE-VALUE after Chinese text and 𝄞 (2 UTF-16 units), its note as related information', qv)
    # hover: a function code in the spending block (line 19: "    2070699 基本 300.00")
    lines = broken.split('\n')
    ln = next(i for i, t in enumerate(lines) if t.strip().startswith('2070699 基本'))
    h = s.request('textDocument/hover', {'textDocument': {'uri': uri},
                                         'position': {'line': ln, 'character': 6}})
    text = json.dumps(h, ensure_ascii=False)
    check('其他新闻出版电影支出' in text and '20706' in text and '项' in text,
          'hover on 2070699: name, parent, level', text[:300])
    # hover on a diagnostic code in a comment
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 2},
                                        'contentChanges': [{'text': broken + '// see E-SOURCE\n'}]})
    h = s.request('textDocument/hover', {'textDocument': {'uri': uri},
                                         'position': {'line': len(lines) - 1, 'character': 9}})
    text = json.dumps(h, ensure_ascii=False)
    check('E-SOURCE' in text and 'fund source' in text.lower(), 'hover on E-SOURCE: budc explain', text[:300])
    s.diagnostics(uri)
    # completion: a prefix of a function code
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 3},
                                        'contentChanges': [{'text': broken}]})
    s.diagnostics(uri)
    c = s.request('textDocument/completion', {'textDocument': {'uri': uri},
                                              'position': {'line': ln, 'character': 8}})
    items = (c or {}).get('result', {}).get('items', [])
    labels = {i['label']: i.get('detail') for i in items}
    check(labels.get('2070699') == '其他新闻出版电影支出' and all(k.startswith('2070') for k in labels),
          'completion of 2070: 2070699 其他新闻出版电影支出, only codes starting 2070', list(labels)[:5])
    c = s.request('textDocument/completion', {'textDocument': {'uri': uri},
                                              'position': {'line': 13, 'character': 4}})
    labels = [i['label'] for i in (c or {}).get('result', {}).get('items', [])]
    check('一般公共预算' in labels and '产出指标' in labels, 'completion: fund sources and indicator kinds',
          labels[:10])
    # the quick fix
    a = s.request('textDocument/codeAction', {'textDocument': {'uri': uri},
                                              'range': {'start': {'line': 13, 'character': 4},
                                                        'end': {'line': 13, 'character': 4}},
                                              'context': {'diagnostics': []}})
    acts = (a or {}).get('result') or []
    fix = [x for x in acts if x.get('kind') == 'quickfix']
    edit = fix and fix[0]['edit']['changes'][uri][0]
    check(edit and edit['newText'] == '一般公共预算' and edit['range']['start'] == {'line': 13, 'character': 4},
          'code action: the did-you-mean fix', acts)
    # formatting equals budc fmt
    messy = broken.replace('  year 2023', 'year   2023').replace('money 万元', 'money 万元   ')
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 4},
                                        'contentChanges': [{'text': messy}]})
    f = s.request('textDocument/formatting', {'textDocument': {'uri': uri},
                                              'options': {'tabSize': 2, 'insertSpaces': True}})
    want = subprocess.run([BUDC, 'fmt', '-'], input=messy.encode(), capture_output=True).stdout.decode()
    edits = (f or {}).get('result') or []
    check(len(edits) == 1 and edits[0]['newText'] == want and edits[0]['range']['start'] == {'line': 0, 'character': 0},
          'formatting: one edit, the text of budc fmt', edits)
    s.diagnostics(uri)
    # outline
    o = s.request('textDocument/documentSymbol', {'textDocument': {'uri': uri}})
    names = json.dumps((o or {}).get('result'), ensure_ascii=False)
    check('秦皇岛经济技术开发区融媒体中心' in names and '报刊机构合作宣传费' in names and
          '支出总表' in names and '二、部门预算安排的总体情况' in names,
          'outline: department, unit, project, table, section', names[:300])
    # a syntax error keeps the last good outline
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 5},
                                        'contentChanges': [{'text': good.replace('unit 本级', 'unit 本级 {{ "')}]})
    d = s.diagnostics(uri)
    check(any(x.get('code') == 'E-SYNTAX' for x in d or []), 'a syntax error is published', d)
    o = s.request('textDocument/documentSymbol', {'textDocument': {'uri': uri}})
    check('报刊机构合作宣传费' in json.dumps((o or {}).get('result'), ensure_ascii=False),
          'the last good outline while the file does not parse', o)
    f = s.request('textDocument/formatting', {'textDocument': {'uri': uri}, 'options': {}})
    check(f and not f.get('result'), 'no formatting edit while the file does not parse', f)
    # back to the good text: the errors go
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 6},
                                        'contentChanges': [{'text': good}]})
    d = s.diagnostics(uri)
    check(d is not None and not [x for x in d if x.get('severity') == 1], 'change back: errors cleared', d)
    # definition: the imported standard library
    d2 = s.request('textDocument/definition', {'textDocument': {'uri': uri},
                                               'position': {'line': 0, 'character': 10}})
    loc = (d2 or {}).get('result') or {}
    check(loc.get('uri', '').endswith('/2023.bud'), 'definition of an import: the file', d2)
    ul = next(i for i, t in enumerate(good.split('\n')) if t.startswith('    2070699 基本'))
    d3 = s.request('textDocument/definition', {'textDocument': {'uri': uri},
                                               'position': {'line': ul, 'character': 6}})
    loc = (d3 or {}).get('result') or {}
    check(loc.get('uri', '').endswith('/2023/function.bud'), 'definition of a code: its catalogue entry', d3)
    r = s.request('textDocument/references', {'textDocument': {'uri': uri},
                                              'position': {'line': ul, 'character': 6},
                                              'context': {'includeDeclaration': True}})
    refs = (r or {}).get('result') or []
    want = sum(1 for t in good.split('\n') if re.search(r'(^|[\s\[])2070699\b', t.split('//')[0]))
    gl = good.split('\n')
    check(len(refs) == want and all(gl[x['range']['start']['line']][x['range']['start']['character']:].startswith('2070699') for x in refs),
          'references of 2070699: each place it is written (%d)' % want, refs)
    # hover on a quote: its value
    ql = next(i for i, t in enumerate(good.split('\n')) if '{收入.合计' in t)
    col = good.split('\n')[ql].index('收入.合计')
    h = s.request('textDocument/hover', {'textDocument': {'uri': uri},
                                         'position': {'line': ql, 'character': col + 1}})
    check('418.55' in json.dumps(h, ensure_ascii=False), 'hover on a quote: its value', h)
    # hover on a printed table's cell: the derived value
    tl = next(i for i, t in enumerate(good.split('\n')) if t.startswith('  2070699 "其他新闻出版电影支出" 372.00'))
    col = good.split('\n')[tl].index('372.00') + 1
    h = s.request('textDocument/hover', {'textDocument': {'uri': uri},
                                         'position': {'line': tl, 'character': col}})
    text = json.dumps(h, ensure_ascii=False)
    check('derived from the facts: **372.00**' in text and 'as printed' in text,
          'hover on a printed cell: the derived value', text[:300])
    # a figure typed in prose: the fix turns it into the quote that checks it
    plain = good.replace('"2023年预算收入{收入.合计 = 418.55}万元。"', '"2023年预算收入418.55万元。"')
    assert plain != good
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 7},
                                        'contentChanges': [{'text': plain}]})
    d = s.diagnostics(uri)
    pf = [x for x in d or [] if x.get('code') == 'W-PROSE-FIGURE']
    pl = next(i for i, t in enumerate(plain.split('\n')) if '418.55万元' in t)
    a = s.request('textDocument/codeAction', {'textDocument': {'uri': uri},
                                              'range': {'start': {'line': pl, 'character': 0},
                                                        'end': {'line': pl, 'character': 0}},
                                              'context': {'diagnostics': pf}})
    acts = [x for x in (a or {}).get('result') or [] if x['title'].startswith('Quote the figure')]
    fixed = None
    if acts:
        e = acts[0]['edit']['changes'][uri][0]
        lines = plain.split('\n')
        ln = lines[e['range']['start']['line']]
        lines[e['range']['start']['line']] = ln[:e['range']['start']['character']] + e['newText'] + ln[e['range']['end']['character']:]
        fixed = '\n'.join(lines)
    check(pf and fixed == good, 'code action: a figure typed in prose becomes its quote', (pf, acts))
    # a printed table with a wrong cell and a row left out: filled from the facts
    wrong = good.replace('  207 "文化旅游体育与传媒支出" 372.00 300.00 72.00', '  207 "文化旅游体育与传媒支出" 372.01 300.00 72.00')
    wrong = wrong.replace('  208 "社会保障和就业支出" 46.55 46.55\n', '')
    assert wrong.count('\n') == good.count('\n') - 1
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 8},
                                        'contentChanges': [{'text': wrong}]})
    d = s.diagnostics(uri)
    tl = next(i for i, t in enumerate(wrong.split('\n')) if t.startswith('table 支出总表'))
    a = s.request('textDocument/codeAction', {'textDocument': {'uri': uri},
                                              'range': {'start': {'line': tl, 'character': 0},
                                                        'end': {'line': tl, 'character': 0}},
                                              'context': {'diagnostics': []}})
    acts = [x for x in (a or {}).get('result') or [] if x['title'].startswith('Fill the printed table')]
    filled = None
    if acts:
        e = acts[0]['edit']['changes'][uri][0]
        lines = wrong.split('\n')
        r = e['range']
        assert r['start']['character'] == 0 and r['end']['character'] == 0
        filled = '\n'.join(lines[:r['start']['line']]) + '\n' + e['newText'] + '\n'.join(lines[r['end']['line']:])
    check(any(x.get('code', '').startswith('E-TABLE') for x in d or []) and filled == good,
          'code action: a printed table filled from the facts', (d, acts, filled))
    u = s.request('budc/frobnicate', {})
    check(u and u.get('error', {}).get('code') == -32601, 'an unknown request: MethodNotFound', u)
    r = s.request('shutdown')
    check(r and 'result' in r and r['result'] is None, 'shutdown', r)
    s.notify('exit')
    check(s.finish() == 0, 'exit after shutdown: status 0')


def hostile():
    s = Server()
    r = s.request('textDocument/hover', {})
    check(r and r.get('error', {}).get('code') == -32002, 'a request before initialize: ServerNotInitialized', r)
    init(s)
    s.raw(b'Content-Length: 5\r\n\r\n{{{{{')
    m = s.wait_id(None)
    check(m and m.get('error', {}).get('code') == -32700, 'not JSON: ParseError', m)
    s.raw(b'garbage without a header\r\n\r\n')
    m = s.wait_id(None)
    check(m and m.get('error', {}).get('code') == -32700, 'a header without Content-Length: ParseError', m)
    s.send([1, 2, 3])
    m = s.wait_id(None)
    check(m and m.get('error', {}).get('code') == -32600, 'an array: InvalidRequest', m)
    r = s.request('textDocument/hover', {'textDocument': {'uri': 'file:///nowhere.bud'},
                                         'position': {'line': -1, 'character': 'x'}})
    check(r and r.get('error', {}).get('code') == -32602, 'a bad position: InvalidParams', r)
    uri = 'file:///tmp/half-typed.bud'
    half = 'import "std/2023.bud"\ndepartment 1 "x" {\n  year 20\nunit 本级 "未完 {\n  spending 一般公共预算 {\n    20706'
    s.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'bud', 'version': 1,
                                                       'text': half}})
    d = s.diagnostics(uri)
    check(d is not None and any(x.get('severity') == 1 for x in d), 'a half-typed file: its errors', d)
    for q in ('hover', 'completion', 'definition', 'documentSymbol', 'formatting', 'codeAction'):
        r = s.request('textDocument/' + q, {'textDocument': {'uri': uri},
                                            'position': {'line': 5, 'character': 9},
                                            'range': {'start': {'line': 0, 'character': 0},
                                                      'end': {'line': 9, 'character': 0}},
                                            'options': {}})
        check(r is not None and 'error' not in r, 'a half-typed file: %s answered' % q, r)
    # each prefix of the seed-sized example, typed in bursts
    text = open(os.path.join(HERE, 'good.bud'), encoding='utf-8').read()
    for k, n in enumerate(range(0, len(text), 97)):
        s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': k + 2},
                                            'contentChanges': [{'text': text[:n]}]})
    r = s.request('textDocument/documentSymbol', {'textDocument': {'uri': uri}})
    check(r is not None and 'result' in r, 'every prefix of a budget: still answering', r)
    s.notify('exit')
    check(s.finish() == 1, 'exit without shutdown: status 1')
    # a header cut short, and a body cut short: the end of the input
    for data, what in ((b'Content-Len', 'a truncated header'),
                       (b'Content-Length: 100\r\n\r\n{"jsonrpc"', 'a truncated body')):
        s = Server()
        s.raw(data)
        st = s.finish()
        err = s.p.stderr.read().decode(errors='replace')
        check(st == 1 and 'Sanitizer' not in err, '%s: exit 1, no crash' % what, (st, err[-500:]))


def edits(seed, count):
    rnd = random.Random(seed)
    path = os.path.join(HERE, '..', '..', '..', 'examples', 'qinhuangdao-media-center-2023', '本级.bud')
    text = open(path, encoding='utf-8').read()
    s = Server('--debounce=0')
    init(s)
    uri = uri_of(path)
    s.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'bud', 'version': 1,
                                                       'text': text}})
    pieces = ['{', '}', '"', '\n', ' ', '2070699', '一般公共预算', '{收入.合计}', '//', '\u3000', '𝄞', '-', '.']
    answered = 0
    for k in range(count):
        a = rnd.randrange(len(text) + 1)
        b = min(len(text), a + rnd.randrange(8))
        text = text[:a] + (rnd.choice(pieces) if rnd.random() < 0.7 else '') + text[b:]
        s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': k + 2},
                                            'contentChanges': [{'text': text}]})
        line = text[:a].count('\n')
        r = s.request(rnd.choice(['textDocument/hover', 'textDocument/completion',
                                  'textDocument/definition']),
                      {'textDocument': {'uri': uri},
                       'position': {'line': line, 'character': rnd.randrange(40)}})
        answered += r is not None and 'result' in r
    check(answered == count, 'random edits: %d of %d requests answered' % (answered, count))
    s.request('shutdown')
    s.notify('exit')
    check(s.finish() == 0, 'random edits: the server exits 0')


def parts():
    """The seed example and its unit file open together: an edit of the unit
    file is checked as part of the whole budget, its text winning over the
    disk copy."""
    root = os.path.join(HERE, '..', '..', '..', 'examples')
    entry = os.path.join(root, 'qinhuangdao-media-center-2023.bud')
    part = os.path.join(root, 'qinhuangdao-media-center-2023', '本级.bud')
    etext = open(entry, encoding='utf-8').read()
    ptext = open(part, encoding='utf-8').read()
    euri, puri = uri_of(entry), uri_of(part)
    s = Server('--debounce=0')
    init(s)
    s.notify('textDocument/didOpen', {'textDocument': {'uri': euri, 'languageId': 'bud', 'version': 1,
                                                       'text': etext}})
    d = s.diagnostics(puri, 30)
    base = len(d or [])
    check(base > 0 and '%E6%9C%AC%E7%BA%A7.bud' in puri,
          'the entry file publishes the diagnostics of the file it imports (%d)' % base, d)
    s.notify('textDocument/didOpen', {'textDocument': {'uri': puri, 'languageId': 'bud', 'version': 1,
                                                       'text': ptext}})
    d = s.diagnostics(puri, 30)
    check(d is not None and len(d) == base, 'opening the unit file keeps the whole budget\'s diagnostics', d)
    bad_text = ptext.replace('    一般公共预算 1206.65\n', '    一般公共预算 1206.66\n', 1)
    s.notify('textDocument/didChange', {'textDocument': {'uri': puri, 'version': 2},
                                        'contentChanges': [{'text': bad_text}]})
    d = s.diagnostics(puri, 30)
    errs = [x for x in d or [] if x.get('severity') == 1]
    check(errs, 'an unsaved edit of the unit file: the entry file\'s check sees it', d)
    s.notify('textDocument/didChange', {'textDocument': {'uri': puri, 'version': 3},
                                        'contentChanges': [{'text': ptext}]})
    d = s.diagnostics(puri, 30)
    check(d is not None and not [x for x in d if x.get('severity') == 1] and len(d) == base,
          'the edit undone: its errors cleared', d)
    s.request('shutdown')
    s.notify('exit')
    check(s.finish() == 0, 'two documents: exit 0')


def timing():
    path = os.path.join(HERE, '..', '..', '..', 'examples', 'qinhuangdao-media-center-2023.bud')
    text = open(path, encoding='utf-8').read()
    s = Server('--log', '--debounce=0')
    init(s)
    uri = uri_of(path)
    s.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'bud', 'version': 1,
                                                       'text': text}})
    s.diagnostics(uri, 60)
    for k in range(11):
        s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': k + 2},
                                            'contentChanges': [{'text': text + '// %d\n' % k}]})
        s.diagnostics(uri, 60)
    s.request('shutdown')
    s.notify('exit')
    s.finish()
    ms = [float(x) for x in re.findall(r'in ([0-9.]+) ms', s.p.stderr.read().decode())][1:]
    ms.sort()
    print('timing: a re-check of the seed example after a change: median %.1f ms (min %.1f, max %.1f, %d runs)'
          % (ms[len(ms) // 2], ms[0], ms[-1], len(ms)))

def paths():
    """Completion of quote paths, definition of a quote's path and of a
    rule, the diagnostics' links to their documentation."""
    good_path = os.path.join(HERE, 'good.bud')
    good = open(good_path, encoding='utf-8').read()
    uri = uri_of(good_path)
    s = Server()
    init(s)
    # a quote being typed: {收入. … in a narrative string
    typing = good.replace('"2023年预算收入{收入.合计 = 418.55}万元。"',
                          '"2023年预算收入{收入.合计 = 418.55}万元，支出{支出.基"')
    s.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'bud', 'version': 1,
                                                       'text': good}})
    d = s.diagnostics(uri)
    check(d is not None and not [x for x in d if x.get('severity') == 1], 'the good budget: no error', d)
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 2},
                                        'contentChanges': [{'text': typing}]})
    lines = typing.split('\n')
    ql = next(i for i, t in enumerate(lines) if '{支出.基' in t)
    end = lines[ql].index('{支出.基') + len('{支出.基')

    def complete(line, ch):
        c = s.request('textDocument/completion', {'textDocument': {'uri': uri},
                                                  'position': {'line': line, 'character': ch}})
        return {i['label']: i.get('detail') for i in (c or {}).get('result', {}).get('items', [])}
    got = complete(ql, end)
    check('基本' in got and (got['基本'] or '').startswith('= 346.55') and '项目' not in got,
          'completion in a quote: 支出.基 gives 基本 with its value', got)
    got = complete(ql, end - 1)
    check('合计' in got and '基本' in got and '项目' in got and '一般公共预算' in got
          and '2070699' not in got and '人员经费' not in got and '收入' not in got,
          'completion after 支出.: the words of spending (kinds, sources, 合计), no codes', list(got)[:20])
    check((got.get('合计') or '').startswith('= 418.55'), 'completion: 支出.合计 with its value', got.get('合计'))
    got = complete(ql, end - 4)
    check('三公' in got and '上年' in got and '机关运行经费' in got and '一般公共预算' not in got,
          'completion at a quote\'s start: the roots of paths', list(got))
    # inside brackets: the codes by their prefix
    inb = typing.replace('{支出.基"', '{基本支出[3020"')
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 3},
                                        'contentChanges': [{'text': inb}]})
    bl = inb.split('\n')
    got = complete(ql, bl[ql].index('[3020') + 5)
    check('30201' in got and '三公' not in got and all(x.startswith('3020') for x in got),
          'completion in a quote\'s brackets: the codes by prefix', list(got)[:10])
    # a rule's condition, then 上年. and a root after it
    rule = typing + '\nrule 测试 warning "测试": 基本支出.人 <= 上年.\n'
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 33},
                                        'contentChanges': [{'text': rule}]})
    rl = len(rule.split('\n')) - 2
    rt = rule.split('\n')[rl]
    got = complete(rl, rt.index('.人') + 2)
    check(set(got) == {'人员经费'}, 'completion in a rule: 基本支出.人 gives 人员经费', got)
    got = complete(rl, len(rt))
    check('支出' in got and '三公' in got, 'completion after 上年.: the roots', list(got)[:10])
    got = complete(rl, rt.index('测试 '))
    check('三公' not in got, 'completion in a rule\'s name: not a path', list(got)[:10])
    # definition of a quoted path: the fact lines of its value
    s.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 4},
                                        'contentChanges': [{'text': good + '\n// see D6_出国\nrule 测试规则 warning "测试": 支出.合计 < 1\n'}]})
    gl = (good + '\n// see D6_出国\nrule 测试规则 warning "测试": 支出.合计 < 1\n').split('\n')
    ql = next(i for i, t in enumerate(gl) if '{收入.合计' in t)
    r = s.request('textDocument/definition', {'textDocument': {'uri': uri},
                                              'position': {'line': ql, 'character': gl[ql].index('收入.合计') + 1}})
    locs = (r or {}).get('result') or []
    il = [i for i, t in enumerate(gl) if t.strip().startswith('一般公共预算 418.55')]
    check(isinstance(locs, list) and [x['range']['start']['line'] for x in locs] == il
          and all(x['uri'] == uri for x in locs),
          'definition of {收入.合计}: its fact line (%s)' % il, locs)
    mine = []
    for _ in range(4):  # the ones of the earlier versions may come first
        d = s.diagnostics(uri, timeout=5)
        mine = [x for x in d or [] if x.get('code') == '测试规则']
        if mine or d is None:
            break
    check(len(mine) == 1, 'a rule that does not hold: its diagnostic', d)
    rl = next(i for i, t in enumerate(gl) if t.startswith('rule 测试规则'))
    if mine:
        st = mine[0]['range']['start']
        r = s.request('textDocument/definition', {'textDocument': {'uri': uri}, 'position': st})
        loc = (r or {}).get('result') or {}
        check(isinstance(loc, dict) and loc.get('uri') == uri and loc['range']['start']['line'] == rl,
              'definition at a rule\'s diagnostic: the rule', r)
    cl = next(i for i, t in enumerate(gl) if 'D6_出国' in t)
    r = s.request('textDocument/definition', {'textDocument': {'uri': uri},
                                              'position': {'line': cl, 'character': gl[cl].index('D6_出国') + 2}})
    loc = (r or {}).get('result') or {}
    check(isinstance(loc, dict) and loc.get('uri', '').endswith('/2023/rules.bud'),
          'definition of a rule\'s name in a comment: the standard library\'s rule', r)
    # in a unit's narrative, the values are the unit's (as its quotes are)
    ex = os.path.join(HERE, '..', '..', '..', 'examples', 'county-education-bureau-2024.bud')
    etext = open(ex, encoding='utf-8').read()
    euri = uri_of(ex)
    s.notify('textDocument/didOpen', {'textDocument': {'uri': euri, 'languageId': 'bud', 'version': 1,
                                                       'text': etext}})
    el = etext.split('\n')
    for want in ('2241.17', '2121.18'):  # two units' narratives
        ql = next(i for i, t in enumerate(el) if '{支出.合计 = %s}' % want in t)
        got = {}
        c = s.request('textDocument/completion', {'textDocument': {'uri': euri},
                                                  'position': {'line': ql, 'character': el[ql].index('{支出.合计') + 4}})
        got = {i['label']: i.get('detail') for i in (c or {}).get('result', {}).get('items', [])}
        check((got.get('合计') or '').startswith('= ' + want),
              'completion in a unit\'s quote: 支出.合计 = %s, the unit\'s' % want, got.get('合计'))
    s.request('shutdown')
    s.notify('exit')
    s.finish()


def links():
    """codeDescription: a link to the code's section of the docs beside
    the executable, for a client that says it shows them; none otherwise."""
    good_path = os.path.join(HERE, 'good.bud')
    broken = open(good_path, encoding='utf-8').read().replace('    一般公共预算 418.55', '    一般公共预箅 418.55')
    uri = uri_of(good_path)
    docs = os.path.realpath(os.path.join(os.path.dirname(os.path.realpath(BUDC)), '..', 'docs'))
    if not os.path.isfile(os.path.join(docs, 'checks.md')):
        docs = os.path.realpath(os.path.join(os.path.dirname(os.path.realpath(BUDC)), '..', '..', 'docs'))
    for support in (True, False):
        s = Server()
        s.request('initialize', {'processId': None, 'rootUri': None, 'capabilities': {
            'textDocument': {'publishDiagnostics': {'codeDescriptionSupport': support}}}})
        s.notify('initialized', {})
        s.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'bud', 'version': 1,
                                                           'text': broken}})
        d = s.diagnostics(uri) or []
        src = [x for x in d if x.get('code') == 'E-SOURCE']
        hrefs = [x.get('codeDescription', {}).get('href') for x in d]
        if support:
            want = uri_of(os.path.join(docs, 'checks.md')) + '#e-source--'
            href = src[0].get('codeDescription', {}).get('href', '') if src else ''
            check(href.startswith(want), 'codeDescription of E-SOURCE: its section of docs/checks.md', (want, href))
            check(src and all(h for h in hrefs), 'codeDescription: every code has its link', hrefs)
            # the anchor is the heading's, as a Markdown viewer makes it
            head = next(t for t in open(os.path.join(docs, 'checks.md'), encoding='utf-8') if t.startswith('### E-SOURCE '))
            slug = re.sub(r'[^\w\- ]', '', head[4:].strip().lower()).replace(' ', '-')
            check(urllib.parse.unquote(href.split('#', 1)[-1]) == slug, 'codeDescription: the heading\'s anchor',
                  (href, slug))
        else:
            check(src and not any(hrefs), 'no codeDescription for a client that does not show them', hrefs)
        s.request('shutdown')
        s.notify('exit')
        s.finish()


if __name__ == '__main__':
    what = sys.argv[2]
    if what == 'scenario':
        scenario()
    elif what == 'hostile':
        hostile()
    elif what == 'edits':
        edits(int(sys.argv[3]), int(sys.argv[4]))
    elif what == 'parts':
        parts()
    elif what == 'paths':
        paths()
        links()
    elif what == 'timing':
        timing()
    sys.exit(1 if failures else 0)
