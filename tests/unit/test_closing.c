/*
 * test_closing.c - closing a case that never had a course, and the
 * events' numbers within their case (issue 12, item 5):
 * - genop's own reasons (src/casework/closure_reason.h) per stage: refused
 *   applies when the latest decision refused and no complaint about it is
 *   pending or upheld in full; complaint_forwarded when the complaint
 *   about a refusal was sent to Ankestyrelsen; neither before a decision,
 *   after a grant, after a closure, or on a day before what they need;
 * - through the domain layer on a temporary database (Aalborg): a refused
 *   case closed with `refused` is closed, stage closed, with nothing open
 *   of the municipality's while its citizen's complaint window runs; a
 *   granted case cannot be closed so (422 at $.reason, in Danish); a
 *   complaint forwarded closes with complaint_forwarded; a complaint that
 *   comes after a `refused` closure is still on the worklist; a
 *   correction to a closure is judged by the same rule;
 * - the answer's events carry their number within the case, 1..n in the
 *   order of registration, whatever the ids; genop's own reasons are in
 *   the case object with whether they apply.
 *
 * Expected values are worked out by hand from Aalborg's standard and the
 * calendar, never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <jansson.h>

#include "case_json.h"
#include "case_read.h"
#include "casework_fixture.h"
#include "closure_reason.h"
#include "event_append.h"
#include "event_input.h"
#include "referral.h"

/* ---- genop's own reasons per stage (pure) --------------------------- */

#define REFERRAL "{\"type\":\"referral_received\",\"date\":\"2026-03-02\",\"paragraph\":\"86.1\"}"
#define REFUSED "{\"type\":\"decision\",\"date\":\"2026-03-04\",\"granted\":false}"
#define GRANTED "{\"type\":\"decision\",\"date\":\"2026-03-04\",\"granted\":true}"
#define COMPLAINT "{\"type\":\"complaint_received\",\"date\":\"2026-03-16\"}"
#define DECIDED(upheld) "{\"type\":\"complaint_decided\",\"date\":\"2026-03-23\",\"upheld\":\"" upheld "\"}"
#define FORWARDED "{\"type\":\"complaint_forwarded\",\"date\":\"2026-03-30\"}"

/* Why genop's reason `end` does not apply to the case of the events
 * (a JSON array's members) on day `on` (NULL when it does). */
static const char *why_not(const char *events, genop_case_end end, const char *on)
{
    char text[2048];
    snprintf(text, sizeof text, "{\"citizen\":{\"birth_date\":\"1950-01-01\"},\"events\":[%s]}",
             events);
    genop_case c;
    memset(&c, 0, sizeof c);
    must(genop_case_parse(text, strlen(text), &c, e));
    const char *why = casework_case_end_refusal(&c, end, date_of(on));
    genop_case_release(&c);
    return why;
}

#define assert_applies(events, end, on) assert_null(why_not(events, end, on))
#define assert_not(events, end, on, text) assert_string_equal(why_not(events, end, on), text)

static void test_per_stage(void **state)
{
    (void)state;
    const char *day = "2026-04-01";
    /* referred, granted, training: no course-less end. */
    assert_not(REFERRAL, GENOP_END_REFUSED, day, "sagen har endnu ingen afgørelse");
    assert_not(REFERRAL, GENOP_END_COMPLAINT_FORWARDED, day, "sagen har endnu ingen afgørelse");
    const char *granted = "sagens seneste afgørelse bevilgede træning; et forløb afsluttes med "
                          "en af standardens grunde";
    assert_not(REFERRAL "," GRANTED, GENOP_END_REFUSED, day, granted);
    assert_not(REFERRAL "," GRANTED ",{\"type\":\"session\",\"date\":\"2026-03-10\",\"minutes\":45,"
               "\"outcome\":\"attended\"}", GENOP_END_REFUSED, day, granted);
    assert_not(REFERRAL "," GRANTED "," COMPLAINT "," DECIDED("none") "," FORWARDED,
               GENOP_END_COMPLAINT_FORWARDED, day, granted);
    /* refused */
    assert_applies(REFERRAL "," REFUSED, GENOP_END_REFUSED, day);
    assert_applies(REFERRAL "," REFUSED, GENOP_END_REFUSED, "2026-03-04");     /* the same day */
    assert_not(REFERRAL "," REFUSED, GENOP_END_REFUSED, "2026-03-03", "sagen har endnu ingen afgørelse");
    assert_not(REFERRAL "," REFUSED, GENOP_END_COMPLAINT_FORWARDED, day,
               "der er ikke klaget over afslaget; brug grunden 'refused'");
    /* complaint pending: received, then reconsidered without full upholding */
    const char *pending = "en klage over afslaget er under behandling; sagen kan afsluttes, når "
                          "klagen er sendt til Ankestyrelsen";
    assert_not(REFERRAL "," REFUSED "," COMPLAINT, GENOP_END_REFUSED, day, pending);
    assert_not(REFERRAL "," REFUSED "," COMPLAINT "," DECIDED("partial"), GENOP_END_REFUSED, day, pending);
    assert_not(REFERRAL "," REFUSED "," COMPLAINT "," DECIDED("none"), GENOP_END_COMPLAINT_FORWARDED,
               day, "klagen over afslaget er ikke sendt til Ankestyrelsen");
    assert_applies(REFERRAL "," REFUSED "," COMPLAINT, GENOP_END_REFUSED, "2026-03-15");
    /* upheld in full: a new decision is due */
    assert_not(REFERRAL "," REFUSED "," COMPLAINT "," DECIDED("full"), GENOP_END_REFUSED, day,
               "klagen over afslaget fik fuldt medhold; registrér den nye afgørelse");
    /* forwarded */
    const char *sent = REFERRAL "," REFUSED "," COMPLAINT "," DECIDED("none") "," FORWARDED;
    assert_applies(sent, GENOP_END_COMPLAINT_FORWARDED, day);
    assert_applies(sent, GENOP_END_COMPLAINT_FORWARDED, "2026-03-30");
    assert_not(sent, GENOP_END_COMPLAINT_FORWARDED, "2026-03-29",
               "klagen over afslaget er ikke sendt til Ankestyrelsen");
    assert_not(sent, GENOP_END_REFUSED, day,
               "klagen over afslaget er sendt til Ankestyrelsen; brug grunden 'complaint_forwarded'");
    /* a new decision answers the complaint before it */
    const char *again = REFERRAL "," REFUSED "," COMPLAINT "," DECIDED("partial")
                        ",{\"type\":\"decision\",\"date\":\"2026-03-25\",\"granted\":false}";
    assert_applies(again, GENOP_END_REFUSED, day);
    assert_not(again, GENOP_END_COMPLAINT_FORWARDED, day,
               "der er ikke klaget over afslaget; brug grunden 'refused'");
    /* closed */
    assert_not(REFERRAL "," REFUSED ",{\"type\":\"closed\",\"date\":\"2026-03-05\",\"reason\":\"other\"}",
               GENOP_END_REFUSED, day, "sagen er allerede afsluttet");
    /* the ids and labels */
    genop_case_end end;
    assert_true(genop_case_end_find("complaint_forwarded", &end));
    assert_int_equal(end, GENOP_END_COMPLAINT_FORWARDED);
    assert_false(genop_case_end_find("goal_reached", &end));
    assert_string_equal(genop_case_end_reason_of(GENOP_END_REFUSED)->label,
                        "Afslag: sagen er afsluttet uden forløb");
}

/* ---- through the domain layer ---------------------------------------- */

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("closing", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
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

/* A case of Aalborg referred `days_ago`. */
static int64_t new_case(fixture *f, const char *cpr, int days_ago)
{
    casework_referral in = {
        .cpr = cpr, .name = "Else Afslag", .paragraph = "86.1", .source = "egen læge",
        .condition = "skulder", .date = f->loc.env.today - days_ago,
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    return r.case_id;
}

/* Registers the event {"type": type, "date": <days_ago>, rest} on case id;
 * its id into *id (may be NULL). */
static genop_err add(fixture *f, int64_t id, const char *type, int days_ago, const char *rest,
                     int64_t *event_id, genop_error *e)
{
    char d[GENOP_DATE_STR_SIZE], text[512];
    snprintf(text, sizeof text, "{\"type\":\"%s\",\"date\":\"%s\"%s%s}", type,
             genop_date_format(f->loc.env.today - days_ago, d), rest[0] ? "," : "", rest);
    json_t *body = json_loads(text, 0, NULL);
    assert_non_null(body);
    casework_event ev;
    int64_t unused;
    genop_err err = casework_event_read(body, &ev, e);
    if (!err)
        err = casework_event_append(&f->loc.env, &f->vis, id, &ev, event_id ? event_id : &unused, e);
    casework_event_release(&ev);
    json_decref(body);
    return err;
}

#define ADD(f, id, type, days, rest) must(add(f, id, type, days, rest, NULL, e))

/* The case's stored stage and open rows' deadline ids, joined by " ". */
static genop_case_stage stage_of(fixture *f, int64_t id, char *open, size_t size)
{
    genop_case_row row;
    genop_list rows = {0};
    must(genop_store_case_get(f->loc.store, "aalborg", id, &row, e));
    must(genop_store_case_open_deadlines(f->loc.store, "aalborg", id, &rows, e));
    const genop_open_deadline *d = rows.items;
    open[0] = '\0';
    for (size_t i = 0, used = 0; i < rows.n; i++)
        used += (size_t)snprintf(open + used, size - used, "%s%s", i ? " " : "", d[i].deadline_id);
    genop_store_free_list(&rows);
    return row.stage;
}

static void test_close_refused(void **state)
{
    fixture *f = *state;
    genop_error why;
    char open[256];
    int64_t id = new_case(f, "1111501111", 20);
    ADD(f, id, "decision", 18, "\"granted\":false," TEST_REASONS ",\"text\":\"Ikke omfattet.\"");
    assert_int_equal(stage_of(f, id, open, sizeof open), GENOP_STAGE_REFUSED);
    /* Before the decision it does not apply. */
    assert_int_equal(add(f, id, "closed", 19, "\"reason\":\"refused\"", NULL, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.reason");
    assert_string_equal(why.message,
                        "$.reason: sagen kan ikke afsluttes med grunden »Afslag: sagen er afsluttet "
                        "uden forløb«: den kan kun bruges, når sagens seneste afgørelse er et "
                        "afslag, og ingen klage over den er under behandling, men sagen har endnu "
                        "ingen afgørelse");
    ADD(f, id, "closed", 10, "\"reason\":\"refused\"");
    assert_int_equal(stage_of(f, id, open, sizeof open), GENOP_STAGE_CLOSED);
    assert_string_equal(open, "");
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &cr, e));
    assert_non_null(strstr(cr.case_json, "\"closed\":true"));
    /* The citizen's complaint window still runs (4 weeks from the decision). */
    const genop_deadline_result *window = NULL;
    for (size_t i = 0; i < cr.evaluation.n_deadlines; i++)
        if (strcmp(cr.evaluation.deadlines[i].rule->id, "complaint_window") == 0)
            window = &cr.evaluation.deadlines[i];
    assert_non_null(window);
    assert_true(window->rule->citizens_deadline);
    assert_int_equal(window->status, GENOP_DEADLINE_PENDING);
    casework_case_release(&cr);

    /* A complaint that comes in the window after all: the municipality's
     * reconsideration is on the worklist though the case is closed. */
    ADD(f, id, "complaint_received", 2, "");
    assert_int_equal(stage_of(f, id, open, sizeof open), GENOP_STAGE_CLOSED);
    assert_string_equal(open, "complaint_reconsideration");
    ADD(f, id, "complaint_decided", 1, "\"upheld\":\"none\"");
    assert_string_equal((stage_of(f, id, open, sizeof open), open), "complaint_forward");
    ADD(f, id, "complaint_forwarded", 0, "");
    assert_string_equal((stage_of(f, id, open, sizeof open), open), "");
}

static void test_refuse_on_granted(void **state)
{
    fixture *f = *state;
    genop_error why;
    char open[256];
    int64_t id = new_case(f, "1212501212", 20);
    ADD(f, id, "decision", 18, "\"granted\":true," TEST_GRANT);
    assert_int_equal(add(f, id, "closed", 1, "\"reason\":\"refused\"", NULL, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.reason");
    assert_message_contains(why, "sagens seneste afgørelse bevilgede træning");
    assert_int_equal(add(f, id, "closed", 1, "\"reason\":\"complaint_forwarded\"", NULL, &why),
                     GENOP_EREFUSED);
    assert_message_contains(why, "når klagen over sagens seneste afgørelse, et afslag, er sendt "
                                 "til Ankestyrelsen");
    /* An unknown reason names the standard's and none of genop's own. */
    assert_int_equal(add(f, id, "closed", 1, "\"reason\":\"træt\"", NULL, &why), GENOP_EREFUSED);
    assert_message_contains(why, "other");
    assert_null(strstr(why.message, "refused"));
    assert_int_equal(stage_of(f, id, open, sizeof open), GENOP_STAGE_GRANTED);
}

static void test_close_forwarded(void **state)
{
    fixture *f = *state;
    genop_error why;
    char open[256];
    int64_t id = new_case(f, "0103501313", 40), closing;
    ADD(f, id, "decision", 38, "\"granted\":false," TEST_REASONS ",\"text\":\"Ikke omfattet.\"");
    ADD(f, id, "complaint_received", 30, "");
    ADD(f, id, "complaint_decided", 25, "\"upheld\":\"none\"");
    assert_int_equal(add(f, id, "closed", 20, "\"reason\":\"refused\"", NULL, &why), GENOP_EREFUSED);
    assert_message_contains(why, "en klage over afslaget er under behandling");
    /* The unknown reason's list names complaint_forwarded only once it applies. */
    assert_int_equal(add(f, id, "closed", 20, "\"reason\":\"x\"", NULL, &why), GENOP_EREFUSED);
    assert_null(strstr(why.message, "complaint_forwarded"));
    ADD(f, id, "complaint_forwarded", 20, "");
    assert_int_equal(stage_of(f, id, open, sizeof open), GENOP_STAGE_COMPLAINT);
    assert_int_equal(add(f, id, "closed", 21, "\"reason\":\"complaint_forwarded\"", NULL, &why),
                     GENOP_EREFUSED);
    assert_message_contains(why, "klagen over afslaget er ikke sendt til Ankestyrelsen");
    assert_int_equal(add(f, id, "closed", 20, "\"reason\":\"x\"", NULL, &why), GENOP_EREFUSED);
    assert_message_contains(why, "other, complaint_forwarded");
    must(add(f, id, "closed", 20, "\"reason\":\"complaint_forwarded\"", &closing, e));
    assert_int_equal(stage_of(f, id, open, sizeof open), GENOP_STAGE_CLOSED);
    assert_string_equal(open, "");

    /* A correction of the closure is judged as the closure was: to the
     * day before the forwarding it is refused, to the day after it is
     * not; keeping the reason does not excuse a case-end reason. */
    char rest[256], d[GENOP_DATE_STR_SIZE];
    genop_date_format(f->loc.env.today - 22, d);
    snprintf(rest, sizeof rest, "\"corrects\":%lld,\"reason\":\"dato\",\"event\":{\"type\":\"closed\","
             "\"date\":\"%s\",\"reason\":\"complaint_forwarded\"}", (long long)closing, d);
    assert_int_equal(add(f, id, "correction", 0, rest, NULL, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.event.reason");
    assert_message_contains(why, "klagen over afslaget er ikke sendt til Ankestyrelsen");
    genop_date_format(f->loc.env.today - 19, d);
    snprintf(rest, sizeof rest, "\"corrects\":%lld,\"reason\":\"dato\",\"event\":{\"type\":\"closed\","
             "\"date\":\"%s\",\"reason\":\"complaint_forwarded\"}", (long long)closing, d);
    must(add(f, id, "correction", 0, rest, NULL, e));
}

/* ---- numbers within the case ---------------------------------------- */

/* The member `key` of each event of the answer's events text, as
 * integers into out; how many events. */
static size_t members_of(const char *events_json, const char *key, long long out[], size_t max)
{
    json_t *arr = json_loads(events_json, 0, NULL);
    assert_true(json_is_array(arr));
    size_t n = json_array_size(arr);
    assert_true(n <= max);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_object_get(json_array_get(arr, i), key);
        out[i] = json_is_integer(v) ? (long long)json_integer_value(v) : -1;
    }
    json_decref(arr);
    return n;
}

static void test_numbers(void **state)
{
    fixture *f = *state;
    int64_t a = new_case(f, "0104501414", 20), b = new_case(f, "0105501515", 20), note;
    ADD(f, b, "contacted", 19, "");
    ADD(f, a, "contacted", 18, "");
    ADD(f, b, "assessment", 17, "");
    must(add(f, a, "note", 17, "\"text\":\"ringede\"", &note, e));
    ADD(f, b, "note", 16, "\"text\":\"x\"");
    ADD(f, a, "assessment", 19, "");     /* dated before the contact, registered after */
    for (int k = 0; k < 2; k++) {        /* the kept answer, then one made from the events */
        casework_case cr;
        must(casework_case_read(&f->loc.env, &f->vis, a, false, 0, &cr, e));
        long long number[8], id[8];
        size_t n = members_of(cr.events_json, "number", number, 8);
        assert_int_equal(members_of(cr.events_json, "id", id, 8), n);
        assert_int_equal(n, 4);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(number[i], (long long)i + 1);
        assert_int_equal(id[2], note);
        assert_true(id[3] > id[2] + 1);  /* b's note came between */
        /* genop's own reasons: a case without a decision has none that apply. */
        assert_non_null(strstr(cr.case_json, "\"end_reasons\":[{\"id\":\"refused\",\"label\":"
                                             "\"Afslag: sagen er afsluttet uden forløb\""));
        assert_null(strstr(cr.case_json, "\"applies\":true"));
        casework_case_release(&cr);
        genop_case_answer old = {.last_event_id = id[3], .view_format = 3, .view = "",
                                 .case_json = "{}", .events_json = "[]"};
        must(genop_store_begin(f->loc.store, e));
        must(genop_store_case_answer_set(f->loc.store, "aalborg", a, &old, e));
        must(genop_store_commit(f->loc.store, e));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_per_stage),
        cmocka_unit_test_setup_teardown(test_close_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuse_on_granted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_forwarded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
