/*
 * test_case_page.c - what the domain layer gives the case page (issue 12,
 * item 5):
 * - the event types each role may register (casework_event_types_permitted),
 *   and a refusal of one it may not in Danish words, never the API's code;
 * - a case read's stage (casework_case stage) as the case moves on;
 * - a dry run of a registration (event_preview.h): the limits it would
 *   exceed, each with its rule; nothing stored; the same refusals as a
 *   registration; the rule of "newly exceeded" on its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "case_read.h"
#include "event_append.h"
#include "event_input.h"
#include "event_preview.h"
#include "local.h"
#include "casework_fixture.h"
#include "referral.h"
#include "roles.h"

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis, ter, leder, other;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("casepage", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "skive", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->ter, "skive", GENOP_ROLE_TERAPEUT, "ter");
    casework_test_user(&f->loc, &f->leder, "skive", GENOP_ROLE_LEDER, "leder");
    casework_test_user(&f->loc, &f->other, "aalborg", GENOP_ROLE_VISITATOR, "vis.aalborg");
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

static int64_t new_case(fixture *f, const char *cpr, int days_ago)
{
    casework_referral in = {
        .cpr = cpr, .name = "Karen Casepage", .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = f->loc.env.today - days_ago, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    return r.case_id;
}

/* before + the date days_ago + after, into buf. */
static const char *dated(char buf[256], const fixture *f, int days_ago, const char *before,
                         const char *after)
{
    char d[GENOP_DATE_STR_SIZE];
    snprintf(buf, 256, "%s%s%s", before, genop_date_format(f->loc.env.today - days_ago, d),
             after);
    return buf;
}

/* Registers the event text on case id as u; the new event's id in
 * *event when event is not NULL. */
static genop_err append_id(fixture *f, const genop_user *u, int64_t id, const char *text,
                           int64_t *event, genop_error *e)
{
    int64_t unused;
    json_t *body = json_loads(text, 0, NULL);
    assert_non_null(body);
    casework_event ev;
    genop_err err = casework_event_read(body, &ev, e);
    if (!err)
        err = casework_event_append(&f->loc.env, u, id, &ev, event ? event : &unused, e);
    casework_event_release(&ev);
    json_decref(body);
    return err;
}

static genop_err append(fixture *f, const genop_user *u, int64_t id, const char *text,
                        genop_error *e)
{
    return append_id(f, u, id, text, NULL, e);
}

static bool listed(const char *const *types, size_t n, const char *type)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(types[i], type) == 0)
            return true;
    return false;
}

/* ---- roles ------------------------------------------------------------ */

static void test_types_per_role(void **state)
{
    fixture *f = *state;
    const char *types[CASEWORK_EVENT_TYPES_MAX];
    size_t n = casework_event_types_permitted(&f->vis, types);
    assert_true(listed(types, n, "decision") && listed(types, n, "hospital_plan") &&
                listed(types, n, "previous_course") && listed(types, n, "correction") &&
                listed(types, n, "note"));
    assert_false(listed(types, n, "appeal_decided"));   /* not taken from a client yet */
    n = casework_event_types_permitted(&f->ter, types);
    assert_int_equal(n, 9);
    assert_true(listed(types, n, "session") && listed(types, n, "closed") &&
                listed(types, n, "correction"));
    assert_false(listed(types, n, "decision") || listed(types, n, "hospital_plan") ||
                 listed(types, n, "complaint_forwarded"));
    n = casework_event_types_permitted(&f->leder, types);
    assert_int_equal(n, 2);
    assert_true(listed(types, n, "assigned") && listed(types, n, "correction"));
}

static void test_refusal_in_words(void **state)
{
    fixture *f = *state;
    genop_error e;
    assert_int_equal(casework_event_permitted(&f->ter, "decision", &e), GENOP_EFORBIDDEN);
    assert_message_contains(e, "Som terapeut kan du ikke registrere eller rette en afgørelse");
    assert_message_contains(e, "visitator");
    assert_null(strstr(e.message, "decision"));
    assert_int_equal(casework_event_permitted(&f->ter, "complaint_forwarded", &e),
                     GENOP_EFORBIDDEN);
    assert_message_contains(e, "at en klage er sendt til Ankestyrelsen");
    assert_int_equal(casework_event_permitted(&f->leder, "session", &e), GENOP_EFORBIDDEN);
    assert_message_contains(e, "Som leder kan du ikke registrere eller rette en træningsgang");
    assert_int_equal(casework_event_permitted(&f->vis, "decision", &e), GENOP_OK);
}

/* A terapeut's correction of the visitator's decision: 403 in words. */
static void test_correction_of_a_decision(void **state)
{
    fixture *f = *state;
    char b[256];
    int64_t id = new_case(f, "0101501234", 20);
    int64_t decision = 0;
    must(append_id(f, &f->vis, id, dated(b, f, 19, "{\"type\":\"decision\",\"date\":\"",
                                                  "\",\"granted\":true}"), &decision, e));
    char text[256];
    snprintf(text, sizeof text, "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":%lld,"
             "\"event\":null,\"reason\":\"fejl\"}",
             genop_date_format(f->loc.env.today, (char[GENOP_DATE_STR_SIZE]){0}),
             (long long)decision);
    genop_error e;
    assert_int_equal(append(f, &f->ter, id, text, &e), GENOP_EFORBIDDEN);
    assert_message_contains(e, "en afgørelse");
    assert_null(strstr(e.message, "decision"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_types_per_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusal_in_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correction_of_a_decision, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
