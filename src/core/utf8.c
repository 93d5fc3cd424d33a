/*
 * utf8.c - UTF-8 validation (RFC 3629) for genop's own checks of input
 * text and messages.
 */
#include "utf8.h"

#include <string.h>

size_t genop_utf8_sequence(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return s[0] ? 1 : 0;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || s[0] > 0xF4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

void genop_utf8_sanitize(char *s)
{
    unsigned char *p = (unsigned char *)s;
    size_t left = strlen(s);
    while (left) {
        size_t n = genop_utf8_sequence(p, left);
        if (n == 0) {
            *p = '?';
            n = 1;
        }
        p += n;
        left -= n;
    }
}
