/*
 * test_complaints.c - complaints to the end (docs/complaints.md; issue
 * 13, item 4):
 * - a complaint's detail (channel, about) is read and checked by the
 *   core's event reader, and changes nothing in an evaluation unless its
 *   route goes outside the municipality (Ishøj's professional content):
 *   then it counts as no complaint to the municipality; appeal_decided
 *   changes nothing;
 * - the case rules: Ankestyrelsen's ruling needs a forwarded complaint,
 *   once for each forwarding; a reconsideration needs a complaint the
 *   municipality reconsiders;
 * - the stage: a remitted case is referred until a new decision, an
 *   upheld ruling settles the complaint, a changed one does not, a
 *   complaint that goes straight to Styrelsen for Patientklager leaves
 *   the stage as it is;
 * - the worklist's new_decision task, from the view, and through the
 *   domain layer on a temporary database: it appears when the case is
 *   remitted and goes when a new decision is registered.
 *
 * Expected values are worked out by hand from the contract and the
 * standards' texts, never by running genop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"
#include "casework_fixture.h"

#include <stdlib.h>

#include "case_json.h"
#include "case_rules.h"
#include "case_stage.h"
#include "complaint_routes.h"
#include "event_append.h"
#include "event_input.h"
#include "evaluate.h"
#include "local.h"
#include "projection.h"
#include "projection_tasks.h"
#include "referral.h"
#include "registry.h"
#include "result_json.h"

/* A refused Aalborg/Ishøj § 86.1 case (referred 2025-04-10, refused
 * 2025-04-15) and what follows it. */
#define REFUSED(more)                                                                      \
    "{\"citizen\": {\"birth_date\": \"1950-01-01\"}, \"events\": ["                        \
    "{\"type\": \"referral_received\", \"date\": \"2025-04-10\", \"paragraph\": \"86.1\"}," \
    "{\"type\": \"decision\", \"date\": \"2025-04-15\", \"granted\": false}" more "]}"
#define EV(type, date, rest) ",{\"type\": \"" type "\", \"date\": \"" date "\"" rest "}"
#define COMPLAINT(rest) EV("complaint_received", "2025-04-20", rest)
#define DECIDED EV("complaint_decided", "2025-04-25", ", \"upheld\": \"none\"")
#define FORWARDED EV("complaint_forwarded", "2025-04-28", "")
#define APPEAL(outcome) EV("appeal_decided", "2025-06-02", ", \"outcome\": \"" outcome "\"")

static genop_standard *load(const char *id)
{
    genop_standard *std = NULL;
    must(genop_registry_load(id, &std, e));
    return std;
}

static void parse(const char *text, genop_case *c)
{
    memset(c, 0, sizeof *c);
    must(genop_case_parse(text, strlen(text), c, e));
    genop_case_sort(c);
}

/* The evaluation of text under std as of 2025-07-01, as JSON text
 * (malloc'ed; the caller frees). */
static char *evaluated(const genop_standard *std, const char *text)
{
    genop_case c;
    parse(text, &c);
    genop_result r;
    must(genop_evaluate(&c, std, date_of("2025-07-01"), &r, e));
    genop_buf b = {0};
    genop_result_write_json(&r, &c, &b);
    genop_buf_add(&b, "", 1);
    assert_false(genop_buf_failed(&b));
    char *out = strdup(b.data);
    genop_buf_release(&b);
    genop_case_release(&c);
    return out;
}

/* ---- the event reader and evaluate --------------------------------------- */

static void test_detail_changes_nothing(void **state)
{
    (void)state;
    static const char *const ids[] = {"aalborg", "ishoj", "nyborg", "rodovre", "skive"};
    for (size_t i = 0; i < 5; i++) {
        genop_standard *std = load(ids[i]);
        char *plain = evaluated(std, REFUSED(COMPLAINT("") DECIDED FORWARDED));
        char *detailed = evaluated(std, REFUSED(COMPLAINT(", \"channel\": \"oral\", \"about\":"
                                                          " \"decision\", \"text\": \"Uenig.\"")
                                                DECIDED FORWARDED APPEAL("remitted")));
        assert_string_equal(detailed, plain);
        assert_non_null(strstr(plain, "\"complaint_forward\""));
        free(plain);
        free(detailed);
        genop_standard_free(std);
    }
}

static void test_professional_goes_outside(void **state)
{
    (void)state;
    genop_standard *ishoj = load("ishoj"), *aalborg = load("aalborg");
    char *outside = evaluated(ishoj, REFUSED(COMPLAINT(", \"about\": \"professional\"")));
    char *none = evaluated(ishoj, REFUSED(""));
    /* No complaint to the municipality: as if there were none. */
    assert_string_equal(outside, none);
    assert_null(strstr(outside, "complaint_reconsideration"));
    char *service = evaluated(ishoj, REFUSED(COMPLAINT(", \"about\": \"service_level\"")));
    assert_non_null(strstr(service, "\"complaint_reconsideration\""));
    /* Aalborg names no route for it: it goes where decisions go. */
    char *a = evaluated(aalborg, REFUSED(COMPLAINT(", \"about\": \"professional\"")));
    assert_non_null(strstr(a, "\"complaint_reconsideration\""));
    free(outside);
    free(none);
    free(service);
    free(a);
    genop_standard_free(ishoj);
    genop_standard_free(aalborg);
}

static void expect_refused(const char *text, const char *words)
{
    genop_case c = {0};
    genop_error why;
    assert_int_equal(genop_case_parse(text, strlen(text), &c, &why), GENOP_EINVAL);
    assert_message_contains(why, words);
    genop_case_release(&c);
}

static void test_reader_checks_detail(void **state)
{
    (void)state;
    expect_refused(REFUSED(COMPLAINT(", \"channel\": \"fax\"")),
                   "$.events[2].channel er 'fax'; den skal være oral (mundtlig) eller written");
    expect_refused(REFUSED(COMPLAINT(", \"about\": \"waiting\"")),
                   "$.events[2].about er 'waiting'");
    expect_refused(REFUSED(COMPLAINT(", \"about\": 1")), "$.events[2].about skal være en tekst");
    expect_refused(REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("won")),
                   "$.events[5].outcome er 'won'; den skal være upheld (stadfæstet)");
    genop_case c;
    parse(REFUSED(COMPLAINT(", \"about\": \"service_level\"") DECIDED FORWARDED
                  APPEAL("annulled")), &c);
    assert_true(c.events[2].has_about);
    assert_int_equal(c.events[2].about, GENOP_ABOUT_SERVICE_LEVEL);
    assert_int_equal(c.events[5].appeal, GENOP_APPEAL_ANNULLED);
    genop_case_release(&c);
    parse(REFUSED(COMPLAINT("")), &c);
    assert_false(c.events[2].has_about);
    genop_case_release(&c);
}

/* ---- the case rules ---------------------------------------------------------- */

/* Whether ev (JSON text) may be added to the case text, under std. */
static genop_err admissible(const genop_standard *std, const char *text, const char *ev_text,
                            genop_error *why)
{
    genop_case c;
    parse(text, &c);
    genop_event ev;
    must(genop_event_parse(ev_text, strlen(ev_text), "$", &ev, e));
    genop_err err = genop_event_admissible(&c, &ev, date_of("2025-12-31"), why);
    if (!err)
        err = genop_complaint_admissible(std, &c, &ev, why);
    genop_case_release(&c);
    return err;
}

static void test_rules(void **state)
{
    (void)state;
    genop_standard *ishoj = load("ishoj");
    genop_error why;
    const char *appeal = "{\"type\": \"appeal_decided\", \"date\": \"2025-06-02\", "
                         "\"outcome\": \"upheld\"}";
    assert_int_equal(admissible(ishoj, REFUSED(COMPLAINT("") DECIDED), appeal, &why),
                     GENOP_EINVAL);
    assert_message_contains(why, "$.date: Ankestyrelsen kan ikke have afgjort en klage, der "
                                 "ikke er sendt til den");
    assert_int_equal(admissible(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED), appeal, &why),
                     GENOP_OK);
    assert_int_equal(admissible(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("changed")),
                                appeal, &why), GENOP_EINVAL);
    assert_message_contains(why, "$.date: Ankestyrelsen har allerede afgjort klagen, der blev "
                                 "sendt den 28. april 2025");
    /* A new complaint sent on after the first ruling may be ruled on. */
    assert_int_equal(admissible(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("changed")
                                               EV("complaint_forwarded", "2025-06-10", "")),
                                "{\"type\": \"appeal_decided\", \"date\": \"2025-06-20\", "
                                "\"outcome\": \"upheld\"}", &why), GENOP_OK);
    const char *decided = "{\"type\": \"complaint_decided\", \"date\": \"2025-04-25\", "
                          "\"upheld\": \"none\"}";
    assert_int_equal(admissible(ishoj, REFUSED(COMPLAINT(", \"about\": \"professional\"")),
                                decided, &why), GENOP_EINVAL);
    assert_message_contains(why, "$.date: der er ingen klage, som kommunen genvurderer: klagen "
                                 "af 20. april 2025 over det faglige indhold går direkte til "
                                 "Styrelsen for Patientklager");
    assert_int_equal(admissible(ishoj, REFUSED(COMPLAINT(", \"about\": \"professional\"")
                                               EV("complaint_received", "2025-04-21",
                                                  ", \"about\": \"decision\"")),
                                decided, &why), GENOP_OK);
    genop_standard_free(ishoj);
}

/* ---- the stage and the new_decision task ------------------------------------ */

static genop_case_stage stage_of(const genop_standard *std, const char *text)
{
    genop_case c;
    parse(text, &c);
    genop_case_stage s = casework_case_stage_under(&c, std);
    genop_case_release(&c);
    return s;
}

#define GRANTED_AGAIN EV("decision", "2025-06-10", ", \"granted\": true")

static void test_stage(void **state)
{
    (void)state;
    genop_standard *ishoj = load("ishoj");
    const char *base = REFUSED(COMPLAINT("") DECIDED FORWARDED);
    assert_int_equal(stage_of(ishoj, base), GENOP_STAGE_COMPLAINT);
    assert_int_equal(stage_of(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("remitted"))),
                     GENOP_STAGE_REFERRED);
    assert_int_equal(stage_of(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("remitted")
                                             GRANTED_AGAIN)),
                     GENOP_STAGE_GRANTED);
    assert_int_equal(stage_of(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("upheld"))),
                     GENOP_STAGE_REFUSED);
    assert_int_equal(stage_of(ishoj, REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("changed"))),
                     GENOP_STAGE_COMPLAINT);
    const char *outside = REFUSED(COMPLAINT(", \"about\": \"professional\""));
    assert_int_equal(stage_of(ishoj, outside), GENOP_STAGE_REFUSED);
    genop_case c;
    parse(outside, &c);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_COMPLAINT);   /* no standard */
    genop_case_release(&c);
    genop_standard_free(ishoj);
}

/* The new_decision task of text under Aalborg: how many. */
static size_t new_decision_of(const char *text, genop_open_deadline *out)
{
    genop_standard *std = load("aalborg");
    genop_case c;
    parse(text, &c);
    genop_result r;
    must(genop_evaluate(&c, std, date_of("2025-07-01"), &r, e));
    genop_case_row row = {.id = 7};
    genop_citizen cit = {.id = 3, .name = "Anna"};
    size_t n = 0;
    projection_new_decision_task(&row, &cit, &r, &c, out, &n);
    genop_case_release(&c);
    genop_standard_free(std);
    return n;
}

#define CLOSED(date) EV("closed", date, ", \"reason\": \"complaint_forwarded\"")

static void test_new_decision_task(void **state)
{
    (void)state;
    genop_open_deadline t[PROJECTION_TASKS_MAX];
    assert_int_equal(new_decision_of(REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("remitted")),
                                     t), 1);
    assert_true(t[0].task);
    assert_string_equal(t[0].deadline_id, TASK_NEW_DECISION);
    assert_string_equal(t[0].label, "Ny afgørelse: Ankestyrelsen har hjemvist sagen");
    assert_date_is(t[0].due, "2025-06-02");
    assert_date_is(t[0].from, "2025-06-02");
    assert_string_equal(t[0].source, "Aalborg, Hvis du ønsker at klage");
    assert_int_equal(t[0].case_id, 7);
    assert_int_equal(new_decision_of(REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("remitted")
                                             GRANTED_AGAIN), t), 0);
    assert_int_equal(new_decision_of(REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("upheld")),
                                     t), 0);
    assert_int_equal(new_decision_of(REFUSED(COMPLAINT("") DECIDED FORWARDED), t), 0);
    /* Closed while the complaint was with Ankestyrelsen: still a task. */
    assert_int_equal(new_decision_of(REFUSED(COMPLAINT("") DECIDED FORWARDED CLOSED("2025-04-29")
                                             APPEAL("remitted")), t), 1);
    /* Closed after the ruling (the case ended otherwise): none. */
    assert_int_equal(new_decision_of(REFUSED(COMPLAINT("") DECIDED FORWARDED APPEAL("remitted")
                                             CLOSED("2025-06-03")), t), 0);
}

/* ---- through the domain layer ------------------------------------------------ */

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis;             /* a visitator of Aalborg */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("complaints", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis.aalborg");
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

/* Registers the event tmpl with the date `days_ago` in place of its one
 * "%s"; the result of the append. */
static genop_err add_on(fixture *f, int64_t case_id, const char *tmpl, int days_ago,
                        genop_error *e)
{
    char text[512], d[GENOP_DATE_STR_SIZE];
    const char *at = strstr(tmpl, "%s");
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - tmpl), tmpl,
             genop_date_format(f->loc.env.today - days_ago, d), at + 2);
    return casework_test_append(&f->loc, &f->vis, case_id, text, NULL, e);
}

/* A refusal as the API takes it: with a reason (letters.md section 1). */
#define REFUSAL "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":false,\"reasons\":" \
    "[{\"criterion\":\"other\",\"text\":\"Kan træne selv.\"}]}"

/* Whether case_id has the stored row `id`, and its row's stage. */
static bool has_row(fixture *f, int64_t case_id, const char *id, genop_case_stage *stage)
{
    genop_list l = {0};
    must(genop_store_case_open_deadlines(f->loc.store, "aalborg", case_id, &l, e));
    bool found = false;
    const genop_open_deadline *d = l.items;
    for (size_t i = 0; i < l.n; i++)
        found |= strcmp(d[i].deadline_id, id) == 0;
    genop_store_free_list(&l);
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "aalborg", case_id, &row, e));
    *stage = row.stage;
    return found;
}

/* Whether the worklist of today lists case_id's new_decision, due `due`. */
static bool on_worklist(fixture *f, int64_t case_id, genop_date due)
{
    genop_list l = {0};
    size_t total = 0;
    must(genop_store_worklist(f->loc.store, "aalborg", f->loc.env.today, 0, 0, &l, &total, e));
    bool listed = false;
    const genop_open_deadline *d = l.items;
    for (size_t i = 0; i < l.n; i++)
        listed |= d[i].case_id == case_id && strcmp(d[i].deadline_id, TASK_NEW_DECISION) == 0 &&
                  d[i].due == due;
    genop_store_free_list(&l);
    return listed;
}

/* Referred 20 days ago (casework_test_case), refused, a complaint sent
 * on, remitted 10 days ago, decided anew 5 days ago. */
static void test_remitted_on_the_worklist(void **state)
{
    fixture *f = *state;
    int64_t k = casework_test_case(&f->loc, &f->vis, "0101401111", "Anna Andersen");
    genop_case_stage stage;
    genop_error why;
    must(add_on(f, k, REFUSAL, 19, e));
    must(add_on(f, k, "{\"type\":\"complaint_received\",\"date\":\"%s\",\"channel\":\"oral\","
                      "\"about\":\"decision\",\"text\":\"Uenig\"}", 18, e));
    assert_int_equal(add_on(f, k, "{\"type\":\"appeal_decided\",\"date\":\"%s\","
                                  "\"outcome\":\"remitted\"}", 17, &why), GENOP_EREFUSED);
    assert_string_equal(why.field, "$.date");
    assert_message_contains(why, "ikke er sendt til den");
    must(add_on(f, k, "{\"type\":\"complaint_decided\",\"date\":\"%s\",\"upheld\":\"none\"}", 16,
                e));
    must(add_on(f, k, "{\"type\":\"complaint_forwarded\",\"date\":\"%s\"}", 15, e));
    assert_false(has_row(f, k, TASK_NEW_DECISION, &stage));
    assert_int_equal(stage, GENOP_STAGE_COMPLAINT);
    must(add_on(f, k, "{\"type\":\"appeal_decided\",\"date\":\"%s\",\"outcome\":\"remitted\"}",
                10, e));
    assert_true(has_row(f, k, TASK_NEW_DECISION, &stage));
    assert_int_equal(stage, GENOP_STAGE_REFERRED);
    assert_true(on_worklist(f, k, f->loc.env.today - 10));
    must(add_on(f, k, REFUSAL, 5, e));
    assert_false(has_row(f, k, TASK_NEW_DECISION, &stage));
    assert_int_equal(stage, GENOP_STAGE_REFUSED);
    assert_false(on_worklist(f, k, f->loc.env.today - 10));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detail_changes_nothing),
        cmocka_unit_test(test_professional_goes_outside),
        cmocka_unit_test(test_reader_checks_detail),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_stage),
        cmocka_unit_test(test_new_decision_task),
        cmocka_unit_test_setup_teardown(test_remitted_on_the_worklist, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
