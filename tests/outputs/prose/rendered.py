#!/usr/bin/env python3
"""rendered.py BUDC FILE.bud...: every quote {figure = N} of a narrative is
printed as N, the number as written (its sign and decimals), in the JSON and
in the LaTeX of the budget.

Each narrative line of FILE (a string alone on its line, with a quote) whose
quotes all state their number gives the text expected: the string with each
{... = N} replaced by N and {{ }} by { }.  That text must be one paragraph of
`budc json` (narrative.sections[].paragraphs[].text, the department's or a
unit's) and appear in `budc latex` (with % & # _ $ escaped).  Exits 1 naming each text not found."""
import json, re, subprocess, sys

budc, files = sys.argv[1], sys.argv[2:]
QUOTE = re.compile(r"\{([^{}]*?)\s*=\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*\}")
ESC = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def strings(path):
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\s*"((?:[^"\\]|\\.)*)"\s*(//.*)?$', line)
        if m and "{" in m.group(1):
            yield re.sub(r"\\(.)", lambda e: ESC.get(e.group(1), e.group(0)), m.group(1))


def expected(s):
    s = s.replace("{{", "\0").replace("}}", "\1")
    out = QUOTE.sub(lambda m: m.group(2).lstrip("+"), s)
    if "{" in out or "}" in out:
        return None  # a quote without its number: printed as computed
    return out.replace("\0", "{").replace("\1", "}")


def tex_text(s):
    """S as src/emit/tex.c writes it, for the characters a sentence of a
    说明 holds (a text with others is looked for as it is)."""
    return re.sub(r"([%&#_$])", r"\\\1", s)


def texts(doc):
    def narr(n):
        for sec in (n or {}).get("sections", []):
            for p in sec.get("paragraphs", []):
                if p.get("kind") == "text":
                    yield p["text"]
    yield from narr(doc.get("narrative"))
    for u in doc.get("units", []):
        yield from narr(u.get("narrative"))


bad = checked = 0
for f in files:
    imported = [f] + sorted(set(re.findall(r'^import "((?!std/)[^"]+)"', open(f, encoding="utf-8").read(), re.M)))
    base = f.rsplit("/", 1)[0] + "/" if "/" in f else ""
    want = []
    for i, path in enumerate(imported):
        for s in strings(path if i == 0 else base + path):
            e = expected(s)
            if e is not None:
                want.append(e)
    js = subprocess.run([budc, "json", f], capture_output=True)
    tex = subprocess.run([budc, "latex", f], capture_output=True)
    if js.returncode != 0 or tex.returncode != 0:
        print(f"{f}: budc json exits {js.returncode}, budc latex {tex.returncode}")
        bad += 1
        continue
    got = set(texts(json.loads(js.stdout)))
    latex = tex.stdout.decode("utf-8")
    for w in want:
        checked += 1
        if w not in got:
            bad += 1
            near = [g for g in got if g[:8] == w[:8]]
            print(f"{f}: JSON has no paragraph {w!r}" + (f"; it has {near[0]!r}" if near else ""))
        if tex_text(w) not in latex:
            bad += 1
            print(f"{f}: the LaTeX does not hold {w!r}")
if checked == 0:
    print("no quote with its number was found: the test checks nothing")
    bad += 1
sys.exit(1 if bad else 0)
