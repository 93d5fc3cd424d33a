/*
 * appointments.c - the SQLite back end's appointments (migration 0015;
 * store_calendar.h). An appointment is added only for a case of its
 * municipality (the INSERT selects the case by municipality), with a
 * room and team of the same (composite foreign keys), and read back only
 * by its municipality. What may be booked is the domain layer's to judge
 * in the same transaction.
 */
#include <string.h>

#include "records.h"

enum {
    ST_INSERT,
    ST_FIND,
    ST_FIND_THERAPIST,
    ST_FIND_ROOM,
    ST_FIND_TEAM,
    ST_FIND_CASE,
    ST_GET,
    ST_UPDATE,
    ST_RESCHEDULE,
    ST_COUNT
};

#define APPT_COLS                                                                           \
    "a.id, a.case_id, a.therapist_id, u.username, a.start, a.day, a.starts_at, a.ends_at," \
    " a.minutes, a.kind, a.place, a.room_id, a.team_id, a.status, a.cancelled_by,"         \
    " a.cancel_reason, a.outcome, a.event_id, a.created_by, a.new_time_since"
#define APPT_FROM " FROM appointments a JOIN users u ON u.id = a.therapist_id"

/* The filter's conditions (?2 .. ?10; bind_filter); ?11 is a lower bound
 * of starts_at that the keyed statements' indexes can use: a day before
 * `after` (no appointment lasts longer), or the earliest instant. */
#define FIND_TAIL                                                                           \
    " AND (?2 IS NULL OR a.day >= ?2) AND (?3 IS NULL OR a.day <= ?3)"                      \
    " AND (?4 = 0 OR a.therapist_id = ?4) AND (?5 = 0 OR a.case_id = ?5)"                  \
    " AND (?6 = 0 OR a.room_id = ?6) AND (?7 = 0 OR a.team_id = ?7)"                        \
    " AND (?8 = 0 OR a.status <> 'cancelled')"                                              \
    " AND (?9 IS NULL OR a.starts_at < ?9) AND (?10 IS NULL OR a.ends_at > ?10)"            \
    " AND ?11 IS NOT NULL ORDER BY a.starts_at, a.id"

static const char *const appt_sql[ST_COUNT] = {
    [ST_INSERT] =
        ("INSERT INTO appointments (municipality, case_id, therapist_id, start, day, starts_at,"
        " ends_at, minutes, kind, place, room_id, team_id, created_by)"
        " SELECT ?1, c.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 FROM cases c"
        " WHERE c.municipality = ?1 AND c.id = ?2 RETURNING id"),
    [ST_FIND] = ("SELECT " APPT_COLS APPT_FROM " WHERE a.municipality = ?1" FIND_TAIL),
    /* The same with the key an index leads with, so that a check reads
     * one therapist's, room's, team's or case's appointments only. */
    [ST_FIND_THERAPIST] = ("SELECT " APPT_COLS APPT_FROM " WHERE a.municipality = ?1"
                          " AND a.therapist_id = ?4 AND a.starts_at > ?11" FIND_TAIL),
    [ST_FIND_ROOM] = ("SELECT " APPT_COLS APPT_FROM " WHERE a.municipality = ?1"
                     " AND a.room_id = ?6 AND a.starts_at > ?11" FIND_TAIL),
    [ST_FIND_TEAM] = ("SELECT " APPT_COLS APPT_FROM " WHERE a.municipality = ?1"
                     " AND a.team_id = ?7 AND a.starts_at > ?11" FIND_TAIL),
    [ST_FIND_CASE] = ("SELECT " APPT_COLS APPT_FROM " WHERE a.municipality = ?1"
                     " AND a.case_id = ?5 AND a.starts_at > ?11" FIND_TAIL),
    [ST_GET] = ("SELECT " APPT_COLS APPT_FROM " WHERE a.municipality = ?1 AND a.id = ?2"),
    [ST_UPDATE] = ("UPDATE appointments SET status = ?3, cancelled_by = ?4, cancel_reason = ?5,"
                  " outcome = ?6, event_id = ?7, new_time_since = ?8"
                   " WHERE municipality = ?1 AND id = ?2"),
    /* A move (calendar/move.h); bind_move. */
    [ST_RESCHEDULE] = ("UPDATE appointments SET therapist_id = ?3, start = ?4, day = ?5,"
                      " starts_at = ?6, ends_at = ?7, minutes = ?8, place = ?9, room_id = ?10,"
                      " team_id = ?11 WHERE municipality = ?1 AND id = ?2"),
};

static const stmt_table appointments = {appt_sql, ST_COUNT};

static void read_appt(row_reader *r, void *item)
{
    genop_appointment_row *a = item;
    a->id = row_int(r);
    a->case_id = row_int(r);
    a->therapist_id = row_int(r);
    row_text(r, a->therapist, sizeof a->therapist, CUT_REFUSED, "terapeuten");
    row_text(r, a->start, sizeof a->start, CUT_REFUSED, "tidens start");
    row_date(r, &a->day, NULL, "tidens dag");
    a->starts_at = row_int(r);
    a->ends_at = row_int(r);
    a->minutes = (int)row_int(r);
    row_text(r, a->kind, sizeof a->kind, CUT_REFUSED, "tidens art");
    row_text(r, a->place, sizeof a->place, CUT_REFUSED, "tidens sted");
    a->room_id = row_int(r);
    a->team_id = row_int(r);
    row_text(r, a->status, sizeof a->status, CUT_REFUSED, "tidens status");
    row_text(r, a->cancelled_by, sizeof a->cancelled_by, CUT_REFUSED, "aflyst af");
    row_text(r, a->cancel_reason, sizeof a->cancel_reason, CUT_OK, "aflysningens grund");
    row_text(r, a->outcome, sizeof a->outcome, CUT_REFUSED, "udfaldet");
    a->event_id = row_int(r);
    row_text(r, a->created_by, sizeof a->created_by, CUT_REFUSED, "brugernavnet");
    row_date(r, &a->new_time_since, &a->new_time_owed, "dagen for aflysningen");
}

static int bind_appt(sqlite3_stmt *q, const char *muni, const genop_appointment_row *a)
{
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, a->case_id)) ||
        (rc = sqlite3_bind_int64(q, 3, a->therapist_id)) || (rc = bind_text(q, 4, a->start)) ||
        (rc = bind_date(q, 5, a->day)) || (rc = sqlite3_bind_int64(q, 6, a->starts_at)) ||
        (rc = sqlite3_bind_int64(q, 7, a->ends_at)) || (rc = sqlite3_bind_int(q, 8, a->minutes)))
        return rc;
    if ((rc = bind_text(q, 9, a->kind)) || (rc = bind_text(q, 10, a->place)) ||
        (rc = bind_id(q, 11, a->room_id)) || (rc = bind_id(q, 12, a->team_id)))
        return rc;
    return bind_text(q, 13, a->created_by);
}

genop_err sqlite_appointment_add(genop_store *s, const char *muni, genop_appointment_row *a,
                                 genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(a->created_by, sizeof a->created_by, true, "brugernavnet", e)) ||
        (err = stmt_use(st, &appointments, ST_INSERT, &q, e)))
        return err;
    int rc = bind_appt(q, muni, a);
    if (rc)
        err = stmt_bind_fail(st, rc, e);
    else if (!(err = stmt_step_row(st, q, "gemme tiden", e)))
        a->id = sqlite3_column_int64(q, 0);
    stmt_done(q);
    return err;
}

/* ?2 .. ?11 of the find statements from f. */
static int bind_filter(sqlite3_stmt *q, const genop_appointment_filter *f)
{
    int rc;
    if ((rc = f->has_from ? bind_date(q, 2, f->from) : sqlite3_bind_null(q, 2)) ||
        (rc = f->has_to ? bind_date(q, 3, f->to) : sqlite3_bind_null(q, 3)) ||
        (rc = sqlite3_bind_int64(q, 4, f->therapist_id)) ||
        (rc = sqlite3_bind_int64(q, 5, f->case_id)) ||
        (rc = sqlite3_bind_int64(q, 6, f->room_id)) ||
        (rc = sqlite3_bind_int64(q, 7, f->team_id)) || (rc = sqlite3_bind_int(q, 8, f->active)))
        return rc;
    if (!f->overlapping) {
        if ((rc = sqlite3_bind_null(q, 9)) || (rc = sqlite3_bind_null(q, 10)))
            return rc;
        return sqlite3_bind_int64(q, 11, INT64_MIN);
    }
    if ((rc = sqlite3_bind_int64(q, 9, f->before)) || (rc = sqlite3_bind_int64(q, 10, f->after)))
        return rc;
    return sqlite3_bind_int64(q, 11, f->after - 86400);
}

/* The statement whose index serves f best. */
static unsigned find_statement(const genop_appointment_filter *f)
{
    return f->therapist_id ? ST_FIND_THERAPIST
           : f->room_id    ? ST_FIND_ROOM
           : f->team_id    ? ST_FIND_TEAM
           : f->case_id    ? ST_FIND_CASE
                           : ST_FIND;
}

genop_err sqlite_appointments_find(genop_store *s, const char *muni,
                                   const genop_appointment_filter *f, genop_list *out,
                                   genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &appointments, find_statement(f), &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = bind_filter(q, f)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_collect(st, q, sizeof(genop_appointment_row), read_appt, "tiderne", out, e);
    stmt_done(q);
    return err;
}

genop_err sqlite_appointment_get(genop_store *s, const char *muni, int64_t id,
                                 genop_appointment_row *out, genop_error *e)
{
    genop_list l = {0};
    genop_err err = db_read_rows(sqlite_handle(s), &appointments, ST_GET, muni, id, 0,
                                 sizeof *out, read_appt, "tiden", &l, e);
    if (!err && l.n == 0)
        err = GENOP_ENOTFOUND;
    if (!err)
        memcpy(out, l.items, sizeof *out);
    genop_store_free_list(&l);
    return err;
}

genop_err sqlite_appointment_update(genop_store *s, const char *muni,
                                    const genop_appointment_row *a, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &appointments, ST_UPDATE, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, a->id)) ||
        (rc = bind_text(q, 3, a->status)) ||
        (rc = bind_text(q, 4, a->cancelled_by[0] ? a->cancelled_by : NULL)) ||
        (rc = bind_text(q, 5, a->cancel_reason[0] ? a->cancel_reason : NULL)) ||
        (rc = bind_text(q, 6, a->outcome[0] ? a->outcome : NULL)) ||
        (rc = bind_id(q, 7, a->event_id)) ||
        (rc = a->new_time_owed ? bind_date(q, 8, a->new_time_since)
                             : sqlite3_bind_null(q, 8)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "ændre tiden", e);
    stmt_done(q);
    return err;
}

/* ?1 .. ?11 of ST_RESCHEDULE from a. */
static int bind_move(sqlite3_stmt *q, const char *muni, const genop_appointment_row *a)
{
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, a->id)) ||
        (rc = sqlite3_bind_int64(q, 3, a->therapist_id)) || (rc = bind_text(q, 4, a->start)) ||
        (rc = bind_date(q, 5, a->day)) || (rc = sqlite3_bind_int64(q, 6, a->starts_at)))
        return rc;
    if ((rc = sqlite3_bind_int64(q, 7, a->ends_at)) || (rc = sqlite3_bind_int(q, 8, a->minutes)) ||
        (rc = bind_text(q, 9, a->place)) || (rc = bind_id(q, 10, a->room_id)))
        return rc;
    return bind_id(q, 11, a->team_id);
}

genop_err sqlite_appointment_reschedule(genop_store *s, const char *muni,
                                        const genop_appointment_row *a, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &appointments, ST_RESCHEDULE, &q, e)))
        return err;
    int rc = bind_move(q, muni, a);
    if (rc)
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "flytte tiden", e);
    stmt_done(q);
    return err;
}
