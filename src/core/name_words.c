/*
 * name_words.c - splitting and folding the words of a name (see
 * name_words.h).
 */
#include "name_words.h"

#include <string.h>

#include "utf8.h"

/* U+0300-U+036F combine with the letter before them; U+030A is the ring
 * above of a decomposed "å" (a + U+030A), the one Danish letter Unicode
 * decomposes. */
#define COMBINING_FIRST 0x300u
#define COMBINING_LAST 0x36Fu
#define COMBINING_RING 0x30Au

/* The base letters of the lower-case Latin-1 letters U+00E0-U+00FF: 0 for
 * the ones that stay themselves (å æ ð ø þ) and for ÷, which
 * genop_name_fold() treats as a separator first. */
static const char latin1_base[32] = {
    'a', 'a', 'a', 'a', 'a', 0,   0,   'c',    /* à á â ã ä å æ ç */
    'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',    /* è é ê ë ì í î ï */
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,      /* ð ñ ò ó ô õ ö ÷ */
    0,   'u', 'u', 'u', 'u', 'y', 0,   'y',    /* ø ù ú û ü ý þ ÿ */
};

/* Lower case of Latin Extended-A (U+0100-U+017F): pairs of upper and
 * lower case, the upper one even in three runs and odd in two. */
static uint32_t latin_ext_a_lower(uint32_t cp)
{
    if (cp == 0x130)                    /* İ */
        return 'i';
    if (cp == 0x178)                    /* Ÿ */
        return 'y';
    bool even_upper = (cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if ((even_upper && cp % 2 == 0) || (odd_upper && cp % 2 == 1))
        return cp + 1;
    return cp;
}

uint32_t genop_name_fold(uint32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return cp + ('a' - 'A');
        bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
        return alnum ? cp : 0;
    }
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return 0;                       /* controls, Latin-1 signs, × ÷ */
    if (cp <= 0xFF) {
        if (cp <= 0xDE)                 /* À-Þ (ß, U+00DF, has no upper case here) */
            cp += 0x20;
        if (cp < 0xE0)
            return cp;
        char base = latin1_base[cp - 0xE0];
        return base ? (uint32_t)base : cp;
    }
    if (cp <= 0x17F)
        return latin_ext_a_lower(cp);
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF)
        return 0;                       /* punctuation, symbols, the BOM */
    return cp;
}

/* The code point of the valid UTF-8 sequence s[0..len). */
static uint32_t decode(const unsigned char *s, size_t len)
{
    if (len == 1)
        return s[0];
    uint32_t cp = s[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (s[i] & 0x3Fu);
    return cp;
}

/* Writes cp as UTF-8 into buf; returns its length (1-4). */
static size_t encode(uint32_t cp, char buf[4])
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The word being written: out[0..len) of out[0..size). */
typedef struct word_out {
    char *out;
    size_t size, len;
    bool cut;
} word_out;

static void put(word_out *w, uint32_t cp)
{
    char buf[4];
    size_t n = encode(cp, buf);
    if (w->cut || w->len + n >= w->size) {
        w->cut = true;
        return;
    }
    memcpy(w->out + w->len, buf, n);
    w->len += n;
}

/* A combining mark after the word's last letter: the ring above makes a
 * decomposed "a" the letter "å"; every other mark is dropped, as the
 * accents of the composed letters are. */
static void combine(word_out *w, uint32_t mark)
{
    if (mark == COMBINING_RING && !w->cut && w->len > 0 && w->out[w->len - 1] == 'a') {
        w->len--;
        put(w, 0xE5);
    }
}

size_t genop_name_word_next(const char **pos, char *out, size_t size, bool *cut)
{
    const unsigned char *p = (const unsigned char *)*pos;
    size_t left = strlen(*pos);
    word_out w = {out, size, 0, false};
    while (left) {
        size_t n = genop_utf8_sequence(p, left);
        uint32_t cp = n ? decode(p, n) : 0;
        uint32_t f = n ? genop_name_fold(cp) : 0;
        bool mark = cp >= COMBINING_FIRST && cp <= COMBINING_LAST;
        if (!f && !mark && w.len > 0)
            break;                      /* the end of the word: *pos stays on it */
        p += n ? n : 1;
        left -= n ? n : 1;
        if (mark)
            combine(&w, cp);
        else if (f)
            put(&w, f);
    }
    out[w.len] = '\0';
    *pos = (const char *)p;
    if (cut)
        *cut = w.cut;
    return w.len;
}
