/*
 * router.c - the route table of the API and what every route shares.
 *
 * Routes (all under /api/v1; {id} is a positive integer, else 404):
 *
 *   method  path                          handler                 roles
 *   POST    /session                      api_session_create      (anyone)
 *   GET     /session                      api_session_get         any logged in
 *   DELETE  /session                      api_session_delete      any logged in
 *   POST    /cases                        api_cases_create        visitator
 *   GET     /cases                        api_cases_list          visitator terapeut leder
 *   GET     /cases/{id}                   api_case_get            visitator terapeut leder
 *   POST    /cases/{id}/events            api_events_append       visitator terapeut leder
 *   GET     /worklist                     api_worklist_get        visitator terapeut leder
 *   GET     /citizens                     api_citizens_search     leder admin
 *   GET     /worklist/owners              api_worklist_owners     visitator terapeut leder
 *   GET     /staff                        api_staff_list          visitator terapeut leder
 *   PUT     /staff/{name}                 api_staff_put           leder admin
 *   POST    /staff/{name}/calendar-key    api_calendar_key_create terapeut leder
 *   GET     /staff/{name}/calendar.ics    api_calendar_feed       (the feed's key)
 *   POST    /locations                    api_locations_create    leder admin
 *   GET     /locations                    api_locations_list      any logged in
 *   POST    /locations/{id}/rooms         api_location_room_add   leder admin
 *   POST    /teams                        api_teams_create        leder admin
 *   GET     /teams                        api_teams_list          any logged in
 *   POST    /holiday-openings             api_holiday_open        leder
 *   GET     /holiday-openings             api_holiday_openings    any logged in
 *   DELETE  /holiday-openings/{date}      api_holiday_close       leder
 *   GET     /teams/{id}                   api_team_get            visitator terapeut leder
 *   POST    /teams/{id}/roster            api_team_enrol          visitator terapeut leder
 *   POST    /teams/{id}/roster/leave      api_team_leave          visitator terapeut leder
 *   POST    /teams/{id}/waiting-list      api_team_wait           visitator terapeut leder
 *   PUT     /teams/{id}/waiting-list      api_team_wait_order     visitator terapeut leder
 *   POST    /teams/{id}/waiting-list/remove  api_team_unwait      visitator terapeut leder
 *   POST    /teams/{id}/waiting-list/decline api_team_decline     visitator terapeut leder
 *   GET     /teams/{id}/meetings/{name}   api_team_meeting        visitator terapeut leder
 *   POST    /teams/{id}/meetings/{name}/attendance api_team_attendance visitator terapeut
 *   POST    /appointments                 api_appointments_create visitator terapeut leder
 *   GET     /appointments                 api_appointments_list   visitator terapeut leder
 *   POST    /appointments/series          api_appointments_series visitator terapeut leder
 *   POST    /appointments/{id}/cancel     api_appointment_cancel  visitator terapeut leder
 *   POST    /appointments/{id}/outcome    api_appointment_outcome visitator terapeut
 *   POST    /appointments/{id}/move       api_appointment_move    visitator terapeut leder
 *   GET     /calendar/week                api_calendar_week       visitator terapeut leder
 *   GET     /cases/{id}/appointment-proposals api_appointment_proposals visitator terapeut leder
 *   GET     /citizens/{id}/access-log     api_citizen_access_log  leder admin
 *   POST    /citizens/{id}/access-report  api_citizen_access_report visitator
 *   GET     /fsiii                        api_fsiii_get           any logged in
 *   GET     /municipalities               api_municipalities_get  any logged in
 *   GET     /report                       api_report_get          leder
 *   GET     /report.xlsx                  api_report_xlsx         leder
 *   GET     /standard                     api_standard_get        any logged in
 *   GET     /users                        api_users_list          admin
 *   POST    /users                        api_users_create        admin
 *   GET     /users/audit                  api_users_audit         admin
 *   POST    /users/{id}/password          api_user_password       admin
 *   POST    /users/{id}/lock              api_user_lock           admin
 *   POST    /users/{id}/unlock            api_user_unlock         admin
 *   POST    /users/{id}/deactivate        api_user_deactivate     admin
 *   POST    /cases/{id}/letters           api_letters_make        visitator
 *   GET     /cases/{id}/letters           api_letters_list        visitator terapeut leder
 *   POST    /cases/{id}/letters/preview   api_letters_preview     visitator
 *   GET     /letters/{id}.pdf             api_letter_pdf          visitator terapeut
 *   GET     /cases/{id}/appeal-bundle.pdf api_appeal_bundle_pdf   visitator
 *   POST    /letters/{id}/send            api_letter_send         visitator leder
 *   GET     /print-queue                  api_print_queue_get     visitator leder
 *   GET     /print-queue.pdf              api_print_queue_pdf     visitator
 *   POST    /print-queue/printed          api_print_queue_printed visitator
 *   GET     /public/{name}                api_public_get          (anyone)
 *
 * and, outside /api/v1, the public page's HTML (api_public.c):
 *
 *   GET     /offentlig/{name}             api_public_page         (anyone)
 *
 * The public page needs no login (route roles 0, as the login itself and
 * the calendar feed): it shows each municipality's figures of how well
 * its standard is kept, with every small count suppressed and no
 * personal data, so it writes nothing to the access log.
 *
 * Role policy: a visitator does everything on cases (create, read, every
 * event type) and the worklist; a terapeut reads cases and the worklist and
 * registers the training unit's events (contacted, assessment, session,
 * closed, function_status, admitted, note, correction, and assigns the case
 * to themselves); a leder reads cases, the worklist and the access log,
 * and assigns cases (assigned events only; src/casework/assignment.h says
 * who may assign whom); an admin sees the access log only, never
 * case or health data. Only a visitator sees full CPR numbers (roles.h
 * has the details). Every role reads the FSIII terminology (/fsiii: codes
 * and names only, no personal data, so no access-log row) and Denmark's
 * municipalities (/municipalities: codes and names, likewise).
 * Every role reads its municipality's quality standard (no personal data,
 * so no access-log row). An admin administers its municipality's users
 * (src/casework/users_admin.h; their changes go to the audit log of user
 * accounts, which an admin reads, not the access log of citizens).
 *
 * A body over the limit never gets here (transport.c answers 413). The
 * checks, in order: the path (404 unknown, 405 known with another
 * method, with Allow), the login (401), the role (403), for routes with a
 * body its Content-Type (415) and its JSON (400 malformed or not an
 * object); then the handler. Another municipality's case or citizen is
 * the handler's 404, never a 403.
 */
#include "router.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api.h"
#include "decimal.h"
#include "auth.h"
#include "session.h"
#include "json_tree.h"
#include "problem.h"
#include "roles.h"
#include "static.h"

typedef struct route {
    const char *method;
    const char *pattern;      /* segments; "{id}" matches a positive integer */
    api_handler handler;
    unsigned roles;           /* ROLES_* bits; 0: no login needed */
    bool body;                /* takes a JSON object */
    bool snapshot;            /* the handler only reads, in the router's read transaction */
} route;

static const route routes[] = {
    {"POST", "/api/v1/session", api_session_create, 0, true, false},
    {"GET", "/api/v1/session", api_session_get, ROLES_ANY, false, false},
    {"DELETE", "/api/v1/session", api_session_delete, ROLES_ANY, false, false},
    {"POST", "/api/v1/cases", api_cases_create, ROLES_VISITATOR, true, false},
    {"GET", "/api/v1/cases", api_cases_list, ROLES_CASE_READ, false, true},
    {"GET", "/api/v1/cases/{id}", api_case_get, ROLES_CASE_READ, false, true},
    {"POST", "/api/v1/cases/{id}/events", api_events_append, ROLES_EVENTS, true, false},
    {"GET", "/api/v1/worklist", api_worklist_get, ROLES_CASE_READ, false, true},
    {"GET", "/api/v1/citizens", api_citizens_search, ROLES_OVERSIGHT, false, true},
    {"GET", "/api/v1/worklist/owners", api_worklist_owners, ROLES_CASE_READ, false, true},
    {"GET", "/api/v1/staff", api_staff_list, ROLES_CASE_READ, false, true},
    /* The calendar's set-up (api_calendar.c; resources.h): a leder or
     * admin sets up, every role reads. */
    {"PUT", "/api/v1/staff/{name}", api_staff_put, ROLES_OVERSIGHT, true, false},
    /* Calendar feeds (api_calendar_feed.c; calendar/feed.h): the feed
     * needs no login, its ?key= is the credential; it reads in a snapshot. */
    {"POST", "/api/v1/staff/{name}/calendar-key", api_calendar_key_create,
     ROLES_TERAPEUT | ROLES_LEDER, false, false},
    {"GET", "/api/v1/staff/{name}/calendar.ics", api_calendar_feed, 0, false, true},
    {"POST", "/api/v1/locations", api_locations_create, ROLES_OVERSIGHT, true, false},
    {"GET", "/api/v1/locations", api_locations_list, ROLES_ANY, false, true},
    {"POST", "/api/v1/locations/{id}/rooms", api_location_room_add, ROLES_OVERSIGHT, true,
     false},
    {"POST", "/api/v1/teams", api_teams_create, ROLES_OVERSIGHT, true, false},
    {"GET", "/api/v1/teams", api_teams_list, ROLES_ANY, false, true},
    /* Holidays open for booking (api_holidays.c; calendar/holidays.h). */
    {"POST", "/api/v1/holiday-openings", api_holiday_open, ROLES_LEDER, true, false},
    {"GET", "/api/v1/holiday-openings", api_holiday_openings, ROLES_ANY, false, true},
    {"DELETE", "/api/v1/holiday-openings/{date}", api_holiday_close, ROLES_LEDER, false, false},
    /* A team's roster, waiting list and meetings (api_teams.c; teams.h):
     * {name} of a meeting is its date; attendance is sessions'. */
    {"GET", "/api/v1/teams/{id}", api_team_get, ROLES_CASE_READ, false, true},
    {"POST", "/api/v1/teams/{id}/roster", api_team_enrol, ROLES_CASE_READ, true, false},
    {"POST", "/api/v1/teams/{id}/roster/leave", api_team_leave, ROLES_CASE_READ, true, false},
    {"POST", "/api/v1/teams/{id}/waiting-list", api_team_wait, ROLES_CASE_READ, true, false},
    {"PUT", "/api/v1/teams/{id}/waiting-list", api_team_wait_order, ROLES_CASE_READ, true,
     false},
    {"POST", "/api/v1/teams/{id}/waiting-list/remove", api_team_unwait, ROLES_CASE_READ, true,
     false},
    {"POST", "/api/v1/teams/{id}/waiting-list/decline", api_team_decline, ROLES_CASE_READ, true,
     false},
    {"GET", "/api/v1/teams/{id}/meetings/{name}", api_team_meeting, ROLES_CASE_READ, false,
     true},
    {"POST", "/api/v1/teams/{id}/meetings/{name}/attendance", api_team_attendance,
     ROLES_CASEWORK, true, false},
    /* Bookings (api_appointments.c; appointments.h): the outcome is a
     * session event, for those who register sessions. */
    {"POST", "/api/v1/appointments", api_appointments_create, ROLES_CASE_READ, true, false},
    {"GET", "/api/v1/appointments", api_appointments_list, ROLES_CASE_READ, false, true},
    {"POST", "/api/v1/appointments/series", api_appointments_series, ROLES_CASE_READ, true,
     false},
    {"POST", "/api/v1/appointments/{id}/cancel", api_appointment_cancel, ROLES_CASE_READ, true,
     false},
    {"POST", "/api/v1/appointments/{id}/outcome", api_appointment_outcome, ROLES_CASEWORK, true,
     false},
    /* Moving an appointment and the week view (calendar/move.h, week.h). */
    {"POST", "/api/v1/appointments/{id}/move", api_appointment_move, ROLES_CASE_READ, true,
     false},
    {"GET", "/api/v1/calendar/week", api_calendar_week, ROLES_CASE_READ, false, true},
    /* "Book tid" (api_proposals.c; calendar/proposals.h): a dry run of
     * the booking checks in a job of the writer, so no snapshot. */
    {"GET", "/api/v1/cases/{id}/appointment-proposals", api_appointment_proposals,
     ROLES_CASE_READ, false, false},
    /* Not a snapshot: the listing imports the journal of reads first. */
    {"GET", "/api/v1/citizens/{id}/access-log", api_citizen_access_log, ROLES_OVERSIGHT, false,
     false},
    /* The citizen's aktindsigt (access_report.h): not a snapshot, it logs
     * and imports the reads before it lists the access log. */
    {"POST", "/api/v1/citizens/{id}/access-report", api_citizen_access_report,
     ROLES_VISITATOR, false, false},
    {"GET", "/api/v1/fsiii", api_fsiii_get, ROLES_ANY, false, false},
    {"GET", "/api/v1/municipalities", api_municipalities_get, ROLES_ANY, false, false},
    {"GET", "/api/v1/report", api_report_get, ROLES_LEDER, false, true},
    {"GET", "/api/v1/report.xlsx", api_report_xlsx, ROLES_LEDER, false, true},
    {"GET", "/api/v1/standard", api_standard_get, ROLES_ANY, false, false},
    {"GET", "/api/v1/users", api_users_list, ROLES_ADMIN, false, true},
    {"POST", "/api/v1/users", api_users_create, ROLES_ADMIN, true, false},
    {"GET", "/api/v1/users/audit", api_users_audit, ROLES_ADMIN, false, true},
    {"POST", "/api/v1/users/{id}/password", api_user_password, ROLES_ADMIN, false, false},
    {"POST", "/api/v1/users/{id}/lock", api_user_lock, ROLES_ADMIN, false, false},
    {"POST", "/api/v1/users/{id}/unlock", api_user_unlock, ROLES_ADMIN, false, false},
    {"POST", "/api/v1/users/{id}/deactivate", api_user_deactivate, ROLES_ADMIN, false, false},
    /* Letters (api_letters.c; docs/letters.md): a visitator makes and
     * previews them, the case's readers list them, those who see the
     * citizen's address read them. */
    {"POST", "/api/v1/cases/{id}/letters", api_letters_make, ROLES_VISITATOR, true, false},
    {"GET", "/api/v1/cases/{id}/letters", api_letters_list, ROLES_CASE_READ, false, true},
    {"POST", "/api/v1/cases/{id}/letters/preview", api_letters_preview, ROLES_VISITATOR, true,
     false},
    {"GET", "/api/v1/letters/{id}.pdf", api_letter_pdf, ROLES_CASEWORK, false, true},
    /* The case's documents for Ankestyrelsen (appeal_bundle.h). */
    {"GET", "/api/v1/cases/{id}/appeal-bundle.pdf", api_appeal_bundle_pdf, ROLES_VISITATOR, false,
     true},
    /* The outbox (api_outbox.c; outbox.h): a visitator or leder sends a
     * letter and sees the print queue; a visitator, who sees the
     * citizens' addresses, prints it. */
    {"POST", "/api/v1/letters/{id}/send", api_letter_send, ROLES_VISITATOR | ROLES_LEDER, false,
     false},
    {"GET", "/api/v1/print-queue", api_print_queue_get, ROLES_VISITATOR | ROLES_LEDER, false,
     true},
    {"GET", "/api/v1/print-queue.pdf", api_print_queue_pdf, ROLES_VISITATOR, false, true},
    {"POST", "/api/v1/print-queue/printed", api_print_queue_printed, ROLES_VISITATOR, true,
     false},
    /* The public page (api_public.c; report_public.h): no login. Not
     * snapshots: the figures come from the app's cache, or are computed in
     * the report's own read transaction. */
    {"GET", "/api/v1/public/{name}", api_public_get, 0, false, false},
    {"GET", "/offentlig/{name}", api_public_page, 0, false, false},
};
#define N_ROUTES (sizeof routes / sizeof routes[0])

bool router_handles_path(const char *path)
{
    if (static_is_api_path(path))
        return true;
    static const char prefix[] = "/offentlig/";
    size_t n = sizeof prefix - 1;
    return path && strncmp(path, prefix, n) == 0 && path[n] != '\0' &&
           !strchr(path + n, '/');
}

void router_each_route(void (*fn)(const char *method, const char *pattern, void *ctx),
                       void *ctx)
{
    for (size_t i = 0; i < N_ROUTES; i++)
        fn(routes[i].method, routes[i].pattern, ctx);
}

/* Parses a positive decimal integer without sign or leading zeros. */
static bool parse_id(const char *s, size_t n, int64_t *id)
{
    return n > 0 && s[0] != '0' && genop_decimal_parse(s, n, id);
}

/* True if path matches pattern; the {id} segment's value goes to *id, the
 * text (1-63 bytes) of any other {...} segment ({name}, {date}) to name. A segment "{id}.pdf" is an
 * id followed by that suffix. */
static bool path_matches(const char *pattern, const char *path, int64_t *id,
                         char name[GENOP_USERNAME_MAX])
{
    for (;;) {
        if (*pattern != '/' || *path != '/')
            return *pattern == *path;      /* both at the end */
        pattern++;
        path++;
        size_t pn = strcspn(pattern, "/"), n = strcspn(path, "/");
        if (pn >= 4 && memcmp(pattern, "{id}", 4) == 0) {
            size_t suffix = pn - 4;
            if (n <= suffix || memcmp(path + n - suffix, pattern + 4, suffix) != 0 ||
                !parse_id(path, n - suffix, id))
                return false;
        } else if (pn >= 3 && pattern[0] == '{' && pattern[pn - 1] == '}') {
            if (n == 0 || n >= GENOP_USERNAME_MAX)
                return false;
            memcpy(name, path, n);
            name[n] = '\0';
        } else if (pn != n || memcmp(pattern, path, n) != 0) {
            return false;
        }
        pattern += pn;
        path += n;
    }
}

/* Finds the route of the request, or answers 404/405. */
static const route *find_route(const http_request *rq, int64_t *id,
                               char name[GENOP_USERNAME_MAX], http_reply *out)
{
    const char *path = http_request_path(rq);
    const char *method = http_request_method(rq);
    if (strcmp(method, "HEAD") == 0)
        method = "GET";
    char allow[64] = "";
    for (size_t i = 0; path && i < N_ROUTES; i++) {
        int64_t v = 0;
        char text[GENOP_USERNAME_MAX] = "";
        if (!path_matches(routes[i].pattern, path, &v, text))
            continue;
        if (strcmp(routes[i].method, method) == 0) {
            *id = v;
            memcpy(name, text, sizeof text);
            return &routes[i];
        }
        size_t used = strlen(allow);
        snprintf(allow + used, sizeof allow - used, "%s%s", used ? ", " : "", routes[i].method);
    }
    if (allow[0]) {
        problem_setf(out, 405, PROBLEM_METHOD_NOT_ALLOWED, NULL,
                     "Metoden %.16s kan ikke bruges her; tilladt er: %s.", method, allow);
        snprintf(out->allow, sizeof out->allow, "%s", allow);
    } else {
        problem_set(out, 404, PROBLEM_NOT_FOUND, "Adressen findes ikke i genops API.", NULL);
    }
    return NULL;
}

static void not_logged_in(http_reply *out)
{
    problem_set(out, 401, PROBLEM_NOT_LOGGED_IN,
                "Du er ikke logget ind, eller din session er udløbet. Log ind igen.", NULL);
}

/* Checks the role of the identified c->user and finds its standard. */
static bool permit(api_ctx *c, const route *rt, http_reply *out)
{
    genop_error e;
    if (!(c->std = app_standard(c->app, c->user.municipality))) {
        genop_fail(&e, GENOP_ENOTFOUND, "ingen standard for kommunen %s", c->user.municipality);
        problem_internal(out, "login", &e);
        return false;
    }
    c->authed = true;
    if (!(rt->roles & ROLE_BIT(c->user.role))) {
        problem_setf(out, 403, PROBLEM_FORBIDDEN, NULL,
                     "Din rolle (%s) giver ikke adgang til dette.", genop_role_name(c->user.role));
        return false;
    }
    return true;
}

/* The token of "Authorization: Bearer TOKEN", or NULL. An API token in
 * that header wins over a session cookie. */
static const char *bearer_token(const char *authorization)
{
    if (strncasecmp(authorization, "Bearer ", 7) != 0)
        return NULL;
    const char *t = authorization + 7;
    while (*t == ' ')
        t++;
    return t;
}

/* Logs the user in from the request's credentials and checks the role. */
static bool authorize(api_ctx *c, const route *rt, http_reply *out)
{
    if (!rt->roles)
        return true;
    genop_error e;
    const char *authorization = http_request_header(c->rq, "Authorization");
    const char *api_token = authorization ? bearer_token(authorization) : NULL;
    genop_err err = authorization && !api_token
                        ? GENOP_ENOTFOUND      /* a header of another scheme lets no one in */
                        : casework_identify(&c->env,
                                            http_request_cookie(c->rq, API_SESSION_COOKIE),
                                            api_token, &c->user, &c->auth, &e);
    if (err == GENOP_ENOTFOUND) {
        not_logged_in(out);
        return false;
    }
    if (err) {
        problem_internal(out, "login", &e);
        return false;
    }
    return permit(c, rt, out);
}

/* True if the Content-Type is application/json (parameters allowed). */
static bool is_json_type(const char *ct)
{
    if (!ct)
        return false;
    while (*ct == ' ')
        ct++;
    size_t n = strlen("application/json");
    if (strncasecmp(ct, "application/json", n) != 0)
        return false;
    ct += n;
    while (*ct == ' ')
        ct++;
    return *ct == '\0' || *ct == ';';
}

/* Checks the content type and parses the body of routes that take one.
 * *body is a new reference the caller releases. */
static bool read_body(api_ctx *c, const route *rt, json_t **body, http_reply *out)
{
    if (!rt->body)
        return true;
    if (!is_json_type(http_request_header(c->rq, "Content-Type"))) {
        problem_set(out, 415, PROBLEM_UNSUPPORTED_MEDIA_TYPE,
                    "Indholdet skal sendes som JSON (Content-Type: application/json).", NULL);
        return false;
    }
    size_t len;
    const char *text = http_request_body(c->rq, &len);
    genop_error e;
    genop_err err = genop_json_parse(text, len, body, &e);
    if (err == GENOP_ENOMEM) {
        problem_internal(out, "json", &e);
        return false;
    }
    if (err) {
        problem_setf(out, 400, PROBLEM_MALFORMED_JSON, NULL, "Indholdet er ikke gyldig JSON: %s",
                     e.message);
        return false;
    }
    if (!json_is_object(*body)) {
        problem_set(out, 400, PROBLEM_MALFORMED_JSON, "Indholdet skal være et JSON-objekt.", "$");
        return false;
    }
    return true;
}

/* Begins the read transaction of a snapshot route, unless one is open;
 * false (and answered) if that fails. */
static bool begin_snapshot(api_ctx *c, bool *open, http_reply *out)
{
    genop_error e;
    if (*open)
        return true;
    if (genop_store_begin_read(c->store, &e)) {
        problem_internal(out, "læsning", &e);
        return false;
    }
    *open = true;
    return true;
}

/* Runs the route's handler, which must answer; a snapshot route's handler
 * runs in a read transaction (*open; the caller ends it). */
static void run_handler(api_ctx *c, const route *rt, bool *open, http_reply *out)
{
    if (!rt->snapshot || begin_snapshot(c, open, out))
        rt->handler(c, out);
    if (!out->status)       /* a handler must answer; never send status 0 */
        problem_internal(out, rt->pattern, NULL);
}

/* Ends the read transaction of a snapshot route, if one is open (nothing
 * was written). */
static void end_snapshot(api_ctx *c, bool open)
{
    if (open)
        genop_store_rollback(c->store);
}

/* A snapshot route logs in within its read transaction, so a request is
 * one transaction, not two - when logging in only reads: with an API token
 * (a session's login may renew or end the session, a write, which a read
 * transaction cannot make once another has written since it began). */
static bool logs_in_within_snapshot(const api_ctx *c, const route *rt)
{
    return rt->snapshot && rt->roles && http_request_header(c->rq, "Authorization");
}

void router_dispatch(const genop_app *app, http_request *rq, http_reply *out)
{
    api_ctx c = {.app = app, .rq = rq};
    const route *rt = find_route(rq, &c.id, c.name, out);
    if (!rt)
        return;
    c.now = (int64_t)time(NULL);
    c.today = genop_date_in_denmark(c.now);
    c.store = store_pool_acquire(app->pool);
    app_casework_env(app, c.store, c.now, c.today, &c.env);
    json_t *body = NULL;
    bool open = false;
    if ((!logs_in_within_snapshot(&c, rt) || begin_snapshot(&c, &open, out)) &&
        authorize(&c, rt, out) && read_body(&c, rt, &body, out)) {
        c.body = body;
        run_handler(&c, rt, &open, out);
    }
    end_snapshot(&c, open);
    store_pool_release(app->pool, c.store);
    json_decref(body);
    if (c.authed)
        snprintf(out->user, sizeof out->user, "%s", c.user.username);
}

/* The in-process way in (service.c): the same route table, role check and
 * handlers, with the user already known and the body already parsed. */
void router_call(const genop_app *app, const genop_user *user, http_request *rq, json_t *body,
                 http_reply *out)
{
    api_ctx c = {.app = app, .rq = rq};
    const route *rt = find_route(rq, &c.id, c.name, out);
    if (!rt)
        return;
    c.now = (int64_t)time(NULL);
    c.today = genop_date_in_denmark(c.now);
    if (rt->roles && !user) {
        not_logged_in(out);
        return;
    }
    if (rt->roles)
        c.user = *user;
    bool ok = !rt->roles || permit(&c, rt, out);
    if (ok && rt->body && !json_is_object(body)) {
        problem_set(out, 400, PROBLEM_MALFORMED_JSON, "Indholdet skal være et JSON-objekt.", "$");
        ok = false;
    }
    if (ok) {
        c.store = store_pool_acquire(app->pool);
        app_casework_env(app, c.store, c.now, c.today, &c.env);
        c.body = rt->body ? body : NULL;
        bool open = false;
        run_handler(&c, rt, &open, out);
        end_snapshot(&c, open);
        store_pool_release(app->pool, c.store);
    }
    if (c.authed)
        snprintf(out->user, sizeof out->user, "%s", c.user.username);
}
