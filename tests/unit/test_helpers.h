/*
 * test_helpers.h - assertions the unit tests share. Include after
 * <cmocka.h>.
 */
#ifndef GENOP_TEST_HELPERS_H
#define GENOP_TEST_HELPERS_H

#include <string.h>

#include "date.h"
#include "error.h"

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

#endif
