/*
 * api_public.c - the public page (shared/spec/report.md, "The public
 * page"), without login: GET /api/v1/public/{ID} (JSON) and GET
 * /offentlig/{ID} (a Danish HTML page rendered here, no script), where ID
 * is a municipality's id ("aalborg"). The figures are the domain layer's
 * (report_public.h), kept per municipality and day in the app's cache
 * (public_cache.h), so a flood of requests costs one report a day. They
 * hold no personal data, so nothing is written to the access log. An
 * unknown municipality is a 404: a problem, or a Danish page linking to
 * the municipalities genop knows (a problem there too when the client's
 * Accept asks for JSON and not HTML).
 */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "problem.h"
#include "report_public.h"

/* The page's style sheet (web/offentlig.css, served by static.c). */
#define PUBLIC_CSS "/offentlig.css"

/* The public page's policy: its own style sheet, nothing else. */
static const char page_csp[] =
    "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'";

/* The standard named by the path and its slot in the app's cache; false
 * when genop knows no municipality of that id. */
static bool find_standard(const api_ctx *c, const genop_standard **std, size_t *slot)
{
    *std = NULL;
    for (size_t i = 0; i < c->app->n_standards; i++)
        if (strcmp(c->app->standards[i]->id, c->name) == 0) {
            *std = c->app->standards[i];
            *slot = i;
            return true;
        }
    return false;
}

/* The 404 of an unknown municipality: the JSON API's problem. */
static void unknown(const api_ctx *c, http_reply *out)
{
    problem_setf(out, 404, PROBLEM_NOT_FOUND, NULL, "genop kender ingen kommune '%s'.", c->name);
}

/* The figures of std as of today (from the cache, or computed); false
 * with out answered (500) when they cannot be had. */
static bool figures(api_ctx *c, const genop_standard *std, size_t slot, report_public *p,
                    http_reply *out)
{
    genop_error e;
    if (public_cache_get(c->app->public_pages, slot, c->store, std, c->today, c->now, p, NULL,
                         &e)) {
        problem_internal(out, "offentlig side", &e);
        return false;
    }
    return true;
}

void api_public_get(api_ctx *c, http_reply *out)
{
    const genop_standard *std;
    size_t slot;
    report_public p;
    if (!find_standard(c, &std, &slot)) {
        unknown(c, out);
        return;
    }
    if (!figures(c, std, slot, &p, out))
        return;
    genop_buf b = {0};
    report_public_write_json(&p, &b);
    http_reply_text(out, 200, &b);
}

/* A page's bytes as the answer, with the page's policy. */
static void answer_page(http_reply *out, unsigned status, genop_buf *b)
{
    http_reply_bytes(out, status, "text/html; charset=utf-8", NULL, b);
    genop_buf_release(b);
    if (out->status)
        out->csp = page_csp;
}

/* True when the client asks for JSON and not for HTML (Accept). */
static bool wants_json(const api_ctx *c)
{
    const char *accept = http_request_header(c->rq, "Accept");
    return accept && strstr(accept, "json") && !strstr(accept, "text/html");
}

void api_public_page(api_ctx *c, http_reply *out)
{
    const genop_standard *std;
    size_t slot;
    report_public p;
    genop_buf b = {0};
    if (!find_standard(c, &std, &slot) && wants_json(c)) {
        unknown(c, out);
        return;
    }
    if (!std) {
        report_public_write_html_unknown(c->name, (const genop_standard *const *)c->app->standards,
                                         c->app->n_standards, PUBLIC_CSS, &b);
        answer_page(out, 404, &b);
        return;
    }
    if (!figures(c, std, slot, &p, out))
        return;
    char json_href[96];
    snprintf(json_href, sizeof json_href, "/api/v1/public/%s", std->id);
    report_public_write_html(&p, PUBLIC_CSS, json_href, &b);
    answer_page(out, 200, &b);
}
