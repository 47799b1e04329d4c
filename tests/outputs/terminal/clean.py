#!/usr/bin/env python3
"""clean.py FILE...: each FILE (what budc printed) is safe on a terminal:
valid UTF-8; no control character but the newline ending each line (no ESC,
BEL, CR, the other C0 controls, DEL); no C1 control (U+0080-U+009F); no
bidirectional control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
U+061C) nor U+2028, U+2029; and no line forged by user text (one starting
with "/tmp/x.bud:" or "FORGED", the forgeries the test inputs try).  A tab is allowed only
in a source line under a diagnostic ("   12 | …").  Prints what is wrong
and exits 1."""
import re, sys

BAD = re.compile("[\x00-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
bad = 0
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: not valid UTF-8 at byte {e.start}")
        bad += 1
        continue
    for n, line in enumerate(text.split("\n"), 1):
        # a source line or the caret line under it keeps its tabs (the
        # caret is aligned with them)
        source = re.match(r" *[0-9]+ \| | +\| ", line)
        m = BAD.search(line.replace("\t", " ") if source else line)
        if m:
            bad += 1
            print(f"{path}:{n}: a raw U+{ord(m.group(0)):04X} reaches the terminal: {line[:120]!r}")
        if line.startswith(("/tmp/x.bud:", "FORGED")):
            bad += 1
            print(f"{path}:{n}: a forged line: {line[:120]!r}")
sys.exit(1 if bad else 0)
