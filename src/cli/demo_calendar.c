/*
 * demo_calendar.c - the demo's training calendar (see demo_calendar.h).
 */
#include "demo_calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appointments.h"
#include "cli.h"
#include "resources.h"
#include "teams.h"

#define DEMO_DAYS_BACK 14
#define DEMO_DAYS_AHEAD 21

#define DEMO_TEAMS 3            /* the third, Rygskole, is small: full, with a waiting list */
#define DEMO_WAITING 2
#define DEMO_CASES_MAX 256     /* demo cases a municipality has, at most */

/* What was made for a municipality: its rooms and teams. */
typedef struct made {
    int64_t hall, rooms[2];
    int64_t teams[DEMO_TEAMS];
} made;

static int failed(const demo_calendar_muni *m, const char *what, const genop_error *e)
{
    cli_error("demo: %s i %s kan ikke oprettes: %s", what, m->std->municipality, e->message);
    return CLI_FAILED;
}

static int add_centre(casework_local *loc, const demo_calendar_muni *m, made *out)
{
    cal_location_input in;
    genop_error e;
    memset(&in, 0, sizeof in);
    snprintf(in.loc.name, sizeof in.loc.name, "Træningscenter %s", m->std->short_name);
    snprintf(in.loc.address, sizeof in.loc.address, "Sundhedsvej 1, %s", m->std->short_name);
    in.rooms[0] = (genop_room_row){0, 0, "Træningssal", 10};
    in.rooms[1] = (genop_room_row){0, 0, "Behandlingsrum 1", 1};
    in.rooms[2] = (genop_room_row){0, 0, "Behandlingsrum 2", 1};
    in.n_rooms = 3;
    if (casework_location_create(&loc->env, m->leder, &in, &e))
        return failed(m, "træningscentret", &e);
    out->hall = in.rooms[0].id;
    out->rooms[0] = in.rooms[1].id;
    out->rooms[1] = in.rooms[2].id;
    return CLI_OK;
}

/* Therapist k: Monday-Thursday 08:00-15:30, Friday 08:00-13:00, and one
 * absence (a course day or a week's holiday) 2-6 weeks ahead. */
static int add_hours(casework_local *loc, const demo_calendar_muni *m, size_t k,
                     genop_date today)
{
    cal_staff_input *in = calloc(1, sizeof *in);
    genop_error e;
    if (!in) {
        cli_error("demo: ikke nok hukommelse");
        return CLI_FAILED;
    }
    snprintf(in->profile.profession, sizeof in->profile.profession, "%s",
             k == 5 ? "træningsassistent" : k % 2 ? "ergoterapeut" : "fysioterapeut");
    for (int d = 1; d <= 5; d++)
        in->hours[in->n_hours++] = (genop_staff_hours_row){0, d, 8 * 60,
                                                           d == 5 ? 13 * 60 : 15 * 60 + 30};
    genop_date from = today + 14 + 7 * (genop_date)k;
    in->absences[0] = (genop_absence_row){0, from, k % 2 ? from + 6 : from, ""};
    snprintf(in->absences[0].reason, sizeof in->absences[0].reason, "%s",
             k % 2 ? "ferie" : "kursus");
    in->n_absences = 1;
    genop_err err = casework_staff_calendar_set(&loc->env, m->leder, m->therapists[k]->username,
                                                in, &e);
    free(in);
    return err ? failed(m, "terapeutens arbejdstider", &e) : CLI_OK;
}

static int add_team(casework_local *loc, const demo_calendar_muni *m, int64_t room, int i,
                    genop_date today, int64_t *id)
{
    static const struct { const char *name; int weekday, minute, capacity; } teams[] = {
        {"Balancehold", 2, 10 * 60, 8}, {"Knæ- og hoftehold", 4, 13 * 60, 8},
        {"Rygskole", 5, 9 * 60, 2},
    };
    cal_team_input in;
    genop_error e;
    memset(&in, 0, sizeof in);
    in.team = (genop_team_row){.room_id = room, .weekday = teams[i].weekday,
                               .start_minute = teams[i].minute, .minutes = 45,
                               .capacity = teams[i].capacity,
                               .from = today - 8 * 7};
    snprintf(in.team.name, sizeof in.team.name, "%s", teams[i].name);
    snprintf(in.team.paragraph, sizeof in.team.paragraph, "%s",
             genop_paragraph_name(m->std->paragraphs & GENOP_PARA_86_1 ? GENOP_PARA_86_1
                                                                       : GENOP_PARA_86_2));
    snprintf(in.team.therapist, sizeof in.team.therapist, "%s",
             m->therapists[1 + i % 2]->username);
    if (casework_team_create(&loc->env, m->leder, &in, &e))
        return failed(m, "holdet", &e);
    *id = in.team.id;
    return CLI_OK;
}

/* A store failure, told; a refusal by the rules is no failure here. */
static int booking_failed(genop_err err, int64_t case_id, const genop_error *e)
{
    if (err != GENOP_ENOMEM && err != GENOP_EIO)
        return CLI_OK;
    cli_error("demo: sag %lld kan ikke bookes: %s", (long long)case_id, e->message);
    return CLI_FAILED;
}

/* A case without a grant yet: one assessment a few workdays ahead, as
 * the visitation would book it (nothing for a closed case). */
static int book_assessment(casework_local *loc, const demo_calendar_muni *m, cal_series *s,
                           size_t j, genop_date today)
{
    cal_booking b = s->first;
    genop_appointment_row row;
    cal_warning warn;
    cal_refusal why;
    genop_error e;
    b.kind = GENOP_SESSION_ASSESSMENT;
    b.start.date = today + 1 + (genop_date)(j % 4);
    while (genop_date_weekday(b.start.date) > 5)
        b.start.date++;
    b.start.minute = s->time;
    genop_err err = casework_appointment_book(&loc->env, m->therapists[0], &b, &row, &warn,
                                              &why, &e);
    return booking_failed(err, b.case_id, &e);
}

/* Enrols the case on the team's roster from two weeks back (or from
 * today, if its grant is younger) to three weeks ahead: its meetings are
 * booked through the series path. *done (if not NULL) says whether it
 * was enrolled; a refusal by the rules is no failure. */
static int enrol(casework_local *loc, const demo_calendar_muni *m, int64_t team, int64_t case_id,
                 genop_date today, cal_series_result *r, bool *done)
{
    genop_roster_row row;
    cal_refusal why;
    genop_error e;
    genop_err err = GENOP_EREFUSED;
    for (int k = 0; k < 2 && err == GENOP_EREFUSED; k++) {
        cal_enrol in = {.case_id = case_id, .from = k ? today : today - DEMO_DAYS_BACK,
                        .to = today + DEMO_DAYS_AHEAD, .has_to = true};
        err = casework_team_enrol(&loc->env, m->leder, team, &in, &row, r, &why, &e);
    }
    if (done)
        *done = err == GENOP_OK;
    return booking_failed(err, case_id, &e);
}

/* The small team (Rygskole), before the other courses are booked: the
 * first cases its rules let on enrolled until it is full, and two other
 * open cases on its waiting list. */
static int fill_small_team(casework_local *loc, const demo_calendar_muni *m, int64_t team,
                           genop_date today, cal_series_result *r)
{
    int rc = CLI_OK;
    size_t enrolled = 0, waiting = 0;
    bool on[DEMO_CASES_MAX] = {false};
    for (size_t k = 0; rc == CLI_OK && enrolled < 2 && k < m->n_cases && k < DEMO_CASES_MAX;
         k++) {
        size_t j = k;
        rc = enrol(loc, m, team, m->case_ids[j], today, r, &on[j]);
        enrolled += on[j];
    }
    for (size_t j = 0; rc == CLI_OK && waiting < DEMO_WAITING && j < m->n_cases; j++) {
        genop_error e;
        genop_err err = on[j] ? GENOP_EREFUSED
                              : casework_team_wait(&loc->env, m->leder, team, m->case_ids[j],
                                                   &e);
        waiting += err == GENOP_OK;
        rc = booking_failed(err, m->case_ids[j], &e);
    }
    return rc;
}

/* The course of the j-th case: twice a week around today (from today
 * when its grant is younger), in a room, at home or on a team; dates the
 * rules refuse are left out. A case not granted yet gets an assessment. */
static int book_case(casework_local *loc, const demo_calendar_muni *m, const made *mk,
                     size_t j, genop_date today, cal_series_result *r)
{
    cal_series s;
    cal_refusal why;
    genop_error e;
    memset(&s, 0, sizeof s);
    s.first.case_id = m->case_ids[j];
    s.first.minutes = 45;
    s.first.kind = GENOP_SESSION_TRAINING;
    size_t ther = j % 5 == 4 ? 3 + j % 3 : 0;     /* most with the one who logs in first */
    s.first.place = j % 4 == 3 ? CAL_PLACE_TEAM : j % 2 ? CAL_PLACE_HOME : CAL_PLACE_ROOM;
    s.first.room_id = s.first.place == CAL_PLACE_ROOM ? mk->rooms[j / 2 % 2] : 0;
    s.first.team_id = s.first.place == CAL_PLACE_TEAM ? mk->teams[j / 4 % 2] : 0;
    if (s.first.place == CAL_PLACE_TEAM)
        ther = 1 + j / 4 % 2;                     /* the team's therapist */
    snprintf(s.first.therapist, sizeof s.first.therapist, "%s", m->therapists[ther]->username);
    s.weekdays[j % 2 ? 2 : 1] = s.weekdays[j % 2 ? 4 : 3] = true;
    s.time = 8 * 60 + (int)(j % 6) * 60 + (j % 2 ? 30 : 0);
    s.until = today + DEMO_DAYS_AHEAD;
    if (s.first.place == CAL_PLACE_TEAM)
        return enrol(loc, m, s.first.team_id, s.first.case_id, today, r, NULL);
    genop_err err = GENOP_EREFUSED;
    for (int k = 0; k < 2 && err == GENOP_EREFUSED; k++) {
        s.from = k ? today : today - DEMO_DAYS_BACK;
        memset(r, 0, sizeof *r);
        err = casework_appointment_series(&loc->env, m->therapists[0], &s, r, &why, &e);
    }
    if (err != GENOP_EREFUSED || s.first.place == CAL_PLACE_TEAM)
        return booking_failed(err, s.first.case_id, &e);
    return book_assessment(loc, m, &s, j, today);
}

int demo_calendar_fill(casework_local *loc, const demo_calendar_muni *m, genop_date today)
{
    made mk;
    memset(&mk, 0, sizeof mk);
    if (add_centre(loc, m, &mk))
        return CLI_FAILED;
    for (size_t k = 0; k < DEMO_THERAPISTS; k++)
        if (add_hours(loc, m, k, today))
            return CLI_FAILED;
    for (int i = 0; i < DEMO_TEAMS; i++)
        if (add_team(loc, m, mk.hall, i, today, &mk.teams[i]))
            return CLI_FAILED;
    cal_series_result *r = malloc(sizeof *r);
    if (!r) {
        cli_error("demo: ikke nok hukommelse");
        return CLI_FAILED;
    }
    int rc = fill_small_team(loc, m, mk.teams[DEMO_TEAMS - 1], today, r);
    for (size_t j = 0; rc == CLI_OK && j < m->n_cases; j++)
        rc = book_case(loc, m, &mk, j, today, r);
    free(r);
    return rc;
}
