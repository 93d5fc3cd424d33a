/*
 * api_municipalities.c - GET /api/v1/municipalities: Denmark's 98
 * municipalities by code (src/core/municipalities.h), so the web app can
 * name the municipality a citizen lives in where it shows a code (the
 * referral form's residency check).
 *
 * Any logged-in role may read it. It holds no personal data, so no
 * access-log row is written. Answer:
 *   {"source": "...", "items": [{"code", "name", "full_name"}]}
 * in ascending order of code.
 */
#include "api.h"
#include "json_util.h"
#include "municipalities.h"

void api_municipalities_get(api_ctx *c, http_reply *out)
{
    (void)c;
    json_t *items = json_array();
    const genop_municipality *m;
    for (size_t i = 0; (m = genop_municipality_at(i)) != NULL; i++) {
        json_t *o = json_object();
        jset(o, "code", json_integer(m->code));
        jset(o, "name", jstr(m->name));
        jset(o, "full_name", jstr(m->full_name));
        json_array_append_new(items, o);
    }
    json_t *o = json_object();
    jset(o, "source", jstr("Danmarks Statistik og DAGI (Danmarks Administrative Geografiske "
                           "Inddeling): kommuneinddelingen fra 1. januar 2007"));
    jset(o, "items", items);
    http_reply_json(out, 200, o);
}
