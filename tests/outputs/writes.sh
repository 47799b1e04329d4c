# shellcheck shell=bash
# tests/outputs/writes.sh — what budc does with what is at an output's name,
# with a failing write, and with signals (docs/hostile-inputs.md, "Outputs
# under failure and signals"; issue 17, findings 2, 4 and 5).  Sourced by
# tests/run.sh, which gives $budc, $outdir, ok and bad.
#
#   1. -o naming something that is not a regular file is never replaced: a
#      symbolic link is followed (its target rewritten, the link kept), a
#      FIFO and a character device are written through (a reader of the FIFO
#      gets the whole JSON; a device stays a device), a directory, a block
#      device and a socket are refused (exit 2, a message naming
#      the path and what it is); a link to a file not yet written creates
#      the file, a loop of links is refused.  The devices are made here with mknod (as
#      root), so that a budc that replaced them could not harm /dev.
#   2. a write that fails: a device that is full (ENOSPC), a file beyond
#      `ulimit -f` (EFBIG, where budc must not die of SIGXFSZ), on -o FILE
#      and on standard output: exit 2, "cannot write …: REASON", no
#      temporary left, yesterday's file as it was
#   3. signals, without races: budc is stopped reading a FIFO (its input)
#      while the temporary of -MF exists.  A signal its caller ignored
#      (SIGHUP under nohup, SIGINT and SIGQUIT in a background job) stays
#      ignored: budc finishes (exit 0, the file complete).  SIGINT, SIGTERM,
#      SIGHUP and SIGQUIT otherwise end it (exit 128 + N) with the temporary
#      removed and yesterday's file kept.

# writes_expect NAME STATUS MESSAGE CMD...: CMD exits STATUS and its
# standard error is exactly MESSAGE ("" for nothing).
writes_expect() {
    local name=$1 want=$2 msg=$3 got status
    shift 3
    got=$(timeout -k 2 20 "$@" 2>&1 >/dev/null)
    status=$?
    if [ $status -eq "$want" ] && [ "$got" = "$msg" ]; then ok
    else bad "writes: $name: exit $status (expected $want), message '$(printf '%s' "$got" | head -3)' (expected '$msg')"; fi
}

# writes_no_temp DIR WHAT: no .NAME.tmp-XXXXXX is left in DIR.
writes_no_temp() {
    local left
    left=$(find "$1" -name '.*.tmp-*' | wc -l)
    if [ "$left" -eq 0 ]; then ok; else bad "writes: $2: $left temporary file(s) left in $1"; find "$1" -name '.*.tmp-*' -delete; fi
}

writes_special() {
    local d=$1/special ref=$1/ref.json base=tests/outputs/hostile/base.bud pid got
    mkdir -p "$d"
    "$budc" json "$base" > "$ref" 2>/dev/null
    # a symbolic link: its target rewritten, the link kept
    printf 'yesterday\n' > "$d/target.json"
    ln -s target.json "$d/link.json"
    writes_expect "-o a symbolic link" 0 "" "$budc" json "$base" -o "$d/link.json"
    if [ -L "$d/link.json" ] && [ "$(readlink "$d/link.json")" = target.json ] && cmp -s "$d/target.json" "$ref"; then ok
    else bad "writes: -o a symbolic link must rewrite its target and keep the link"; ls -l "$d" | head -5; fi
    # the same for -MF and for budc build's outputs
    ln -s target.d "$d/link.d"
    writes_expect "-MF a symbolic link" 0 "" "$budc" check -M -MF "$d/link.d" "$base"
    if [ -L "$d/link.d" ] && grep -q 'base.json: ' "$d/target.d" 2>/dev/null; then ok
    else bad "writes: -MF a symbolic link must write its target and keep the link"; fi
    mkdir -p "$d/build"
    ln -s ../target.json "$d/build/base.json"
    PATH=/nonexistent "$budc" build "$base" -o "$d/build" > /dev/null 2>&1
    if [ -L "$d/build/base.json" ] && cmp -s "$d/target.json" "$ref"; then ok
    else bad "writes: budc build replaced a symbolic link among its outputs"; fi
    # a link to a file not yet written: the file written, the link kept
    ln -s new.json "$d/dangling.json"
    writes_expect "-o a link to a file not yet written" 0 "" "$budc" json "$base" -o "$d/dangling.json"
    if [ -L "$d/dangling.json" ] && cmp -s "$d/new.json" "$ref"; then ok; else bad "writes: -o a link to a file not yet written must create the file and keep the link"; fi
    # a loop of links: refused
    ln -s loop-b.json "$d/loop-a.json"
    ln -s loop-a.json "$d/loop-b.json"
    writes_expect "-o a loop of links" 2 "budc: error: cannot write '$d/loop-a.json': too many symbolic links" \
        "$budc" json "$base" -o "$d/loop-a.json"
    if [ -L "$d/loop-a.json" ] && [ -L "$d/loop-b.json" ]; then ok; else bad "writes: -o a loop of links changed it"; fi
    # a directory: refused
    mkdir -p "$d/dir.json"
    writes_expect "-o a directory" 2 "budc: error: cannot write '$d/dir.json': it is a directory, not a regular file" \
        "$budc" json "$base" -o "$d/dir.json"
    # a socket: refused
    python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$d/socket.json"
    writes_expect "-o a socket" 2 "budc: error: cannot write '$d/socket.json': it is a socket, not a regular file" \
        "$budc" json "$base" -o "$d/socket.json"
    if [ -S "$d/socket.json" ]; then ok; else bad "writes: -o a socket replaced it"; fi
    # a FIFO: written through, the reader gets the whole JSON
    mkfifo "$d/fifo.json"
    timeout 20 cat "$d/fifo.json" > "$d/from-fifo.json" &
    pid=$!
    writes_expect "-o a FIFO" 0 "" "$budc" json "$base" -o "$d/fifo.json"
    wait $pid
    if [ -p "$d/fifo.json" ] && cmp -s "$d/from-fifo.json" "$ref"; then ok
    else bad "writes: -o a FIFO must write through it (the reader got $(wc -c < "$d/from-fifo.json") bytes) and leave it a FIFO"; fi
    writes_no_temp "$d" "special files"
    # devices: our own /dev/null (1,3), /dev/full (1,7) and a block device
    # (loop 7,0: never opened), when mknod is allowed; else the real ones,
    # which a budc that is not root cannot replace
    local null=/dev/null full=/dev/full block=
    if mknod "$d/null" c 1 3 2>/dev/null && mknod "$d/full" c 1 7 2>/dev/null; then
        null=$d/null full=$d/full
        mknod "$d/block" b 7 0 2>/dev/null && block=$d/block
    elif [ "$(id -u)" -eq 0 ]; then
        bad "writes: mknod fails as root: the device tests cannot run without risking /dev"
        return
    fi
    writes_expect "-o a character device (null)" 0 "" "$budc" json "$base" -o "$null"
    if [ -c "$null" ]; then ok; else bad "writes: -o $null replaced the device"; fi
    writes_expect "-o a full device" 2 "budc: error: cannot write '$full': No space left on device" \
        "$budc" json "$base" -o "$full"
    if [ -c "$full" ]; then ok; else bad "writes: -o $full replaced the device"; fi
    if [ -n "$block" ]; then
        writes_expect "-o a block device" 2 "budc: error: cannot write '$block': it is a block device, not a regular file" \
            "$budc" json "$base" -o "$block"
        if [ -b "$block" ]; then ok; else bad "writes: -o a block device replaced it"; fi
    else
        bad "writes: mknod cannot make a block device: the test of -o a block device did not run"
    fi
    writes_no_temp "$d" "devices"
}

writes_failures() {
    local d=$1/fail base=tests/outputs/hostile/base.bud got status
    mkdir -p "$d"
    # beyond ulimit -f: EFBIG, not death by SIGXFSZ (exit 153)
    printf 'yesterday\n' > "$d/out.json"
    # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
    writes_expect "-o beyond ulimit -f" 2 "budc: error: cannot write '$d/out.json': File too large" \
        sh -c 'ulimit -f 16 && exec "$0" "$@"' "$budc" json "$base" -o "$d/out.json"
    if [ "$(cat "$d/out.json")" = yesterday ]; then ok; else bad "writes: a write beyond ulimit -f changed yesterday's file"; fi
    writes_no_temp "$d" "beyond ulimit -f"
    # shellcheck disable=SC2016
    got=$(sh -c 'ulimit -f 16 && exec "$0" json "$1" > "$2"' "$budc" "$base" "$d/stdout.json" 2>&1)
    status=$?
    if [ $status -eq 2 ] && [ "$got" = "budc: error: cannot write to standard output: File too large" ]; then ok
    else bad "writes: standard output beyond ulimit -f: exit $status (expected 2), message '$got'"; fi
    # budc build: the same, and yesterday's files kept
    mkdir -p "$d/build"
    printf 'yesterday\n' > "$d/build/base.json"
    # shellcheck disable=SC2016
    got=$(PATH=/nonexistent /bin/sh -c 'ulimit -f 16 && exec "$0" build "$1" -o "$2"' "$budc" "$base" "$d/build" 2>&1)
    status=$?
    case "$got" in
    "budc: error: cannot write '$d/build/"*"': File too large"*) [ $status -eq 2 ] && ok || bad "writes: budc build beyond ulimit -f: exit $status" ;;
    *) bad "writes: budc build beyond ulimit -f: exit $status, message '$(printf '%s' "$got" | head -2)'" ;;
    esac
    if [ "$(cat "$d/build/base.json")" = yesterday ]; then ok; else bad "writes: budc build beyond ulimit -f changed yesterday's base.json"; fi
    writes_no_temp "$d" "budc build beyond ulimit -f"
}

# writes_signal_start NAME SIG IGNORED DIR: starts budc check -M -MF FILE
# reading a FIFO, in DIR/NAME, with SIG ignored by its caller (IGNORED=1,
# like nohup) or at its default (a script's background job ignores SIGINT
# and SIGQUIT: reset).  A python3 parent runs budc, writes its pid and exits
# with its status (128 + N for signal N), so that no job of this shell dies
# of a signal.  Started all at once: python3 takes a while to start.
writes_signal_start() {
    local name=$1 sig=$2 ignored=$3 d=$4/$1
    mkdir -p "$d"
    mkfifo "$d/in.bud"
    printf 'yesterday\n' > "$d/deps.d"
    python3 -c '
import os, signal, sys
sig = getattr(signal, sys.argv[1])
pid = os.fork()
if pid == 0:
    signal.signal(sig, signal.SIG_IGN if sys.argv[2] == "1" else signal.SIG_DFL)
    os.execv(sys.argv[4], sys.argv[4:])
open(sys.argv[3], "w").write(str(pid))
_, st = os.waitpid(pid, 0)
sys.exit(128 + os.WTERMSIG(st) if os.WIFSIGNALED(st) else os.WEXITSTATUS(st))
' "$sig" "$ignored" "$d/pid" "$budc" check -M -MF "$d/deps.d" "$d/in.bud" > /dev/null 2> "$d/err" &
    echo $! > "$d/parent"
}

# writes_signal_finish NAME SIG IGNORED DIR: once budc waits for its input
# with the temporary of -MF written, sends it SIG and gives it its input.
# Ignored, budc must finish (exit 0, the file written); else it must die of
# SIG with its temporary removed and yesterday's file kept.
writes_signal_finish() {
    local name=$1 sig=$2 ignored=$3 d=$4/$1 pid feeder i status want
    pid=$(cat "$d/parent")
    for ((i = 0; i < 500; i++)); do
        [ -s "$d/pid" ] && [ -n "$(find "$d" -name '.deps.d.tmp-*')" ] && break
        sleep 0.02
    done
    if [ -z "$(find "$d" -name '.deps.d.tmp-*')" ]; then
        kill -KILL "$(cat "$d/pid" 2>/dev/null)" "$pid" 2>/dev/null
        bad "writes: $name: budc check -M -MF never created its temporary"
        return
    fi
    sleep 0.1
    kill -s "${sig#SIG}" "$(cat "$d/pid")"
    sleep 0.1
    # the input, for a budc that is still waiting for it
    timeout 10 cp tests/outputs/hostile/base.bud "$d/in.bud" 2>/dev/null &
    feeder=$!
    wait "$pid"
    status=$?
    kill $feeder 2>/dev/null
    wait $feeder 2>/dev/null
    if [ "$ignored" = 1 ]; then
        if [ $status -eq 0 ] && grep -q 'in.json: ' "$d/deps.d"; then ok
        else bad "writes: $name: $sig ignored by the caller: budc exits $status (expected 0, the file written): $(head -2 "$d/err")"; fi
    else
        want=$((128 + $(kill -l "${sig#SIG}")))
        if [ $status -eq $want ] && [ "$(cat "$d/deps.d")" = yesterday ]; then ok
        else bad "writes: $name: $sig: budc exits $status (expected $want), yesterday's file $(head -1 "$d/deps.d")"; fi
    fi
    writes_no_temp "$d" "$name"
}

writes_signals() {
    local d=$1/signals sig ign
    mkdir -p "$d"
    for sig in SIGHUP SIGINT SIGQUIT SIGTERM; do
        for ign in 1 0; do writes_signal_start "$sig-$ign" $sig $ign "$d"; done
    done
    for sig in SIGHUP SIGINT SIGQUIT SIGTERM; do
        for ign in 1 0; do writes_signal_finish "$sig-$ign" $sig $ign "$d"; done
    done
}

writes_tests() {
    local dir=$outdir/writes
    rm -rf "$dir"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    writes_special "$dir"
    writes_failures "$dir"
    writes_signals "$dir"
    rm -rf "$dir"
}

writes_tests
unset -f writes_expect writes_no_temp writes_special writes_failures writes_signal_start writes_signal_finish \
    writes_signals writes_tests
