/*
 * cli.h - what the command files share: the command descriptor and the
 * small helpers for reading input and reporting errors the same way in
 * every command.
 */
#ifndef GENOP_CLI_H
#define GENOP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "projection_refresh.h"
#include "standard.h"

typedef struct genop_command {
    const char *name;
    const char *summary;   /* one line, Danish */
    const char *usage;     /* full help text, Danish */
    int (*run)(int argc, char **argv);  /* argv[0] is the command name */
} genop_command;

extern const genop_command genop_cmd_calendar;
extern const genop_command genop_cmd_evaluate;
extern const genop_command genop_cmd_standard;
extern const genop_command genop_cmd_demo;
extern const genop_command genop_cmd_serve;
extern const genop_command genop_cmd_user;
extern const genop_command genop_cmd_digital_post;
extern const genop_command genop_cmd_token;
extern const genop_command genop_cmd_report;

/* Exit codes of every command. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

/* Prints "genop: <message>" on stderr as one line. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints on stderr, in Danish, what the refresh of m's stored projections
 * did (projection_refresh.h): one line for the cases computed again (none
 * when it had no cases), and one more naming the cases that failed. */
void cli_report_refresh(const projection_refresh_muni *m);

/* Prints a usage error for cmd that points to `genop CMD --help`; returns
 * CLI_USAGE. */
int cli_usage_error(const genop_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True if arg is -h or --help. */
bool cli_is_help(const char *arg);

/* If any of argv[1..argc) asks for help, prints usage on standard output
 * and returns true (the command then exits 0). */
bool cli_help_requested(int argc, char **argv, const char *usage);

/* Reads the whole of path ("-" for standard input) into a new NUL-terminated
 * buffer (*data, caller frees) of *len bytes, refusing more than max bytes. */
genop_err cli_read_file(const char *path, size_t max, char **data, size_t *len,
                        genop_error *e);

/* Loads a standard by shipped id, or from a YAML file when spec contains a
 * '/' or ends in ".yaml". Caller frees with genop_standard_free(). */
genop_err cli_load_standard(const char *spec, genop_standard **out, genop_error *e);

/* Today's date in Danish local time (Europe/Copenhagen). */
genop_date cli_today(void);

/* Parses a whole decimal number (with optional sign) into *out. */
bool cli_parse_long(const char *s, long *out);

/* Prints s on standard output left-aligned in `width` characters (UTF-8
 * aware: "Sørensen" is eight). */
void cli_print_padded(const char *s, int width);

#endif
