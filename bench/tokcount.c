/*
 * tokcount.c — the driver of bench/tokenizer.l: reads every file named on
 * the command line into one buffer (the files one after the other, as if
 * concatenated), scans it in place with yy_scan_buffer and prints the
 * number of tokens, newlines, comments and bytes.  Exit status 2 when a
 * file cannot be read.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct yy_buffer_state *YY_BUFFER_STATE;
YY_BUFFER_STATE tok__scan_buffer(char *base, size_t size);
int tok_lex(void);
extern unsigned long long tok_tokens, tok_newlines, tok_comments;

int main(int argc, char **argv)
{
    size_t total = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 2;
        }
        total += (size_t)st.st_size;
    }
    char *buf = malloc(total + 2);
    if (!buf) {
        perror("tokcount");
        return 2;
    }
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t got;
        while (n < total && (got = fread(buf + n, 1, total - n, f)) > 0)
            n += got;
        fclose(f);
    }
    buf[n] = buf[n + 1] = '\0'; /* flex's two end-of-buffer bytes */
    if (!tok__scan_buffer(buf, n + 2)) {
        fputs("tokcount: cannot scan the buffer\n", stderr);
        return 2;
    }
    tok_lex();
    printf("tokens %llu newlines %llu comments %llu bytes %zu\n", tok_tokens, tok_newlines,
           tok_comments, n);
    free(buf);
    return 0;
}
