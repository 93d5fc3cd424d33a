/*
 * names.h - lookups in the fixed tables of names that genop's enumerations
 * have in YAML and JSON ("workdays", "no_show", ...).
 */
#ifndef GENOP_NAMES_H
#define GENOP_NAMES_H

#include <stdbool.h>

/* Stores in *index the position of name in names[0..n) and returns true,
 * or returns false when the name is not there. */
bool genop_name_index(const char *const *names, int n, const char *name, int *index);

#endif
