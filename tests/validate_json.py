#!/usr/bin/env python3
"""validate_json.py SCHEMA FILE...: validates each JSON FILE against the
draft 2020-12 SCHEMA, in one process (importing jsonschema takes a good
part of a second; the suite validated one file a process).  Prints
"ok FILE" or "bad FILE: WHY" (the first error's path and message) a file
and exits 1 when any is bad."""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    status = 0
    for path in sys.argv[2:]:
        try:
            doc = json.load(open(path, encoding="utf-8"))
            error = next(iter(sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))), None)
        except (OSError, ValueError) as e:
            error = e
        if error is None:
            print("ok " + path)
        else:
            status = 1
            where = "/".join(str(p) for p in getattr(error, "absolute_path", []))
            print("bad %s: %s%s" % (path, where + ": " if where else "", getattr(error, "message", error)))
    return status


if __name__ == "__main__":
    sys.exit(main())
