/*
 * letters.c - the SQLite back end's letters (migration 0012): each kept
 * as it was made, its document JSON, its PDF and the PDF's SHA-256;
 * triggers refuse to change what a letter says or to delete one. A
 * letter is added only to a case of its municipality, and only for an
 * event of that case; it is read back only by its municipality.
 */
#include <stdlib.h>
#include <string.h>

#include "records.h"

/* A letter's status: made, then sent (Digital Post) or queued (for
 * print), then printed - read from the outbox's records (0013). */
#define LETTER_STATUS                                                                       \
    "CASE WHEN EXISTS (SELECT 1 FROM letter_prints p WHERE p.letter_id = l.id) THEN 'printed'" \
    " ELSE coalesce((SELECT CASE d.channel WHEN 'print' THEN 'queued' ELSE 'sent' END"        \
    " FROM letter_dispatches d WHERE d.letter_id = l.id), l.status) END"

#define LETTER_COLS                                                                         \
    "l.id, l.municipality, l.case_id, c.citizen_id, l.kind, l.event_id, l.created,"        \
    " l.created_by, l.sha256, " LETTER_STATUS

enum { ST_LETTER_INSERT, ST_LETTER_LIST, ST_LETTER_GET, ST_LETTER_CONTENT, ST_COUNT };

static const char *const letter_sql[ST_COUNT] = {
    [ST_LETTER_INSERT] =
        "INSERT INTO letters (municipality, case_id, kind, event_id, created_by, document, pdf,"
        " sha256)"
        " SELECT ?1, c.id, ?3, ?4, ?5, ?6, ?7, ?8 FROM cases c"
        " WHERE c.municipality = ?1 AND c.id = ?2 AND (?4 IS NULL OR EXISTS"
        "  (SELECT 1 FROM case_events v WHERE v.case_id = ?2 AND v.id = ?4))"
        " RETURNING id, created, status",
    [ST_LETTER_LIST] = "SELECT " LETTER_COLS " FROM letters l"
                       " JOIN cases c ON c.municipality = l.municipality AND c.id = l.case_id"
                       " WHERE l.municipality = ?1 AND l.case_id = ?2 ORDER BY l.id",
    [ST_LETTER_GET] = "SELECT " LETTER_COLS " FROM letters l"
                      " JOIN cases c ON c.municipality = l.municipality AND c.id = l.case_id"
                      " WHERE l.municipality = ?1 AND l.id = ?2",
    [ST_LETTER_CONTENT] = "SELECT document, pdf FROM letters WHERE municipality = ?1 AND id = ?2",
};

static const stmt_table letters = {letter_sql, ST_COUNT};

/* Reads LETTER_COLS. */
static void read_letter(row_reader *r, void *item)
{
    genop_letter_row *l = item;
    l->id = row_int(r);
    row_text(r, l->municipality, sizeof l->municipality, CUT_REFUSED, "kommunen");
    l->case_id = row_int(r);
    l->citizen_id = row_int(r);
    row_text(r, l->kind, sizeof l->kind, CUT_REFUSED, "brevets art");
    l->event_id = row_int(r);
    row_text(r, l->created, sizeof l->created, CUT_REFUSED, "tidspunktet");
    row_text(r, l->created_by, sizeof l->created_by, CUT_REFUSED, "brugernavnet");
    row_text(r, l->sha256, sizeof l->sha256, CUT_REFUSED, "brevets SHA-256");
    row_text(r, l->status, sizeof l->status, CUT_REFUSED, "brevets status");
}

static genop_err check_letter(const genop_letter_row *l, genop_error *e)
{
    genop_err err;
    if ((err = check_muni(l->municipality, e)) ||
        (err = check_text(l->kind, sizeof l->kind, true, "brevets art", e)) ||
        (err = check_text(l->created_by, sizeof l->created_by, true, "brugernavnet", e)) ||
        (err = check_text(l->sha256, sizeof l->sha256, true, "brevets SHA-256", e)))
        return err;
    if (!l->document || !l->pdf || !l->pdf_len || l->pdf_len > INT32_MAX)
        return genop_fail(e, GENOP_EINVAL, "et brev skal have et dokument og en PDF");
    return GENOP_OK;
}

static genop_err read_added(sqlite3_stmt *q, genop_letter_row *l, genop_error *e)
{
    row_reader r = {q, 0, GENOP_OK, e};
    l->id = row_int(&r);
    row_text(&r, l->created, sizeof l->created, CUT_REFUSED, "tidspunktet");
    row_text(&r, l->status, sizeof l->status, CUT_REFUSED, "brevets status");
    return r.err;
}

/* Borrows *l for the call; sets l->id, l->created and l->status. */
genop_err sqlite_letter_add(genop_store *s, genop_letter_row *l, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_letter(l, e);
    if (err || (err = stmt_use(st, &letters, ST_LETTER_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, l->municipality)) || (rc = sqlite3_bind_int64(q, 2, l->case_id)) ||
        (rc = bind_text(q, 3, l->kind)) || (rc = bind_id(q, 4, l->event_id)) ||
        (rc = bind_text(q, 5, l->created_by)) || (rc = bind_text(q, 6, l->document)) ||
        (rc = sqlite3_bind_blob(q, 7, l->pdf, (int)l->pdf_len, SQLITE_STATIC)) ||
        (rc = bind_text(q, 8, l->sha256)))
        err = stmt_bind_fail(st, rc, e);
    else if (!(err = stmt_step_row(st, q, "gemme brevet", e)))
        err = read_added(q, l, e);
    else if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "sagen eller hændelsen findes ikke");
    stmt_done(q);
    return err;
}

/* out->items is a malloc'd genop_letter_row[] (no content) the caller
 * frees with genop_store_free_list(). */
genop_err sqlite_letters_list(genop_store *s, const char *muni, int64_t case_id,
                              genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &letters, ST_LETTER_LIST, muni, case_id, 0,
                        sizeof(genop_letter_row), read_letter, "brevene", out, e);
}

/* The document and PDF of letter id into out (owned by out). */
static genop_err read_content(sqlite_store *st, const char *muni, int64_t id,
                              genop_letter_row *out, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &letters, ST_LETTER_CONTENT, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "læse brevet", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        out->document = row_text_copy(&r, "brevets dokument");
        int n = sqlite3_column_bytes(q, 1);
        const void *blob = sqlite3_column_blob(q, 1);
        out->pdf = n > 0 ? malloc((size_t)n) : NULL;
        if (r.err || !out->pdf || !blob)
            err = r.err ? r.err : genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til brevet");
        else {
            memcpy(out->pdf, blob, (size_t)n);
            out->pdf_len = (size_t)n;
        }
    }
    stmt_done(q);
    return err;
}

genop_err sqlite_letter_get(genop_store *s, const char *muni, int64_t id, bool content,
                            genop_letter_row *out, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    memset(out, 0, sizeof *out);
    genop_err err = check_muni(muni, e);
    if (err || (err = stmt_use(st, &letters, ST_LETTER_GET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_row(st, q, "finde brevet", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        read_letter(&r, out);
        err = r.err;
    }
    stmt_done(q);
    if (!err && content)
        err = read_content(st, muni, id, out, e);
    if (err)
        genop_store_letter_release(out);
    return err;
}
