/*
 * json_write.c - small pieces for writing JSON text (see json_write.h).
 */
#include "json_write.h"

#include <string.h>

void json_write_key(genop_buf *b, bool *first, const char *name)
{
    /* One append for the common short key: the case answer writes ~150. */
    char text[40];
    size_t n = strlen(name);
    if (n + 4 <= sizeof text) {
        text[0] = ',';
        text[1] = '"';
        memcpy(text + 2, name, n);
        memcpy(text + 2 + n, "\":", 2);
        genop_buf_add(b, text + (*first ? 1 : 0), n + (*first ? 3 : 4));
    } else {
        genop_buf_adds(b, *first ? "\"" : ",\"");
        genop_buf_adds(b, name);
        genop_buf_add(b, "\":", 2);
    }
    *first = false;
}

void json_write_plain_string(genop_buf *b, const char *s)
{
    genop_buf_add(b, "\"", 1);
    genop_buf_adds(b, s);
    genop_buf_add(b, "\"", 1);
}

void json_write_date(genop_buf *b, bool present, genop_date d)
{
    char text[GENOP_DATE_STR_SIZE];
    if (present)
        json_write_plain_string(b, genop_date_format(d, text));
    else
        genop_buf_adds(b, "null");
}

void json_write_long_or_null(genop_buf *b, bool present, long v)
{
    if (present)
        genop_buf_add_long(b, v);
    else
        genop_buf_adds(b, "null");
}

void json_write_e4(genop_buf *b, long e4)
{
    genop_buf_add_long(b, e4 / 10000);
    long frac = e4 % 10000;
    if (frac == 0)
        return;
    char digits[6] = {'.', (char)('0' + frac / 1000), (char)('0' + frac / 100 % 10),
                      (char)('0' + frac / 10 % 10), (char)('0' + frac % 10), '\0'};
    size_t n = 5;
    while (digits[n - 1] == '0')
        n--;
    genop_buf_add(b, digits, n);
}
