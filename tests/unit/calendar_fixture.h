/*
 * calendar_fixture.h - what the calendar's unit tests (test_booking.c,
 * test_calendar_feed.c, test_calendar_week.c, test_new_time.c,
 * test_proposals.c, test_teams.c) share: the database opened at a fixed
 * clock; the users, named by the tests' convention; a therapist's hours
 * (all day, every day, so that only the rule a test is about can refuse a
 * booking, or hours of the test's own); a location with its rooms; a
 * team; a case with a granted decision; the due of a case's worklist
 * task. Include after casework_fixture.h.
 */
#ifndef GENOP_TEST_CALENDAR_FIXTURE_H
#define GENOP_TEST_CALENDAR_FIXTURE_H

#include "resources.h"

/* Opens the test database as casework_test_open() does and fixes its
 * clock at now (seconds since the epoch). -1 on failure. */
static inline int calendar_test_open(const char *name, char dir[64], char db[96],
                                     casework_local *loc, int64_t now)
{
    if (casework_test_open(name, dir, db, loc))
        return -1;
    casework_local_set_time(loc, now);
    return 0;
}

/* Defines the cmocka setup() and teardown() of a test file whose fixture
 * type fx holds char dir[64], db[96] and casework_local loc: setup
 * allocates an fx (zeroed), opens the database of the test name with its
 * clock at now (calendar_test_open()) and fills the rest with
 * set_up(fx *); teardown closes the database, removes it and frees the
 * fx. */
#define CALENDAR_TEST_FIXTURE(name, now, set_up)                                           \
    static int setup(void **state)                                                         \
    {                                                                                      \
        fx *f = calloc(1, sizeof *f);                                                      \
        if (!f || calendar_test_open((name), f->dir, f->db, &f->loc, (now))) {             \
            free(f);                                                                       \
            return -1;                                                                     \
        }                                                                                  \
        set_up(f);                                                                         \
        *state = f;                                                                        \
        return 0;                                                                          \
    }                                                                                      \
                                                                                           \
    static int teardown(void **state)                                                      \
    {                                                                                      \
        fx *f = *state;                                                                    \
        casework_test_close(f->dir, &f->loc);                                              \
        free(f);                                                                           \
        return 0;                                                                          \
    }

/* A user to add: where to keep it and its username. */
typedef struct calendar_test_person {
    genop_user *user;
    const char *name;
} calendar_test_person;

/* Adds the users of people (ended by one whose user is NULL), in order.
 * The username says the role (before the dot: leder, vis for visitator,
 * ter for terapeut, admin) and the municipality (after the dot: a for
 * Aalborg, b for Skive), e.g. "ter.a2" is a terapeut of Aalborg. */
static inline void calendar_test_people(casework_local *loc, const calendar_test_person *people)
{
    static const struct {
        const char *prefix;
        genop_role role;
    } roles[] = {{"leder.", GENOP_ROLE_LEDER}, {"vis.", GENOP_ROLE_VISITATOR},
                 {"ter.", GENOP_ROLE_TERAPEUT}, {"admin.", GENOP_ROLE_ADMIN}};
    for (const calendar_test_person *p = people; p->user; p++) {
        size_t r = 0;
        while (r < sizeof roles / sizeof roles[0] &&
               strncmp(p->name, roles[r].prefix, strlen(roles[r].prefix)) != 0)
            r++;
        const char *dot = strchr(p->name, '.');
        if (r == sizeof roles / sizeof roles[0] || (dot[1] != 'a' && dot[1] != 'b'))
            fail_msg("test user %s: no role or municipality in the name", p->name);
        casework_test_user(loc, p->user, dot[1] == 'a' ? "aalborg" : "skive", roles[r].role,
                           p->name);
    }
}

/* Sets the hours of terapeut name, as leder: days 1 (Monday) to days,
 * minute from to minute to, with the profession; absent on the day absent
 * ("YYYY-MM-DD", a course) unless that is NULL. */
static inline void calendar_test_hours(casework_local *loc, const genop_user *leder,
                                       const char *name, const char *profession, int days,
                                       int from, int to, const char *absent)
{
    cal_staff_input in;
    memset(&in, 0, sizeof in);
    snprintf(in.profile.profession, sizeof in.profile.profession, "%s", profession);
    for (int d = 1; d <= days; d++)
        in.hours[in.n_hours++] = (genop_staff_hours_row){0, d, from, to};
    if (absent)
        in.absences[in.n_absences++] = (genop_absence_row){0, date_of(absent), date_of(absent),
                                                           "kursus"};
    must(casework_staff_calendar_set(&loc->env, leder, name, &in, e));
}

/* Sets terapeut name's hours to all day, every day, as leder. */
static inline void calendar_test_all_day(casework_local *loc, const genop_user *leder,
                                         const char *name)
{
    calendar_test_hours(loc, leder, name, "ergoterapeut", 7, 0, GENOP_MINUTES_PER_DAY, NULL);
}

/* Creates, as leder, the location name (at address unless that is NULL)
 * with the n rooms rooms (name and capacity); their ids are written back
 * into rooms. Returns the first room's id. */
static inline int64_t calendar_test_location(casework_local *loc, const genop_user *leder,
                                             const char *name, const char *address,
                                             genop_room_row *rooms, size_t n)
{
    cal_location_input in;
    memset(&in, 0, sizeof in);
    snprintf(in.loc.name, sizeof in.loc.name, "%s", name);
    if (address)
        snprintf(in.loc.address, sizeof in.loc.address, "%s", address);
    for (size_t i = 0; i < n; i++)
        in.rooms[i] = rooms[i];
    in.n_rooms = n;
    must(casework_location_create(&loc->env, leder, &in, e));
    for (size_t i = 0; i < n; i++)
        rooms[i].id = in.rooms[i].id;
    return rooms[0].id;
}

/* Creates, as leder, the team name of paragraph 86.1 led by ter.a, with
 * team's room, meeting time, capacity and dates; returns its id. */
static inline int64_t calendar_test_team(casework_local *loc, const genop_user *leder,
                                         const char *name, genop_team_row team)
{
    cal_team_input t;
    memset(&t, 0, sizeof t);
    t.team = team;
    snprintf(t.team.name, sizeof t.team.name, "%s", name);
    snprintf(t.team.paragraph, sizeof t.team.paragraph, "86.1");
    snprintf(t.team.therapist, sizeof t.team.therapist, "ter.a");
    must(casework_team_create(&loc->env, leder, &t, e));
    return t.team.id;
}

/* Registers, as vis, a granted decision of 22 November 2026 on case id:
 * training of form at place, per_week sessions a week of minutes each,
 * until 30 June 2027, without transport or exceptions. */
static inline void calendar_test_grant(casework_local *loc, const genop_user *vis, int64_t id,
                                       const char *form, const char *place, int per_week,
                                       int minutes)
{
    char text[512];
    snprintf(text, sizeof text,
             "{\"type\": \"decision\", \"date\": \"2026-11-22\", \"granted\": true, \"grant\":"
             " {\"form\": \"%s\", \"place\": \"%s\", \"sessions_per_week\": %d,"
             " \"minutes_per_session\": %d, \"sessions\": null, \"until\": \"2027-06-30\","
             " \"transport\": false, \"exceptions\": []}}",
             form, place, per_week, minutes);
    must(casework_test_append(loc, vis, id, text, NULL, e));
}

/* A new case of cpr (named name) registered by vis, granted as
 * calendar_test_grant() says; returns its id. */
static inline int64_t calendar_test_granted(casework_local *loc, const genop_user *vis,
                                            const char *cpr, const char *name, const char *form,
                                            const char *place, int per_week, int minutes)
{
    int64_t id = casework_test_case(loc, vis, cpr, name);
    calendar_test_grant(loc, vis, id, form, place, per_week, minutes);
    return id;
}

/* The cases of Aalborg's refusal tests, registered by vis: *granted
 * (Anna Andersen, individual training at the centre twice a week, 45
 * minutes), *bare (Bent Berg, no decision) and *closed (Carl Clausen,
 * granted as Anna, closed on 1 December 2026). */
static inline void calendar_test_cases(casework_local *loc, const genop_user *vis,
                                       int64_t *granted, int64_t *bare, int64_t *closed)
{
    *granted = calendar_test_granted(loc, vis, "0101401234", "Anna Andersen", "individual",
                                     "centre", 2, 45);
    *bare = casework_test_case(loc, vis, "0202402345", "Bent Berg");
    *closed = calendar_test_granted(loc, vis, "0303403456", "Carl Clausen", "individual",
                                    "centre", 2, 45);
    must(casework_test_append(loc, vis, *closed, "{\"type\": \"closed\", \"date\":"
                              " \"2026-12-01\", \"reason\": \"goal_reached\"}", NULL, e));
}

/* The due of case id's (of muni) task task_id, or -1 without one; the
 * task must be marked a task and its `source` (or, when source_part is
 * NULL, its label) hold part. */
static inline genop_date calendar_test_task_due(genop_store *store, const char *muni, int64_t id,
                                                const char *task_id, const char *source_part,
                                                const char *label_part)
{
    genop_list l = {0};
    must(genop_store_case_open_deadlines(store, muni, id, &l, e));
    const genop_open_deadline *o = l.items;
    genop_date due = -1;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(o[i].deadline_id, task_id) == 0) {
            assert_true(o[i].task);
            if (source_part)
                assert_non_null(strstr(o[i].source, source_part));
            if (label_part)
                assert_non_null(strstr(o[i].label, label_part));
            due = o[i].due;
        }
    genop_store_free_list(&l);
    return due;
}

#endif
