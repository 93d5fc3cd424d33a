/*
 * cpr.h - Danish civil registration numbers (CPR-numre).
 *
 * A CPR number is ten digits, DDMMYY-SSSS, written with or without the
 * hyphen. The first six are the birth date; the century follows from the
 * seventh digit and the year (CPR-kontoret's rule, below). Numbers are not
 * checked with modulus 11: since 2007 numbers are issued that fail it, and
 * they are valid.
 */
#ifndef GENOP_CPR_H
#define GENOP_CPR_H

#include "date.h"
#include "error.h"

/* "DDMMYYSSSS" and a NUL. */
#define GENOP_CPR_DIGITS_SIZE 11
/* "DDMMYY-SSSS" and a NUL. */
#define GENOP_CPR_TEXT_SIZE 12

typedef struct genop_cpr {
    char digits[GENOP_CPR_DIGITS_SIZE];   /* the ten digits, no hyphen */
    genop_date birth_date;
} genop_cpr;

/* Parses text (NUL-terminated). On failure *out is untouched and *e says
 * what is wrong; the message never repeats the number itself, since a CPR
 * number is personal data and messages end up in logs. */
genop_err genop_cpr_parse(const char *text, genop_cpr *out, genop_error *e);

/* Writes "DDMMYY-SSSS" into buf. Returns buf. */
char *genop_cpr_format(const genop_cpr *cpr, char buf[GENOP_CPR_TEXT_SIZE]);

/* The year of birth for a two-digit year and the seventh digit, or 0 if
 * the combination is not issued. Exposed for tests. */
int genop_cpr_birth_year(int yy, int seventh_digit);

#endif
