/*
 * municipalities.h - Denmark's 98 municipalities (kommuner) by their
 * three-digit code (kommunekode), as in force since the municipal reform
 * of 1 January 2007.
 *
 * The table is constant data compiled into the core (see municipalities.c
 * for its source); a lookup is a binary search over codes in ascending
 * order. Christiansø (code 411) is no municipality (the state governs it)
 * and is not in the table.
 */
#ifndef GENOP_MUNICIPALITIES_H
#define GENOP_MUNICIPALITIES_H

#include <stddef.h>

/* The number of municipalities in Denmark since 2007. */
#define GENOP_MUNICIPALITY_COUNT 98

typedef struct genop_municipality {
    int code;               /* kommunekode, 101..860 */
    const char *name;       /* the short name, "Viborg", "København" */
    const char *full_name;  /* the official name, "Viborg Kommune",
                               "Københavns Kommune", "Bornholms Regionskommune" */
} genop_municipality;

/* The municipality with kommunekode `code`, or NULL when no municipality
 * has it. The result points into the constant table (never freed). */
const genop_municipality *genop_municipality_find(int code);

/* The i-th municipality in ascending order of code, for i below
 * GENOP_MUNICIPALITY_COUNT; NULL past the end. Constant, never freed. */
const genop_municipality *genop_municipality_at(size_t i);

#endif
