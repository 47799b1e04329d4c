# shellcheck shell=bash
# tests/outputs/module.sh — budc-io.so, the module of the commands that need
# the heavy libraries (src/import/module.h, docs/performance.md); sourced by
# tests/run.sh, which gives $budc, $build, $outdir, ok and bad.
#
#   1. budc itself does not link libxlsxwriter, libzip, expat, SQLite, poppler, glib nor
#      what they pull in (libcrypto, poppler): every command that does not
#      need them starts without loading them; the module links them
#   2. the module missing (budc copied to a directory without it): xlsx,
#      build, sqlite and import exit 2 with a message naming the file and
#      the places it was looked for, and write nothing; check still works
#   3. a file of that name that is not budc's module (a library without the
#      table, a text file): exit 2, saying which and why
#   4. with the module, xlsx then import give back a budget (the round
#      trip itself is tests/outputs/import.sh's)
#   5. installed (make install): PREFIX/bin/budc finds its module in
#      PREFIX/lib/budc/

module_tests() {
    local dir heavy needed lib st msg cmd ex=examples/qinhuangdao-media-center-2023.bud
    mkdir -p "$outdir/module/alone"
    dir=$(cd "$outdir/module" && pwd)
    # 1. what budc and the module link
    heavy='libxlsxwriter|libzip|libexpat|libsqlite3|libcrypto|libssl|libpoppler|libminizip|libglib|libgobject'
    needed=$(readelf -d "$budc" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    if [ -n "$needed" ] && ! printf '%s\n' "$needed" | grep -qE "$heavy"; then ok
    else bad "module: budc links $(printf '%s ' $needed)(none of $heavy expected)"; fi
    if [ -f "$build/budc-io.so" ]; then
        needed=$(readelf -d "$build/budc-io.so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
        for lib in libxlsxwriter libzip libexpat libsqlite3 libpoppler-glib; do
            if printf '%s\n' "$needed" | grep -q "^$lib"; then ok
            else bad "module: budc-io.so does not link $lib"; fi
        done
    else
        bad "module: $build/budc-io.so was not built"
    fi
    # and a check does not load it (nor them)
    if command -v strace > /dev/null; then
        ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=openat,open -o "$dir/check.strace" \
            "$budc" check "$ex" > /dev/null 2>&1
        if grep -q 'libc\.so' "$dir/check.strace" && ! grep -qE "budc-io\.so|$heavy" "$dir/check.strace"; then ok
        else bad "module: budc check opened $(grep -oE "budc-io\.so|$heavy" "$dir/check.strace" | sort -u | tr '\n' ' ')"; fi
    fi

    # 2. the module missing
    cp "$budc" "$dir/alone/budc"
    if [ -e /usr/local/lib/budc/budc-io.so ]; then
        ok # an installed module is found where make install puts it: nothing to test
    else
        for cmd in xlsx build sqlite; do
            rm -rf "$dir/out-$cmd"
            msg=$(BUDC_STDLIB=$PWD/stdlib "$dir/alone/budc" "$cmd" -o "$dir/out-$cmd" "$ex" 2>&1)
            st=$?
            case "$msg" in
            *"$cmd needs the module budc-io.so"*"($dir/alone/budc-io.so)"*"make install"*)
                if [ "$st" = 2 ] && [ ! -e "$dir/out-$cmd" ]; then ok
                else bad "module: $cmd without the module: exit $st (2 expected), output written: $(ls "$dir/out-$cmd" 2>&1)"; fi ;;
            *) bad "module: $cmd without the module: exit $st, message: $msg" ;;
            esac
        done
        msg=$("$dir/alone/budc" import -o "$dir/out-import.bud" tests/outputs/import/does-not-matter.xlsx 2>&1)
        st=$?
        case "$msg" in
        *"import needs the module budc-io.so"*"($dir/alone/budc-io.so)"*)
            if [ "$st" = 2 ] && [ ! -e "$dir/out-import.bud" ]; then ok
            else bad "module: import without the module: exit $st (2 expected)"; fi ;;
        *) bad "module: import without the module: exit $st, message: $msg" ;;
        esac
        if BUDC_STDLIB=$PWD/stdlib "$dir/alone/budc" check "$ex" > /dev/null 2>&1; then ok
        else bad "module: budc check without the module fails"; fi
        # 3. not budc's module
        lib=$(ldd "$budc" | sed -n 's/.*libcjson[^ ]* => \([^ ]*\).*/\1/p')
        if [ -n "$lib" ]; then
            cp "$lib" "$dir/alone/budc-io.so"
            msg=$("$dir/alone/budc" xlsx -o "$dir/out-other.xlsx" "$ex" 2>&1)
            st=$?
            case "$msg" in
            *"$dir/alone/budc-io.so is the module of another build of budc"*)
                if [ "$st" = 2 ]; then ok; else bad "module: another library: exit $st"; fi ;;
            *) bad "module: another library as budc-io.so: exit $st, message: $msg" ;;
            esac
        fi
        echo 'not a library' > "$dir/alone/budc-io.so"
        msg=$("$dir/alone/budc" sqlite -o "$dir/out-text.db" "$ex" 2>&1)
        st=$?
        case "$msg" in
        *"sqlite: cannot load $dir/alone/budc-io.so: "*)
            if [ "$st" = 2 ] && [ ! -e "$dir/out-text.db" ]; then ok; else bad "module: a text file: exit $st"; fi ;;
        *) bad "module: a text file as budc-io.so: exit $st, message: $msg" ;;
        esac
    fi

    # 5. installed: PREFIX/bin/budc finds PREFIX/lib/budc/budc-io.so
    if make --no-print-directory -n install DESTDIR="$dir/inst" PREFIX=/usr LIBDIR=/usr/lib 2>/dev/null |
        grep -q "install .*budc-io.so $dir/inst/usr/lib/budc/budc-io.so"; then ok
    else bad "module: make install does not install budc-io.so in LIBDIR/budc/"; fi
    mkdir -p "$dir/inst/bin" "$dir/inst/lib/budc"
    cp "$budc" "$dir/inst/bin/budc"
    cp "$build/budc-io.so" "$dir/inst/lib/budc/budc-io.so"
    if BUDC_STDLIB=$PWD/stdlib "$dir/inst/bin/budc" sqlite -o "$dir/inst.db" "$ex" 2> /dev/null &&
        [ -s "$dir/inst.db" ]; then ok
    else bad "module: an installed budc does not find its module in ../lib/budc"; fi

    # 4. with the module
    if "$budc" xlsx -o "$dir/seed.xlsx" "$ex" 2> /dev/null &&
        "$budc" import -o "$dir/seed.bud" "$dir/seed.xlsx" 2> /dev/null &&
        grep -q 'department' "$dir/seed.bud"; then ok
    else bad "module: xlsx and import through the module"; fi
}

module_tests
unset -f module_tests
