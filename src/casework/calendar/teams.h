/*
 * teams.h - a team's (hold's) roster, waiting list and meetings (issue
 * 14; docs/calendar.md, "Teams"):
 *
 *  - the roster: a case is enrolled from a day to a day (or to the end of
 *    its grant, or of the team); enrolling books the case onto the team's
 *    meetings through the series path (appointments.h: every booking
 *    rule, each date counting for the next; dates that cannot be booked
 *    are reported, never dropped), in the same write; leaving cancels
 *    the case's remaining team bookings from a day;
 *  - the waiting list of a full team, in order: when a place on a meeting
 *    is freed (a team appointment cancelled, a case leaving), the first
 *    case on the list without an offer is offered it - the worklist task
 *    team_place on that case (projection_tasks.h), due the freed
 *    meeting's day - until it is accepted (the case is enrolled, which
 *    takes it off the list) or declined (off the list, and the offer
 *    passes to the next);
 *  - a meeting (team_meeting.c): its participants with their
 *    appointments, and its attendance registered in one write, each
 *    participant's outcome through the outcome path, all or nothing.
 *
 * Roles: visitator, terapeut and leder read and change rosters and
 * waiting lists (they book); attendance is registered by those who
 * register sessions (visitator, terapeut). Another municipality's team is
 * GENOP_ENOTFOUND ("Holdet findes ikke."), its case likewise at "$.case".
 * Reading names citizens: one access-log row per case shown (team.read,
 * team.meeting); changes log team.roster on the case.
 *
 * Files: teams.c (the roster and the page), team_waiting.c (the waiting
 * list), team_meeting.c (a meeting); team_place.h (offering a freed
 * place) and team_place_task.h (the task) are apart, so that the
 * cancelling of an appointment and the projection can use them without
 * including this.
 */
#ifndef GENOP_CALENDAR_TEAMS_H
#define GENOP_CALENDAR_TEAMS_H

#include "appointments.h"
#include "store_teams.h"
#include "team_place.h"

/* A coming meeting of a team: its day and how many places are taken. */
typedef struct cal_meeting_slot {
    genop_date date;
    int booked;
} cal_meeting_slot;

#define CAL_TEAM_MEETINGS 6

/* GET /teams/{id}: the team, its roster (genop_roster_row[], those who
 * left too), its waiting list (genop_waiting_row[], in order), the next
 * meetings from today, and whether it is full (the roster's active
 * members on the next meeting's day fill its capacity). */
typedef struct cal_team_page {
    genop_team_row team;
    genop_list roster, waiting;
    cal_meeting_slot meetings[CAL_TEAM_MEETINGS];
    size_t n_meetings;
    int enrolled;                       /* active on the next meeting's day */
    bool full;
} cal_team_page;

genop_err casework_team_page(const casework_env *env, const genop_user *actor, int64_t team_id,
                             cal_team_page *out, genop_error *e);
void casework_team_page_release(cal_team_page *p);

/* POST /teams/{id}/roster: {"case", "from", "to"?}. */
typedef struct cal_enrol {
    int64_t case_id;
    genop_date from, to;
    bool has_to;
} cal_enrol;

/* Enrols e->case_id: keeps the roster row (*row) and books the meetings
 * from..until (the body's to, else the grant's end, else the team's end,
 * at most a series' length) as a series (*res). Refused: the case on the
 * roster already (GENOP_EREFUSED, "$.case"), no meeting in the period
 * ("$.from"), no meeting with a free place (GENOP_ECONFLICT, conflict
 * team: put the case on the waiting list), and every refusal of the
 * series; nothing kept then. A case on the team's waiting list leaves
 * it (an offer accepted). */
genop_err casework_team_enrol(const casework_env *env, const genop_user *actor, int64_t team_id,
                              const cal_enrol *in, genop_roster_row *row,
                              cal_series_result *res, cal_refusal *why, genop_error *e);

/* POST /teams/{id}/roster/leave: {"case", "from"?, "by", "reason"}. */
typedef struct cal_leave {
    int64_t case_id;
    bool has_from;
    genop_date from;                    /* default today */
    cal_cancel cancel;
} cal_leave;

/* The case leaves the team from l->from: its roster row ends, its booked
 * team appointments from that day are cancelled (by and reason; no new
 * time is owed for a place given up), and the freed place is offered to
 * the first on the waiting list (*offered its case, 0: none).
 * *cancelled counts the cancelled appointments. */
genop_err casework_team_leave(const casework_env *env, const genop_user *actor, int64_t team_id,
                              const cal_leave *l, size_t *cancelled, int64_t *offered,
                              genop_error *e);

/* POST /teams/{id}/waiting-list {"case"}: puts the case last on the list.
 * Refused at "$.case" when it is on the list or the roster already, or
 * closed. */
genop_err casework_team_wait(const casework_env *env, const genop_user *actor, int64_t team_id,
                             int64_t case_id, genop_error *e);

/* PUT /teams/{id}/waiting-list {"cases": [...]}: the list in this order;
 * it must name every case on the list once ("$.cases"). */
genop_err casework_team_wait_order(const casework_env *env, const genop_user *actor,
                                   int64_t team_id, const int64_t *cases, size_t n,
                                   genop_error *e);

/* POST /teams/{id}/waiting-list/remove {"case"} and .../decline: takes the
 * case off the list; an offer it held passes to the next (*offered, 0:
 * none). decline: refused ("$.case") unless it holds an offer. */
genop_err casework_team_unwait(const casework_env *env, const genop_user *actor,
                               int64_t team_id, int64_t case_id, bool decline,
                               int64_t *offered, genop_error *e);

/* GET /teams/{id}/meetings/{date}: the meeting and its participants (the
 * team's appointments that day, cancelled ones too), each with its
 * citizen's name; one access-log row per case (team.meeting). */
typedef struct cal_participant {
    genop_appointment_row a;
    int64_t citizen_id;
    char citizen_name[GENOP_NAME_MAX];
} cal_participant;

typedef struct cal_meeting {
    genop_team_row team;
    genop_date date;
    genop_list people;                  /* cal_participant[], by start and id */
} cal_meeting;

/* GENOP_ENOTFOUND (a refusal) when the team does not meet on date. */
genop_err casework_team_meeting(const casework_env *env, const genop_user *actor,
                                int64_t team_id, genop_date date, cal_meeting *out,
                                genop_error *e);

/* One participant's outcome of POST .../attendance. */
typedef struct cal_attendance_item {
    int64_t appointment;
    cal_outcome o;
    int64_t event_id;                   /* set when registered */
} cal_attendance_item;

#define CAL_ATTENDANCE_MAX 1000

/* Registers every item's outcome in one write, each through the outcome
 * path (cal_outcome_record): all or nothing. An item whose appointment is
 * not the team's on date, named twice, or refused by the outcome path
 * refuses all, at "$.items[i].appointment" or "$.items[i].outcome". */
genop_err casework_team_attendance(const casework_env *env, const genop_user *actor,
                                   int64_t team_id, genop_date date, cal_attendance_item *items,
                                   size_t n, genop_error *e);

#endif
