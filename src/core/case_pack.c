/*
 * case_pack.c - writing and reading a case's events as versioned text
 * (see case_pack.h for the format).
 */
#include "case_pack.h"

#include <string.h>

#include "decimal.h"
#include "standard.h"

#define PACK_FIELDS 10

static void add_field(genop_buf *b, const char *s)
{
    genop_buf_adds(b, s);
    genop_buf_add(b, "\t", 1);
}

/* The condition with \\, \t and \n escaped. */
static void add_condition(genop_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            genop_buf_add(b, "\\\\", 2);
        else if (*s == '\t')
            genop_buf_add(b, "\\t", 2);
        else if (*s == '\n')
            genop_buf_add(b, "\\n", 2);
        else
            genop_buf_add(b, s, 1);
    }
}

static void pack_event(const genop_event *ev, genop_buf *b)
{
    char date[GENOP_DATE_STR_SIZE];
    add_field(b, genop_event_type_name(ev->type));
    add_field(b, genop_date_format(ev->date, date));
    add_field(b, ev->paragraph ? genop_paragraph_name(ev->paragraph) : "-");
    add_field(b, ev->granted ? "1" : "0");
    genop_buf_add_long(b, ev->minutes);
    genop_buf_add(b, "\t", 1);
    add_field(b, genop_outcome_name(ev->outcome));
    add_field(b, genop_session_kind_name(ev->kind));
    add_field(b, genop_upheld_name(ev->upheld));
    add_field(b, genop_status_phase_name(ev->phase));
    add_condition(b, ev->condition);
    genop_buf_add(b, "\n", 1);
}

void genop_case_pack(const genop_case *c, genop_buf *b)
{
    for (size_t i = 0; i < c->n_events; i++)
        pack_event(&c->events[i], b);
}

/* One field of a line: its start and length. */
typedef struct field {
    const char *s;
    size_t n;
} field;

/* Splits line[0..n) at its tabs into exactly PACK_FIELDS fields. */
static bool split(const char *line, size_t n, field out[PACK_FIELDS])
{
    size_t k = 0;
    const char *end = line + n;
    while (k < PACK_FIELDS) {
        const char *tab = k + 1 < PACK_FIELDS ? memchr(line, '\t', (size_t)(end - line)) : end;
        if (!tab)
            return false;
        out[k].s = line;
        out[k++].n = (size_t)(tab - line);
        line = tab + 1;
    }
    return memchr(out[PACK_FIELDS - 1].s, '\t', out[PACK_FIELDS - 1].n) == NULL;
}

/* f as a NUL-terminated copy in buf (size bytes); false if too long. */
static bool text_of(field f, char *buf, size_t size)
{
    if (f.n >= size)
        return false;
    memcpy(buf, f.s, f.n);
    buf[f.n] = '\0';
    return true;
}

static bool read_minutes(field f, int *out)
{
    int64_t v;
    bool neg = f.n > 0 && f.s[0] == '-';
    if (f.n > 10 || !genop_decimal_parse(f.s + neg, f.n - neg, &v))
        return false;
    *out = (int)(neg ? -v : v);
    return true;
}

static bool read_condition(field f, char out[GENOP_CONDITION_MAX + 1])
{
    size_t n = 0;
    for (size_t i = 0; i < f.n; i++) {
        char ch = f.s[i];
        if (ch == '\\') {
            if (++i == f.n)
                return false;
            ch = f.s[i] == 't' ? '\t' : f.s[i] == 'n' ? '\n' : f.s[i];
        }
        if (n == GENOP_CONDITION_MAX)
            return false;
        out[n++] = ch;
    }
    out[n] = '\0';
    return true;
}

/* The enums and flags of fields f[2..8]. */
static bool read_codes(const field *f, genop_event *ev)
{
    char t[5][32];
    for (size_t i = 0; i < 5; i++)
        if (!text_of(f[i == 0 ? 2 : i + 4], t[i], sizeof t[i]))
            return false;
    ev->paragraph = strcmp(t[0], "-") == 0 ? 0 : genop_paragraph_from_name(t[0]);
    ev->granted = f[3].n == 1 && f[3].s[0] == '1';
    return (ev->paragraph || strcmp(t[0], "-") == 0) && f[3].n == 1 &&
           (f[3].s[0] == '0' || f[3].s[0] == '1') && genop_outcome_from_name(t[1], &ev->outcome) &&
           genop_session_kind_from_name(t[2], &ev->kind) && genop_upheld_from_name(t[3], &ev->upheld) &&
           genop_status_phase_from_name(t[4], &ev->phase);
}

static bool read_line(const char *line, size_t n, genop_event *ev)
{
    field f[PACK_FIELDS];
    char type[32], date[GENOP_DATE_STR_SIZE];
    memset(ev, 0, sizeof *ev);
    return split(line, n, f) && text_of(f[0], type, sizeof type) &&
           genop_event_type_from_name(type, &ev->type) && text_of(f[1], date, sizeof date) &&
           genop_date_parse(date, &ev->date, NULL) == GENOP_OK && read_codes(f, ev) &&
           read_minutes(f[4], &ev->minutes) && read_condition(f[9], ev->condition);
}

genop_err genop_case_unpack(const char *text, size_t len, genop_case *c, genop_error *e)
{
    const char *p = text, *end = text + len;
    for (size_t line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        genop_event ev;
        if (!nl || !read_line(p, (size_t)(nl - p), &ev))
            return genop_fail(e, GENOP_EINVAL, "linje %zu af sagens gemte hændelser kan ikke læses",
                              line);
        genop_err err = genop_case_add(c, &ev, e);
        if (err)
            return err;
        p = nl + 1;
    }
    return GENOP_OK;
}
