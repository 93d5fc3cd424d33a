/*
 * migrate.c - the SQLite back end's schema: numbered migrations, each
 * applied once, in order, in its own transaction, and recorded in PRAGMA
 * user_version. A database newer than this code is refused rather than
 * guessed at. Append only: a released migration is never edited, a
 * change is a new one with the next number.
 */
#include <assert.h>

#include "db.h"

typedef struct migration {
    int version;
    const char *sql;
} migration;

static const migration migrations[] = {
    {1,
     "CREATE TABLE municipalities (\n"
     "  id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 15),\n"
     "  code INTEGER NOT NULL,\n"
     "  name TEXT NOT NULL,\n"
     "  created_at TEXT NOT NULL DEFAULT (" SQL_NOW ")\n"
     ");\n"

     "CREATE TABLE users (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  username TEXT NOT NULL,\n"
     "  password_hash TEXT NOT NULL,\n"
     "  role TEXT NOT NULL CHECK (role IN ('visitator', 'terapeut', 'leder', 'admin')),\n"
     "  failed_logins INTEGER NOT NULL DEFAULT 0,\n"
     "  locked_until INTEGER NOT NULL DEFAULT 0,\n"
     "  created_at TEXT NOT NULL DEFAULT (" SQL_NOW ")\n"
     ");\n"
     "CREATE UNIQUE INDEX users_username ON users(username);\n"
     "CREATE INDEX users_municipality ON users(municipality, id);\n"

     "CREATE TABLE sessions (\n"
     "  token_hash BLOB PRIMARY KEY NOT NULL CHECK (length(token_hash) = 32),\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  created INTEGER NOT NULL,\n"
     "  last_seen INTEGER NOT NULL\n"
     ") WITHOUT ROWID;\n"
     "CREATE INDEX sessions_user ON sessions(user_id);\n"

     "CREATE TABLE api_tokens (\n"
     "  token_hash BLOB PRIMARY KEY NOT NULL CHECK (length(token_hash) = 32),\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
     "  name TEXT NOT NULL,\n"
     "  created TEXT NOT NULL DEFAULT (" SQL_NOW ")\n"
     ") WITHOUT ROWID;\n"
     "CREATE INDEX api_tokens_user ON api_tokens(user_id);\n"

     "CREATE TABLE citizens (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  cpr TEXT NOT NULL CHECK (length(cpr) = 10 AND cpr NOT GLOB '*[^0-9]*'),\n"
     "  name TEXT NOT NULL,\n"
     "  address TEXT NOT NULL DEFAULT '',\n"
     "  phone TEXT NOT NULL DEFAULT '',\n"
     "  birth_date TEXT NOT NULL,\n"
     "  digital_post_exempt INTEGER NOT NULL DEFAULT 0 CHECK (digital_post_exempt IN (0, 1)),\n"
     "  relatives TEXT NOT NULL DEFAULT '',\n"
     "  created_at TEXT NOT NULL DEFAULT (" SQL_NOW ")\n"
     ");\n"
     "CREATE UNIQUE INDEX citizens_municipality_cpr ON citizens(municipality, cpr);\n"
     "CREATE UNIQUE INDEX citizens_municipality_id ON citizens(municipality, id);\n"

     "CREATE TABLE cases (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  citizen_id INTEGER NOT NULL,\n"
     "  paragraph INTEGER NOT NULL CHECK (paragraph > 0),\n"
     "  referral_date TEXT NOT NULL,\n"
     "  referral_source TEXT NOT NULL DEFAULT '',\n"
     "  referral_condition TEXT NOT NULL DEFAULT '',\n"
     "  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),\n"
     "  next_due TEXT,\n"
     "  created_by TEXT NOT NULL DEFAULT '',\n"
     "  created_at TEXT NOT NULL DEFAULT (" SQL_NOW "),\n"
     "  FOREIGN KEY (municipality, citizen_id) REFERENCES citizens(municipality, id)\n"
     ");\n"
     "CREATE UNIQUE INDEX cases_municipality_id ON cases(municipality, id);\n"
     "CREATE INDEX cases_municipality_closed_due ON cases(municipality, closed, next_due);\n"
     "CREATE INDEX cases_municipality_citizen ON cases(municipality, citizen_id);\n"

     "CREATE TABLE case_events (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  case_id INTEGER NOT NULL,\n"
     "  type TEXT NOT NULL CHECK (length(type) BETWEEN 1 AND 31),\n"
     "  event_date TEXT NOT NULL,\n"
     "  body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),\n"
     "  corrects INTEGER,\n"
     "  author_id INTEGER NOT NULL REFERENCES users(id),\n"
     "  registered_at TEXT NOT NULL DEFAULT (" SQL_NOW "),\n"
     "  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id),\n"
     "  FOREIGN KEY (case_id, corrects) REFERENCES case_events(case_id, id)\n"
     ");\n"
     "CREATE UNIQUE INDEX case_events_case_id ON case_events(case_id, id);\n"
     "CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events BEGIN\n"
     "  SELECT RAISE(ABORT, 'case_events: hændelser kan ikke ændres');\n"
     "END;\n"
     "CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events BEGIN\n"
     "  SELECT RAISE(ABORT, 'case_events: hændelser kan ikke slettes');\n"
     "END;\n"

     "CREATE TABLE open_deadlines (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  case_id INTEGER NOT NULL,\n"
     "  deadline_id TEXT NOT NULL,\n"
     "  label TEXT NOT NULL,\n"
     "  paragraph INTEGER NOT NULL,\n"
     "  from_date TEXT NOT NULL,\n"
     "  due TEXT NOT NULL,\n"
     "  source TEXT NOT NULL,\n"
     "  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)\n"
     ");\n"
     "CREATE INDEX open_deadlines_municipality_due ON open_deadlines(municipality, due);\n"
     "CREATE INDEX open_deadlines_case ON open_deadlines(municipality, case_id);\n"

     /* citizen_id and case_id are deliberately not foreign keys: the log
      * records what was asked for, also an id that does not exist. */
     "CREATE TABLE access_log (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  time TEXT NOT NULL,\n"
     "  user_id INTEGER REFERENCES users(id),\n"
     "  username TEXT NOT NULL,\n"
     "  municipality TEXT NOT NULL REFERENCES municipalities(id),\n"
     "  citizen_id INTEGER,\n"
     "  case_id INTEGER,\n"
     "  action TEXT NOT NULL,\n"
     "  purpose TEXT NOT NULL DEFAULT ''\n"
     ");\n"
     "CREATE INDEX access_log_citizen ON access_log(municipality, citizen_id, id);\n"
     "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN\n"
     "  SELECT RAISE(ABORT, 'access_log: adgangsloggen kan ikke ændres');\n"
     "END;\n"
     "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN\n"
     "  SELECT RAISE(ABORT, 'access_log: adgangsloggen kan ikke slettes');\n"
     "END;\n"},
    /* A closed case keeps no open deadlines (projection_write), so the
     * worklist counts them from the index alone, without joining cases. */
    {2,
     "DELETE FROM open_deadlines WHERE (municipality, case_id) IN\n"
     "  (SELECT municipality, id FROM cases WHERE closed = 1);\n"},
    /* Where the citizen lives, for the standards' residency rule: until
     * now every citizen was taken to live in the case's municipality. */
    {3,
     "ALTER TABLE citizens ADD COLUMN municipality_code INTEGER NOT NULL DEFAULT 0\n"
     "  CHECK (municipality_code BETWEEN 0 AND 999);\n"
     "UPDATE citizens SET municipality_code =\n"
     "  (SELECT code FROM municipalities m WHERE m.id = citizens.municipality);\n"},
    /* The batches of read rows the server's read journal has moved into
     * access_log (src/server/read_journal.c), by the batch's own random
     * id: a batch whose import was committed is never imported twice,
     * even if its file outlived the import (a crash before the unlink).
     * Reads are logged when they happen and imported a moment later, so
     * the log is listed by time, not by id. */
    {4,
     "CREATE TABLE access_log_batches (\n"
     "  batch TEXT PRIMARY KEY CHECK (length(batch) BETWEEN 1 AND 64),\n"
     "  rows INTEGER NOT NULL CHECK (rows >= 0),\n"
     "  imported_at TEXT NOT NULL\n"
     ");\n"},
    /* The answer of a case read as it stood after the case's last event
     * (src/server/case_answer.c): derived data, written in the same
     * transaction as each event, used only while last_event_id is still
     * the case's newest event; a case without one is read from its events. */
    {5,
     "CREATE TABLE case_answers (\n"
     "  case_id INTEGER PRIMARY KEY,\n"
     "  municipality TEXT NOT NULL,\n"
     "  last_event_id INTEGER NOT NULL,\n"
     "  view_format INTEGER NOT NULL,\n"
     "  view BLOB NOT NULL,\n"
     "  case_json TEXT NOT NULL,\n"
     "  events_json TEXT NOT NULL,\n"
     "  FOREIGN KEY (municipality, case_id) REFERENCES cases(municipality, id)\n"
     ");\n"},
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

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
    genop_err err = db_fail(st, rc, "læse skemaversionen", e);
    sqlite3_finalize(s);
    return err;
}

/* The error for a database written by a newer genop. */
static genop_err newer_schema(int found, genop_error *e)
{
    return genop_fail(e, GENOP_EINVAL,
                      "databasen har skemaversion %d, men denne udgave af genop kender kun "
                      "op til version %d; brug en nyere genop",
                      found, migrations[N_MIGRATIONS - 1].version);
}

/* Applies the migrations the database lacks, each in its own IMMEDIATE
 * transaction. The version is read again inside the transaction, so
 * handles opening the same file at once migrate it exactly once. */
genop_err db_migrate(sqlite_store *st, genop_error *e)
{
    const int latest = migrations[N_MIGRATIONS - 1].version;
    int version;
    genop_err err = schema_version(st, &version, e);
    if (err)
        return err;
    if (version > latest)
        return newer_schema(version, e);
    for (size_t i = 0; i < N_MIGRATIONS && version < latest; i++) {
        const migration *m = &migrations[i];
        assert(m->version == (int)i + 1);
        if (m->version <= version)
            continue;
        err = db_exec(st, "BEGIN IMMEDIATE", "begynde en opgradering af skemaet", e);
        if (err)
            return err;
        err = schema_version(st, &version, e);
        if (!err && version > latest)
            err = newer_schema(version, e);
        if (!err && version < m->version) {
            char pragma[48];
            bool fit = genop_bprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
            assert(fit);
            (void)fit;
            err = db_exec(st, m->sql, "opgradere skemaet", e);
            if (!err)
                err = db_exec(st, pragma, "opgradere skemaet", e);
            if (err)
                genop_error_prefix(e, "skemaversion %d", m->version);
        }
        if (!err)
            err = db_exec(st, "COMMIT", "gemme opgraderingen af skemaet", e);
        if (err) {
            if (db_in_transaction(st))
                sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return err;
        }
        err = schema_version(st, &version, e);
        if (err)
            return err;
    }
    return GENOP_OK;
}
