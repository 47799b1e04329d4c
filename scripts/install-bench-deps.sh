#!/bin/sh
# install-bench-deps.sh — installs what `make bench` needs beyond budc's own
# build dependencies, when missing: ledger (the double-entry accounting tool
# the benchmark compares line items per second with) and GNU time (which
# reports each command's peak memory).  Both are Debian packages; as root the
# script installs them, otherwise it uses sudo when it can, and else says
# what to run.  It does nothing when both are there.  Without ledger the
# benchmark still runs and leaves its figures out.
set -eu

missing=""
command -v ledger >/dev/null 2>&1 || missing="$missing ledger"
[ -x /usr/bin/time ] || missing="$missing time"
[ -z "$missing" ] && exit 0

echo "bench: installing missing packages:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "bench: no apt-get here; install by hand:$missing" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "bench: run as root: apt-get install --no-install-recommends$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
