/*
 * test_outbox.c - unit tests for sending letters and the print queue
 * (src/casework/letters/outbox.h) on a temporary database and spool,
 * through the domain layer as genop serve calls it, on fixed days.
 *
 * - Digital Post: the MeMo message in the spool's new/, valid against
 *   data/memo; the sending recorded (sent, its message id and file); the
 *   case's decision_received dated the day sent; the letter's status; the
 *   access log's row; sending again refused (GENOP_ECONFLICT, Danish).
 * - Print: the receipt 6 workdays after the letter's date by Aalborg's
 *   calendar, over a weekend (Wednesday -> Thursday of the next week) and
 *   over Easter 2027 (Monday 22 March -> Friday 2 April), the
 *   decision_received dated so, though that lies ahead; a correction of
 *   another event of the case is still taken.
 * - The receipt is recorded once per decision: not again for a second
 *   letter, nor when it was registered by hand; again for a later
 *   decision (a revisitation); never for a letter that is no decision.
 * - Refusals: a terapeut or admin (forbidden), another municipality's or
 *   an unknown letter (not found), no sender CVR number, no spool, a
 *   withdrawn decision, a bad CVR number.
 * - A spool that cannot be written leaves nothing half-done: no sending,
 *   no event, no access-log row, the letter still "made"; it can be sent
 *   once the spool works.
 * - The outbox's records through SQL: a sending or printing cannot be
 *   changed or deleted; a printing of a letter not queued for print, a
 *   sending of another municipality's letter, by Digital Post without its
 *   message, or a second one, is refused.
 * - The print queue: listed by a visitator or leder (one access-log row
 *   per citizen), its PDF for a visitator (the letters held, their ids),
 *   marking printed (all or none; twice, not queued, unknown, named twice
 *   refused).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <dirent.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "access_log.h"
#include "casework_fixture.h"
#include "letter_pdf.h"
#include "letters.h"
#include "outbox.h"

/* 2027-03-22 (a Monday) 10:00 UTC, and 2027-02-10 (a Wednesday). */
#define MONDAY_BEFORE_EASTER 1805709600
#define A_WEDNESDAY 1802253600

typedef struct fixture {
    char dir[64];
    char db[96];
    char spool[128];
    casework_local loc;
    casework_outbox ob;
    genop_user vis, ter, led, adm, skive;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("outbox", f->dir, f->db, &f->loc))
        return -1;
    casework_local_set_time(&f->loc, MONDAY_BEFORE_EASTER);
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vera");
    casework_test_user(&f->loc, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "terje");
    casework_test_user(&f->loc, &f->led, "aalborg", GENOP_ROLE_LEDER, "lea");
    casework_test_user(&f->loc, &f->adm, "aalborg", GENOP_ROLE_ADMIN, "adam");
    casework_test_user(&f->loc, &f->skive, "skive", GENOP_ROLE_VISITATOR, "sune");
    snprintf(f->spool, sizeof f->spool, "%s/spool", f->dir);
    must(genop_memo_schema_load(GENOP_MEMO_SCHEMA_DIR, &f->ob.schema, e));
    f->ob.spool_dir = f->spool;
    must(casework_dp_sender_set(&f->loc.env, "aalborg", "12345678", true, "test", e));
    *state = f;
    return 0;
}

/* Removes every file in dir and dir itself (the spool's folders). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char path[512];
    while (d && (de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static int teardown(void **state)
{
    fixture *f = *state;
    genop_memo_schema_free(f->ob.schema);
    remove_tree(f->spool);
    char blocker[160];
    snprintf(blocker, sizeof blocker, "%s/blocker", f->dir);
    unlink(blocker);
    casework_test_close(f->dir, &f->loc);
    free(f);
    return 0;
}

/* A case of a citizen (exempt from Digital Post or not) with a refusal
 * decided the day before today; its id. */
static int64_t decided_case(fixture *f, const char *cpr, bool exempt)
{
    casework_referral in = {
        .cpr = cpr, .name = "Åse Ødegård", .paragraph = "86.1", .source = "egen læge",
        .date = f->loc.env.today - 20, .address = "Ågade 1, 9000 Aalborg",
        .has_consent = true, .consent = true, .digital_post_exempt = exempt,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, &f->vis, &in, &r, e));
    char d[GENOP_DATE_STR_SIZE], text[256];
    snprintf(text, sizeof text, "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":false,"
             "\"reasons\":[{\"criterion\":\"other\",\"text\":\"Du kan træne selv.\"}]}",
             genop_date_format(f->loc.env.today - 1, d));
    must(casework_test_append(&f->loc, &f->vis, r.case_id, text, NULL, e));
    return r.case_id;
}

static int64_t make_letter(fixture *f, int64_t case_id, const char *kind)
{
    casework_letter_input in = {kind, "Vurderingen.", false};
    int64_t id = 0;
    must(casework_letter_make(&f->loc.env, &f->vis, case_id, &in, &id, e));
    return id;
}

/* The status of letter id of case case_id. */
static void expect_status(fixture *f, int64_t case_id, int64_t id, const char *status)
{
    genop_list list = {0};
    must(casework_letters_list(&f->loc.env, &f->vis, case_id, &list, e));
    const genop_letter_row *l = list.items;
    size_t i = 0;
    while (i < list.n && l[i].id != id)
        i++;
    assert_true(i < list.n);
    assert_string_equal(l[i].status, status);
    genop_store_free_list(&list);
}

/* The dates of the case's decision_received events into out; how many. */
static size_t receipts(fixture *f, int64_t case_id, genop_date out[4])
{
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    must(case_view_load(f->loc.store, "aalborg", case_id,
                        casework_standard(&f->loc.env, "aalborg"), &lc, e));
    size_t n = 0;
    for (size_t i = 0; i < lc.view.n_events; i++)
        if (lc.view.events[i].type == GENOP_EV_DECISION_RECEIVED && n < 4)
            out[n++] = lc.view.events[i].date;
    case_view_release(&lc);
    return n;
}

static size_t log_rows(fixture *f, int64_t case_id, const char *action)
{
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "aalborg", case_id, &row, e));
    genop_list rows = {0};
    size_t total = 0, n = 0;
    must(casework_access_log(&f->loc.env, &f->led, row.citizen_id, 0, 0, &rows, &total, e));
    const genop_access_entry *a = rows.items;
    for (size_t i = 0; i < rows.n; i++)
        n += strcmp(a[i].action, action) == 0;
    genop_store_free_list(&rows);
    return n;
}

static genop_date day(int y, int m, int d)
{
    return genop_date_from_ymd_unchecked(y, m, d);
}

/* The id of the case's first stored event of type. */
static int64_t event_id_of(fixture *f, int64_t case_id, const char *type)
{
    genop_list evs = {0};
    int64_t id = 0;
    must(genop_store_events_list(f->loc.store, "aalborg", case_id, &evs, e));
    const genop_event_row *rows = evs.items;
    for (size_t i = 0; i < evs.n && !id; i++)
        if (strcmp(rows[i].type, type) == 0)
            id = rows[i].id;
    genop_store_free_events(&evs);
    assert_true(id > 0);
    return id;
}

static void test_digital_post(void **state)
{
    fixture *f = *state;
    int64_t k = decided_case(f, "0101501234", false);
    int64_t id = make_letter(f, k, "decision");
    casework_sent sent;
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, id, &sent, e));
    assert_string_equal(sent.d.channel, "digital_post");
    assert_int_equal(sent.received, f->loc.env.today);
    assert_true(sent.received_event > 0);
    assert_int_equal(strlen(sent.d.memo_uuid), 36);
    assert_string_equal(sent.d.sent_by, "vera");

    char path[400];
    snprintf(path, sizeof path, "%s/new/%s", f->spool, sent.d.spool_file);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char xml[1 << 20];
    size_t n = fread(xml, 1, sizeof xml, fp);
    fclose(fp);
    assert_true(n > 100 && n < sizeof xml);
    must(genop_memo_validate(f->ob.schema, xml, n, e));
    xml[n] = '\0';
    assert_non_null(strstr(xml, "<senderID>12345678</senderID>"));
    assert_non_null(strstr(xml, "<recipientID>0101501234</recipientID>"));

    genop_date got[4];
    assert_int_equal(receipts(f, k, got), 1);
    assert_int_equal(got[0], f->loc.env.today);
    expect_status(f, k, id, "sent");
    assert_int_equal(log_rows(f, k, "letter.send"), 1);

    genop_error why;
    assert_int_equal(casework_letter_send(&f->loc.env, &f->ob, &f->led, id, NULL, &why),
                     GENOP_ECONFLICT);
    assert_non_null(strstr(why.message, "allerede sendt"));
    assert_non_null(strstr(why.message, "Digital Post"));
}

static void test_print_receipt_dates(void **state)
{
    fixture *f = *state;
    /* Monday 22 March 2027: Skærtorsdag, Langfredag, the weekend and 2.
     * påskedag are no workdays, so the sixth is Friday 2 April. */
    int64_t k = decided_case(f, "0202501234", true);
    int64_t id = make_letter(f, k, "decision");
    casework_sent sent;
    must(casework_letter_send(&f->loc.env, &f->ob, &f->led, id, &sent, e));
    assert_string_equal(sent.d.channel, "print");
    assert_string_equal(sent.d.memo_uuid, "");
    assert_int_equal(sent.received, day(2027, 4, 2));
    assert_true(sent.received_event > 0);
    genop_date got[4];
    assert_int_equal(receipts(f, k, got), 1);
    assert_int_equal(got[0], day(2027, 4, 2));
    expect_status(f, k, id, "queued");
    /* a correction of another event is taken though the receipt is ahead */
    must(casework_test_append(&f->loc, &f->vis, k,
                              "{\"type\":\"note\",\"date\":\"2027-03-22\",\"text\":\"x\"}", NULL, e));
    char corr[256];
    snprintf(corr, sizeof corr, "{\"type\":\"correction\",\"date\":\"2027-03-22\",\"corrects\":"
             "%" PRId64 ",\"event\":{\"type\":\"decision\",\"date\":\"2027-03-21\",\"granted\":"
             "false,\"reasons\":[{\"criterion\":\"other\",\"text\":\"Rettet.\"}]},\"reason\":"
             "\"ny tekst\"}", event_id_of(f, k, "decision"));
    must(casework_test_append(&f->loc, &f->vis, k, corr, NULL, e));

    /* Wednesday 10 February 2027: over one weekend, Thursday the 18th. */
    casework_local_set_time(&f->loc, A_WEDNESDAY);
    int64_t k2 = decided_case(f, "0303501234", true);
    int64_t id2 = make_letter(f, k2, "decision");
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, id2, &sent, e));
    assert_int_equal(sent.received, day(2027, 2, 18));
}

static void test_receipt_once(void **state)
{
    fixture *f = *state;
    int64_t k = decided_case(f, "0404501234", false);
    casework_sent sent;
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, make_letter(f, k, "decision"),
                              &sent, e));
    assert_true(sent.received_event > 0);
    /* a new version of the letter for the same decision */
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, make_letter(f, k, "decision"),
                              &sent, e));
    assert_int_equal(sent.received_event, 0);
    genop_date got[4];
    assert_int_equal(receipts(f, k, got), 1);
    /* a later decision (revisitation) is received on its own */
    must(casework_test_append(&f->loc, &f->vis, k, "{\"type\":\"decision\",\"date\":"
                              "\"2027-03-22\",\"granted\":false,\"reasons\":[{\"criterion\":"
                              "\"other\",\"text\":\"Igen.\"}]}", NULL, e));
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, make_letter(f, k, "decision"),
                              &sent, e));
    assert_true(sent.received_event > 0);
    assert_int_equal(receipts(f, k, got), 2);
    /* registered by hand before the letter went */
    int64_t k2 = decided_case(f, "0505501234", false);
    must(casework_test_append(&f->loc, &f->vis, k2,
                              "{\"type\":\"decision_received\",\"date\":\"2027-03-22\"}", NULL, e));
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, make_letter(f, k2, "decision"),
                              &sent, e));
    assert_int_equal(sent.received_event, 0);
    assert_int_equal(receipts(f, k2, got), 1);
    /* a letter that is no decision records none */
    must(casework_test_append(&f->loc, &f->vis, k2,
                              "{\"type\":\"complaint_received\",\"date\":\"2027-03-22\"}", NULL, e));
    must(casework_test_append(&f->loc, &f->vis, k2, "{\"type\":\"complaint_decided\",\"date\":"
                              "\"2027-03-22\",\"upheld\":\"full\"}", NULL, e));
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis,
                              make_letter(f, k2, "complaint_decision"), &sent, e));
    assert_int_equal(sent.received_event, 0);
    assert_int_equal(receipts(f, k2, got), 1);
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    casework_env *env = &f->loc.env;
    int64_t k = decided_case(f, "0606501234", false);
    int64_t id = make_letter(f, k, "decision");
    genop_error why;
    assert_int_equal(casework_letter_send(env, &f->ob, &f->ter, id, NULL, &why),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_letter_send(env, &f->ob, &f->adm, id, NULL, &why),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_letter_send(env, &f->ob, &f->skive, id, NULL, &why),
                     GENOP_ENOTFOUND);
    assert_int_equal(casework_letter_send(env, &f->ob, &f->vis, id + 100, NULL, &why),
                     GENOP_ENOTFOUND);
    assert_string_equal(why.message, "Brevet findes ikke.");
    casework_outbox none = {NULL, f->ob.schema};
    assert_int_equal(casework_letter_send(env, &none, &f->vis, id, NULL, &why), GENOP_EREFUSED);
    assert_non_null(strstr(why.message, "spoolmappe"));
    assert_int_equal(casework_letter_send(env, NULL, &f->vis, id, NULL, &why), GENOP_EREFUSED);
    assert_int_equal(casework_dp_sender_set(env, "skive", "1234567", false, "t", &why),
                     GENOP_EINVAL);
    assert_string_equal(why.field, "cvr");
    assert_int_equal(casework_dp_sender_set(env, "skive", "1234567a", false, "t", &why),
                     GENOP_EINVAL);
    /* the decision withdrawn: its letter is not sent */
    char text[200];
    snprintf(text, sizeof text, "{\"type\":\"correction\",\"date\":\"2027-03-22\","
             "\"corrects\":%" PRId64 ",\"event\":null,\"reason\":\"fejl\"}",
             event_id_of(f, k, "decision"));
    must(casework_test_append(&f->loc, &f->vis, k, text, NULL, e));
    assert_int_equal(casework_letter_send(env, &f->ob, &f->vis, id, NULL, &why), GENOP_EREFUSED);
    assert_non_null(strstr(why.message, "trukket tilbage"));
    expect_status(f, k, id, "made");
    /* Skive has no sender CVR number */
    genop_user *sv = &f->skive;
    casework_referral in = {.cpr = "0707501234", .name = "Sofie", .paragraph = "86.1",
                            .source = "egen læge", .date = env->today - 5, .has_consent = true,
                            .consent = true};
    casework_referral_result r;
    must(casework_referral_register(env, sv, &in, &r, e));
    must(casework_test_append(&f->loc, sv, r.case_id, "{\"type\":\"decision\",\"date\":"
                              "\"2027-03-21\",\"granted\":false,\"reasons\":[{\"criterion\":"
                              "\"other\",\"text\":\"Nej.\"}]}", NULL, e));
    casework_letter_input li = {"decision", "Vurderingen.", false};
    int64_t sid = 0;
    must(casework_letter_make(env, sv, r.case_id, &li, &sid, e));
    assert_int_equal(casework_letter_send(env, &f->ob, sv, sid, NULL, &why), GENOP_EREFUSED);
    assert_non_null(strstr(why.message, "CVR-nummer"));
}

static void test_failing_spool(void **state)
{
    fixture *f = *state;
    int64_t k = decided_case(f, "0808501234", false);
    int64_t id = make_letter(f, k, "decision");
    char blocker[160], spool[200];
    snprintf(blocker, sizeof blocker, "%s/blocker", f->dir);
    FILE *fp = fopen(blocker, "w");
    assert_non_null(fp);
    fclose(fp);
    snprintf(spool, sizeof spool, "%s/spool", blocker);     /* under a file: never made */
    casework_outbox bad = {spool, f->ob.schema};
    genop_error why;
    assert_int_equal(casework_letter_send(&f->loc.env, &bad, &f->vis, id, NULL, &why), GENOP_EIO);
    assert_non_null(strstr(why.message, "Digital Post"));
    genop_date got[4];
    assert_int_equal(receipts(f, k, got), 0);
    expect_status(f, k, id, "made");
    assert_int_equal(log_rows(f, k, "letter.send"), 0);
    genop_dispatch_row d;
    assert_int_equal(genop_store_dispatch_get(f->loc.store, "aalborg", id, &d, &why),
                     GENOP_ENOTFOUND);
    /* once the spool works, it goes */
    must(casework_letter_send(&f->loc.env, &f->ob, &f->vis, id, NULL, e));
    assert_int_equal(receipts(f, k, got), 1);
}

static void test_print_queue(void **state)
{
    fixture *f = *state;
    casework_env *env = &f->loc.env;
    int64_t k1 = decided_case(f, "0909501234", true), k2 = decided_case(f, "1010501234", true);
    int64_t a = make_letter(f, k1, "decision"), b = make_letter(f, k2, "decision");
    int64_t dp = make_letter(f, decided_case(f, "1111501234", false), "decision");
    must(casework_letter_send(env, &f->ob, &f->vis, a, NULL, e));
    must(casework_letter_send(env, &f->ob, &f->vis, b, NULL, e));
    must(casework_letter_send(env, &f->ob, &f->vis, dp, NULL, e));
    genop_list q = {0};
    genop_error why;
    assert_int_equal(casework_print_queue(env, &f->ter, &q, &why), GENOP_EFORBIDDEN);
    must(casework_print_queue(env, &f->led, &q, e));
    assert_int_equal(q.n, 2);
    const genop_print_item *it = q.items;
    assert_int_equal(it[0].d.letter_id, a);
    assert_int_equal(it[1].d.letter_id, b);
    assert_string_equal(it[0].kind, "decision");
    assert_string_equal(it[0].citizen_name, "Åse Ødegård");
    genop_store_free_list(&q);
    assert_int_equal(log_rows(f, k1, "print.queue"), 1);

    genop_buf pdf = {0};
    int64_t held[OUTBOX_PRINT_MAX];
    size_t n_held = 0;
    assert_int_equal(casework_print_pdf(env, &f->led, NULL, 0, &pdf, held, &n_held, &why),
                     GENOP_EFORBIDDEN);
    must(casework_print_pdf(env, &f->vis, NULL, 0, &pdf, held, &n_held, e));
    assert_int_equal(n_held, 2);
    assert_int_equal(held[0], a);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    genop_buf_release(&pdf);
    int64_t only[] = {b};
    must(casework_print_pdf(env, &f->vis, only, 1, &pdf, held, &n_held, e));
    assert_int_equal(n_held, 1);
    assert_int_equal(held[0], b);
    genop_buf_release(&pdf);
    int64_t not_queued[] = {dp};
    assert_int_equal(casework_print_pdf(env, &f->vis, not_queued, 1, &pdf, held, &n_held, &why),
                     GENOP_EREFUSED);
    assert_int_equal(pdf.len, 0);

    int64_t twice[] = {a, a}, mixed[] = {a, dp}, unknown[] = {a, b + 100};
    assert_int_equal(casework_print_done(env, &f->led, held, 1, &why), GENOP_EFORBIDDEN);
    assert_int_equal(casework_print_done(env, &f->vis, twice, 2, &why), GENOP_EINVAL);
    assert_int_equal(casework_print_done(env, &f->vis, held, 0, &why), GENOP_EINVAL);
    assert_int_equal(casework_print_done(env, &f->vis, mixed, 2, &why), GENOP_ECONFLICT);
    assert_string_equal(why.field, "$.letters[1]");
    assert_int_equal(casework_print_done(env, &f->vis, unknown, 2, &why), GENOP_ENOTFOUND);
    expect_status(f, k1, a, "queued");           /* all or none */
    int64_t both[] = {a, b};
    must(casework_print_done(env, &f->vis, both, 2, e));
    expect_status(f, k1, a, "printed");
    expect_status(f, k2, b, "printed");
    assert_int_equal(casework_print_done(env, &f->vis, both, 1, &why), GENOP_ECONFLICT);
    assert_non_null(strstr(why.message, "allerede"));
    must(casework_print_queue(env, &f->vis, &q, e));
    assert_int_equal(q.n, 0);
    genop_store_free_list(&q);
    assert_int_equal(casework_print_pdf(env, &f->vis, NULL, 0, &pdf, held, &n_held, &why),
                     GENOP_EREFUSED);
    assert_int_equal(log_rows(f, k1, "print.done"), 1);
}

/* Runs sql on the database file; the SQLite result code. */
static int raw(fixture *f, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

static void test_records_kept(void **state)
{
    fixture *f = *state;
    casework_env *env = &f->loc.env;
    int64_t dp = make_letter(f, decided_case(f, "1212501234", false), "decision");
    int64_t pr = make_letter(f, decided_case(f, "1302501234", true), "decision");
    must(casework_letter_send(env, &f->ob, &f->vis, dp, NULL, e));
    must(casework_letter_send(env, &f->ob, &f->vis, pr, NULL, e));
    int64_t ids[] = {pr};
    must(casework_print_done(env, &f->vis, ids, 1, e));
    char sql[4][200];
    snprintf(sql[0], sizeof sql[0], "INSERT INTO letter_prints (letter_id, municipality, "
             "printed_by) VALUES (%" PRId64 ", 'aalborg', 'x')", dp);
    snprintf(sql[1], sizeof sql[1], "INSERT INTO letter_dispatches (letter_id, municipality, "
             "channel, sent_by, received) VALUES (%" PRId64 ", 'skive', 'print', 'x', "
             "'2027-03-22')", make_letter(f, decided_case(f, "1402501234", true), "decision"));
    snprintf(sql[2], sizeof sql[2], "INSERT INTO letter_dispatches (letter_id, municipality, "
             "channel, sent_by, received) VALUES (%" PRId64 ", 'aalborg', 'digital_post', 'x', "
             "'2027-03-22')", make_letter(f, decided_case(f, "1502501234", false), "decision"));
    snprintf(sql[3], sizeof sql[3], "INSERT INTO letter_dispatches (letter_id, municipality, "
             "channel, sent_by, received) VALUES (%" PRId64 ", 'aalborg', 'print', 'x', "
             "'2027-03-22')", dp);
    const char *const refused[] = {
        "UPDATE letter_dispatches SET channel = 'print'",
        "UPDATE letter_dispatches SET received = '2027-01-01'",
        "DELETE FROM letter_dispatches",
        "UPDATE letter_prints SET printed_by = 'mallory'",
        "DELETE FROM letter_prints",
        "UPDATE digital_post_senders SET cvr = '1234'",
        sql[0],        /* printed, but sent by Digital Post */
        sql[1],        /* another municipality's letter */
        sql[2],        /* Digital Post without a message */
        sql[3],        /* sent twice */
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (raw(f, refused[i]) == SQLITE_OK)
            fail_msg("SQL took: %s", refused[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_digital_post, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_receipt_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_receipt_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failing_spool, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_queue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_records_kept, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    genop_letter_pdf_shutdown();
    return rc;
}
