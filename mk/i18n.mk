# ---- messages in Chinese (docs/i18n.md) ---------------------------------------
#
#   make po-update     extract the messages of src/ into $(BUILD)/po/budc.pot
#                      and merge them into po/zh_CN.po (new ones come
#                      untranslated: translate them, then make test)
#
# The catalogue po/zh_CN.po is compiled (msgfmt, Debian gettext) into
# $(BUILD)/locale/zh_CN/LC_MESSAGES/budc.mo, beside $(BUILD)/budc, where budc
# finds it (src/base/i18n.c); make install copies it to PREFIX/share/locale.
# The template is extracted at build time, not kept in the tree: it is a
# function of the sources, and tests/outputs/i18n.sh compares it with the
# catalogue so a message added without its translation fails the suite.

MSGFMT   ?= msgfmt
XGETTEXT ?= xgettext
MSGMERGE ?= msgmerge
LOCALEDIR ?= $(PREFIX)/share/locale
BUDC_MO  := $(BUILD)/locale/zh_CN/LC_MESSAGES/budc.mo
BUDC_POT := $(BUILD)/po/budc.pot

# The functions that translate their format or message argument (the
# number is the argument's position; see src/base/i18n.h).
XGETTEXT_KEYWORDS := --keyword=_ --keyword=N_ --keyword=i18n_ntext:1,2 \
    --keyword=diag_error:4 --keyword=diag_warning:4 --keyword=diag_note:3 \
    --keyword=diag_report:5 --keyword=cli_fail:1 --keyword=cli_usage:1 --keyword=cli_note:1 \
    --keyword=report_notes:4 --keyword=build_err:4 --keyword=option_fail:3 \
    --keyword=bad:3 --keyword=fail:2 --keyword=error:4 --keyword=warn:3 --keyword=bprintf:2 \
    --keyword=expect:3 --keyword=expect_code:2

.PHONY: po-update install-locale uninstall-locale

# The Chinese pages of budc explain: scripts/gen-explain.sh puts the sections
# of a *.zh.md document into a second table (src/tools/explain.h).
EXPLAIN_DOCS += docs/zh/explain.zh.md
$(BUILD)/gen/explain.c: docs/zh/explain.zh.md

all: $(BUDC_MO)

$(BUDC_MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	$(MSGFMT) -c -o $@.tmp $< && mv $@.tmp $@

$(BUILD)/obj/base/i18n.o: CPPFLAGS += -DBUDC_LOCALEDIR='"$(LOCALEDIR)"'

$(BUDC_POT): $(SRCS) $(wildcard src/*/*.h) grammar/parser.y mk/i18n.mk
	@mkdir -p $(dir $@)
	$(XGETTEXT) --language=C --from-code=UTF-8 --no-location --sort-output \
	    --package-name=budc --msgid-bugs-address= $(XGETTEXT_KEYWORDS) \
	    -o $@.tmp $(sort $(SRCS) $(wildcard src/*/*.h)) grammar/parser.y && mv $@.tmp $@

po-update: $(BUDC_POT)
	$(MSGMERGE) --update --backup=none --no-location --sort-output po/zh_CN.po $(BUDC_POT)

install: install-locale
install-locale: $(BUDC_MO)
	install -d $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 644 $(BUDC_MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/budc.mo

uninstall: uninstall-locale
uninstall-locale:
	rm -f $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/budc.mo
