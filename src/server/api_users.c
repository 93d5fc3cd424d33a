/*
 * api_users.c - /api/v1/users: the municipality's users for its admin
 * (the router lets only role admin in), through the domain layer
 * (src/casework/users_admin.h, which holds the policy):
 *
 *   GET  /users                    the users, by username
 *   POST /users                    {"username", "role"}: 201 the user and
 *                                  its made-up password (shown once)
 *   POST /users/{id}/password      200 the user and a new password; its
 *                                  sessions and API tokens end
 *   POST /users/{id}/lock          200 the user, locked; its sessions end
 *   POST /users/{id}/unlock        200 the user, active
 *   POST /users/{id}/deactivate    200 the user, deactivated for good
 *   GET  /users/audit              the audit log of user accounts, newest
 *                                  first (?user=ID, ?limit 1-500, 100 by
 *                                  default, ?offset), with the total
 *
 * {id} is the user's id from the list (a username may hold characters a
 * path would have to escape). Another municipality's user is 404. A
 * password is in an answer once and nowhere else (answers are no-store).
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "input.h"
#include "json_input.h"
#include "json_util.h"
#include "problem.h"
#include "users_admin.h"

/* unix seconds as "2025-04-10T08:15:30Z", or null for 0. */
static json_t *jtime(int64_t t)
{
    if (t <= 0)
        return json_null();
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[GENOP_TIMESTAMP_SIZE];
    if (!gmtime_r(&tt, &tm) || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return json_null();
    return json_string(buf);
}

static json_t *user_json(const genop_user_info *u, int64_t now)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(u->user.id));
    jset(o, "username", jstr(u->user.username));
    jset(o, "role", jstr(genop_role_name(u->user.role)));
    jset(o, "state", jstr(genop_user_state_name(u->state)));
    jset(o, "created", jstr(u->created_at));
    jset(o, "last_login", jtime(u->last_login));
    /* The lock after failed logins, while it lasts. */
    jset(o, "blocked_until", jtime(u->locked_until > now ? u->locked_until : 0));
    jset(o, "failed_logins", json_integer(u->failed_logins));
    return o;
}

void api_users_list(api_ctx *c, http_reply *out)
{
    genop_list list = {0};
    genop_error e;
    if (casework_users_list(&c->env, &c->user, &list, &e)) {
        problem_from_refusal(out, "brugere", &e);
        return;
    }
    const genop_user_info *items = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, user_json(&items[i], c->now));
    json_t *o = json_object();
    jset(o, "items", arr);
    jset(o, "total", json_integer((json_int_t)list.n));
    http_reply_json(out, 200, o);
    genop_store_free_list(&list);
}

/* Answers status with the user and its password, then wipes it. */
static void password_reply(api_ctx *c, unsigned status, casework_user_password *p,
                           http_reply *out)
{
    json_t *o = json_object();
    jset(o, "user", user_json(&p->user, c->now));
    jset(o, "password", jstr(p->password));
    casework_user_password_wipe(p);
    http_reply_json(out, status, o);
}

void api_users_create(api_ctx *c, http_reply *out)
{
    const char *username, *role;
    casework_user_password p;
    genop_error e;
    genop_err err = in_text(c->body, "$", "username", IN_REQUIRED | IN_ONE_LINE, 256, &username,
                            &e);
    if (!err)
        err = in_text(c->body, "$", "role", IN_REQUIRED | IN_ONE_LINE, 32, &role, &e);
    if (!err)
        err = casework_user_create(&c->env, &c->user, username, role, &p, &e);
    if (err) {
        problem_from_refusal(out, "brugere", &e);
        return;
    }
    password_reply(c, 201, &p, out);
}

void api_user_password(api_ctx *c, http_reply *out)
{
    casework_user_password p;
    genop_error e;
    if (casework_user_reset_password(&c->env, &c->user, c->id, &p, &e)) {
        problem_from_refusal(out, "brugere", &e);
        return;
    }
    password_reply(c, 200, &p, out);
}

typedef genop_err (*change_fn)(const casework_env *env, const genop_user *actor, int64_t id,
                               genop_user_info *out, genop_error *e);

static void change_reply(api_ctx *c, change_fn change, http_reply *out)
{
    genop_user_info u;
    genop_error e;
    if (change(&c->env, &c->user, c->id, &u, &e)) {
        problem_from_refusal(out, "brugere", &e);
        return;
    }
    http_reply_json(out, 200, user_json(&u, c->now));
}

void api_user_lock(api_ctx *c, http_reply *out)
{
    change_reply(c, casework_user_lock, out);
}

void api_user_unlock(api_ctx *c, http_reply *out)
{
    change_reply(c, casework_user_unlock, out);
}

void api_user_deactivate(api_ctx *c, http_reply *out)
{
    change_reply(c, casework_user_deactivate, out);
}

static json_t *audit_json(const genop_user_audit_entry *a)
{
    json_t *o = json_object();
    jset(o, "id", json_integer(a->id));
    jset(o, "time", jstr(a->time));
    jset(o, "actor", a->actor_id ? jstr(a->actor) : json_null());
    jset(o, "user", json_integer(a->user_id));
    jset(o, "username", jstr(a->username));
    jset(o, "action", jstr(a->action));
    jset(o, "detail", jstr(a->detail));
    return o;
}

void api_users_audit(api_ctx *c, http_reply *out)
{
    size_t limit, offset, user, total = 0;
    if (!q_size(c->rq, "limit", 100, 1, 500, &limit, out) ||
        !q_size(c->rq, "offset", 0, 0, INT64_MAX, &offset, out) ||
        !q_size(c->rq, "user", 0, 1, INT64_MAX, &user, out))
        return;
    genop_list list = {0};
    genop_error e;
    if (casework_user_audit(&c->env, &c->user, (int64_t)user, limit, offset, &list, &total, &e)) {
        problem_from_refusal(out, "brugerlog", &e);
        return;
    }
    const genop_user_audit_entry *items = list.items;
    json_t *arr = json_array();
    for (size_t i = 0; i < list.n; i++)
        json_array_append_new(arr, audit_json(&items[i]));
    json_t *o = json_object();
    jset(o, "items", arr);
    jset(o, "total", json_integer((json_int_t)total));
    jset(o, "limit", json_integer((json_int_t)limit));
    jset(o, "offset", json_integer((json_int_t)offset));
    http_reply_json(out, 200, o);
    genop_store_free_list(&list);
}
