/*
 * decimal.c - reading a decimal whole number from a span of text (see
 * decimal.h).
 */
#include "decimal.h"

bool genop_decimal_parse(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > GENOP_DECIMAL_DIGITS_MAX)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}
