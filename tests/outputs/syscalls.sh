# shellcheck shell=bash
# tests/outputs/syscalls.sh — the system calls of a run (issue 16), sourced
# by tests/run.sh, which gives $budc, $outdir, ok and bad.  Counted with
# strace, not timed, so nothing here can flake with the machine's load:
#
#   1. a diagnostic costs one write: a budget with 400 errors (and a note
#      under the summary) printed with -fmax-errors=0 and again as JSON
#      makes at most one write(2) per diagnostic line of the header kind
#      (error, warning, note), plus one for the summary;
#   2. no system call per file beyond opening and reading it: checking a
#      directory of three departments resolves no path (no readlink, no
#      getcwd: imports are known by device and inode), opens each input
#      once and stats it once (not again when listing its directory, nor
#      its descriptor after opening it), each file of the standard library
#      once for the whole run, and lists the standard library's directory
#      once.

syscalls_writes() {
    local dir=$1 f=$dir/many.bud log=$dir/writes.strace n heads writes fmt
    {
        echo 'unit 本级 "某单位" {'
        echo '  income {'
        for _ in $(seq 400); do echo '    一般公共预算 "1.00"'; done
        echo '  }'
        echo '}'
    } > "$f"
    for fmt in text json; do
        # LeakSanitizer cannot run under ptrace: in the sanitizer build it
        # stops with a fatal error and writes it to stderr, which is not
        # budc's writing (ASAN_OPTIONS means nothing to the plain build)
        ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=write -o "$log" \
            "$budc" check -fmax-errors=0 --diagnostics="$fmt" "$f" 2> "$dir/many.$fmt.err" > /dev/null
        if [ "$fmt" = json ]; then
            heads=$(grep -c '"level"' "$dir/many.$fmt.err")
        else
            heads=$(grep -cE ': (error|warning|note): ' "$dir/many.$fmt.err")
        fi
        writes=$(grep -c '^[0-9]* *write(2,' "$log")
        if [ "$heads" -ge 400 ] && [ "$writes" -le $((heads + 1)) ]; then ok
        else bad "syscalls: $heads diagnostics ($fmt) took $writes writes to stderr (one each at most)"; fi
    done
}

syscalls_files() {
    local dir=$1 log=$dir/files.strace n std opened
    mkdir -p "$dir/depts"
    # the seed without its import of std/2023.bud: each department takes the
    # library of its year
    cp -R examples/qinhuangdao-media-center-2023 "$dir/depts/"
    for n in 1 2 3; do
        sed '/^import "std\//d' examples/qinhuangdao-media-center-2023.bud > "$dir/depts/d$n.bud"
    done
    ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=%file,%desc -o "$log" "$budc" check "$dir/depts" > /dev/null 2>&1
    n=$(grep -E '^[0-9]* *(readlink|getcwd)\(' "$log" | grep -vc '"/proc/')
    if [ "$n" = 0 ]; then ok
    else bad "syscalls: $n readlink/getcwd calls checking three departments (none expected)"; fi
    for n in 1 2 3; do
        opened=$(grep -E '^[0-9]* *open(at)?\(.*/d'"$n"'\.bud"' "$log" | grep -c 'O_RDONLY')
        if [ "$opened" = 1 ]; then ok
        else bad "syscalls: d$n.bud opened $opened times (once expected)"; fi
        # one stat a file: listing the directory asks none (readdir says
        # what each entry is), loading it one by its path, and none of
        # the open descriptor
        stats=$(awk -v f="/d$n.bud\"" '
            index($0, f) && /stat/ { n++ }
            index($0, f) && /open(at)?\(/ && /O_RDONLY/ { fd = $NF }
            fd != "" && ($0 ~ "fstat\\(" fd "," || $0 ~ "newfstatat\\(" fd ", \"\"" || $0 ~ "statx\\(" fd ", \"\"") { n++ }
            fd != "" && $0 ~ "close\\(" fd "\\)" { fd = "" }
            END { print n + 0 }' "$log")
        if [ "$stats" = 1 ]; then ok
        else bad "syscalls: d$n.bud stat'ed $stats times (once expected)"; fi
    done
    std=$(grep -E '^[0-9]* *open(at)?\(.*stdlib/[^"]*\.bud"' "$log" | sed 's/.*\(stdlib\/[^"]*\)".*/\1/' |
        sort | uniq -d)
    if [ -z "$std" ] && grep -qE 'open(at)?\(.*stdlib/2023/function' "$log"; then ok
    else bad "syscalls: standard library files opened more than once (or never): $std"; fi
    n=$(grep -E '^[0-9]* *open(at)?\(.*stdlib"?.*O_DIRECTORY' "$log" | grep -vc '/depts')
    if [ "$n" -le 1 ]; then ok
    else bad "syscalls: the standard library's directory listed $n times (once expected)"; fi
}

syscalls_tests() {
    local dir
    mkdir -p "$outdir/syscalls"
    dir=$(cd "$outdir/syscalls" && pwd)
    if ! command -v strace > /dev/null; then
        bad "syscalls: strace is not installed (make deps installs it)"
        return
    fi
    syscalls_writes "$dir"
    syscalls_files "$dir"
}

syscalls_tests
unset -f syscalls_writes syscalls_files syscalls_tests
