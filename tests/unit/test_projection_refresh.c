/*
 * test_projection_refresh.c - the stored projections follow the rules
 * (src/casework/projection_refresh.h), on a temporary SQLite database:
 * - the store keeps a fingerprint per municipality: none in a fresh
 *   store, an unknown municipality is told apart, bad input refused; it
 *   walks a municipality's case ids a page at a time and lists a case's
 *   stored open deadlines;
 * - the fingerprint is stable, differs between standards and carries
 *   GENOP_RULES_VERSION;
 * - a refresh sets it, and every projection is what projection_compute
 *   gives; a stale projection (and the next due date of its kept answer)
 *   is replaced; a second refresh reads the fingerprints and nothing
 *   else;
 * - municipalities are refreshed independently, and one that the
 *   database does not have is left alone;
 * - a case whose events no longer load keeps its projection and is
 *   reported, without stopping the others;
 * - a failure of the store at any step leaves the municipality as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "case_read.h"
#include "case_view.h"
#include "event_append.h"
#include "event_input.h"
#include "evaluate.h"
#include "local.h"
#include "projection.h"
#include "projection_refresh.h"
#include "referral.h"

#define PASSWORD "korrekt-hest-batteri"
#define OLD_FINGERPRINT "0-regler-fra-en-tidligere-genop"

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis, vis_skive;
} fixture;

static void add_user(fixture *f, genop_user *u, const char *muni, const char *name)
{
    memset(u, 0, sizeof *u);
    snprintf(u->municipality, sizeof u->municipality, "%s", muni);
    snprintf(u->username, sizeof u->username, "%s", name);
    u->role = GENOP_ROLE_VISITATOR;
    must(casework_local_user_add(&f->loc, u, PASSWORD, e));
}

/* aalborg and skive exist, with a visitator each; no other municipality. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/genop-refresh-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/t.db", f->dir);
    if (casework_local_open(f->db, &f->loc, NULL))
        return -1;
    const char *munis[] = {"aalborg", "skive"};
    for (size_t i = 0; i < 2; i++)
        must(casework_local_municipality_ensure(&f->loc,
                                                casework_standard(&f->loc.env, munis[i]), e));
    add_user(f, &f->vis, "aalborg", "vis");
    add_user(f, &f->vis_skive, "skive", "vis.skive");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    casework_local_close(&f->loc);
    remove_test_db(f->dir, "t.db");
    free(f);
    return 0;
}

/* A case of u's municipality referred days_ago, contacted the day after. */
static int64_t new_case(fixture *f, const genop_user *u, const char *cpr, int days_ago)
{
    casework_referral in = {
        .cpr = cpr, .name = "Bent Kristensen", .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = f->loc.env.today - days_ago,
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, u, &in, &r, e));
    char text[128], d[GENOP_DATE_STR_SIZE];
    snprintf(text, sizeof text, "{\"type\":\"contacted\",\"date\":\"%s\"}",
             genop_date_format(f->loc.env.today - days_ago + 1, d));
    json_t *body = json_loads(text, 0, NULL);
    casework_event ev;
    int64_t id;
    must(casework_event_read(body, &ev, e));
    must(casework_event_append(&f->loc.env, u, r.case_id, &ev, &id, e));
    casework_event_release(&ev);
    json_decref(body);
    return r.case_id;
}

static void fingerprint_of(fixture *f, const char *muni, char out[GENOP_RULES_FINGERPRINT_MAX])
{
    must(genop_store_rules_fingerprint_get(f->loc.store, muni, out, e));
}

static void set_fingerprint(fixture *f, const char *muni, const char *fp)
{
    must(genop_store_rules_fingerprint_set(f->loc.store, muni, fp, e));
}

/* What the rules give for case id of muni now. */
static void expected(fixture *f, const char *muni, int64_t id, projection *p)
{
    const genop_standard *std = casework_standard(&f->loc.env, muni);
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    must(case_view_load(f->loc.store, muni, id, std, &lc, e));
    must(projection_compute(&lc.row, &lc.cit, &lc.view, std, f->loc.env.today, p, e));
    case_view_release(&lc);
}

/* Fails unless the stored projection of case id of muni is p. */
static void assert_stored_is(fixture *f, const char *muni, int64_t id, const projection *p)
{
    genop_case_row row;
    genop_list l = {0};
    must(genop_store_case_get(f->loc.store, muni, id, &row, e));
    must(genop_store_case_open_deadlines(f->loc.store, muni, id, &l, e));
    assert_int_equal(row.closed, p->closed);
    assert_int_equal(row.has_next_due, p->has_next_due);
    assert_int_equal(row.next_due, p->next_due);
    assert_int_equal(l.n, p->n_open);
    const genop_open_deadline *d = l.items;
    for (size_t i = 0; i < l.n; i++) {
        assert_string_equal(d[i].deadline_id, p->open[i].deadline_id);
        assert_string_equal(d[i].label, p->open[i].label);
        assert_string_equal(d[i].source, p->open[i].source);
        assert_int_equal(d[i].due, p->open[i].due);
        assert_int_equal(d[i].from, p->open[i].from);
    }
    genop_store_free_list(&l);
}

/* Replaces case id's projection with one deadline of the old rules, due
 * long ago, and the fingerprint of muni with an old one. */
static void make_stale(fixture *f, const char *muni, int64_t id)
{
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, muni, id, &row, e));
    genop_open_deadline old = {.case_id = id, .citizen_id = row.citizen_id,
                               .deadline_id = "decision", .label = "Afgørelse (gammel regel)",
                               .paragraph = row.paragraph, .from = row.referral_date,
                               .due = f->loc.env.today - 100, .source = "en gammel kilde"};
    must(genop_store_case_projection_set(f->loc.store, muni, id, false, &old, 1, e));
    set_fingerprint(f, muni, OLD_FINGERPRINT);
}

/* True when case id's stored open deadlines are those of make_stale(). */
static bool is_stale(fixture *f, const char *muni, int64_t id)
{
    genop_list l = {0};
    must(genop_store_case_open_deadlines(f->loc.store, muni, id, &l, e));
    bool stale = l.n == 1 && strcmp(((genop_open_deadline *)l.items)[0].source,
                                    "en gammel kilde") == 0;
    genop_store_free_list(&l);
    return stale;
}

static void refresh(fixture *f, projection_refresh_report *r)
{
    must(casework_projections_refresh(&f->loc.env, r, e));
}

/* The report's entry for muni, or NULL. */
static const projection_refresh_muni *reported(const projection_refresh_report *r,
                                               const char *muni)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->munis[i].std->id, muni) == 0)
            return &r->munis[i];
    return NULL;
}

/* ---- the store's fingerprints --------------------------------------- */

static void test_store_keeps_a_fingerprint(void **state)
{
    fixture *f = *state;
    char fp[GENOP_RULES_FINGERPRINT_MAX] = "x";
    fingerprint_of(f, "aalborg", fp);
    assert_string_equal(fp, "");                      /* fresh: none stored */
    genop_error why;
    assert_int_equal(genop_store_rules_fingerprint_get(f->loc.store, "nyborg", fp, &why),
                     GENOP_ENOTFOUND);                /* not in this database */
    assert_int_equal(genop_store_rules_fingerprint_set(f->loc.store, "nyborg", "1-ab", &why),
                     GENOP_ENOTFOUND);
    assert_message_contains(why, "nyborg");
    assert_int_equal(genop_store_rules_fingerprint_set(f->loc.store, "aalborg", "", &why),
                     GENOP_EINVAL);
    char long_fp[GENOP_RULES_FINGERPRINT_MAX + 1];
    memset(long_fp, 'a', sizeof long_fp - 1);
    long_fp[sizeof long_fp - 1] = '\0';
    assert_int_equal(genop_store_rules_fingerprint_set(f->loc.store, "aalborg", long_fp, &why),
                     GENOP_ETOOBIG);
    set_fingerprint(f, "aalborg", "1-ab");
    set_fingerprint(f, "aalborg", "1-cd");             /* replaces */
    fingerprint_of(f, "aalborg", fp);
    assert_string_equal(fp, "1-cd");
    fingerprint_of(f, "skive", fp);
    assert_string_equal(fp, "");
}

/* The ids of muni's cases after `after`, at most limit, into ids. */
static size_t case_ids(fixture *f, const char *muni, int64_t after, size_t limit, int64_t *ids)
{
    genop_list l = {0};
    must(genop_store_case_ids(f->loc.store, muni, after, limit, &l, e));
    size_t n = l.n;
    if (n)
        memcpy(ids, l.items, n * sizeof *ids);
    genop_store_free_list(&l);
    return n;
}

static void test_store_walks_cases_and_their_deadlines(void **state)
{
    fixture *f = *state;
    int64_t a1 = new_case(f, &f->vis, "0101501234", 3);
    int64_t s1 = new_case(f, &f->vis_skive, "0101501234", 3);
    int64_t a2 = new_case(f, &f->vis, "0202501234", 3);
    int64_t a3 = new_case(f, &f->vis, "0303501234", 3);
    int64_t ids[8];
    assert_int_equal(case_ids(f, "aalborg", 0, 2, ids), 2);
    assert_int_equal(ids[0], a1);
    assert_int_equal(ids[1], a2);
    assert_int_equal(case_ids(f, "aalborg", a2, 2, ids), 1);
    assert_int_equal(ids[0], a3);
    assert_int_equal(case_ids(f, "aalborg", a3, 2, ids), 0);
    assert_int_equal(case_ids(f, "aalborg", 0, 0, ids), 3);       /* 0: all */
    assert_int_equal(case_ids(f, "skive", 0, 0, ids), 1);
    assert_int_equal(ids[0], s1);

    genop_open_deadline two[2] = {
        {.deadline_id = "contact", .label = "Kontakt", .paragraph = 1,
         .from = f->loc.env.today, .due = f->loc.env.today + 5, .source = "afsnit 1"},
        {.deadline_id = "decision", .label = "Afgørelse", .paragraph = 1,
         .from = f->loc.env.today, .due = f->loc.env.today + 2, .source = "afsnit 2"},
    };
    must(genop_store_case_projection_set(f->loc.store, "aalborg", a1, false, two, 2, e));
    genop_list l = {0};
    must(genop_store_case_open_deadlines(f->loc.store, "aalborg", a1, &l, e));
    assert_int_equal(l.n, 2);                          /* in the order stored */
    const genop_open_deadline *d = l.items;
    assert_string_equal(d[0].deadline_id, "contact");
    assert_string_equal(d[1].source, "afsnit 2");
    assert_int_equal(d[1].due, f->loc.env.today + 2);
    assert_string_equal(d[0].citizen_name, "Bent Kristensen");
    genop_store_free_list(&l);
    must(genop_store_case_open_deadlines(f->loc.store, "skive", a1, &l, e));
    assert_int_equal(l.n, 0);                          /* another municipality's case */
    /* A closed case keeps what it is given (its projection gives it only
     * its end_status task, projection_tasks.h). */
    must(genop_store_case_projection_set(f->loc.store, "aalborg", a1, true, &two[1], 1, e));
    must(genop_store_case_open_deadlines(f->loc.store, "aalborg", a1, &l, e));
    assert_int_equal(l.n, 1);
    assert_string_equal(((const genop_open_deadline *)l.items)[0].deadline_id, "decision");
    genop_store_free_list(&l);
}

static void test_fingerprint_of_the_rules(void **state)
{
    (void)state;
    char a[GENOP_RULES_FINGERPRINT_MAX], b[GENOP_RULES_FINGERPRINT_MAX];
    char s[GENOP_RULES_FINGERPRINT_MAX], prefix[16];
    must(projection_rules_fingerprint("aalborg", a, e));
    must(projection_rules_fingerprint("aalborg", b, e));
    must(projection_rules_fingerprint("skive", s, e));
    assert_string_equal(a, b);
    assert_string_not_equal(a, s);
    snprintf(prefix, sizeof prefix, "%d-", GENOP_RULES_VERSION);
    assert_memory_equal(a, prefix, strlen(prefix));
    assert_int_equal(strlen(a), strlen(prefix) + 64);  /* BLAKE2b-256 in hex */
    genop_error why;
    assert_int_equal(projection_rules_fingerprint("odense", a, &why), GENOP_ENOTFOUND);
}

/* ---- the refresh ------------------------------------------------------ */

static void test_refresh_sets_the_fingerprint(void **state)
{
    fixture *f = *state;
    int64_t ids[3] = {new_case(f, &f->vis, "0101501234", 20), new_case(f, &f->vis, "0202501234", 3),
                      new_case(f, &f->vis, "0303501234", 8)};
    projection_refresh_report r;
    refresh(f, &r);
    /* Both municipalities had none: aalborg with 3 cases, skive with none. */
    assert_int_equal(r.n, 2);
    const projection_refresh_muni *m = reported(&r, "aalborg");
    assert_non_null(m);
    assert_int_equal(m->cases, 3);
    assert_int_equal(m->changed, 0);                  /* made with these rules */
    assert_int_equal(m->failed, 0);
    assert_int_equal(reported(&r, "skive")->cases, 0);
    char fp[GENOP_RULES_FINGERPRINT_MAX], want[GENOP_RULES_FINGERPRINT_MAX];
    fingerprint_of(f, "aalborg", fp);
    must(projection_rules_fingerprint("aalborg", want, e));
    assert_string_equal(fp, want);
    for (size_t i = 0; i < 3; i++) {
        projection p;
        expected(f, "aalborg", ids[i], &p);
        assert_true(p.n_open > 0);                    /* the test compares something */
        assert_stored_is(f, "aalborg", ids[i], &p);
    }
}

/* The "next_due" the case read's "case" object shows, as "YYYY-MM-DD". */
static void read_next_due(fixture *f, int64_t id, char *out, size_t size)
{
    casework_case c;
    must(casework_case_read(&f->loc.env, &f->vis, id, false, 0, &c, e));
    const char *at = strstr(c.case_json, "\"next_due\":\"");
    assert_non_null(at);
    snprintf(out, size, "%.10s", at + strlen("\"next_due\":\""));
    casework_case_release(&c);
}

static void test_stale_projection_is_replaced(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, &f->vis, "0404501234", 10);
    int64_t other = new_case(f, &f->vis, "0505501234", 5);
    projection want, want_other;
    expected(f, "aalborg", id, &want);
    expected(f, "aalborg", other, &want_other);
    projection_refresh_report r;
    refresh(f, &r);
    char right[16], shown[16], d[GENOP_DATE_STR_SIZE];
    read_next_due(f, id, right, sizeof right);
    assert_string_equal(right, genop_date_format(want.next_due, d));

    make_stale(f, "aalborg", id);
    assert_true(is_stale(f, "aalborg", id));
    /* The kept answer of case reads shows the stale next due date too. */
    must(case_answer_store(f->loc.store, "aalborg", id, casework_standard(&f->loc.env, "aalborg"),
                           e));
    read_next_due(f, id, shown, sizeof shown);
    assert_string_not_equal(shown, right);

    refresh(f, &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.munis[0].std->id, "aalborg");
    assert_int_equal(r.munis[0].cases, 2);
    assert_int_equal(r.munis[0].changed, 1);          /* the stale one, not the other */
    assert_stored_is(f, "aalborg", id, &want);
    assert_stored_is(f, "aalborg", other, &want_other);
    read_next_due(f, id, shown, sizeof shown);
    assert_string_equal(shown, right);
    char fp[GENOP_RULES_FINGERPRINT_MAX];
    fingerprint_of(f, "aalborg", fp);
    assert_string_not_equal(fp, OLD_FINGERPRINT);

    /* Again: the fingerprints match, so the refresh reads one fingerprint
     * a standard and calls the store for nothing else (the next call
     * would fail). */
    genop_store_fail_from(f->loc.store, (long)f->loc.n_standards + 1);
    refresh(f, &r);
    genop_store_fail_from(f->loc.store, 0);
    assert_int_equal(r.n, 0);
}

static void test_municipalities_are_independent(void **state)
{
    fixture *f = *state;
    int64_t a = new_case(f, &f->vis, "0606501234", 10);
    int64_t s = new_case(f, &f->vis_skive, "0606501234", 10);
    projection_refresh_report r;
    refresh(f, &r);
    char aalborg_fp[GENOP_RULES_FINGERPRINT_MAX], fp[GENOP_RULES_FINGERPRINT_MAX];
    fingerprint_of(f, "aalborg", aalborg_fp);
    /* Both stale, but only skive's fingerprint is old: aalborg's rules did
     * not change, so its projections are not touched. */
    make_stale(f, "aalborg", a);
    set_fingerprint(f, "aalborg", aalborg_fp);
    make_stale(f, "skive", s);
    refresh(f, &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.munis[0].std->id, "skive");
    assert_int_equal(r.munis[0].cases, 1);
    assert_int_equal(r.munis[0].changed, 1);
    assert_false(is_stale(f, "skive", s));
    assert_true(is_stale(f, "aalborg", a));
    fingerprint_of(f, "aalborg", fp);
    assert_string_equal(fp, aalborg_fp);
    /* The municipalities the database does not have stay so. */
    genop_error why;
    assert_int_equal(genop_store_rules_fingerprint_get(f->loc.store, "rodovre", fp, &why),
                     GENOP_ENOTFOUND);
}

static void test_a_case_that_fails_keeps_its_projection(void **state)
{
    fixture *f = *state;
    int64_t bad = new_case(f, &f->vis, "0707501234", 10);
    int64_t good = new_case(f, &f->vis, "0808501234", 10);
    /* An event written by other means, whose body is no event. */
    genop_event_row row = {.case_id = bad, .type = "contacted", .date = f->loc.env.today,
                           .author_id = f->vis.id,
                           .body = "{\"type\":\"contacted\",\"date\":\"2025-13-01\"}"};
    must(genop_store_event_append(f->loc.store, "aalborg", &row, e));
    make_stale(f, "aalborg", bad);
    make_stale(f, "aalborg", good);
    projection_refresh_report r;
    refresh(f, &r);
    assert_int_equal(r.n, 2);                          /* skive too: none stored */
    const projection_refresh_muni *m = reported(&r, "aalborg");
    assert_int_equal(m->cases, 1);
    assert_int_equal(m->changed, 1);
    assert_int_equal(m->failed, 1);
    assert_int_equal(m->failed_ids[0], bad);
    assert_true(strstr(m->failure, "sag") != NULL);
    assert_true(is_stale(f, "aalborg", bad));
    assert_false(is_stale(f, "aalborg", good));
    char fp[GENOP_RULES_FINGERPRINT_MAX];
    fingerprint_of(f, "aalborg", fp);
    assert_string_not_equal(fp, OLD_FINGERPRINT);     /* a retry would fail alike */
}

static void test_store_failure_undoes_the_municipality(void **state)
{
    fixture *f = *state;
    int64_t ids[2] = {new_case(f, &f->vis, "0909501234", 10), new_case(f, &f->vis, "1010501234", 4)};
    projection_refresh_report r;
    refresh(f, &r);
    make_stale(f, "aalborg", ids[0]);
    make_stale(f, "aalborg", ids[1]);
    genop_err err = GENOP_EIO;
    long n;
    for (n = 1; err != GENOP_OK && n < 200; n++) {
        genop_error why;
        genop_store_fail_from(f->loc.store, n);
        err = casework_projections_refresh(&f->loc.env, &r, &why);
        genop_store_fail_from(f->loc.store, 0);
        if (err == GENOP_OK)
            break;
        assert_int_equal(err, GENOP_EIO);
        char fp[GENOP_RULES_FINGERPRINT_MAX];
        fingerprint_of(f, "aalborg", fp);
        assert_string_equal(fp, OLD_FINGERPRINT);
        assert_true(is_stale(f, "aalborg", ids[0]));
        assert_true(is_stale(f, "aalborg", ids[1]));
    }
    assert_int_equal(err, GENOP_OK);
    assert_true(n > 5);                                /* it failed at several steps */
    assert_false(is_stale(f, "aalborg", ids[0]));
    assert_false(is_stale(f, "aalborg", ids[1]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store_keeps_a_fingerprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_walks_cases_and_their_deadlines, setup,
                                        teardown),
        cmocka_unit_test(test_fingerprint_of_the_rules),
        cmocka_unit_test_setup_teardown(test_refresh_sets_the_fingerprint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_projection_is_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_municipalities_are_independent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_case_that_fails_keeps_its_projection, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_store_failure_undoes_the_municipality, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
