/*
 * cases.c - the SQLite back end's citizens and cases: a citizen is known
 * by its CPR number within a municipality; a case belongs to a citizen of
 * the same municipality (a composite foreign key) and carries the
 * projection its events leave (closed, the soonest open deadline), which
 * events.c writes. A citizen's name changes only by citizen_rename, which
 * keeps the old one in the history of names (citizen_names, migration
 * 0011). A municipality's case ids can be walked a page at a
 * time (case_ids), for recomputing every projection.
 */
#include <string.h>

#include "case_rows.h"
#include "records.h"

#define CITIZEN_COLS                                                            \
    "id, municipality, cpr, name, address, phone, birth_date, "                 \
    "digital_post_exempt, relatives, municipality_code, "                       \
    "contact_name, contact_relation, contact_phone"

enum {
    ST_CITIZEN_BY_CPR,
    ST_CITIZEN_INSERT,
    ST_CITIZEN_GET,
    ST_CITIZEN_EXISTS,
    ST_CITIZEN_RENAME,
    ST_CITIZEN_NAME_LOG,
    ST_CITIZEN_NAMES,
    ST_CASE_INSERT,
    ST_CASE_CREATED,
    ST_CASE_GET,
    ST_CASE_EXISTS,
    ST_CASE_LIST,
    ST_CASE_COUNT,
    ST_CASE_LIST_BY_STAGE,
    ST_CASE_COUNT_BY_STAGE,
    ST_CASE_COUNT_BY_CLOSED,
    ST_CASE_STAGE_SET,
    ST_CASE_IDS,
    ST_CASE_LIST_OWNED,
    ST_CASE_COUNT_OWNED,
    ST_CASE_LIST_BY_CITIZEN,
    ST_CASE_COUNT_BY_CITIZEN,
    ST_COUNT
};

static const char *const cases_sql[ST_COUNT] = {
    [ST_CITIZEN_BY_CPR] = "SELECT " CITIZEN_COLS " FROM citizens"
                          " WHERE municipality = ?1 AND cpr = ?2",
    [ST_CITIZEN_INSERT] = "INSERT INTO citizens (municipality, cpr, name, address, phone,"
                          " birth_date, digital_post_exempt, relatives, municipality_code,"
                          " contact_name, contact_relation, contact_phone)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                          " ON CONFLICT (municipality, cpr) DO NOTHING",
    [ST_CITIZEN_GET] = "SELECT " CITIZEN_COLS " FROM citizens WHERE municipality = ?1 AND id = ?2",
    [ST_CITIZEN_EXISTS] = "SELECT 1 FROM citizens WHERE municipality = ?1 AND id = ?2",
    /* The old name is logged first (it reads the row before the update). */
    [ST_CITIZEN_NAME_LOG] = "INSERT INTO citizen_names (municipality, citizen_id, old_name,"
                            " new_name, changed_by)"
                            " SELECT municipality, id, name, ?3, ?4 FROM citizens"
                            " WHERE municipality = ?1 AND id = ?2 AND name <> ?3",
    [ST_CITIZEN_RENAME] = "UPDATE citizens SET name = ?3 WHERE municipality = ?1 AND id = ?2",
    [ST_CITIZEN_NAMES] = "SELECT id, old_name, new_name, changed_at, changed_by"
                         " FROM citizen_names WHERE municipality = ?1 AND citizen_id = ?2"
                         " ORDER BY id",

    [ST_CASE_INSERT] = "INSERT INTO cases (municipality, citizen_id, paragraph, referral_date,"
                       " referral_source, referral_condition, created_by)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_CASE_CREATED] = "SELECT created_at FROM cases WHERE id = ?1",
    [ST_CASE_GET] = "SELECT " CASE_COLS " FROM cases c WHERE c.municipality = ?1 AND c.id = ?2",
    [ST_CASE_EXISTS] = "SELECT 1 FROM cases WHERE municipality = ?1 AND id = ?2",
    [ST_CASE_LIST] = "SELECT " CASE_SUMMARY_COLS CASE_SUMMARY_FROM CASE_FILTER
                     " ORDER BY c.id DESC LIMIT ?7 OFFSET ?8",
    [ST_CASE_COUNT] = "SELECT count(*) FROM cases c" CASE_FILTER,
    [ST_CASE_LIST_BY_STAGE] = "SELECT " CASE_SUMMARY_COLS CASE_SUMMARY_FROM CASE_FILTER_BY_STAGE
                              " ORDER BY c.id DESC LIMIT ?7 OFFSET ?8",
    [ST_CASE_COUNT_BY_STAGE] = "SELECT count(*) FROM cases c" CASE_FILTER_BY_STAGE,
    /* (The page itself reads cases newest first until it is full.) */
    [ST_CASE_COUNT_BY_CLOSED] = "SELECT count(*) FROM cases c" CASE_FILTER_BY_CLOSED,
    [ST_CASE_STAGE_SET] = "UPDATE cases SET stage = ?3 WHERE municipality = ?1 AND id = ?2",
    /* From the index cases(municipality, id) alone. */
    [ST_CASE_IDS] = ("SELECT id FROM cases WHERE municipality = ?1 AND id > ?2"
                     " ORDER BY id LIMIT ?3"),
    [ST_CASE_LIST_OWNED] = "SELECT " CASE_SUMMARY_COLS CASE_SUMMARY_FROM CASE_FILTER CASE_OWNED
                           " ORDER BY c.id DESC LIMIT ?7 OFFSET ?8",
    [ST_CASE_COUNT_OWNED] = "SELECT count(*) FROM cases c" CASE_FILTER CASE_OWNED,
    [ST_CASE_LIST_BY_CITIZEN] = "SELECT " CASE_SUMMARY_COLS CASE_SUMMARY_FROM
                                CASE_FILTER_BY_CITIZEN " ORDER BY c.id DESC LIMIT ?7 OFFSET ?8",
    [ST_CASE_COUNT_BY_CITIZEN] = "SELECT count(*) FROM cases c" CASE_FILTER_BY_CITIZEN,
};

static const stmt_table cases = {cases_sql, ST_COUNT};

/* Reads CITIZEN_COLS. */
static void read_citizen(row_reader *r, genop_citizen *c)
{
    c->id = row_int(r);
    row_text(r, c->municipality, sizeof c->municipality, CUT_REFUSED, "kommunen");
    row_text(r, c->cpr, sizeof c->cpr, CUT_REFUSED, "CPR-nummeret");
    row_text(r, c->name, sizeof c->name, CUT_OK, "navnet");
    row_text(r, c->address, sizeof c->address, CUT_OK, "adressen");
    row_text(r, c->phone, sizeof c->phone, CUT_OK, "telefonnummeret");
    row_date(r, &c->birth_date, NULL, "fødselsdatoen");
    c->digital_post_exempt = row_int(r) != 0;
    row_text(r, c->relatives, sizeof c->relatives, CUT_OK, "pårørende");
    c->municipality_code = (int)row_int(r);
    row_text(r, c->contact_name, sizeof c->contact_name, CUT_OK, "kontaktpersonen");
    row_text(r, c->contact_relation, sizeof c->contact_relation, CUT_OK,
             "kontaktpersonens relation");
    row_text(r, c->contact_phone, sizeof c->contact_phone, CUT_OK,
             "kontaktpersonens telefonnummer");
}

/* Reads CASE_COLS. */
static void read_case(row_reader *r, genop_case_row *c)
{
    c->id = row_int(r);
    row_text(r, c->municipality, sizeof c->municipality, CUT_REFUSED, "kommunen");
    c->citizen_id = row_int(r);
    c->paragraph = (unsigned)row_int(r);
    row_date(r, &c->referral_date, NULL, "henvisningsdatoen");
    row_text(r, c->referral_source, sizeof c->referral_source, CUT_OK, "henviseren");
    row_text(r, c->condition, sizeof c->condition, CUT_OK, "tilstanden");
    c->closed = row_int(r) != 0;
    char stage[16];
    row_text(r, stage, sizeof stage, CUT_OK, "sagens stade");
    c->stage = genop_case_stage_from_name(stage);
    row_date(r, &c->next_due, &c->has_next_due, "næste frist");
    row_text(r, c->created_at, sizeof c->created_at, CUT_REFUSED, "oprettelsestidspunktet");
}

void case_summary_read(row_reader *r, void *item)
{
    genop_case_summary *c = item;
    read_case(r, &c->c);
    row_text(r, c->citizen_name, sizeof c->citizen_name, CUT_OK, "navnet");
    row_date(r, &c->citizen_birth_date, NULL, "fødselsdatoen");
    sqlite_read_assigned(r, &c->assigned);
}

/* Runs existence check id ("SELECT 1 ... WHERE municipality = ?1 AND
 * id = ?2"): GENOP_OK if the row is there, GENOP_ENOTFOUND (no message)
 * if not. */
static genop_err exists(sqlite_store *st, unsigned id, const char *muni, int64_t row_id,
                        genop_error *e)
{
    sqlite3_stmt *s;
    genop_err err = stmt_use(st, &cases, id, &s, e);
    if (err)
        return err;
    int rc = bind_text(s, 1, muni);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, row_id);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, s, "slå op", e);
    stmt_done(s);
    return err;
}

genop_err sqlite_case_exists(sqlite_store *st, const char *muni, int64_t id, genop_error *e)
{
    return exists(st, ST_CASE_EXISTS, muni, id, e);
}

/* ---------------------------------------------------------------------
 * Citizens.
 * ------------------------------------------------------------------- */

/* A CPR number is ten digits. */
static genop_err check_cpr(const char *cpr, genop_error *e)
{
    if (cpr == NULL || strnlen(cpr, 11) != 10 || strspn(cpr, "0123456789") != 10)
        return genop_fail(e, GENOP_EINVAL, "CPR-nummeret skal være 10 cifre");
    return GENOP_OK;
}

static genop_err check_citizen(const genop_citizen *c, genop_error *e)
{
    genop_err err;
    if ((err = check_muni(c->municipality, e)) || (err = check_cpr(c->cpr, e)) ||
        (err = check_text(c->name, sizeof c->name, false, "navnet", e)) ||
        (err = check_text(c->address, sizeof c->address, false, "adressen", e)) ||
        (err = check_text(c->phone, sizeof c->phone, false, "telefonnummeret", e)) ||
        (err = check_text(c->relatives, sizeof c->relatives, false, "pårørende", e)) ||
        (err = check_text(c->contact_name, sizeof c->contact_name, false, "kontaktpersonen",
                          e)) ||
        (err = check_text(c->contact_relation, sizeof c->contact_relation, false,
                          "kontaktpersonens relation", e)) ||
        (err = check_text(c->contact_phone, sizeof c->contact_phone, false,
                          "kontaktpersonens telefonnummer", e)) ||
        (err = check_date(c->birth_date, "fødselsdatoen", e)))
        return err;
    if (c->municipality_code < 0 || c->municipality_code > 999)
        return genop_fail(e, GENOP_EINVAL, "kommunekoden %d er ikke en kommunekode",
                          c->municipality_code);
    return GENOP_OK;
}

/* Reads the citizen found by the statement `id` (bound with ?1 muni and
 * ?2 either the cpr or the citizen's id) into *out. GENOP_ENOTFOUND
 * without a message when there is no such row. */
static genop_err citizen_read(sqlite_store *st, unsigned id, const char *muni, const char *cpr,
                              int64_t citizen_id, genop_citizen *out, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &cases, id, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, muni);
    if (!rc)
        rc = cpr ? bind_text(q, 2, cpr) : sqlite3_bind_int64(q, 2, citizen_id);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "finde borgeren", e);
    if (!err) {
        genop_citizen c;
        memset(&c, 0, sizeof c);
        row_reader r = {q, 0, GENOP_OK, e};
        read_citizen(&r, &c);
        err = r.err;
        if (!err)
            *out = c;
    }
    stmt_done(q);
    return err;
}

/* Inserts *c (checked) unless its CPR number is taken in its municipality:
 * then GENOP_ENOTFOUND without a message. Sets c->id. */
static genop_err citizen_insert(sqlite_store *st, genop_citizen *c, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &cases, ST_CITIZEN_INSERT, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, c->municipality)) || (rc = bind_text(q, 2, c->cpr)) ||
        (rc = bind_text(q, 3, c->name)) || (rc = bind_text(q, 4, c->address)) ||
        (rc = bind_text(q, 5, c->phone)) || (rc = bind_date(q, 6, c->birth_date)) ||
        (rc = sqlite3_bind_int(q, 7, c->digital_post_exempt ? 1 : 0)) ||
        (rc = bind_text(q, 8, c->relatives)) ||
        (rc = sqlite3_bind_int(q, 9, c->municipality_code)) ||
        (rc = bind_text(q, 10, c->contact_name)) || (rc = bind_text(q, 11, c->contact_relation)) ||
        (rc = bind_text(q, 12, c->contact_phone))) {
        err = stmt_bind_fail(st, rc, e);
    } else {
        /* no RETURNING (stmt_inserted() says why): no change is the
         * conflict; the trigger's own rows count in neither */
        err = stmt_step_done(st, q, "oprette borgeren", e);
        if (!err && sqlite3_changes(st->db) == 0)
            err = GENOP_ENOTFOUND;
        else if (!err)
            c->id = sqlite3_last_insert_rowid(st->db);
    }
    stmt_done(q);
    return err;
}

/* Fills the caller's *out (bounded copies of the stored text). */
genop_err sqlite_citizen_find_by_cpr(genop_store *s, const char *muni, const char *cpr,
                                     genop_citizen *out, genop_error *e)
{
    genop_err err = check_muni(muni, e);
    if (!err)
        err = check_cpr(cpr, e);
    if (!err)
        err = citizen_read(sqlite_handle(s), ST_CITIZEN_BY_CPR, muni, cpr, 0, out, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "borgeren findes ikke");
    return err;
}

/* Borrows *c for the call and sets c->id. The CPR number is never in a
 * message. */
genop_err sqlite_citizen_create(genop_store *s, genop_citizen *c, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_citizen(c, e);
    if (!err)
        err = sqlite_municipality_exists(st, c->municipality, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_EINVAL, "kommunen \"%s\" findes ikke", c->municipality);
    if (!err)
        err = citizen_insert(st, c, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ECONFLICT, "kommunen har allerede en borger med det "
                          "CPR-nummer");
    return err;
}

/* Fills the caller's *out; another municipality's citizen is
 * GENOP_ENOTFOUND. */
genop_err sqlite_citizen_get(genop_store *s, const char *muni, int64_t id, genop_citizen *out,
                             genop_error *e)
{
    genop_err err = check_muni(muni, e);
    if (err)
        return err;
    err = citizen_read(sqlite_handle(s), ST_CITIZEN_GET, muni, NULL, id, out, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "borgeren findes ikke");
    return err;
}

/* Runs statement id (ST_CITIZEN_NAME_LOG or ST_CITIZEN_RENAME) with ?1
 * muni, ?2 citizen_id, ?3 name and, for the log, ?4 changed_by; *changed
 * says whether a row was written. */
static genop_err rename_step(sqlite_store *st, unsigned id, const char *muni,
                             int64_t citizen_id, const char *name, const char *changed_by,
                             bool *changed, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &cases, id, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, citizen_id)) ||
        (rc = bind_text(q, 3, name)) ||
        (id == ST_CITIZEN_NAME_LOG && (rc = bind_text(q, 4, changed_by))))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "ændre borgerens navn", e);
    if (!err)
        *changed = sqlite3_changes(st->db) > 0;
    stmt_done(q);
    return err;
}

/* The caller holds the transaction: the history row and the new name are
 * written together. */
genop_err sqlite_citizen_rename(genop_store *s, const char *muni, int64_t citizen_id,
                                const char *name, const char *changed_by, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    bool logged = false, renamed = false;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = check_text(name, GENOP_NAME_MAX, true, "navnet", e);
    if (!err)
        err = check_text(changed_by, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (!err)
        err = exists(st, ST_CITIZEN_EXISTS, muni, citizen_id, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ENOTFOUND, "borgeren findes ikke");
    if (!err)
        err = rename_step(st, ST_CITIZEN_NAME_LOG, muni, citizen_id, name, changed_by, &logged,
                          e);
    if (!err && logged)
        err = rename_step(st, ST_CITIZEN_RENAME, muni, citizen_id, name, NULL, &renamed, e);
    if (!err && logged && !renamed)
        err = genop_fail(e, GENOP_EIO, "databasen: borgerens navn blev ikke ændret");
    return err;
}

static void read_name_change(row_reader *r, void *item)
{
    genop_citizen_name_change *c = item;
    c->id = row_int(r);
    row_text(r, c->old_name, sizeof c->old_name, CUT_OK, "det tidligere navn");
    row_text(r, c->new_name, sizeof c->new_name, CUT_OK, "det nye navn");
    row_text(r, c->changed_at, sizeof c->changed_at, CUT_REFUSED, "tidspunktet");
    row_text(r, c->changed_by, sizeof c->changed_by, CUT_OK, "brugeren");
}

/* out->items is a malloc'd genop_citizen_name_change[] the caller frees
 * with genop_store_free_list() (empty and NULL on failure). */
genop_err sqlite_citizen_names(genop_store *s, const char *muni, int64_t citizen_id,
                               genop_list *out, genop_error *e)
{
    genop_err err = db_read_rows(sqlite_handle(s), &cases, ST_CITIZEN_NAMES, muni, citizen_id, 0,
                                 sizeof(genop_citizen_name_change), read_name_change,
                                 "borgerens navne", out, e);
    if (err)
        genop_store_free_list(out);
    return err;
}

/* ---------------------------------------------------------------------
 * Cases.
 * ------------------------------------------------------------------- */

/* The checks of case_create: every field, and the citizen is muni's. */
static genop_err check_case(sqlite_store *st, const genop_case_row *c, const char *created_by,
                            genop_error *e)
{
    genop_err err;
    if ((err = check_muni(c->municipality, e)) || (err = check_paragraph(c->paragraph, e)) ||
        (err = check_date(c->referral_date, "henvisningsdatoen", e)) ||
        (err = check_text(c->referral_source, sizeof c->referral_source, false, "henviseren", e)) ||
        (err = check_text(c->condition, sizeof c->condition, false, "tilstanden", e)) ||
        (err = check_text(created_by ? created_by : "", GENOP_USERNAME_MAX, false,
                          "opretteren", e)))
        return err;
    err = exists(st, ST_CITIZEN_EXISTS, c->municipality, c->citizen_id, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ENOTFOUND, "borgeren findes ikke");
    return err;
}

/* The new case's id and created_at (stmt_inserted) into c; no projection
 * yet. */
static genop_err read_created(sqlite_store *st, genop_case_row *c, genop_error *e)
{
    genop_err err = stmt_inserted(st, &cases, ST_CASE_CREATED, &c->id, c->created_at,
                                  sizeof c->created_at, "oprettelsestidspunktet", e);
    c->closed = false;
    c->has_next_due = false;
    c->next_due = 0;
    return err;
}

genop_err sqlite_case_create(genop_store *s, genop_case_row *c, const char *created_by,
                             genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_case(st, c, created_by, e);
    if (err || (err = stmt_use(st, &cases, ST_CASE_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, c->municipality)) || (rc = sqlite3_bind_int64(q, 2, c->citizen_id)) ||
        (rc = sqlite3_bind_int64(q, 3, c->paragraph)) || (rc = bind_date(q, 4, c->referral_date)) ||
        (rc = bind_text(q, 5, c->referral_source)) || (rc = bind_text(q, 6, c->condition)) ||
        (rc = bind_text(q, 7, created_by ? created_by : ""))) {
        err = stmt_bind_fail(st, rc, e);
    } else if (!(err = stmt_step_done(st, q, "oprette sagen", e))) {
        err = read_created(st, c, e);
    }
    stmt_done(q);
    return err;
}

/* Fills the caller's *out; another municipality's case is
 * GENOP_ENOTFOUND. */
genop_err sqlite_case_get(genop_store *s, const char *muni, int64_t id, genop_case_row *out,
                          genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = stmt_use(st, &cases, ST_CASE_GET, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "finde sagen", e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    if (!err) {
        genop_case_row c;
        memset(&c, 0, sizeof c);
        row_reader r = {q, 0, GENOP_OK, e};
        read_case(&r, &c);
        err = r.err;
        if (!err)
            *out = c;
    }
    stmt_done(q);
    return err;
}

int case_filter_bind(sqlite3_stmt *q, const char *muni, const genop_case_filter *f)
{
    int rc;
    if ((rc = bind_text(q, 1, muni)) ||
        (rc = sqlite3_bind_int(q, 2, f->closed < 0 ? -1 : f->closed ? 1 : 0)) ||
        (rc = sqlite3_bind_int64(q, 3, f->paragraph)))
        return rc;
    rc = f->has_due_before ? bind_date(q, 4, f->due_before) : sqlite3_bind_null(q, 4);
    if (rc || (rc = bind_id(q, 5, f->citizen_id)) ||
        (rc = bind_text(q, 6, genop_case_stage_name(f->stage))))
        return rc;
    return f->owner ? bind_text(q, CASE_OWNER_PARAM, f->owner) : SQLITE_OK;
}

/* Binds the CASE_FILTER parameters (pq->ctx is the filter). */
static int bind_case_filter(sqlite3_stmt *q, const page_query *pq, int *next)
{
    *next = CASE_FILTER_NEXT;
    return case_filter_bind(q, pq->muni, pq->ctx);
}

/* out->items is a malloc'd genop_case_summary[] the caller frees with
 * genop_store_free_list() (empty and NULL on failure). The page and its
 * total are read from one snapshot. */
genop_err sqlite_case_list(genop_store *s, const char *muni, const genop_case_filter *f,
                           genop_list *out, size_t *total, genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    *total = 0;
    genop_err err = check_muni(muni, e);
    if (!err && f->has_due_before)
        err = check_date(f->due_before, "fristdatoen", e);
    if (!err && f->owner)
        err = check_text(f->owner, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (err)
        return err;
    if (f->search)
        return sqlite_case_search(sqlite_handle(s), muni, f, out, total, e);
    bool staged = f->stage != GENOP_STAGE_UNKNOWN, one = f->citizen_id != 0 && !f->owner;
    unsigned count = f->owner ? ST_CASE_COUNT_OWNED
                     : one ? ST_CASE_COUNT_BY_CITIZEN
                     : staged ? ST_CASE_COUNT_BY_STAGE
                     : f->closed >= 0 ? ST_CASE_COUNT_BY_CLOSED : ST_CASE_COUNT;
    unsigned list = f->owner ? ST_CASE_LIST_OWNED
                    : one ? ST_CASE_LIST_BY_CITIZEN
                    : staged ? ST_CASE_LIST_BY_STAGE : ST_CASE_LIST;
    page_query pq = {&cases, count, list, muni, false, 0, bind_case_filter, f, f->limit,
                     f->offset, sizeof(genop_case_summary), case_summary_read, "sagerne"};
    return db_read_page(sqlite_handle(s), &pq, out, total, e);
}

/* The caller holds the transaction; an unknown case is GENOP_ENOTFOUND. */
genop_err sqlite_case_stage_set(genop_store *s, const char *muni, int64_t case_id,
                                genop_case_stage stage, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    const char *name = genop_case_stage_name(stage);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (!err && !name)
        err = genop_fail(e, GENOP_EINVAL, "databasen: sagens stade mangler");
    if (err || (err = stmt_use(st, &cases, ST_CASE_STAGE_SET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
        (rc = bind_text(q, 3, name)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme sagens stade", e);
    if (!err && sqlite3_changes(st->db) == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    stmt_done(q);
    return err;
}

static void read_id_item(row_reader *r, void *item)
{
    *(int64_t *)item = row_int(r);
}

/* out->items is a malloc'd int64_t[] the caller frees with
 * genop_store_free_list() (empty and NULL on failure). */
genop_err sqlite_case_ids(genop_store *s, const char *muni, int64_t after, size_t limit,
                          genop_list *out, genop_error *e)
{
    genop_err err = db_read_rows(sqlite_handle(s), &cases, ST_CASE_IDS, muni, after, limit,
                                 sizeof(int64_t), read_id_item, "sagernes numre", out, e);
    if (err)
        genop_store_free_list(out);
    return err;
}
