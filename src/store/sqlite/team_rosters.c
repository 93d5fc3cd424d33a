/*
 * team_rosters.c - the SQLite back end's team rosters and waiting lists
 * (migration 0017; store_teams.h). A row is added only for a case of its
 * municipality (the INSERT selects the case by municipality) and a team
 * of the same (composite foreign keys); rows are read back with their
 * citizen's name, by municipality only. A waiting list is written whole:
 * the team's rows are deleted and the new order inserted, in the
 * caller's transaction.
 */
#include <string.h>

#include "records.h"

enum {
    ST_ROSTER_ADD,
    ST_ROSTER_UPDATE,
    ST_ROSTER_LIST,
    ST_WAITING_LIST,
    ST_WAITING_CLEAR,
    ST_WAITING_ADD,
    ST_COUNT
};

#define WHO " JOIN cases c ON c.municipality = x.municipality AND c.id = x.case_id" \
            " JOIN citizens z ON z.municipality = c.municipality AND z.id = c.citizen_id"

static const char *const team_sql[ST_COUNT] = {
    [ST_ROSTER_ADD] =
        ("INSERT INTO team_roster (municipality, team_id, case_id, from_date, to_date,"
         " created_by) SELECT ?1, ?2, c.id, ?4, ?5, ?6 FROM cases c"
         " WHERE c.municipality = ?1 AND c.id = ?3 RETURNING id"),
    [ST_ROSTER_UPDATE] = ("UPDATE team_roster SET to_date = ?3, left_on = ?4"
                          " WHERE municipality = ?1 AND id = ?2"),
    [ST_ROSTER_LIST] =
        ("SELECT x.id, x.team_id, x.case_id, x.from_date, x.to_date, x.left_on, x.created_by,"
         " z.id, z.name FROM team_roster x" WHO " WHERE x.municipality = ?1"
         " AND (?2 = 0 OR x.team_id = ?2) AND (?3 = 0 OR x.case_id = ?3)"
         " ORDER BY x.from_date, x.id"),
    [ST_WAITING_LIST] =
        ("SELECT x.team_id, x.case_id, x.position, x.added_on, x.added_by, x.offered_on,"
         " x.offer_due, z.id, z.name FROM team_waiting_list x" WHO " WHERE x.municipality = ?1"
         " AND (?2 = 0 OR x.team_id = ?2) AND (?3 = 0 OR x.case_id = ?3)"
         " ORDER BY x.team_id, x.position"),
    [ST_WAITING_CLEAR] = "DELETE FROM team_waiting_list WHERE municipality = ?1 AND team_id = ?2",
    [ST_WAITING_ADD] =
        ("INSERT INTO team_waiting_list (municipality, team_id, case_id, position, added_on,"
         " added_by, offered_on, offer_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
};

static const stmt_table teams_table = {team_sql, ST_COUNT};

static void read_roster(row_reader *r, void *item)
{
    genop_roster_row *x = item;
    x->id = row_int(r);
    x->team_id = row_int(r);
    x->case_id = row_int(r);
    row_date(r, &x->from, NULL, "indmeldelsens første dag");
    row_date(r, &x->to, &x->has_to, "indmeldelsens sidste dag");
    row_date(r, &x->left_on, &x->has_left, "udmeldelsens dag");
    row_text(r, x->created_by, sizeof x->created_by, CUT_REFUSED, "brugernavnet");
    x->citizen_id = row_int(r);
    row_text(r, x->citizen_name, sizeof x->citizen_name, CUT_OK, "borgerens navn");
}

static void read_waiting(row_reader *r, void *item)
{
    genop_waiting_row *x = item;
    x->team_id = row_int(r);
    x->case_id = row_int(r);
    x->position = (int)row_int(r);
    row_date(r, &x->added_on, NULL, "dagen på ventelisten");
    row_text(r, x->added_by, sizeof x->added_by, CUT_REFUSED, "brugernavnet");
    bool due = false;
    row_date(r, &x->offered_on, &x->offered, "tilbuddets dag");
    row_date(r, &x->offer_due, &due, "tilbuddets frist");
    x->citizen_id = row_int(r);
    row_text(r, x->citizen_name, sizeof x->citizen_name, CUT_OK, "borgerens navn");
}

/* A nullable date: bound when has, else SQL NULL. */
static int bind_maybe(sqlite3_stmt *q, int i, bool has, genop_date d)
{
    return has ? bind_date(q, i, d) : sqlite3_bind_null(q, i);
}

static genop_err sqlite_roster_add(genop_store *s, const char *muni, genop_roster_row *r,
                                   genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(r->created_by, sizeof r->created_by, true, "brugernavnet", e)) ||
        (err = stmt_use(st, &teams_table, ST_ROSTER_ADD, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, r->team_id)) ||
        (rc = sqlite3_bind_int64(q, 3, r->case_id)) || (rc = bind_date(q, 4, r->from)) ||
        (rc = bind_maybe(q, 5, r->has_to, r->to)) || (rc = bind_text(q, 6, r->created_by)))
        err = stmt_bind_fail(st, rc, e);
    else if (!(err = stmt_step_row(st, q, "indmelde sagen på holdet", e)))
        r->id = sqlite3_column_int64(q, 0);
    stmt_done(q);
    return err;
}

static genop_err sqlite_roster_update(genop_store *s, const char *muni,
                                      const genop_roster_row *r, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &teams_table, ST_ROSTER_UPDATE, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, r->id)) ||
        (rc = bind_maybe(q, 3, r->has_to, r->to)) ||
        (rc = bind_maybe(q, 4, r->has_left, r->left_on)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "ændre holdets deltagerliste", e);
    stmt_done(q);
    return err;
}

/* Runs list statement id for muni, team_id, case_id into out. */
static genop_err list_rows(genop_store *s, unsigned id, const char *muni, int64_t team_id,
                           int64_t case_id, size_t size, row_fn read, const char *what,
                           genop_list *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &teams_table, id, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, team_id)) ||
        (rc = sqlite3_bind_int64(q, 3, case_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_collect(st, q, size, read, what, out, e);
    stmt_done(q);
    return err;
}

static genop_err sqlite_roster_list(genop_store *s, const char *muni, int64_t team_id,
                                    int64_t case_id, genop_list *out, genop_error *e)
{
    return list_rows(s, ST_ROSTER_LIST, muni, team_id, case_id, sizeof(genop_roster_row),
                     read_roster, "holdets deltagere", out, e);
}

static genop_err sqlite_waiting_list(genop_store *s, const char *muni, int64_t team_id,
                                     int64_t case_id, genop_list *out, genop_error *e)
{
    return list_rows(s, ST_WAITING_LIST, muni, team_id, case_id, sizeof(genop_waiting_row),
                     read_waiting, "holdets venteliste", out, e);
}

/* Inserts w at position pos of team_id's list. */
static genop_err waiting_add(sqlite_store *st, const char *muni, int64_t team_id,
                             const genop_waiting_row *w, int pos, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(w->added_by, sizeof w->added_by, true, "brugernavnet", e);
    if (err || (err = stmt_use(st, &teams_table, ST_WAITING_ADD, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, team_id)) ||
        (rc = sqlite3_bind_int64(q, 3, w->case_id)) || (rc = sqlite3_bind_int(q, 4, pos)) ||
        (rc = bind_date(q, 5, w->added_on)) || (rc = bind_text(q, 6, w->added_by)) ||
        (rc = bind_maybe(q, 7, w->offered, w->offered_on)) ||
        (rc = bind_maybe(q, 8, w->offered, w->offer_due)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "sætte sagen på holdets venteliste", e);
    stmt_done(q);
    return err;
}

static genop_err sqlite_waiting_set(genop_store *s, const char *muni, int64_t team_id,
                                    const genop_waiting_row *rows, size_t n, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &teams_table, ST_WAITING_CLEAR, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, team_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "ændre holdets venteliste", e);
    stmt_done(q);
    for (size_t i = 0; !err && i < n; i++)
        err = waiting_add(st, muni, team_id, &rows[i], (int)i + 1, e);
    return err;
}

const genop_team_ops sqlite_team_ops = {
    .roster_add = sqlite_roster_add,
    .roster_update = sqlite_roster_update,
    .roster_list = sqlite_roster_list,
    .waiting_list = sqlite_waiting_list,
    .waiting_set = sqlite_waiting_set,
};
