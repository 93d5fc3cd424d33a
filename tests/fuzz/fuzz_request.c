/*
 * fuzz_request.c - libFuzzer target for what genop does with a request
 * body: the bytes are read as the router reads a body (genop_json_parse,
 * then "must be an object"), then checked both as the body of POST
 * /api/v1/cases and as the body of POST /api/v1/cases/{id}/events against
 * a small fixed case, for a visitator and for a terapeut (who may register
 * fewer types).
 *
 * It calls the domain layer (src/casework) exactly as the handlers and
 * the operations do, without a store: casework_referral_from_json() and
 * casework_referral_prepare() for a referral; casework_event_read() and
 * casework_event_judge() for an event, with the fixed case loaded into
 * memory. It links the core, the store's back-end-independent wrappers
 * and the domain layer - no SQLite, no libmicrohttpd, no libsodium.
 *
 * Beyond "no crash, no leak, no undefined behaviour" it asserts:
 * - a refused body gets a refusal a client can act on (invalid, forbidden
 *   or refused by the rules, with a message), never an internal failure;
 * - an accepted body is stored in a form that reads back: the stored JSON
 *   text goes through the corrected view (case_view_build, which parses
 *   stored bodies with the streaming reader, genop_event_parse) to the
 *   same events the check accepted (and a grant's exceptions), the case
 *   keeps its invariants, and it evaluates as of today - otherwise the write would fail in
 *   projection_update, or the case would fail to load on every later read.
 * Not reached here: POST /api/v1/session's body (two text checks, then
 * auth_login against the store).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_tree.h"
#include "case_view.h"
#include "evaluate.h"
#include "event_append.h"
#include "event_input.h"
#include "json_input.h"
#include "referral.h"
#include "registry.h"
#include "result_tree.h"

/* The largest body the transport passes on (src/server/http.h's
 * HTTP_BODY_MAX; it answers 413 past it). */
#define BODY_MAX (64u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fixed case: referral, contact, assessment, a grant, a session, a
 * note, a correction of the session (so corrections of corrected events
 * and of journal entries are reachable too), and a start status (FSIII
 * levels and goals; so end statuses and corrections of statuses are). */
static const char *const fixed_bodies[] = {
    "{\"type\":\"referral_received\",\"date\":\"2025-03-03\",\"paragraph\":\"86.1\","
    "\"source\":\"egen læge\",\"condition\":\"hofte\"}",
    "{\"type\":\"contacted\",\"date\":\"2025-03-05\"}",
    "{\"type\":\"assessment\",\"date\":\"2025-03-07\"}",
    "{\"type\":\"decision\",\"date\":\"2025-03-10\",\"granted\":true}",
    "{\"type\":\"session\",\"date\":\"2025-03-17\",\"minutes\":45,\"outcome\":\"attended\"}",
    "{\"type\":\"note\",\"date\":\"2025-03-18\",\"text\":\"ringede\"}",
    "{\"type\":\"correction\",\"date\":\"2025-03-19\",\"corrects\":5,\"event\":"
    "{\"type\":\"session\",\"date\":\"2025-03-17\",\"minutes\":60,\"outcome\":\"attended\"},"
    "\"reason\":\"forkert varighed\"}",
    "{\"type\":\"function_status\",\"date\":\"2025-03-17\",\"phase\":\"start\",\"levels\":"
    "[{\"code\":\"51697715-965a-40f3-b4a5-819103bf9d49\",\"level\":3}],"
    "\"goals\":[{\"text\":\"Gå selv\"}]}",
};
static const char *const fixed_types[] = {
    "referral_received", "contacted", "assessment", "decision", "session", "note", "correction",
    "function_status",
};
#define N_FIXED (sizeof fixed_bodies / sizeof fixed_bodies[0])

static genop_standard *std;
static genop_event_row rows[N_FIXED + 1];   /* + the accepted event */
static genop_citizen cit;
static genop_date today;

static void setup(void)
{
    if (std)
        return;
    if (genop_registry_load("aalborg", &std, NULL) || genop_date_parse("2025-06-02", &today, NULL))
        __builtin_trap();
    cit.id = 1;
    memcpy(cit.municipality, "aalborg", sizeof "aalborg");
    memcpy(cit.cpr, "0505501234", sizeof cit.cpr);
    memcpy(cit.name, "Fuzz Borger", sizeof "Fuzz Borger");
    if (genop_date_parse("1950-05-05", &cit.birth_date, NULL))
        __builtin_trap();
    for (size_t i = 0; i < N_FIXED; i++) {
        rows[i].id = (int64_t)i + 1;
        rows[i].case_id = 1;
        memcpy(rows[i].type, fixed_types[i], strlen(fixed_types[i]) + 1);
        rows[i].body = (char *)(uintptr_t)fixed_bodies[i];
        rows[i].corrects = strcmp(fixed_types[i], "correction") == 0 ? 5 : 0;
    }
    /* The fixed case must itself be a valid case. */
    genop_case c = {0};
    if (case_view_build(rows, N_FIXED, 0, &cit, std, &c, NULL) || genop_case_check(&c, NULL))
        __builtin_trap();
    genop_case_release(&c);
}

static genop_user user_for(genop_role role)
{
    genop_user u;
    memset(&u, 0, sizeof u);
    u.id = 1;
    u.role = role;
    memcpy(u.municipality, "aalborg", sizeof "aalborg");
    memcpy(u.username, "fuzz", sizeof "fuzz");
    return u;
}

/* A refusal is one a client can act on, with a reason. */
static void assert_refusal(genop_err err, const genop_error *e)
{
    assert(err == GENOP_EINVAL || err == GENOP_EFORBIDDEN || err == GENOP_EREFUSED);
    assert(e->code == err && e->message[0] != '\0');
}

/* Reads rows[0..n) back as case_view_load would and checks it against
 * what the checks accepted (`expect`, may be NULL). */
static void assert_reads_back(size_t n, const genop_citizen *who, const genop_case *expect)
{
    genop_case v = {0};
    genop_error e;
    genop_result r;
    genop_err err = case_view_build(rows, n, 0, who, std, &v, &e);
    assert(err == GENOP_OK);
    err = genop_case_check(&v, &e);
    assert(err == GENOP_OK);
    if (expect) {
        assert(v.n_events == expect->n_events);
        for (size_t i = 0; i < v.n_events; i++)
            assert(v.events[i].date == expect->events[i].date);
        /* A decision's exceptions too (letters.md section 1). */
        assert(v.n_exceptions == expect->n_exceptions);
    }
    err = genop_evaluate(&v, std, today, &r, &e);
    assert(err == GENOP_OK);
    json_t *j = genop_result_to_json(&r, &v);
    assert(j != NULL);
    json_decref(j);
    for (size_t i = 0; i < n; i++)
        json_decref(case_view_current_body(rows, n, &rows[i]));
    genop_case_release(&v);
}

/* POST /api/v1/cases: the reading and the checks of a referral. */
static void fuzz_case_body(const json_t *body)
{
    genop_user u = user_for(GENOP_ROLE_VISITATOR);
    casework_referral in;
    casework_new_case nc = {0};
    genop_error e;
    genop_err err = casework_referral_from_json(body, &in, &e);
    if (!err)
        err = casework_referral_prepare(std, today, &u, &in, &nc, &e);
    if (!err) {
        /* The new case alone: its referral row, read back. */
        genop_event_row saved = rows[0];
        rows[0].body = nc.event_body;
        assert_reads_back(1, &nc.citizen, NULL);
        rows[0] = saved;
    } else {
        assert_refusal(err, &e);
    }
    casework_new_case_release(&nc);
}

/* The fixed case as case_view_load() leaves it. */
static void load_fixed(case_view_loaded *lc)
{
    memset(lc, 0, sizeof *lc);
    lc->row.id = 1;
    memcpy(lc->row.municipality, "aalborg", sizeof "aalborg");
    lc->row.citizen_id = cit.id;
    lc->cit = cit;
    lc->events.items = rows;
    lc->events.n = N_FIXED;
    if (case_view_build(rows, N_FIXED, 0, &cit, std, &lc->view, NULL))
        __builtin_trap();
}

/* The accepted event as the store keeps it, read back with the case. */
static void assert_event_reads_back(const casework_event *ev, const genop_case *next)
{
    genop_event_row *row = &rows[N_FIXED];
    memset(row, 0, sizeof *row);
    row->id = N_FIXED + 1;
    row->case_id = 1;
    memcpy(row->type, ev->type, strlen(ev->type) + 1);
    row->date = ev->date;
    row->corrects = ev->kind == CASEWORK_EVENT_CORRECTION ? ev->corrects : 0;
    row->body = ev->stored;
    assert_reads_back(N_FIXED + 1, &cit, next);
    row->body = NULL;
}

/* POST /api/v1/cases/{id}/events: the reading of the event and its
 * judgement on the fixed case, as role. */
static void fuzz_event_body(const json_t *body, genop_role role)
{
    genop_user u = user_for(role);
    casework_event ev;
    case_view_loaded lc;
    genop_case next = {0};
    genop_error e;
    load_fixed(&lc);
    genop_err err = casework_event_read(body, &ev, &e);
    if (!err)
        err = casework_event_permitted(&u, ev.type, &e);
    if (!err)
        err = casework_event_judge(&u, std, today, &lc, &ev, &next, &e);
    if (!err)
        assert_event_reads_back(&ev, &next);
    else
        assert_refusal(err, &e);
    casework_event_release(&ev);
    genop_case_release(&next);
    genop_case_release(&lc.view);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size > BODY_MAX)            /* the transport answers 413 before parsing */
        return 0;
    json_t *body = NULL;
    genop_error e;
    /* The router's read_body(): not JSON or not an object is a 400. */
    if (genop_json_parse((const char *)data, size, &body, &e)) {
        assert(e.message[0] != '\0');
        return 0;
    }
    if (json_is_object(body)) {
        fuzz_case_body(body);
        fuzz_event_body(body, GENOP_ROLE_VISITATOR);
        fuzz_event_body(body, GENOP_ROLE_TERAPEUT);
    }
    json_decref(body);
    return 0;
}
