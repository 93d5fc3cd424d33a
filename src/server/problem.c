/*
 * problem.c - RFC 9457 problem details (see problem.h). The title is fixed
 * per status; the detail is the Danish sentence the handler wrote.
 */
#include "problem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json_util.h"

static const char *title_da(unsigned status, const char *slug)
{
    if (strcmp(slug, PROBLEM_INVALID_EVENT) == 0)
        return "Hændelsen kan ikke registreres";
    if (strcmp(slug, PROBLEM_LOGIN_FAILED) == 0)
        return "Login mislykkedes";
    if (strcmp(slug, PROBLEM_MALFORMED_JSON) == 0)
        return "Ugyldig JSON";
    switch (status) {
    case 400: return "Ugyldig forespørgsel";
    case 401: return "Ikke logget ind";
    case 403: return "Ingen adgang";
    case 404: return "Findes ikke";
    case 405: return "Metoden er ikke tilladt";
    case 409: return "I strid med det, der er gemt";
    case 413: return "Forespørgslen er for stor";
    case 415: return "Forkert indholdstype";
    case 422: return "Ugyldige oplysninger";
    case 503: return "Tjenesten er ikke tilgængelig";
    default: return "Intern fejl";
    }
}

void problem_set(http_reply *out, unsigned status, const char *slug, const char *detail,
                 const char *field)
{
    char type[96];
    snprintf(type, sizeof type, "urn:genop:problem:%s", slug);
    json_t *p = json_object();
    jset(p, "type", json_string(type));
    jset(p, "title", json_string(title_da(status, slug)));
    jset(p, "status", json_integer(status));
    jset(p, "detail", jstr(detail));
    if (field)
        jset(p, "field", jstr(field));
    http_reply_json(out, status, p);
    out->problem = true;
}

void problem_setf(http_reply *out, unsigned status, const char *slug, const char *field,
                  const char *fmt, ...)
{
    char detail[GENOP_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    problem_set(out, status, slug, detail, field);
}

void problem_from_error(http_reply *out, unsigned status, const char *slug, const genop_error *e)
{
    char field[128] = "";
    const char *m = e->message;
    if (m[0] == '$') {
        size_t n = strcspn(m, " :");
        if (n < sizeof field) {
            memcpy(field, m, n);
            field[n] = '\0';
        }
    }
    problem_set(out, status, slug, m, field[0] ? field : NULL);
}

void problem_from_refusal(http_reply *out, const char *where, const genop_error *e)
{
    const char *field = e->field[0] ? e->field : NULL;
    switch (e->code) {
    case GENOP_ENOTFOUND:
        problem_set(out, 404, PROBLEM_NOT_FOUND, e->message, NULL);
        return;
    case GENOP_EFORBIDDEN:
        problem_set(out, 403, PROBLEM_FORBIDDEN, e->message, field);
        return;
    case GENOP_ECONFLICT:
        problem_set(out, 409, PROBLEM_CONFLICT, e->message, field);
        return;
    case GENOP_EREFUSED:
        problem_set(out, 422, PROBLEM_INVALID_EVENT, e->message, field);
        return;
    case GENOP_EINVAL:
        problem_set(out, 422, PROBLEM_INVALID_INPUT, e->message, field);
        return;
    default:
        problem_internal(out, where, e);
    }
}

void problem_internal(http_reply *out, const char *where, const genop_error *e)
{
    char msg[GENOP_ERROR_MSG_MAX * 2];
    http_log_escape(msg, sizeof msg, e ? e->message : out->failure ? out->failure : "");
    fprintf(stderr, "genop: intern fejl i %s: %s\n", where, msg);
    problem_set(out, 500, PROBLEM_INTERNAL,
                "Der opstod en intern fejl. Prøv igen, og kontakt support, hvis fejlen bliver ved.",
                NULL);
}
