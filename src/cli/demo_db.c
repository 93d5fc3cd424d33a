/*
 * demo_db.c - `genop demo --db PATH [--force]` (see demo_db.h): makes a
 * database to try genop with.
 *
 * 1. The file: an existing file with anything in it is refused unless
 *    --force, which deletes it (and SQLite's -wal, -shm and -journal
 *    files) first, so a demo never mixes with real data.
 * 2. The municipalities and users, through src/casework/local.h: per municipality a
 *    visitator, a terapeut, a leder and an admin named ROLE.MUNICIPALITY
 *    (Aalborg has a second visitator, visitator2.aalborg). Each password
 *    is three words and two digits drawn with libsodium's randombytes
 *    (src/casework/passwords.h; about 30 bits: enough for a demo on the
 *    loopback interface, which is all it is for), stored as argon2id and
 *    printed once, at the end.
 * 3. The cases of demo_cases.c, each registered through the domain layer
 *    (src/casework) that the API's handlers call: the referral as the
 *    municipality's visitator, then each event, read from JSON as a
 *    client's would be (event_input.h) - as the therapist for sessions,
 *    function statuses and closing, else as the visitator. So the cases
 *    pass the same validation and event rules, get their worklist
 *    projection and leave their trail in the access log, just as if staff
 *    had typed them in.
 * 4. The training calendar (demo_calendar.h): per municipality a
 *    training centre with rooms, six therapists (terapeut, terapeut2 ...
 *    terapeut6) with hours and an absence, two teams, and courses of
 *    appointments around today for the granted cases.
 * 5. A Danish summary: the cases per municipality, the users with their
 *    passwords, and how to log in.
 *
 * Dates are counted back from today in Denmark in each municipality's own
 * workday calendar (demo_db.h).
 */
#include "demo_db.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "cpr.h"
#include "demo_calendar.h"
#include "event_append.h"
#include "event_input.h"
#include "letter_pdf.h"
#include "letters.h"
#include "local.h"
#include "outbox.h"
#include "passwords.h"
#include "referral.h"
#include "store.h"

/* The demo's sender CVR number in Digital Post: a test value (docs/memo.md). */
#define DEMO_TEST_CVR "12345678"

#define DEMO_URL_DEFAULT "http://127.0.0.1:8086"
#define DEMO_USERS_MAX 64
#define DEMO_PASSWORD_MAX CASEWORK_PASSWORD_SIZE
#define DEMO_PASSWORD_WORDS 3
#define DEMO_PATH_MAX 4096

typedef struct demo_user {
    genop_user u;
    char password[DEMO_PASSWORD_MAX];
    const genop_standard *std;     /* borrowed from the casework_local */
} demo_user;

/* Everything made so far, for the summary. */
typedef struct demo_state {
    casework_local loc;            /* owned */
    genop_date today;
    demo_user users[DEMO_USERS_MAX];
    size_t n_users;
    int64_t *case_ids;             /* owned: demo_n_cases ids, in table order */
} demo_state;

/* ---- the file ------------------------------------------------------------- */

/* Deletes path+suffix if it exists. */
static int remove_file(const char *db, const char *suffix)
{
    char path[DEMO_PATH_MAX];
    int n = snprintf(path, sizeof path, "%s%s", db, suffix);
    if (n < 0 || (size_t)n >= sizeof path) {
        cli_error("demo: stien %.60s... er for lang", db);
        return CLI_FAILED;
    }
    if (unlink(path) != 0 && errno != ENOENT) {
        cli_error("demo: %s kan ikke slettes: %s", path, strerror(errno));
        return CLI_FAILED;
    }
    return CLI_OK;
}

int demo_db_prepare_file(const char *location, bool force)
{
    genop_store_location loc;
    genop_error e;
    if (genop_store_location_parse(location, &loc, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    const char *db = loc.path;
    struct stat st;
    if (stat(db, &st) != 0) {
        if (errno == ENOENT)
            return CLI_OK;
        cli_error("demo: %s kan ikke undersøges: %s", db, strerror(errno));
        return CLI_FAILED;
    }
    if (!S_ISREG(st.st_mode)) {
        cli_error("demo: %s findes og er ikke en almindelig fil", db);
        return CLI_FAILED;
    }
    if (st.st_size == 0)
        return CLI_OK;
    if (!force) {
        cli_error("demo: databasen %s findes allerede og er ikke tom; demoen overskriver "
                  "den ikke. Brug --force for at slette den og lave en ny demodatabase", db);
        return CLI_FAILED;
    }
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (remove_file(db, suffixes[i]))
            return CLI_FAILED;
    return CLI_OK;
}

/* ---- users ---------------------------------------------------------------- */

static int add_user(demo_state *st, const genop_standard *std, genop_role role,
                    const char *name)
{
    genop_error e;
    if (st->n_users == DEMO_USERS_MAX) {
        cli_error("demo: for mange brugere");
        return CLI_FAILED;
    }
    demo_user *du = &st->users[st->n_users];
    memset(du, 0, sizeof *du);
    du->std = std;
    du->u.role = role;
    snprintf(du->u.municipality, sizeof du->u.municipality, "%s", std->id);
    snprintf(du->u.username, sizeof du->u.username, "%s.%s", name, std->id);
    if (casework_password_generate(du->password, sizeof du->password, DEMO_PASSWORD_WORDS, &e) ||
        casework_local_user_add(&st->loc, &du->u, du->password, &e)) {
        cli_error("demo: brugeren %s kan ikke oprettes: %s", du->u.username, e.message);
        return CLI_FAILED;
    }
    st->n_users++;
    return CLI_OK;
}

static int add_municipality(demo_state *st, const char *id)
{
    genop_error e;
    const genop_standard *std = casework_standard(&st->loc.env, id);
    if (!std) {
        cli_error("demo: ingen indbygget standard for kommunen %s", id);
        return CLI_FAILED;
    }
    if (casework_local_municipality_ensure(&st->loc, std, &e)) {
        cli_error("demo: kommunen %s kan ikke oprettes: %s", id, e.message);
        return CLI_FAILED;
    }
    /* The sender in Digital Post: an obvious test value, no municipality's
     * CVR number, and marked as a test value (docs/memo.md). */
    if (casework_dp_sender_set(&st->loc.env, id, DEMO_TEST_CVR, true, "genop demo", &e)) {
        cli_error("demo: kommunens afsender i Digital Post kan ikke sættes: %s", e.message);
        return CLI_FAILED;
    }
    for (int r = 0; r < GENOP_ROLE_COUNT; r++) {
        if (add_user(st, std, (genop_role)r, genop_role_name((genop_role)r)))
            return CLI_FAILED;
        if (r == GENOP_ROLE_VISITATOR && strcmp(id, "aalborg") == 0 &&
            add_user(st, std, GENOP_ROLE_VISITATOR, "visitator2"))
            return CLI_FAILED;
    }
    for (int k = 2; k <= DEMO_THERAPISTS; k++) {     /* the calendar's therapists */
        char name[16];
        snprintf(name, sizeof name, "terapeut%d", k);
        if (add_user(st, std, GENOP_ROLE_TERAPEUT, name))
            return CLI_FAILED;
    }
    return CLI_OK;
}

/* The user of municipality muni named name.muni; NULL if there is none. */
static const demo_user *find_user(const demo_state *st, const char *name, const char *muni)
{
    char username[GENOP_USERNAME_MAX];
    snprintf(username, sizeof username, "%s.%s", name, muni);
    for (size_t i = 0; i < st->n_users; i++)
        if (strcmp(st->users[i].u.username, username) == 0)
            return &st->users[i];
    return NULL;
}

/* ---- cases ---------------------------------------------------------------- */

/* wd workdays before today, or (week_day 1-5) that weekday wd ISO weeks ago. */
static genop_err demo_date(const demo_state *st, const genop_standard *std, int wd, int week_day,
                           genop_date *out, genop_error *e)
{
    if (week_day >= 1 && week_day <= 5) {
        *out = genop_date_week_monday(st->today) - 7 * wd + (week_day - 1);
        return GENOP_OK;
    }
    return genop_calendar_add_workdays(std->calendar, st->today, -(long)wd, out, e);
}

/* The citizen's CPR number: the birth date as DDMMYY and the serial. */
static genop_err citizen_cpr(const demo_state *st, const demo_citizen *c,
                             char cpr[GENOP_CPR_TEXT_SIZE], genop_date *birth, genop_error *e)
{
    if (c->born) {
        genop_err err = genop_date_parse(c->born, birth, e);
        if (err)
            return err;
    } else {    /* a child: age_years and a third of a year old */
        *birth = genop_date_add_months(st->today, -12 * c->age_years) - 120;
    }
    int y, m, d;
    genop_date_to_ymd(*birth, &y, &m, &d);
    snprintf(cpr, GENOP_CPR_TEXT_SIZE, "%02u%02u%02u-%.4s", (unsigned)d % 100u,
             (unsigned)m % 100u, (unsigned)y % 100u, c->serial);
    return GENOP_OK;
}

/* Reports a refused registration with its reason. */
static int refused(const demo_case *dc, const char *what, const genop_error *e)
{
    cli_error("demo: sagen \"%s\" (%s): %s blev afvist: %s%s%s", dc->title, dc->municipality,
              what, e->message, e->field[0] ? " - felt " : "", e->field);
    return CLI_FAILED;
}

/* Registers dc's referral as u; *id gets the new case's id. */
static int register_referral(demo_state *st, const demo_case *dc, const demo_user *u,
                             const genop_standard *std, int64_t *id)
{
    char cpr[GENOP_CPR_TEXT_SIZE];
    genop_date birth;
    casework_referral in = {
        .name = dc->citizen.name, .address = dc->citizen.address,
        .relatives = dc->citizen.relatives, .municipality_code = dc->citizen.municipality_code,
        .paragraph = dc->paragraph,
        .source = dc->source, .condition = dc->condition, .text = dc->text,
        .has_consent = true, .consent = true, .cpr = cpr,
    };
    casework_referral_result r;
    genop_error e;
    genop_err err = citizen_cpr(st, &dc->citizen, cpr, &birth, &e);
    if (!err)
        err = demo_date(st, std, dc->referral_wd, 0, &in.date, &e);
    if (err) {
        cli_error("demo: sagen \"%s\": %s", dc->title, e.message);
        return CLI_FAILED;
    }
    if (casework_referral_register(&st->loc.env, &u->u, &in, &r, &e))
        return refused(dc, "henvendelsen", &e);
    *id = r.case_id;
    return CLI_OK;
}

/* The event's body: its fields, type and date (a new reference, NULL
 * when out of memory). */
static json_t *event_body(const demo_event *ev, genop_date date)
{
    char text[GENOP_DATE_STR_SIZE];
    json_error_t jerr;
    json_t *o = ev->fields ? json_loads(ev->fields, 0, &jerr) : json_object();
    if (o) {
        json_object_set_new(o, "type", json_string(ev->type));
        json_object_set_new(o, "date", json_string(genop_date_format(date, text)));
    }
    return o;
}

/* Registers the event body (a new reference, taken) on case id as u. */
static int add_event(demo_state *st, const demo_case *dc, const demo_user *u, int64_t id,
                     const char *what, json_t *body)
{
    casework_event ev;
    genop_error e;
    int64_t event_id;
    if (!body) {
        cli_error("demo: ikke nok hukommelse");
        return CLI_FAILED;
    }
    genop_err err = casework_event_read(body, &ev, &e);
    if (!err)
        err = casework_event_append(&st->loc.env, &u->u, id, &ev, &event_id, &e);
    casework_event_release(&ev);
    json_decref(body);
    return err ? refused(dc, what, &e) : CLI_OK;
}

static int add_events(demo_state *st, const demo_case *dc, const genop_standard *std,
                      int64_t id)
{
    const demo_user *vis = find_user(st, dc->second_visitator ? "visitator2" : "visitator",
                                     dc->municipality);
    const demo_user *ter = find_user(st, "terapeut", dc->municipality);
    for (const demo_event *ev = dc->events; ev < dc->events + DEMO_EVENTS_MAX && ev->type; ev++) {
        bool by_therapist = strcmp(ev->type, "session") == 0 || strcmp(ev->type, "closed") == 0 ||
                            strcmp(ev->type, "function_status") == 0 ||
                            strcmp(ev->type, "admitted") == 0;
        int count = ev->count > 1 ? ev->count : 1;
        for (int k = 0; k < count; k++) {
            genop_error e;
            genop_date date;
            if (demo_date(st, std, ev->wd - k * ev->every, ev->week_day, &date, &e)) {
                cli_error("demo: sagen \"%s\": %s", dc->title, e.message);
                return CLI_FAILED;
            }
            char what[64];
            snprintf(what, sizeof what, "hændelsen %s", ev->type);
            if (add_event(st, dc, by_therapist ? ter : vis, id, what, event_body(ev, date)))
                return CLI_FAILED;
        }
    }
    return CLI_OK;
}

/* An `assigned` event of role for user u's username, dated wd workdays ago. */
static int assign(demo_state *st, const demo_case *dc, const genop_standard *std,
                  const demo_user *by, int64_t id, const char *role, const demo_user *u, int wd)
{
    genop_error e;
    genop_date date;
    char text[GENOP_DATE_STR_SIZE];
    if (demo_date(st, std, wd, 0, &date, &e)) {
        cli_error("demo: sagen \"%s\": %s", dc->title, e.message);
        return CLI_FAILED;
    }
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "type", "assigned", "date",
                          genop_date_format(date, text), "role", role, "username",
                          u->u.username);
    return add_event(st, dc, by, id, "tildelingen", o);
}

/* Who is responsible: the case's visitator from the referral, once the
 * case is two workdays old (the newest are not yet handed out), and its
 * therapist from a grant on. */
static int add_assignments(demo_state *st, const demo_case *dc, const genop_standard *std,
                           const demo_user *vis, int64_t id)
{
    const demo_user *ter = find_user(st, "terapeut", dc->municipality);
    if (dc->referral_wd >= 2 && assign(st, dc, std, vis, id, "visitator", vis, dc->referral_wd))
        return CLI_FAILED;
    for (const demo_event *ev = dc->events; ev < dc->events + DEMO_EVENTS_MAX && ev->type; ev++)
        if (strcmp(ev->type, "decision") == 0 && ev->fields && strstr(ev->fields, "true"))
            return assign(st, dc, std, vis, id, "terapeut", ter, ev->wd);
    return CLI_OK;
}

/* The decision letter of a decided case, as its visitator would make it
 * (src/casework/letters/letters.h), so the case page's letters are not
 * empty on the first login. */
static int add_letter(demo_state *st, const demo_case *dc, const demo_user *vis, int64_t id)
{
    bool decided = false;
    for (const demo_event *ev = dc->events; ev < dc->events + DEMO_EVENTS_MAX && ev->type; ev++)
        decided |= strcmp(ev->type, "decision") == 0;
    if (!decided)
        return CLI_OK;
    casework_letter_input in = {
        .kind = "decision",
        .text = "Vi har talt med dig om, hvordan du klarer dig i hverdagen, og hvad du selv "
                "ønsker at kunne igen. Det har vi lagt vægt på i afgørelsen.",
    };
    int64_t letter_id;
    genop_error e;
    if (casework_letter_make(&st->loc.env, &vis->u, id, &in, &letter_id, &e))
        return refused(dc, "afgørelsesbrevet", &e);
    return CLI_OK;
}

static int add_case(demo_state *st, size_t i)
{
    const demo_case *dc = &demo_cases[i];
    const genop_standard *std = casework_standard(&st->loc.env, dc->municipality);
    const demo_user *vis = find_user(st, dc->second_visitator ? "visitator2" : "visitator",
                                     dc->municipality);
    if (!std || !vis || !find_user(st, "terapeut", dc->municipality)) {
        cli_error("demo: sagen \"%s\": kommunen %s har ingen standard eller brugere", dc->title,
                  dc->municipality);
        return CLI_FAILED;
    }
    if (register_referral(st, dc, vis, std, &st->case_ids[i]) ||
        add_events(st, dc, std, st->case_ids[i]))
        return CLI_FAILED;
    if (add_assignments(st, dc, std, vis, st->case_ids[i]))
        return CLI_FAILED;
    return add_letter(st, dc, vis, st->case_ids[i]);
}

/* ---- the calendar --------------------------------------------------------- */

/* Municipality id's calendar (demo_calendar.h), with its cases. */
static int add_calendar(demo_state *st, const char *id)
{
    demo_calendar_muni m = {casework_standard(&st->loc.env, id), NULL, {NULL}, NULL, 0};
    const demo_user *leder = find_user(st, "leder", id);
    int64_t *ids = calloc(demo_n_cases, sizeof *ids);
    int rc = CLI_FAILED;
    m.leder = leder ? &leder->u : NULL;
    for (size_t k = 0; k < DEMO_THERAPISTS; k++) {
        char name[16];
        snprintf(name, sizeof name, k ? "terapeut%zu" : "terapeut", k + 1);
        const demo_user *t = find_user(st, name, id);
        m.therapists[k] = t ? &t->u : NULL;
        if (!t)
            m.leder = NULL;
    }
    if (!ids || !m.std || !m.leder) {
        cli_error("demo: kalenderen for %s mangler sine brugere", id);
    } else {
        for (size_t i = 0; i < demo_n_cases; i++)
            if (strcmp(demo_cases[i].municipality, id) == 0)
                ids[m.n_cases++] = st->case_ids[i];
        m.case_ids = ids;
        rc = demo_calendar_fill(&st->loc, &m, st->today);
    }
    free(ids);
    return rc;
}

/* ---- the summary ---------------------------------------------------------- */

static void print_cases(const demo_state *st)
{
    for (size_t m = 0; m < demo_n_municipalities; m++) {
        const char *id = demo_municipalities[m];
        const genop_standard *std = casework_standard(&st->loc.env, id);
        size_t n = 0;
        for (size_t i = 0; i < demo_n_cases; i++)
            n += strcmp(demo_cases[i].municipality, id) == 0;
        printf("\n%s (kommunekode %d), %zu sager:\n", std->municipality, std->municipality_code,
               n);
        for (size_t i = 0; i < demo_n_cases; i++) {
            const demo_case *dc = &demo_cases[i];
            if (strcmp(dc->municipality, id) != 0)
                continue;
            printf("  sag %3" PRId64 "  ", st->case_ids[i]);
            cli_print_padded(dc->citizen.name, 25);
            printf("§ 86, stk. %s  %s\n", strcmp(dc->paragraph, "86.2") == 0 ? "2" : "1",
                   dc->title);
        }
    }
}

static void print_users(const demo_state *st)
{
    printf("\nBrugere (adgangskoderne vises kun her, én gang; de er kun til demo):\n  ");
    cli_print_padded("brugernavn", 21);
    cli_print_padded("rolle", 11);
    cli_print_padded("kommune", 17);
    printf("adgangskode\n");
    for (size_t i = 0; i < st->n_users; i++) {
        const demo_user *du = &st->users[i];
        printf("  ");
        cli_print_padded(du->u.username, 21);
        cli_print_padded(genop_role_name(du->u.role), 11);
        cli_print_padded(du->std->municipality, 17);
        printf("%s\n", du->password);
    }
}

/* How to start the server and log in. */
static void print_login(const demo_state *st, const char *db, const char *url)
{
    const demo_user *vis = find_user(st, "visitator", "aalborg");
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        n--;
    const char *hostport = n > 7 && strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
    printf("\nServeren startes med:  genop serve --db %s", db);
    if (hostport)
        printf(" --listen %.*s", (int)(n - 7), hostport);
    printf("\nÅbn %.*s/ i en browser og log ind med en af brugerne ovenfor.\n", (int)n, url);
    if (!vis)
        return;
    printf("API'et ligger under %.*s/api/v1; log fx ind som %s og hent arbejdslisten:\n",
           (int)n, url, vis->u.username);
    printf("  curl -c cookies.txt -H 'Content-Type: application/json' -d "
           "'{\"username\":\"%s\",\"password\":\"%s\"}' %.*s/api/v1/session\n",
           vis->u.username, vis->password, (int)n, url);
    printf("  curl -b cookies.txt %.*s/api/v1/worklist\n", (int)n, url);
}

/* ---- the command ---------------------------------------------------------- */

/* Records the rules the cases' projections were computed with, so that
 * `genop serve` has nothing to compute again (projection_refresh.h). It
 * computes them once more and compares: a difference is a bug, told. */
static int stamp_rules(demo_state *st)
{
    projection_refresh_report r;
    genop_error e;
    if (casework_projections_refresh(&st->loc.env, &r, &e)) {
        cli_error("demo: %s", e.message);
        return CLI_FAILED;
    }
    for (size_t i = 0; i < r.n; i++)
        if (r.munis[i].changed || r.munis[i].failed)
            cli_report_refresh(&r.munis[i]);
    return CLI_OK;
}

static int fill(demo_state *st)
{
    printf("Opretter %zu kommuner og deres brugere ...\n", demo_n_municipalities);
    fflush(stdout);
    for (size_t m = 0; m < demo_n_municipalities; m++)
        if (add_municipality(st, demo_municipalities[m]))
            return CLI_FAILED;
    printf("Registrerer %zu sager ...\n", demo_n_cases);
    fflush(stdout);
    for (size_t i = 0; i < demo_n_cases; i++)
        if (add_case(st, i))
            return CLI_FAILED;
    printf("Sætter træningscentre, terapeuter, hold og tider op ...\n");
    fflush(stdout);
    for (size_t m = 0; m < demo_n_municipalities; m++)
        if (add_calendar(st, demo_municipalities[m]))
            return CLI_FAILED;
    return stamp_rules(st);
}

int demo_db_run(const char *db, bool force, const char *url)
{
    if (demo_db_prepare_file(db, force))
        return CLI_FAILED;
    demo_state *st = calloc(1, sizeof *st);
    int64_t *ids = calloc(demo_n_cases, sizeof *ids);
    if (!st || !ids) {
        free(st);
        free(ids);
        cli_error("demo: ikke nok hukommelse");
        return CLI_FAILED;
    }
    st->case_ids = ids;
    st->today = genop_date_in_denmark((int64_t)time(NULL));
    genop_error e;
    int rc = CLI_OK;
    if (casework_local_open(db, &st->loc, &e)) {
        cli_error("demo: %s", e.message);
        rc = CLI_FAILED;
    } else if ((rc = fill(st)) != CLI_OK) {
        cli_error("demo: demodatabasen %s er ikke færdig; lav den forfra med --force", db);
    } else {
        printf("\nDemodatabasen %s er klar: %zu kommuner, %zu sager. Alle personer, adresser\n"
               "og CPR-numre er opdigtede; datoerne regnes fra i dag.\n",
               db, demo_n_municipalities, demo_n_cases);
        print_cases(st);
        print_users(st);
        print_login(st, db, url ? url : DEMO_URL_DEFAULT);
    }
    casework_local_close(&st->loc);
    genop_letter_pdf_shutdown();   /* the fonts the letters were laid out with */
    sodium_memzero(st->users, sizeof st->users);
    free(st->case_ids);
    free(st);
    return rc;
}
