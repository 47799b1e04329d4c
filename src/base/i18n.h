/*
 * i18n.h — the messages in the reader's language, through GNU gettext.
 *
 * budc's messages are written in English in the source; po/zh_CN.po gives
 * them in Chinese.  i18n_init, called once at the start of main, picks the
 * language from the environment (see docs/i18n.md):
 *
 *     LC_ALL, else LC_MESSAGES, else LANG starting with "zh" -> Chinese
 *     anything else, or nothing set                          -> English
 *
 * Only the messages' category is set from the environment (LC_MESSAGES);
 * numbers, character classes and everything else stay in the C locale, so
 * no output but the messages depends on the locale.  Chinese works whether
 * or not the zh_CN.UTF-8 locale is generated on the machine.
 *
 * Where a message's format string is written:
 *
 *   - at diag_error / diag_warning / diag_note / cli_fail / cli_usage /
 *     cli_note and the check/report.h helpers: nothing to do, they translate
 *     their format themselves (po/Makefile.inc lists them for xgettext);
 *   - anywhere else (a format given to snprintf, a word passed as %s):
 *     _("...") translates it there; N_("...") marks a string in a table,
 *     translated where it is used with _(var).
 *
 * The catalogue is found like the standard library: $BUDC_LOCALEDIR, else
 * ../locale beside the executable (build/budc -> build/locale), else
 * PREFIX/share/locale.
 */
#ifndef BUDC_I18N_H
#define BUDC_I18N_H

#include <stdbool.h>

/* Picks the language and finds the catalogue; ARGV0 helps find it. */
void i18n_init(const char *argv0);

/* MSGID in the chosen language (MSGID itself when English or untranslated). */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));

/* ONE or MANY in the chosen language, as N asks (Chinese has one form). */
const char *i18n_ntext(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* Whether the messages are in Chinese. */
bool i18n_chinese(void);

#define _(s) i18n_text(s)
#define N_(s) (s)

#endif
