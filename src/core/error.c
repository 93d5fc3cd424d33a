/*
 * error.c - the texts of genop_err and the helpers that fill a genop_error.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

const char *genop_strerror(genop_err code)
{
    switch (code) {
    case GENOP_OK: return "ok";
    case GENOP_ENOMEM: return "ikke nok hukommelse";
    case GENOP_EINVAL: return "ugyldigt input";
    case GENOP_ERANGE: return "værdi uden for det understøttede interval";
    case GENOP_EPARSE: return "input kunne ikke læses";
    case GENOP_EIO: return "fejl ved læsning eller skrivning";
    case GENOP_ENOTFOUND: return "findes ikke";
    case GENOP_EUSAGE: return "forkert brug af kommandoen";
    case GENOP_ETOOBIG: return "input er for stort";
    case GENOP_EFORBIDDEN: return "ikke tilladt for din rolle";
    case GENOP_ECONFLICT: return "i strid med det, der er gemt";
    case GENOP_EREFUSED: return "afvist efter reglerne";
    }
    return "ukendt fejl";
}

/* Fills e (not NULL) with code, field and the formatted message. */
__attribute__((format(printf, 4, 0)))
static genop_err set_error(genop_error *e, genop_err code, const char *field, const char *fmt,
                           va_list ap)
{
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    genop_utf8_sanitize(e->field);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    genop_utf8_sanitize(e->message);
    return code;
}

genop_err genop_fail(genop_error *e, genop_err code, const char *fmt, ...)
{
    if (e == NULL)
        return code;
    va_list ap;
    va_start(ap, fmt);
    set_error(e, code, NULL, fmt, ap);
    va_end(ap);
    return code;
}

genop_err genop_refuse(genop_error *e, genop_err code, const char *field, const char *fmt, ...)
{
    if (e == NULL)
        return code;
    va_list ap;
    va_start(ap, fmt);
    set_error(e, code, field, fmt, ap);
    va_end(ap);
    return code;
}

bool genop_err_is_refusal(genop_err code)
{
    return code == GENOP_ENOTFOUND || code == GENOP_EFORBIDDEN || code == GENOP_EINVAL ||
           code == GENOP_ECONFLICT || code == GENOP_EREFUSED;
}

void genop_error_prefix(genop_error *e, const char *fmt, ...)
{
    if (e == NULL)
        return;
    char joined[GENOP_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(joined, sizeof joined, fmt, ap);
    va_end(ap);
    size_t used = n < 0 ? 0 : (size_t)n;
    if (used > sizeof joined - 1)
        used = sizeof joined - 1;
    /* Append ": " and the old message, cut to what still fits. */
    const char sep[] = ": ";
    size_t room = sizeof joined - 1 - used;
    size_t take = sizeof sep - 1 < room ? sizeof sep - 1 : room;
    memcpy(joined + used, sep, take);
    used += take;
    room -= take;
    size_t old = strlen(e->message);
    take = old < room ? old : room;
    memcpy(joined + used, e->message, take);
    joined[used + take] = '\0';
    genop_utf8_sanitize(joined);
    memcpy(e->message, joined, sizeof e->message);
}

void genop_error_clear(genop_error *e)
{
    if (e == NULL)
        return;
    e->code = GENOP_OK;
    e->field[0] = '\0';
    e->message[0] = '\0';
}

bool genop_bprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < size;
}
