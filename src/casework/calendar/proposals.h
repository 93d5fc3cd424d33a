/*
 * proposals.h - "Book tid": the next free times for a case (GET
 * /api/v1/cases/{id}/appointment-proposals), found by a dry run of the
 * booking checks (booking_rules.h), nothing stored.
 *
 * The search runs as one job of the environment's writer, inside a
 * savepoint that is rolled back before the job returns: each time that
 * passes cal_booking_check() is inserted in the savepoint, so it counts
 * for the next exactly as a series' dates do (the therapist's overlaps,
 * the room's capacity, the case's limits and grant), and then all of it
 * is undone. So the proposals can be booked together, in any order, as
 * long as nothing else is booked meanwhile; and each one alone.
 *
 * What is searched, in order, until `count` times are found:
 *  - days from `from` (today when 0) to the grant's `until` (training)
 *    or CAL_PROPOSALS_DAYS days, whichever is first; only the standard's
 *    workdays (Rødovre: "fortrinsvis på hverdage"), never a day the case
 *    has an appointment already, at most one proposal a day;
 *  - on each day the preferred therapist first, then the others with
 *    working hours, by username; within a therapist's hours the start
 *    times every CAL_PROPOSALS_STEP minutes from the start of a period
 *    (today: only times still to come);
 *  - the place: the room asked for, the citizen's home, or, when none is
 *    asked for, the place of the case's last appointment (its room first,
 *    then the others; or the home), else the municipality's rooms in
 *    order.
 * The preferred therapist is the one the citizen had before: the
 * therapist of the case's latest appointment that is not cancelled; else
 * the terapeut who registered its latest counting session; else the
 * case's terapeut (assignment.h); else none.
 *
 * A refusal by a weekly limit (sessions or minutes a week, the grant's
 * sessions a week) moves the search to the next ISO week; any other
 * refusal of the case (a limit of the whole course, the grant's end or
 * minutes, the case's state) ends it, and `ended` says why in Danish.
 * Refused before the search: a case not of the municipality
 * (GENOP_ENOTFOUND), a closed case or training without a grant on `from`
 * (GENOP_EREFUSED at "$.case"), `from` before today (GENOP_EINVAL at
 * "from"), a room not of the municipality (GENOP_EINVAL at "room").
 * A look at the case: one access-log row (case.read, sagsbehandling)
 * once the case is found.
 */
#ifndef GENOP_CALENDAR_PROPOSALS_H
#define GENOP_CALENDAR_PROPOSALS_H

#include "booking_input.h"
#include "booking_refusal.h"
#include "env.h"
#include "store_calendar.h"

#define CAL_PROPOSALS_MAX 20
#define CAL_PROPOSALS_DEFAULT 5
#define CAL_PROPOSALS_DAYS 56
#define CAL_PROPOSALS_STEP 15
#define CAL_PROPOSALS_MINUTES 60        /* when neither the query nor the grant says */

typedef struct cal_proposal_query {
    genop_session_kind kind;
    int minutes;                /* 0: the grant's minutes a session, else 60 */
    size_t count;               /* 1..CAL_PROPOSALS_MAX */
    genop_date from;            /* 0: today */
    bool place_given;           /* false: the case's last place, else the rooms */
    cal_place place;            /* CAL_PLACE_ROOM or CAL_PLACE_HOME when given */
    int64_t room_id;            /* CAL_PLACE_ROOM */
} cal_proposal_query;

typedef struct cal_proposal {
    genop_appointment_row row;  /* as it would be booked (id 0) */
    char room_name[GENOP_NAME_MAX];
    char location_name[GENOP_NAME_MAX];
    bool preferred;             /* the preferred therapist's time */
    cal_warning warn;           /* the start deadline's, as a booking's */
    char why[GENOP_ERROR_MSG_MAX];
} cal_proposal;

typedef struct cal_proposals {
    cal_proposal items[CAL_PROPOSALS_MAX];
    size_t n;
    char preferred[GENOP_USERNAME_MAX];      /* "" when none */
    char preferred_why[GENOP_ERROR_MSG_MAX];
    int minutes;                             /* the minutes proposed */
    genop_date from, to;                     /* the days searched */
    char ended_limit[40];                    /* the limit that ended the search, or "" */
    char ended[GENOP_ERROR_MSG_MAX];         /* why fewer than asked for, or "" */
} cal_proposals;

/* Fills *out (the caller's; nothing to release) with the proposals for
 * case case_id as proposals.h says. */
genop_err casework_appointment_proposals(const casework_env *env, const genop_user *actor,
                                         int64_t case_id, const cal_proposal_query *q,
                                         cal_proposals *out, genop_error *e);

#endif
