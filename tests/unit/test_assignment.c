/*
 * test_assignment.c - owning cases (src/casework/assignment.h, staff.h):
 * - the rule: an `assigned` event holds until the next one of its role in
 *   the corrected view (by date, then registration), and a correction
 *   that moves, changes or withdraws an assignment changes who holds the
 *   case, as derived from stored events alone;
 * - the domain's refusals of an assignment: a user the municipality has
 *   not (none, or another municipality's), another role, a date before
 *   the current assignment, and who may assign whom (a terapeut only
 *   themselves, a leder assignments only); a refusal changes nothing;
 * - what is kept with the case, read back by a case read, the lists of
 *   "my cases", the worklist of "my tasks", each task's responsible, the
 *   open tasks per person, and the staff a case can be assigned to;
 * - a failing store leaves the assignment as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "assignment.h"
#include "case_list.h"
#include "case_read.h"
#include "event_append.h"
#include "event_input.h"
#include "local.h"
#include "casework_fixture.h"
#include "referral.h"
#include "staff.h"


/* ---- the rule, on stored rows ---------------------------------------- */

/* Row i of a case's stored events. */
static genop_event_row row(int64_t id, const char *type, const char *body, int64_t corrects)
{
    genop_event_row r;
    memset(&r, 0, sizeof r);
    r.id = id;
    snprintf(r.type, sizeof r.type, "%s", type);
    r.body = (char *)body;          /* borrowed: never freed here */
    r.corrects = corrects;
    return r;
}

#define REF "{\"type\":\"referral_received\",\"date\":\"2025-04-01\",\"paragraph\":\"86.1\"}"
#define ASG(date, role, user) \
    "{\"type\":\"assigned\",\"date\":\"" date "\",\"role\":\"" role "\",\"username\":\"" user "\"}"

static genop_case_assigned derive(const genop_event_row *rows, size_t n)
{
    genop_case_assigned a;
    must(casework_assigned_derive(rows, n, &a, e));
    return a;
}

static void test_rule_until_the_next_of_the_same_role(void **state)
{
    (void)state;
    genop_event_row rows[] = {
        row(1, "referral_received", REF, 0),
        row(2, "assigned", ASG("2025-04-02", "terapeut", "tina"), 0),
        row(3, "assigned", ASG("2025-04-03", "visitator", "vera"), 0),
        row(4, "contacted", "{\"type\":\"contacted\",\"date\":\"2025-04-04\"}", 0),
        row(5, "assigned", ASG("2025-04-05", "terapeut", "bo"), 0),
    };
    genop_case_assigned a = derive(rows, 1);
    assert_string_equal(a.visitator, "");
    assert_string_equal(a.terapeut, "");
    a = derive(rows, 3);
    assert_string_equal(a.terapeut, "tina");
    assert_string_equal(a.visitator, "vera");
    assert_date_is(a.terapeut_since, "2025-04-02");
    a = derive(rows, 5);                            /* the next terapeut only */
    assert_string_equal(a.terapeut, "bo");
    assert_string_equal(a.visitator, "vera");
    assert_date_is(a.terapeut_since, "2025-04-05");
}

static void test_rule_orders_by_date_then_registration(void **state)
{
    (void)state;
    genop_event_row rows[] = {
        row(1, "referral_received", REF, 0),
        row(2, "assigned", ASG("2025-04-10", "terapeut", "tina"), 0),
        row(3, "assigned", ASG("2025-04-05", "terapeut", "bo"), 0),     /* earlier date */
        row(4, "assigned", ASG("2025-04-10", "terapeut", "ulla"), 0),   /* same date, later */
    };
    genop_case_assigned a = derive(rows, 3);
    assert_string_equal(a.terapeut, "tina");        /* bo's came before tina's */
    a = derive(rows, 4);
    assert_string_equal(a.terapeut, "ulla");
}

static void test_rule_follows_corrections(void **state)
{
    (void)state;
    genop_event_row rows[] = {
        row(1, "referral_received", REF, 0),
        row(2, "assigned", ASG("2025-04-02", "terapeut", "tina"), 0),
        row(3, "assigned", ASG("2025-04-05", "terapeut", "bo"), 0),
        /* 4 withdraws bo's: tina holds the case again */
        row(4, "correction", "{\"type\":\"correction\",\"date\":\"2025-04-06\",\"corrects\":3,"
                             "\"event\":null,\"reason\":\"fejl\"}", 3),
        /* 5 makes tina's an assignment of ulla */
        row(5, "correction", "{\"type\":\"correction\",\"date\":\"2025-04-06\",\"corrects\":2,"
                             "\"event\":" ASG("2025-04-02", "terapeut", "ulla") ",\"reason\":\"x\"}",
            2),
        /* 6 withdraws that too: nobody */
        row(6, "correction", "{\"type\":\"correction\",\"date\":\"2025-04-07\",\"corrects\":2,"
                             "\"event\":null,\"reason\":\"x\"}", 2),
        row(7, "note", "{\"type\":\"note\",\"date\":\"2025-04-07\",\"text\":\"x\"}", 0),
    };
    assert_string_equal(derive(rows, 3).terapeut, "bo");
    assert_string_equal(derive(rows, 4).terapeut, "tina");
    assert_string_equal(derive(rows, 5).terapeut, "ulla");
    genop_case_assigned a = derive(rows, 7);
    assert_string_equal(a.terapeut, "");
    assert_int_equal(a.terapeut_since, 0);

    /* A correction moving the earlier assignment past the later one. */
    genop_event_row moved[] = {
        row(1, "referral_received", REF, 0),
        row(2, "assigned", ASG("2025-04-02", "visitator", "vera"), 0),
        row(3, "assigned", ASG("2025-04-05", "visitator", "viggo"), 0),
        row(4, "correction", "{\"type\":\"correction\",\"date\":\"2025-04-08\",\"corrects\":2,"
                             "\"event\":" ASG("2025-04-08", "visitator", "vera") ",\"reason\":\"x\"}",
            2),
    };
    assert_string_equal(derive(moved, 3).visitator, "viggo");
    a = derive(moved, 4);
    assert_string_equal(a.visitator, "vera");
    assert_date_is(a.visitator_since, "2025-04-08");
}

static void test_rule_refuses_a_body_it_cannot_read(void **state)
{
    (void)state;
    genop_event_row rows[] = {
        row(1, "referral_received", REF, 0),
        row(9, "assigned", "{\"type\":\"assigned\",\"date\":\"2025-04-02\",\"role\":\"leder\","
                           "\"username\":\"x\"}", 0),
    };
    genop_case_assigned a;
    genop_error e;
    assert_int_equal(casework_assigned_derive(rows, 2, &a, &e), GENOP_EINVAL);
    assert_message_contains(e, "hændelse 9");
}

static void test_task_roles(void **state)
{
    (void)state;
    json_t *ids = json_loads(casework_terapeut_tasks_json(), 0, NULL);
    assert_true(json_is_array(ids));
    assert_true(json_array_size(ids) >= 5);
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id)
        assert_int_equal(casework_task_role(json_string_value(id)), GENOP_ROLE_TERAPEUT);
    json_decref(ids);
    const char *visitator[] = {"contact", "assessment", "decision", "complaint_reconsideration",
                               "complaint_forward"};
    for (i = 0; i < sizeof visitator / sizeof visitator[0]; i++)
        assert_int_equal(casework_task_role(visitator[i]), GENOP_ROLE_VISITATOR);
    assert_int_equal(casework_task_role("start"), GENOP_ROLE_TERAPEUT);
    assert_int_equal(casework_task_role("limit_exceeded"), GENOP_ROLE_TERAPEUT);
}

/* ---- the domain, on a database ---------------------------------------- */

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis, vis2, ter, ter2, leder, admin, other_ter;
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
    if (casework_test_open("assign", f->dir, f->db, &f->loc))
        return -1;
    add_user(f, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    add_user(f, &f->vis2, "aalborg", GENOP_ROLE_VISITATOR, "vis2");
    add_user(f, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "ter");
    add_user(f, &f->ter2, "aalborg", GENOP_ROLE_TERAPEUT, "ter2");
    add_user(f, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder");
    add_user(f, &f->admin, "aalborg", GENOP_ROLE_ADMIN, "admin");
    add_user(f, &f->other_ter, "skive", GENOP_ROLE_TERAPEUT, "ter.skive");
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

static int64_t new_case(fixture *f, const char *cpr)
{
    casework_referral in = {
        .cpr = cpr, .name = "Bent Kristensen", .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = f->loc.env.today - 20,
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    return r.case_id;
}

/* Registers the event text on case id as u. */
static genop_err append(fixture *f, const genop_user *u, int64_t id, const char *text,
                        genop_error *e)
{
    return casework_test_append(&f->loc, u, id, text, NULL, e);
}

/* An `assigned` event days_ago, as JSON text in buf. */
static const char *assigned(char buf[256], const fixture *f, int days_ago, const char *role,
                            const char *user)
{
    char d[GENOP_DATE_STR_SIZE];
    snprintf(buf, 256, "{\"type\":\"assigned\",\"date\":\"%s\",\"role\":\"%s\",\"username\":\"%s\"}",
             genop_date_format(f->loc.env.today - days_ago, d), role, user);
    return buf;
}

static genop_case_assigned stored(fixture *f, int64_t id)
{
    genop_case_assigned a;
    must(genop_store_case_assigned_get(f->loc.store, "aalborg", id, &a, e));
    return a;
}

/* Registers an assignment that must be refused with code and field. */
static void refused(fixture *f, const genop_user *u, int64_t id, const char *text,
                    genop_err code, const char *field, const char *needle)
{
    genop_error why;
    assert_int_equal(append(f, u, id, text, &why), code);
    if (field)
        assert_string_equal(why.field, field);
    assert_message_contains(why, needle);
}

static void test_refusals_name_the_field(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0101501234");
    char b[256];
    refused(f, &f->vis, id, assigned(b, f, 1, "terapeut", "ingen"), GENOP_EREFUSED,
            "$.username", "ingen bruger med brugernavnet 'ingen' i kommunen");
    /* Another municipality's user is no user of this one: said the same way. */
    refused(f, &f->vis, id, assigned(b, f, 1, "terapeut", "ter.skive"), GENOP_EREFUSED,
            "$.username", "ingen bruger med brugernavnet 'ter.skive'");
    refused(f, &f->vis, id, assigned(b, f, 1, "terapeut", "vis2"), GENOP_EREFUSED, "$.role",
            "vis2 er visitator, ikke terapeut");
    refused(f, &f->vis, id, assigned(b, f, 1, "visitator", "leder"), GENOP_EREFUSED, "$.role",
            "leder er leder, ikke visitator");
    refused(f, &f->vis, id, assigned(b, f, 1, "leder", "leder"), GENOP_EINVAL, "$.role",
            "visitator eller terapeut");
    refused(f, &f->vis, id, assigned(b, f, -2, "terapeut", "ter"), GENOP_EREFUSED, "$.date",
            "fremtiden");
    refused(f, &f->vis, id, assigned(b, f, 25, "terapeut", "ter"), GENOP_EREFUSED, "$.date",
            "før henvendelsen");
    refused(f, &f->vis, id, "{\"type\":\"assigned\",\"date\":\"2025-04-01\",\"role\":\"terapeut\"}",
            GENOP_EINVAL, "$.username", "username");
    genop_case_assigned a = stored(f, id);       /* refusals change nothing */
    assert_string_equal(a.terapeut, "");
    assert_string_equal(a.visitator, "");
    /* A deactivated user is assigned nothing new; a locked one may be. */
    must(genop_store_user_set_state(f->loc.store, "aalborg", f->ter2.id, GENOP_USER_DEACTIVATED, e));
    refused(f, &f->vis, id, assigned(b, f, 1, "terapeut", "ter2"), GENOP_EREFUSED, "$.username",
            "ter2 er deaktiveret");
    must(genop_store_user_set_state(f->loc.store, "aalborg", f->ter.id, GENOP_USER_LOCKED, e));
    must(append(f, &f->vis, id, assigned(b, f, 1, "terapeut", "ter"), e));
    assert_string_equal(stored(f, id).terapeut, "ter");
    genop_list staff;
    must(casework_staff_list(&f->loc.env, &f->vis, GENOP_ROLE_TERAPEUT, &staff, e));
    assert_int_equal(staff.n, 1);                 /* ter (locked), not ter2 */
    genop_store_free_list(&staff);
}

static void test_who_may_assign_whom(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0101501234");
    char b[256];
    /* A terapeut takes the case, but hands it to nobody else. */
    refused(f, &f->ter, id, assigned(b, f, 3, "terapeut", "ter2"), GENOP_EFORBIDDEN, NULL,
            "kun gøre sig selv");
    refused(f, &f->ter, id, assigned(b, f, 3, "visitator", "vis"), GENOP_EFORBIDDEN, NULL,
            "kun gøre sig selv");
    must(append(f, &f->ter, id, assigned(b, f, 3, "terapeut", "ter"), e));
    assert_string_equal(stored(f, id).terapeut, "ter");
    /* A leder hands cases out, and registers nothing else. */
    must(append(f, &f->leder, id, assigned(b, f, 2, "visitator", "vis2"), e));
    assert_string_equal(stored(f, id).visitator, "vis2");
    refused(f, &f->leder, id, "{\"type\":\"contacted\",\"date\":\"2025-04-01\"}",
            GENOP_EFORBIDDEN, NULL, "leder");
    refused(f, &f->admin, id, assigned(b, f, 2, "visitator", "vis"), GENOP_EFORBIDDEN, NULL,
            "admin");
    /* A terapeut corrects no assignment; a visitator does. */
    genop_list events = {0};
    must(genop_store_events_list(f->loc.store, "aalborg", id, &events, e));
    int64_t ter_event = ((genop_event_row *)events.items)[1].id;
    genop_store_free_events(&events);
    char fix[256];
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":%lld,"
             "\"event\":null,\"reason\":\"forkert terapeut\"}",
             genop_date_format(f->loc.env.today, (char[GENOP_DATE_STR_SIZE]){0}),
             (long long)ter_event);
    refused(f, &f->ter, id, fix, GENOP_EFORBIDDEN, NULL, "kan ikke rette");
    assert_string_equal(stored(f, id).terapeut, "ter");
    must(append(f, &f->vis, id, fix, e));
    genop_case_assigned a = stored(f, id);
    assert_string_equal(a.terapeut, "");            /* withdrawn: nobody */
    assert_string_equal(a.visitator, "vis2");
}

static void test_next_assignment_and_its_date(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0101501234");
    char b[256];
    must(append(f, &f->vis, id, assigned(b, f, 5, "terapeut", "ter"), e));
    must(append(f, &f->vis, id, assigned(b, f, 5, "visitator", "vis"), e));
    must(append(f, &f->vis, id, assigned(b, f, 2, "terapeut", "ter2"), e));
    genop_case_assigned a = stored(f, id);
    assert_string_equal(a.terapeut, "ter2");
    assert_string_equal(a.visitator, "vis");
    assert_int_equal(a.terapeut_since, f->loc.env.today - 2);
    /* Dated before the current one, it would never hold: refused. */
    char since[GENOP_DATE_DA_SIZE], asked[GENOP_DATE_DA_SIZE], want[160];
    snprintf(want, sizeof want, "ter2 er ansvarlig terapeut fra den %s; en ny ansvarlig terapeut "
             "kan tidligst gælde fra den dato, ikke fra den %s",
             genop_date_format_da(f->loc.env.today - 2, since),
             genop_date_format_da(f->loc.env.today - 4, asked));
    refused(f, &f->vis, id, assigned(b, f, 4, "terapeut", "ter"), GENOP_EREFUSED, "$.date", want);
    /* The same date is fine: the later registration holds. */
    must(append(f, &f->vis, id, assigned(b, f, 2, "terapeut", "ter"), e));
    assert_string_equal(stored(f, id).terapeut, "ter");

    /* A case read shows it. */
    casework_case cr;
    must(casework_case_read(&f->loc.env, &f->leder, id, false, 0, &cr, e));
    assert_string_equal(cr.assigned.terapeut, "ter");
    assert_string_equal(cr.assigned.visitator, "vis");
    casework_case_release(&cr);
}

static void test_correction_into_an_assignment_is_checked(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0101501234");
    char b[256], fix[512], d[GENOP_DATE_STR_SIZE];
    must(append(f, &f->vis, id, assigned(b, f, 5, "terapeut", "ter"), e));
    genop_list events = {0};
    must(genop_store_events_list(f->loc.store, "aalborg", id, &events, e));
    int64_t ev = ((genop_event_row *)events.items)[1].id;
    genop_store_free_events(&events);
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":%lld,"
             "\"event\":%s,\"reason\":\"forkert\"}", genop_date_format(f->loc.env.today, d),
             (long long)ev, assigned(b, f, 5, "terapeut", "ter.skive"));
    refused(f, &f->vis, id, fix, GENOP_EREFUSED, "$.event.username", "ingen bruger");
    snprintf(fix, sizeof fix, "{\"type\":\"correction\",\"date\":\"%s\",\"corrects\":%lld,"
             "\"event\":%s,\"reason\":\"forkert\"}", genop_date_format(f->loc.env.today, d),
             (long long)ev, assigned(b, f, 5, "terapeut", "ter2"));
    must(append(f, &f->vis, id, fix, e));
    assert_string_equal(stored(f, id).terapeut, "ter2");
}

/* The worklist of f->ter with filter fl: the cases its tasks are of. */
static size_t worklist_cases(fixture *f, const genop_user *u, const casework_worklist_filter *fl,
                             int64_t *cases, size_t max, casework_worklist *w)
{
    must(casework_worklist_find(&f->loc.env, u, fl, 0, 0, w, e));
    for (size_t i = 0; i < w->n && i < max; i++)
        cases[i] = w->items[i].deadline.case_id;
    return w->n;
}

static void test_mine_lists_and_responsibles(void **state)
{
    fixture *f = *state;
    int64_t a = new_case(f, "0101501234"), b = new_case(f, "0202502345");
    int64_t c = new_case(f, "0303503456");
    char t[256];
    must(append(f, &f->vis, a, assigned(t, f, 5, "terapeut", "ter"), e));
    must(append(f, &f->vis, a, assigned(t, f, 5, "visitator", "vis2"), e));
    must(append(f, &f->vis, b, assigned(t, f, 5, "visitator", "vis"), e));
    (void)c;
    genop_list l = {0};
    size_t total;
    must(casework_cases_list(&f->loc.env, &f->ter, &(genop_case_filter){.closed = -1,
                             .owner = "ter"}, &l, &total, e));
    assert_int_equal(total, 1);
    const genop_case_summary *s = l.items;
    assert_int_equal(s[0].c.id, a);
    assert_string_equal(s[0].assigned.terapeut, "ter");
    assert_string_equal(s[0].assigned.visitator, "vis2");
    genop_store_free_list(&l);
    must(casework_cases_list(&f->loc.env, &f->ter, &(genop_case_filter){.closed = -1,
                             .owner = "ter.skive"}, &l, &total, e));
    assert_int_equal(total, 0);
    genop_store_free_list(&l);

    /* Mine: every task of the cases ter is assigned to, and how many. */
    casework_worklist w;
    int64_t cases[16];
    casework_worklist_filter mine = {.mine = true};
    size_t n = worklist_cases(f, &f->ter, &mine, cases, 16, &w);
    assert_true(n >= 2);                          /* decision and start */
    for (size_t i = 0; i < n; i++)
        assert_int_equal(cases[i], a);
    assert_int_equal(w.assigned_cases, 1);
    for (size_t i = 0; i < w.n; i++) {
        const casework_task *task = &w.items[i];
        bool ter = strcmp(task->deadline.deadline_id, "start") == 0;
        assert_int_equal(task->responsible_role, ter ? GENOP_ROLE_TERAPEUT : GENOP_ROLE_VISITATOR);
        assert_string_equal(task->responsible, ter ? "ter" : "vis2");
    }
    casework_worklist_release(&w);
    /* Responsible: only the tasks of vis2's role on vis2's cases. */
    casework_worklist_filter resp = {.responsible = "vis2"};
    n = worklist_cases(f, &f->leder, &resp, cases, 16, &w);
    assert_true(n >= 1);
    for (size_t i = 0; i < w.n; i++) {
        assert_int_equal(cases[i], a);
        assert_string_equal(w.items[i].responsible, "vis2");
    }
    casework_worklist_release(&w);
    resp.responsible = "ter.skive";
    assert_int_equal(worklist_cases(f, &f->leder, &resp, cases, 16, &w), 0);
    casework_worklist_release(&w);
}

/* The load of username ("" nobody) in role, or NULL. */
static const casework_load *load_of(const casework_workload *w, genop_role role, const char *u)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->items[i].role == role && strcmp(w->items[i].username, u) == 0)
            return &w->items[i];
    return NULL;
}

static void test_workload_and_staff(void **state)
{
    fixture *f = *state;
    int64_t a = new_case(f, "0101501234");
    new_case(f, "0202502345");
    char t[256];
    must(append(f, &f->vis, a, assigned(t, f, 5, "terapeut", "ter"), e));
    casework_worklist all;
    must(casework_worklist_get(&f->loc.env, &f->leder, 0, 0, &all, e));
    casework_workload w;
    must(casework_workload_get(&f->loc.env, &f->leder, &w, e));
    size_t sum = 0;
    for (size_t i = 0; i < w.n; i++)
        sum += w.items[i].open;
    assert_int_equal(sum, all.total);             /* every task once */
    const casework_load *ter = load_of(&w, GENOP_ROLE_TERAPEUT, "ter");
    assert_non_null(ter);
    assert_true(ter->staff);
    assert_int_equal(ter->cases, 1);
    assert_int_equal(ter->open, 1);               /* case a's start */
    const casework_load *ter2 = load_of(&w, GENOP_ROLE_TERAPEUT, "ter2");
    assert_non_null(ter2);                        /* listed with nothing */
    assert_int_equal(ter2->open + ter2->cases, 0);
    const casework_load *nobody = load_of(&w, GENOP_ROLE_VISITATOR, "");
    assert_non_null(nobody);
    assert_false(nobody->staff);
    assert_int_equal(nobody->open, 2);            /* both decisions */
    assert_null(load_of(&w, GENOP_ROLE_TERAPEUT, "ter.skive"));
    casework_workload_release(&w);
    casework_worklist_release(&all);

    genop_list l;
    must(casework_staff_list(&f->loc.env, &f->vis, GENOP_ROLE_TERAPEUT, &l, e));
    assert_int_equal(l.n, 2);
    assert_string_equal(((genop_user *)l.items)[0].username, "ter");
    assert_string_equal(((genop_user *)l.items)[1].username, "ter2");
    genop_store_free_list(&l);
    must(casework_staff_list(&f->loc.env, &f->ter, -1, &l, e));
    assert_int_equal(l.n, 5);                     /* no admin, nobody of Skive */
    for (size_t i = 0; i < l.n; i++)
        assert_int_not_equal(((genop_user *)l.items)[i].role, GENOP_ROLE_ADMIN);
    genop_store_free_list(&l);
    genop_error why;
    assert_int_equal(casework_staff_list(&f->loc.env, &f->admin, -1, &l, &why), GENOP_EFORBIDDEN);
}

static void test_failing_store_changes_nothing(void **state)
{
    fixture *f = *state;
    int64_t id = new_case(f, "0101501234");
    char b[256];
    must(append(f, &f->vis, id, assigned(b, f, 5, "terapeut", "ter"), e));
    genop_list events = {0};
    must(genop_store_events_list(f->loc.store, "aalborg", id, &events, e));
    size_t before = events.n;
    genop_store_free_events(&events);
    genop_err err = GENOP_EIO;
    long n;
    for (n = 1; n < 60 && err; n++) {
        genop_store_fail_from(f->loc.store, n);
        genop_error why;
        err = append(f, &f->vis, id, assigned(b, f, 2, "terapeut", "ter2"), &why);
        genop_store_fail_from(f->loc.store, 0);
        if (!err)
            break;
        assert_int_equal(err, GENOP_EIO);
        assert_string_equal(stored(f, id).terapeut, "ter");
        must(genop_store_events_list(f->loc.store, "aalborg", id, &events, e));
        assert_int_equal(events.n, before);
        genop_store_free_events(&events);
    }
    assert_int_equal(err, GENOP_OK);
    assert_true(n > 3);                           /* some calls did fail */
    assert_string_equal(stored(f, id).terapeut, "ter2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_until_the_next_of_the_same_role),
        cmocka_unit_test(test_rule_orders_by_date_then_registration),
        cmocka_unit_test(test_rule_follows_corrections),
        cmocka_unit_test(test_rule_refuses_a_body_it_cannot_read),
        cmocka_unit_test(test_task_roles),
        cmocka_unit_test_setup_teardown(test_refusals_name_the_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_who_may_assign_whom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_assignment_and_its_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_correction_into_an_assignment_is_checked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mine_lists_and_responsibles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_workload_and_staff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failing_store_changes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
