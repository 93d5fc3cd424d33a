/*
 * events.c - the SQLite back end's case events and what is derived from
 * them: the events themselves (append-only: triggers refuse UPDATE and
 * DELETE; a correction is a new event pointing at an event of the same
 * case), the projection a case's events leave (its closed flag, next due
 * date and open deadlines, which the worklist reads) and the kept answer
 * of a case read.
 */
#include <stdlib.h>
#include <string.h>

#include "records.h"

#define EVENT_COLS                                                              \
    "e.id, e.case_id, e.type, e.event_date, e.body, e.corrects, e.author_id, "  \
    "u.username, e.registered_at"
#define DEADLINE_COLS                                                           \
    "d.case_id, c.citizen_id, z.name, d.deadline_id, d.label, d.paragraph, "    \
    "d.from_date, d.due, d.source, " TASK_COLS ", " ASSIGNED_COLS
/* A row's task columns (migration 0008). */
#define TASK_COLS "d.kind, d.limit_id, d.listed_from"

/* The rows of a municipality (?1): what the projection left (a closed
 * case keeps only the tasks that outlive it, projection_tasks.c). */
#define WORKLIST_FROM                                                           \
    " FROM open_deadlines d"                                                    \
    " JOIN cases c ON c.municipality = d.municipality AND c.id = d.case_id"     \
    " JOIN citizens z ON z.municipality = c.municipality AND z.id = c.citizen_id" \
    ASSIGNED_JOINS("c")                                                         \
    " WHERE d.municipality = ?1"
/* Of those, the rows on the worklist on the day ?N. */
#define LISTED(day) " AND d.listed_from <= " day
/* The worklist of a user's cases (genop_worklist_owner): ?2 the username,
 * ?3 the role or NULL, ?4 the terapeut's deadline ids (a JSON array), ?7
 * the day. */
#define WORKLIST_OWNED                                                          \
    " AND d.case_id IN (SELECT case_id FROM case_assignments"                   \
    " WHERE municipality = ?1 AND username = ?2 AND (?3 IS NULL OR role = ?3))" \
    " AND (?3 IS NULL OR (CASE WHEN d.deadline_id IN"                           \
    " (SELECT value FROM json_each(?4)) THEN 'terapeut' ELSE 'visitator' END) = ?3)" \
    LISTED("?7")

enum {
    ST_EVENT_CHECK,
    ST_EVENT_INSERT,
    ST_EVENT_TIME,
    ST_EVENTS_LIST,
    ST_PROJ_CASE,
    ST_PROJ_CLEAR,
    ST_PROJ_INSERT,
    ST_WORKLIST,
    ST_WORKLIST_COUNT,
    ST_CASE_DEADLINES,
    ST_WORKLIST_OWNED,
    ST_WORKLIST_OWNED_COUNT,
    ST_ANSWER_SET,
    ST_ANSWER_GET,
    ST_COUNT
};

static const char *const events_sql[ST_COUNT] = {
    /* One look-up for everything an append must know: does the case exist
     * in the municipality, who is the author (a user of the municipality),
     * and which case does the corrected event belong to. */
    [ST_EVENT_CHECK] = "SELECT (SELECT 1 FROM cases WHERE municipality = ?1 AND id = ?2),"
                       " (SELECT username FROM users WHERE municipality = ?1 AND id = ?3),"
                       " (SELECT case_id FROM case_events WHERE municipality = ?1 AND id = ?4)",
    [ST_EVENT_INSERT] = "INSERT INTO case_events (municipality, case_id, type, event_date, body,"
                        " corrects, author_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_EVENT_TIME] = "SELECT registered_at FROM case_events WHERE id = ?1",
    [ST_EVENTS_LIST] = "SELECT " EVENT_COLS " FROM case_events e"
                       " LEFT JOIN users u ON u.id = e.author_id"
                       " WHERE e.municipality = ?1 AND e.case_id = ?2 ORDER BY e.id",

    [ST_PROJ_CASE] = "UPDATE cases SET closed = ?3, next_due = ?4"
                     " WHERE municipality = ?1 AND id = ?2",
    [ST_PROJ_CLEAR] = "DELETE FROM open_deadlines WHERE municipality = ?1 AND case_id = ?2",
    [ST_PROJ_INSERT] = "INSERT INTO open_deadlines (municipality, case_id, deadline_id, label,"
                       " paragraph, from_date, due, source, kind, limit_id, listed_from)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [ST_WORKLIST] = "SELECT " DEADLINE_COLS WORKLIST_FROM LISTED("?2")
                    " ORDER BY d.due, d.case_id, d.id LIMIT ?3 OFFSET ?4",
    [ST_WORKLIST_COUNT] = "SELECT count(*) FROM open_deadlines d WHERE d.municipality = ?1" LISTED("?2"),
    [ST_CASE_DEADLINES] = "SELECT " DEADLINE_COLS WORKLIST_FROM " AND d.case_id = ?2 ORDER BY d.id",
    [ST_WORKLIST_OWNED] = "SELECT " DEADLINE_COLS WORKLIST_FROM WORKLIST_OWNED
                          " ORDER BY d.due, d.case_id, d.id LIMIT ?5 OFFSET ?6",
    [ST_WORKLIST_OWNED_COUNT] = "SELECT count(*) FROM open_deadlines d"
                                " WHERE d.municipality = ?1" WORKLIST_OWNED,

    [ST_ANSWER_SET] = "INSERT OR REPLACE INTO case_answers (case_id, municipality, last_event_id,"
                      " view_format, view, case_json, events_json)"
                      " VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7)",
    /* The newest event from the index case_events(case_id, id) alone. */
    [ST_ANSWER_GET] = "SELECT a.last_event_id, a.view_format, a.view, a.case_json, a.events_json,"
                      " (SELECT max(e.id) FROM case_events e WHERE e.case_id = ?2)"
                      " FROM case_answers a WHERE a.case_id = ?2 AND a.municipality = ?1",
};

static const stmt_table events = {events_sql, ST_COUNT};

/* Reads EVENT_COLS; ev->body is malloc'd and owned by the row. */
static void read_event_item(row_reader *r, void *item)
{
    genop_event_row *ev = item;
    ev->id = row_int(r);
    ev->case_id = row_int(r);
    row_text(r, ev->type, sizeof ev->type, CUT_REFUSED, "hændelsestypen");
    row_date(r, &ev->date, NULL, "hændelsens dato");
    ev->body = row_text_copy(r, "en hændelse");
    ev->corrects = row_int(r);
    ev->author_id = row_int(r);
    row_text(r, ev->author, sizeof ev->author, CUT_REFUSED, "forfatteren");
    row_text(r, ev->registered_at, sizeof ev->registered_at, CUT_REFUSED, "registreringstidspunktet");
}

/* Reads TASK_COLS. */
static void read_task_cols(row_reader *r, genop_open_deadline *d)
{
    char kind[16];
    row_text(r, kind, sizeof kind, CUT_REFUSED, "opgavens art");
    d->task = strcmp(kind, "task") == 0;
    row_text(r, d->limit_id, sizeof d->limit_id, CUT_REFUSED, "grænsens id");
    row_date(r, &d->listed_from, NULL, "opgavens første dag på listen");
}

/* Reads DEADLINE_COLS. */
static void read_deadline_item(row_reader *r, void *item)
{
    genop_open_deadline *d = item;
    d->case_id = row_int(r);
    d->citizen_id = row_int(r);
    row_text(r, d->citizen_name, sizeof d->citizen_name, CUT_OK, "navnet");
    row_text(r, d->deadline_id, sizeof d->deadline_id, CUT_REFUSED, "fristens id");
    row_text(r, d->label, sizeof d->label, CUT_OK, "fristens navn");
    d->paragraph = (unsigned)row_int(r);
    row_date(r, &d->from, NULL, "fristens start");
    row_date(r, &d->due, NULL, "fristens udløb");
    row_text(r, d->source, sizeof d->source, CUT_OK, "fristens kilde");
    read_task_cols(r, d);
    sqlite_read_assigned(r, &d->assigned);
}

/* ---------------------------------------------------------------------
 * Events.
 * ------------------------------------------------------------------- */

static genop_err check_event(const char *muni, const genop_event_row *ev, genop_error *e)
{
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(ev->type, sizeof ev->type, true, "hændelsestypen", e)) ||
        (err = check_date(ev->date, "hændelsens dato", e)))
        return err;
    if (ev->body == NULL)
        return genop_fail(e, GENOP_EINVAL, "hændelsen mangler sit indhold");
    if (ev->corrects < 0)
        return genop_fail(e, GENOP_EINVAL, "ugyldig hændelse at rette (%lld)",
                          (long long)ev->corrects);
    return GENOP_OK;
}

/* Reads the row of ST_EVENT_CHECK: the case, the author (into author) and
 * the corrected event's case. */
static genop_err read_event_check(sqlite3_stmt *q, const genop_event_row *ev,
                                  char author[GENOP_USERNAME_MAX], genop_error *e)
{
    if (sqlite3_column_type(q, 0) == SQLITE_NULL)
        return genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    if (sqlite3_column_type(q, 1) == SQLITE_NULL)
        return genop_fail(e, GENOP_EINVAL, "forfatteren (bruger %lld) er ikke bruger i kommunen",
                          (long long)ev->author_id);
    if (ev->corrects != 0 && (sqlite3_column_type(q, 2) == SQLITE_NULL ||
                              sqlite3_column_int64(q, 2) != ev->case_id))
        return genop_fail(e, GENOP_EINVAL, "hændelsen der rettes (%lld) hører ikke til sagen",
                          (long long)ev->corrects);
    row_reader r = {q, 1, GENOP_OK, e};
    row_text(&r, author, GENOP_USERNAME_MAX, CUT_REFUSED, "forfatteren");
    return r.err;
}

/* Checks the case, the author and the corrected event; the author's name
 * goes to author. */
static genop_err event_check(sqlite_store *st, const char *muni, const genop_event_row *ev,
                             char author[GENOP_USERNAME_MAX], genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &events, ST_EVENT_CHECK, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, ev->case_id)) ||
        (rc = sqlite3_bind_int64(q, 3, ev->author_id)) || (rc = sqlite3_bind_int64(q, 4, ev->corrects)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "kontrollere hændelsen", e);
    if (!err)
        err = read_event_check(q, ev, author, e);
    else if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_EIO, "databasen: kontrollen af hændelsen gav intet svar");
    stmt_done(q);
    return err;
}

/* Steps the bound insert q and fills in ev's id, time and author. */
static genop_err event_insert_step(sqlite_store *st, sqlite3_stmt *q, genop_event_row *ev,
                                   const char *author, genop_error *e)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_CONSTRAINT_CHECK)
        return genop_fail(e, GENOP_EINVAL, "hændelsens indhold er ikke et gyldigt JSON-objekt");
    if (rc != SQLITE_DONE)
        return sql_fail(st, rc, "gemme hændelsen", e);
    genop_err err = stmt_inserted(st, &events, ST_EVENT_TIME, &ev->id, ev->registered_at,
                                  sizeof ev->registered_at, "registreringstidspunktet", e);
    if (!err)
        memcpy(ev->author, author, sizeof ev->author);
    return err;
}

/* Borrows ev's input fields (body included) for the call; sets ev->id,
 * ev->registered_at and ev->author. The case must be muni's, the author
 * a user of muni, and a corrected event one of the same case. */
genop_err sqlite_event_append(genop_store *s, const char *muni, genop_event_row *ev,
                              genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    char author[GENOP_USERNAME_MAX] = "";
    genop_err err = check_event(muni, ev, e);
    if (err || (err = event_check(st, muni, ev, author, e)) ||
        (err = stmt_use(st, &events, ST_EVENT_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, ev->case_id)) ||
        (rc = bind_text(q, 3, ev->type)) || (rc = bind_date(q, 4, ev->date)) ||
        (rc = bind_text(q, 5, ev->body)) || (rc = bind_id(q, 6, ev->corrects)) ||
        (rc = sqlite3_bind_int64(q, 7, ev->author_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = event_insert_step(st, q, ev, author, e);
    stmt_done(q);
    return err;
}

/* out->items is a malloc'd genop_event_row[] whose bodies are malloc'd
 * too; the caller frees all with genop_store_free_events(). */
genop_err sqlite_events_list(genop_store *s, const char *muni, int64_t case_id,
                             genop_list *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = db_read_rows(st, &events, ST_EVENTS_LIST, muni, case_id, 0,
                                 sizeof(genop_event_row), read_event_item, "hændelserne", out, e);
    /* No events: tell an empty case from one that is not there. */
    if (!err && out->n == 0) {
        err = sqlite_case_exists(st, muni, case_id, e);
        if (err == GENOP_ENOTFOUND)
            err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    }
    if (err)
        genop_store_free_events(out);
    return err;
}

/* ---------------------------------------------------------------------
 * The projection and the worklist.
 * ------------------------------------------------------------------- */

static genop_err check_deadline(const genop_open_deadline *d, genop_error *e)
{
    genop_err err;
    if ((err = check_text(d->deadline_id, sizeof d->deadline_id, true, "fristens id", e)) ||
        (err = check_text(d->label, sizeof d->label, false, "fristens navn", e)) ||
        (err = check_text(d->source, sizeof d->source, false, "fristens kilde", e)) ||
        (err = check_date(d->from, "fristens start", e)) ||
        (err = check_date(d->due, "fristens udløb", e)) ||
        (err = check_text(d->limit_id, sizeof d->limit_id, false, "grænsens id", e)))
        return err;
    if (d->listed_from != 0 && (err = check_date(d->listed_from, "opgavens første dag", e)))
        return err;
    if (d->limit_id[0] && !d->task)
        return genop_fail(e, GENOP_EINVAL, "en frist fra standarden har ingen grænse");
    return GENOP_OK;
}

/* Binds a row's task columns (?9 - ?11 of ST_PROJ_INSERT); listed_from 0
 * is its `from`. */
static int bind_task_cols(sqlite3_stmt *q, const genop_open_deadline *d)
{
    int rc;
    if ((rc = bind_text(q, 9, d->task ? "task" : "deadline")) ||
        (rc = bind_text(q, 10, d->limit_id)))
        return rc;
    return bind_date(q, 11, d->listed_from ? d->listed_from : d->from);
}

/* Sets the case's closed flag and next_due (the soonest of open[]). */
static genop_err projection_case(sqlite_store *st, const char *muni, int64_t case_id,
                                 bool closed, const genop_open_deadline *open, size_t n_open,
                                 genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &events, ST_PROJ_CASE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
        (rc = sqlite3_bind_int(q, 3, closed ? 1 : 0)))
        goto out;
    if (n_open > 0) {
        genop_date next = open[0].due;
        for (size_t i = 1; i < n_open; i++)
            if (open[i].due < next)
                next = open[i].due;
        rc = bind_date(q, 4, next);
    } else {
        rc = sqlite3_bind_null(q, 4);
    }
out:
    if (rc)
        err = stmt_bind_fail(st, rc, e);
    else if (!(err = stmt_step_done(st, q, "opdatere sagen", e)) && sqlite3_changes64(st->db) == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    stmt_done(q);
    return err;
}

/* Removes the case's open deadlines. */
static genop_err projection_clear(sqlite_store *st, const char *muni, int64_t case_id,
                                  genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &events, ST_PROJ_CLEAR, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "fjerne sagens åbne frister", e);
    stmt_done(q);
    return err;
}

/* Stores open[0..n_open) as the case's open deadlines. */
static genop_err projection_insert(sqlite_store *st, const char *muni, int64_t case_id,
                                   const genop_open_deadline *open, size_t n_open,
                                   genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &events, ST_PROJ_INSERT, &q, e);
    for (size_t i = 0; !err && i < n_open; i++) {
        const genop_open_deadline *d = &open[i];
        int rc;
        if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
            (rc = bind_text(q, 3, d->deadline_id)) || (rc = bind_text(q, 4, d->label)) ||
            (rc = sqlite3_bind_int64(q, 5, d->paragraph)) || (rc = bind_date(q, 6, d->from)) ||
            (rc = bind_date(q, 7, d->due)) || (rc = bind_text(q, 8, d->source)) ||
            (rc = bind_task_cols(q, d)))
            err = stmt_bind_fail(st, rc, e);
        else
            err = stmt_step_done(st, q, "gemme en åben frist", e);
        stmt_done(q);
    }
    return err;
}

/* Borrows open[0..n_open) for the call. All or nothing, inside the
 * caller's transaction or without one. What a closed case keeps is the
 * caller's to say (the projection keeps only its end_status task). */
genop_err sqlite_case_projection_set(genop_store *s, const char *muni, int64_t case_id,
                                     bool closed, const genop_open_deadline *open,
                                     size_t n_open, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_muni(muni, e);
    if (err)
        return err;
    if (n_open > 0 && open == NULL)
        return genop_fail(e, GENOP_EINVAL, "de åbne frister mangler");
    for (size_t i = 0; i < n_open; i++)
        if ((err = check_deadline(&open[i], e)))
            return err;
    bool own;
    if ((err = db_unit_begin(st, &own, e)))
        return err;
    err = projection_case(st, muni, case_id, closed, open, n_open, e);
    if (!err)
        err = projection_clear(st, muni, case_id, e);
    if (!err)
        err = projection_insert(st, muni, case_id, open, n_open, e);
    return db_unit_end(st, own, err, e);
}

/* Binds the worklist's ?1 municipality and ?2 day (pq->ctx). */
static int bind_listed(sqlite3_stmt *q, const page_query *pq, int *next)
{
    const genop_date *today = pq->ctx;
    int rc = bind_text(q, 1, pq->muni);
    *next = 3;
    return rc ? rc : bind_date(q, 2, *today);
}

/* out->items is a malloc'd genop_open_deadline[] the caller frees with
 * genop_store_free_list(). limit 0 is no limit. */
genop_err sqlite_worklist(genop_store *s, const char *muni, genop_date today, size_t limit,
                          size_t offset, genop_list *out, size_t *total, genop_error *e)
{
    genop_err err = check_date(today, "dagen", e);
    if (err)
        return err;
    page_query pq = {&events, ST_WORKLIST_COUNT, ST_WORKLIST, muni, false, 0, bind_listed,
                     &today, limit, offset, sizeof(genop_open_deadline), read_deadline_item,
                     "arbejdslisten"};
    return db_read_page(sqlite_handle(s), &pq, out, total, e);
}

/* out->items is a malloc'd genop_open_deadline[] the caller frees with
 * genop_store_free_list() (empty and NULL on failure). */
genop_err sqlite_case_open_deadlines(genop_store *s, const char *muni, int64_t case_id,
                                     genop_list *out, genop_error *e)
{
    genop_err err = db_read_rows(sqlite_handle(s), &events, ST_CASE_DEADLINES, muni, case_id, 0,
                                 sizeof(genop_open_deadline), read_deadline_item,
                                 "sagens åbne frister", out, e);
    if (err)
        genop_store_free_list(out);
    return err;
}

/* Binds WORKLIST_OWNED's ?1-?4 and ?7 (pq->ctx is the
 * genop_worklist_owner); ?5 and ?6 are the page's. */
static int bind_owned(sqlite3_stmt *q, const page_query *pq, int *next)
{
    const genop_worklist_owner *o = pq->ctx;
    int rc;
    *next = 5;
    if ((rc = bind_text(q, 1, pq->muni)) || (rc = bind_text(q, 2, o->username)) ||
        (rc = bind_text(q, 3, o->role)) || (rc = bind_date(q, 7, o->today)))
        return rc;
    return bind_text(q, 4, o->terapeut_tasks ? o->terapeut_tasks : "[]");
}

/* As sqlite_worklist; o is borrowed for the call. */
genop_err sqlite_worklist_owned(genop_store *s, const char *muni, const genop_worklist_owner *o,
                                size_t limit, size_t offset, genop_list *out, size_t *total,
                                genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    *total = 0;
    genop_err err = check_text(o->username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (!err)
        err = check_date(o->today, "dagen", e);
    if (err)
        return err;
    page_query pq = {&events, ST_WORKLIST_OWNED_COUNT, ST_WORKLIST_OWNED, muni, false, 0,
                     bind_owned, o, limit, offset, sizeof(genop_open_deadline),
                     read_deadline_item, "arbejdslisten"};
    return db_read_page(sqlite_handle(s), &pq, out, total, e);
}

/* ---------------------------------------------------------------------
 * Kept answers.
 * ------------------------------------------------------------------- */

/* Borrows a for the call. */
genop_err sqlite_case_answer_set(genop_store *s, const char *muni, int64_t case_id,
                                 const genop_case_answer *a, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &events, ST_ANSWER_SET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
        (rc = sqlite3_bind_int64(q, 3, a->last_event_id)) ||
        (rc = sqlite3_bind_int(q, 4, a->view_format)) ||
        (rc = sqlite3_bind_blob64(q, 5, a->view, a->view_len, SQLITE_STATIC)) ||
        (rc = bind_text(q, 6, a->case_json)) || (rc = bind_text(q, 7, a->events_json)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme sagens svar", e);
    stmt_done(q);
    return err;
}

/* A malloc'd copy of column col's n bytes (and a NUL), or NULL. */
static void *column_copy(sqlite3_stmt *q, int col, bool blob, size_t *len)
{
    const void *src = blob ? sqlite3_column_blob(q, col) : (const void *)sqlite3_column_text(q, col);
    size_t n = (size_t)sqlite3_column_bytes(q, col);
    char *copy = malloc(n + 1);
    if (copy) {
        if (n)
            memcpy(copy, src, n);
        copy[n] = '\0';
    }
    if (len)
        *len = n;
    return copy;
}

/* out's buffers are malloc'd; free with genop_case_answer_release(). */
genop_err sqlite_case_answer_get(genop_store *s, const char *muni, int64_t case_id,
                                 genop_case_answer *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    memset(out, 0, sizeof *out);
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &events, ST_ANSWER_GET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "læse sagens svar", e);
    if (!err) {
        out->last_event_id = sqlite3_column_int64(q, 0);
        out->view_format = sqlite3_column_int(q, 1);
        out->view = column_copy(q, 2, true, &out->view_len);
        out->case_json = column_copy(q, 3, false, NULL);
        out->events_json = column_copy(q, 4, false, NULL);
        out->newest_event_id = sqlite3_column_int64(q, 5);
        if (!out->view || !out->case_json || !out->events_json) {
            genop_case_answer_release(out);
            err = genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til sagens svar");
        }
    }
    stmt_done(q);
    return err;
}
