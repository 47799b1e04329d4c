# tests/outputs/progress.sh — progress on a terminal (src/base/progress.h);
# sourced by tests/run.sh, reports through ok/bad, writes only under
# $outdir/progress.
#
#   1. `budc check` and `budc sqlite` of several budgets with stderr on a
#      terminal (a pseudo-terminal of python3's pty module) show
#      "budc: [I/N] FILE" for each budget, redrawn in place, and clear it at
#      the end; every diagnostic starts at column one: less the progress, the
#      terminal shows exactly what stderr shows in a pipe
#   2. with stderr in a pipe or a file, and with one budget, no progress and
#      no escape sequence at all

prog_dir=$outdir/progress
mkdir -p "$prog_dir"
# prog_pty OUT COMMAND...: runs COMMAND with stdin, stdout and stderr on a
# pseudo-terminal; writes what the terminal received to OUT and exits with
# COMMAND's status.
prog_pty() {
    python3 - "$@" <<'PY'
import os, pty, sys
out, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execvp(argv[0], argv)
data = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
_, status = os.waitpid(pid, 0)
open(out, "wb").write(data)
sys.exit(os.waitstatus_to_exitcode(status))
PY
}
prog_files=(examples/qinhuangdao-media-center-2023.bud tests/outputs/html/hostile.bud examples/county-culture-bureau-2023.bud)
prog_pty "$prog_dir/tty.out" "$budc" check "${prog_files[@]}"
prog_st=$?
"$budc" check "${prog_files[@]}" 2> "$prog_dir/pipe.err" > /dev/null
if [ $prog_st -eq 0 ] && out=$(python3 - "$prog_dir/tty.out" "$prog_dir/pipe.err" <<'PY'
import re, sys
tty = open(sys.argv[1], "rb").read().decode("utf-8")
pipe = open(sys.argv[2], "rb").read().decode("utf-8")
bad = 0
shown = re.findall(r"\r\x1b\[Kbudc: \[(\d)/3\] ([^\r\n]*)", tty)
if [n for n, _ in shown] != ["1", "2", "3"] or not shown[1][1].endswith("hostile.bud"):
    print(f"progress shown: {shown}"); bad += 1
if not tty.endswith("\r\x1b[K"):
    print(f"the progress is not cleared at the end: {tty[-40:]!r}"); bad += 1
# less the progress (and the terminal's CRLF), the same text as in a pipe
rest = re.sub(r"\r\x1b\[Kbudc: \[\d/3\] [^\r\n]*", "", tty).replace("\r\x1b[K", "").replace("\r\n", "\n")
if rest != pipe:
    print("the terminal shows other text than the pipe"); bad += 1
if "warning" not in pipe:
    print("no diagnostics to interleave"); bad += 1
sys.exit(1 if bad else 0)
PY
); then ok; else bad "progress: budc check on a terminal (exit $prog_st)"; printf '%s\n' "$out" | head -5; fi
if ! grep -q $'\033' "$prog_dir/pipe.err"; then ok; else bad "progress: escape sequences in a pipe"; fi
prog_pty "$prog_dir/one.out" "$budc" check examples/qinhuangdao-media-center-2023.bud
if ! grep -q 'budc: \[' "$prog_dir/one.out"; then ok; else bad "progress: shown for one budget"; fi
prog_pty "$prog_dir/sqlite.out" "$budc" sqlite "${prog_files[@]}" -o "$prog_dir/p.db"
if grep -q 'budc: \[3/3\]' "$prog_dir/sqlite.out" && [ -s "$prog_dir/p.db" ]; then ok
else bad "progress: budc sqlite on a terminal"; fi
