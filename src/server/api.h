/*
 * api.h - what the router hands a route handler, and the handlers of the
 * route table (one file per resource: api_session.c, api_cases.c,
 * api_events.c, api_worklist.c, api_citizens.c, api_fsiii.c, api_standard.c,
 * api_users.c, api_staff.c).
 *
 * By the time a handler runs, the router has matched the route, checked
 * the body size, authenticated the user, checked the role and, for routes
 * that take a body, checked the content type and parsed the JSON object.
 * A handler only translates: it turns the query and the JSON body into the
 * typed input of an operation of the domain layer (src/casework, called
 * with c->env as c->user), and its result into JSON or its refusal into a
 * problem (problem_from_refusal). On every path it either answers or sets
 * a problem.
 */
#ifndef GENOP_API_H
#define GENOP_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "auth.h"
#include "env.h"
#include "date.h"
#include "http.h"
#include "store.h"

typedef struct api_ctx {
    const genop_app *app;
    genop_store *store;           /* borrowed from the pool for this request */
    http_request *rq;
    bool authed;                  /* user, std and auth are set */
    genop_user user;
    auth_identity auth;           /* how the user got in (session or token) */
    const genop_standard *std;    /* the user's municipality's standard */
    int64_t id;                   /* the path's {id}, 0 when it has none */
    char name[GENOP_USERNAME_MAX];/* the path's {name} (a username) or {date}, "" when none */
    json_t *body;                 /* the request's JSON object (borrowed), or NULL */
    int64_t now;                  /* unix seconds */
    genop_date today;             /* the date in Denmark now */
    casework_env env;             /* the domain layer's: store, writer, read log, clock */
} api_ctx;

typedef void (*api_handler)(api_ctx *c, http_reply *out);

/* api_page.c: a page of a list, {"items", "total", "limit", "offset"}:
 * takes items (an array) over; total counts the list without limit and
 * offset. */
json_t *api_page_json(json_t *items, size_t total, size_t limit, size_t offset);

/* The login session's cookie: "genop_session=SECRET; Path=/; HttpOnly;
 * SameSite=Strict" (+ "; Secure" behind TLS); set by POST /session,
 * removed by DELETE /session, read by the router. */
#define API_SESSION_COOKIE "genop_session"

/* api_session.c */
void api_session_create(api_ctx *c, http_reply *out);
void api_session_get(api_ctx *c, http_reply *out);
void api_session_delete(api_ctx *c, http_reply *out);
/* api_cases.c */
void api_cases_create(api_ctx *c, http_reply *out);
void api_cases_list(api_ctx *c, http_reply *out);
void api_case_get(api_ctx *c, http_reply *out);
/* api_events.c */
void api_events_append(api_ctx *c, http_reply *out);
/* api_worklist.c */
void api_worklist_get(api_ctx *c, http_reply *out);
/* api_citizens.c */
void api_citizen_access_log(api_ctx *c, http_reply *out);
void api_citizen_access_report(api_ctx *c, http_reply *out);
void api_citizens_search(api_ctx *c, http_reply *out);
/* api_fsiii.c */
void api_fsiii_get(api_ctx *c, http_reply *out);
/* api_report.c */
void api_report_get(api_ctx *c, http_reply *out);
void api_report_xlsx(api_ctx *c, http_reply *out);
/* api_public.c (no login: the public page) */
void api_public_get(api_ctx *c, http_reply *out);
void api_public_page(api_ctx *c, http_reply *out);
/* api_municipalities.c */
void api_municipalities_get(api_ctx *c, http_reply *out);
/* api_standard.c */
void api_standard_get(api_ctx *c, http_reply *out);
/* api_users.c */
void api_users_list(api_ctx *c, http_reply *out);
void api_users_create(api_ctx *c, http_reply *out);
void api_users_audit(api_ctx *c, http_reply *out);
void api_user_password(api_ctx *c, http_reply *out);
void api_user_lock(api_ctx *c, http_reply *out);
void api_user_unlock(api_ctx *c, http_reply *out);
void api_user_deactivate(api_ctx *c, http_reply *out);
/* api_letters.c */
void api_letters_make(api_ctx *c, http_reply *out);
void api_letters_list(api_ctx *c, http_reply *out);
void api_letters_preview(api_ctx *c, http_reply *out);
void api_letter_pdf(api_ctx *c, http_reply *out);
void api_appeal_bundle_pdf(api_ctx *c, http_reply *out);
/* api_outbox.c */
void api_letter_send(api_ctx *c, http_reply *out);
void api_print_queue_get(api_ctx *c, http_reply *out);
void api_print_queue_pdf(api_ctx *c, http_reply *out);
void api_print_queue_printed(api_ctx *c, http_reply *out);
/* api_staff.c */
void api_staff_list(api_ctx *c, http_reply *out);
void api_worklist_owners(api_ctx *c, http_reply *out);
/* {"visitator": USERNAME | null, "terapeut": ...}: who is responsible for
 * a case (shared/spec/api.md), a new object. */
json_t *api_assigned_json(const genop_case_assigned *a);

/* api_calendar.c (the calendar's set-up) */
void api_locations_create(api_ctx *c, http_reply *out);
void api_locations_list(api_ctx *c, http_reply *out);
void api_location_room_add(api_ctx *c, http_reply *out);
void api_staff_put(api_ctx *c, http_reply *out);
/* api_calendar_feed.c */
void api_calendar_key_create(api_ctx *c, http_reply *out);
void api_calendar_feed(api_ctx *c, http_reply *out);
void api_teams_create(api_ctx *c, http_reply *out);
void api_teams_list(api_ctx *c, http_reply *out);
/* Adds profession, hours and absences to each of items, the staff users[i]
 * (GET /staff); false (and out answered) when they cannot be read. */
bool api_staff_calendar_fill(api_ctx *c, json_t *items, const genop_user *users,
                             http_reply *out);

/* api_holidays.c (the holidays a leder opens for booking) */
void api_holiday_open(api_ctx *c, http_reply *out);
void api_holiday_openings(api_ctx *c, http_reply *out);
void api_holiday_close(api_ctx *c, http_reply *out);
/* api_appointments.c (the calendar's bookings) */
void api_appointments_create(api_ctx *c, http_reply *out);
void api_appointments_series(api_ctx *c, http_reply *out);
void api_appointments_list(api_ctx *c, http_reply *out);
void api_appointment_cancel(api_ctx *c, http_reply *out);
void api_appointment_outcome(api_ctx *c, http_reply *out);
void api_appointment_move(api_ctx *c, http_reply *out);
/* api_calendar_week.c (the week view) */
void api_calendar_week(api_ctx *c, http_reply *out);
/* A refused booking as a problem, with its "conflict" or "limit"; a
 * series' answer {"ids", "skipped", "warnings"} (a new object). Both
 * take the calendar's types (booking_refusal.h, appointments.h). */
struct cal_refusal;
struct cal_series_result;
void api_booking_refused(http_reply *out, const char *where, const genop_error *e,
                         const struct cal_refusal *why);
json_t *api_series_json(const struct cal_series_result *r);

/* api_teams.c (a team's roster, waiting list and meetings) */
void api_team_get(api_ctx *c, http_reply *out);
void api_team_enrol(api_ctx *c, http_reply *out);
void api_team_leave(api_ctx *c, http_reply *out);
void api_team_wait(api_ctx *c, http_reply *out);
void api_team_wait_order(api_ctx *c, http_reply *out);
void api_team_unwait(api_ctx *c, http_reply *out);
void api_team_decline(api_ctx *c, http_reply *out);
void api_team_meeting(api_ctx *c, http_reply *out);
void api_team_attendance(api_ctx *c, http_reply *out);
/* api_calendar.c: a team as GET /teams lists it (a new object). */
struct genop_team_row;
json_t *api_team_json(const struct genop_team_row *t);
/* A booking's warnings as the answer's "warnings" array (a new one). */
struct cal_warning;
json_t *api_booking_warnings_json(const struct cal_warning *w);

/* api_proposals.c ("Book tid": calendar/proposals.h) */
void api_appointment_proposals(api_ctx *c, http_reply *out);

#endif
