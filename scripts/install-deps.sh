#!/bin/sh
# install-deps.sh [SET...] — installs, when missing, the Debian packages a
# part of budc needs.  The sets:
#
#   build    (the default) what budc needs to build and test: flex, bison,
#            make, gcc, cJSON, cmocka, python3, and for the outputs' tests
#            the JSON Schema validator, xelatex with ctex, pdftotext,
#            strace (tests/outputs/syscalls.sh counts system calls),
#            python3's sqlite3 (the CSV test sums the long form in SQLite),
#            chromium (tests/outputs/html.sh renders the web page headless),
#            libsqlite3-dev (budc sqlite writes a database) with the sqlite3
#            shell (docs/sqlite.md's queries), libxlsxwriter (budc xlsx
#            writes the Excel workbook), libzip and expat (budc import reads
#            one: its zip and its XML), libreoffice-calc (the tests print
#            a workbook as a PDF for budc audit: tests/pdf/make-corpus.py)
#            and clang (make asan's sanitized build, which the fuzz
#            harnesses link with libFuzzer)
#   editors  node and npm, which run the test of the TextMate grammar
#            (editors/vscode/test: npm ci installs vscode-textmate and
#            vscode-oniguruma from the npm registry, pinned by its
#            package-lock.json); vim, man and groff, which test the Vim
#            syntax and the manual page.  A test whose tool is missing
#            fails: nothing is skipped
#   bench    ledger (the tool the benchmark compares line items per second
#            with) and GNU time (which reports peak memory); without ledger
#            the benchmark leaves its figures out
#
# As root the script installs with apt, otherwise through sudo when it can,
# and else prints the command to run.  Called by `make deps` (so by `make
# demo` and `make check`: build and editors) and `make bench` (bench); it
# does nothing when everything is there.
set -eu

missing=""
need() { # need PACKAGE TEST...
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
have_header() { [ -f "/usr/include/$1" ]; }

[ $# -gt 0 ] || set -- build
for set in "$@"; do
    case $set in
    build)
        need flex          command -v flex
        need bison         command -v bison
        need make          command -v make
        need gcc           command -v cc
        need libcjson-dev  have_header cjson/cJSON.h
        need libcmocka-dev have_header cmocka.h
        # gettext: msgfmt compiles po/zh_CN.po, xgettext extracts the messages (docs/i18n.md)
        need gettext       command -v msgfmt
        need python3       command -v python3
        need python3-jsonschema python3 -c 'import jsonschema'
        need texlive-xetex  command -v xelatex
        need texlive-lang-chinese kpsewhich ctexart.cls
        need poppler-utils  command -v pdftotext
        need strace         command -v strace
        need libpython3-stdlib python3 -c 'import sqlite3'
        need clang          command -v clang
        need chromium       command -v chromium
        need libsqlite3-dev have_header sqlite3.h
        need sqlite3        command -v sqlite3
        need libxlsxwriter-dev have_header xlsxwriter.h
        need libzip-dev     have_header zip.h
        need libexpat1-dev  have_header expat.h
        # libreoffice-calc (no recommends): tests/pdf/make-corpus.py prints budc's
        # workbook as a PDF typeset by another program, for budc audit's tests
        need libreoffice-calc command -v soffice
        # poppler's C interface reads a PDF's text layer (budc import FILE.pdf);
        # pkg-config finds its flags; qpdf and img2pdf make the encrypted and
        # the scanned PDFs of tests/outputs/pdf_import.sh
        need libpoppler-glib-dev have_header poppler/glib/poppler.h
        need pkg-config     command -v pkg-config
        need qpdf           command -v qpdf
        need img2pdf        command -v img2pdf
        ;;
    editors)
        need nodejs command -v node
        need npm    command -v npm
        need vim    command -v vim
        need man-db command -v man
        need groff  command -v groff
        ;;
    bench)
        need ledger command -v ledger
        need time   test -x /usr/bin/time
        ;;
    *)
        echo "install-deps.sh: unknown set '$set' (build, editors or bench)" >&2
        exit 2
        ;;
    esac
done

[ -z "$missing" ] && exit 0

echo "budc: installing missing packages ($*):$missing"
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
