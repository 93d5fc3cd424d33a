/*
 * test_referral_identity.c - the citizen's identity in the domain layer
 * (src/casework/referral.c, referral_identity.c; shared/spec/api.md):
 * - a known CPR number with another name is refused (GENOP_ECONFLICT)
 *   with the stored citizen, stores nothing, and logs the read of the
 *   stored citizen; the same name with white space around is the same;
 * - with update_citizen the new name is stored, the old one kept in the
 *   history of names with the time and the user, and the case opened;
 * - another municipality's citizen with the same CPR number is never
 *   found: a new citizen is made there;
 * - an open case of the same paragraph and condition gives a warning
 *   naming it (condition compared case-insensitively, a referral without
 *   a condition matches on the paragraph), a closed one or another
 *   paragraph does not;
 * - a referral by someone other than the citizen needs consent;
 * - the contact person is stored with the citizen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "casework_fixture.h"
#include "event_append.h"
#include "event_input.h"
#include "referral.h"
#include "referral_identity.h"

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis, other;        /* an Aalborg and a Skive visitator */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("identity", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->other, "skive", GENOP_ROLE_VISITATOR, "vis.skive");
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

static casework_referral referral(const fixture *f, const char *name, const char *condition)
{
    casework_referral in = {
        .cpr = "0101501234", .name = name, .paragraph = "86.1", .source = "egen læge",
        .condition = condition, .date = f->loc.env.today - 3,
        .has_consent = true, .consent = true,
    };
    return in;
}

static size_t count_cases(fixture *f, const char *muni)
{
    genop_list l = {0};
    size_t total = 0;
    must(genop_store_case_list(f->loc.store, muni, &(genop_case_filter){.closed = -1}, &l,
                               &total, e));
    genop_store_free_list(&l);
    return total;
}

/* The newest access-log action of citizen, into action. */
static size_t newest_action(fixture *f, int64_t citizen, char action[32])
{
    genop_list l = {0};
    size_t total = 0;
    must(genop_store_access_log_list(f->loc.store, "aalborg", citizen, 1, 0, &l, &total, e));
    if (l.n)
        snprintf(action, 32, "%s", ((genop_access_entry *)l.items)[0].action);
    genop_store_free_list(&l);
    return total;
}

static void test_another_name_is_refused_and_stores_nothing(void **state)
{
    fixture *f = *state;
    casework_referral in = referral(f, "Bent Kristensen", "hofte");
    casework_referral_result a, b;
    genop_error why;
    char action[32] = "";
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &a, e));
    size_t logged = newest_action(f, a.citizen_id, action);

    in.name = "Bent Kristiansen";
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &b, &why),
                     GENOP_ECONFLICT);
    assert_string_equal(why.field, "$.citizen.name");
    assert_message_contains(why, "»Bent Kristensen«");
    assert_message_contains(why, "»Bent Kristiansen«");
    assert_int_equal(b.conflict_citizen_id, a.citizen_id);
    assert_string_equal(b.conflict_name, "Bent Kristensen");
    assert_int_equal(b.case_id, 0);
    assert_int_equal(count_cases(f, "aalborg"), 1);
    /* The stored citizen shown in the refusal is a read, logged. */
    assert_int_equal(newest_action(f, a.citizen_id, action), logged + 1);
    assert_string_equal(action, "citizen.identity");
    genop_citizen c;
    must(genop_store_citizen_get(f->loc.store, "aalborg", a.citizen_id, &c, e));
    assert_string_equal(c.name, "Bent Kristensen");
    genop_list names = {0};
    must(genop_store_citizen_names(f->loc.store, "aalborg", a.citizen_id, &names, e));
    assert_int_equal(names.n, 0);
    genop_store_free_list(&names);

    /* Case and accents are part of a name: refused too. White space at
     * the ends is not. */
    in.name = "bent kristensen";
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &b, &why),
                     GENOP_ECONFLICT);
    in.name = "  Bent Kristensen  ";
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &b, e));
    assert_int_equal(b.citizen_id, a.citizen_id);
    assert_false(b.citizen_renamed);
}

static void test_update_keeps_the_history(void **state)
{
    fixture *f = *state;
    casework_referral in = referral(f, "Bent Kristensen", "hofte");
    casework_referral_result a, b;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &a, e));
    in.name = " Bent Kristensen Holm ";
    in.update_citizen = true;
    in.paragraph = "86.2";
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &b, e));
    assert_true(b.citizen_renamed);
    assert_false(b.citizen_created);
    assert_int_equal(b.citizen_id, a.citizen_id);
    assert_true(b.case_id > a.case_id);
    genop_citizen c;
    must(genop_store_citizen_get(f->loc.store, "aalborg", a.citizen_id, &c, e));
    assert_string_equal(c.name, "Bent Kristensen Holm");
    genop_list names = {0};
    must(genop_store_citizen_names(f->loc.store, "aalborg", a.citizen_id, &names, e));
    assert_int_equal(names.n, 1);
    const genop_citizen_name_change *h = names.items;
    assert_string_equal(h[0].old_name, "Bent Kristensen");
    assert_string_equal(h[0].new_name, "Bent Kristensen Holm");
    assert_string_equal(h[0].changed_by, "vis");
    assert_int_equal(strlen(h[0].changed_at), 24);
    genop_store_free_list(&names);
    /* Another municipality sees no history of the citizen. */
    must(genop_store_citizen_names(f->loc.store, "skive", a.citizen_id, &names, e));
    assert_int_equal(names.n, 0);
    genop_store_free_list(&names);
    /* The history cannot be rewritten: the store has no update, and the
     * rename of the same name adds nothing. */
    must(genop_store_begin(f->loc.store, e));
    must(genop_store_citizen_rename(f->loc.store, "aalborg", a.citizen_id, "Bent Kristensen Holm",
                                    "vis", e));
    must(genop_store_commit(f->loc.store, e));
    must(genop_store_citizen_names(f->loc.store, "aalborg", a.citizen_id, &names, e));
    assert_int_equal(names.n, 1);
    genop_store_free_list(&names);
}

static void test_another_municipality_is_never_found(void **state)
{
    fixture *f = *state;
    casework_referral in = referral(f, "Bent Kristensen", "hofte");
    casework_referral_result a, b;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &a, e));
    in.name = "Helt Anden Person";
    must(casework_referral_register(&f->loc.env, &f->other, &in, &b, e));
    assert_true(b.citizen_created);
    assert_int_not_equal(b.citizen_id, a.citizen_id);
    assert_int_equal(b.conflict_citizen_id, 0);
    assert_int_equal(b.n_warnings, 0);
}

/* Closes case id today as u. */
static void close_case(fixture *f, int64_t id)
{
    char text[160], d[GENOP_DATE_STR_SIZE];
    snprintf(text, sizeof text,
             "{\"type\":\"closed\",\"date\":\"%s\",\"reason\":\"goal_reached\"}",
             genop_date_format(f->loc.env.today, d));
    json_t *body = json_loads(text, 0, NULL);
    casework_event ev;
    int64_t event_id;
    must(casework_event_read(body, &ev, e));
    must(casework_event_append(&f->loc.env, &f->vis, id, &ev, &event_id, e));
    casework_event_release(&ev);
    json_decref(body);
}

static void test_duplicate_warning(void **state)
{
    fixture *f = *state;
    casework_referral in = referral(f, "Bent Kristensen", "Knæ");
    casework_referral_result a, r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &a, e));
    assert_int_equal(a.n_warnings, 0);

    in.condition = "  knæ ";      /* the same condition */
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    assert_int_equal(r.n_warnings, 1);
    assert_string_equal(r.warnings[0].code, "open_case_same_condition");
    assert_int_equal(r.warnings[0].case_id, a.case_id);
    char sag[32];
    snprintf(sag, sizeof sag, "sag %lld", (long long)a.case_id);
    assert_non_null(strstr(r.warnings[0].detail, sag));
    assert_non_null(strstr(r.warnings[0].detail, "§ 86, stk. 1"));

    in.condition = "hofte";       /* another condition: no warning */
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    assert_int_equal(r.n_warnings, 0);

    in.condition = NULL;          /* no condition: the paragraph is enough */
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    assert_int_equal(r.n_warnings, 3);

    in.condition = "knæ";         /* another paragraph: no warning */
    in.paragraph = "86.2";
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    assert_int_equal(r.n_warnings, 0);

    /* A closed case is no duplicate. */
    casework_referral other = referral(f, "Anna Berg", "skulder");
    other.cpr = "0202501234";
    casework_referral_result b;
    must(casework_referral_register(&f->loc.env, &f->vis, &other, &b, e));
    close_case(f, b.case_id);
    must(casework_referral_register(&f->loc.env, &f->vis, &other, &r, e));
    assert_int_equal(r.n_warnings, 0);
}

static void test_consent(void **state)
{
    fixture *f = *state;
    casework_referral in = referral(f, "Bent Kristensen", "hofte");
    casework_referral_result r;
    genop_error why;
    in.has_consent = false;
    in.consent = false;
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why),
                     GENOP_EINVAL);
    assert_string_equal(why.field, "$.referral.consent");
    assert_message_contains(why, "samtykke");
    assert_message_contains(why, "»egen læge«");
    in.has_consent = true;        /* said no */
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why),
                     GENOP_EINVAL);
    assert_int_equal(count_cases(f, "aalborg"), 0);
    /* The citizen's own referral needs none. */
    in.has_consent = false;
    in.source = " Borgeren ";
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    assert_true(referral_by_citizen("egen henvendelse"));
    assert_false(referral_by_citizen("borgerens datter"));
    assert_false(referral_by_citizen(""));
}

static void test_contact_person_is_stored(void **state)
{
    fixture *f = *state;
    casework_referral in = referral(f, "Bent Kristensen", "hofte");
    in.contact_name = " Lone Kristensen ";
    in.contact_relation = "datter";
    in.contact_phone = "20 30 40 50";
    in.digital_post_exempt = true;
    casework_referral_result r;
    genop_error why;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    genop_citizen c;
    must(genop_store_citizen_get(f->loc.store, "aalborg", r.citizen_id, &c, e));
    assert_string_equal(c.contact_name, "Lone Kristensen");
    assert_string_equal(c.contact_relation, "datter");
    assert_string_equal(c.contact_phone, "20 30 40 50");
    assert_true(c.digital_post_exempt);
    /* A relation without a name is refused at the name. */
    in.cpr = "0202501234";
    in.contact_name = NULL;
    assert_int_equal(casework_referral_register(&f->loc.env, &f->vis, &in, &r, &why),
                     GENOP_EINVAL);
    assert_string_equal(why.field, "$.citizen.contact.name");
}

static void test_names_compare_trimmed(void **state)
{
    (void)state;
    char out[16];
    referral_trim("  a b \t", out, sizeof out);
    assert_string_equal(out, "a b");
    referral_trim(NULL, out, sizeof out);
    assert_string_equal(out, "");
    assert_false(referral_names_differ("Åse Ørum", " Åse Ørum "));
    assert_true(referral_names_differ("Åse Ørum", "Aase Ørum"));
    assert_true(referral_names_differ("Åse Ørum", "åse ørum"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_compare_trimmed),
        cmocka_unit_test_setup_teardown(test_another_name_is_refused_and_stores_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_update_keeps_the_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_another_municipality_is_never_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_person_is_stored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
