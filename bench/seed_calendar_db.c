/*
 * seed_calendar_db.c - makes the database of the calendar benchmark
 * (bench/calendar.sh): one municipality (aalborg) with the locations,
 * rooms, therapists (hours, absences) and teams of cal_layout.h, and its
 * 2,000 granted courses booked for 4 weeks as series, everything through
 * the domain layer in-process (src/casework: the same checks, booking
 * rules, access log and audit as over HTTP).
 *
 *   seed_calendar_db DB
 *
 * DB must not exist. Besides DB it writes DB.meta, lines of
 *   monday DATE                     the first booked week's Monday
 *   week YYYY-Www FROM TO           each booked ISO week
 *   therapist USERNAME              each therapist
 *   room ID                         each treatment room and hall
 * for the week views' requests (bench/wrk/calendar_week.lua).
 *
 * The cases are dated back from today (the seeder's Danish date): a
 * referral 40-70 days ago, contact, assessment and a granted decision
 * (twice a week, 45 minutes, no end) at least ten days ago. The courses
 * are booked from the Monday after today for 4 weeks; dates on a holiday
 * or a therapist's absence are skipped, as the rules say. Every call is a
 * durable transaction (synchronous=FULL), so bench/calendar.sh seeds into
 * tmpfs when it can.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "appointments.h"
#include "cal_layout.h"
#include "gen.h"
#include "local.h"
#include "resources.h"
#include "seed_casework.h"

#define PASSWORD "bench-adgangskode-1234"
#define WEEKS 4

static const char *const location_names[LAYOUT_LOCATIONS] = {"Nord", "Syd", "Øst", "Vest",
                                                              "Midt"};

typedef struct seeder {
    casework_local loc;
    genop_user leder, visitator;
    gen_rng rng;
    genop_date today, monday;
    cal_layout layout;
    long booked, skipped, skipped_holiday;
} seeder;

static int pick(seeder *s, int n)
{
    return (int)(gen_next(&s->rng) % (uint64_t)n);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const char *what, const genop_error *e)
{
    fprintf(stderr, "seed_calendar_db: %s: %s (%s)\n", what, e->message, e->field);
    return 1;
}

static int add_user(seeder *s, genop_user *u, genop_role role, const char *name)
{
    genop_error e;
    memset(u, 0, sizeof *u);
    snprintf(u->municipality, sizeof u->municipality, "aalborg");
    snprintf(u->username, sizeof u->username, "%s", name);
    u->role = role;
    return casework_local_user_add(&s->loc, u, PASSWORD, &e) ? fail(name, &e) : 0;
}

/* The municipality, its leder, visitator and therapists. */
static int add_users(seeder *s)
{
    genop_error e;
    const genop_standard *std = casework_standard(&s->loc.env, "aalborg");
    if (!std) {
        fprintf(stderr, "seed_calendar_db: no standard aalborg\n");
        return 1;
    }
    if (casework_local_municipality_ensure(&s->loc, std, &e))
        return fail("aalborg", &e);
    if (add_user(s, &s->leder, GENOP_ROLE_LEDER, "bench-leder") ||
        add_user(s, &s->visitator, GENOP_ROLE_VISITATOR, "bench-visitator"))
        return 1;
    for (size_t t = 0; t < LAYOUT_THERAPISTS; t++) {
        genop_user u;
        char name[GENOP_USERNAME_MAX];
        layout_therapist(t, name, sizeof name);
        if (add_user(s, &u, GENOP_ROLE_TERAPEUT, name))
            return 1;
    }
    return 0;
}

/* Each location with its hall first, then its treatment rooms. */
static int add_locations(seeder *s)
{
    cal_location_input in;
    genop_error e;
    for (int at = 0; at < LAYOUT_LOCATIONS; at++) {
        memset(&in, 0, sizeof in);
        snprintf(in.loc.name, sizeof in.loc.name, "Træningscenter %s", location_names[at]);
        snprintf(in.loc.address, sizeof in.loc.address, "Sundhedsvej %d, 9000 Aalborg", 1 + at);
        in.rooms[0] = (genop_room_row){0, 0, "Træningssal", LAYOUT_TEAM_PLACES};
        for (int r = 0; r < LAYOUT_ROOMS; r++) {
            in.rooms[1 + r].capacity = 1;
            snprintf(in.rooms[1 + r].name, sizeof in.rooms[1 + r].name, "Behandlingsrum %d",
                     1 + r);
        }
        in.n_rooms = 1 + LAYOUT_ROOMS;
        if (casework_location_create(&s->loc.env, &s->leder, &in, &e))
            return fail("location", &e);
        s->layout.halls[at] = in.rooms[0].id;
        for (int r = 0; r < LAYOUT_ROOMS; r++)
            s->layout.rooms[at][r] = in.rooms[1 + r].id;
    }
    return 0;
}

/* Every therapist works Monday to Friday 08:00-15:30; every sixth is away
 * 1-5 days (holiday, a course, ill) within the booked weeks. */
static int add_hours(seeder *s)
{
    static const char *const reasons[] = {"ferie", "kursus", "sygdom"};
    cal_staff_input *in = malloc(sizeof *in);
    genop_error e;
    if (!in)
        return fail("hours", &(genop_error){.message = "out of memory"});
    int rc = 0;
    for (size_t t = 0; t < LAYOUT_THERAPISTS && !rc; t++) {
        char name[GENOP_USERNAME_MAX];
        memset(in, 0, sizeof *in);
        layout_therapist(t, name, sizeof name);
        snprintf(in->profile.profession, sizeof in->profile.profession, "%s",
                 t % 3 ? "fysioterapeut" : "ergoterapeut");
        for (int d = 1; d <= 5; d++)
            in->hours[in->n_hours++] = (genop_staff_hours_row){
                0, d, LAYOUT_DAY_START, layout_slot_minute(LAYOUT_SLOTS)};
        if (t % 6 == 5) {
            genop_date from = s->monday + 7 * (genop_date)(t % WEEKS) + (genop_date)(t % 3);
            in->absences[0] = (genop_absence_row){0, from, from + (genop_date)(t % 5), ""};
            snprintf(in->absences[0].reason, sizeof in->absences[0].reason, "%s",
                     reasons[t % 3]);
            in->n_absences = 1;
        }
        if (casework_staff_calendar_set(&s->loc.env, &s->leder, name, in, &e))
            rc = fail(name, &e);
    }
    free(in);
    return rc;
}

/* Team n: its therapist's, in the hall of its location, Wednesdays. */
static int add_teams(seeder *s)
{
    cal_team_input in;
    genop_error e;
    for (size_t n = 0; n < LAYOUT_TEAMS; n++) {
        memset(&in, 0, sizeof in);
        in.team = (genop_team_row){
            .room_id = s->layout.halls[n % LAYOUT_LOCATIONS], .weekday = 3,
            .start_minute = layout_slot_minute((int)(n / LAYOUT_LOCATIONS)),
            .minutes = LAYOUT_MINUTES, .capacity = LAYOUT_TEAM_PLACES,
            .from = s->today - 8 * 7};
        snprintf(in.team.name, sizeof in.team.name, "%s %zu",
                 n % 2 ? "Balancehold" : "Knæ- og hoftehold", 1 + n / 2);
        snprintf(in.team.paragraph, sizeof in.team.paragraph, "86.1");
        layout_therapist(n, in.team.therapist, sizeof in.team.therapist);
        if (casework_team_create(&s->loc.env, &s->leder, &in, &e))
            return fail("team", &e);
        s->layout.teams[n] = in.team.id;
    }
    return 0;
}

/* Case j + 1: a citizen's referral, contact, assessment and a grant. */
static int add_case(seeder *s, size_t j)
{
    char cpr[12], name[64];
    genop_date ref = s->today - 40 - pick(s, 30);
    genop_date birth = ref - 365 * (30 + pick(s, 60)) - pick(s, 365);
    int y, m, d;
    genop_date_to_ymd(birth, &y, &m, &d);
    /* The 7th digit says the century (cpr.c): 0-3 for 1900-1999. */
    snprintf(cpr, sizeof cpr, "%02d%02d%02d%04d", d, m, y % 100, (int)(j % 4000));
    snprintf(name, sizeof name, "%s %s", seed_first_names[pick(s, SEED_FIRST_NAMES)],
             seed_last_names[pick(s, SEED_LAST_NAMES)]);
    json_t *body = json_pack(
        "{s:{s:s, s:s, s:s}, s:{s:o, s:s, s:s, s:s, s:s, s:b}, s:b}", "citizen", "cpr", cpr,
        "name", name, "address", "Boulevarden 1, 9000 Aalborg", "referral", "date",
        seed_jdate(ref), "paragraph", "86.1", "source", "sygehus", "condition", "hofte", "text",
        "Genoptræning efter udskrivelse.", "consent", 1, "update_citizen", 1);
    int64_t id = 0;
    if (seed_post_case(&s->loc, &s->visitator, body, &id))
        return 1;
    if (id != (int64_t)j + 1) {
        fprintf(stderr, "seed_calendar_db: case %zu got id %" PRId64 "\n", j + 1, id);
        return 1;
    }
    bool team = j < LAYOUT_TEAM_CASES;
    json_t *ev[3] = {
        json_pack("{s:s, s:o}", "type", "contacted", "date", seed_jdate(ref + 2)),
        json_pack("{s:s, s:o}", "type", "assessment", "date", seed_jdate(ref + 7)),
        json_pack("{s:s, s:o, s:b, s:{s:s, s:s, s:i, s:i, s:n, s:n, s:b, s:[]}}", "type",
                  "decision", "date", seed_jdate(ref + 10), "granted", 1, "grant", "form",
                  team ? "team" : "individual", "place", team || j % 2 ? "centre" : "home",
                  "sessions_per_week", 2, "minutes_per_session", LAYOUT_MINUTES, "sessions",
                  "until", "transport", 0, "exceptions"),
    };
    int rc = 0;
    for (int k = 0; k < 3; k++)
        rc = rc ? (json_decref(ev[k]), 1) : seed_post_event(&s->loc, &s->visitator, id, ev[k]);
    return rc;
}

/* Books every course's series over the WEEKS weeks. */
static int book_courses(seeder *s, cal_series_result *r)
{
    genop_date until = s->monday + 7 * WEEKS - 1;
    for (size_t j = 0; j < LAYOUT_CASES; j++) {
        cal_series series;
        cal_refusal why;
        genop_error e;
        layout_course(&s->layout, j, s->monday, until, &series);
        memset(r, 0, sizeof *r);
        if (casework_appointment_series(&s->loc.env, &s->visitator, &series, r, &why, &e))
            return fail("series", &e);
        s->booked += (long)r->n_ids;
        s->skipped += (long)r->n_skipped;
        for (size_t k = 0; k < r->n_skipped; k++)
            s->skipped_holiday += strcmp(r->skipped[k].reason, "holiday") == 0;
    }
    return 0;
}

/* DB.meta (see the top of this file). */
static int write_meta(const seeder *s, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    char from[GENOP_DATE_STR_SIZE], to[GENOP_DATE_STR_SIZE], name[GENOP_USERNAME_MAX];
    fprintf(f, "monday %s\n", genop_date_format(s->monday, from));
    for (int w = 0; w < WEEKS; w++) {
        genop_date monday = s->monday + 7 * w;
        int year, week;
        genop_date_iso_week(monday, &year, &week);
        fprintf(f, "week %04d-W%02d %s %s\n", year, week, genop_date_format(monday, from),
                genop_date_format(monday + 6, to));
    }
    for (size_t t = 0; t < LAYOUT_THERAPISTS; t++) {
        layout_therapist(t, name, sizeof name);
        fprintf(f, "therapist %s\n", name);
    }
    for (int at = 0; at < LAYOUT_LOCATIONS; at++) {
        fprintf(f, "room %" PRId64 "\n", s->layout.halls[at]);
        for (int r = 0; r < LAYOUT_ROOMS; r++)
            fprintf(f, "room %" PRId64 "\n", s->layout.rooms[at][r]);
    }
    return fclose(f) == 0 ? 0 : 1;
}

/* Everything but the bookings, timed. */
static int set_up(seeder *s, const char *db)
{
    genop_error e;
    double t0 = now_seconds();
    if (casework_local_open(db, &s->loc, &e))
        return fail(db, &e);
    if (add_users(s) || add_locations(s) || add_hours(s) || add_teams(s))
        return 1;
    double t1 = now_seconds();
    for (size_t j = 0; j < LAYOUT_CASES; j++)
        if (add_case(s, j))
            return 1;
    /* What bench_booking will read back must be what was made. */
    cal_layout back;
    if (layout_load(&s->loc, &s->leder, &back, &e))
        return fail("layout", &e);
    if (memcmp(&back, &s->layout, sizeof back) != 0) {
        fprintf(stderr, "seed_calendar_db: the layout read back differs from the one made\n");
        return 1;
    }
    fprintf(stderr, "seed_calendar_db: users, locations, hours, teams %.1f s; %d cases %.1f s\n",
            t1 - t0, LAYOUT_CASES, now_seconds() - t1);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: seed_calendar_db DB\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) == 0) {
        fprintf(stderr, "seed_calendar_db: %s exists; seeding needs a new file\n", argv[1]);
        return 2;
    }
    char meta[4096];
    snprintf(meta, sizeof meta, "%s.meta", argv[1]);
    static seeder s;
    s.rng.state = 0xCA1E5EEDULL;
    s.today = genop_date_in_denmark((int64_t)time(NULL));
    s.monday = s.today + 8 - genop_date_weekday(s.today);
    cal_series_result *r = malloc(sizeof *r);
    int rc = r ? set_up(&s, argv[1]) : 1;
    double t0 = now_seconds();
    if (!rc)
        rc = book_courses(&s, r);
    double dt = now_seconds() - t0;
    free(r);
    casework_local_close(&s.loc);
    if (!rc)
        rc = write_meta(&s, meta);
    if (rc) {
        fprintf(stderr, "seed_calendar_db: seeding failed\n");
        return 1;
    }
    printf("seeded %d courses, %d weeks booked: %ld appointments in %.1f s (%.0f/s as series), "
           "%ld dates skipped (%ld holidays)\n",
           LAYOUT_CASES, WEEKS, s.booked, dt, (double)s.booked / dt, s.skipped,
           s.skipped_holiday);
    return 0;
}
