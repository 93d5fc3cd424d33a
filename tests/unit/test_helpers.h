/*
 * test_helpers.h - assertions the unit tests share. Include after
 * <cmocka.h>.
 */
#ifndef GENOP_TEST_HELPERS_H
#define GENOP_TEST_HELPERS_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "error.h"

/* A decision's grant as the API requires it (letters.md section 1), to
 * put after "granted": true, in an event's JSON text. */
#define TEST_GRANT                                                          \
    "\"grant\":{\"form\":\"team\",\"place\":\"centre\",\"sessions_per_week\":2,"   \
    "\"minutes_per_session\":45,\"sessions\":null,\"until\":null,"            \
    "\"transport\":false,\"exceptions\":[]}"

/* A refusal's reasons as the API requires them (letters.md section 1):
 * genop's own criterion "other" with an individual assessment, to put
 * after "granted": false, in an event's JSON text. */
#define TEST_REASONS                                                        \
    "\"reasons\":[{\"criterion\":\"other\",\"text\":\"Ikke behov for træning.\"}]"

/* Formats d and compares it with the expected "YYYY-MM-DD" text. */
#define assert_date_is(d, iso)                                              \
    do {                                                                    \
        char got_buf_[GENOP_DATE_STR_SIZE];                                 \
        assert_string_equal(genop_date_format((d), got_buf_), (iso));       \
    } while (0)

/* Fails unless the error message contains needle. */
#define assert_message_contains(err, needle)                                \
    do {                                                                    \
        if (strstr((err).message, (needle)) == NULL)                        \
            fail_msg("message \"%s\" does not contain \"%s\"",              \
                     (err).message, (needle));                              \
    } while (0)

/* Fails the test unless call returns GENOP_OK; call may use `e`, an
 * error of its own, for its genop_error argument. */
#define must(call)                                                          \
    do {                                                                    \
        genop_error must_e_;                                                \
        genop_error_clear(&must_e_);                                        \
        genop_error *e = &must_e_;                                          \
        genop_err must_err_ = (call);                                       \
        if (must_err_ != GENOP_OK)                                          \
            fail_msg("%s: %s (%s)", #call, genop_strerror(must_err_),       \
                     must_e_.message);                                      \
    } while (0)

/* A date from a literal that the test knows to be valid. */
static inline genop_date date_of(const char *iso)
{
    genop_date d = 0;
    genop_error e;
    genop_error_clear(&e);
    if (genop_date_parse(iso, &d, &e) != GENOP_OK)
        fail_msg("test date %s rejected: %s", iso, e.message);
    return d;
}

/* Removes the SQLite database `base` (with its -wal and -shm files) from
 * the directory dir, then dir itself: a test's temporary database. */
static inline void remove_test_db(const char *dir, const char *base)
{
    const char *suffixes[] = {"", "-wal", "-shm"};
    char path[256];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s%s", dir, base, suffixes[i]);
        unlink(path);
    }
    rmdir(dir);
}

#endif
