/*
 * test_access_report.c - the citizen's aktindsigt
 * (src/casework/letters/access_report.h) and the Danish words for events
 * it and the appeal bundle use (event_text.h):
 * - an event's members and codes in Danish, dates as Danes write them, a
 *   stored UTC time in Danish time;
 * - the report holds the citizen, every case with every event (what it
 *   says, who registered it), and the access log with this report's own
 *   making in it;
 * - who may make one (visitator; not terapeut, leder or admin), another
 *   municipality's citizen is not found, and a refusal logs nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdlib.h>

#include "access_report.h"
#include "case_read.h"
#include "casework_fixture.h"
#include "event_text.h"
#include "registry.h"

/* ---- event_text ---------------------------------------------------------- */

static char *event_text(const char *type, const char *body)
{
    genop_event_row ev;
    memset(&ev, 0, sizeof ev);
    snprintf(ev.type, sizeof ev.type, "%s", type);
    ev.body = (char *)body;
    genop_buf out = {0};
    must(casework_event_text_da(&ev, NULL, &out, e));
    char *s = strdup(out.len ? out.data : "");
    genop_buf_release(&out);
    return s;
}

static void test_event_text_in_danish(void **state)
{
    (void)state;
    char *s = event_text("session", "{\"type\":\"session\",\"date\":\"2026-11-02\","
                                    "\"minutes\":45,\"outcome\":\"no_show\"}");
    assert_string_equal(s, "Minutter: 45. Udfald: udeblevet");
    free(s);
    s = event_text("decision", "{\"type\":\"decision\",\"date\":\"2026-11-02\",\"granted\":true,"
                               "\"grant\":{\"form\":\"team\",\"until\":\"2027-03-01\","
                               "\"transport\":false,\"exceptions\":[]}}");
    assert_string_equal(s, "Bevilget: ja. Bevilling: (Træningsform: holdtræning, Til og med: "
                           "1. marts 2027, Kørsel: nej, Undtagelser fra standardens grænser: ingen)");
    free(s);
    /* A member and a code genop has no word for are shown as they are. */
    s = event_text("note", "{\"type\":\"note\",\"date\":\"2026-11-02\",\"x_extra\":\"abc\"}");
    assert_string_equal(s, "x_extra: abc");
    free(s);
    assert_string_equal(casework_event_type_da("complaint_forwarded"),
                        "Klage videresendt til Ankestyrelsen");
    assert_string_equal(casework_event_type_da("unknown_type"), "unknown_type");

    genop_event_row bad;
    memset(&bad, 0, sizeof bad);
    bad.body = "{not json";
    genop_buf out = {0};
    genop_error e;
    assert_int_equal(casework_event_text_da(&bad, NULL, &out, &e), GENOP_EPARSE);
    genop_buf_release(&out);
}

/* With the standard: a refusal's criterion by its text, an exception's
 * limit by its label, "other" in words. */
static void test_event_text_in_the_standards_words(void **state)
{
    (void)state;
    genop_standard *std = NULL;
    must(genop_registry_load("rodovre", &std, e));
    genop_event_row ev;
    memset(&ev, 0, sizeof ev);
    snprintf(ev.type, sizeof ev.type, "decision");
    ev.body = "{\"type\":\"decision\",\"granted\":false,\"reasons\":["
              "{\"criterion\":\"limitations\",\"text\":\"Klarer sig selv.\"},"
              "{\"criterion\":\"other\",\"text\":\"Flytter.\"}],"
              "\"grant\":{\"exceptions\":[{\"limit\":\"sessions\",\"max\":40}]}}";
    genop_buf out = {0};
    must(casework_event_text_da(&ev, std, &out, e));
    assert_non_null(strstr(out.data, "Kriterium: »Borgeren skal opleve moderate eller "
                                     "væsentlige begrænsninger i at klare sig i hverdagen.«"));
    assert_non_null(strstr(out.data, "Kriterium: anden begrundelse (ikke et af"));
    assert_non_null(strstr(out.data, "Grænse: Træningsgange i alt, Højst: 40"));
    genop_buf_release(&out);
    genop_standard_free(std);
}

static void test_timestamp_in_danish_time(void **state)
{
    (void)state;
    genop_buf out = {0};
    casework_timestamp_da("2026-12-06T11:55:00.000Z", &out);
    assert_string_equal(out.data, "6. december 2026 kl. 12.55");
    genop_buf_reset(&out);
    casework_timestamp_da("2026-07-01T22:30:00Z", &out);       /* summer: +2 */
    assert_string_equal(out.data, "2. juli 2026 kl. 00.30");
    genop_buf_reset(&out);
    casework_timestamp_da("i går", &out);                       /* as it is */
    assert_string_equal(out.data, "i går");
    genop_buf_release(&out);
}

/* ---- the report ---------------------------------------------------------- */

typedef struct fixture {
    char dir[64], db[96];
    casework_local loc;
    genop_user vis, ter, leder, admin, skive_vis;
    int64_t case_id, citizen_id;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("access-report", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->ter, "aalborg", GENOP_ROLE_TERAPEUT, "ter");
    casework_test_user(&f->loc, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder");
    casework_test_user(&f->loc, &f->admin, "aalborg", GENOP_ROLE_ADMIN, "admin");
    casework_test_user(&f->loc, &f->skive_vis, "skive", GENOP_ROLE_VISITATOR, "vis.skive");
    f->case_id = casework_test_case(&f->loc, &f->vis, "0101501234", "Søren Ærø Åberg");
    char ev[512], d[GENOP_DATE_STR_SIZE];
    snprintf(ev, sizeof ev, "{\"type\":\"decision\",\"date\":\"%s\",\"granted\":true,%s}",
             genop_date_format(f->loc.env.today - 15, d), TEST_GRANT);
    must(casework_test_append(&f->loc, &f->vis, f->case_id, ev, NULL, e));
    snprintf(ev, sizeof ev, "{\"type\":\"session\",\"date\":\"%s\",\"minutes\":45,"
             "\"outcome\":\"attended\"}", genop_date_format(f->loc.env.today - 10, d));
    must(casework_test_append(&f->loc, &f->ter, f->case_id, ev, NULL, e));
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "aalborg", f->case_id, &row, e));
    f->citizen_id = row.citizen_id;
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

/* The first block of kind whose text contains needle, or NULL. */
static const genop_letter_block *find(const genop_letter_doc *doc, genop_letter_block_kind kind,
                                      const char *needle)
{
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == kind && strstr(doc->blocks[i].text, needle))
            return &doc->blocks[i];
    return NULL;
}

/* The number of access-log rows of the citizen with action. */
static size_t log_rows(fixture *f, const char *action)
{
    genop_list rows = {0};
    size_t total = 0, n = 0;
    must(casework_import_reads(&f->loc.env, e));
    must(genop_store_access_log_list(f->loc.store, "aalborg", f->citizen_id, 0, 0, &rows, &total, e));
    const genop_access_entry *r = rows.items;
    for (size_t i = 0; i < rows.n; i++) n += strcmp(r[i].action, action) == 0;
    genop_store_free_list(&rows);
    return n;
}

static void test_report_holds_everything(void **state)
{
    fixture *f = *state;
    genop_letter_doc *doc = NULL;
    must(casework_access_report(&f->loc.env, &f->vis, f->citizen_id, &doc, e));
    assert_string_equal(doc->kind, "access_report");
    assert_string_equal(doc->sender.line[0], "Aalborg Kommune");
    assert_string_equal(doc->sender.line[1], "Visitationen");   /* the letterhead of letters */
    assert_string_equal(doc->recipient.line[0], "Søren Ærø Åberg");
    assert_string_equal(doc->recipient.line[1], "Algade 1, 9000 Aalborg");
    assert_non_null(find(doc, GENOP_LETTER_FACT, "0101501234"));
    assert_non_null(find(doc, GENOP_LETTER_SOURCE, "Forvaltningsloven § 9"));
    char heading[64];
    snprintf(heading, sizeof heading, "Sag %lld: serviceloven § 86, stk. 1", (long long)f->case_id);
    assert_non_null(find(doc, GENOP_LETTER_HEADING, heading));
    assert_non_null(find(doc, GENOP_LETTER_ITEM, "Henvendelse modtaget"));
    assert_non_null(find(doc, GENOP_LETTER_ITEM, "Afgørelse"));
    assert_non_null(find(doc, GENOP_LETTER_PARAGRAPH, "Træningsform: holdtræning"));
    const genop_letter_block *session = find(doc, GENOP_LETTER_PARAGRAPH, "Udfald: fremmødt");
    assert_non_null(session);
    assert_non_null(strstr(session->text, " af ter."));   /* who registered it */
    /* The access log: the event appended, and this report's own making. */
    assert_non_null(find(doc, GENOP_LETTER_ITEM, "ter, Registrerede en hændelse"));
    assert_non_null(find(doc, GENOP_LETTER_ITEM, "vis, Udskrev en aktindsigt. Formål: "
                                                 "aktindsigt udleveret til borgeren"));
    genop_letter_doc_free(doc);
    assert_int_equal(log_rows(f, "citizen.access_report"), 1);
}

static void test_report_refusals(void **state)
{
    fixture *f = *state;
    genop_letter_doc *doc = (genop_letter_doc *)f;   /* must be set to NULL */
    genop_error e;
    assert_int_equal(casework_access_report(&f->loc.env, &f->ter, f->citizen_id, &doc, &e),
                     GENOP_EFORBIDDEN);
    assert_null(doc);
    assert_int_equal(casework_access_report(&f->loc.env, &f->admin, f->citizen_id, &doc, &e),
                     GENOP_EFORBIDDEN);
    /* A leder sees no addresses or full CPR numbers (roles.h). */
    assert_int_equal(casework_access_report(&f->loc.env, &f->leder, f->citizen_id, &doc, &e),
                     GENOP_EFORBIDDEN);
    assert_int_equal(casework_access_report(&f->loc.env, &f->skive_vis, f->citizen_id, &doc, &e),
                     GENOP_ENOTFOUND);
    assert_message_contains(e, "Borgeren findes ikke");
    assert_int_equal(casework_access_report(&f->loc.env, &f->vis, 999999, &doc, &e),
                     GENOP_ENOTFOUND);
    assert_int_equal(log_rows(f, "citizen.access_report"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_text_in_danish),
        cmocka_unit_test(test_event_text_in_the_standards_words),
        cmocka_unit_test(test_timestamp_in_danish_time),
        cmocka_unit_test_setup_teardown(test_report_holds_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_refusals, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
