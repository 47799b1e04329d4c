/*
 * audit.h — `budc audit FILE…`: import each published document in memory
 * and check it, the diagnostics pointing at its pages, sheets and rows
 * (audit.c, docs/audit.md).
 */
#ifndef BUDC_AUDIT_H
#define BUDC_AUDIT_H

extern const char *const audit_help;

int cmd_audit(int argc, char **argv, const char *argv0);

#endif
