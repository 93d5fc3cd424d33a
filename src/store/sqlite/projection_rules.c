/*
 * projection_rules.c - the SQLite back end's record of which rules each
 * municipality's stored projections were computed with (table
 * projection_rules, migration 0006): one fingerprint a municipality, as
 * text the domain layer makes (src/casework/projection_refresh.h); the
 * store only keeps and compares nothing. A municipality that exists but
 * has no row reads as "" (none stored); one that does not exist is
 * GENOP_ENOTFOUND, so the caller can tell the two apart.
 */
#include <string.h>

#include "records.h"

enum {
    ST_RULES_GET,
    ST_RULES_SET,
    ST_COUNT
};

static const char *const rules_sql[ST_COUNT] = {
    [ST_RULES_GET] = "SELECT r.fingerprint FROM municipalities m"
                     " LEFT JOIN projection_rules r ON r.municipality = m.id WHERE m.id = ?1",
    [ST_RULES_SET] = "INSERT INTO projection_rules (municipality, fingerprint, computed_at)"
                     " VALUES (?1, ?2, " SQL_NOW ")"
                     " ON CONFLICT (municipality) DO UPDATE SET"
                     " fingerprint = excluded.fingerprint, computed_at = excluded.computed_at",
};

static const stmt_table rules = {rules_sql, ST_COUNT};

/* Fills the caller's out[GENOP_RULES_FINGERPRINT_MAX]: the stored text, or
 * "" when the municipality has none. */
genop_err sqlite_rules_fingerprint_get(genop_store *s, const char *muni,
                                       char out[GENOP_RULES_FINGERPRINT_MAX], genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = stmt_use(st, &rules, ST_RULES_GET, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, muni);
    err = rc ? stmt_bind_fail(st, rc, e) : stmt_step_row(st, q, "læse reglernes fingeraftryk", e);
    if (!err) {
        char text[GENOP_RULES_FINGERPRINT_MAX];
        row_reader r = {q, 0, GENOP_OK, e};
        row_text(&r, text, sizeof text, CUT_REFUSED, "reglernes fingeraftryk");
        err = r.err;
        if (!err)
            memcpy(out, text, sizeof text);
    }
    stmt_done(q);
    return err;
}

/* Borrows muni and fingerprint for the call; one statement, so it is
 * whole or not there with or without the caller's transaction. */
genop_err sqlite_rules_fingerprint_set(genop_store *s, const char *muni,
                                       const char *fingerprint, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_muni(muni, e);
    if (!err)
        err = check_text(fingerprint, GENOP_RULES_FINGERPRINT_MAX, true,
                         "reglernes fingeraftryk", e);
    if (!err)
        err = sqlite_municipality_exists(st, muni, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ENOTFOUND, "kommunen \"%s\" findes ikke", muni);
    sqlite3_stmt *q = NULL;
    if (err || (err = stmt_use(st, &rules, ST_RULES_SET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = bind_text(q, 2, fingerprint)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme reglernes fingeraftryk", e);
    stmt_done(q);
    return err;
}
