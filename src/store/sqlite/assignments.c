/*
 * assignments.c - the SQLite back end's record of who is responsible for
 * a case: case_assignments (its migration says why) holds per case and
 * role the username of the case's current `assigned` event, replaced
 * whenever the domain layer recomputes it (src/casework/assignment.c) in
 * the transaction of the event; the staff of a municipality by role (the
 * users a case can be assigned to); and the open deadlines counted by who
 * is responsible for them, for a leader's overview. Lists and the
 * worklist read a case's assignment with ASSIGNED_JOINS (records.h).
 */
#include <string.h>

#include "records.h"

#define STAFF_COLS "u.id, u.municipality, u.username, u.role"

/* The role responsible for the open deadline d: the ids in the JSON array
 * ?2 are the terapeut's, every other id the visitator's. */
#define TASK_ROLE                                                                         \
    "CASE WHEN d.deadline_id IN (SELECT value FROM json_each(?2)) THEN 'terapeut'"        \
    " ELSE 'visitator' END"

enum {
    ST_CLEAR,
    ST_INSERT,
    ST_GET,
    ST_STAFF,
    ST_STAFF_FIND,
    ST_BY_OWNER,
    ST_OWNED_OPEN,
    ST_COUNT
};

static const char *const assign_sql[ST_COUNT] = {
    [ST_CLEAR] = "DELETE FROM case_assignments WHERE municipality = ?1 AND case_id = ?2",
    [ST_INSERT] = "INSERT INTO case_assignments (municipality, case_id, role, username, since)"
                  " VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_GET] = "SELECT " ASSIGNED_COLS " FROM cases c" ASSIGNED_JOINS("c")
               " WHERE c.municipality = ?1 AND c.id = ?2",
    /* A deactivated user is nobody's to assign (a locked one is still staff). */
    [ST_STAFF] = "SELECT " STAFF_COLS " FROM users u WHERE u.municipality = ?1"
                 " AND (?2 IS NULL OR u.role = ?2) AND u.state <> 'deactivated'"
                 " ORDER BY u.username",
    [ST_STAFF_FIND] = "SELECT " STAFF_COLS " FROM users u"
                      " WHERE u.municipality = ?1 AND u.username = ?2",
    /* Every open deadline once: its role, and that role's user on its case. */
    [ST_BY_OWNER] = "SELECT x.role, coalesce(a.username, ''), count(*), sum(x.due < ?3)"
                    " FROM (SELECT d.case_id, d.due, " TASK_ROLE " AS role"
                    " FROM open_deadlines d WHERE d.municipality = ?1 AND d.listed_from <= ?3) x"
                    " LEFT JOIN case_assignments a ON a.municipality = ?1"
                    " AND a.case_id = x.case_id AND a.role = x.role"
                    " GROUP BY 1, 2 ORDER BY 1, 2",
    /* From the user's assignments to their cases (CROSS JOIN keeps that
     * order: the other way scans every open case of the municipality). */
    [ST_OWNED_OPEN] = "SELECT count(*) FROM case_assignments a CROSS JOIN cases c"
                      " ON c.municipality = a.municipality AND c.id = a.case_id"
                      " WHERE a.municipality = ?1 AND a.username = ?2 AND c.closed = 0",
};

static const stmt_table assignments = {assign_sql, ST_COUNT};

void sqlite_read_assigned(row_reader *r, genop_case_assigned *a)
{
    bool has;
    row_text(r, a->visitator, sizeof a->visitator, CUT_REFUSED, "den ansvarlige visitator");
    row_date(r, &a->visitator_since, &has, "datoen for den ansvarlige visitator");
    row_text(r, a->terapeut, sizeof a->terapeut, CUT_REFUSED, "den ansvarlige terapeut");
    row_date(r, &a->terapeut_since, &has, "datoen for den ansvarlige terapeut");
}

/* The checks of case_assigned_set: a username fits, and has its date. */
static genop_err check_assigned(const genop_case_assigned *a, genop_error *e)
{
    genop_err err;
    if ((err = check_text(a->visitator, sizeof a->visitator, false, "visitatorens brugernavn",
                          e)) ||
        (err = check_text(a->terapeut, sizeof a->terapeut, false, "terapeutens brugernavn", e)))
        return err;
    if (a->visitator[0] && (err = check_date(a->visitator_since, "visitatorens dato", e)))
        return err;
    if (a->terapeut[0] && (err = check_date(a->terapeut_since, "terapeutens dato", e)))
        return err;
    return GENOP_OK;
}

/* Runs ST_CLEAR (role NULL) or ST_INSERT of role's username since. */
static genop_err write_role(sqlite_store *st, const char *muni, int64_t case_id,
                            const char *role, const char *username, genop_date since,
                            genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &assignments, role ? ST_INSERT : ST_CLEAR, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
        (role && ((rc = bind_text(q, 3, role)) || (rc = bind_text(q, 4, username)) ||
                  (rc = bind_date(q, 5, since)))))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme sagens ansvarlige", e);
    stmt_done(q);
    return err;
}

/* Borrows a for the call; all or nothing. */
genop_err sqlite_case_assigned_set(genop_store *s, const char *muni, int64_t case_id,
                                   const genop_case_assigned *a, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_muni(muni, e);
    if (!err)
        err = check_assigned(a, e);
    if (!err && (err = sqlite_case_exists(st, muni, case_id, e)) == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    bool own;
    if (err || (err = db_unit_begin(st, &own, e)))
        return err;
    err = write_role(st, muni, case_id, NULL, NULL, 0, e);
    if (!err && a->visitator[0])
        err = write_role(st, muni, case_id, "visitator", a->visitator, a->visitator_since, e);
    if (!err && a->terapeut[0])
        err = write_role(st, muni, case_id, "terapeut", a->terapeut, a->terapeut_since, e);
    return db_unit_end(st, own, err, e);
}

/* Fills the caller's *out. */
genop_err sqlite_case_assigned_get(genop_store *s, const char *muni, int64_t case_id,
                                   genop_case_assigned *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    memset(out, 0, sizeof *out);
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &assignments, ST_GET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "læse sagens ansvarlige", e);
    if (!err) {
        genop_case_assigned a;
        memset(&a, 0, sizeof a);
        row_reader r = {q, 0, GENOP_OK, e};
        sqlite_read_assigned(&r, &a);
        if (!(err = r.err))
            *out = a;
    }
    stmt_done(q);
    return err == GENOP_ENOTFOUND ? GENOP_OK : err;
}

static void read_staff(row_reader *r, void *item)
{
    genop_user *u = item;
    char role[16];
    u->id = row_int(r);
    row_text(r, u->municipality, sizeof u->municipality, CUT_REFUSED, "kommunen");
    row_text(r, u->username, sizeof u->username, CUT_REFUSED, "brugernavnet");
    row_text(r, role, sizeof role, CUT_REFUSED, "rollen");
    if (!r->err && !genop_role_from_name(role, &u->role))
        r->err = genop_fail(r->e, GENOP_EINVAL, "databasen: ukendt rolle \"%s\"", role);
}

/* Prepares statement id bound with ?1 muni and ?2 text (NULL: SQL NULL). */
static genop_err use_with_text(sqlite_store *st, unsigned id, const char *muni,
                               const char *text, sqlite3_stmt **q, genop_error *e)
{
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &assignments, id, q, e)))
        return err;
    int rc;
    if ((rc = bind_text(*q, 1, muni)) || (rc = bind_text(*q, 2, text)))
        err = stmt_bind_fail(st, rc, e);
    return err;
}

/* out->items is a malloc'd genop_user[] the caller frees with
 * genop_store_free_list(). */
genop_err sqlite_staff_list(genop_store *s, const char *muni, int role, genop_list *out,
                            genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    if (role >= GENOP_ROLE_COUNT)
        return genop_fail(e, GENOP_EINVAL, "ukendt rolle");
    genop_err err = use_with_text(st, ST_STAFF, muni,
                                  role < 0 ? NULL : genop_role_name((genop_role)role), &q, e);
    if (!err)
        err = stmt_collect(st, q, sizeof(genop_user), read_staff, "medarbejderne", out, e);
    stmt_done(q);
    if (err)
        genop_store_free_list(out);
    return err;
}

/* Fills the caller's *out. */
genop_err sqlite_staff_find(genop_store *s, const char *muni, const char *username,
                            genop_user *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (!err)
        err = use_with_text(st, ST_STAFF_FIND, muni, username, &q, e);
    if (!err)
        err = stmt_step_row(st, q, "finde brugeren", e);
    if (!err) {
        genop_user u;
        memset(&u, 0, sizeof u);
        row_reader r = {q, 0, GENOP_OK, e};
        read_staff(&r, &u);
        if (!(err = r.err))
            *out = u;
    } else if (err == GENOP_ENOTFOUND) {
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke i kommunen");
    }
    stmt_done(q);
    return err;
}

static void read_owner_count(row_reader *r, void *item)
{
    genop_owner_count *c = item;
    row_text(r, c->role, sizeof c->role, CUT_REFUSED, "rollen");
    row_text(r, c->username, sizeof c->username, CUT_REFUSED, "brugernavnet");
    c->open = (size_t)row_int(r);
    c->overdue = (size_t)row_int(r);
}

/* out->items is a malloc'd genop_owner_count[] the caller frees with
 * genop_store_free_list(). One read of every open deadline of muni. */
genop_err sqlite_worklist_by_owner(genop_store *s, const char *muni, const char *terapeut_tasks,
                                   genop_date today, genop_list *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = check_date(today, "datoen", e);
    if (!err)
        err = use_with_text(st, ST_BY_OWNER, muni, terapeut_tasks ? terapeut_tasks : "[]", &q, e);
    int rc;
    if (!err && (rc = bind_date(q, 3, today)))
        err = stmt_bind_fail(st, rc, e);
    if (!err)
        err = stmt_collect(st, q, sizeof(genop_owner_count), read_owner_count,
                           "opgaverne pr. medarbejder", out, e);
    stmt_done(q);
    if (err)
        genop_store_free_list(out);
    return err;
}

genop_err sqlite_owned_open_cases(genop_store *s, const char *muni, const char *username,
                                  size_t *n, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    *n = 0;
    genop_err err = check_text(username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (!err)
        err = use_with_text(st, ST_OWNED_OPEN, muni, username, &q, e);
    if (!err)
        err = stmt_step_row(st, q, "tælle brugerens sager", e);
    if (!err)
        *n = (size_t)sqlite3_column_int64(q, 0);
    stmt_done(q);
    return err;
}
