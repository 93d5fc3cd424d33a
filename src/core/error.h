/*
 * error.h - genop's one error type.
 *
 * Every fallible function in genop returns a genop_err. GENOP_OK is 0 so the
 * idiom `err = f(); if (err) goto out;` works everywhere. The numbers are part
 * of the ABI of the project's own modules and are never renumbered: new codes
 * are only ever appended.
 *
 * Where a caller needs to tell a person *what* and *where* (a JSON path, a
 * file:line:column), the function also takes a `genop_error *` and writes a
 * one-line, human-readable message into it. The message is in Danish, since
 * it reaches the people who use genop.
 */
#ifndef GENOP_ERROR_H
#define GENOP_ERROR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum genop_err {
    GENOP_OK = 0,
    GENOP_ENOMEM = 1,   /* an allocation failed */
    GENOP_EINVAL = 2,   /* the input is not what it must be */
    GENOP_ERANGE = 3,   /* a value is outside the supported range */
    GENOP_EPARSE = 4,   /* the input could not be parsed (syntax) */
    GENOP_EIO = 5,      /* reading or writing a file failed */
    GENOP_ENOTFOUND = 6,/* a named thing (standard, file) does not exist */
    GENOP_EUSAGE = 7,   /* a command was called with wrong arguments */
    GENOP_ETOOBIG = 8,  /* the input exceeds a fixed bound */
    GENOP_EFORBIDDEN = 9,/* the acting user's role may not do this */
    GENOP_ECONFLICT = 10,/* it clashes with what is stored (e.g. another name
                          * for a known CPR number) */
    GENOP_EREFUSED = 11 /* well-formed, but the rules say it cannot be so
                          * (an event that cannot have happened) */
} genop_err;

/* The message buffer is large enough for a path, a value and an explanation;
 * longer messages are truncated, never overflowed. */
#define GENOP_ERROR_MSG_MAX 512

/* The longest JSON path or argument name a refusal names as its field. */
#define GENOP_ERROR_FIELD_MAX 160

/* An error, and where a request is refused, what it refuses: the kind is
 * the code (GENOP_ENOTFOUND, GENOP_EFORBIDDEN, GENOP_EINVAL,
 * GENOP_ECONFLICT, GENOP_EREFUSED), `field` the JSON path of the input at
 * fault ("$.referral.date"; empty when none) and `message` the Danish
 * reason. The domain layer (src/casework) refuses this way; the server
 * turns it into a problem answer, a command into a message. */
typedef struct genop_error {
    genop_err code;
    char field[GENOP_ERROR_FIELD_MAX];
    char message[GENOP_ERROR_MSG_MAX];
} genop_error;

/* A short, static description of a code. Never NULL. */
const char *genop_strerror(genop_err code);

/* Records code and a printf-style message in *e (which may be NULL) and
 * returns code, so callers can write `return genop_fail(e, GENOP_EINVAL, ...)`. */
genop_err genop_fail(genop_error *e, genop_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* genop_fail() that also names the field at fault (a JSON path; may be
 * NULL or empty for none). */
genop_err genop_refuse(genop_error *e, genop_err code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True for the codes that refuse a request (not found, forbidden,
 * invalid, conflict, refused by the rules) rather than report a failure
 * of genop or its store. */
bool genop_err_is_refusal(genop_err code);

/* Prepends "prefix: " to the message already in *e (e may be NULL). Used to
 * add context, e.g. the file name, as an error travels up. */
void genop_error_prefix(genop_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* snprintf into a fixed buffer that is allowed to cut the text short (a
 * message, a label). Returns true if everything fit. */
bool genop_bprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears *e to GENOP_OK and an empty message. */
void genop_error_clear(genop_error *e);

#endif
