/*
 * holiday_openings.c - the SQLite back end's holiday openings (migration
 * 0018; store_calendar.h): the public holidays and days off a leder of a
 * municipality opened for booking, one row per municipality and day.
 * Every statement names the municipality, so another municipality's
 * opening is never found, added over or deleted.
 */
#include <string.h>

#include "records.h"

enum { ST_ADD, ST_GET, ST_LIST, ST_DELETE, ST_COUNT };

#define OPENING_COLS "day, reason, created_by"

static const char *const opening_sql[ST_COUNT] = {
    [ST_ADD] = ("INSERT INTO holiday_openings (municipality, day, reason, created_by)"
               " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (municipality, day) DO NOTHING"
               " RETURNING day"),
    [ST_GET] = ("SELECT " OPENING_COLS " FROM holiday_openings WHERE municipality = ?1"
               " AND day = ?2"),
    [ST_LIST] = ("SELECT " OPENING_COLS " FROM holiday_openings WHERE municipality = ?1"
                " AND ?2 = 0 ORDER BY day"),
    [ST_DELETE] = ("DELETE FROM holiday_openings WHERE municipality = ?1 AND day = ?2"
                  " RETURNING day"),
};

static const stmt_table openings = {opening_sql, ST_COUNT};

static void read_opening(row_reader *r, void *item)
{
    genop_holiday_opening_row *o = item;
    row_date(r, &o->day, NULL, "den åbnede dag");
    row_text(r, o->reason, sizeof o->reason, CUT_OK, "begrundelsen");
    row_text(r, o->created_by, sizeof o->created_by, CUT_REFUSED, "brugernavnet");
}

/* Prepares statement id bound to muni (?1) and day (?2) into *q. */
static genop_err use_day(sqlite_store *st, unsigned id, const char *muni, genop_date day,
                         sqlite3_stmt **q, genop_error *e)
{
    genop_err err = check_muni(muni, e);
    if (!err)
        err = stmt_use(st, &openings, id, q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(*q, 1, muni)) || (rc = bind_date(*q, 2, day)))
        return stmt_bind_fail(st, rc, e);
    return GENOP_OK;
}

genop_err sqlite_holiday_opening_add(genop_store *s, const char *muni,
                                     const genop_holiday_opening_row *o, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(o->reason, sizeof o->reason, true, "begrundelsen", e);
    if (!err)
        err = check_text(o->created_by, sizeof o->created_by, true, "brugernavnet", e);
    if (!err)
        err = use_day(st, ST_ADD, muni, o->day, &q, e);
    int rc;
    if (!err && ((rc = bind_text(q, 3, o->reason)) || (rc = bind_text(q, 4, o->created_by))))
        err = stmt_bind_fail(st, rc, e);
    if (!err)
        err = stmt_step_row(st, q, "åbne helligdagen", e);
    if (err == GENOP_ENOTFOUND)         /* DO NOTHING: the day is open already */
        err = GENOP_ECONFLICT;
    stmt_done(q);
    return err;
}

genop_err sqlite_holiday_opening_get(genop_store *s, const char *muni, genop_date day,
                                     genop_holiday_opening_row *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use_day(st, ST_GET, muni, day, &q, e);
    if (!err)
        err = stmt_step_row(st, q, "finde den åbnede helligdag", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        read_opening(&r, out);
        err = r.err;
    }
    stmt_done(q);
    return err;
}

genop_err sqlite_holiday_openings_list(genop_store *s, const char *muni, genop_list *out,
                                       genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &openings, ST_LIST, muni, 0, 0,
                        sizeof(genop_holiday_opening_row), read_opening,
                        "de åbnede helligdage", out, e);
}

genop_err sqlite_holiday_opening_delete(genop_store *s, const char *muni, genop_date day,
                                        genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use_day(st, ST_DELETE, muni, day, &q, e);
    if (!err)
        err = stmt_step_row(st, q, "lukke helligdagen igen", e);
    stmt_done(q);
    return err;
}
