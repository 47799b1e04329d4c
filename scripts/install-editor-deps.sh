#!/bin/sh
# install-editor-deps.sh — installs what the editor support's tests need,
# when missing: node and npm, which run the test of the TextMate grammar
# (editors/vscode/test: npm ci installs vscode-textmate and vscode-oniguruma
# from the npm registry, pinned by its package-lock.json).  Vim, man and
# bash are used when they are there and are not installed here.
#
# On Debian the packages come from apt (nodejs, npm); as root the script
# installs them, otherwise it uses sudo when it can, and else prints the
# command to run.  Called by `make deps` (so by `make demo` and `make check`)
# through mk/editors.mk; it does nothing when node and npm are there.
set -eu

missing=""
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0

echo "budc: installing missing packages for the editor tests:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "budc: no apt-get here; install these packages (or their equivalents) by hand:$missing" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "budc: run as root: apt-get install --no-install-recommends$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
