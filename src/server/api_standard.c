/*
 * api_standard.c - GET /api/v1/standard: the logged-in user's
 * municipality's quality standard, every rule with its source, as
 * standard_json.c writes it, its own revision judged as of the request's
 * day in Denmark. Any role may read it. A standard is a public
 * document that holds no personal data, so the read is not written to the
 * access log.
 */
#include "api.h"
#include "problem.h"
#include "standard_json.h"

/* The router has set c->std to the user's municipality's standard
 * (borrowed from the app for its lifetime); the answer owns its document. */
void api_standard_get(api_ctx *c, http_reply *out)
{
    json_t *doc;
    genop_error e;
    if (genop_standard_to_json_on(c->std, &c->today, &doc, &e)) {
        problem_internal(out, "kvalitetsstandard", &e);
        return;
    }
    http_reply_json(out, 200, doc);
}
