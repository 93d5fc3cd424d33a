/*
 * appointments_walk.c - the appointments of a municipality dated in a
 * period, in one pass (genop_store_appointments_walk, store_calendar.h):
 * what a report counts per therapist and team (src/casework/report/
 * report_staff.c). One statement reads them by the index on (municipality,
 * day), with the therapist's username (a user of the same municipality)
 * and the team's name, and, when a paragraph is asked for, only those of
 * the municipality's cases of it; each row is handed to the caller's
 * function while the statement stands on it. Runs in the caller's read
 * transaction, or in one of its own.
 */
#include "records.h"

enum { ST_WALK, ST_COUNT };

static const char *const walk_sql[ST_COUNT] = {
    [ST_WALK] =
        "SELECT a.therapist_id, coalesce(u.username, ''), coalesce(a.team_id, 0),"
        " coalesce(t.name, ''), a.status, coalesce(a.cancelled_by, ''),"
        " coalesce(a.outcome, '')"
        " FROM appointments a"
        " LEFT JOIN users u ON u.id = a.therapist_id AND u.municipality = a.municipality"
        " LEFT JOIN teams t ON t.municipality = a.municipality AND t.id = a.team_id"
        " WHERE a.municipality = ?1 AND a.day >= ?2 AND a.day <= ?3"
        " AND (?4 = 0 OR EXISTS (SELECT 1 FROM cases c WHERE c.municipality = a.municipality"
        "  AND c.id = a.case_id AND c.paragraph = ?4))",
};

static const stmt_table walk = {walk_sql, ST_COUNT};

static const char *column_text(sqlite3_stmt *q, int i)
{
    const unsigned char *t = sqlite3_column_text(q, i);
    return t ? (const char *)t : "";
}

genop_err sqlite_appointments_walk(genop_store *s, const char *muni, genop_date from,
                                   genop_date to, unsigned paragraph, genop_appointment_fn fn,
                                   void *ctx, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    bool own = false;
    genop_err err = check_muni(muni, e);
    if (err || (err = db_read_begin(st, &own, e)))
        return err;
    if ((err = stmt_use(st, &walk, ST_WALK, &q, e)))
        goto out;
    int rc = bind_text(q, 1, muni);
    if (!rc)
        rc = bind_date(q, 2, from);
    if (!rc)
        rc = bind_date(q, 3, to);
    if (!rc)
        rc = sqlite3_bind_int(q, 4, (int)paragraph);
    if (rc) {
        err = stmt_bind_fail(st, rc, e);
        goto out;
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        genop_appointment_ref a = {
            sqlite3_column_int64(q, 0), column_text(q, 1), sqlite3_column_int64(q, 2),
            column_text(q, 3), column_text(q, 4), column_text(q, 5), column_text(q, 6)};
        if ((err = fn(ctx, &a, e)))
            goto out;
    }
    if (rc != SQLITE_DONE)
        err = sql_fail(st, rc, "læse tiderne til rapporten", e);
out:
    stmt_done(q);
    db_read_end(st, own);
    return err;
}
