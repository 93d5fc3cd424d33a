/*
 * registry.h - the standards shipped with genop, compiled into the binary
 * from the YAML files in standards/ (see tools/embed.c), looked up by id.
 */
#ifndef GENOP_REGISTRY_H
#define GENOP_REGISTRY_H

#include <stddef.h>

#include "error.h"
#include "standard.h"

typedef struct genop_embedded_standard {
    const char *id;
    const char *text;
    size_t len;
} genop_embedded_standard;

/* The table generated at build time, terminated by an entry with id NULL. */
extern const genop_embedded_standard genop_embedded_standards[];

/* The shipped standard's YAML text, or NULL if there is no such id. */
const genop_embedded_standard *genop_registry_find(const char *id);

/* Loads the shipped standard `id` into a new standard (caller frees with
 * genop_standard_free()). GENOP_ENOTFOUND lists the ids that exist. */
genop_err genop_registry_load(const char *id, genop_standard **out, genop_error *e);

/* Writes "rodovre, skive, ..." into buf. */
void genop_registry_ids(char *buf, size_t size);

#endif
