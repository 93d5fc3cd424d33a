/*
 * api_session.c - /api/v1/session: logging in (POST, which sets the
 * session cookie), who is logged in (GET) and logging out (DELETE, which
 * deletes the session so the cookie no longer works anywhere). Who is
 * logged in comes with the event types their role may register
 * ("event_types"), so the case page offers only those.
 */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "event_append.h"
#include "json_input.h"
#include "json_util.h"
#include "problem.h"
#include "session.h"

/* Who is logged in, as GET and POST answer it. */
static json_t *session_json(const genop_user *u, const genop_standard *std, bool via_session)
{
    json_t *muni = json_object();
    jset(muni, "id", jstr(u->municipality));
    jset(muni, "name", jstr(std ? std->municipality : NULL));
    jset(muni, "code", std ? json_integer(std->municipality_code) : json_null());
    json_t *o = json_object();
    jset(o, "id", json_integer(u->id));
    jset(o, "username", jstr(u->username));
    jset(o, "role", jstr(genop_role_name(u->role)));
    jset(o, "municipality", muni);
    jset(o, "auth", jstr(via_session ? "session" : "token"));
    /* What the case page may offer the user to register (roles.h). */
    const char *types[CASEWORK_EVENT_TYPES_MAX];
    size_t n = casework_event_types_permitted(u, types);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, jstr(types[i]));
    jset(o, "event_types", list);
    if (via_session)
        jset(o, "idle_timeout_seconds", json_integer(AUTH_IDLE_SECONDS));
    return o;
}

/* Writes the Set-Cookie value for a new session (token) or, with token
 * NULL, the one that removes the cookie. */
static void session_cookie(char *buf, size_t size, const char *token, bool secure)
{
    if (token)
        snprintf(buf, size, API_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
                 secure ? "; Secure" : "");
    else
        snprintf(buf, size, API_SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
                 secure ? "; Secure" : "");
}

static void login_failed(http_reply *out)
{
    problem_set(out, 401, PROBLEM_LOGIN_FAILED,
                "Forkert brugernavn eller adgangskode, eller kontoen er midlertidigt spærret "
                "efter for mange mislykkede forsøg.", NULL);
}

void api_session_create(api_ctx *c, http_reply *out)
{
    const char *username, *password;
    casework_login_result r;
    genop_error e;
    genop_err err = in_text(c->body, "$", "username", IN_REQUIRED | IN_ONE_LINE, 256, &username,
                            &e);
    if (!err)
        err = in_text(c->body, "$", "password", IN_REQUIRED, AUTH_PASSWORD_MAX, &password, &e);
    if (err) {
        problem_from_refusal(out, "login", &e);
        return;
    }
    err = casework_login(&c->env, username, password, &r, &e);
    if (err == GENOP_EINVAL) {
        login_failed(out);
        return;
    }
    if (err) {
        problem_internal(out, "login", &e);
        return;
    }
    http_reply_json(out, 200, session_json(&r.user, casework_standard(&c->env, r.user.municipality),
                                           true));
    session_cookie(out->set_cookie, sizeof out->set_cookie, r.token, c->app->secure_cookies);
    memset(r.token, 0, sizeof r.token);
    snprintf(out->user, sizeof out->user, "%s", r.user.username);
}

void api_session_get(api_ctx *c, http_reply *out)
{
    http_reply_json(out, 200, session_json(&c->user, c->std, c->auth.via_session));
}

void api_session_delete(api_ctx *c, http_reply *out)
{
    genop_error e;
    if (casework_logout(&c->env, &c->auth, &e)) {
        problem_internal(out, "logout", &e);
        return;
    }
    http_reply_json(out, 204, NULL);
    session_cookie(out->set_cookie, sizeof out->set_cookie, NULL, c->app->secure_cookies);
}
