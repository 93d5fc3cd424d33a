/*
 * fuzz_request.c - libFuzzer target for what the server does with a
 * request body: the bytes are read as the router reads a body
 * (genop_json_parse, then "must be an object"), then checked both as the
 * body of POST /api/v1/cases and as the body of POST
 * /api/v1/cases/{id}/events against a small fixed case, for a visitator
 * and for a terapeut (who may register fewer types).
 *
 * The handlers' checks are static functions of api_cases.c and
 * api_events.c (read_citizen/read_referral; check: the note, spec-event
 * and correction checks). They are pure - the store is only touched after
 * them, to load the case and to write - so this file includes those two
 * source files and calls the checks with a case built in memory, exactly
 * as the handlers call them after case_view_load(). (The server library
 * linked in also holds api_cases.o and api_events.o; a static archive's
 * member is only linked to resolve a symbol still undefined, and every
 * global symbol of those two is defined here first, so they are not.)
 *
 * Beyond "no crash, no leak, no undefined behaviour" it asserts:
 * - a refused body gets a problem answer (400, 403 or 422), never a 500
 *   and never no answer;
 * - an accepted body is stored in a form that reads back: the stored JSON
 *   text (as the store would keep it) goes through the corrected view
 *   (case_view_build, which parses stored bodies with the streaming
 *   reader, genop_event_parse) to the same events the check accepted, the
 *   case keeps its invariants, and it evaluates as of today - otherwise
 *   the write would 500 in projection_update, or the case would fail to
 *   load on every later read.
 * Not reached here: POST /api/v1/session's body (two text checks, then
 * auth_login against the store).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api_cases.c"
#include "api_events.c"

#include "evaluate.h"
#include "registry.h"
#include "result_json.h"

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

static api_ctx ctx_for(genop_role role, json_t *body)
{
    api_ctx c;
    memset(&c, 0, sizeof c);
    c.authed = true;
    c.user.id = 1;
    c.user.role = role;
    memcpy(c.user.municipality, "aalborg", sizeof "aalborg");
    memcpy(c.user.username, "fuzz", sizeof "fuzz");
    c.std = std;
    c.id = 1;
    c.body = body;
    c.now = 1748858400;    /* 2025-06-02 10:00 UTC */
    c.today = today;
    return c;
}

/* A refusal is a problem answer of a kind a client can act on. */
static void assert_refusal(const http_reply *out)
{
    assert(out->status == 400 || out->status == 403 || out->status == 422);
    assert(out->problem && json_is_object(out->body));
    assert(json_is_string(json_object_get(out->body, "detail")));
}

/* The stored text of an accepted event's body, as store_event writes it. */
static char *stored_text(const json_t *stored)
{
    assert(stored != NULL);
    char *text = json_dumps(stored, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert(text != NULL);
    return text;
}

/* Reads rows[0..n) back as case_view_load would and checks it against
 * what the handler checked (`expect`, may be NULL). */
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

/* POST /api/v1/cases: the body checks of api_cases_create(). */
static void fuzz_case_body(json_t *body)
{
    api_ctx c = ctx_for(GENOP_ROLE_VISITATOR, body);
    http_reply out = {0};
    new_case nc;
    memset(&nc, 0, sizeof nc);
    json_t *citizen, *referral;
    if (in_object(c.body, "$", "citizen", IN_REQUIRED, &citizen, &out) &&
        in_object(c.body, "$", "referral", IN_REQUIRED, &referral, &out) &&
        read_citizen(&c, citizen, &nc.cit, &out) && read_referral(&c, referral, &nc, &out)) {
        assert(out.status == 0);
        /* The new case alone: its referral row, read back. */
        genop_event_row saved = rows[0];
        char *text = stored_text(nc.event_body);
        rows[0].body = text;
        assert_reads_back(1, &nc.cit, NULL);
        rows[0] = saved;
        free(text);
    } else {
        assert_refusal(&out);
    }
    json_decref(nc.event_body);
    http_reply_release(&out);
}

/* POST /api/v1/cases/{id}/events: api_events_append()'s checks, then
 * append()'s check() on the fixed case loaded into memory. */
static void fuzz_event_body(json_t *body, genop_role role)
{
    api_ctx c = ctx_for(role, body);
    http_reply out = {0};
    const char *type;
    if (!in_text(c.body, "$", "type", IN_REQUIRED | IN_ONE_LINE, 64, &type, &out)) {
        assert_refusal(&out);
        http_reply_release(&out);
        return;
    }
    if (!known_type(type) || !roles_may_append(c.user.role, type)) {
        http_reply_release(&out);
        return;
    }
    case_view_loaded lc;
    pending p;
    memset(&lc, 0, sizeof lc);
    memset(&p, 0, sizeof p);
    lc.row.id = 1;
    memcpy(lc.row.municipality, "aalborg", sizeof "aalborg");
    lc.row.citizen_id = cit.id;
    lc.cit = cit;
    lc.events.items = rows;
    lc.events.n = N_FIXED;
    genop_error e;
    if (case_view_build(rows, N_FIXED, 0, &cit, std, &lc.view, &e))
        __builtin_trap();
    if (check(&c, &lc, type, &p, &out)) {
        assert(out.status == 0);
        char *text = stored_text(p.stored);
        genop_event_row *row = &rows[N_FIXED];
        memset(row, 0, sizeof *row);
        row->id = N_FIXED + 1;
        row->case_id = 1;
        assert(strlen(type) < sizeof row->type);
        memcpy(row->type, type, strlen(type) + 1);
        row->date = p.date;
        row->corrects = p.corrects;
        row->body = text;
        assert_reads_back(N_FIXED + 1, &cit, &p.next);
        row->body = NULL;
        free(text);
    } else {
        assert_refusal(&out);
    }
    json_decref(p.stored);
    genop_case_release(&p.next);
    genop_case_release(&lc.view);
    http_reply_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size > HTTP_BODY_MAX)       /* transport.c answers 413 before parsing */
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
