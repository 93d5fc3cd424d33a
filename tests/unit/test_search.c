/*
 * test_search.c - finding citizens and cases:
 * - the words of a name as search compares them (src/core/name_words.h):
 *   split at what is not a letter or digit, lower case, the accents Danish
 *   does not write taken off, æ, ø and å letters of their own (composed or
 *   decomposed), a word too long cut at a whole character;
 * - reading a search text (src/casework/case_search.h): CPR numbers with
 *   and without the dash, case numbers, name words, and the refusals
 *   (field "q") of an empty, too long, non-UTF-8 or wordless text; the
 *   access-log purpose of a search, which never holds a CPR number;
 * - a case's stage (case_stage.h) from its events;
 * - searching a real database through the domain layer: words at the
 *   start of name words in any order, never another municipality's
 *   citizen, one access-log row per citizen shown, the words following a
 *   renamed citizen (the triggers), no citizen written by a connection
 *   without genop's SQL functions, the citizen search of a leder, a stage
 *   unknown since before migration 8 filled in by the refresh, and a
 *   failing store never a refusal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "case_list.h"
#include "case_search.h"
#include "case_stage.h"
#include "casework_fixture.h"
#include "name_words.h"
#include "projection_refresh.h"
#include "referral.h"
#include "sqlite/sql_functions.h"
#include "utf8.h"

/* ---- name words ------------------------------------------------------ */

/* The words of text, folded, joined by "|". */
static void words_of(const char *text, char *buf, size_t size)
{
    char word[GENOP_NAME_WORD_SIZE];
    size_t len = 0;
    buf[0] = '\0';
    while (genop_name_word_next(&text, word, sizeof word, NULL))
        len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "|" : "", word);
}

static void assert_words(const char *text, const char *want)
{
    char got[512];
    words_of(text, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("words of \"%s\": \"%s\", not \"%s\"", text, got, want);
}

static void test_name_words(void **state)
{
    (void)state;
    assert_words("Bent Kristensen", "bent|kristensen");
    assert_words("  BENT   kristensen ", "bent|kristensen");
    assert_words("Bent Ærø Østergård-Christiansen", "bent|ærø|østergård|christiansen");
    assert_words("ÅSE ÆBLEGÅRD ØRSKOV", "åse|æblegård|ørskov");
    assert_words("René Müller", "rene|muller");
    assert_words("Jönsson Ångström", "jonsson|ångstrom");
    assert_words("François Ñúñez Çelik", "francois|nunez|celik");
    assert_words("A\xcc\x8asE", "åse");                      /* a + ring above: å */
    assert_words("Jose\xcc\x81 Ba\xcc\x88r", "jose|bar");     /* other marks dropped */
    assert_words("O'Brien Jr. (far)", "o|brien|jr|far");
    assert_words("Anne\xe2\x80\x93Marie \xe2\x80\x9cMia\xe2\x80\x9d", "anne|marie|mia");
    assert_words("Łukasz Ŵyatt Straße", "łukasz|ŵyatt|straße");
    assert_words("Tor\xff\xfe" "ben 12b", "tor|ben|12b");            /* bad bytes separate */
    assert_words("Бент", "Бент");                                 /* kept as it is */
    assert_words("  -- ", "");
    assert_words("", "");
}

static void test_name_fold(void **state)
{
    (void)state;
    assert_int_equal(genop_name_fold('Q'), 'q');
    assert_int_equal(genop_name_fold('7'), '7');
    assert_int_equal(genop_name_fold(0xC5), 0xE5);     /* Å å */
    assert_int_equal(genop_name_fold(0xC6), 0xE6);     /* Æ æ */
    assert_int_equal(genop_name_fold(0xD8), 0xF8);     /* Ø ø */
    assert_int_equal(genop_name_fold(0xE5), 0xE5);
    assert_int_equal(genop_name_fold(0xC9), 'e');      /* É */
    assert_int_equal(genop_name_fold(0xDC), 'u');      /* Ü */
    assert_int_equal(genop_name_fold(0xDF), 0xDF);     /* ß */
    assert_int_equal(genop_name_fold(0x178), 'y');     /* Ÿ */
    assert_int_equal(genop_name_fold(0x141), 0x142);   /* Ł ł */
    assert_int_equal(genop_name_fold(0x160), 0x161);   /* Š š */
    assert_int_equal(genop_name_fold(0x17D), 0x17E);   /* Ž ž */
    assert_int_equal(genop_name_fold(0xD7), 0);        /* × */
    assert_int_equal(genop_name_fold('-'), 0);
    assert_int_equal(genop_name_fold(0xA0), 0);        /* no-break space */
    assert_int_equal(genop_name_fold(0x2019), 0);      /* ’ */
    assert_int_equal(genop_name_fold(0x3000), 0);
}

static void test_name_word_cut(void **state)
{
    (void)state;
    char word[6];
    bool cut;
    const char *p = "æææ bo";
    assert_int_equal(genop_name_word_next(&p, word, sizeof word, &cut), 4);
    assert_string_equal(word, "ææ");                 /* the third æ would not fit */
    assert_true(cut);
    assert_int_equal(genop_name_word_next(&p, word, sizeof word, &cut), 2);
    assert_string_equal(word, "bo");
    assert_false(cut);
    assert_int_equal(genop_name_word_next(&p, word, sizeof word, &cut), 0);
    assert_string_equal(word, "");
}

/* ---- reading a search ------------------------------------------------ */

static genop_case_search parsed(const char *text)
{
    genop_case_search s;
    must(casework_search_parse(text, &s, e));
    return s;
}

static void expect_refused(const char *text, const char *needle)
{
    genop_case_search s;
    genop_error err;
    genop_error_clear(&err);
    assert_int_equal(casework_search_parse(text, &s, &err), GENOP_EINVAL);
    assert_string_equal(err.field, "q");
    assert_message_contains(err, needle);
}

static void test_search_parse(void **state)
{
    (void)state;
    genop_case_search s = parsed("010145-1234");
    assert_string_equal(s.cpr, "0101451234");
    assert_int_equal(s.case_id, 0);
    assert_int_equal(s.n_words, 0);
    s = parsed(" 0101451234 ");
    assert_string_equal(s.cpr, "0101451234");
    assert_int_equal(s.case_id, 101451234);            /* ten digits may be a case number */
    s = parsed("12");
    assert_string_equal(s.cpr, "");
    assert_int_equal(s.case_id, 12);
    s = parsed("3213451234");                          /* no such date: no CPR number */
    assert_string_equal(s.cpr, "");
    assert_int_equal(s.case_id, 3213451234);
    s = parsed("010145-12345");                        /* neither: matches nothing */
    assert_string_equal(s.cpr, "");
    assert_int_equal(s.case_id, 0);
    assert_int_equal(s.n_words, 0);
    s = parsed("Ben KRI");
    assert_int_equal(s.n_words, 2);
    assert_string_equal(s.words[0], "ben");
    assert_string_equal(s.words[1], "kri");
    s = parsed("Ærø-Øster");
    assert_int_equal(s.n_words, 2);
    assert_string_equal(s.words[0], "ærø");
    assert_string_equal(s.words[1], "øster");
    assert_int_equal(parsed("a b c d e f g h").n_words, 8);

    expect_refused("", "Skriv et navn, et CPR-nummer eller et sagsnummer");
    expect_refused("   ", "Skriv et navn");
    expect_refused(" - / ", "Skriv et navn");
    expect_refused(NULL, "Skriv et navn");
    expect_refused("a b c d e f g h i", "højst 8 ord");
    expect_refused("Bent \xff", "ikke er gyldig UTF-8");
    char text[CASEWORK_SEARCH_TEXT_MAX * 2 + 8];
    memset(text, 'a', CASEWORK_SEARCH_TEXT_MAX);
    text[CASEWORK_SEARCH_TEXT_MAX] = '\0';
    assert_int_equal(parsed(text).n_words, 1);         /* exactly 100 characters */
    strcat(text, "b");
    expect_refused(text, "højst 100 tegn, ikke 101");
    text[0] = '\0';
    for (int i = 0; i < 70; i++)
        strcat(text, "ø");                             /* 70 characters, 140 bytes */
    expect_refused(text, "længere, end et navn kan være");
}

static void test_search_purpose(void **state)
{
    (void)state;
    char buf[GENOP_TEXT_SMALL_MAX];
    genop_case_search s = parsed("Ben  kri");
    casework_search_purpose(&s, NULL, buf, sizeof buf);
    assert_string_equal(buf, "søgning på navn \"ben kri\"");
    s = parsed("010145-1234");
    casework_search_purpose(&s, NULL, buf, sizeof buf);
    assert_string_equal(buf, "søgning på CPR-nummer");
    s = parsed("0101451234");
    casework_search_purpose(&s, "kontrol", buf, sizeof buf);
    assert_string_equal(buf, "kontrol: søgning på CPR-nummer eller sagsnummer");
    assert_null(strstr(buf, "0101"));
    s = parsed("42");
    casework_search_purpose(&s, NULL, buf, sizeof buf);
    assert_string_equal(buf, "søgning på sagsnummer 42");
    /* Long words are cut at a whole character, with an ellipsis. */
    s = parsed("ææææææææææææææææææææææææææææææ øøøøøøøøøøøøøøøøøøøøøøøøøøøøøø "
               "åååååååååååååååååååååååååååååå");
    casework_search_purpose(&s, "kontrol af adgang til personoplysninger", buf, sizeof buf);
    assert_true(strlen(buf) < sizeof buf);
    assert_true(strlen(buf) >= sizeof buf - 4);
    assert_string_equal(buf + strlen(buf) - strlen("…"), "…");
    char copy[sizeof buf];
    memcpy(copy, buf, sizeof buf);
    genop_utf8_sanitize(copy);
    assert_string_equal(copy, buf);                    /* still whole characters */
}

/* ---- a case's stage -------------------------------------------------- */

/* Adds an event of type t on day d (days after 2026-01-01). */
static void add(genop_case *c, genop_event_type t, int d, bool granted, genop_upheld upheld,
                genop_outcome outcome)
{
    genop_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = t;
    ev.date = date_of("2026-01-01") + d;
    ev.granted = granted;
    ev.upheld = upheld;
    ev.outcome = outcome;
    ev.minutes = 30;
    if (t == GENOP_EV_REFERRAL_RECEIVED)
        ev.paragraph = GENOP_PARA_86_1;
    must(genop_case_add(c, &ev, e));
    genop_case_sort(c);
}

#define ADD(c, t, d) add(c, t, d, false, GENOP_UPHELD_NONE, GENOP_OUTCOME_ATTENDED)

static void test_case_stage(void **state)
{
    (void)state;
    genop_case c;
    memset(&c, 0, sizeof c);
    ADD(&c, GENOP_EV_REFERRAL_RECEIVED, 0);
    ADD(&c, GENOP_EV_CONTACTED, 1);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_REFERRED);
    add(&c, GENOP_EV_DECISION, 2, true, GENOP_UPHELD_NONE, GENOP_OUTCOME_ATTENDED);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_GRANTED);
    add(&c, GENOP_EV_SESSION, 3, false, GENOP_UPHELD_NONE, GENOP_OUTCOME_PROVIDER_CANCELLED);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_GRANTED);   /* does not count */
    add(&c, GENOP_EV_SESSION, 4, false, GENOP_UPHELD_NONE, GENOP_OUTCOME_NO_SHOW);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_TRAINING);
    ADD(&c, GENOP_EV_CLOSED, 9);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_CLOSED);
    genop_case_release(&c);

    memset(&c, 0, sizeof c);
    ADD(&c, GENOP_EV_REFERRAL_RECEIVED, 0);
    ADD(&c, GENOP_EV_DECISION, 2);                                    /* refused */
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_REFUSED);
    ADD(&c, GENOP_EV_COMPLAINT_RECEIVED, 10);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_COMPLAINT);
    add(&c, GENOP_EV_COMPLAINT_DECIDED, 12, false, GENOP_UPHELD_PARTIAL, 0);
    ADD(&c, GENOP_EV_COMPLAINT_FORWARDED, 13);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_COMPLAINT);  /* at Ankestyrelsen */
    add(&c, GENOP_EV_DECISION, 30, true, GENOP_UPHELD_NONE, 0);      /* answered: granted */
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_GRANTED);
    genop_case_release(&c);

    memset(&c, 0, sizeof c);
    ADD(&c, GENOP_EV_REFERRAL_RECEIVED, 0);
    ADD(&c, GENOP_EV_DECISION, 2);
    ADD(&c, GENOP_EV_COMPLAINT_RECEIVED, 10);
    add(&c, GENOP_EV_COMPLAINT_DECIDED, 12, false, GENOP_UPHELD_FULL, 0);
    assert_int_equal(casework_case_stage(&c), GENOP_STAGE_REFUSED);  /* settled, no new one */
    genop_case_release(&c);
}

/* ---- searching a database -------------------------------------------- */

typedef struct fixture {
    char dir[64];
    char db[96];
    casework_local loc;
    genop_user vis, leder, admin, skive;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f || casework_test_open("search", f->dir, f->db, &f->loc))
        return -1;
    casework_test_user(&f->loc, &f->vis, "aalborg", GENOP_ROLE_VISITATOR, "vis");
    casework_test_user(&f->loc, &f->leder, "aalborg", GENOP_ROLE_LEDER, "leder");
    casework_test_user(&f->loc, &f->admin, "aalborg", GENOP_ROLE_ADMIN, "admin");
    casework_test_user(&f->loc, &f->skive, "skive", GENOP_ROLE_VISITATOR, "vis.skive");
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

/* A case of the citizen (cpr, name) by u; returns the case id, and the
 * citizen's in *citizen (if not NULL). */
static int64_t refer(fixture *f, const genop_user *u, const char *cpr, const char *name,
                     int64_t *citizen)
{
    casework_referral in = {
        .cpr = cpr, .name = name, .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = f->loc.env.today - 3,
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&f->loc.env, u, &in, &r, e));
    if (citizen)
        *citizen = r.citizen_id;
    return r.case_id;
}

/* The ids of the cases that text finds for u, newest first, as "3,1";
 * *total the number of matches. */
static void found(fixture *f, const genop_user *u, const char *text, char *buf, size_t size,
                  size_t *total)
{
    genop_case_search s;
    must(casework_search_parse(text, &s, e));
    genop_case_filter filter = {.closed = -1, .search = &s, .limit = 50};
    genop_list l = {0};
    must(casework_cases_list(&f->loc.env, u, &filter, &l, total, e));
    const genop_case_summary *items = l.items;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < l.n; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%lld", i ? "," : "",
                                (long long)items[i].c.id);
    genop_store_free_list(&l);
}

static void assert_found(fixture *f, const genop_user *u, const char *text, const char *want)
{
    char got[256];
    size_t total;
    found(f, u, text, got, sizeof got, &total);
    if (strcmp(got, want) != 0)
        fail_msg("search \"%s\" found [%s], not [%s]", text, got, want);
}

static void test_search_cases(void **state)
{
    fixture *f = *state;
    char want[64];
    int64_t bent1 = refer(f, &f->vis, "0101451234", "Bent Kristensen", NULL);
    int64_t bent2 = refer(f, &f->vis, "0202501234", "Bent Kristensen", NULL);
    int64_t aase = refer(f, &f->vis, "0303601234", "Åse Ærø-Østergård", NULL);
    int64_t krist = refer(f, &f->vis, "0404701234", "Kristian Bentsen", NULL);
    int64_t bent1b = refer(f, &f->vis, "010145-1234", "Bent Kristensen", NULL);  /* a second case */
    int64_t other = refer(f, &f->skive, "0101451234", "Bent Kristensen", NULL);
    assert_true(other > bent1b);

    snprintf(want, sizeof want, "%lld,%lld,%lld,%lld", (long long)bent1b, (long long)krist,
             (long long)bent2, (long long)bent1);
    assert_found(f, &f->vis, "ben kri", want);          /* any order of the words */
    assert_found(f, &f->vis, "BENT", want);
    snprintf(want, sizeof want, "%lld,%lld,%lld", (long long)bent1b, (long long)bent2,
             (long long)bent1);
    assert_found(f, &f->vis, "bent kristensen", want);
    assert_found(f, &f->vis, "ent", "");               /* not at a word's start */
    assert_found(f, &f->vis, "sen", "");
    assert_found(f, &f->vis, "bent zz", "");           /* every word must match */
    snprintf(want, sizeof want, "%lld,%lld", (long long)bent1b, (long long)bent1);
    assert_found(f, &f->vis, "010145-1234", want);     /* both of the citizen's cases */
    assert_found(f, &f->vis, "0101451234", want);
    snprintf(want, sizeof want, "%lld", (long long)aase);
    assert_found(f, &f->vis, "åse", want);
    assert_found(f, &f->vis, "ÆRØ øst", want);
    assert_found(f, &f->vis, "ase", "");                /* å is not a */
    snprintf(want, sizeof want, "%lld", (long long)bent2);
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)bent2);
    assert_found(f, &f->vis, id, want);
    /* Another municipality: never its citizen, not by name, CPR or id. */
    snprintf(id, sizeof id, "%lld", (long long)other);
    assert_found(f, &f->vis, id, "");
    snprintf(want, sizeof want, "%lld", (long long)other);
    assert_found(f, &f->skive, "bent", want);
    assert_found(f, &f->skive, "0101451234", want);
    assert_found(f, &f->skive, "åse", "");
}

/* The access log's rows of action for citizen, as "purpose/case;...". */
static size_t log_rows(fixture *f, int64_t citizen, const char *action, char *buf, size_t size)
{
    genop_list l = {0};
    size_t total, n = 0, len = 0;
    must(genop_store_access_log_list(f->loc.store, "aalborg", citizen, 0, 0, &l, &total, e));
    const genop_access_entry *rows = l.items;
    buf[0] = '\0';
    for (size_t i = 0; i < l.n; i++) {
        if (strcmp(rows[i].action, action) != 0)
            continue;
        n++;
        len += (size_t)snprintf(buf + len, size - len, "%s%s/%lld", len ? ";" : "",
                                rows[i].purpose, (long long)rows[i].case_id);
    }
    genop_store_free_list(&l);
    return n;
}

static void test_search_logs_each_citizen(void **state)
{
    fixture *f = *state;
    int64_t c1, c2, c3;
    refer(f, &f->vis, "0101451234", "Bent Kristensen", &c1);
    refer(f, &f->vis, "0101451234", "Bent Kristensen", NULL);     /* a second case */
    refer(f, &f->vis, "0202501234", "Bent Hansen", &c2);
    refer(f, &f->vis, "0303601234", "Inger Holm", &c3);
    char rows[512], got[64];
    size_t total;
    found(f, &f->leder, "bent", got, sizeof got, &total);
    assert_int_equal(total, 3);
    /* One row per citizen shown (not per case), with the search. */
    assert_int_equal(log_rows(f, c1, "case.search", rows, sizeof rows), 1);
    assert_string_equal(rows, "søgning på navn \"bent\"/0");
    assert_int_equal(log_rows(f, c2, "case.search", rows, sizeof rows), 1);
    assert_int_equal(log_rows(f, c3, "case.search", rows, sizeof rows), 0);   /* not shown */
    found(f, &f->vis, "010145-1234", got, sizeof got, &total);
    assert_int_equal(log_rows(f, c1, "case.search", rows, sizeof rows), 2);
    assert_non_null(strstr(rows, "søgning på CPR-nummer/0"));
    assert_null(strstr(rows, "0101"));                  /* never the number itself */
    /* A page shows only its own citizens. */
    genop_case_search s;
    must(casework_search_parse("bent", &s, e));
    genop_case_filter filter = {.closed = -1, .search = &s, .limit = 1, .offset = 1};
    genop_list l = {0};
    must(casework_cases_list(&f->loc.env, &f->vis, &filter, &l, &total, e));
    assert_int_equal(l.n, 1);
    assert_int_equal(total, 3);
    genop_store_free_list(&l);
    assert_int_equal(log_rows(f, c2, "case.search", rows, sizeof rows), 1);
}

static void test_renamed_citizen_is_found_by_new_name(void **state)
{
    fixture *f = *state;
    int64_t citizen;
    int64_t id = refer(f, &f->vis, "0101451234", "Bent Kristensen", &citizen);
    char want[24];
    snprintf(want, sizeof want, "%lld", (long long)id);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    /* Without genop's functions a connection cannot write a name. */
    char *msg = NULL;
    assert_int_not_equal(sqlite3_exec(db, "UPDATE citizens SET name = 'Bent Ørum'", NULL, NULL,
                                      &msg), SQLITE_OK);
    assert_non_null(strstr(msg, "genop_name_words"));
    sqlite3_free(msg);
    assert_found(f, &f->vis, "kristensen", want);
    /* With them, whatever renames keeps the words right. */
    assert_int_equal(sql_functions_register(db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE citizens SET name = 'Bent Ørum'", NULL, NULL,
                                  NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_found(f, &f->vis, "kristensen", "");
    assert_found(f, &f->vis, "ørum", want);
    assert_found(f, &f->vis, "bent ØR", want);
}

static void test_citizen_search(void **state)
{
    fixture *f = *state;
    int64_t c1, c2;
    int64_t a = refer(f, &f->vis, "0101451234", "Bent Kristensen", &c1);
    int64_t b = refer(f, &f->vis, "0101451234", "Bent Kristensen", NULL);
    refer(f, &f->vis, "0202501234", "Bent Kristensen", &c2);
    refer(f, &f->skive, "0303601234", "Bent Kristensen", NULL);
    genop_case_search s;
    must(casework_search_parse("kristensen b", &s, e));
    genop_list l = {0};
    size_t total;
    genop_error err;
    assert_int_equal(casework_citizen_search(&f->loc.env, &f->vis, &s, 10, 0, &l, &total, &err),
                     GENOP_EFORBIDDEN);
    must(casework_citizen_search(&f->loc.env, &f->admin, &s, 10, 0, &l, &total, e));
    assert_int_equal(total, 2);                         /* not Skive's */
    const genop_citizen_hit *hits = l.items;
    assert_int_equal(hits[0].id, c1);                   /* by name, then birth date */
    assert_date_is(hits[0].birth_date, "1945-01-01");
    assert_int_equal(hits[0].n_cases, 2);
    assert_int_equal(hits[0].case_ids[0], b);           /* newest first */
    assert_int_equal(hits[0].case_ids[1], a);
    assert_int_equal(hits[1].id, c2);
    genop_store_free_list(&l);
    char rows[256];
    assert_int_equal(log_rows(f, c1, "citizen.search", rows, sizeof rows), 1);
    assert_string_equal(rows, "kontrol af adgang til personoplysninger: "
                              "søgning på navn \"kristensen b\"/0");
    /* By case number: the case's citizen. */
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)a);
    must(casework_search_parse(id, &s, e));
    must(casework_citizen_search(&f->loc.env, &f->leder, &s, 10, 0, &l, &total, e));
    assert_int_equal(total, 1);
    assert_int_equal(((const genop_citizen_hit *)l.items)[0].id, c1);
    genop_store_free_list(&l);
}

/* A case stored before stages were projected (NULL, as migration 8
 * leaves an open one) gets its stage from the refresh the migration asks
 * for, by forgetting the rules' fingerprints. */
static void test_refresh_fills_in_stages(void **state)
{
    fixture *f = *state;
    int64_t id = refer(f, &f->vis, "0101451234", "Bent Kristensen", NULL);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_exec(db, "UPDATE cases SET stage = NULL; DELETE FROM projection_rules",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    genop_case_row row;
    must(genop_store_case_get(f->loc.store, "aalborg", id, &row, e));
    assert_int_equal(row.stage, GENOP_STAGE_UNKNOWN);
    projection_refresh_report report;
    must(casework_projections_refresh(&f->loc.env, &report, e));
    must(genop_store_case_get(f->loc.store, "aalborg", id, &row, e));
    assert_int_equal(row.stage, GENOP_STAGE_REFERRED);
    assert_int_equal(report.n, 2);                      /* aalborg and skive */
}

static void test_search_store_failure_is_not_a_refusal(void **state)
{
    fixture *f = *state;
    refer(f, &f->vis, "0101451234", "Bent Kristensen", NULL);
    genop_case_search s;
    must(casework_search_parse("bent", &s, e));
    for (long n = 1; n <= 3; n++) {
        genop_case_filter filter = {.closed = -1, .search = &s, .limit = 10};
        genop_list l = {0};
        size_t total;
        genop_error err;
        genop_store_fail_from(f->loc.store, n);
        genop_err rc = casework_cases_list(&f->loc.env, &f->vis, &filter, &l, &total, &err);
        genop_err rc2 = casework_citizen_search(&f->loc.env, &f->leder, &s, 10, 0, &l, &total,
                                                &err);
        genop_store_fail_from(f->loc.store, 0);
        assert_true(rc == GENOP_OK || rc == GENOP_EIO);
        assert_true(rc2 == GENOP_OK || rc2 == GENOP_EIO);
        assert_false(rc == GENOP_OK && rc2 == GENOP_OK && n == 1);
        assert_null(l.items);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_words),
        cmocka_unit_test(test_name_fold),
        cmocka_unit_test(test_name_word_cut),
        cmocka_unit_test(test_search_parse),
        cmocka_unit_test(test_search_purpose),
        cmocka_unit_test(test_case_stage),
        cmocka_unit_test_setup_teardown(test_search_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_logs_each_citizen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_renamed_citizen_is_found_by_new_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_citizen_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_fills_in_stages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_store_failure_is_not_a_refusal, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
