/*
 * problem.h - error answers as RFC 9457 problem details
 * (application/problem+json):
 *   {"type": "urn:genop:problem:not-found", "title": "Findes ikke",
 *    "status": 404, "detail": "<Danish, for people>", "field": "$.x.y"}
 * `type` is the machine-readable kind and never changes; `title` is a
 * short Danish name of the kind; `detail` says what went wrong this time;
 * `field` (422 and some 400s) is the JSON path or query argument at fault.
 */
#ifndef GENOP_PROBLEM_H
#define GENOP_PROBLEM_H

#include "error.h"
#include "http.h"

/* The kinds of problem, by the slug of their type URN. */
#define PROBLEM_BAD_REQUEST "bad-request"
#define PROBLEM_MALFORMED_JSON "malformed-json"
#define PROBLEM_NOT_LOGGED_IN "not-logged-in"
#define PROBLEM_LOGIN_FAILED "login-failed"
#define PROBLEM_FORBIDDEN "forbidden"
#define PROBLEM_NOT_FOUND "not-found"
#define PROBLEM_METHOD_NOT_ALLOWED "method-not-allowed"
#define PROBLEM_TOO_LARGE "payload-too-large"
#define PROBLEM_UNSUPPORTED_MEDIA_TYPE "unsupported-media-type"
#define PROBLEM_INVALID_INPUT "invalid-input"
#define PROBLEM_INVALID_EVENT "invalid-event"
#define PROBLEM_CONFLICT "conflict"
#define PROBLEM_INTERNAL "internal-error"

/* Makes out a problem answer (replacing any body it had). field may be
 * NULL. detail may quote user input: it is made valid UTF-8 first. */
void problem_set(http_reply *out, unsigned status, const char *slug, const char *detail,
                 const char *field);

/* problem_set() with a printf-style detail. */
void problem_setf(http_reply *out, unsigned status, const char *slug, const char *field,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A 422 from a core error whose message starts with the JSON path
 * ("$.events.date mangler"): the path becomes `field`. */
void problem_from_error(http_reply *out, unsigned status, const char *slug, const genop_error *e);

/* The answer to a refusal of the domain layer (src/casework/env.h) or a
 * failure: GENOP_ENOTFOUND 404, GENOP_EFORBIDDEN 403, GENOP_ECONFLICT 409,
 * GENOP_EREFUSED 422 invalid-event, GENOP_EINVAL 422 invalid-input, each
 * with e's field and message; any other code is a 500 (problem_internal,
 * with `where`). */
void problem_from_refusal(http_reply *out, const char *where, const genop_error *e);

/* A 500: logs `where` and e's message on stderr (escaped) and answers
 * without details, which could leak internals. e may be NULL: then the
 * reason a setter left in out->failure (http.h), if any, is logged. */
void problem_internal(http_reply *out, const char *where, const genop_error *e);

#endif
