/*
 * standard_load.h - reading a quality standard from YAML (libfyaml, YAML
 * 1.2). The format is documented field by field in docs/standard-format.md.
 *
 * The loader checks everything it can and collects every problem it finds,
 * each as "FILE:LINE:COLUMN: message", so that `genop standard check` can
 * report them all at once; it returns a standard only when there were none.
 */
#ifndef GENOP_STANDARD_LOAD_H
#define GENOP_STANDARD_LOAD_H

#include <stddef.h>

#include "error.h"
#include "standard.h"

/* Collected problems; the caller frees with genop_problems_free(). */
typedef struct genop_problems {
    char **items;
    size_t n;
    size_t cap;
    size_t dropped;   /* problems beyond GENOP_PROBLEMS_MAX, counted only */
} genop_problems;

#define GENOP_PROBLEMS_MAX 200
/* Largest standard file accepted (bytes). */
#define GENOP_STANDARD_MAX (1024u * 1024u)

void genop_problems_free(genop_problems *p);

/* Parses text[0..len) (named `filename` in messages) into a new standard.
 * On success *out owns the standard (free with genop_standard_free()). On
 * failure *out is NULL, *e holds the first problem, and problems (if not
 * NULL) holds all of them. */
genop_err genop_standard_parse(const char *text, size_t len, const char *filename,
                               genop_standard **out, genop_problems *problems,
                               genop_error *e);

#endif
