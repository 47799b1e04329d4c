# i18n.sh — sourced by tests/run.sh: the messages in Chinese (docs/i18n.md).
#   (a) the catalogue po/zh_CN.po translates every message the sources give
#       gettext (the template is extracted afresh), nothing fuzzy or empty;
#   (b) a few goldens in Chinese, pinned byte for byte in tests/golden-zh/
#       (the English ones are the suite's own tests/golden/);
#   (c) budc --help in Chinese; (d) LANG=C, LANG unset, LANGUAGE alone stay
#       English.  Chinese must work whether or not zh_CN.UTF-8 is generated.
i18ndir=$outdir/i18n
rm -rf "$i18ndir"
mkdir -p "$i18ndir"

# (a) completeness: every msgid of the extracted template translated
if make -s --no-print-directory BUILD="$build" "$build/po/budc.pot" >"$i18ndir/pot.log" 2>&1; then
    ok
else bad "i18n: extracting the messages (make $build/po/budc.pot)"; cat "$i18ndir/pot.log"; fi
if msgfmt -c -o /dev/null po/zh_CN.po 2>"$i18ndir/msgfmt.log"; then ok
else bad "i18n: msgfmt -c po/zh_CN.po"; head -5 "$i18ndir/msgfmt.log"; fi
msgmerge -q --no-fuzzy-matching -o "$i18ndir/merged.po" po/zh_CN.po "$build/po/budc.pot" 2>/dev/null
stats=$(msgfmt --statistics -o /dev/null "$i18ndir/merged.po" 2>&1)
case "$stats" in
*untranslated* | *fuzzy*) bad "i18n: messages without a Chinese translation ($stats):"
    msgattrib --untranslated --no-obsolete "$i18ndir/merged.po" | grep '^msgid' | head -10 ;;
*" translated message"*) ok ;;
*) bad "i18n: msgfmt --statistics: $stats" ;;
esac
# ... and an untranslated message is caught: drop one translation
awk '/^msgstr/ { n++ } n == 2 && /^msgstr/ { print "msgstr \"\""; skip = 1; next }
     skip && /^"/ { next } { skip = 0; print }' "$i18ndir/merged.po" > "$i18ndir/holed.po"
case "$(msgfmt --statistics -o /dev/null "$i18ndir/holed.po" 2>&1)" in
*untranslated*) ok ;; *) bad "i18n: the completeness check misses a message without translation" ;;
esac
# every message format handed to diag_* in src/ is in the template: the
# calls whose format is a literal on the same line
grep -rhoE 'diag_(error|warning)\([^;]*"E-[A-Z-]+", *"[^"]*"' src | sed -E 's/.*, *"([^"]*)"$/\1/' |
    sort -u > "$i18ndir/formats"
nmiss=0
while IFS= read -r f; do
    grep -qF "msgid \"$f" "$build/po/budc.pot" || { nmiss=$((nmiss + 1)); echo "  not extracted: $f"; }
done < "$i18ndir/formats"
if [ "$nmiss" = 0 ] && [ -s "$i18ndir/formats" ]; then ok
else bad "i18n: $nmiss message formats of src/ are not in the template"; fi

# (b) Chinese goldens; LANG=zh_CN.UTF-8 whether or not that locale exists
while IFS= read -r -d '' zh; do
    rel=${zh#tests/golden-zh/}
    src=tests/golden/${rel%.err}.bud
    flags=()
    if [ -f "${src%.bud}.flags" ]; then
        read -r -a flags < <(tr '\n' ' ' < "${src%.bud}.flags"; echo)
    fi
    actual=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 \
        "$budc" check ${flags[@]+"${flags[@]}"} "$src" 2>&1 >/dev/null)
    if [ "$actual" = "$(cat "$zh")" ]; then ok
    else bad "i18n: Chinese golden $zh differs"; diff <(printf '%s\n' "$actual") "$zh" | head -10; fi
    # the same run in English is the suite's golden, unchanged
    actual=$(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u LANG \
        "$budc" check ${flags[@]+"${flags[@]}"} "$src" 2>&1 >/dev/null)
    if [ "$actual" = "$(cat "${src%.bud}.err")" ]; then ok
    else bad "i18n: English golden ${src%.bud}.err differs with LANG unset"; fi
done < <(find tests/golden-zh -name '*.err' -print0 | sort -z)
# LC_MESSAGES and LC_ALL choose too, LC_ALL first (POSIX's order)
src=tests/golden/balance/balance.bud
case "$(env -u LANG -u LC_ALL LC_MESSAGES=zh_CN.UTF-8 "$budc" check "$src" 2>&1)" in
*每个资金来源的收入和支出必须相等*) ok ;; *) bad "i18n: LC_MESSAGES=zh_CN.UTF-8 gives Chinese" ;; esac
case "$(LANG=zh_CN.UTF-8 LC_ALL=C "$budc" check "$src" 2>&1)" in
*"income and spending of each fund source must be equal"*) ok ;;
*) bad "i18n: LC_ALL=C wins over LANG=zh_CN.UTF-8" ;; esac
# the codes and the gcc-style frame are not translated
case "$(LANG=zh_CN.UTF-8 "$budc" check "$src" 2>&1 | head -1)" in
"$src:9:12: error: "*" [E-BALANCE]") ok ;; *) bad "i18n: code and location unchanged in Chinese" ;; esac

# (c) the help and the command line's own messages
case "$(LANG=zh_CN.UTF-8 "$budc" --help)" in
"用法：budc 命令 [选项] 文件..."*"退出状态：0 没有错误"*) ok ;; *) bad "i18n: budc --help in Chinese" ;; esac
out=$(LANG=zh_CN.UTF-8 "$budc" frobnicate 2>&1)
if [ "$out" = "budc: error: 未知命令 'frobnicate'
请运行 'budc --help' 查看用法。" ]; then ok; else bad "i18n: a usage error in Chinese: $out"; fi
expect_status 2 "i18n: a usage error in Chinese keeps exit status 2" env LANG=zh_CN.UTF-8 "$budc" frobnicate

# (d) English otherwise
for env in "LANG=C" "LANG=C.UTF-8" "LANG=en_US.UTF-8" "LANGUAGE=zh_CN"; do
    out=$(env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE $env "$budc" --help | head -1)
    if [ "$out" = "usage: budc COMMAND [OPTIONS] FILE..." ]; then ok
    else bad "i18n: $env stays English (got: $out)"; fi
done
out=$(env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "$budc" --help | head -1)
if [ "$out" = "usage: budc COMMAND [OPTIONS] FILE..." ]; then ok
else bad "i18n: no locale variable set stays English"; fi
# without the catalogue (a misplaced install): English, not a crash
out=$(BUDC_LOCALEDIR="$i18ndir/none" LANG=zh_CN.UTF-8 "$budc" --help | head -1)
if [ "$out" = "usage: budc COMMAND [OPTIONS] FILE..." ]; then ok
else bad "i18n: a missing catalogue falls back to English"; fi

# (e) budc explain: the Chinese page of a code (docs/zh/explain.zh.md) when
# the messages are Chinese, the English one otherwise.  Every code of the
# front end (docs/diagnostics.md) has its Chinese page; the checker's codes
# (docs/checks.md) are counted, those without one shown in English.
case "$(LANG=zh_CN.UTF-8 "$budc" explain E-SYNTAX)" in
"E-SYNTAX — 不符合语法的一行"*"每一行单独读取"*) ok ;; *) bad "i18n: budc explain E-SYNTAX in Chinese" ;; esac
case "$(LANG=C "$budc" explain E-SYNTAX | head -1)" in
"E-SYNTAX — a line that does not follow the grammar") ok ;; *) bad "i18n: budc explain E-SYNTAX stays English with LANG=C" ;; esac
zhcodes=$(awk '/^```/ { f = !f } !f && /^### [^ ]+ — / { print $2 }' docs/zh/explain.zh.md | sort)
nmiss=0
for code in $(awk '/^```/ { f = !f } !f && /^### [^ ]+ — / { print $2 }' docs/diagnostics.md); do
    printf '%s\n' "$zhcodes" | grep -qx -- "$code" || { nmiss=$((nmiss + 1)); echo "  no Chinese page: $code"; }
    want=$(awk -v c="$code" '/^```/ { f = !f } !f && $2 == c && /^### / { print substr($0, 5) }' \
        docs/zh/explain.zh.md)
    first=$(LANG=zh_CN.UTF-8 "$budc" explain "$code" | head -1)
    [ -n "$want" ] && [ "$first" = "$want" ] || { nmiss=$((nmiss + 1)); echo "  $code: $first"; }
done
if [ "$nmiss" = 0 ]; then ok; else bad "i18n: $nmiss front-end codes without a Chinese explain page"; fi
nchecks=$(awk '/^```/ { f = !f } !f && /^### [^ ]+ — / { n++ } END { print n + 0 }' docs/checks.md)
nzh=0
for code in $(awk '/^```/ { f = !f } !f && /^### [^ ]+ — / { print $2 }' docs/checks.md); do
    printf '%s\n' "$zhcodes" | grep -qx -- "$code" && nzh=$((nzh + 1))
done
if [ "$nzh" -eq "$nchecks" ] && [ "$nchecks" -gt 100 ]; then ok
else bad "i18n: only $nzh of the checker's $nchecks codes have a Chinese explain page (docs/zh/explain.zh.md)"; fi
case "$(LANG=zh_CN.UTF-8 "$budc" help fmt)" in
"用法：budc fmt"*) ok ;; *) bad "i18n: budc help fmt in Chinese" ;; esac
