/*
 * source.h — source files and source ranges.
 *
 * A SrcFile owns the bytes of one input file (as read, BOM included) and an
 * index of line starts.  A Loc is a range inside one file, in 1-based lines
 * and 1-based *character* columns (a Chinese character is one column, a tab
 * is one column), end exclusive: the range "abc" at the start of line 3 is
 * {3,1,3,4}.  Diagnostics turn a Loc back into the source line and an
 * underline; nothing else needs byte offsets.
 */
#ifndef BUDC_SOURCE_H
#define BUDC_SOURCE_H

#include <stddef.h>

typedef struct SrcFile {
    char *name;         /* path as given on the command line or import; owned */
    char *text;         /* file contents, NUL-terminated; owned */
    size_t len;         /* length of text in bytes, without the terminator */
    size_t *line_start; /* byte offset of the start of each line; owned */
    int nlines;         /* number of lines (a final line without '\n' counts) */
    struct SrcFile *next; /* list of all files loaded by one compilation */
} SrcFile;

typedef struct Loc {
    const SrcFile *file; /* may be NULL for diagnostics about no file */
    int line, col;       /* first character, 1-based */
    int end_line, end_col; /* one past the last character */
} Loc;

/* Reads PATH into a new SrcFile.  Returns NULL and sets errno on an I/O
 * error (including PATH being a directory: errno = EISDIR).  The caller owns
 * the result and frees it with src_free. */
SrcFile *src_read(const char *path);

/* Like src_read, for a PATH whose SIZE (bytes) the caller has just found by
 * stat(2) of a regular file: no second stat (fstat) of it (issue 16: one
 * system call per file for what it is). */
SrcFile *src_read_sized(const char *path, long long size);

/* Makes a SrcFile from a copy of the LEN bytes at TEXT, named NAME (copied).
 * Used by tests and for expressions given on the command line. */
SrcFile *src_from_string(const char *name, const char *text, size_t len);

void src_free(SrcFile *f);

/* The text of line LINE (1-based) without its line terminator ("\n" or
 * "\r\n"); *len receives its length in bytes.  Returns NULL when LINE is out
 * of range.  The pointer points into f->text. */
const char *src_line(const SrcFile *f, int line, size_t *len);

/* The number of characters (UTF-8 lead bytes) in S[0..N): the column
 * distance the text spans. */
int src_count_chars(const char *s, size_t n);

/* A Loc spanning from the start of A to the end of B (same file). */
Loc loc_span(Loc a, Loc b);

#endif
