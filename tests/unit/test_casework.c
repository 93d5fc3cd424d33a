/*
 * test_casework.c - the domain layer (src/casework) called directly, as
 * genop demo calls it, on a temporary SQLite database:
 * - each operation's refusals carry their kind, the field at fault and a
 *   Danish message: a referral with a bad CPR number, a date in the
 *   future, a wrong paragraph, a role that may not register it; an event
 *   that cannot have happened, a correction of a note, of a missing event
 *   or by a role that may not, another municipality's case;
 * - a refusal writes nothing but its access-log row, and a failure of the
 *   store is never a refusal and leaves nothing half-written;
 * - the environment's writer and read log are the ones used;
 * - a case read gives its parts and what the role may see of the citizen;
 * - the worklist's tasks, the access log, login, identify and logout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "access_log.h"
#include "case_pack.h"
#include "casework_fixture.h"
#include "case_answer.h"
#include "case_list.h"
#include "case_read.h"
#include "event_append.h"
#include "event_input.h"
#include "local.h"
#include "referral.h"
#include "session.h"

#define PASSWORD CASEWORK_TEST_PASSWORD

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis, ter, leder, other;    /* aalborg x3, skive visitator */
} fixture;

static void add_user(fixture *f, genop_user *u, const char *muni, genop_role role,
                     const char *name)
{
    casework_test_user(&f->loc, u, muni, role, name);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    if (casework_test_open("casework", f->dir, f->db, &f->loc))
        return -1;
    add_user(f, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    add_user(f, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "ter");
    add_user(f, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder");
    add_user(f, &f->other, "skive", GENOP_ROLE_VISITATOR, "vis.skive");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

/* A referral of a citizen with cpr, days before today. */
static casework_referral referral(const char *cpr, int days_ago, const fixture *f)
{
    casework_referral in = {
        .cpr = cpr, .name = "Bent Kristensen", .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = f->loc.env.today - days_ago,
        .has_consent = true, .consent = true,
    };
    return in;
}

static int64_t new_case(fixture *f, const char *cpr)
{
    casework_referral in = referral(cpr, 20, f);
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    assert_true(r.case_id > 0);
    return r.case_id;
}

/* Reads the event text and registers it on case id as u. */
static genop_err append(fixture *f, const genop_user *u, int64_t id, const char *text,
                        int64_t *event_id, genop_error *e)
{
    return casework_test_append(&f->loc, u, id, text, event_id, e);
}

/* "{"type": ..., "date": "<days ago>"...}" for an event days_ago. */
static const char *dated(char *buf, size_t size, const fixture *f, const char *fmt_before,
                         int days_ago, const char *after)
{
    char d[GENOP_DATE_STR_SIZE];
    snprintf(buf, size, "%s\"date\":\"%s\"%s", fmt_before,
             genop_date_format(f->loc.env.today - days_ago, d), after);
    return buf;
}

/* The municipality's cases, open and closed. */
static size_t count_cases(fixture *f)
{
    genop_list l = {0};
    size_t total = 0;
    genop_error e;
    assert_int_equal(genop_store_case_list(f->loc.store, "aalborg",
                                           &(genop_case_filter){.closed = -1}, &l, &total, &e),
                     GENOP_OK);
    genop_store_free_list(&l);
    return total;
}

static size_t events_of(fixture *f, int64_t id)
{
    genop_list l = {0};
    genop_error e;
    assert_int_equal(genop_store_events_list(f->loc.store, "aalborg", id, &l, &e), GENOP_OK);
    size_t n = l.n;
    genop_store_free_events(&l);
    return n;
}

/* The access-log actions of the citizen of case id, newest first. */
static size_t log_actions(fixture *f, int64_t citizen, char actions[][32], size_t max)
{
    genop_list l = {0};
    size_t total = 0;
    genop_error e;
    assert_int_equal(genop_store_access_log_list(f->loc.store, "aalborg", citizen, 0, 0, &l,
                                                 &total, &e), GENOP_OK);
    const genop_access_entry *a = l.items;
    for (size_t i = 0; i < l.n && i < max; i++)
        snprintf(actions[i], 32, "%s", a[i].action);
    genop_store_free_list(&l);
    return total;
}

/* ---- referrals ------------------------------------------------------- */

static void test_referral_refusals(void **state)
{
    fixture *f = *state;
    casework_referral_result r;
    genop_error why;
    casework_referral in = referral("010150-123", 5, f);
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why), GENOP_EINVAL);
    assert_string_equal(why.field, "$.citizen.cpr");
    assert_message_contains(why, "$.citizen.cpr");

    in = referral("0101501234", -3, f);            /* three days ahead */
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why),
                     GENOP_EREFUSED);
    assert_string_equal(why.field, "$.referral.date");
    assert_message_contains(why, "fremtiden");

    in = referral("0101501234", 5, f);
    in.paragraph = "86.3";
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why), GENOP_EINVAL);
    assert_string_equal(why.field, "$.referral.paragraph");

    in = referral("0101501234", 5, f);
    in.municipality_code = 99;
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why), GENOP_EINVAL);
    assert_string_equal(why.field, "$.citizen.municipality_code");
    assert_message_contains(why, "kommunekode");

    in = referral("0101501234", 5, f);
    assert_int_equal(casework_referral_register(&f->loc.env, &f->ter, &in, &r, &why),
                     GENOP_EFORBIDDEN);
    assert_message_contains(why, "terapeut");
    assert_int_equal(count_cases(f), 0);
}

static void test_referral_finds_the_citizen(void **state)
{
    fixture *f = *state;
    casework_referral in = referral("0101501234", 10, f);
    casework_referral_result a, b;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &a, e));
    in.name = " Bent Kristensen ";   /* the same name (a known citizen keeps
                                     * what is stored; another name is
                                     * test_referral_identity.c's) */
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &b, e));
    assert_true(a.citizen_created);
    assert_false(b.citizen_created);
    assert_int_equal(a.citizen_id, b.citizen_id);
    assert_true(b.case_id > a.case_id);
    char actions[4][32];
    assert_int_equal(log_actions(f, a.citizen_id, actions, 4), 2);
    assert_string_equal(actions[0], "case.create");
}

/* ---- events ---------------------------------------------------------- */

static void test_event_refusals(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0202501234");
    char b[256];
    genop_error why;
    /* Before the referral: cannot have happened. */
    assert_int_equal(append(f, &f->vis, id, dated(b, sizeof b, f, "{\"type\":\"contacted\",", 30,
                                                  "}"), NULL, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.date");
    /* A malformed event is invalid, not refused. */
    assert_int_equal(append(f, &f->vis, id, "{\"type\":\"session\",\"date\":\"2025-13-01\"}",
                            NULL, &why), GENOP_EINVAL);
    assert_string_equal(why.field, "$.date");
    assert_int_equal(append(f, &f->vis, id, "{\"type\":\"walk\"}", NULL, &why), GENOP_EINVAL);
    assert_string_equal(why.field, "$.type");
    /* A terapeut may not decide. */
    assert_int_equal(append(f, &f->ter, id, dated(b, sizeof b, f,
                                                  "{\"type\":\"decision\",\"granted\":true," TEST_GRANT ",", 2,
                                                  "}"), NULL, &why), GENOP_EFORBIDDEN);
    assert_message_contains(why, "en afgørelse");
    /* Another municipality's case does not exist for its users. */
    assert_int_equal(append(f, &f->other, id, dated(b, sizeof b, f, "{\"type\":\"contacted\",",
                                                    2, "}"), NULL, &why), GENOP_ENOTFOUND);
    assert_int_equal(events_of(f, id), 1);
    /* The refusals by the rules were looked at: logged as reads. */
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    char actions[8][32];
    size_t n = log_actions(f, cr.lc.cit.id, actions, 8);
    casework_case_release(&cr);
    /* create, the refusal by the rules, the read: a malformed event, a
     * forbidden type or another municipality's case showed nothing */
    assert_int_equal(n, 3);
    assert_string_equal(actions[0], "case.read");
    assert_string_equal(actions[1], "event.reject");
    assert_string_equal(actions[2], "case.create");
}

static void test_corrections(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0303501234");
    char b[256];
    int64_t contacted, note;
    genop_error why;
    must(append(f, &f->vis, id, dated(b, sizeof b, f, "{\"type\":\"contacted\",", 18, "}"),
                &contacted, e));
    must(append(f, &f->vis, id, dated(b, sizeof b, f, "{\"type\":\"note\",\"text\":\"ringede\",",
                                      17, "}"), &note, e));
    char fix[512];
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"corrects\":%lld,\"event\":null,"
             "\"reason\":\"fejl\",\"date\":\"%s\"}", (long long)note, "2020-01-01");
    assert_int_equal(append(f, &f->vis, id, fix, NULL, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.corrects");
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"corrects\":9999,\"event\":null,"
             "\"reason\":\"fejl\",\"date\":\"2020-01-01\"}");
    assert_int_equal(append(f, &f->vis, id, fix, NULL, &why), GENOP_EREFUSED);
    assert_message_contains(why, "der er ingen hændelse med id 9999 på sagen");
    /* The referral can be corrected, never withdrawn. */
    int64_t referral_id = contacted - 1;
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"corrects\":%lld,\"event\":null,"
             "\"reason\":\"fejl\",\"date\":\"2020-01-01\"}", (long long)referral_id);
    assert_int_equal(append(f, &f->vis, id, fix, NULL, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.event");
    /* A withdrawal of the contact is accepted and counts. */
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"corrects\":%lld,\"event\":null,"
             "\"reason\":\"forkert sag\",\"date\":\"2020-01-01\"}", (long long)contacted);
    must(append(f, &f->vis, id, fix, NULL, e));
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    assert_int_equal(cr.lc.view.n_events, 1);
    assert_non_null(strstr(cr.events_json, "\"state\":\"withdrawn\""));
    casework_case_release(&cr);
}

/* ---- the environment --------------------------------------------------- */

typedef struct counting {
    casework_local *loc;
    int writes, reads, rows;
} counting;

static genop_err counting_write(void *self, casework_job_fn job, void *ctx, genop_error *e)
{
    counting *c = self;
    c->writes++;
    return casework_write(&c->loc->env, job, ctx, e);     /* a transaction of its own */
}

static genop_err counting_reads(void *self, genop_access_entry *rows, size_t n, genop_error *e)
{
    counting *c = self;
    (void)rows;
    (void)e;
    c->reads++;
    c->rows += (int)n;
    return GENOP_OK;
}

static void test_environment_writer_and_read_log(void **state)
{
    fixture *f = *state;
    counting c = {.loc = &f->loc};
    casework_env env = f->loc.env;
    env.writer = (casework_writer){counting_write, &c};
    env.reads = (casework_read_log){counting_reads, NULL, &c};
    casework_referral in = referral("0404501234", 3, f);
    casework_referral_result r;
    must(casework_referral_register(&env, &f->vis, &in, &r, e));
    casework_case cr;
    must(casework_case_read(&env, &f->ter, r.case_id, false, 0, &cr, e));
    casework_case_release(&cr);
    genop_list l = {0};
    size_t total;
    must(casework_cases_list(&env, &f->leder, &(genop_case_filter){.closed = -1}, &l, &total, e));
    genop_store_free_list(&l);
    assert_int_equal(c.writes, 1);
    assert_int_equal(c.reads, 2);
    assert_int_equal(c.rows, 1 + (int)total);
}

/* A writer whose transaction cannot begin, as a constraint-like
 * GENOP_EINVAL of the store: the job never runs. */
static genop_err failing_write(void *self, casework_job_fn job, void *ctx, genop_error *e)
{
    (void)self;
    (void)job;
    (void)ctx;
    return genop_fail(e, GENOP_EINVAL, "databasen: afvist (FOREIGN KEY constraint failed)");
}

static void test_writer_failure_is_not_a_refusal(void **state)
{
    fixture *f = *state;
    casework_env env = f->loc.env;
    env.writer = (casework_writer){failing_write, NULL};
    casework_referral in = referral("1010501234", 3, f);
    casework_referral_result r;
    genop_error why;
    assert_int_equal(casework_referral_register(&env, &f->vis, &in, &r, &why), GENOP_EIO);
    assert_false(genop_err_is_refusal(why.code));
    assert_int_equal(why.field[0], '\0');
}

static void test_unreadable_event(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "1111501234");
    json_t *body = json_loads("{\"type\":\"session\",\"date\":\"2025-13-01\"}", 0, NULL);
    casework_event ev;
    genop_error why;
    assert_int_equal(casework_event_read(body, &ev, &why), GENOP_EINVAL);
    casework_event_release(&ev);
    json_decref(body);
    genop_error kept = why;
    /* Another municipality's case: not found before anything else. */
    assert_int_equal(casework_event_unreadable(&f->loc.env, &f->other, id, &why),
                     GENOP_ENOTFOUND);
    /* The case's own: the refusal as it was, and the look logged. */
    why = kept;
    assert_int_equal(casework_event_unreadable(&f->loc.env, &f->vis, id, &why), GENOP_EINVAL);
    assert_string_equal(why.field, "$.date");
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    char actions[4][32];
    assert_int_equal(log_actions(f, cr.lc.cit.id, actions, 4), 3);
    assert_string_equal(actions[1], "event.reject");
    casework_case_release(&cr);
}

static void test_typed_input_is_checked_too(void **state)
{
    fixture *f = *state;
    casework_referral in = referral("1212501234", 3, f);
    in.name = "Bent\nKristensen";
    casework_referral_result r;
    genop_error why;
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why),
                     GENOP_EINVAL);
    assert_string_equal(why.field, "$.citizen.name");
    in = referral("1212501234", 3, f);
    in.text = "Linje 1\nLinje 2";                      /* free text may break lines */
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    /* A command's environment has no dummy hash: no login on it. */
    casework_login_result lr;
    assert_int_equal(casework_login(&f->loc.env, "ingen", PASSWORD, &lr, &why), GENOP_EIO);
}

static void test_store_failure_is_not_a_refusal(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0505501234");
    char b[256];
    for (long n = 1; n <= 40; n++) {
        genop_error why;
        genop_store_fail_from(f->loc.store, n);
        genop_err err = append(f, &f->vis, id, dated(b, sizeof b, f, "{\"type\":\"contacted\",",
                                                     10, "}"), NULL, &why);
        genop_store_fail_from(f->loc.store, 0);
        if (err == GENOP_OK)
            break;
        assert_false(genop_err_is_refusal(err));
        assert_int_equal(why.field[0], '\0');
        assert_int_equal(events_of(f, id), 1);     /* nothing half-written */
    }
    assert_int_equal(events_of(f, id), 2);
}

/* ---- reads ------------------------------------------------------------- */

static void test_case_read_by_role(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0606501234");
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    assert_string_equal(cr.cpr_text, "060650-1234");
    assert_true(cr.sees_contact);
    assert_non_null(strstr(cr.case_json, "\"paragraph\":\"86.1\""));
    assert_true(cr.evaluation.n_deadlines > 0);
    casework_case_release(&cr);
    must(casework_case_read(&f->loc.env, &f->leder, id, false, 0, &cr, e));
    assert_string_equal(cr.cpr_text, "060650-xxxx");
    assert_false(cr.sees_contact);
    casework_case_release(&cr);
    genop_error why;
    assert_int_equal(casework_case_read(&f->loc.env, &f->other, id, false, 0, &cr, &why),
                     GENOP_ENOTFOUND);
    casework_case_release(&cr);
    must(casework_case_read(&f->loc.env, &f->vis, id, true, f->loc.env.today - 3, &cr, e));
    assert_int_equal(cr.evaluation.as_of, f->loc.env.today - 3);
    casework_case_release(&cr);
}

/* Replaces case id's kept answer: made from its events up to event
 * `last`, with the view as view_len bytes of format `format`. */
static void keep_answer(fixture *f, int64_t id, int64_t last, int format, const void *view,
                        size_t view_len)
{
    genop_case_answer a = {.last_event_id = last, .view_format = format, .view = (void *)view,
                           .view_len = view_len, .case_json = "{\"kept\":true}",
                           .events_json = "[]"};
    must(genop_store_begin(f->loc.store, e));
    must(genop_store_case_answer_set(f->loc.store, "aalborg", id, &a, e));
    must(genop_store_commit(f->loc.store, e));
}

/* The old format 1: each event's fields before its condition as raw
 * bytes, then the condition's length and text. */
static size_t format1_bytes(const genop_case *view, unsigned char *out, size_t size)
{
    size_t fixed = offsetof(genop_event, condition), n = 0;
    for (size_t i = 0; i < view->n_events; i++) {
        size_t len = strlen(view->events[i].condition);
        assert_true(n + fixed + 1 + len <= size);
        memcpy(out + n, &view->events[i], fixed);
        out[n + fixed] = (unsigned char)len;
        memcpy(out + n + fixed + 1, view->events[i].condition, len);
        n += fixed + 1 + len;
    }
    return n;
}

static void test_kept_answer_formats(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0808501234"), last;
    char b[256];
    must(append(f, &f->vis, id, dated(b, sizeof b, f, "{\"type\":\"contacted\",", 18, "}"),
                NULL, e));
    must(append(f, &f->vis, id, dated(b, sizeof b, f, "{\"type\":\"decision\",\"granted\":true," TEST_GRANT ",",
                                      15, "}"), &last, e));
    casework_case made;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &made, e));
    assert_int_equal(made.lc.view.n_events, 3);
    /* Format 1 bytes of the view without its decision, kept as of the
     * newest event: from another build they could mean anything, so they
     * are not read - the answer is made from the events. */
    genop_case fewer = made.lc.view;
    fewer.n_events = 2;
    unsigned char bytes[1024];
    size_t n = format1_bytes(&fewer, bytes, sizeof bytes);
    int format1 = (int)(1 << 16 | offsetof(genop_event, condition));
    /* ... nor are the bytes of this view's format under the JSON parts of
     * version 1 (events without their number within the case). */
    genop_buf fewer_packed = {0};
    genop_case_pack(&fewer, &fewer_packed);
    const void *views[] = {bytes, "garbage without a newline", fewer_packed.data};
    size_t lens[] = {n, 25, fewer_packed.len};
    int formats[] = {format1, CASE_ANSWER_FORMAT, GENOP_CASE_PACK_FORMAT};
    for (size_t k = 0; k < 3; k++) {
        keep_answer(f, id, last, formats[k], views[k], lens[k]);
        casework_case cr;
        must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
        assert_int_equal(cr.lc.view.n_events, 3);
        assert_string_equal(cr.case_json, made.case_json);
        assert_string_equal(cr.events_json, made.events_json);
        assert_int_equal(cr.evaluation.n_deadlines, made.evaluation.n_deadlines);
        casework_case_release(&cr);
    }
    /* A current answer of this format is what a read uses. */
    genop_buf text = {0};
    genop_case_pack(&fewer, &text);
    keep_answer(f, id, last, CASE_ANSWER_FORMAT, text.data, text.len);
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    assert_int_equal(cr.lc.view.n_events, 2);
    assert_string_equal(cr.case_json, "{\"kept\":true}");
    casework_case_release(&cr);
    genop_buf_release(&text);
    genop_buf_release(&fewer_packed);
    casework_case_release(&made);
}

static void test_worklist_and_access_log(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0707501234");      /* referred 20 days ago: contact overdue */
    casework_worklist w;
    must(casework_worklist_get(&f->loc.env, &f->ter, 0, 0, &w, e));
    assert_true(w.n >= 1);
    assert_int_equal(w.items[0].deadline.case_id, id);
    assert_true(w.items[0].overdue);
    assert_true(w.items[0].workdays_left < 0);
    int64_t citizen = w.items[0].deadline.citizen_id;
    casework_worklist_release(&w);
    genop_list l = {0};
    size_t total = 0;
    genop_error why;
    assert_int_equal(casework_access_log(&f->loc.env, &f->vis, citizen, 0, 0, &l, &total, &why),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_access_log(&f->loc.env, &f->leder, 424242, 0, 0, &l, &total, &why),
                     GENOP_ENOTFOUND);
    must(casework_access_log(&f->loc.env, &f->leder, citizen, 0, 0, &l, &total, e));
    const genop_access_entry *a = l.items;
    assert_int_equal(total, 3);      /* create, worklist read, this look */
    assert_string_equal(a[0].action, "accesslog.read");
    assert_string_equal(a[1].action, "worklist.read");
    genop_store_free_list(&l);
}

static void test_login_identify_logout(void **state)
{
    fixture *f = *state;
    casework_env env = f->loc.env;
    char dummy[GENOP_HASH_TEXT_MAX];
    must(auth_hash_password("en hemmelighed ingen kender", dummy, e));
    env.dummy_hash = dummy;
    casework_login_result r;
    genop_error why;
    assert_int_equal(casework_login(&env, "vis", "forkert-adgangskode", &r, &why), GENOP_EINVAL);
    assert_int_equal(casework_login(&env, "ingen", PASSWORD, &r, &why), GENOP_EINVAL);
    must(casework_login(&env, "vis", PASSWORD, &r, e));
    assert_string_equal(r.user.username, "vis");
    genop_user who;
    auth_identity id;
    must(casework_identify(&env, r.token, NULL, &who, &id, e));
    assert_int_equal(who.id, f->vis.id);
    assert_true(id.via_session);
    must(casework_logout(&env, &id, e));
    assert_int_equal(casework_identify(&env, r.token, NULL, &who, &id, &why), GENOP_ENOTFOUND);
    assert_int_equal(casework_identify(&env, NULL, "not-a-token", &who, &id, &why), GENOP_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_referral_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_referral_finds_the_citizen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_writer_and_read_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_failure_is_not_a_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writer_failure_is_not_a_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_typed_input_is_checked_too, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_read_by_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kept_answer_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_worklist_and_access_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_identify_logout, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
