#!/usr/bin/env python3
"""gen.py KIND OUT — writes one generated hostile input (tests/outputs/hostile.sh).

Inputs too big or too binary to keep in git are generated, always the same
bytes for the same KIND (random ones from a fixed seed).  Each KIND prints
nothing, except `random`, `nul` and `utf8-*`, which print the first
diagnostic line budc must give (with OUT as the file name) and how many
errors the file holds in all.

    random          64 KiB of random bytes (random.seed(2023))
    nul             1 MiB of NUL bytes
    utf8-gbk        a budget whose unit name is saved as GBK
    utf8-truncated  a file ending inside a UTF-8 sequence
    utf8-overlong   an overlong encoding of '/'
    utf8-surrogate  a UTF-16 surrogate encoded as UTF-8
    utf8-beyond     a code point above U+10FFFF
    long-string     BASE with a unit name of 10 MB (valid: exit 0)
    long-word       a 10 MB word on a line of its own
    long-number     a 10 MB number in a spending line
    nest-blocks     100,000 nested blocks
    nest-parens-rule   a rule with 100,000 nested parentheses
    nest-parens-quote  a narrative quote with 100,000 nested parentheses
    nest-minus      a rule with 100,000 unary minus signs
    chain-rule      BASE with a rule adding 1,000,000 terms (a left-deep tree)
    chain-quote     BASE with a quote adding 1,000,000 terms
    chain-parse     a rule adding 1,000,000 terms, for budc parse
    many-errors     5,000 lines with a syntax error each
    units-overflow  11 units of 9,000,000,000,000,000.00 万元: the department's
                    total exceeds budc's 18 digits
    yuan-18-digits  a budget in 元 whose amounts have 18 integer digits: exact,
                    but not with the 2 decimals every amount is written with
    bom-crlf        BASE with a byte-order mark and CRLF line ends
BASE is tests/outputs/hostile/base.bud, a small budget without errors.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = open(os.path.join(HERE, "base.bud"), encoding="utf-8").read()
MB10 = 10 * 1000 * 1000


def first_error(data, name):
    """The first encoding error budc reports for DATA, and how many there are
    (parse.c: parse_check_encoding)."""
    i, line, col, first, count = 0, 1, 1, None, 0
    if data.startswith(b"\xef\xbb\xbf"):
        i = 3
    while i < len(data):
        b = data[i]
        msg = None
        if b == 0:
            msg = ("NUL byte in the input: a .bud file is UTF-8 text, is this a binary file?", "E-NUL")
            n = 1
        else:
            n = 1 if b < 0x80 else 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
            try:
                if n == 0:
                    raise ValueError
                data[i:i + n].decode("utf-8")
            except ValueError:
                msg = ("invalid UTF-8 byte 0x%02X; save the file as UTF-8 (GBK and other encodings "
                       "are not read)" % b, "E-UTF8")
                n = 1
        if msg:
            count += 1
            if first is None:
                first = "%s:%d:%d: error: %s [%s]" % (name, line, col, msg[0], msg[1])
            i += 1
            col += 1
            continue
        if b == 0x0A:
            line, col = line + 1, 1
        else:
            col += 1
        i += n
    return first, count


def main():
    kind, out = sys.argv[1], sys.argv[2]
    data = None
    report = False
    if kind == "random":
        random.seed(2023)
        data = bytes(random.getrandbits(8) for _ in range(64 * 1024))
        report = True
    elif kind == "nul":
        data = b"\0" * (1024 * 1024)
        report = True
    elif kind == "utf8-gbk":
        data = 'unit 本级 "'.encode() + "融媒体中心".encode("gbk") + b'" {\n}\n'
        report = True
    elif kind == "utf8-truncated":
        data = 'unit 本级 "x" {\n  nature 事'.encode() + "业".encode()[:2]
        report = True
    elif kind == "utf8-overlong":
        data = b'unit a "x\xc0\xafy" {\n}\n'
        report = True
    elif kind == "utf8-surrogate":
        data = b'unit a "x" {\n  rank "\xed\xa0\x80"\n}\n'
        report = True
    elif kind == "utf8-beyond":
        data = b'// \xf4\x90\x80\x80\n'
        report = True
    elif kind == "long-string":
        text = BASE.replace('unit 本级 "示例局" {', 'unit 本级 "' + "长" * (MB10 // 3) + '" {', 1)
    elif kind == "long-word":
        text = "x" * MB10 + "\n"
    elif kind == "long-number":
        text = BASE.replace("    2010101 基本 60.00\n", "    2010101 基本 " + "1" * MB10 + "\n", 1)
    elif kind == "nest-blocks":
        text = 'unit a "x" {\n' * 100000 + "}\n" * 100000
    elif kind == "nest-parens-rule":
        text = 'rule r error "m": ' + "(" * 100000 + "1" + ")" * 100000 + " >= 0\n"
    elif kind == "nest-parens-quote":
        text = ('narrative {\n  section 其他事项 "九、其他事项" {\n    "{' + "(" * 100000 + "支出.合计"
                + ")" * 100000 + ' = 100.00}"\n  }\n}\n')
    elif kind == "nest-minus":
        text = 'rule r error "m": ' + "-" * 100000 + "1 >= 0\n"
    elif kind == "chain-rule":
        text = BASE + 'rule 链 error "m": 支出.合计 >= 0' + "+0" * 1000000 + "\n"
    elif kind == "chain-quote":
        text = BASE + ('narrative {\n  section 其他事项 "九、其他事项" {\n    "{支出.合计' + "+0" * 1000000
                       + ' = 100.00}"\n  }\n}\n')
    elif kind == "chain-parse":
        text = 'rule 链 error "m": 0' + "+0" * 1000000 + "\n"
    elif kind == "many-errors":
        text = "".join("year %d %d\n" % (i, i) for i in range(1, 5001))
    elif kind == "units-overflow":
        text = 'department 901 "示例局" {\n  year 2023\n  money 万元\n}\n'
        for i in range(11):
            text += ('unit 单位%d "单位%d" {\n  nature 事业\n  income {\n    一般公共预算 9000000000000000.00\n  }\n'
                     '  spending 一般公共预算 {\n    2010101 基本 9000000000000000.00\n  }\n'
                     '  economic 一般公共预算 {\n    30101 9000000000000000.00\n  }\n}\n' % (i, i))
    elif kind == "yuan-18-digits":
        big = "999999999999999999"
        text = ('department 901 "示例局" {\n  year 2023\n  money 元\n}\n'
                'unit 本级 "示例局" {\n  nature 行政\n  income {\n    一般公共预算 %s\n  }\n'
                '  spending 一般公共预算 {\n    2010101 基本 %s\n  }\n'
                '  economic 一般公共预算 {\n    30101 %s\n  }\n}\n' % (big, big, big))
    elif kind == "bom-crlf":
        data = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    else:
        sys.exit("gen.py: unknown kind " + kind)
    if data is None:
        data = text.encode("utf-8")
    with open(out, "wb") as f:
        f.write(data)
    if report:
        first, count = first_error(data, out)
        print(first)
        print(count)


main()
