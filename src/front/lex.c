/*
 * lex.c — the C half of the scanner's actions (see lex.h and lexer.l):
 * locations in characters, keywords, numbers with full-width digits,
 * string escapes, the synthesised NEWLINE tokens, and errors for
 * characters that have no place outside a string.
 */
#include "front/lex.h"
#include "base/i18n.h"

#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "parser.h"

size_t lex_input(Lexer *L, char *buf, size_t max)
{
    size_t n = L->in_len - L->in_pos;
    if (n > max)
        n = max;
    memcpy(buf, L->in + L->in_pos, n);
    L->in_pos += n;
    return n;
}

void lex_step(Lexer *L, Loc *loc, const char *text, size_t len)
{
    loc->file = L->P->file;
    loc->line = loc->end_line = L->line;
    loc->col = L->col;
    L->col += src_count_chars(text, len);
    loc->end_col = L->col;
}

int lex_tok(Lexer *L, Loc *loc, int tok)
{
    (void)loc;
    L->last = tok;
    return tok;
}

int lex_pending(Lexer *L, Loc *loc)
{
    int t = 0;
    if (L->start_tok) {
        t = L->start_tok;
        L->start_tok = 0;
        loc->file = L->P->file;
        loc->line = loc->end_line = L->line;
        loc->col = loc->end_col = L->col;
    } else if (L->pending) {
        t = L->pending;
        L->pending = 0;
        *loc = L->pending_loc;
    }
    if (t)
        L->last = t;
    return t;
}

int lex_newline(Lexer *L, Loc *loc)
{
    L->line++;
    L->col = 1;
    if (L->expr_mode)
        return 0;
    loc->end_col = loc->col; /* a zero-width range at the end of the line */
    return lex_tok(L, loc, NEWLINE);
}

int lex_open(Lexer *L, Loc *loc)
{
    if (L->depth < LEX_MAX_BRACES)
        L->braces[L->depth] = *loc;
    L->depth++;
    return '{';
}

const Loc *lex_open_block(const Lexer *L)
{
    if (L->depth <= 0 || L->depth > LEX_MAX_BRACES)
        return NULL;
    return &L->braces[L->depth - 1];
}

int lex_close(Lexer *L, Loc *loc)
{
    if (L->depth > 0)
        L->depth--;
    if (!L->expr_mode && L->last != NEWLINE && L->last != '{' && L->last != 0) {
        /* "a 1 }": end the statement first, then close the block. */
        L->pending = '}';
        L->pending_loc = *loc;
        Loc nl = *loc;
        nl.end_line = nl.line;
        nl.end_col = nl.col;
        *loc = nl;
        return lex_tok(L, loc, NEWLINE);
    }
    return lex_tok(L, loc, '}');
}

int lex_eof(Lexer *L, Loc *loc)
{
    loc->file = L->P->file;
    loc->line = loc->end_line = L->line;
    loc->col = loc->end_col = L->col;
    if (!L->expr_mode && L->last != NEWLINE && L->last != 0 && L->last != BUD_EOF) {
        L->last = NEWLINE;
        return NEWLINE;
    }
    L->last = BUD_EOF;
    return BUD_EOF;
}

/* Copies TEXT to the arena with full-width digits, letters and '．' made
 * ASCII, so that "基本２" and "基本2" are the same word. */
static char *ascii_digits(Lexer *L, const char *text, size_t len, size_t *outlen)
{
    char *buf = arena_bytes(L->P->arena, len + 1);
    size_t o = 0;
    size_t ascii = 0;
    while (ascii < len && !((unsigned char)text[ascii] & 0x80))
        ascii++;
    if (ascii == len) { /* the usual case: nothing to convert */
        memcpy(buf, text, len);
        buf[len] = '\0';
        *outlen = len;
        return buf;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_at(text + i, &cp);
        if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
            (cp >= 0xFF41 && cp <= 0xFF5A))
            buf[o++] = (char)(cp - 0xFF00 + 0x20);
        else if (cp == 0xFF0E)
            buf[o++] = '.';
        else
            for (size_t k = 0; k < n; k++)
                buf[o++] = text[i + k];
        i += n;
    }
    buf[o] = '\0';
    *outlen = o;
    return buf;
}

int lex_number(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len)
{
    size_t n;
    char *s = ascii_digits(L, text, len, &n);
    Atom *a = ast_atom(L->P->arena, A_NUMBER, *loc, s);
    DecStatus st = dec_parse(s, n, &a->num);
    if (st != DEC_OK) {
        /* a number of 10 MB is named by its first digits */
        diag_error(L->P->diag, *loc, "E-NUMBER",
                   "number %.40s%s: %s (budc keeps at most 18 digits and %d decimals)", s,
                   n > 40 ? "…" : "", dec_status_str(st), DEC_MAX_SCALE);
        L->P->nerrors++;
        a->num = dec_zero();
    }
    val->atom = a;
    return lex_tok(L, loc, NUMBER);
}

int lex_pcode(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len)
{
    size_t n;
    char *s = ascii_digits(L, text, len, &n);
    val->atom = ast_atom(L->P->arena, A_PCODE, *loc, s);
    return lex_tok(L, loc, PCODE);
}

static const struct Keyword {
    const char *name;
    int tok;
} keywords[] = {
    /* sorted by strcmp for bsearch */
    {"amount", AMOUNT},       {"assets", ASSETS},     {"budget", BUDGET},     {"carryover", CARRYOVER},
    {"catalog", CATALOG},
    {"code", CODE},           {"department", DEPARTMENT}, {"disclosure", DISCLOSURE},
    {"economic", ECONOMIC},
    {"funding", FUNDING},     {"glossary", GLOSSARY}, {"goal", GOAL},
    {"heading", HEADING},     {"import", IMPORT},     {"income", INCOME},
    {"indicators", INDICATORS}, {"insert", INSERT},   {"kind", KIND},
    {"measure", MEASURE},
    {"method", METHOD},
    {"money", MONEY},         {"narrative", NARRATIVE}, {"nature", NATURE},
    {"note", NOTE},           {"performance", PERFORMANCE}, {"planned", PLANNED},
    {"price", PRICE},         {"prior", PRIOR},       {"problems", PROBLEMS}, {"procurement", PROCUREMENT}, {"project", PROJECT},
    {"purchase", PURCHASE},   {"quantity", QUANTITY}, {"rank", RANK},
    {"result", RESULT},       {"rule", RULE},           {"sangong", SANGONG},   {"section", SECTION},
    {"sme", SME},             {"source", SOURCE},     {"spending", SPENDING},
    {"table", TABLE},         {"target", TARGET},     {"tracked", TRACKED},     {"unit", UNIT},
    {"vocabulary", VOCABULARY}, {"year", YEAR},
};

static int kw_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct Keyword *)elem)->name);
}

int lex_keyword(const char *s, size_t n)
{
    char buf[16];
    if (n >= sizeof buf || !(*s >= 'a' && *s <= 'z')) /* every keyword is lower-case ASCII */
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    const struct Keyword *k =
        bsearch(buf, keywords, sizeof keywords / sizeof keywords[0], sizeof keywords[0], kw_cmp);
    return k ? k->tok : 0;
}

int lex_word(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len)
{
    size_t n;
    char *w = ascii_digits(L, text, len, &n);
    int kw = lex_keyword(w, n);
    Atom *a = ast_atom(L->P->arena, A_WORD, *loc, w);
    PathSeg *seg = arena_alloc(L->P->arena, sizeof *seg);
    seg->name = a->text;
    seg->loc = *loc;
    a->path = seg;
    val->atom = a;
    return lex_tok(L, loc, kw ? kw : WORD);
}

int lex_string(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len,
               int terminated)
{
    Parser *P = L->P;
    size_t inner = terminated ? len - 2 : len - 1;
    const char *raw = text + 1;
    if (!terminated) {
        /* An odd run of backslashes at the end of the line ends with one
         * that escapes nothing: drop it. */
        size_t k = 0;
        while (k < inner && raw[inner - 1 - k] == '\\')
            k++;
        if (k % 2)
            inner--;
    }
    char *out = arena_bytes(P->arena, inner + 1);
    size_t o = 0;
    int col = loc->col + 1;
    for (size_t i = 0; i < inner;) {
        if (raw[i] == '\\' && i + 1 < inner) {
            char c = raw[i + 1];
            char d = c == 'n' ? '\n' : c == 't' ? '\t' : (c == '"' || c == '\\') ? c : 0;
            if (!d) {
                uint32_t ignored;
                size_t n = utf8_at(raw + i + 1, &ignored);
                Loc el = {P->file, loc->line, col, loc->line, col + 2};
                diag_error(P->diag, el, "E-STRING",
                           "unknown escape '\\%.*s' in a string; write '\\\\' for a backslash",
                           (int)n, raw + i + 1);
                P->nerrors++;
                i += 1;
                col += 1;
                continue;
            }
            out[o++] = d;
            i += 2;
            col += 2;
            continue;
        }
        if (((unsigned char)raw[i] & 0xC0) != 0x80)
            col++;
        out[o++] = raw[i++];
    }
    out[o] = '\0';
    if (!terminated) {
        diag_error(P->diag, *loc, "E-STRING",
                   "missing closing '\"': a string ends on the line it starts");
        P->nerrors++;
    }
    Atom *a = ast_atom(P->arena, A_STRING, *loc, out);
    /* every escape makes the text shorter than the source: of the same
     * length, they are the same bytes, kept once (issue 16: memory) */
    a->raw = o == inner ? out : arena_strndup(P->arena, raw, inner);
    val->atom = a;
    return lex_tok(L, loc, STRING);
}

static const struct CharName {
    unsigned cp;
    const char *name;
} char_names[] = {
    {0x00B7, "MIDDLE DOT"},
    {0x2014, "EM DASH"},
    {0x2018, "LEFT SINGLE QUOTATION MARK"},
    {0x2019, "RIGHT SINGLE QUOTATION MARK"},
    {0x201C, "LEFT DOUBLE QUOTATION MARK"},
    {0x201D, "RIGHT DOUBLE QUOTATION MARK"},
    {0x2026, "HORIZONTAL ELLIPSIS"},
    {0x3001, "IDEOGRAPHIC COMMA"},
    {0x3002, "IDEOGRAPHIC FULL STOP"},
    {0x300A, "LEFT DOUBLE ANGLE BRACKET"},
    {0x300B, "RIGHT DOUBLE ANGLE BRACKET"},
    {0x3010, "LEFT BLACK LENTICULAR BRACKET"},
    {0x3011, "RIGHT BLACK LENTICULAR BRACKET"},
    {0xFF01, "FULLWIDTH EXCLAMATION MARK"},
    {0xFF0C, "FULLWIDTH COMMA"},
    {0xFF1A, "FULLWIDTH COLON"},
    {0xFF1B, "FULLWIDTH SEMICOLON"},
    {0xFF1F, "FULLWIDTH QUESTION MARK"},
    {0xFF3B, "FULLWIDTH LEFT SQUARE BRACKET"},
    {0xFF3D, "FULLWIDTH RIGHT SQUARE BRACKET"},
};

void lex_bad_char(Lexer *L, Loc *loc, const char *text, size_t len)
{
    Parser *P = L->P;
    uint32_t cp;
    size_t n = utf8_at(text, &cp);
    (void)len;
    const char *name = NULL;
    for (size_t i = 0; i < sizeof char_names / sizeof char_names[0]; i++)
        if (char_names[i].cp == cp)
            name = char_names[i].name;
    const char *hint;
    if (cp == 0x201C || cp == 0x201D || cp == '\'' || cp == 0x2018 || cp == 0x2019)
        hint = _("strings are written between ASCII double quotes \"…\"");
    else if (cp == 0xFF1A)
        hint = _("Chinese punctuation belongs inside strings; a rule's condition follows an ASCII ':'");
    else if (cp >= 0x80)
        hint = _("Chinese punctuation belongs inside strings");
    else if (cp == '#')
        hint = _("comments start with //");
    else
        hint = _("this character has no meaning outside a string");
    if (cp < 0x20 || cp == 0x7F)
        diag_error(P->diag, *loc, "E-CHAR", "unexpected control character U+%04X; %s", cp, hint);
    else if (name)
        diag_error(P->diag, *loc, "E-CHAR", "unexpected character '%.*s' (U+%04X %s); %s",
                   (int)n, text, cp, name, hint);
    else
        diag_error(P->diag, *loc, "E-CHAR", "unexpected character '%.*s' (U+%04X); %s", (int)n,
                   text, cp, hint);
    P->nerrors++;
}
