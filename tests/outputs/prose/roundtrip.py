"""roundtrip.py BUDC DIR — W-PROSE-FIGURE's remedies, tried (tests/outputs/prose.sh).

DIR holds a copy of an example whose narrative.bud had every quote
{path = number} replaced by its number.  budc check must then report each of
those numbers with W-PROSE-FIGURE "… is not checked: write {…} so that it
is"; every such quote is written in place of its number (at the line and
column of the warning), and the narrative must come back as it was:
QUOTES (the count of quotes taken out) quotes put back, none different.
Prints what differs and exits 1, else exits 0.
"""
import re
import subprocess
import sys

budc, entry, narrative, original, quotes = sys.argv[1:6]
out = subprocess.run([budc, "check", "-fmax-errors=0", entry], capture_output=True, text=True).stderr
fixes = re.findall(r"^(\S+?):(\d+):(\d+): warning: '[^\n]*' is not checked: write (\{[^\n]*?\}) "
                   r"so that it is \[W-PROSE-FIGURE\]$", out, re.M)
lines = open(narrative, encoding="utf-8").read().split("\n")
applied = 0
for f, line, col, quote in sorted(fixes, key=lambda x: (int(x[1]), int(x[2])), reverse=True):
    if not f.endswith("narrative.bud"):
        continue
    s = lines[int(line) - 1]
    i = j = int(col) - 1
    while j < len(s) and (s[j].isdigit() or s[j] == "."):
        j += 1
    lines[int(line) - 1] = s[:i] + quote + s[j:]
    applied += 1
back = "\n".join(lines)
want = open(original, encoding="utf-8").read()
if applied != int(quotes) or back != want:
    print("%d of %d quotes suggested" % (applied, int(quotes)))
    for a, b in zip(back.split("\n"), want.split("\n")):
        if a != b:
            print("- " + b + "\n+ " + a)
    sys.exit(1)
