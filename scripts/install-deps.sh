#!/bin/sh
# install-deps.sh — installs what budc needs to build and test, when missing.
#
# On Debian (the supported platform) the packages come from apt; as root the
# script installs them, otherwise it uses sudo when it can, and else prints
# the command to run.  Called by `make demo` and `make check`; it does
# nothing when everything is already there.
set -eu

missing=""
need() { # need PACKAGE TEST...
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
have_header() { [ -f "/usr/include/$1" ]; }

need flex          command -v flex
need bison         command -v bison
need make          command -v make
need gcc           command -v cc
need libcjson-dev  have_header cjson/cJSON.h
need libcmocka-dev have_header cmocka.h
need python3       command -v python3
# the outputs' tests: the JSON Schema validator, xelatex with ctex for the
# PDF, pdftotext/pdftoppm to read the PDF back
need python3-jsonschema python3 -c 'import jsonschema'
need texlive-xetex  command -v xelatex
need texlive-lang-chinese kpsewhich ctexart.cls
need poppler-utils  command -v pdftotext

[ -z "$missing" ] && exit 0

echo "budc: installing missing packages:$missing"
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
