/*
 * test_evaluate.c - unit tests for evaluate.h (and, for a few cases,
 * result_json.h): every rule of every shipped standard (rodovre, skive,
 * nyborg, ishoj, aalborg) as listed in shared/spec/evaluate.md section 4,
 * held to the semantics of section 3.
 *
 * Each deadline rule is exercised met, late, pending and overdue; each limit
 * at, below and above its maximum; each attendance rule below and at its
 * review limit; each eligibility rule with and without a finding. Deadlines
 * cross Easter, Christmas and the year end, Store bededag in 2023 (a
 * holiday) and 2024 (a workday), Grundlovsdag, leap years and weekends; the
 * general tests pin the status boundaries, that a deadline is listed only
 * once the event it counts from exists, that the order of the events in the
 * input does not matter, that a provider-cancelled session does not start
 * the course and the workdays left on open deadlines.
 *
 * Cases are written as JSON text and go through genop_case_parse()
 * exactly as the command line reads them; the five
 * standards are loaded once per run with genop_registry_load() into the
 * cmocka group state.
 *
 * Every expected date was computed independently of genop (Python's
 * datetime module with an Easter computus and the holiday list of spec
 * section 1, and by hand), never by running genop. The comments show the
 * arithmetic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "case.h"
#include "case_json.h"
#include "date.h"
#include "error.h"
#include "evaluate.h"
#include "registry.h"
#include "result_json.h"
#include "result_tree.h"
#include "standard.h"

/* ---- the group state: the five shipped standards --------------------- */

enum { RODOVRE, SKIVE, NYBORG, ISHOJ, AALBORG, N_STANDARDS };

static const char *const standard_ids[N_STANDARDS] = {
    "rodovre", "skive", "nyborg", "ishoj", "aalborg",
};

typedef struct standards {
    genop_standard *std[N_STANDARDS];
} standards;

static int load_standards(void **state)
{
    standards *s = calloc(1, sizeof *s);
    if (s == NULL)
        return -1;
    for (int i = 0; i < N_STANDARDS; i++) {
        genop_error e;
        genop_error_clear(&e);
        if (genop_registry_load(standard_ids[i], &s->std[i], &e) != GENOP_OK) {
            print_error("cannot load standard '%s': %s\n", standard_ids[i], e.message);
            for (int j = 0; j < i; j++)
                genop_standard_free(s->std[j]);
            free(s);
            return -1;
        }
    }
    *state = s;
    return 0;
}

static int free_standards(void **state)
{
    standards *s = *state;
    if (s != NULL) {
        for (int i = 0; i < N_STANDARDS; i++)
            genop_standard_free(s->std[i]);
        free(s);
    }
    *state = NULL;
    return 0;
}

/* ---- writing cases ------------------------------------------------------
 *
 * Case texts in this file use single quotes instead of double quotes and
 * every event ends with a comma; to_json() turns the quotes into double
 * quotes and drops a comma right before ']', which makes the text strict
 * JSON. */

#define ADULT "{'birth_date':'1950-06-15'}"
#define CASE(events) CASE_FOR(ADULT, events)
#define CASE_FOR(citizen, events) "{'citizen':" citizen ",'events':[" events "]}"
#define REFERRAL(date, para) \
    "{'type':'referral_received','date':'" date "','paragraph':'" para "'},"
#define REFERRAL_FOR(date, para, condition)                                   \
    "{'type':'referral_received','date':'" date "','paragraph':'" para        \
    "','condition':'" condition "'},"
#define EVENT(type, date) "{'type':'" type "','date':'" date "'},"
#define DECISION(date, granted) \
    "{'type':'decision','date':'" date "','granted':" granted "},"
#define SESSION(date, outcome) \
    "{'type':'session','date':'" date "','minutes':45,'outcome':'" outcome "'},"
#define SESSION_MIN(date, minutes, outcome)                                   \
    "{'type':'session','date':'" date "','minutes':" #minutes                 \
    ",'outcome':'" outcome "'},"
#define ASSESSMENT_SESSION(date, outcome)                                     \
    "{'type':'session','date':'" date "','minutes':60,'outcome':'" outcome    \
    "','kind':'assessment'},"
#define CLOSED(date) "{'type':'closed','date':'" date "','reason':'goal_reached'},"
#define COMPLAINT_DECIDED(date, upheld) \
    "{'type':'complaint_decided','date':'" date "','upheld':'" upheld "'},"
#define PREVIOUS_COURSE(date, condition) \
    "{'type':'previous_course','date':'" date "','condition':'" condition "'},"

static char *to_json(const char *src)
{
    size_t n = strlen(src);
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (src[i] == ',' && src[i + 1] == ']')
            continue;
        out[k++] = src[i] == '\'' ? '"' : src[i];
    }
    out[k] = '\0';
    return out;
}

/* A growing case text for generated events (many sessions). */
typedef struct text {
    char buf[16384];
    size_t len;
} text;

static void text_add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof t->buf - t->len);
    t->len += (size_t)n;
}

/* Appends n session events, one a day from `first` (input dates only). */
static void add_sessions(text *t, const char *first, int n, const char *outcome,
                         const char *kind)
{
    genop_date d = 0;
    genop_error e;
    genop_error_clear(&e);
    assert_int_equal(genop_date_parse(first, &d, &e), GENOP_OK);
    for (int i = 0; i < n; i++) {
        char iso[GENOP_DATE_STR_SIZE];
        text_add(t, "{'type':'session','date':'%s','minutes':45,'outcome':'%s','kind':'%s'},",
                 genop_date_format(d + i, iso), outcome, kind);
    }
}

/* ---- evaluating --------------------------------------------------------- */

static void evaluate_at(void **state, int which, const char *as_of, const char *case_text,
                        genop_result *r, const char *file, int line)
{
    const standards *s = *state;
    char *json = to_json(case_text);
    if (json == NULL) {
        print_error("out of memory\n");
        _fail(file, line);
        return;
    }
    genop_error e;
    genop_error_clear(&e);
    json_t *root = NULL;
    genop_case c;
    memset(&c, 0, sizeof c);
    genop_date day = 0;
    genop_err err = genop_date_parse(as_of, &day, &e);
    if (!err)
        err = genop_case_parse(json, strlen(json), &c, &e);
    if (!err)
        err = genop_evaluate(&c, s->std[which], day, r, &e);
    json_decref(root);
    genop_case_release(&c);
    if (err) {
        print_error("evaluating %s as of %s failed (%d): %s\ncase: %s\n",
                    standard_ids[which], as_of, (int)err, e.message, json);
        free(json);
        _fail(file, line);
        return;
    }
    free(json);
}

#define EVALUATE(which, as_of, case_text, r) \
    evaluate_at(state, (which), (as_of), (case_text), (r), __FILE__, __LINE__)

/* ---- checking deadlines ------------------------------------------------- */

static const genop_deadline_result *find_deadline(const genop_result *r, const char *id)
{
    for (size_t i = 0; i < r->n_deadlines; i++)
        if (strcmp(r->deadlines[i].rule->id, id) == 0)
            return &r->deadlines[i];
    return NULL;
}

static void print_deadlines(const genop_result *r)
{
    print_error("listed deadlines (%zu):\n", r->n_deadlines);
    for (size_t i = 0; i < r->n_deadlines; i++) {
        const genop_deadline_result *d = &r->deadlines[i];
        char due[GENOP_DATE_STR_SIZE], done[GENOP_DATE_STR_SIZE];
        genop_date_format(d->due, due);
        if (d->done)
            genop_date_format(d->done_date, done);
        else
            snprintf(done, sizeof done, "%s", "null");
        print_error("  %s due %s done %s %s\n", d->rule->id, due, done,
                    genop_deadline_status_name(d->status));
    }
}

/* A citation is "<short name>, <section>" of the standard evaluated. */
/* "<Kommune>, <section>", or - where the standard says nothing and the
 * law applies (spec section 4, "(law)") - "Retssikkerhedsloven § 66/67". */
static bool citation_ok(const genop_result *r, const genop_source *src)
{
    if (src == NULL || src->citation == NULL)
        return false;
    if (src->law != NULL)
        return src->section == NULL && strcmp(src->law, "Retssikkerhedsloven") == 0 &&
               (strcmp(src->citation, "Retssikkerhedsloven § 66") == 0 ||
                strcmp(src->citation, "Retssikkerhedsloven § 67") == 0);
    size_t n = strlen(r->standard->short_name);
    return strncmp(src->citation, r->standard->short_name, n) == 0 &&
           strncmp(src->citation + n, ", ", 2) == 0 && src->citation[n + 2] != '\0';
}

static void check_deadline(const genop_result *r, const char *id, const char *due,
                           const char *done, genop_deadline_status status,
                           const char *file, int line)
{
    const genop_deadline_result *d = find_deadline(r, id);
    if (d == NULL) {
        print_error("deadline '%s' is not listed\n", id);
        print_deadlines(r);
        _fail(file, line);
        return;
    }
    char got_due[GENOP_DATE_STR_SIZE], got_done[GENOP_DATE_STR_SIZE];
    genop_date_format(d->due, got_due);
    if (d->done)
        genop_date_format(d->done_date, got_done);
    else
        snprintf(got_done, sizeof got_done, "%s", "null");
    const char *want_done = done != NULL ? done : "null";
    if (strcmp(got_due, due) != 0 || strcmp(got_done, want_done) != 0 || d->status != status) {
        print_error("deadline '%s': got due %s, done %s, %s; expected due %s, done %s, %s\n",
                    id, got_due, got_done, genop_deadline_status_name(d->status), due,
                    want_done, genop_deadline_status_name(status));
        _fail(file, line);
        return;
    }
    if (!citation_ok(r, &d->rule->source)) {
        print_error("deadline '%s': source '%s' is not '%s, <section>'\n", id,
                    d->rule->source.citation ? d->rule->source.citation : "(null)",
                    r->standard->short_name);
        _fail(file, line);
    }
}

#define assert_deadline(r, id, due, done, status) \
    check_deadline((r), (id), (due), (done), GENOP_DEADLINE_##status, __FILE__, __LINE__)

static void check_not_listed(const genop_result *r, const char *id, const char *file, int line)
{
    if (find_deadline(r, id) != NULL) {
        print_error("deadline '%s' is listed but must not be\n", id);
        print_deadlines(r);
        _fail(file, line);
    }
}

#define assert_not_listed(r, id) check_not_listed((r), (id), __FILE__, __LINE__)

/* ids: the exact set of deadline ids listed, separated by spaces ("" for
 * none). */
static void check_deadline_ids(const genop_result *r, const char *ids, const char *file,
                               int line)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", ids);
    size_t want = 0;
    bool ok = true;
    for (char *save = NULL, *id = strtok_r(buf, " ", &save); id != NULL;
         id = strtok_r(NULL, " ", &save)) {
        want++;
        if (find_deadline(r, id) == NULL) {
            print_error("deadline '%s' is not listed\n", id);
            ok = false;
        }
    }
    if (want != r->n_deadlines) {
        print_error("expected %zu deadlines (%s), got %zu\n", want, ids, r->n_deadlines);
        ok = false;
    }
    if (!ok) {
        print_deadlines(r);
        _fail(file, line);
    }
}

#define assert_deadline_ids(r, ids) check_deadline_ids((r), (ids), __FILE__, __LINE__)

static long workdays_left(const genop_result *r, const char *id, const char *file, int line)
{
    const genop_deadline_result *d = find_deadline(r, id);
    if (d == NULL) {
        print_error("deadline '%s' is not listed\n", id);
        print_deadlines(r);
        _fail(file, line);
        return 0;
    }
    return d->workdays_left;
}

#define WORKDAYS_LEFT(r, id) workdays_left((r), (id), __FILE__, __LINE__)

/* ---- checking limits ---------------------------------------------------- */

static const genop_limit_result *find_limit(const genop_result *r, const char *id)
{
    for (size_t i = 0; i < r->n_limits; i++)
        if (strcmp(genop_limit_name(r->limits[i].rule->kind), id) == 0)
            return &r->limits[i];
    return NULL;
}

/* status "ok" or "exceeded"; period "YYYY-Www" for weekly limits, or NULL
 * to leave it unchecked (other limits, or a tie between weeks). */
static void check_limit(const genop_result *r, const char *id, long used, long max,
                        const char *status, const char *period, const char *file, int line)
{
    const genop_limit_result *l = find_limit(r, id);
    if (l == NULL) {
        print_error("limit '%s' is not listed (%zu limits)\n", id, r->n_limits);
        _fail(file, line);
        return;
    }
    const char *got_status = l->exceeded ? "exceeded" : "ok";
    char got_period[16] = "none";
    if (l->has_period)
        snprintf(got_period, sizeof got_period, "%04d-W%02d", l->period_year % 10000,
                 l->period_week % 100);
    if (l->used != used || l->max != max || strcmp(got_status, status) != 0 ||
        (period != NULL && strcmp(got_period, period) != 0)) {
        print_error("limit '%s': got used %ld, max %ld, %s, period %s; "
                    "expected used %ld, max %ld, %s, period %s\n",
                    id, l->used, l->max, got_status, got_period, used, max, status,
                    period != NULL ? period : "(any)");
        _fail(file, line);
        return;
    }
    if (!citation_ok(r, &l->rule->source)) {
        print_error("limit '%s': source is not '%s, <section>'\n", id, r->standard->short_name);
        _fail(file, line);
    }
}

#define assert_limit(r, id, used, max, status, period) \
    check_limit((r), (id), (used), (max), (status), (period), __FILE__, __LINE__)

static void check_limit_ids(const genop_result *r, const char *ids, const char *file, int line)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", ids);
    size_t want = 0;
    bool ok = true;
    for (char *save = NULL, *id = strtok_r(buf, " ", &save); id != NULL;
         id = strtok_r(NULL, " ", &save)) {
        want++;
        if (find_limit(r, id) == NULL) {
            print_error("limit '%s' is not listed\n", id);
            ok = false;
        }
    }
    if (want != r->n_limits) {
        print_error("expected %zu limits (%s), got %zu:", want, ids, r->n_limits);
        for (size_t i = 0; i < r->n_limits; i++)
            print_error(" %s", genop_limit_name(r->limits[i].rule->kind));
        print_error("\n");
        ok = false;
    }
    if (!ok)
        _fail(file, line);
}

#define assert_limit_ids(r, ids) check_limit_ids((r), (ids), __FILE__, __LINE__)

/* ---- checking attendance and eligibility -------------------------------- */

/* review_limit -1: the standard has no attendance rule for the case. */
static void check_attendance(const genop_result *r, int no_shows, int cancellations,
                             int review_limit, const char *status, const char *file, int line)
{
    const genop_attendance_result *a = &r->attendance;
    const char *got_status = a->review ? "review" : "ok";
    int got_limit = a->has_rule ? a->review_limit : -1;
    if (a->no_shows != no_shows || a->citizen_cancellations != cancellations ||
        got_limit != review_limit || strcmp(got_status, status) != 0) {
        print_error("attendance: got no_shows %d, citizen_cancellations %d, review_limit %d, %s; "
                    "expected %d, %d, %d, %s\n",
                    a->no_shows, a->citizen_cancellations, got_limit, got_status, no_shows,
                    cancellations, review_limit, status);
        _fail(file, line);
        return;
    }
    if (a->has_rule && !citation_ok(r, a->source)) {
        print_error("attendance: source is not '%s, <section>'\n", r->standard->short_name);
        _fail(file, line);
    }
}

#define assert_attendance(r, no_shows, cancellations, review_limit, status)            \
    check_attendance((r), (no_shows), (cancellations), (review_limit), (status), __FILE__, \
                     __LINE__)

#define F_AGE (1u << GENOP_FINDING_AGE)
#define F_RESIDENCY (1u << GENOP_FINDING_RESIDENCY)
#define F_HOSPITAL (1u << GENOP_FINDING_HOSPITAL_PLAN)
#define F_QUARANTINE (1u << GENOP_FINDING_QUARANTINE)

/* findings and unchecked: bit sets of genop_finding_kind. */
static void check_eligibility(const genop_result *r, unsigned findings, unsigned unchecked,
                              const char *file, int line)
{
    unsigned got = 0;
    size_t want_n = 0;
    for (unsigned bits = findings; bits != 0; bits &= bits - 1)
        want_n++;
    for (size_t i = 0; i < r->n_findings; i++) {
        const genop_finding *f = &r->findings[i];
        got |= 1u << f->kind;
        if (!citation_ok(r, f->source) || f->detail[0] == '\0') {
            print_error("finding '%s' lacks a source or a detail\n", genop_finding_name(f->kind));
            _fail(file, line);
            return;
        }
    }
    if (got != findings || r->n_findings != want_n ||
        r->eligible != (findings == 0) || r->unchecked != unchecked) {
        print_error("eligibility: got eligible %d, findings 0x%x (%zu), unchecked 0x%x; "
                    "expected findings 0x%x, unchecked 0x%x "
                    "(bits: age 0x1, residency 0x2, hospital_plan 0x4, quarantine 0x8)\n",
                    (int)r->eligible, got, r->n_findings, r->unchecked, findings, unchecked);
        _fail(file, line);
    }
}

#define assert_eligibility(r, findings, unchecked) \
    check_eligibility((r), (findings), (unchecked), __FILE__, __LINE__)

/* ---- the JSON form ------------------------------------------------------ */

/* The entry of array `key` in o whose "id" is id, or NULL. */
static json_t *json_entry(json_t *o, const char *key, const char *id)
{
    json_t *arr = json_object_get(o, key);
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        const char *got = json_string_value(json_object_get(item, "id"));
        if (got != NULL && strcmp(got, id) == 0)
            return item;
    }
    return NULL;
}

static const char *json_str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL ? s : "(not a string)";
}

/* ======================================================================== */
/* The standards themselves                                                 */
/* ======================================================================== */

static void test_shipped_standards(void **state)
{
    const standards *s = *state;
    static const unsigned paragraphs[N_STANDARDS] = {
        GENOP_PARA_86_1, GENOP_PARA_86_1, GENOP_PARA_86_1,
        GENOP_PARA_86_1 | GENOP_PARA_86_2, GENOP_PARA_86_1 | GENOP_PARA_86_2,
    };
    for (int i = 0; i < N_STANDARDS; i++) {
        assert_string_equal(s->std[i]->id, standard_ids[i]);
        assert_int_equal(s->std[i]->paragraphs, paragraphs[i]);
    }
    /* The two standards with a residency rule compare with these codes. */
    assert_int_equal(s->std[SKIVE]->municipality_code, 779);
    assert_int_equal(s->std[ISHOJ]->municipality_code, 183);
    assert_int_equal(s->std[AALBORG]->municipality_code, 851);
}

/* ======================================================================== */
/* General semantics                                                        */
/* ======================================================================== */

static void test_listed_only_once_from_event_exists(void **state)
{
    genop_result r;

    /* Aalborg § 86.1, referral Mon 2025-04-07 only: the decision (3
     * workdays from the referral: 8, 9, 10) and the start deadline (8
     * workdays: 8,9,10,11, 14,15,16, Easter 17/18/21 off, 22) are listed
     * while no decision exists; nothing else has its event yet. */
    EVALUATE(AALBORG, "2025-04-08", CASE(REFERRAL("2025-04-07", "86.1")), &r);
    assert_deadline_ids(&r, "decision start");
    assert_deadline(&r, "decision", "2025-04-10", NULL, PENDING);
    assert_deadline(&r, "start", "2025-04-22", NULL, PENDING);

    /* + assessment Wed 04-09 adds nothing: the decision counts from the
     * referral (spec section 4). */
    EVALUATE(AALBORG, "2025-04-10",
             CASE(REFERRAL("2025-04-07", "86.1") EVENT("assessment", "2025-04-09")), &r);
    assert_deadline_ids(&r, "decision start");
    assert_deadline(&r, "decision", "2025-04-10", NULL, PENDING);

    /* + granting decision Thu 04-10 (on the due day: met): start_after_grant
     * (no grant_received: the decision's date) 5 workdays = 11,14,15,16,22;
     * complaint window 4 weeks = 2025-05-08, a Thursday and a workday. */
    EVALUATE(AALBORG, "2025-04-21",
             CASE(REFERRAL("2025-04-07", "86.1") EVENT("assessment", "2025-04-09")
                  DECISION("2025-04-10", "true")), &r);
    assert_deadline_ids(&r, "decision start start_after_grant complaint_window");
    assert_deadline(&r, "decision", "2025-04-10", "2025-04-10", MET);
    assert_deadline(&r, "start", "2025-04-22", NULL, PENDING);
    assert_deadline(&r, "start_after_grant", "2025-04-22", NULL, PENDING);
    assert_deadline(&r, "complaint_window", "2025-05-08", NULL, PENDING);

    /* + complaint Sun 04-20: reconsideration 4 weeks = Sun 2025-05-18 (a
     * municipal deadline: not moved); complaint_forward needs a decided
     * complaint and is not listed yet. */
    EVALUATE(AALBORG, "2025-04-21",
             CASE(REFERRAL("2025-04-07", "86.1") EVENT("assessment", "2025-04-09")
                  DECISION("2025-04-10", "true") EVENT("complaint_received", "2025-04-20")),
             &r);
    assert_deadline_ids(&r,
                        "decision start start_after_grant complaint_window "
                        "complaint_reconsideration");
    assert_deadline(&r, "complaint_window", "2025-05-08", "2025-04-20", MET);
    assert_deadline(&r, "complaint_reconsideration", "2025-05-18", NULL, PENDING);

    /* Rødovre, referral only: contact (5 days) and start (14 days). */
    EVALUATE(RODOVRE, "2025-03-04", CASE(REFERRAL("2025-03-03", "86.1")), &r);
    assert_deadline_ids(&r, "contact start");
    assert_deadline(&r, "contact", "2025-03-08", NULL, PENDING);
    assert_deadline(&r, "start", "2025-03-17", NULL, PENDING);

    /* Ishøj, referral only: the assessment (15 workdays), no complaint yet. */
    EVALUATE(ISHOJ, "2025-04-11", CASE(REFERRAL("2025-04-10", "86.1")), &r);
    assert_deadline_ids(&r, "assessment");
    assert_deadline(&r, "assessment", "2025-05-06", NULL, PENDING);
}

static void test_status_boundaries(void **state)
{
    genop_result r;
    /* Rødovre contact: referral Mon 2025-04-07 + 5 days = Sat 2025-04-12 (a
     * weekend due date stays where it is: only the citizen's complaint
     * window moves). */
    EVALUATE(RODOVRE, "2025-05-01",
             CASE(REFERRAL("2025-04-07", "86.1") EVENT("contacted", "2025-04-12")), &r);
    assert_deadline(&r, "contact", "2025-04-12", "2025-04-12", MET);   /* done == due */

    EVALUATE(RODOVRE, "2025-05-01",
             CASE(REFERRAL("2025-04-07", "86.1") EVENT("contacted", "2025-04-13")), &r);
    assert_deadline(&r, "contact", "2025-04-12", "2025-04-13", LATE);  /* due + 1 */

    EVALUATE(RODOVRE, "2025-04-10",
             CASE(REFERRAL("2025-04-07", "86.1") EVENT("contacted", "2025-04-09")), &r);
    assert_deadline(&r, "contact", "2025-04-12", "2025-04-09", MET);

    EVALUATE(RODOVRE, "2025-04-12", CASE(REFERRAL("2025-04-07", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-12", NULL, PENDING);      /* as_of == due */
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), 0);

    EVALUATE(RODOVRE, "2025-04-13", CASE(REFERRAL("2025-04-07", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-12", NULL, OVERDUE);      /* as_of == due + 1 */

    /* Workdays left: as of Mon 04-07, four workdays (8, 9, 10, 11) lie in
     * (as_of, due]; as of Mon 04-14, one workday (14) lies in (due, as_of]. */
    EVALUATE(RODOVRE, "2025-04-07", CASE(REFERRAL("2025-04-07", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-12", NULL, PENDING);
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), 4);

    EVALUATE(RODOVRE, "2025-04-14", CASE(REFERRAL("2025-04-07", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-12", NULL, OVERDUE);
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), -1);
}

static void test_workdays_left(void **state)
{
    genop_result r;
    /* Nyborg contact from Maundy Thursday 2025-04-17: due Mon 04-28.
     * (04-17, 04-28] holds 22, 23, 24, 25, 28: five workdays. */
    EVALUATE(NYBORG, "2025-04-17", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-28", NULL, PENDING);
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), 5);

    EVALUATE(NYBORG, "2025-04-22", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), 4);

    EVALUATE(NYBORG, "2025-04-28", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-28", NULL, PENDING);
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), 0);

    /* (04-28, 04-30] holds 29 and 30. */
    EVALUATE(NYBORG, "2025-04-30", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-28", NULL, OVERDUE);
    assert_int_equal(WORKDAYS_LEFT(&r, "contact"), -2);

    /* Aalborg complaint window over Christmas: decision Tue 2024-11-26 + 4
     * weeks = Tue 12-24 (Juleaftensdag), 25 and 26 off -> Fri 2024-12-27.
     * As of Mon 12-23: (12-23, 12-27] holds only the 27th. As of Mon 12-30:
     * (12-27, 12-30] holds only the 30th. */
    EVALUATE(AALBORG, "2024-12-23",
             CASE(REFERRAL("2024-11-18", "86.1") EVENT("assessment", "2024-11-20")
                  DECISION("2024-11-26", "true")), &r);
    assert_deadline(&r, "complaint_window", "2024-12-27", NULL, PENDING);
    assert_int_equal(WORKDAYS_LEFT(&r, "complaint_window"), 1);

    EVALUATE(AALBORG, "2024-12-30",
             CASE(REFERRAL("2024-11-18", "86.1") EVENT("assessment", "2024-11-20")
                  DECISION("2024-11-26", "true")), &r);
    assert_deadline(&r, "complaint_window", "2024-12-27", NULL, OVERDUE);
    assert_int_equal(WORKDAYS_LEFT(&r, "complaint_window"), -1);
}

/* The events of one Aalborg § 86.2 case, one per entry, in date order. */
static const char *const order_events[] = {
    REFERRAL_FOR("2025-09-01", "86.2", "knæ"),
    EVENT("contacted", "2025-09-02"),
    EVENT("assessment", "2025-09-03"),
    DECISION("2025-09-08", "true"),
    EVENT("grant_received", "2025-09-09"),
    EVENT("decision_received", "2025-09-10"),
    SESSION("2025-09-12", "provider_cancelled"),
    SESSION("2025-09-15", "attended"),
    SESSION("2025-09-17", "no_show"),
    SESSION("2025-09-19", "citizen_cancelled"),
    EVENT("complaint_received", "2025-09-20"),
    SESSION("2025-09-22", "attended"),
    COMPLAINT_DECIDED("2025-10-01", "partial"),
    EVENT("hospital_plan", "2025-10-05"),
    CLOSED("2025-11-28"),
};
#define N_ORDER_EVENTS (sizeof order_events / sizeof order_events[0])

static char *result_dump(const genop_result *r)
{
    json_t *j = genop_result_to_json(r, NULL);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    assert_non_null(s);
    return s;
}

static void test_event_order_does_not_matter(void **state)
{
    /* Permutations of the 15 events: i -> (a*i + b) mod 15 with a coprime
     * to 15, and the reverse order. */
    static const struct { size_t a, b; bool reverse; } perms[] = {
        {1, 0, false}, {1, 0, true}, {2, 7, false}, {7, 3, false}, {4, 11, true}, {1, 9, false},
    };
    char *first = NULL;
    for (size_t p = 0; p < sizeof perms / sizeof perms[0]; p++) {
        text t;
        t.len = 0;
        text_add(&t, "{'citizen':%s,'events':[", ADULT);
        for (size_t i = 0; i < N_ORDER_EVENTS; i++) {
            size_t k = (perms[p].a * i + perms[p].b) % N_ORDER_EVENTS;
            if (perms[p].reverse)
                k = N_ORDER_EVENTS - 1 - k;
            text_add(&t, "%s", order_events[k]);
        }
        text_add(&t, "]}");
        genop_result r;
        EVALUATE(AALBORG, "2025-10-20", t.buf, &r);

        /* § 86.2: start 10 workdays from Mon 09-01 = Mon 09-15 (the
         * provider-cancelled 09-12 session does not count); decision 5
         * workdays from the referral Mon 09-01 = Mon 09-08, made on its
         * last day; start_after_grant 5 workdays
         * from Tue 09-09 = Tue 09-16; complaint window 4 weeks from 09-10 =
         * Wed 10-08; reconsideration and forward 4 weeks from Sat 09-20 =
         * Sat 10-18, forward still open as of Mon 10-20 (one workday past). */
        assert_deadline_ids(&r,
                            "decision start start_after_grant complaint_window "
                            "complaint_reconsideration complaint_forward");
        assert_deadline(&r, "decision", "2025-09-08", "2025-09-08", MET);
        assert_deadline(&r, "start", "2025-09-15", "2025-09-15", MET);
        assert_deadline(&r, "start_after_grant", "2025-09-16", "2025-09-15", MET);
        assert_deadline(&r, "complaint_window", "2025-10-08", "2025-09-20", MET);
        assert_deadline(&r, "complaint_reconsideration", "2025-10-18", "2025-10-01", MET);
        assert_deadline(&r, "complaint_forward", "2025-10-18", NULL, OVERDUE);
        assert_int_equal(WORKDAYS_LEFT(&r, "complaint_forward"), -1);
        assert_attendance(&r, 1, 1, 2, "review");
        /* The hospital plan came after the decision, and Aalborg's § 140
         * exclusion concerns § 86, stk. 1 alone. */
        assert_eligibility(&r, 0, 0);

        char *dump = result_dump(&r);
        if (first == NULL) {
            first = dump;
        } else {
            assert_string_equal(dump, first);
            free(dump);
        }
    }
    free(first);
}

static void test_provider_cancelled_does_not_start_course(void **state)
{
    genop_result r;
    /* Rødovre start: referral Mon 2025-03-03 + 14 days = Mon 03-17. The
     * provider cancelled the 03-05 session; the first counting one is 03-18. */
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") SESSION("2025-03-05", "provider_cancelled")
                  SESSION("2025-03-18", "attended")), &r);
    assert_deadline(&r, "start", "2025-03-17", "2025-03-18", LATE);

    EVALUATE(RODOVRE, "2025-03-18",
             CASE(REFERRAL("2025-03-03", "86.1") SESSION("2025-03-05", "provider_cancelled")),
             &r);
    assert_deadline(&r, "start", "2025-03-17", NULL, OVERDUE);

    /* A no-show counts (only provider_cancelled does not): it starts the
     * course. */
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") SESSION("2025-03-05", "provider_cancelled")
                  SESSION("2025-03-10", "no_show") SESSION("2025-03-18", "attended")), &r);
    assert_deadline(&r, "start", "2025-03-17", "2025-03-10", MET);

    /* Aalborg start_after_grant likewise. Decision Tue 2025-04-15, no
     * grant_received: 5 workdays = 16, 22, 23, 24, 25 (Easter 17-21). */
    EVALUATE(AALBORG, "2025-05-01",
             CASE(REFERRAL("2025-04-10", "86.1") EVENT("assessment", "2025-04-14")
                  DECISION("2025-04-15", "true") SESSION("2025-04-22", "provider_cancelled")
                  SESSION("2025-04-28", "attended")), &r);
    assert_deadline(&r, "start_after_grant", "2025-04-25", "2025-04-28", LATE);
}

static void test_first_event_counts(void **state)
{
    genop_result r;
    /* Rødovre contact due Sat 2025-04-12: the first contact (04-10) counts,
     * whichever order the two contacts are written in. */
    EVALUATE(RODOVRE, "2025-05-01",
             CASE(EVENT("contacted", "2025-04-20") REFERRAL("2025-04-07", "86.1")
                  EVENT("contacted", "2025-04-10")), &r);
    assert_deadline(&r, "contact", "2025-04-12", "2025-04-10", MET);
}

static void test_paragraph_without_rules(void **state)
{
    genop_result r;
    /* Rødovre, Skive and Nyborg hold rules for § 86.1 only: a § 86.2 case
     * lists no deadline. */
    static const int ids[] = {RODOVRE, SKIVE, NYBORG};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        EVALUATE(ids[i], "2025-06-01",
                 CASE(REFERRAL("2025-04-07", "86.2") EVENT("contacted", "2025-04-08")
                      EVENT("assessment", "2025-04-09") DECISION("2025-04-10", "true")
                      SESSION("2025-04-14", "attended")), &r);
        assert_deadline_ids(&r, "");
    }
}

/* ======================================================================== */
/* Rødovre                                                                  */
/* ======================================================================== */

static void test_rodovre_contact(void **state)
{
    genop_result r;
    /* 5 calendar days. Leap year: 2024-02-26 + 5 = 2024-03-02 (29 Feb
     * counts); common year: 2025-02-26 + 5 = 2025-03-03. */
    EVALUATE(RODOVRE, "2024-04-01",
             CASE(REFERRAL("2024-02-26", "86.1") EVENT("contacted", "2024-03-02")), &r);
    assert_deadline(&r, "contact", "2024-03-02", "2024-03-02", MET);

    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-02-26", "86.1") EVENT("contacted", "2025-03-04")), &r);
    assert_deadline(&r, "contact", "2025-03-03", "2025-03-04", LATE);

    /* Over the year end: 2024-12-29 + 5 = 2025-01-03 (holidays do not
     * matter to calendar days). */
    EVALUATE(RODOVRE, "2025-01-03", CASE(REFERRAL("2024-12-29", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-01-03", NULL, PENDING);
    EVALUATE(RODOVRE, "2025-01-04", CASE(REFERRAL("2024-12-29", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-01-03", NULL, OVERDUE);
}

static void test_rodovre_start(void **state)
{
    genop_result r;
    /* 14 calendar days: 2024-02-20 -> 2024-03-05 (leap), 2023-02-20 ->
     * 2023-03-06. */
    EVALUATE(RODOVRE, "2024-04-01",
             CASE(REFERRAL("2024-02-20", "86.1") SESSION("2024-03-05", "attended")), &r);
    assert_deadline(&r, "start", "2024-03-05", "2024-03-05", MET);

    EVALUATE(RODOVRE, "2023-04-01",
             CASE(REFERRAL("2023-02-20", "86.1") SESSION("2023-03-07", "attended")), &r);
    assert_deadline(&r, "start", "2023-03-06", "2023-03-07", LATE);

    /* 2025-12-20 + 14 = Sat 2026-01-03, not moved to a workday. */
    EVALUATE(RODOVRE, "2026-01-03", CASE(REFERRAL("2025-12-20", "86.1")), &r);
    assert_deadline(&r, "start", "2026-01-03", NULL, PENDING);
    EVALUATE(RODOVRE, "2026-01-04", CASE(REFERRAL("2025-12-20", "86.1")), &r);
    assert_deadline(&r, "start", "2026-01-03", NULL, OVERDUE);

    /* A granting decision keeps it listed; a refusal removes it (the
     * contact deadline stays, and the law's complaint window opens: 4
     * weeks from Mon 2025-12-22 = Mon 2026-01-19). */
    EVALUATE(RODOVRE, "2026-01-04",
             CASE(REFERRAL("2025-12-20", "86.1") DECISION("2025-12-22", "true")), &r);
    assert_deadline(&r, "start", "2026-01-03", NULL, OVERDUE);
    EVALUATE(RODOVRE, "2026-01-04",
             CASE(REFERRAL("2025-12-20", "86.1") DECISION("2025-12-22", "false")), &r);
    assert_deadline_ids(&r, "contact complaint_window");
    assert_deadline(&r, "complaint_window", "2026-01-19", NULL, PENDING);
}

/* A Rødovre case from 2025-03-03 with the given sessions from 03-04. */
static void rodovre_sessions(text *t, int attended, int no_show, int cancelled,
                             int provider_cancelled, int assessment)
{
    t->len = 0;
    text_add(t, "{'citizen':%s,'events':[" REFERRAL("2025-03-03", "86.1"), ADULT);
    add_sessions(t, "2025-03-04", attended, "attended", "training");
    add_sessions(t, "2025-05-01", no_show, "no_show", "training");
    add_sessions(t, "2025-05-10", cancelled, "citizen_cancelled", "training");
    add_sessions(t, "2025-05-20", provider_cancelled, "provider_cancelled", "training");
    add_sessions(t, "2025-06-01", assessment, "attended", "assessment");
    text_add(t, "]}");
}

static void test_rodovre_sessions(void **state)
{
    genop_result r;
    text t;
    rodovre_sessions(&t, 31, 0, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "sessions", 31, 32, "ok", NULL);

    rodovre_sessions(&t, 32, 0, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "sessions", 32, 32, "ok", NULL);

    rodovre_sessions(&t, 33, 0, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "sessions", 33, 32, "exceeded", NULL);

    /* Provider-cancelled sessions do not count. */
    rodovre_sessions(&t, 32, 0, 0, 3, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "sessions", 32, 32, "ok", NULL);

    /* No-shows and citizen cancellations do: 30 + 2 + 1 = 33. */
    rodovre_sessions(&t, 30, 2, 1, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "sessions", 33, 32, "exceeded", NULL);

    /* Only kind training counts here; assessment sessions have their own
     * limit. */
    rodovre_sessions(&t, 32, 0, 0, 0, 4);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "sessions", 32, 32, "ok", NULL);
    assert_limit(&r, "assessment_sessions", 4, 8, "ok", NULL);
}

static void test_rodovre_assessment_sessions(void **state)
{
    genop_result r;
    text t;
    rodovre_sessions(&t, 0, 0, 0, 0, 8);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "assessment_sessions", 8, 8, "ok", NULL);
    assert_limit(&r, "sessions", 0, 32, "ok", NULL);

    rodovre_sessions(&t, 0, 0, 0, 0, 9);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "assessment_sessions", 9, 8, "exceeded", NULL);

    /* 40 training sessions do not touch the assessment limit. */
    rodovre_sessions(&t, 40, 0, 0, 0, 8);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_limit(&r, "assessment_sessions", 8, 8, "ok", NULL);
    assert_limit(&r, "sessions", 40, 32, "exceeded", NULL);

    /* 8 attended + 2 provider-cancelled = 8; 7 attended + 2 no-shows = 9. */
    EVALUATE(RODOVRE, "2025-07-01",
             CASE(REFERRAL("2025-03-03", "86.1")
                  ASSESSMENT_SESSION("2025-03-04", "attended")
                  ASSESSMENT_SESSION("2025-03-05", "attended")
                  ASSESSMENT_SESSION("2025-03-06", "attended")
                  ASSESSMENT_SESSION("2025-03-07", "provider_cancelled")
                  ASSESSMENT_SESSION("2025-03-10", "attended")
                  ASSESSMENT_SESSION("2025-03-11", "attended")
                  ASSESSMENT_SESSION("2025-03-12", "attended")
                  ASSESSMENT_SESSION("2025-03-13", "provider_cancelled")
                  ASSESSMENT_SESSION("2025-03-14", "attended")
                  ASSESSMENT_SESSION("2025-03-17", "attended")), &r);
    assert_limit(&r, "assessment_sessions", 8, 8, "ok", NULL);

    EVALUATE(RODOVRE, "2025-07-01",
             CASE(REFERRAL("2025-03-03", "86.1")
                  ASSESSMENT_SESSION("2025-03-04", "attended")
                  ASSESSMENT_SESSION("2025-03-05", "no_show")
                  ASSESSMENT_SESSION("2025-03-06", "attended")
                  ASSESSMENT_SESSION("2025-03-07", "attended")
                  ASSESSMENT_SESSION("2025-03-10", "attended")
                  ASSESSMENT_SESSION("2025-03-11", "no_show")
                  ASSESSMENT_SESSION("2025-03-12", "attended")
                  ASSESSMENT_SESSION("2025-03-13", "attended")
                  ASSESSMENT_SESSION("2025-03-14", "attended")), &r);
    assert_limit(&r, "assessment_sessions", 9, 8, "exceeded", NULL);
}

static void test_rodovre_attendance(void **state)
{
    genop_result r;
    text t;
    rodovre_sessions(&t, 3, 0, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_attendance(&r, 0, 0, 2, "ok");

    rodovre_sessions(&t, 3, 1, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_attendance(&r, 1, 0, 2, "ok");

    rodovre_sessions(&t, 3, 2, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_attendance(&r, 2, 0, 2, "review");

    rodovre_sessions(&t, 3, 3, 0, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_attendance(&r, 3, 0, 2, "review");

    /* Citizen cancellations are reported but do not count towards review. */
    rodovre_sessions(&t, 3, 1, 3, 0, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_attendance(&r, 1, 3, 2, "ok");

    /* Provider cancellations are neither. */
    rodovre_sessions(&t, 3, 1, 0, 4, 0);
    EVALUATE(RODOVRE, "2025-07-01", t.buf, &r);
    assert_attendance(&r, 1, 0, 2, "ok");
}

static void test_rodovre_hospital_plan(void **state)
{
    genop_result r;
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(EVENT("hospital_plan", "2025-02-20") REFERRAL("2025-03-03", "86.1")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);

    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") EVENT("hospital_plan", "2025-03-03")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);

    /* The judging date (spec section 3) is the first decision's date, or
     * as_of while there is none: a plan that begins after the referral but
     * before the decision bars the grant. No decision, as_of 04-01: */
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") EVENT("hospital_plan", "2025-03-04")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    /* ... as_of the day before the plan, the day of the plan. */
    EVALUATE(RODOVRE, "2025-03-03",
             CASE(REFERRAL("2025-03-03", "86.1") EVENT("hospital_plan", "2025-03-04")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(RODOVRE, "2025-03-04",
             CASE(REFERRAL("2025-03-03", "86.1") EVENT("hospital_plan", "2025-03-04")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);

    /* Decision Mon 03-10: a plan from the day before, the same day, the
     * day after (the last does not count, whatever as_of is). */
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") EVENT("hospital_plan", "2025-03-09")
                  DECISION("2025-03-10", "true")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") EVENT("hospital_plan", "2025-03-10")
                  DECISION("2025-03-10", "true")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(RODOVRE, "2025-04-01",
             CASE(REFERRAL("2025-03-03", "86.1") DECISION("2025-03-10", "true")
                  EVENT("hospital_plan", "2025-03-11")), &r);
    assert_eligibility(&r, 0, 0);
}

static void test_rodovre_rules_it_does_not_have(void **state)
{
    genop_result r;
    /* A 15-year-old from another municipality with a recent course for the
     * same condition: Rødovre has no age, residency or quarantine rule, and
     * no assessment, decision or reconsideration deadlines. The law's
     * complaint window (4 weeks from Thu 03-06 = Thu 04-03) and forwarding
     * deadline (4 weeks from Wed 03-12 = Wed 04-09) apply. */
    EVALUATE(RODOVRE, "2025-06-01",
             CASE_FOR("{'birth_date':'2010-01-01','municipality_code':101}",
                      PREVIOUS_COURSE("2025-01-10", "hofte")
                      REFERRAL_FOR("2025-03-03", "86.1", "hofte")
                      EVENT("contacted", "2025-03-04") EVENT("assessment", "2025-03-05")
                      DECISION("2025-03-06", "true") SESSION("2025-03-10", "attended")
                      EVENT("complaint_received", "2025-03-12")
                      COMPLAINT_DECIDED("2025-03-20", "partial")), &r);
    assert_deadline_ids(&r, "contact start complaint_window complaint_forward");
    assert_deadline(&r, "contact", "2025-03-08", "2025-03-04", MET);
    assert_deadline(&r, "start", "2025-03-17", "2025-03-10", MET);
    assert_deadline(&r, "complaint_window", "2025-04-03", "2025-03-12", MET);
    assert_deadline(&r, "complaint_forward", "2025-04-09", NULL, OVERDUE);
    assert_limit_ids(&r, "sessions assessment_sessions");
    assert_eligibility(&r, 0, 0);

    /* No birth date, no municipality: nothing is unchecked either. */
    EVALUATE(RODOVRE, "2025-06-01", "{'events':[" REFERRAL("2025-03-03", "86.1") "]}", &r);
    assert_eligibility(&r, 0, 0);
}

/* ======================================================================== */
/* Skive                                                                    */
/* ======================================================================== */

#define SKIVE_CITIZEN "{'birth_date':'1950-06-15','municipality_code':779}"

static void test_skive_start(void **state)
{
    genop_result r;
    /* 14 days from Fri 2024-12-20 = Fri 2025-01-03. Skive has no contact
     * deadline. */
    EVALUATE(SKIVE, "2025-02-01",
             CASE(REFERRAL("2024-12-20", "86.1") EVENT("contacted", "2024-12-23")
                  SESSION("2025-01-03", "attended")), &r);
    assert_deadline_ids(&r, "start");
    assert_deadline(&r, "start", "2025-01-03", "2025-01-03", MET);

    EVALUATE(SKIVE, "2025-02-01",
             CASE(REFERRAL("2024-12-20", "86.1") SESSION("2025-01-06", "attended")), &r);
    assert_deadline(&r, "start", "2025-01-03", "2025-01-06", LATE);

    EVALUATE(SKIVE, "2025-01-03", CASE(REFERRAL("2024-12-20", "86.1")), &r);
    assert_deadline(&r, "start", "2025-01-03", NULL, PENDING);

    EVALUATE(SKIVE, "2025-01-04", CASE(REFERRAL("2024-12-20", "86.1")), &r);
    assert_deadline(&r, "start", "2025-01-03", NULL, OVERDUE);

    /* Refused: not listed; only the law's complaint window (4 weeks from
     * Mon 2024-12-23 = Mon 2025-01-20). */
    EVALUATE(SKIVE, "2025-01-04",
             CASE(REFERRAL("2024-12-20", "86.1") DECISION("2024-12-23", "false")), &r);
    assert_deadline_ids(&r, "complaint_window");
    assert_deadline(&r, "complaint_window", "2025-01-20", NULL, PENDING);
}

static void test_skive_sessions_per_week(void **state)
{
    genop_result r;
    /* 2025-W10 is Mon 03-03..Sun 03-09, 2025-W11 is Mon 03-10..Sun 03-16. */
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")
                  SESSION("2025-03-05", "attended") SESSION("2025-03-10", "attended")
                  SESSION("2025-03-12", "attended") SESSION("2025-03-14", "attended")), &r);
    assert_limit(&r, "sessions_per_week", 3, 2, "exceeded", "2025-W11");

    /* A provider-cancelled session does not count: two in each week. */
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")
                  SESSION("2025-03-05", "attended") SESSION("2025-03-10", "attended")
                  SESSION("2025-03-12", "attended")
                  SESSION("2025-03-14", "provider_cancelled")), &r);
    assert_limit(&r, "sessions_per_week", 2, 2, "ok", NULL);

    /* Weeks run Monday to Sunday: Sun 03-09 is W10, Mon 03-10 and Sun 03-16
     * are W11. */
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")
                  SESSION("2025-03-09", "attended") SESSION("2025-03-10", "attended")
                  SESSION("2025-03-16", "attended")), &r);
    assert_limit(&r, "sessions_per_week", 2, 2, "ok", NULL);

    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")
                  SESSION("2025-03-09", "attended") SESSION("2025-03-10", "attended")
                  SESSION("2025-03-15", "attended") SESSION("2025-03-16", "attended")), &r);
    assert_limit(&r, "sessions_per_week", 3, 2, "exceeded", "2025-W11");

    /* A no-show and a citizen cancellation are counting sessions. */
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")
                  SESSION("2025-03-04", "no_show") SESSION("2025-03-05", "citizen_cancelled")),
             &r);
    assert_limit(&r, "sessions_per_week", 3, 2, "exceeded", "2025-W10");

    /* Over the year end: Fri 2024-12-27 is 2024-W52; Mon 2024-12-30, Thu
     * 2025-01-02 and Sun 2025-01-05 are all 2025-W01. */
    EVALUATE(SKIVE, "2025-02-01",
             CASE(REFERRAL("2024-12-16", "86.1") SESSION("2024-12-27", "attended")
                  SESSION("2024-12-30", "attended") SESSION("2025-01-02", "attended")
                  SESSION("2025-01-05", "attended")), &r);
    assert_limit(&r, "sessions_per_week", 3, 2, "exceeded", "2025-W01");

    /* 2026 has 53 ISO weeks: Mon 2026-12-28..Sun 2027-01-03 is 2026-W53;
     * Mon 2027-01-04 is 2027-W01. */
    EVALUATE(SKIVE, "2027-02-01",
             CASE(REFERRAL("2026-12-14", "86.1") SESSION("2026-12-28", "attended")
                  SESSION("2026-12-31", "attended") SESSION("2027-01-03", "attended")
                  SESSION("2027-01-04", "attended")), &r);
    assert_limit(&r, "sessions_per_week", 3, 2, "exceeded", "2026-W53");
}

static void test_skive_minutes_per_week(void **state)
{
    genop_result r;
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION_MIN("2025-03-03", 45, "attended")
                  SESSION_MIN("2025-03-06", 45, "attended")), &r);
    assert_limit(&r, "minutes_per_week", 90, 90, "ok", "2025-W10");

    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION_MIN("2025-03-03", 45, "attended")
                  SESSION_MIN("2025-03-06", 50, "attended")), &r);
    assert_limit(&r, "minutes_per_week", 95, 90, "exceeded", "2025-W10");

    /* The worst week by count (W10: 3 x 20 min) and by minutes (W11: 2 x 50
     * min) differ; each limit names its own. */
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION_MIN("2025-03-03", 20, "attended")
                  SESSION_MIN("2025-03-04", 20, "attended")
                  SESSION_MIN("2025-03-05", 20, "attended")
                  SESSION_MIN("2025-03-11", 50, "attended")
                  SESSION_MIN("2025-03-13", 50, "attended")), &r);
    assert_limit(&r, "sessions_per_week", 3, 2, "exceeded", "2025-W10");
    assert_limit(&r, "minutes_per_week", 100, 90, "exceeded", "2025-W11");

    /* Provider-cancelled minutes do not count. */
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION_MIN("2025-03-03", 60, "attended")
                  SESSION_MIN("2025-03-05", 60, "provider_cancelled")), &r);
    assert_limit(&r, "minutes_per_week", 60, 90, "ok", "2025-W10");

    /* Year end: 2024-W52 has 60 minutes, 2025-W01 (Mon 2024-12-30 and Fri
     * 2025-01-03) has 45 + 50 = 95. */
    EVALUATE(SKIVE, "2025-02-01",
             CASE(REFERRAL("2024-12-16", "86.1") SESSION_MIN("2024-12-27", 60, "attended")
                  SESSION_MIN("2024-12-30", 45, "attended")
                  SESSION_MIN("2025-01-03", 50, "attended")), &r);
    assert_limit(&r, "minutes_per_week", 95, 90, "exceeded", "2025-W01");
    assert_limit(&r, "sessions_per_week", 2, 2, "ok", "2025-W01");
}

static void test_skive_course_length(void **state)
{
    genop_result r;
    /* Not listed before the first counting session. */
    EVALUATE(SKIVE, "2025-12-01", CASE(REFERRAL("2025-10-20", "86.1")), &r);
    assert_null(find_limit(&r, "course_length"));
    EVALUATE(SKIVE, "2025-12-01",
             CASE(REFERRAL("2025-10-20", "86.1") SESSION("2025-10-29", "provider_cancelled")),
             &r);
    assert_null(find_limit(&r, "course_length"));

    /* Start Fri 2025-10-31 (the 10-29 session was cancelled by the
     * provider); + 4 months = 2026-02-28 (clamped): 30 + 31 + 31 + 28 = 120
     * days. Open course: used = as_of - start. */
    EVALUATE(SKIVE, "2026-02-28",
             CASE(REFERRAL("2025-10-20", "86.1") SESSION("2025-10-29", "provider_cancelled")
                  SESSION("2025-10-31", "attended")), &r);
    assert_limit(&r, "course_length", 120, 120, "ok", NULL);

    EVALUATE(SKIVE, "2026-03-01",
             CASE(REFERRAL("2025-10-20", "86.1") SESSION("2025-10-31", "attended")), &r);
    assert_limit(&r, "course_length", 121, 120, "exceeded", NULL);

    /* Closed: used = last counting session - start (02-20: 112 days),
     * whatever as_of is. */
    EVALUATE(SKIVE, "2026-06-01",
             CASE(REFERRAL("2025-10-20", "86.1") SESSION("2025-10-31", "attended")
                  SESSION("2026-01-15", "attended") SESSION("2026-02-20", "attended")
                  CLOSED("2026-03-05")), &r);
    assert_limit(&r, "course_length", 112, 120, "ok", NULL);

    /* Closed, last counting session Mon 2026-03-02 (122 days); the
     * provider-cancelled 03-04 session is not the last counting one. */
    EVALUATE(SKIVE, "2026-06-01",
             CASE(REFERRAL("2025-10-20", "86.1") SESSION("2025-10-31", "attended")
                  SESSION("2026-03-02", "attended") SESSION("2026-03-04", "provider_cancelled")
                  CLOSED("2026-03-05")), &r);
    assert_limit(&r, "course_length", 122, 120, "exceeded", NULL);

    /* Leap years: 2023-10-31 + 4 months = 2024-02-29 (121 days); as of the
     * 29th the course has run 121 days. */
    EVALUATE(SKIVE, "2024-02-29",
             CASE(REFERRAL("2023-10-20", "86.1") SESSION("2023-10-31", "attended")), &r);
    assert_limit(&r, "course_length", 121, 121, "ok", NULL);

    /* 2023-11-15 + 4 months = 2024-03-15: 30 + 31 + 31 + 29 = 121 days; as
     * of 2024-01-15 it has run 15 + 31 + 15 = 61 days. */
    EVALUATE(SKIVE, "2024-01-15",
             CASE(REFERRAL("2023-11-01", "86.1") SESSION("2023-11-15", "attended")), &r);
    assert_limit(&r, "course_length", 61, 121, "ok", NULL);
}

static void test_skive_attendance(void **state)
{
    genop_result r;
    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")), &r);
    assert_attendance(&r, 0, 0, 1, "ok");

    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "attended")
                  SESSION("2025-03-10", "no_show")), &r);
    assert_attendance(&r, 1, 0, 1, "review");

    EVALUATE(SKIVE, "2025-04-01",
             CASE(REFERRAL("2025-02-24", "86.1") SESSION("2025-03-03", "citizen_cancelled")
                  SESSION("2025-03-10", "citizen_cancelled")
                  SESSION("2025-03-17", "citizen_cancelled")
                  SESSION("2025-03-24", "provider_cancelled")), &r);
    assert_attendance(&r, 0, 3, 1, "ok");
}

static void test_skive_eligibility(void **state)
{
    genop_result r;
    /* Age 18 at the referral: born 2007-05-10 is 17 on 2025-05-09 and 18
     * on 2025-05-10. */
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10','municipality_code':779}",
                      REFERRAL("2025-05-09", "86.1")), &r);
    assert_eligibility(&r, F_AGE, 0);
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10','municipality_code':779}",
                      REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, 0, 0);

    /* Born 29 February 2008: 17 on 2026-02-27; on 2026-02-28 still 17 (a
     * 29 February birthday is reached on 1 March in a common year, as
     * date.h documents); 18 on 2026-03-01. */
    EVALUATE(SKIVE, "2026-04-01",
             CASE_FOR("{'birth_date':'2008-02-29','municipality_code':779}",
                      REFERRAL("2026-02-27", "86.1")), &r);
    assert_eligibility(&r, F_AGE, 0);
    EVALUATE(SKIVE, "2026-04-01",
             CASE_FOR("{'birth_date':'2008-02-29','municipality_code':779}",
                      REFERRAL("2026-02-28", "86.1")), &r);
    assert_eligibility(&r, F_AGE, 0);
    EVALUATE(SKIVE, "2026-04-01",
             CASE_FOR("{'birth_date':'2008-02-29','municipality_code':779}",
                      REFERRAL("2026-03-01", "86.1")), &r);
    assert_eligibility(&r, 0, 0);

    /* Residency: Skive is 779. */
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'birth_date':'1950-06-15','municipality_code':780}",
                      REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, F_RESIDENCY, 0);
    assert_string_equal(r.findings[0].detail, "Borgeren har kommunekode 780, som ingen kommune "
                        "har; Skive Kommune har kommunekode 779.");
    /* The finding names both municipalities. */
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'birth_date':'1950-06-15','municipality_code':791}",
                      REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, F_RESIDENCY, 0);
    assert_string_equal(r.findings[0].detail, "Borgeren bor i Viborg Kommune (kommunekode 791), "
                        "ikke i Skive Kommune (779).");

    /* A missing code or birth date is unchecked, not a finding. */
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'birth_date':'1950-06-15'}", REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, 0, F_RESIDENCY);
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'municipality_code':779}", REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, 0, F_AGE);
    EVALUATE(SKIVE, "2025-06-01", "{'events':[" REFERRAL("2025-05-10", "86.1") "]}", &r);
    assert_eligibility(&r, 0, F_AGE | F_RESIDENCY);

    /* Hospital plan; and all three at once. Skive has no quarantine rule. */
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR(SKIVE_CITIZEN, EVENT("hospital_plan", "2025-05-01")
                      REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    /* A plan after the referral counts until the decision (the judging
     * date): before it, yes; after it, no. */
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR(SKIVE_CITIZEN, REFERRAL("2025-05-10", "86.1")
                      EVENT("hospital_plan", "2025-05-11")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR(SKIVE_CITIZEN, REFERRAL("2025-05-10", "86.1")
                      EVENT("hospital_plan", "2025-05-11") DECISION("2025-05-12", "true")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR(SKIVE_CITIZEN, REFERRAL("2025-05-10", "86.1")
                      DECISION("2025-05-12", "true") EVENT("hospital_plan", "2025-05-13")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(SKIVE, "2025-06-01",
             CASE_FOR("{'birth_date':'2010-01-01','municipality_code':101}",
                      EVENT("hospital_plan", "2025-05-01") PREVIOUS_COURSE("2025-04-01", "ryg")
                      REFERRAL_FOR("2025-05-10", "86.1", "ryg")), &r);
    assert_eligibility(&r, F_AGE | F_RESIDENCY | F_HOSPITAL, 0);
}

/* ======================================================================== */
/* Nyborg                                                                   */
/* ======================================================================== */

static void test_nyborg_contact(void **state)
{
    genop_result r;
    /* 5 workdays from Maundy Thursday 2025-04-17: Good Friday 18, weekend,
     * Easter Monday 21 off; 22, 23, 24, 25, 28. */
    EVALUATE(NYBORG, "2025-05-15",
             CASE(REFERRAL("2025-04-17", "86.1") EVENT("contacted", "2025-04-28")), &r);
    assert_deadline(&r, "contact", "2025-04-28", "2025-04-28", MET);
    EVALUATE(NYBORG, "2025-05-15",
             CASE(REFERRAL("2025-04-17", "86.1") EVENT("contacted", "2025-04-29")), &r);
    assert_deadline(&r, "contact", "2025-04-28", "2025-04-29", LATE);
    EVALUATE(NYBORG, "2025-04-28", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-28", NULL, PENDING);
    EVALUATE(NYBORG, "2025-04-29", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-28", NULL, OVERDUE);

    /* A referral on Easter Saturday: the same five workdays. */
    EVALUATE(NYBORG, "2025-04-22", CASE(REFERRAL("2025-04-19", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-04-28", NULL, PENDING);

    /* Store bededag: Fri 2023-05-05 is a holiday (Mon 05-01 -> 2, 3, 4, 8,
     * 9); Fri 2024-04-26 is a workday (Mon 04-22 -> 23, 24, 25, 26, 29). */
    EVALUATE(NYBORG, "2023-05-02", CASE(REFERRAL("2023-05-01", "86.1")), &r);
    assert_deadline(&r, "contact", "2023-05-09", NULL, PENDING);
    EVALUATE(NYBORG, "2024-04-23", CASE(REFERRAL("2024-04-22", "86.1")), &r);
    assert_deadline(&r, "contact", "2024-04-29", NULL, PENDING);

    /* Christmas and the year end: Fri 2024-12-20 -> 23, (24, 25, 26 off),
     * 27, 30, (31, 1 off), 2, 3. */
    EVALUATE(NYBORG, "2024-12-23", CASE(REFERRAL("2024-12-20", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-01-03", NULL, PENDING);

    /* Grundlovsdag and Whit Monday: Mon 2025-06-02 -> 3, 4, (5 off), 6,
     * (9 off), 10, 11. */
    EVALUATE(NYBORG, "2025-06-03", CASE(REFERRAL("2025-06-02", "86.1")), &r);
    assert_deadline(&r, "contact", "2025-06-11", NULL, PENDING);
}

static void test_nyborg_start(void **state)
{
    genop_result r;
    /* 14 calendar days from 2025-04-17 = 2025-05-01 (holidays irrelevant). */
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-17", "86.1") SESSION("2025-05-01", "attended")), &r);
    assert_deadline(&r, "start", "2025-05-01", "2025-05-01", MET);
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-17", "86.1") SESSION("2025-05-02", "attended")), &r);
    assert_deadline(&r, "start", "2025-05-01", "2025-05-02", LATE);
    EVALUATE(NYBORG, "2025-05-01", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "start", "2025-05-01", NULL, PENDING);
    EVALUATE(NYBORG, "2025-05-02", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    assert_deadline(&r, "start", "2025-05-01", NULL, OVERDUE);
    /* Refused: the law's complaint window, 4 weeks from Tue 04-22 = Tue
     * 2025-05-20, replaces the start. */
    EVALUATE(NYBORG, "2025-05-02",
             CASE(REFERRAL("2025-04-17", "86.1") DECISION("2025-04-22", "false")), &r);
    assert_deadline_ids(&r, "contact complaint_window");
    assert_deadline(&r, "complaint_window", "2025-05-20", NULL, PENDING);
}

static void test_nyborg_attendance(void **state)
{
    genop_result r;
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-17", "86.1") SESSION("2025-04-22", "attended")
                  SESSION("2025-04-24", "no_show")), &r);
    assert_attendance(&r, 1, 0, 2, "ok");
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-17", "86.1") SESSION("2025-04-22", "attended")
                  SESSION("2025-04-24", "no_show") SESSION("2025-04-29", "citizen_cancelled")),
             &r);
    assert_attendance(&r, 1, 1, 2, "ok");
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-17", "86.1") SESSION("2025-04-22", "no_show")
                  SESSION("2025-04-24", "attended") SESSION("2025-04-29", "no_show")), &r);
    assert_attendance(&r, 2, 0, 2, "review");
}

static void test_nyborg_eligibility(void **state)
{
    genop_result r;
    EVALUATE(NYBORG, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10'}", REFERRAL("2025-05-09", "86.1")), &r);
    assert_eligibility(&r, F_AGE, 0);
    EVALUATE(NYBORG, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10'}", REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, 0, 0);
    /* No residency rule: another municipality is fine, a missing code is
     * not unchecked; a missing birth date is. */
    EVALUATE(NYBORG, "2025-06-01",
             CASE_FOR("{'birth_date':'1950-06-15','municipality_code':101}",
                      REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(NYBORG, "2025-06-01", "{'events':[" REFERRAL("2025-05-10", "86.1") "]}", &r);
    assert_eligibility(&r, 0, F_AGE);
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-05-10", "86.1") EVENT("hospital_plan", "2025-05-10")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    /* After the referral: counts while no decision is made (as_of
     * 06-01), not when the decision came first. */
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-05-10", "86.1") EVENT("hospital_plan", "2025-05-12")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(NYBORG, "2025-06-01",
             CASE(REFERRAL("2025-05-10", "86.1") DECISION("2025-05-11", "false")
                  EVENT("hospital_plan", "2025-05-12")), &r);
    assert_eligibility(&r, 0, 0);
}

/* ======================================================================== */
/* Ishøj                                                                    */
/* ======================================================================== */

#define ISHOJ_CITIZEN "{'birth_date':'1950-06-15','municipality_code':183}"

static void test_ishoj_assessment(void **state)
{
    genop_result r;
    /* 15 workdays from Thu 2025-04-10: 11; 14, 15, 16; (Easter 17-21);
     * 22-25; 28, 29, 30; 1, 2 May; 5, 6 -> 2025-05-06. § 86, stk. 1 only:
     * the deadline stands under "Svarfrist", which concerns "Din ansøgning
     * om genoptræning efter §86.1" (spec section 4). */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE(REFERRAL("2025-04-10", "86.1") EVENT("assessment", "2025-05-05")), &r);
    assert_deadline(&r, "assessment", "2025-05-06", "2025-05-05", MET);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE(REFERRAL("2025-04-10", "86.1") EVENT("assessment", "2025-05-06")), &r);
    assert_deadline(&r, "assessment", "2025-05-06", "2025-05-06", MET);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE(REFERRAL("2025-04-10", "86.1") EVENT("assessment", "2025-05-07")), &r);
    assert_deadline(&r, "assessment", "2025-05-06", "2025-05-07", LATE);
    EVALUATE(ISHOJ, "2025-05-06", CASE(REFERRAL("2025-04-10", "86.1")), &r);
    assert_deadline(&r, "assessment", "2025-05-06", NULL, PENDING);
    EVALUATE(ISHOJ, "2025-05-07", CASE(REFERRAL("2025-04-10", "86.1")), &r);
    assert_deadline(&r, "assessment", "2025-05-06", NULL, OVERDUE);

    /* § 86, stk. 2: no deadline for the first conversation, before, at or
     * after the 15 workdays. */
    EVALUATE(ISHOJ, "2025-05-06", CASE(REFERRAL("2025-04-10", "86.2")), &r);
    assert_deadline_ids(&r, "");
    EVALUATE(ISHOJ, "2025-06-01",
             CASE(REFERRAL("2025-04-10", "86.2") EVENT("assessment", "2025-05-07")), &r);
    assert_deadline_ids(&r, "");

    /* Over Christmas: Fri 2025-12-12 -> 15-19 (5), 22, 23 (7), (24-26
     * off), 29, 30 (9), (31, 1 off), 2 (10), 5-9 (15) -> 2026-01-09. */
    EVALUATE(ISHOJ, "2025-12-15", CASE(REFERRAL("2025-12-12", "86.1")), &r);
    assert_deadline(&r, "assessment", "2026-01-09", NULL, PENDING);

    /* Ishøj has no contact, decision or start rule; the law's complaint
     * window (4 weeks from Tue 04-15 = Tue 05-13) applies, and has run out
     * with no complaint. */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE(REFERRAL("2025-04-10", "86.1") EVENT("contacted", "2025-04-11")
                  EVENT("assessment", "2025-04-14") DECISION("2025-04-15", "true")
                  EVENT("grant_received", "2025-04-16") SESSION("2025-04-22", "attended")),
             &r);
    assert_deadline_ids(&r, "assessment complaint_window");
    assert_deadline(&r, "complaint_window", "2025-05-13", NULL, OVERDUE);
}

static void test_ishoj_complaint_reconsideration(void **state)
{
    genop_result r;
    /* 4 weeks from Mon 2025-06-02 = Mon 2025-06-30. */
#define ISHOJ_COMPLAINT(para)                                                   \
    REFERRAL("2025-04-10", para) EVENT("assessment", "2025-04-14")              \
    DECISION("2025-05-20", "false") EVENT("complaint_received", "2025-06-02")
    /* The law's deadlines beside it: the complaint window, 4 weeks from
     * Tue 05-20 = Tue 06-17 (met by the complaint of 06-02), and the
     * forwarding of a complaint not fully upheld, 4 weeks from its receipt
     * = Mon 06-30, not done by 08-01. */
    EVALUATE(ISHOJ, "2025-08-01",
             CASE(ISHOJ_COMPLAINT("86.1") COMPLAINT_DECIDED("2025-06-30", "none")), &r);
    assert_deadline_ids(&r,
                        "assessment complaint_window complaint_reconsideration "
                        "complaint_forward");
    assert_deadline(&r, "complaint_window", "2025-06-17", "2025-06-02", MET);
    assert_deadline(&r, "complaint_reconsideration", "2025-06-30", "2025-06-30", MET);
    assert_deadline(&r, "complaint_forward", "2025-06-30", NULL, OVERDUE);
    EVALUATE(ISHOJ, "2025-08-01",
             CASE(ISHOJ_COMPLAINT("86.2") COMPLAINT_DECIDED("2025-07-01", "partial")), &r);
    assert_deadline_ids(&r, "complaint_window complaint_reconsideration complaint_forward");
    assert_deadline(&r, "complaint_reconsideration", "2025-06-30", "2025-07-01", LATE);
    /* Fully upheld: nothing to forward. */
    EVALUATE(ISHOJ, "2025-08-01",
             CASE(ISHOJ_COMPLAINT("86.1") COMPLAINT_DECIDED("2025-06-20", "full")), &r);
    assert_not_listed(&r, "complaint_forward");
    EVALUATE(ISHOJ, "2025-06-30", CASE(ISHOJ_COMPLAINT("86.1")), &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-06-30", NULL, PENDING);
    EVALUATE(ISHOJ, "2025-07-01", CASE(ISHOJ_COMPLAINT("86.2")), &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-06-30", NULL, OVERDUE);
#undef ISHOJ_COMPLAINT

    /* The municipality's own deadline is not moved off a holiday: Fri
     * 2025-11-28 + 4 weeks = Fri 2025-12-26 (2. juledag). */
    EVALUATE(ISHOJ, "2025-12-27",
             CASE(REFERRAL("2025-09-01", "86.1") EVENT("assessment", "2025-09-03")
                  DECISION("2025-11-10", "true") EVENT("complaint_received", "2025-11-28")),
             &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-12-26", NULL, OVERDUE);
}

static void test_ishoj_no_attendance_rule(void **state)
{
    genop_result r;
    EVALUATE(ISHOJ, "2025-06-01",
             CASE(REFERRAL("2025-04-10", "86.1") SESSION("2025-04-22", "no_show")
                  SESSION("2025-04-23", "no_show") SESSION("2025-04-24", "no_show")
                  SESSION("2025-04-25", "no_show") SESSION("2025-04-28", "no_show")
                  SESSION("2025-04-29", "citizen_cancelled")
                  SESSION("2025-04-30", "citizen_cancelled")), &r);
    assert_attendance(&r, 5, 2, -1, "ok");
    assert_limit_ids(&r, "");

    json_t *j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    json_t *att = json_object_get(j, "attendance");
    assert_non_null(att);
    json_t *limit = json_object_get(att, "review_limit");
    assert_true(limit == NULL || json_is_null(limit));
    assert_string_equal(json_str(att, "status"), "ok");
    assert_int_equal(json_integer_value(json_object_get(att, "no_shows")), 5);
    assert_int_equal(json_integer_value(json_object_get(att, "citizen_cancellations")), 2);
    json_decref(j);
}

static void test_ishoj_quarantine(void **state)
{
    genop_result r;
    /* A course for the same condition ended 2024-12-10; 5 months later is
     * 2025-05-10. The rule bars a grant, so it is judged on the decision's
     * date (or as_of while there is none), not on the referral's (spec
     * section 3). Referral 2025-05-02 in every case below. */
#define PREVIOUS_HIP PREVIOUS_COURSE("2024-12-10", "hofte")
    /* No decision: as_of one day short (finding), on the day (none). */
    EVALUATE(ISHOJ, "2025-05-09",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_HIP REFERRAL_FOR("2025-05-02", "86.1", "hofte")), &r);
    assert_eligibility(&r, F_QUARANTINE, 0);
    EVALUATE(ISHOJ, "2025-05-10",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_HIP REFERRAL_FOR("2025-05-02", "86.1", "hofte")), &r);
    assert_eligibility(&r, 0, 0);

    /* A decision the day before, on and after the end of the period; as_of
     * no longer matters. The comparison ignores case. */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_HIP REFERRAL_FOR("2025-05-02", "86.1", "Hofte")
                      DECISION("2025-05-09", "false")), &r);
    assert_eligibility(&r, F_QUARANTINE, 0);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_HIP REFERRAL_FOR("2025-05-02", "86.1", "HOFTE")
                      DECISION("2025-05-10", "true")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_HIP REFERRAL_FOR("2025-05-02", "86.1", "hofte")
                      DECISION("2025-05-12", "true")), &r);
    assert_eligibility(&r, 0, 0);

    /* § 86, stk. 2 (vedligeholdende træning): the text says
     * "genoptræningsforløb", so no quarantine, even one day short. */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_HIP REFERRAL_FOR("2025-05-02", "86.2", "hofte")
                      DECISION("2025-05-09", "true")), &r);
    assert_eligibility(&r, 0, 0);

    /* Another condition: no finding. */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_COURSE("2024-12-10", "knæ")
                      REFERRAL_FOR("2025-05-02", "86.1", "hofte") DECISION("2025-05-09", "true")),
             &r);
    assert_eligibility(&r, 0, 0);

    /* The same condition long ago and another one recently: no finding. */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_COURSE("2024-06-01", "hofte")
                      PREVIOUS_COURSE("2025-04-01", "skulder")
                      REFERRAL_FOR("2025-05-02", "86.1", "hofte") DECISION("2025-05-09", "true")),
             &r);
    assert_eligibility(&r, 0, 0);

    /* A course that ended after the decision is not a previous course at
     * the judging date. */
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, REFERRAL_FOR("2025-05-02", "86.1", "hofte")
                      DECISION("2025-05-09", "true") PREVIOUS_COURSE("2025-05-12", "hofte")),
             &r);
    assert_eligibility(&r, 0, 0);
#undef PREVIOUS_HIP
}

static void test_ishoj_residency_age_hospital(void **state)
{
    genop_result r;
    EVALUATE(ISHOJ, "2025-06-01", CASE_FOR(ISHOJ_CITIZEN, REFERRAL("2025-05-10", "86.1")),
             &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR("{'birth_date':'1950-06-15','municipality_code':185}",
                      REFERRAL("2025-05-10", "86.2")), &r);
    assert_eligibility(&r, F_RESIDENCY, 0);
    EVALUATE(ISHOJ, "2025-06-01", CASE(REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, 0, F_RESIDENCY);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-11','municipality_code':183}",
                      REFERRAL("2025-05-10", "86.2")), &r);
    assert_eligibility(&r, F_AGE, 0);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10','municipality_code':183}",
                      REFERRAL("2025-05-10", "86.2")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(ISHOJ, "2025-06-01",
             CASE_FOR(ISHOJ_CITIZEN, EVENT("hospital_plan", "2025-05-10")
                      REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
}

/* ======================================================================== */
/* Aalborg                                                                  */
/* ======================================================================== */

static void test_aalborg_decision(void **state)
{
    genop_result r;
    /* From the referral (spec section 4: 3 + 5 = 8 and 5 + 5 = 10 workdays
     * are the text's promises from the referral to the start), Mon
     * 2025-04-14: § 86.1 3 workdays = 15, 16, (17, 18, 21 off), 22; § 86.2
     * 5 workdays = ... 23, 24. The assessment does not matter. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-14", "86.1") EVENT("assessment", "2025-04-15")
                  DECISION("2025-04-16", "true")), &r);
    assert_deadline(&r, "decision", "2025-04-22", "2025-04-16", MET);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-14", "86.1") EVENT("assessment", "2025-04-15")
                  DECISION("2025-04-22", "true")), &r);
    assert_deadline(&r, "decision", "2025-04-22", "2025-04-22", MET);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-14", "86.1") EVENT("assessment", "2025-04-22")
                  DECISION("2025-04-23", "true")), &r);
    assert_deadline(&r, "decision", "2025-04-22", "2025-04-23", LATE);
    EVALUATE(AALBORG, "2025-04-22", CASE(REFERRAL("2025-04-14", "86.1")), &r);
    assert_deadline(&r, "decision", "2025-04-22", NULL, PENDING);
    EVALUATE(AALBORG, "2025-04-23",
             CASE(REFERRAL("2025-04-14", "86.1") EVENT("assessment", "2025-04-15")), &r);
    assert_deadline(&r, "decision", "2025-04-22", NULL, OVERDUE);

    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-14", "86.2") DECISION("2025-04-24", "true")), &r);
    assert_deadline(&r, "decision", "2025-04-24", "2025-04-24", MET);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-14", "86.2") EVENT("assessment", "2025-04-15")
                  DECISION("2025-04-25", "false")), &r);
    assert_deadline(&r, "decision", "2025-04-24", "2025-04-25", LATE);
    EVALUATE(AALBORG, "2025-04-24", CASE(REFERRAL("2025-04-14", "86.2")), &r);
    assert_deadline(&r, "decision", "2025-04-24", NULL, PENDING);
    EVALUATE(AALBORG, "2025-04-25", CASE(REFERRAL("2025-04-14", "86.2")), &r);
    assert_deadline(&r, "decision", "2025-04-24", NULL, OVERDUE);

    /* The issue's example: referral Tue 2025-04-01, assessment 04-08,
     * decision 04-11. Due 3 workdays after the referral = Fri 04-04: late
     * (counted from the assessment it would have looked met). */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-04-01", "86.1") EVENT("assessment", "2025-04-08")
                  DECISION("2025-04-11", "true")), &r);
    assert_deadline(&r, "decision", "2025-04-04", "2025-04-11", LATE);

    /* Over Christmas, referral Mon 2025-12-22: § 86.1 23, (24-26 off), 29,
     * 30 -> 12-30; § 86.2 (31, 1 off), 2, 5 -> 2026-01-05. A refusal is a
     * decision too. */
    EVALUATE(AALBORG, "2026-02-01",
             CASE(REFERRAL("2025-12-22", "86.1") DECISION("2025-12-30", "false")), &r);
    assert_deadline(&r, "decision", "2025-12-30", "2025-12-30", MET);
    EVALUATE(AALBORG, "2026-02-01",
             CASE(REFERRAL("2025-12-22", "86.2") DECISION("2026-01-06", "true")), &r);
    assert_deadline(&r, "decision", "2026-01-05", "2026-01-06", LATE);
}

static void test_aalborg_start(void **state)
{
    genop_result r;
    /* Fri 2023-04-28, Store bededag Fri 2023-05-05 off: § 86.1 8 workdays =
     * 1, 2, 3, 4, 8, 9, 10, 11 May; § 86.2 10 = ... 12, 15. */
    EVALUATE(AALBORG, "2023-06-01",
             CASE(REFERRAL("2023-04-28", "86.1") SESSION("2023-05-11", "attended")), &r);
    assert_deadline(&r, "start", "2023-05-11", "2023-05-11", MET);
    EVALUATE(AALBORG, "2023-06-01",
             CASE(REFERRAL("2023-04-28", "86.2") SESSION("2023-05-15", "attended")), &r);
    assert_deadline(&r, "start", "2023-05-15", "2023-05-15", MET);

    /* Fri 2024-04-19, Fri 04-26 a workday: § 86.1 = 22, 23, 24, 25, 26, 29,
     * 30, 1 May; § 86.2 = ... 2, 3 May. */
    EVALUATE(AALBORG, "2024-06-01",
             CASE(REFERRAL("2024-04-19", "86.1") SESSION("2024-05-02", "attended")), &r);
    assert_deadline(&r, "start", "2024-05-01", "2024-05-02", LATE);
    EVALUATE(AALBORG, "2024-05-03", CASE(REFERRAL("2024-04-19", "86.2")), &r);
    assert_deadline(&r, "start", "2024-05-03", NULL, PENDING);
    assert_int_equal(WORKDAYS_LEFT(&r, "start"), 0);
    EVALUATE(AALBORG, "2024-05-06", CASE(REFERRAL("2024-04-19", "86.2")), &r);
    assert_deadline(&r, "start", "2024-05-03", NULL, OVERDUE);
    assert_int_equal(WORKDAYS_LEFT(&r, "start"), -1);

    /* Listed while no decision exists and after a grant; not after a
     * refusal. */
    EVALUATE(AALBORG, "2024-05-06",
             CASE(REFERRAL("2024-04-19", "86.2") EVENT("assessment", "2024-04-22")
                  DECISION("2024-04-23", "true")), &r);
    assert_deadline(&r, "start", "2024-05-03", NULL, OVERDUE);
    EVALUATE(AALBORG, "2024-05-06",
             CASE(REFERRAL("2024-04-19", "86.2") EVENT("assessment", "2024-04-22")
                  DECISION("2024-04-23", "false")), &r);
    assert_not_listed(&r, "start");
    assert_not_listed(&r, "start_after_grant");
    /* § 86.2 decision: 5 workdays from Fri 2024-04-19 = 22-26 -> 04-26. */
    assert_deadline(&r, "decision", "2024-04-26", "2024-04-23", MET);
}

static void test_aalborg_start_after_grant(void **state)
{
    genop_result r;
#define AALBORG_GRANT REFERRAL("2025-04-10", "86.1") EVENT("assessment", "2025-04-14")
    /* No grant_received: from the decision, Tue 2025-04-15: 16, 22, 23, 24,
     * 25. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_GRANT DECISION("2025-04-15", "true")
                  SESSION("2025-04-25", "attended")), &r);
    assert_deadline(&r, "start_after_grant", "2025-04-25", "2025-04-25", MET);

    /* grant_received Thu 2025-04-17 (Maundy Thursday): 22, 23, 24, 25, 28. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_GRANT DECISION("2025-04-15", "true")
                  EVENT("grant_received", "2025-04-17") SESSION("2025-04-28", "attended")), &r);
    assert_deadline(&r, "start_after_grant", "2025-04-28", "2025-04-28", MET);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_GRANT DECISION("2025-04-15", "true")
                  EVENT("grant_received", "2025-04-17") SESSION("2025-04-29", "attended")), &r);
    assert_deadline(&r, "start_after_grant", "2025-04-28", "2025-04-29", LATE);
    EVALUATE(AALBORG, "2025-04-28",
             CASE(AALBORG_GRANT DECISION("2025-04-15", "true")
                  EVENT("grant_received", "2025-04-17")), &r);
    assert_deadline(&r, "start_after_grant", "2025-04-28", NULL, PENDING);
    EVALUATE(AALBORG, "2025-04-29",
             CASE(AALBORG_GRANT DECISION("2025-04-15", "true")
                  EVENT("grant_received", "2025-04-17")), &r);
    assert_deadline(&r, "start_after_grant", "2025-04-28", NULL, OVERDUE);

    /* Only when granted: not after a refusal, not without a decision. */
    EVALUATE(AALBORG, "2025-04-29",
             CASE(AALBORG_GRANT DECISION("2025-04-15", "false")
                  EVENT("grant_received", "2025-04-17")), &r);
    assert_not_listed(&r, "start_after_grant");
    EVALUATE(AALBORG, "2025-04-29",
             CASE(AALBORG_GRANT EVENT("grant_received", "2025-04-17")), &r);
    assert_not_listed(&r, "start_after_grant");
#undef AALBORG_GRANT
}

static void test_aalborg_complaint_window(void **state)
{
    genop_result r;
#define AALBORG_MARCH REFERRAL("2025-03-10", "86.1") EVENT("assessment", "2025-03-12")
    /* decision_received Thu 2025-03-20 + 4 weeks = Thu 2025-04-17
     * (Skærtorsdag); 18 Langfredag, 19-20 weekend, 21 2. påskedag -> the
     * citizen's deadline moves to Tue 2025-04-22. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_MARCH DECISION("2025-03-14", "false")
                  EVENT("decision_received", "2025-03-20")
                  EVENT("complaint_received", "2025-04-22")), &r);
    assert_deadline(&r, "complaint_window", "2025-04-22", "2025-04-22", MET);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_MARCH DECISION("2025-03-14", "false")
                  EVENT("decision_received", "2025-03-20")
                  EVENT("complaint_received", "2025-04-23")), &r);
    assert_deadline(&r, "complaint_window", "2025-04-22", "2025-04-23", LATE);
    EVALUATE(AALBORG, "2025-04-22",
             CASE(AALBORG_MARCH DECISION("2025-03-14", "true")
                  EVENT("decision_received", "2025-03-20")), &r);
    assert_deadline(&r, "complaint_window", "2025-04-22", NULL, PENDING);
    EVALUATE(AALBORG, "2025-04-23",
             CASE(AALBORG_MARCH DECISION("2025-03-14", "true")
                  EVENT("decision_received", "2025-03-20")), &r);
    assert_deadline(&r, "complaint_window", "2025-04-22", NULL, OVERDUE);
#undef AALBORG_MARCH

    /* Without decision_received, the decision's date: Tue 2025-05-06 + 4
     * weeks = Tue 2025-06-03, a workday. With decision_received Thu 05-08:
     * Thu 06-05 is Grundlovsdag -> Fri 2025-06-06. */
    EVALUATE(AALBORG, "2025-06-03",
             CASE(REFERRAL("2025-04-28", "86.2") EVENT("assessment", "2025-04-30")
                  DECISION("2025-05-06", "true")), &r);
    assert_deadline(&r, "complaint_window", "2025-06-03", NULL, PENDING);
    EVALUATE(AALBORG, "2025-06-05",
             CASE(REFERRAL("2025-04-28", "86.2") EVENT("assessment", "2025-04-30")
                  DECISION("2025-05-06", "true") EVENT("decision_received", "2025-05-08")),
             &r);
    assert_deadline(&r, "complaint_window", "2025-06-06", NULL, PENDING);

    /* Christmas: decision Tue 2024-11-26 + 4 weeks = Tue 12-24, 25 and 26
     * off -> Fri 2024-12-27. */
    EVALUATE(AALBORG, "2025-01-10",
             CASE(REFERRAL("2024-11-18", "86.1") EVENT("assessment", "2024-11-20")
                  DECISION("2024-11-26", "false") EVENT("complaint_received", "2024-12-27")),
             &r);
    assert_deadline(&r, "complaint_window", "2024-12-27", "2024-12-27", MET);

    /* No decision: no complaint window. */
    EVALUATE(AALBORG, "2025-01-10",
             CASE(REFERRAL("2024-11-18", "86.1") EVENT("assessment", "2024-11-20")), &r);
    assert_not_listed(&r, "complaint_window");
}

#define AALBORG_COMPLAINT                                                        \
    REFERRAL("2025-05-20", "86.1") EVENT("assessment", "2025-05-21")             \
    DECISION("2025-05-23", "false") EVENT("complaint_received", "2025-06-10")

static void test_aalborg_complaint_reconsideration(void **state)
{
    genop_result r;
    /* Tue 2025-06-10 + 4 weeks = Tue 2025-07-08. */
    EVALUATE(AALBORG, "2025-08-01",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-07-08", "full")), &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-07-08", "2025-07-08", MET);
    EVALUATE(AALBORG, "2025-08-01",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-07-09", "full")), &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-07-08", "2025-07-09", LATE);
    EVALUATE(AALBORG, "2025-07-08", CASE(AALBORG_COMPLAINT), &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-07-08", NULL, PENDING);
    EVALUATE(AALBORG, "2025-07-09", CASE(AALBORG_COMPLAINT), &r);
    assert_deadline(&r, "complaint_reconsideration", "2025-07-08", NULL, OVERDUE);
}

static void test_aalborg_complaint_forward(void **state)
{
    genop_result r;
    /* Only once the complaint is decided, and not when upheld in full. */
    EVALUATE(AALBORG, "2025-07-09", CASE(AALBORG_COMPLAINT), &r);
    assert_not_listed(&r, "complaint_forward");
    EVALUATE(AALBORG, "2025-07-09",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-06-20", "full")), &r);
    assert_not_listed(&r, "complaint_forward");

    /* Partly or not upheld: 4 weeks from the complaint, Tue 2025-07-08. */
    EVALUATE(AALBORG, "2025-08-01",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-06-20", "partial")
                  EVENT("complaint_forwarded", "2025-07-08")), &r);
    assert_deadline(&r, "complaint_forward", "2025-07-08", "2025-07-08", MET);
    EVALUATE(AALBORG, "2025-08-01",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-06-20", "none")
                  EVENT("complaint_forwarded", "2025-07-09")), &r);
    assert_deadline(&r, "complaint_forward", "2025-07-08", "2025-07-09", LATE);
    EVALUATE(AALBORG, "2025-07-08",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-06-20", "none")), &r);
    assert_deadline(&r, "complaint_forward", "2025-07-08", NULL, PENDING);
    EVALUATE(AALBORG, "2025-07-09",
             CASE(AALBORG_COMPLAINT COMPLAINT_DECIDED("2025-06-20", "partial")), &r);
    assert_deadline(&r, "complaint_forward", "2025-07-08", NULL, OVERDUE);
}

static void test_aalborg_attendance(void **state)
{
    genop_result r;
#define AALBORG_COURSE REFERRAL("2025-03-03", "86.1") SESSION("2025-03-05", "attended")
    EVALUATE(AALBORG, "2025-06-01", CASE(AALBORG_COURSE SESSION("2025-03-07", "no_show")), &r);
    assert_attendance(&r, 1, 0, 2, "ok");
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_COURSE SESSION("2025-03-07", "citizen_cancelled")), &r);
    assert_attendance(&r, 0, 1, 2, "ok");
    /* No-shows and cancellations are added up. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_COURSE SESSION("2025-03-07", "no_show")
                  SESSION("2025-03-10", "citizen_cancelled")), &r);
    assert_attendance(&r, 1, 1, 2, "review");
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_COURSE SESSION("2025-03-07", "citizen_cancelled")
                  SESSION("2025-03-10", "citizen_cancelled")), &r);
    assert_attendance(&r, 0, 2, 2, "review");
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_COURSE SESSION("2025-03-07", "no_show")
                  SESSION("2025-03-10", "no_show")), &r);
    assert_attendance(&r, 2, 0, 2, "review");
    EVALUATE(AALBORG, "2025-06-01",
             CASE(AALBORG_COURSE SESSION("2025-03-07", "citizen_cancelled")
                  SESSION("2025-03-10", "provider_cancelled")
                  SESSION("2025-03-12", "provider_cancelled")
                  SESSION("2025-03-14", "provider_cancelled")), &r);
    assert_attendance(&r, 0, 1, 2, "ok");
    /* § 86.2 too. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-03-03", "86.2") SESSION("2025-03-07", "no_show")
                  SESSION("2025-03-10", "citizen_cancelled")), &r);
    assert_attendance(&r, 1, 1, 2, "review");
#undef AALBORG_COURSE
}

static void test_aalborg_eligibility(void **state)
{
    genop_result r;
    EVALUATE(AALBORG, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10','municipality_code':851}",
                      REFERRAL("2025-05-09", "86.1")), &r);
    assert_eligibility(&r, F_AGE, 0);
    EVALUATE(AALBORG, "2025-06-01",
             CASE_FOR("{'birth_date':'2007-05-10','municipality_code':851}",
                      REFERRAL("2025-05-10", "86.2")), &r);
    assert_eligibility(&r, 0, 0);
    /* No residency or quarantine rule. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE_FOR("{'birth_date':'1950-06-15','municipality_code':101}",
                      PREVIOUS_COURSE("2025-04-01", "hofte")
                      REFERRAL_FOR("2025-05-10", "86.1", "hofte")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(AALBORG, "2025-06-01", "{'events':[" REFERRAL("2025-05-10", "86.1") "]}", &r);
    assert_eligibility(&r, 0, F_AGE);
    /* The § 140 exclusion stands under "Genoptræning - Servicelovens § 86,
     * stk. 1" alone: it bars genoptræning, not vedligeholdende træning. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(EVENT("hospital_plan", "2025-05-09") REFERRAL("2025-05-10", "86.1")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(EVENT("hospital_plan", "2025-05-09") REFERRAL("2025-05-10", "86.2")), &r);
    assert_eligibility(&r, 0, 0);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(EVENT("hospital_plan", "2025-05-09") REFERRAL("2025-05-10", "86.2")
                  DECISION("2025-05-12", "true")), &r);
    assert_eligibility(&r, 0, 0);
    /* Judged on the decision's date: a plan between referral and decision
     * counts; one after the decision does not. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-05-10", "86.1") EVENT("hospital_plan", "2025-05-11")
                  DECISION("2025-05-12", "false")), &r);
    assert_eligibility(&r, F_HOSPITAL, 0);
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-05-10", "86.1") DECISION("2025-05-12", "true")
                  EVENT("hospital_plan", "2025-05-13")), &r);
    assert_eligibility(&r, 0, 0);
}

/* ======================================================================== */
/* The full rule set of each standard (spec section 4, column by column)    */
/* ======================================================================== */

/* A case with every kind of event and a citizen who fails every
 * eligibility rule: 10 years old, from municipality 101, with a hospital
 * plan and a course for the same condition that ended a month before. */
#define EVERYTHING(para)                                                        \
    CASE_FOR("{'birth_date':'2015-01-01','municipality_code':101}",            \
             PREVIOUS_COURSE("2025-02-01", "knæ") EVENT("hospital_plan", "2025-02-20") \
             REFERRAL_FOR("2025-03-03", para, "knæ") EVENT("contacted", "2025-03-04") \
             EVENT("assessment", "2025-03-05") DECISION("2025-03-06", "true")  \
             EVENT("decision_received", "2025-03-07")                          \
             EVENT("grant_received", "2025-03-07")                             \
             ASSESSMENT_SESSION("2025-03-10", "attended")                      \
             SESSION("2025-03-11", "attended") SESSION("2025-03-12", "no_show") \
             SESSION("2025-03-13", "citizen_cancelled")                        \
             EVENT("complaint_received", "2025-03-14")                         \
             COMPLAINT_DECIDED("2025-03-20", "partial")                        \
             EVENT("complaint_forwarded", "2025-03-21"))

/* The source a listed deadline cites. */
static const char *deadline_citation(const genop_result *r, const char *id)
{
    const genop_deadline_result *d = find_deadline(r, id);
    assert_non_null(d);
    return d->rule->source.citation;
}

/* Where a standard says nothing about complaints, the law's deadlines
 * apply, cited as the law (spec section 4, "(law)"). */
static void assert_law_complaint_deadlines(const genop_result *r)
{
    assert_string_equal(deadline_citation(r, "complaint_window"), "Retssikkerhedsloven § 66");
    assert_string_equal(deadline_citation(r, "complaint_forward"), "Retssikkerhedsloven § 67");
}

static void test_rule_sets(void **state)
{
    genop_result r;

    EVALUATE(RODOVRE, "2025-04-01", EVERYTHING("86.1"), &r);
    assert_deadline_ids(&r, "contact start complaint_window complaint_forward");
    assert_law_complaint_deadlines(&r);
    assert_limit_ids(&r, "sessions assessment_sessions");
    assert_attendance(&r, 1, 1, 2, "ok");
    assert_eligibility(&r, F_HOSPITAL, 0);

    EVALUATE(SKIVE, "2025-04-01", EVERYTHING("86.1"), &r);
    assert_deadline_ids(&r, "start complaint_window complaint_forward");
    assert_law_complaint_deadlines(&r);
    assert_limit_ids(&r, "sessions_per_week minutes_per_week course_length");
    assert_attendance(&r, 1, 1, 1, "review");
    assert_eligibility(&r, F_AGE | F_RESIDENCY | F_HOSPITAL, 0);

    EVALUATE(NYBORG, "2025-04-01", EVERYTHING("86.1"), &r);
    assert_deadline_ids(&r, "contact start complaint_window complaint_forward");
    assert_law_complaint_deadlines(&r);
    assert_limit_ids(&r, "");
    assert_attendance(&r, 1, 1, 2, "ok");
    assert_eligibility(&r, F_AGE | F_HOSPITAL, 0);

    EVALUATE(ISHOJ, "2025-04-01", EVERYTHING("86.1"), &r);
    assert_deadline_ids(&r,
                        "assessment complaint_window complaint_reconsideration "
                        "complaint_forward");
    assert_law_complaint_deadlines(&r);
    assert_string_equal(deadline_citation(&r, "complaint_reconsideration"),
                        "Ishøj, Klagemuligheder");
    assert_limit_ids(&r, "");
    assert_attendance(&r, 1, 1, -1, "ok");
    assert_eligibility(&r, F_AGE | F_RESIDENCY | F_HOSPITAL | F_QUARANTINE, 0);
    /* § 86, stk. 2: no assessment deadline and no quarantine. */
    EVALUATE(ISHOJ, "2025-04-01", EVERYTHING("86.2"), &r);
    assert_deadline_ids(&r, "complaint_window complaint_reconsideration complaint_forward");
    assert_eligibility(&r, F_AGE | F_RESIDENCY | F_HOSPITAL, 0);

    EVALUATE(AALBORG, "2025-04-01", EVERYTHING("86.1"), &r);
    assert_deadline_ids(&r,
                        "decision start start_after_grant complaint_window "
                        "complaint_reconsideration complaint_forward");
    assert_string_equal(deadline_citation(&r, "complaint_window"),
                        "Aalborg, Hvis du ønsker at klage");
    assert_string_equal(deadline_citation(&r, "complaint_forward"),
                        "Aalborg, Hvis du ønsker at klage");
    assert_limit_ids(&r, "");
    assert_attendance(&r, 1, 1, 2, "review");
    assert_eligibility(&r, F_AGE | F_HOSPITAL, 0);
    /* § 86, stk. 2: the § 140 exclusion does not apply. */
    EVALUATE(AALBORG, "2025-04-01", EVERYTHING("86.2"), &r);
    assert_deadline_ids(&r,
                        "decision start start_after_grant complaint_window "
                        "complaint_reconsideration complaint_forward");
    assert_attendance(&r, 1, 1, 2, "review");
    assert_eligibility(&r, F_AGE, 0);
}

/* ======================================================================== */
/* The JSON form                                                            */
/* ======================================================================== */

static void test_result_json(void **state)
{
    genop_result r;

    /* Nyborg, Maundy Thursday referral, open as of Tue 2025-04-22. */
    EVALUATE(NYBORG, "2025-04-22", CASE(REFERRAL("2025-04-17", "86.1")), &r);
    json_t *j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    assert_string_equal(json_str(j, "standard"), "nyborg");
    assert_string_equal(json_str(j, "as_of"), "2025-04-22");
    json_t *d = json_entry(j, "deadlines", "contact");
    assert_non_null(d);
    assert_string_equal(json_str(d, "due"), "2025-04-28");
    assert_true(json_is_null(json_object_get(d, "done")));
    assert_string_equal(json_str(d, "status"), "pending");
    assert_true(strncmp(json_str(d, "source"), r.standard->short_name,
                        strlen(r.standard->short_name)) == 0);
    d = json_entry(j, "deadlines", "start");
    assert_non_null(d);
    assert_string_equal(json_str(d, "due"), "2025-05-01");
    json_t *elig = json_object_get(j, "eligibility");
    assert_true(json_is_true(json_object_get(elig, "eligible")));
    assert_int_equal(json_array_size(json_object_get(elig, "findings")), 0);
    json_decref(j);

    /* Skive, the worst week spans the year end. */
    EVALUATE(SKIVE, "2025-02-01",
             CASE_FOR(SKIVE_CITIZEN, REFERRAL("2024-12-16", "86.1")
                      SESSION_MIN("2024-12-27", 60, "attended")
                      SESSION_MIN("2024-12-30", 45, "attended")
                      SESSION_MIN("2025-01-02", 30, "attended")
                      SESSION_MIN("2025-01-05", 30, "attended")), &r);
    j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    json_t *l = json_entry(j, "limits", "sessions_per_week");
    assert_non_null(l);
    assert_string_equal(json_str(l, "status"), "exceeded");
    assert_int_equal(json_integer_value(json_object_get(l, "used")), 3);
    assert_int_equal(json_integer_value(json_object_get(l, "max")), 2);
    assert_string_equal(json_str(l, "period"), "2025-W01");
    l = json_entry(j, "limits", "minutes_per_week");
    assert_non_null(l);
    assert_string_equal(json_str(l, "status"), "exceeded");
    assert_int_equal(json_integer_value(json_object_get(l, "used")), 105);
    assert_string_equal(json_str(l, "period"), "2025-W01");
    l = json_entry(j, "limits", "course_length");
    assert_non_null(l);
    /* 2024-12-27 + 4 months = 2025-04-27: 121 days; run 36 days. */
    assert_string_equal(json_str(l, "status"), "ok");
    assert_int_equal(json_integer_value(json_object_get(l, "used")), 36);
    assert_int_equal(json_integer_value(json_object_get(l, "max")), 121);
    json_t *att = json_object_get(j, "attendance");
    assert_int_equal(json_integer_value(json_object_get(att, "review_limit")), 1);
    assert_string_equal(json_str(att, "status"), "ok");
    json_decref(j);

    /* Ishøj, quarantine: the finding's id, source and detail (judged on
     * as_of 05-09, no decision yet). */
    EVALUATE(ISHOJ, "2025-05-09",
             CASE_FOR(ISHOJ_CITIZEN, PREVIOUS_COURSE("2024-12-10", "hofte")
                      REFERRAL_FOR("2025-05-02", "86.1", "hofte")), &r);
    j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    elig = json_object_get(j, "eligibility");
    assert_true(json_is_false(json_object_get(elig, "eligible")));
    json_t *findings = json_object_get(elig, "findings");
    assert_int_equal(json_array_size(findings), 1);
    json_t *f = json_array_get(findings, 0);
    assert_string_equal(json_str(f, "id"), "quarantine");
    assert_string_equal(json_str(f, "source"), "Ishøj, Tildeling");
    assert_string_equal(json_str(f, "detail"),
                        "Et forløb for samme lidelse (hofte) sluttede den 10. december 2024; "
                        "nyt forløb kan tidligst bevilges den 10. maj 2025.");
    json_decref(j);

    /* Dates in details are written the Danish way: a referral before
     * Ishøj's standard took effect, with a hospital plan. */
    EVALUATE(ISHOJ, "2024-04-20",
             CASE_FOR(ISHOJ_CITIZEN, EVENT("hospital_plan", "2024-04-02")
                      REFERRAL("2024-04-10", "86.1")), &r);
    j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    assert_string_equal(json_str(json_entry(j, "warnings", "before_effective"), "detail"),
                        "Henvendelsen er modtaget før kvalitetsstandarden trådte i kraft "
                        "(den 1. maj 2024).");
    f = json_array_get(json_object_get(json_object_get(j, "eligibility"), "findings"), 0);
    assert_string_equal(json_str(f, "detail"), "Borgeren har en genoptræningsplan efter "
                        "sundhedslovens § 140 (registreret den 2. april 2024).");
    json_decref(j);

    /* Rødovre: a law's deadline cites the law as its source. */
    EVALUATE(RODOVRE, "2025-06-01",
             CASE(REFERRAL("2025-03-10", "86.1") DECISION("2025-03-14", "false")), &r);
    j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    d = json_entry(j, "deadlines", "complaint_window");
    assert_non_null(d);
    assert_string_equal(json_str(d, "due"), "2025-04-11");
    assert_string_equal(json_str(d, "status"), "overdue");
    assert_string_equal(json_str(d, "owner"), "citizen");
    assert_string_equal(json_str(d, "source"), "Retssikkerhedsloven § 66");
    json_decref(j);

    /* Aalborg, a met complaint window carries its done date. */
    EVALUATE(AALBORG, "2025-06-01",
             CASE(REFERRAL("2025-03-10", "86.1") EVENT("assessment", "2025-03-12")
                  DECISION("2025-03-14", "false") EVENT("decision_received", "2025-03-20")
                  EVENT("complaint_received", "2025-04-22")), &r);
    j = genop_result_to_json(&r, NULL);
    assert_non_null(j);
    assert_string_equal(json_str(j, "standard"), "aalborg");
    d = json_entry(j, "deadlines", "complaint_window");
    assert_non_null(d);
    assert_string_equal(json_str(d, "due"), "2025-04-22");
    assert_string_equal(json_str(d, "done"), "2025-04-22");
    assert_string_equal(json_str(d, "status"), "met");
    assert_string_equal(json_str(d, "source"), "Aalborg, Hvis du ønsker at klage");
    assert_null(json_entry(j, "deadlines", "start"));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_standards),
        cmocka_unit_test(test_listed_only_once_from_event_exists),
        cmocka_unit_test(test_status_boundaries),
        cmocka_unit_test(test_workdays_left),
        cmocka_unit_test(test_event_order_does_not_matter),
        cmocka_unit_test(test_provider_cancelled_does_not_start_course),
        cmocka_unit_test(test_first_event_counts),
        cmocka_unit_test(test_paragraph_without_rules),
        cmocka_unit_test(test_rodovre_contact),
        cmocka_unit_test(test_rodovre_start),
        cmocka_unit_test(test_rodovre_sessions),
        cmocka_unit_test(test_rodovre_assessment_sessions),
        cmocka_unit_test(test_rodovre_attendance),
        cmocka_unit_test(test_rodovre_hospital_plan),
        cmocka_unit_test(test_rodovre_rules_it_does_not_have),
        cmocka_unit_test(test_skive_start),
        cmocka_unit_test(test_skive_sessions_per_week),
        cmocka_unit_test(test_skive_minutes_per_week),
        cmocka_unit_test(test_skive_course_length),
        cmocka_unit_test(test_skive_attendance),
        cmocka_unit_test(test_skive_eligibility),
        cmocka_unit_test(test_nyborg_contact),
        cmocka_unit_test(test_nyborg_start),
        cmocka_unit_test(test_nyborg_attendance),
        cmocka_unit_test(test_nyborg_eligibility),
        cmocka_unit_test(test_ishoj_assessment),
        cmocka_unit_test(test_ishoj_complaint_reconsideration),
        cmocka_unit_test(test_ishoj_no_attendance_rule),
        cmocka_unit_test(test_ishoj_quarantine),
        cmocka_unit_test(test_ishoj_residency_age_hospital),
        cmocka_unit_test(test_aalborg_decision),
        cmocka_unit_test(test_aalborg_start),
        cmocka_unit_test(test_aalborg_start_after_grant),
        cmocka_unit_test(test_aalborg_complaint_window),
        cmocka_unit_test(test_aalborg_complaint_reconsideration),
        cmocka_unit_test(test_aalborg_complaint_forward),
        cmocka_unit_test(test_aalborg_attendance),
        cmocka_unit_test(test_aalborg_eligibility),
        cmocka_unit_test(test_rule_sets),
        cmocka_unit_test(test_result_json),
    };
    return cmocka_run_group_tests(tests, load_standards, free_standards);
}
