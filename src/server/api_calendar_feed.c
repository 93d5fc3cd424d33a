/*
 * api_calendar_feed.c - a therapist's calendar feed (shared/spec/
 * calendar.md, "Calendar feeds"; src/casework/calendar/feed.h):
 *
 *   POST /api/v1/staff/{name}/calendar-key  201 {"key"}: a new key, shown
 *                                           once; it ends the old one
 *   GET  /api/v1/staff/{name}/calendar.ics?key=KEY
 *                                           200 text/calendar, no login:
 *                                           the key is the credential
 *
 * A feed with a missing, wrong or ended key is 404, as a feed that does
 * not exist: nothing tells whether the username is a therapist's.
 */
#include <sodium.h>
#include <string.h>

#include "api.h"
#include "feed.h"
#include "json_util.h"
#include "problem.h"

void api_calendar_key_create(api_ctx *c, http_reply *out)
{
    char key[AUTH_TOKEN_TEXT_SIZE];
    genop_error e;
    if (casework_calendar_key_new(&c->env, &c->user, c->name, key, &e)) {
        problem_from_refusal(out, "kalendernøgle", &e);
        return;
    }
    json_t *o = json_object();
    jset(o, "key", jstr(key));
    jset(o, "username", jstr(c->name));
    sodium_memzero(key, sizeof key);
    http_reply_json(out, 201, o);
}

void api_calendar_feed(api_ctx *c, http_reply *out)
{
    genop_buf ics = {0};
    genop_error e;
    if (casework_calendar_feed(&c->env, c->name, http_request_query(c->rq, "key"), &ics, &e)) {
        genop_buf_release(&ics);
        problem_from_refusal(out, "kalender", &e);
        return;
    }
    http_reply_bytes(out, 200, "text/calendar; charset=utf-8",
                     "inline; filename=\"kalender.ics\"", &ics);
}
