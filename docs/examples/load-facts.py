#!/usr/bin/env python3
"""load-facts.py DB FACTS.csv... — loads `budc csv --long` output into SQLite.

Each FACTS.csv is one department's figures (budc csv --long -o DIR/NAME
writes DIR/NAME/facts.csv); the department is named by its folder, NAME.
The table `facts` gets one row per figure, with the amount both as written
(`value`, text) and as an exact integer of hundredths (`cents`), so that
SUM() adds money without floating point.  See docs/performance.md.
"""
import csv
import os
import sqlite3
import sys
from decimal import Decimal

db = sqlite3.connect(sys.argv[1])
db.executescript("""
    DROP TABLE IF EXISTS facts;
    CREATE TABLE facts (department TEXT, tbl TEXT, unit TEXT, row TEXT, code TEXT,
                        name TEXT, col TEXT, value TEXT, cents INTEGER);
""")
for path in sys.argv[2:]:
    dept = os.path.basename(os.path.dirname(os.path.abspath(path)))
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        if next(rows) != ["table", "unit", "row", "code", "name", "column", "value"]:
            sys.exit("%s: not a budc csv --long file" % path)
        db.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?)",
                       ([dept] + r + [int(Decimal(r[6]).scaleb(2))] for r in rows))
db.execute("CREATE INDEX facts_by_cell ON facts (tbl, col, code)")
db.commit()
