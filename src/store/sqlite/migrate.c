/*
 * migrate.c - the SQLite back end's schema: the numbered migrations of
 * migrations/ (embedded, migrations.h), each applied once, in order, in
 * its own transaction, and recorded in PRAGMA user_version. A database
 * newer than this code is refused rather than guessed at. Append only: a
 * released migration is never edited, a change is a new file with the
 * next number.
 */
#include <assert.h>

#include "db.h"
#include "migrations.h"

/* The schema's version, PRAGMA user_version (0 for a new file). */
static genop_err schema_version(sqlite_store *st, int *out, genop_error *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        return GENOP_OK;
    }
    genop_err err = sql_fail(st, rc, "læse skemaversionen", e);
    sqlite3_finalize(s);
    return err;
}

/* The error for a database written by a newer genop. */
static genop_err newer_schema(int found, genop_error *e)
{
    return genop_fail(e, GENOP_EINVAL,
                      "databasen har skemaversion %d, men denne udgave af genop kender kun "
                      "op til version %d; brug en nyere genop",
                      found, sqlite_n_migrations);
}

/* Runs migration m and records its version, inside the open transaction. */
static genop_err apply(sqlite_store *st, const sqlite_migration *m, genop_error *e)
{
    char pragma[48];
    bool fit = genop_bprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
    assert(fit);
    (void)fit;
    genop_err err = db_exec(st, m->sql, "opgradere skemaet", e);
    if (!err)
        err = db_exec(st, pragma, "opgradere skemaet", e);
    if (err)
        genop_error_prefix(e, "skemaversion %d (%s)", m->version, m->name);
    return err;
}

/* Applies migration m in an IMMEDIATE transaction of its own, unless the
 * version read inside it shows that another handle did so first; *version
 * is the schema's version afterwards. */
static genop_err migrate_to(sqlite_store *st, const sqlite_migration *m, int *version,
                            genop_error *e)
{
    genop_err err = db_exec(st, "BEGIN IMMEDIATE", "begynde en opgradering af skemaet", e);
    if (err)
        return err;
    err = schema_version(st, version, e);
    if (!err && *version > sqlite_n_migrations)
        err = newer_schema(*version, e);
    if (!err && *version < m->version)
        err = apply(st, m, e);
    if (!err)
        err = db_exec(st, "COMMIT", "gemme opgraderingen af skemaet", e);
    if (err) {
        if (db_in_transaction(st))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return err;
    }
    return schema_version(st, version, e);
}

/* The version is read again inside each migration's transaction, so
 * handles opening the same file at once migrate it exactly once. */
genop_err db_migrate(sqlite_store *st, genop_error *e)
{
    const int latest = sqlite_n_migrations;
    int version = 0;
    genop_err err = schema_version(st, &version, e);
    if (err)
        return err;
    if (version > latest)
        return newer_schema(version, e);
    for (int i = 0; !err && i < latest && version < latest; i++) {
        const sqlite_migration *m = &sqlite_migrations[i];
        assert(m->version == i + 1);
        if (m->version > version)
            err = migrate_to(st, m, &version, e);
    }
    return err;
}
