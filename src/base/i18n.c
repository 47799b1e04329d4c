/*
 * i18n.c — choosing the messages' language and finding the catalogue (see
 * i18n.h).
 *
 * GNU gettext translates only when LC_MESSAGES is set to a locale other than
 * "C": setlocale(LC_MESSAGES, "") does that when the locale the environment
 * names (zh_CN.UTF-8) is generated.  When it is not (a fresh Debian has only
 * C.UTF-8), setlocale fails and gettext would stay English; then budc sets
 * LC_MESSAGES to C.UTF-8, which glibc always has and which is not "C", and
 * names the language through LANGUAGE, which gettext reads before the
 * locale's name.  The codeset of the translations is UTF-8 whatever LC_CTYPE
 * says (bind_textdomain_codeset), and LC_CTYPE stays "C".
 */
#include "base/i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/beside.h"

#ifndef BUDC_LOCALEDIR
#define BUDC_LOCALEDIR "/usr/local/share/locale"
#endif

static bool chinese;

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty (POSIX's
 * order), or "". */
static const char *messages_locale(void)
{
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return v;
    }
    return "";
}

/* The directory holding zh_CN/LC_MESSAGES/budc.mo. */
static const char *locale_dir(const char *argv0)
{
    static char buf[PATH_MAX];
    const char *env = getenv("BUDC_LOCALEDIR");
    if (env && *env)
        return env;
    /* build/budc -> build/locale, PREFIX/bin/budc -> PREFIX/share/locale */
    static const char *const cands[] = {"locale", "../share/locale"};
    const char *dir = beside_exe(argv0, cands, 2, NULL, buf, sizeof buf);
    return dir ? dir : BUDC_LOCALEDIR;
}

void i18n_init(const char *argv0)
{
    const char *l = messages_locale();
    chinese = l[0] == 'z' && l[1] == 'h';
    if (!chinese)
        return; /* English: the messages as written, gettext not involved */
    /* zh_CN.UTF-8 when generated, else C.UTF-8 (never "C": gettext would
     * not translate); the language by name, whatever the locale is. */
    if (setlocale(LC_MESSAGES, "") == NULL)
        setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", "zh_CN", 1);
    bindtextdomain("budc", locale_dir(argv0));
    bind_textdomain_codeset("budc", "UTF-8");
}

const char *i18n_text(const char *msgid)
{
    if (!chinese || msgid == NULL || *msgid == '\0')
        return msgid;
    return dgettext("budc", msgid);
}

const char *i18n_ntext(const char *one, const char *many, unsigned long n)
{
    if (!chinese)
        return n == 1 ? one : many;
    return dngettext("budc", one, many, n);
}

bool i18n_chinese(void)
{
    return chinese;
}
