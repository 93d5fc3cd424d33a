/*
 * passwords.h - passwords genop makes up: a new user's first password
 * and a reset one (users_admin.h), and the demo's users' (genop demo).
 * Words and two digits, "kork-hjelm-sne-tavle-47": read aloud over the
 * phone and typed on any keyboard (no æ, ø or å), drawn with libsodium's
 * randombytes_uniform from 256 short Danish words, so each word is 8 bits
 * and the digits (10-99) 6.5: four words are 38.5 bits. That is enough
 * for a login that locks after 5 failures (auth.h) and is stored as an
 * argon2id hash; the person is told to keep it safe.
 */
#ifndef GENOP_CASEWORK_PASSWORDS_H
#define GENOP_CASEWORK_PASSWORDS_H

#include <stddef.h>

#include "error.h"

/* Words of a user's password (38.5 bits). */
#define CASEWORK_PASSWORD_WORDS 4
/* Room for any password of up to 6 words, with its NUL. */
#define CASEWORK_PASSWORD_SIZE 64

/* Writes `words` (1-6) words and two digits, joined by '-', into
 * buf[size]. GENOP_EINVAL for another number of words, GENOP_ETOOBIG if
 * size is too small (then buf is ""). libsodium must be initialised
 * (auth_init()). The caller wipes buf once the password is handed on. */
genop_err casework_password_generate(char *buf, size_t size, unsigned words, genop_error *e);

/* The words passwords are made of (*n of them), for tests. */
const char *const *casework_password_words(size_t *n);

#endif
