/*
 * test_letters.c - unit tests for making and keeping letters
 * (src/casework/letters/letters.h) on a temporary database, through the
 * domain layer as genop serve calls it.
 *
 * - A visitator makes the decision letter of a case: it is kept with the
 *   event it is for, who made it, its status "made" and the SHA-256 of
 *   its PDF; the case lists it; a visitator and a terapeut read it, and
 *   each read (and the making) is a row of the citizen's access log.
 * - A second letter for the same decision is a new letter (a version).
 * - A preview keeps nothing.
 * - Refusals: a terapeut or leder makes none, a leder reads none, an
 *   unknown kind, a kind the case has no event for, another
 *   municipality's case or letter (not found).
 * - A made letter cannot be changed: an UPDATE of its content or a DELETE
 *   through SQL fails; only its status may change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "access_log.h"
#include "casework_fixture.h"
#include "event_append.h"
#include "event_input.h"
#include "letter_pdf.h"
#include "letters.h"
#include "referral.h"

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis, ter, led, skive;
    int64_t case_id;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("letters", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vera");
    casework_test_user(&f->loc, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "terje");
    casework_test_user(&f->loc, &f->led, "aalborg", GENOP_ROLE_LEDER, "lea");
    casework_test_user(&f->loc, &f->skive, "skive", GENOP_ROLE_VISITATOR, "sune");
    f->case_id = casework_test_case(&f->loc, &f->vis, "0101501234", "Åse Ødegård");
    char d[GENOP_DATE_STR_SIZE], text[512];
    snprintf(text, sizeof text,
             "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":true,\"grant\":{\"form\":"
             "\"team\",\"place\":\"centre\",\"sessions_per_week\":2,\"minutes_per_session\":60,"
             "\"transport\":false}}",
             genop_date_format(f->loc.env.today - 1, d));
    must(casework_test_append(&f->loc, &f->vis, f->case_id, text, NULL, e));
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

static const casework_letter_input DECISION = {"decision", "Du har brug for holdtræning.", false};

/* How many rows of the citizen's access log have action. */
static size_t log_rows(fixture *f, int64_t citizen, const char *action)
{
    genop_list rows = {0};
    size_t total = 0, n = 0;
    must(casework_access_log(&f->loc.env, &f->led, citizen, 0, 0, &rows, &total, e));
    const genop_access_entry *a = rows.items;
    for (size_t i = 0; i < rows.n; i++)
        n += strcmp(a[i].action, action) == 0;
    genop_store_free_list(&rows);
    return n;
}

static void test_make_list_read(void **state)
{
    fixture *f = *state;
    int64_t id = 0;
    must(casework_letter_make(&f->loc.env, &f->vis, f->case_id, &DECISION, &id, e));
    assert_true(id > 0);
    genop_list list = {0};
    must(casework_letters_list(&f->loc.env, &f->led, f->case_id, &list, e));
    assert_int_equal(list.n, 1);
    const genop_letter_row *l = list.items;
    assert_int_equal(l[0].id, id);
    assert_string_equal(l[0].kind, "decision");
    assert_string_equal(l[0].status, "made");
    assert_string_equal(l[0].created_by, "vera");
    assert_true(l[0].event_id > 0);
    assert_int_equal(strlen(l[0].created), 24);
    assert_null(l[0].pdf);
    int64_t citizen = l[0].citizen_id;
    genop_store_free_list(&list);

    genop_letter_row got;
    must(casework_letter_read(&f->loc.env, &f->ter, id, &got, e));
    assert_true(got.pdf_len > 8);
    assert_memory_equal(got.pdf, "%PDF-", 5);
    assert_non_null(strstr(got.document, "\"kind\":\"decision\""));
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(h, got.pdf, got.pdf_len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    assert_string_equal(got.sha256, hex);
    genop_store_letter_release(&got);
    must(casework_letter_read(&f->loc.env, &f->vis, id, &got, e));
    genop_store_letter_release(&got);

    assert_int_equal(log_rows(f, citizen, "letter.make"), 1);
    assert_int_equal(log_rows(f, citizen, "letter.read"), 2);
    assert_int_equal(log_rows(f, citizen, "letter.list"), 1);

    /* a second letter for the same decision is a new letter */
    int64_t again = 0;
    must(casework_letter_make(&f->loc.env, &f->vis, f->case_id, &DECISION, &again, e));
    assert_true(again > id);
    /* a preview keeps nothing */
    genop_buf pdf = {0};
    must(casework_letter_preview(&f->loc.env, &f->vis, f->case_id, &DECISION, &pdf, e));
    assert_memory_equal(pdf.data, "%PDF-", 5);
    genop_buf_release(&pdf);
    must(casework_letters_list(&f->loc.env, &f->vis, f->case_id, &list, e));
    assert_int_equal(list.n, 2);
    genop_store_free_list(&list);
    assert_int_equal(log_rows(f, citizen, "letter.preview"), 1);
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    int64_t id = 0;
    genop_error err;
    casework_env *env = &f->loc.env;
    assert_int_equal(casework_letter_make(env, &f->ter, f->case_id, &DECISION, &id, &err),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_letter_make(env, &f->led, f->case_id, &DECISION, &id, &err),
                     GENOP_EFORBIDDEN);
    casework_letter_input bad = {"afslag", NULL, false};
    assert_int_equal(casework_letter_make(env, &f->vis, f->case_id, &bad, &id, &err), GENOP_EINVAL);
    assert_string_equal(err.field, "$.kind");
    assert_non_null(strstr(err.message, "complaint_decision"));
    casework_letter_input none = {"complaint_forwarded", NULL, false};
    assert_int_equal(casework_letter_make(env, &f->vis, f->case_id, &none, &id, &err),
                     GENOP_EREFUSED);
    assert_string_equal(err.field, "$.kind");
    assert_int_equal(casework_letter_make(env, &f->skive, f->case_id, &DECISION, &id, &err),
                     GENOP_ENOTFOUND);
    genop_buf pdf = {0};
    assert_int_equal(casework_letter_preview(env, &f->skive, f->case_id, &DECISION, &pdf, &err),
                     GENOP_ENOTFOUND);
    genop_list list = {0};
    assert_int_equal(casework_letters_list(env, &f->skive, f->case_id, &list, &err),
                     GENOP_ENOTFOUND);
    must(casework_letter_make(env, &f->vis, f->case_id, &DECISION, &id, e));
    genop_letter_row got;
    assert_int_equal(casework_letter_read(env, &f->led, id, &got, &err), GENOP_EFORBIDDEN);
    assert_int_equal(casework_letter_read(env, &f->skive, id, &got, &err), GENOP_ENOTFOUND);
    assert_int_equal(casework_letter_read(env, &f->vis, id + 100, &got, &err), GENOP_ENOTFOUND);
    assert_string_equal(err.message, "Brevet findes ikke.");
}

/* Runs sql on the database file; the SQLite result code. */
static int raw(fixture *f, const char *sql, char **msg)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    int rc = sqlite3_exec(db, sql, NULL, NULL, msg);
    sqlite3_close(db);
    return rc;
}

static void test_kept_unchanged(void **state)
{
    fixture *f = *state;
    int64_t id = 0;
    must(casework_letter_make(&f->loc.env, &f->vis, f->case_id, &DECISION, &id, e));
    static const char *const changes[] = {
        "UPDATE letters SET pdf = x'255044462d'",
        "UPDATE letters SET document = '{}'",
        "UPDATE letters SET sha256 = '0000000000000000000000000000000000000000000000000000000000000000'",
        "UPDATE letters SET created_by = 'mallory'",
        "UPDATE letters SET kind = 'course_ended'",
        "DELETE FROM letters",
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char *msg = NULL;
        assert_int_not_equal(raw(f, changes[i], &msg), SQLITE_OK);
        assert_non_null(msg);
        assert_non_null(strstr(msg, "letters: et brev kan ikke"));
        sqlite3_free(msg);
    }
    genop_letter_row got;
    must(casework_letter_read(&f->loc.env, &f->vis, id, &got, e));
    assert_memory_equal(got.pdf, "%PDF-", 5);
    genop_store_letter_release(&got);
    /* the status is the outbox's to change */
    assert_int_equal(raw(f, "UPDATE letters SET status = 'sent'", NULL), SQLITE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_make_list_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kept_unchanged, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    genop_letter_pdf_shutdown();   /* the font map, for the leak checker */
    return failed;
}
