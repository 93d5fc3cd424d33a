/*
 * store_sqlite.c - the SQLite back end of the store: genop's embedded
 * default, one database file next to nothing else.
 *
 * How it works:
 * - A handle is one sqlite3 connection, opened with WAL, synchronous=FULL
 *   (every COMMIT is on disk before it returns, so nothing acknowledged is
 *   lost in a crash; GENOP_COMMIT_LOGGED handles use NORMAL, see store.h),
 *   foreign keys on, the file not memory-mapped (MMAP_BYTES: in WAL mode
 *   SQLite unmaps it whenever another connection has committed, and the
 *   pages fault in again, see the README), and a busy handler so the
 *   handles of several server threads share one file: readers never wait,
 *   a writer polls for the one before it every BUSY_POLL_US, for up to
 *   BUSY_TIMEOUT_MS. (SQLite's own busy timeout sleeps 1, 2, 5 ... 100 ms
 *   between tries, so a writer slept on long after the lock was free:
 *   write latencies of a second under load.)
 * - genop_store_flush() is a passive checkpoint: it syncs the log (WAL),
 *   copies it into the database beside readers and writers, and syncs
 *   the database file; past a length it starts the log over (sqlite_flush).
 * - The schema is built by numbered migrations (the `migrations` table
 *   below), each applied once, in order, in its own transaction, and
 *   recorded in PRAGMA user_version. A database newer than this code is
 *   refused rather than guessed at.
 * - Every SQL text is a constant in `stmt_sql`, prepared the first time the
 *   handle needs it and reset after every use; values are always bound,
 *   never written into SQL.
 * - The database keeps the rules itself where it can: composite foreign
 *   keys tie a case to a citizen, an event or open deadline to a case, and
 *   a correction to an event, all of the same municipality (and case);
 *   triggers refuse UPDATE and DELETE on case_events and access_log. The C
 *   code checks the same things first only to give a clear Danish message.
 * - Strings are checked against their bounds on the way in (GENOP_ETOOBIG)
 *   and copied out of the database with a bound (cut at a whole UTF-8
 *   character for free text; an error for identifiers, where a cut would
 *   change the meaning).
 * - A write made of several statements runs under a savepoint, so it is
 *   whole or absent both inside the caller's transaction and without one.
 */
#include "store.h"

#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "standard.h"

/* RETURNING (3.35), sqlite3_changes64 and SQLITE_OPEN_EXRESCODE (3.37),
 * json_valid() built in (3.38). */
#if SQLITE_VERSION_NUMBER < 3038000
#error "genop needs SQLite 3.38 or newer"
#endif

#define BUSY_TIMEOUT_MS 5000
#define BUSY_POLL_US 50
/* Up to this much of the database file is memory-mapped: none (see the
 * top of this file). */
#define MMAP_BYTES 0LL

/* "now" as the store writes timestamps: UTC with milliseconds. */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* ---------------------------------------------------------------------
 * Migrations. Append only: a released migration is never edited, a change
 * is a new one with the next number.
 * ------------------------------------------------------------------- */

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

/* ---------------------------------------------------------------------
 * Statements. The column lists of the row readers below are defined next
 * to them, so a SELECT and its reader cannot drift apart.
 * ------------------------------------------------------------------- */

#define USER_COLS "u.id, u.municipality, u.username, u.role"
#define CITIZEN_COLS                                                            \
    "id, municipality, cpr, name, address, phone, birth_date, "                 \
    "digital_post_exempt, relatives, municipality_code"
#define CASE_COLS                                                               \
    "c.id, c.municipality, c.citizen_id, c.paragraph, c.referral_date, "        \
    "c.referral_source, c.referral_condition, c.closed, c.next_due, c.created_at"
#define EVENT_COLS                                                              \
    "e.id, e.case_id, e.type, e.event_date, e.body, e.corrects, e.author_id, "  \
    "u.username, e.registered_at"
#define DEADLINE_COLS                                                           \
    "d.case_id, c.citizen_id, z.name, d.deadline_id, d.label, d.paragraph, "    \
    "d.from_date, d.due, d.source"
/* GENOP_TOKEN_ID_SIZE (store.h): 6 bytes of the hash, 12 hex digits. */
#define TOKEN_ID_BYTES_SQL "6"
#define ACCESS_COLS                                                             \
    "id, time, user_id, username, municipality, citizen_id, case_id, action, purpose"

/* The filter of case_list: ?1 municipality, ?2 closed (-1 any), ?3 paragraph
 * (0 any), ?4 due before (NULL any), ?5 citizen (NULL any). */
#define CASE_FILTER                                                             \
    " WHERE c.municipality = ?1 AND (?2 < 0 OR c.closed = ?2)"                  \
    " AND (?3 = 0 OR c.paragraph = ?3) AND (?4 IS NULL OR c.next_due < ?4)"     \
    " AND (?5 IS NULL OR c.citizen_id = ?5)"

/* The rows of the worklist: ?1 municipality. Only open cases have rows
 * in open_deadlines (projection_write). */
#define WORKLIST_FROM                                                           \
    " FROM open_deadlines d"                                                    \
    " JOIN cases c ON c.municipality = d.municipality AND c.id = d.case_id"     \
    " JOIN citizens z ON z.municipality = c.municipality AND z.id = c.citizen_id" \
    " WHERE d.municipality = ?1"

typedef enum stmt_id {
    ST_BEGIN,
    ST_BEGIN_READ,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_SAVEPOINT,
    ST_RELEASE,
    ST_ROLLBACK_TO,
    ST_JOB_SAVEPOINT,
    ST_JOB_RELEASE,
    ST_JOB_ROLLBACK_TO,
    ST_MUNI_ENSURE,
    ST_MUNI_EXISTS,
    ST_USER_ADD,
    ST_USER_AUTH_GET,
    ST_USER_LOGIN_OK,
    ST_USER_LOGIN_FAIL,
    ST_SESSION_CREATE,
    ST_SESSION_GET,
    ST_SESSION_TOUCH,
    ST_SESSION_DELETE,
    ST_TOKEN_CREATE,
    ST_TOKEN_GET,
    ST_TOKEN_LIST,
    ST_TOKEN_MATCHES,
    ST_TOKEN_DELETE,
    ST_CITIZEN_BY_CPR,
    ST_CITIZEN_INSERT,
    ST_CITIZEN_GET,
    ST_CITIZEN_EXISTS,
    ST_CASE_INSERT,
    ST_CASE_GET,
    ST_CASE_EXISTS,
    ST_CASE_LIST,
    ST_CASE_COUNT,
    ST_EVENT_CHECK,
    ST_EVENT_INSERT,
    ST_EVENTS_LIST,
    ST_PROJ_CASE,
    ST_PROJ_CLEAR,
    ST_PROJ_INSERT,
    ST_WORKLIST,
    ST_WORKLIST_COUNT,
    ST_ACCESS_INSERT,
    ST_ACCESS_INSERT_TIMED,
    ST_ACCESS_LIST,
    ST_ACCESS_COUNT,
    ST_ACCESS_BATCH_CLAIM,
    ST_ANSWER_SET,
    ST_ANSWER_GET,
    ST_COUNT
} stmt_id;

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_BEGIN_READ] = "BEGIN DEFERRED",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SAVEPOINT] = "SAVEPOINT genop_unit",
    [ST_RELEASE] = "RELEASE genop_unit",
    [ST_ROLLBACK_TO] = "ROLLBACK TO genop_unit",
    [ST_JOB_SAVEPOINT] = "SAVEPOINT genop_job",
    [ST_JOB_RELEASE] = "RELEASE genop_job",
    [ST_JOB_ROLLBACK_TO] = "ROLLBACK TO genop_job",

    [ST_MUNI_ENSURE] = "INSERT INTO municipalities (id, code, name) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT (id) DO NOTHING",
    [ST_MUNI_EXISTS] = "SELECT 1 FROM municipalities WHERE id = ?1",

    [ST_USER_ADD] = "INSERT INTO users (municipality, username, password_hash, role)"
                    " VALUES (?1, ?2, ?3, ?4) RETURNING id",
    [ST_USER_AUTH_GET] = "SELECT " USER_COLS ", u.password_hash, u.failed_logins, u.locked_until"
                         " FROM users u WHERE u.username = ?1",
    [ST_USER_LOGIN_OK] = "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?1",
    [ST_USER_LOGIN_FAIL] = "UPDATE users SET failed_logins = failed_logins + 1,"
                           " locked_until = CASE WHEN ?2 > 0 THEN ?2 ELSE locked_until END"
                           " WHERE id = ?1",

    [ST_SESSION_CREATE] = "INSERT INTO sessions (token_hash, municipality, user_id, created, last_seen)"
                          " SELECT ?1, municipality, id, ?3, ?3 FROM users WHERE id = ?2",
    [ST_SESSION_GET] = "SELECT s.last_seen, " USER_COLS " FROM sessions s"
                       " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
    [ST_SESSION_TOUCH] = "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1 AND last_seen < ?2",
    [ST_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
    [ST_TOKEN_CREATE] = "INSERT INTO api_tokens (token_hash, municipality, user_id, name)"
                        " SELECT ?1, municipality, id, ?3 FROM users WHERE id = ?2",
    [ST_TOKEN_GET] = "SELECT " USER_COLS " FROM api_tokens t"
                     " JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1",
    /* A token is named by the first bytes of its hash, in hex. */
    [ST_TOKEN_LIST] = "SELECT lower(hex(substr(t.token_hash, 1, " TOKEN_ID_BYTES_SQL "))),"
                      " u.username, t.municipality, t.name, t.created FROM api_tokens t"
                      " JOIN users u ON u.id = t.user_id"
                      " WHERE ?1 IS NULL OR u.username = ?1 ORDER BY t.created, u.username",
    [ST_TOKEN_MATCHES] = "SELECT count(*) FROM api_tokens"
                         " WHERE lower(hex(substr(token_hash, 1, " TOKEN_ID_BYTES_SQL "))) = lower(?1)",
    [ST_TOKEN_DELETE] = "DELETE FROM api_tokens"
                        " WHERE lower(hex(substr(token_hash, 1, " TOKEN_ID_BYTES_SQL "))) = lower(?1)",

    [ST_CITIZEN_BY_CPR] = "SELECT " CITIZEN_COLS " FROM citizens"
                          " WHERE municipality = ?1 AND cpr = ?2",
    [ST_CITIZEN_INSERT] = "INSERT INTO citizens (municipality, cpr, name, address, phone,"
                          " birth_date, digital_post_exempt, relatives, municipality_code)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                          " ON CONFLICT (municipality, cpr) DO NOTHING RETURNING id",
    [ST_CITIZEN_GET] = "SELECT " CITIZEN_COLS " FROM citizens WHERE municipality = ?1 AND id = ?2",
    [ST_CITIZEN_EXISTS] = "SELECT 1 FROM citizens WHERE municipality = ?1 AND id = ?2",

    [ST_CASE_INSERT] = "INSERT INTO cases (municipality, citizen_id, paragraph, referral_date,"
                       " referral_source, referral_condition, created_by)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id, created_at",
    [ST_CASE_GET] = "SELECT " CASE_COLS " FROM cases c WHERE c.municipality = ?1 AND c.id = ?2",
    [ST_CASE_EXISTS] = "SELECT 1 FROM cases WHERE municipality = ?1 AND id = ?2",
    [ST_CASE_LIST] = "SELECT " CASE_COLS ", z.name FROM cases c"
                     " JOIN citizens z ON z.municipality = c.municipality AND z.id = c.citizen_id"
                     CASE_FILTER " ORDER BY c.id DESC LIMIT ?6 OFFSET ?7",
    [ST_CASE_COUNT] = "SELECT count(*) FROM cases c" CASE_FILTER,

    /* One look-up for everything an append must know: does the case exist
     * in the municipality, who is the author (a user of the municipality),
     * and which case does the corrected event belong to. */
    [ST_EVENT_CHECK] = "SELECT (SELECT 1 FROM cases WHERE municipality = ?1 AND id = ?2),"
                       " (SELECT username FROM users WHERE municipality = ?1 AND id = ?3),"
                       " (SELECT case_id FROM case_events WHERE municipality = ?1 AND id = ?4)",
    [ST_EVENT_INSERT] = "INSERT INTO case_events (municipality, case_id, type, event_date, body,"
                        " corrects, author_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                        " RETURNING id, registered_at",
    [ST_EVENTS_LIST] = "SELECT " EVENT_COLS " FROM case_events e"
                       " LEFT JOIN users u ON u.id = e.author_id"
                       " WHERE e.municipality = ?1 AND e.case_id = ?2 ORDER BY e.id",

    [ST_PROJ_CASE] = "UPDATE cases SET closed = ?3, next_due = ?4"
                     " WHERE municipality = ?1 AND id = ?2",
    [ST_PROJ_CLEAR] = "DELETE FROM open_deadlines WHERE municipality = ?1 AND case_id = ?2",
    [ST_PROJ_INSERT] = "INSERT INTO open_deadlines (municipality, case_id, deadline_id, label,"
                       " paragraph, from_date, due, source)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_WORKLIST] = "SELECT " DEADLINE_COLS WORKLIST_FROM
                    " ORDER BY d.due, d.case_id, d.id LIMIT ?2 OFFSET ?3",
    [ST_WORKLIST_COUNT] = "SELECT count(*) FROM open_deadlines WHERE municipality = ?1",

    [ST_ACCESS_INSERT] = "INSERT INTO access_log (time, user_id, username, municipality,"
                         " citizen_id, case_id, action, purpose)"
                         " VALUES (coalesce(?1, " SQL_NOW "), ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                         " RETURNING id, time",
    /* A row that brings its own time (the journal of reads): no RETURNING,
     * which would buffer the row, for the thousands an import adds. */
    [ST_ACCESS_INSERT_TIMED] = "INSERT INTO access_log (time, user_id, username, municipality,"
                               " citizen_id, case_id, action, purpose)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_ACCESS_LIST] = "SELECT " ACCESS_COLS " FROM access_log"
                       " WHERE municipality = ?1 AND citizen_id = ?2 ORDER BY time DESC, id DESC"
                       " LIMIT ?3 OFFSET ?4",
    [ST_ACCESS_COUNT] = "SELECT count(*) FROM access_log WHERE municipality = ?1 AND citizen_id = ?2",
    [ST_ANSWER_SET] = "INSERT OR REPLACE INTO case_answers (case_id, municipality, last_event_id,"
                      " view_format, view, case_json, events_json)"
                      " VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7)",
    /* The newest event from the index case_events(case_id, id) alone. */
    [ST_ANSWER_GET] = "SELECT a.last_event_id, a.view_format, a.view, a.case_json, a.events_json,"
                      " (SELECT max(e.id) FROM case_events e WHERE e.case_id = ?2)"
                      " FROM case_answers a WHERE a.case_id = ?2 AND a.municipality = ?1",
    [ST_ACCESS_BATCH_CLAIM] = "INSERT INTO access_log_batches (batch, rows, imported_at)"
                              " VALUES (?1, ?2, " SQL_NOW ") ON CONFLICT (batch) DO NOTHING",
};

/* ---------------------------------------------------------------------
 * The handle.
 * ------------------------------------------------------------------- */

typedef struct sqlite_store {
    genop_store base;                  /* first: the handle callers hold */
    sqlite3 *db;
    sqlite3_stmt *stmts[ST_COUNT];     /* prepared on first use, owned */
    int wal_restart_pages;             /* see sqlite_flush */
    int synced_log_frames;             /* the log's length at the last */
    int synced_copied_frames;          /* flush that synced, see sync_copied */
} sqlite_store;

static sqlite_store *handle(genop_store *s)
{
    return (sqlite_store *)s;
}

/* Turns a failed SQLite call into a genop error. what says what the store
 * was doing, as the rest of "kunne ikke ...". Constraint violations are
 * the caller's input (GENOP_EINVAL); running out of memory is
 * GENOP_ENOMEM; everything else is the database file (GENOP_EIO). */
static genop_err db_fail(sqlite_store *st, int rc, const char *what, genop_error *e)
{
    const char *msg = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return genop_fail(e, GENOP_ENOMEM, "databasen: kunne ikke %s: ikke nok hukommelse", what);
    case SQLITE_CONSTRAINT:
        return genop_fail(e, GENOP_EINVAL, "databasen: kunne ikke %s: afvist (%s)", what, msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return genop_fail(e, GENOP_EIO, "databasen: kunne ikke %s: databasen er optaget (%s)",
                          what, msg);
    default:
        return genop_fail(e, GENOP_EIO, "databasen: kunne ikke %s: %s", what, msg);
    }
}

/* The cached statement id, prepared if this is its first use. The
 * statement is borrowed from the handle; release it with done(). */
static genop_err use(sqlite_store *st, stmt_id id, sqlite3_stmt **out, genop_error *e)
{
    assert(id < ST_COUNT && stmt_sql[id] != NULL);
    if (st->stmts[id] == NULL) {
        int rc = sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->stmts[id], NULL);
        if (rc != SQLITE_OK) {
            *out = NULL;
            return db_fail(st, rc, "forberede en forespørgsel", e);
        }
    }
    *out = st->stmts[id];
    return GENOP_OK;
}

/* Resets a statement from use() so it holds no lock and no pointer into
 * the caller's memory. NULL is allowed. */
static void done(sqlite3_stmt *s)
{
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
}

/* Runs a cached statement that returns no rows. */
static genop_err run(sqlite_store *st, stmt_id id, const char *what, genop_error *e)
{
    sqlite3_stmt *s;
    genop_err err = use(st, id, &s, e);
    if (err)
        return err;
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = db_fail(st, rc, what, e);
    done(s);
    return err;
}

static bool in_transaction(const sqlite_store *st)
{
    return !sqlite3_get_autocommit(st->db);
}

/* A write of several statements: a savepoint inside the caller's
 * transaction if one is open, else inside one of its own begun with BEGIN
 * IMMEDIATE (*own), so that the write lock is taken, waiting for it if
 * need be, before the unit's first read: a transaction that has read can
 * no longer wait for the lock, and fails at once (SQLITE_BUSY) if another
 * connection wrote in between - `genop token revoke` did, while the server
 * imported its journal of reads. unit_end() releases (and commits, if own)
 * when err is GENOP_OK and rolls back otherwise; it returns err (or the
 * release's or commit's failure). */
static genop_err unit_begin(sqlite_store *st, bool *own, genop_error *e)
{
    *own = !in_transaction(st);
    genop_err err = *own ? run(st, ST_BEGIN, "begynde en skrivning", e) : GENOP_OK;
    if (!err && (err = run(st, ST_SAVEPOINT, "begynde en skrivning", e)) && *own)
        run(st, ST_ROLLBACK, "fortryde en skrivning", NULL);
    return err;
}

static genop_err unit_end(sqlite_store *st, bool own, genop_err err, genop_error *e)
{
    if (err == GENOP_OK) {
        err = run(st, ST_RELEASE, "afslutte en skrivning", e);
        if (err == GENOP_OK && own)
            err = run(st, ST_COMMIT, "gemme en skrivning", e);
        if (err == GENOP_OK)
            return GENOP_OK;
    }
    /* Errors of the clean-up are not the error to report. */
    if (own) {
        run(st, ST_ROLLBACK, "fortryde en skrivning", NULL);
        return err;
    }
    run(st, ST_ROLLBACK_TO, "fortryde en skrivning", NULL);
    run(st, ST_RELEASE, "afslutte en skrivning", NULL);
    return err;
}

/* A read of several statements that must see one state of the database
 * (a page and its total): a read transaction unless the caller has one.
 * *own says whether read_end() must end it. */
static genop_err read_begin(sqlite_store *st, bool *own, genop_error *e)
{
    *own = !in_transaction(st);
    if (!*own)
        return GENOP_OK;
    return run(st, ST_BEGIN_READ, "begynde en læsning", e);
}

static void read_end(sqlite_store *st, bool own)
{
    if (own && in_transaction(st))
        run(st, ST_COMMIT, "afslutte en læsning", NULL);
}

/* ---------------------------------------------------------------------
 * Checking values on the way in.
 * ------------------------------------------------------------------- */

/* s must be a string shorter than size bytes (so it fits a field of that
 * size with its NUL) and, when required, not empty. */
static genop_err check_text(const char *s, size_t size, bool required, const char *what,
                            genop_error *e)
{
    if (s == NULL)
        return genop_fail(e, GENOP_EINVAL, "%s mangler", what);
    size_t n = strnlen(s, size);
    if (n >= size)
        return genop_fail(e, GENOP_ETOOBIG, "%s er for lang (højst %zu bytes)", what, size - 1);
    if (required && n == 0)
        return genop_fail(e, GENOP_EINVAL, "%s mangler", what);
    return GENOP_OK;
}

static genop_err check_muni(const char *muni, genop_error *e)
{
    return check_text(muni, GENOP_MUNI_ID_MAX, true, "kommunen", e);
}

static genop_err check_date(genop_date d, const char *what, genop_error *e)
{
    if (!genop_date_in_range(d))
        return genop_fail(e, GENOP_ERANGE, "%s ligger uden for det understøttede interval", what);
    return GENOP_OK;
}

static genop_err check_paragraph(unsigned paragraph, genop_error *e)
{
    if (paragraph != GENOP_PARA_86_1 && paragraph != GENOP_PARA_86_2)
        return genop_fail(e, GENOP_EINVAL, "ukendt paragraf (%u)", paragraph);
    return GENOP_OK;
}

/* ---------------------------------------------------------------------
 * Binding values. Text is bound without a copy (SQLITE_STATIC): it must
 * live until the statement is reset with done(). Each returns SQLite's
 * result code.
 * ------------------------------------------------------------------- */

static int bind_text(sqlite3_stmt *s, int i, const char *t)
{
    return t ? sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}

/* An id where 0 means "none": NULL in the database. */
static int bind_id(sqlite3_stmt *s, int i, int64_t id)
{
    return id ? sqlite3_bind_int64(s, i, id) : sqlite3_bind_null(s, i);
}

static int bind_date(sqlite3_stmt *s, int i, genop_date d)
{
    char buf[GENOP_DATE_STR_SIZE];
    return sqlite3_bind_text(s, i, genop_date_format(d, buf), -1, SQLITE_TRANSIENT);
}

static int bind_hash(sqlite3_stmt *s, int i, const unsigned char *hash)
{
    return sqlite3_bind_blob(s, i, hash, GENOP_TOKEN_HASH_SIZE, SQLITE_STATIC);
}

/* size_t limit/offset as SQL: a limit of 0 is "no limit" (-1). */
static int64_t sql_limit(size_t limit)
{
    return limit == 0 || limit > (size_t)INT64_MAX ? -1 : (int64_t)limit;
}

static int64_t sql_offset(size_t offset)
{
    return offset > (size_t)INT64_MAX ? INT64_MAX : (int64_t)offset;
}

/* ---------------------------------------------------------------------
 * Reading rows. A reader walks the columns of a row in order and keeps
 * the first error; the caller checks r.err once at the end.
 * ------------------------------------------------------------------- */

typedef struct row_reader {
    sqlite3_stmt *s;
    int col;
    genop_err err;
    genop_error *e;
} row_reader;

typedef enum { CUT_OK, CUT_REFUSED } cut_rule;

static int64_t row_int(row_reader *r)
{
    return sqlite3_column_int64(r->s, r->col++);
}

static bool row_is_null(const row_reader *r)
{
    return sqlite3_column_type(r->s, r->col) == SQLITE_NULL;
}

/* Copies the next column's text into buf[size], always NUL-terminated.
 * Free text that does not fit is cut at the last whole UTF-8 character;
 * an identifier (CUT_REFUSED) that does not fit is an error. NULL reads
 * as "". */
static void row_text(row_reader *r, char *buf, size_t size, cut_rule rule, const char *what)
{
    assert(size > 0);
    int col = r->col++;
    buf[0] = '\0';
    if (r->err)
        return;
    const unsigned char *t = sqlite3_column_text(r->s, col);
    if (t == NULL) {
        if (sqlite3_column_type(r->s, col) != SQLITE_NULL)
            r->err = genop_fail(r->e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til %s", what);
        return;
    }
    size_t n = (size_t)sqlite3_column_bytes(r->s, col);
    size_t take = n;
    if (n > size - 1) {
        if (rule == CUT_REFUSED) {
            r->err = genop_fail(r->e, GENOP_ETOOBIG,
                                "databasen: %s er længere end genop kan håndtere (%zu bytes)",
                                what, n);
            return;
        }
        take = size - 1;
        while (take > 0 && (t[take] & 0xC0) == 0x80)
            take--;                    /* t[take] continues a character: cut before it */
    }
    memcpy(buf, t, take);
    buf[take] = '\0';
}

/* The next column as a date; *has (if not NULL) says whether it was not
 * NULL. A NULL where has is NULL, or text that is not a date, is an error. */
static void row_date(row_reader *r, genop_date *out, bool *has, const char *what)
{
    char buf[GENOP_DATE_STR_SIZE];
    bool null = row_is_null(r);
    if (has)
        *has = !null;
    if (null && has) {
        r->col++;
        *out = 0;
        return;
    }
    row_text(r, buf, sizeof buf, CUT_REFUSED, what);
    if (r->err)
        return;
    if (genop_date_parse(buf, out, NULL) != GENOP_OK)
        r->err = genop_fail(r->e, GENOP_EINVAL, "databasen: %s er ikke en gyldig dato", what);
}

static void row_role(row_reader *r, genop_role *out)
{
    char buf[16];
    row_text(r, buf, sizeof buf, CUT_REFUSED, "rollen");
    if (r->err)
        return;
    if (!genop_role_from_name(buf, out))
        r->err = genop_fail(r->e, GENOP_EINVAL, "databasen: ukendt rolle \"%s\"", buf);
}

/* Reads USER_COLS. */
static void read_user(row_reader *r, genop_user *u)
{
    u->id = row_int(r);
    row_text(r, u->municipality, sizeof u->municipality, CUT_REFUSED, "kommunen");
    row_text(r, u->username, sizeof u->username, CUT_REFUSED, "brugernavnet");
    row_role(r, &u->role);
}

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
    row_date(r, &c->next_due, &c->has_next_due, "næste frist");
    row_text(r, c->created_at, sizeof c->created_at, CUT_REFUSED, "oprettelsestidspunktet");
}

/* Reads EVENT_COLS; ev->body is malloc'd and owned by the row. */
static void read_event(row_reader *r, genop_event_row *ev)
{
    ev->id = row_int(r);
    ev->case_id = row_int(r);
    row_text(r, ev->type, sizeof ev->type, CUT_REFUSED, "hændelsestypen");
    row_date(r, &ev->date, NULL, "hændelsens dato");
    int col = r->col++;
    ev->body = NULL;
    if (!r->err) {
        const unsigned char *t = sqlite3_column_text(r->s, col);
        size_t n = (size_t)sqlite3_column_bytes(r->s, col);
        if (t == NULL && sqlite3_column_type(r->s, col) != SQLITE_NULL) {
            r->err = genop_fail(r->e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til en hændelse");
        } else if ((ev->body = malloc(n + 1)) == NULL) {
            r->err = genop_fail(r->e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til en hændelse");
        } else {
            if (n)
                memcpy(ev->body, t, n);
            ev->body[n] = '\0';
        }
    }
    ev->corrects = row_int(r);
    ev->author_id = row_int(r);
    row_text(r, ev->author, sizeof ev->author, CUT_REFUSED, "forfatteren");
    row_text(r, ev->registered_at, sizeof ev->registered_at, CUT_REFUSED, "registreringstidspunktet");
}

/* Reads DEADLINE_COLS. */
static void read_deadline(row_reader *r, genop_open_deadline *d)
{
    d->case_id = row_int(r);
    d->citizen_id = row_int(r);
    row_text(r, d->citizen_name, sizeof d->citizen_name, CUT_OK, "navnet");
    row_text(r, d->deadline_id, sizeof d->deadline_id, CUT_REFUSED, "fristens id");
    row_text(r, d->label, sizeof d->label, CUT_OK, "fristens navn");
    d->paragraph = (unsigned)row_int(r);
    row_date(r, &d->from, NULL, "fristens start");
    row_date(r, &d->due, NULL, "fristens udløb");
    row_text(r, d->source, sizeof d->source, CUT_OK, "fristens kilde");
}

/* Reads ACCESS_COLS. */
static void read_access(row_reader *r, genop_access_entry *a)
{
    a->id = row_int(r);
    row_text(r, a->time, sizeof a->time, CUT_REFUSED, "tidspunktet");
    a->user_id = row_int(r);
    row_text(r, a->username, sizeof a->username, CUT_REFUSED, "brugernavnet");
    row_text(r, a->municipality, sizeof a->municipality, CUT_REFUSED, "kommunen");
    a->citizen_id = row_int(r);
    a->case_id = row_int(r);
    row_text(r, a->action, sizeof a->action, CUT_REFUSED, "handlingen");
    row_text(r, a->purpose, sizeof a->purpose, CUT_OK, "formålet");
}

/* Appends a zeroed item of item_size bytes to l, whose array holds *cap
 * items; NULL when out of memory (l is then unchanged). */
static void *list_push(genop_list *l, size_t *cap, size_t item_size)
{
    if (l->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        if (ncap < *cap || ncap > SIZE_MAX / item_size)
            return NULL;
        void *p = realloc(l->items, ncap * item_size);
        if (p == NULL)
            return NULL;
        l->items = p;
        *cap = ncap;
    }
    void *item = (char *)l->items + l->n * item_size;
    memset(item, 0, item_size);
    l->n++;
    return item;
}

/* Reads one result row into the item list_push made. */
typedef void (*row_fn)(row_reader *r, void *item);

/* Steps q to its end, appending one zeroed item_size item per row to out
 * and filling it with read_row. `what` names the rows in messages ("sagerne").
 * On error out holds the rows read so far; the caller frees them. */
static genop_err collect_rows(sqlite_store *st, sqlite3_stmt *q, size_t item_size,
                              row_fn read_row, const char *what, genop_list *out,
                              genop_error *e)
{
    size_t cap = out->n;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        void *item = list_push(out, &cap, item_size);
        if (item == NULL)
            return genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse til %s", what);
        row_reader r = {q, 0, GENOP_OK, e};
        read_row(&r, item);
        if (r.err)
            return r.err;
    }
    if (rc == SQLITE_DONE)
        return GENOP_OK;
    char doing[64];
    snprintf(doing, sizeof doing, "læse %s", what);
    return db_fail(st, rc, doing, e);
}

static void read_summary_item(row_reader *r, void *item)
{
    genop_case_summary *c = item;
    read_case(r, &c->c);
    row_text(r, c->citizen_name, sizeof c->citizen_name, CUT_OK, "navnet");
}

static void read_event_item(row_reader *r, void *item) { read_event(r, item); }
static void read_deadline_item(row_reader *r, void *item) { read_deadline(r, item); }
static void read_access_item(row_reader *r, void *item) { read_access(r, item); }

/* Steps s to its single row. GENOP_ENOTFOUND (without a message) when
 * there is none. */
static genop_err step_row(sqlite_store *st, sqlite3_stmt *s, const char *what, genop_error *e)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return GENOP_OK;
    if (rc == SQLITE_DONE)
        return GENOP_ENOTFOUND;
    return db_fail(st, rc, what, e);
}

/* Steps a write that returns no rows. */
static genop_err step_done(sqlite_store *st, sqlite3_stmt *s, const char *what, genop_error *e)
{
    int rc = sqlite3_step(s);
    return rc == SQLITE_DONE ? GENOP_OK : db_fail(st, rc, what, e);
}

/* A bind failed: only a bug (wrong index) or memory can do that. */
static genop_err bind_fail(sqlite_store *st, int rc, genop_error *e)
{
    return db_fail(st, rc, "binde en værdi", e);
}

/* Runs a cached existence check, "SELECT 1 ... WHERE municipality = ?1
 * AND id = ?2" (ST_MUNI_EXISTS has only ?1, the municipality's id):
 * GENOP_OK if the row is there, GENOP_ENOTFOUND (no message) if not. */
static genop_err exists(sqlite_store *st, stmt_id id, const char *muni, int64_t row_id,
                        genop_error *e)
{
    sqlite3_stmt *s;
    genop_err err = use(st, id, &s, e);
    if (err)
        return err;
    int rc = bind_text(s, 1, muni);
    if (rc == SQLITE_OK && id != ST_MUNI_EXISTS)
        rc = sqlite3_bind_int64(s, 2, row_id);
    err = rc ? bind_fail(st, rc, e) : step_row(st, s, "slå op", e);
    done(s);
    return err;
}

/* ---------------------------------------------------------------------
 * Opening, migrating, closing.
 * ------------------------------------------------------------------- */

/* Runs SQL without values (pragmas, transaction control, a migration). */
static genop_err exec_sql(sqlite_store *st, const char *sql, const char *what, genop_error *e)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? GENOP_OK : db_fail(st, rc, what, e);
}

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
static genop_err migrate(sqlite_store *st, genop_error *e)
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
        err = exec_sql(st, "BEGIN IMMEDIATE", "begynde en opgradering af skemaet", e);
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
            err = exec_sql(st, m->sql, "opgradere skemaet", e);
            if (!err)
                err = exec_sql(st, pragma, "opgradere skemaet", e);
            if (err)
                genop_error_prefix(e, "skemaversion %d", m->version);
        }
        if (!err)
            err = exec_sql(st, "COMMIT", "gemme opgraderingen af skemaet", e);
        if (err) {
            if (in_transaction(st))
                sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return err;
        }
        err = schema_version(st, &version, e);
        if (err)
            return err;
    }
    return GENOP_OK;
}

/* SQLite's busy handler: waits BUSY_POLL_US and tries again, until
 * BUSY_TIMEOUT_MS have passed (then the statement fails with SQLITE_BUSY). */
static int busy_wait(void *unused, int tries)
{
    (void)unused;
    if ((long long)tries * BUSY_POLL_US >= BUSY_TIMEOUT_MS * 1000LL)
        return 0;
    struct timespec pause = {0, BUSY_POLL_US * 1000L};
    nanosleep(&pause, NULL);
    return 1;
}

/* Turns WAL on (it is a property of the file: a no-op after the first
 * time) and checks that it took. Switching a new file to WAL needs the
 * file to itself, and SQLite does not call the busy handler for that: when
 * several handles open a new file at once, the others' locks are waited
 * out here, up to the busy timeout. */
static genop_err set_wal(sqlite_store *st, genop_error *e)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
    for (int tries = 1; rc == SQLITE_OK; tries++) {
        rc = sqlite3_step(s);
        const char *mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
        bool not_yet = (rc & 0xff) == SQLITE_BUSY || (mode && strcmp(mode, "wal") != 0);
        if (!not_yet || !busy_wait(NULL, tries))
            break;
        sqlite3_reset(s);
        rc = SQLITE_OK;
    }
    genop_err err = GENOP_OK;
    if (rc == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(s, 0);
        if (mode == NULL || strcmp(mode, "wal") != 0)
            err = genop_fail(e, GENOP_EIO, "databasen: kunne ikke slå WAL til (journal: %s)",
                             mode ? mode : "ukendt");
    } else {
        err = db_fail(st, rc, "slå WAL til", e);
    }
    sqlite3_finalize(s);
    return err;
}

/* Finalizes the cached statements and closes the connection (an open
 * transaction is rolled back); frees the handle. */
static void sqlite_close(genop_store *s)
{
    sqlite_store *st = handle(s);
    for (size_t i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    sqlite3_close(st->db);           /* rolls back an open transaction */
    free(st);
}

static const genop_store_ops sqlite_ops;


/* The pragmas of a handle opened with options o. */
static genop_err set_pragmas(sqlite_store *st, const genop_store_options *o, genop_error *e)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "PRAGMA synchronous = %s; PRAGMA foreign_keys = ON; PRAGMA mmap_size = %lld;"
             " PRAGMA cache_size = -65536;%s",
             o->commit_mode == GENOP_COMMIT_LOGGED ? "NORMAL" : "FULL", MMAP_BYTES,
             o->flushed_by_owner ? " PRAGMA wal_autocheckpoint = 0;" : "");
    return exec_sql(st, sql, "sætte databasens indstillinger", e);
}

void genop_store_sqlite_configure(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);   /* SQLITE_MISUSE once initialized */
}

genop_err genop_store_open_sqlite(const char *path, genop_store **out, genop_error *e)
{
    return genop_store_open_sqlite_with(path, NULL, out, e);
}

/* The handle is malloc'd and owned by the caller, who closes it with
 * genop_store_close(); on failure *out is NULL and nothing is left open. */
genop_err genop_store_open_sqlite_with(const char *path, const genop_store_options *o,
                                       genop_store **out, genop_error *e)
{
    static const genop_store_options defaults = {.commit_mode = GENOP_COMMIT_DURABLE};
    if (o == NULL)
        o = &defaults;
    *out = NULL;
    if (path == NULL || path[0] == '\0')
        return genop_fail(e, GENOP_EINVAL, "databasen: stien til databasefilen mangler");
    /* The library on the machine may be older than the headers built with,
     * or built without threads (handles live in several threads). */
    if (sqlite3_libversion_number() < 3038000 || !sqlite3_threadsafe())
        return genop_fail(e, GENOP_EIO, "databasen: SQLite %s er for gammel eller uden tråde; "
                          "genop kræver 3.38 eller nyere", sqlite3_libversion());
    sqlite_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse");
    st->base.ops = &sqlite_ops;
    st->wal_restart_pages = o->wal_restart_pages > 0 ? o->wal_restart_pages
                                                     : GENOP_WAL_RESTART_PAGES;

    genop_err err = GENOP_OK;
    int rc = sqlite3_open_v2(path, &st->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                                 SQLITE_OPEN_EXRESCODE,
                             NULL);
    if (rc != SQLITE_OK) {
        if (st->db == NULL)
            err = genop_fail(e, GENOP_ENOMEM, "databasen: ikke nok hukommelse");
        else
            err = genop_fail(e, (rc & 0xff) == SQLITE_NOMEM ? GENOP_ENOMEM : GENOP_EIO,
                             "databasen %s kunne ikke åbnes: %s", path, sqlite3_errmsg(st->db));
        goto out;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_handler(st->db, busy_wait, NULL);
    /* Refuse the footguns: writing the schema by hand, "strings" in
     * double quotes silently read as strings. */
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);

    err = set_wal(st, e);
    if (!err)
        err = set_pragmas(st, o, e);
    if (!err)
        err = migrate(st, e);
    if (err)
        genop_error_prefix(e, "%s", path);

out:
    if (err) {
        sqlite_close(&st->base);
        return err;
    }
    *out = &st->base;
    return GENOP_OK;
}

/* ---------------------------------------------------------------------
 * Transactions.
 * ------------------------------------------------------------------- */

/* BEGIN IMMEDIATE: the write lock is taken now (waiting up to the busy
 * timeout), so a transaction never fails half-way for want of it. */
static genop_err begin_with(genop_store *s, stmt_id begin, const char *what, genop_error *e)
{
    sqlite_store *st = handle(s);
    if (in_transaction(st))
        return genop_fail(e, GENOP_EINVAL, "databasen: en transaktion er allerede i gang");
    return run(st, begin, what, e);
}

static genop_err sqlite_begin(genop_store *s, genop_error *e)
{
    return begin_with(s, ST_BEGIN, "begynde en transaktion", e);
}

/* On failure nothing was committed and the transaction is gone. */
static genop_err sqlite_commit(genop_store *s, genop_error *e)
{
    sqlite_store *st = handle(s);
    if (!in_transaction(st))
        return genop_fail(e, GENOP_EINVAL, "databasen: ingen transaktion at gemme");
    genop_err err = run(st, ST_COMMIT, "gemme transaktionen", e);
    if (err && in_transaction(st))
        run(st, ST_ROLLBACK, "fortryde transaktionen", NULL);
    return err;
}

static void sqlite_rollback(genop_store *s)
{
    sqlite_store *st = handle(s);
    if (in_transaction(st))
        run(st, ST_ROLLBACK, "fortryde transaktionen", NULL);
}

static genop_err sqlite_savepoint(genop_store *s, genop_error *e)
{
    sqlite_store *st = handle(s);
    if (!in_transaction(st))
        return genop_fail(e, GENOP_EINVAL, "databasen: et savepoint kræver en transaktion");
    return run(st, ST_JOB_SAVEPOINT, "begynde et savepoint", e);
}

static genop_err sqlite_release(genop_store *s, genop_error *e)
{
    return run(handle(s), ST_JOB_RELEASE, "afslutte et savepoint", e);
}

/* Undoes the writes since the savepoint and ends it. */
static void sqlite_rollback_to(genop_store *s)
{
    sqlite_store *st = handle(s);
    if (!in_transaction(st))
        return;
    run(st, ST_JOB_ROLLBACK_TO, "fortryde til et savepoint", NULL);
    run(st, ST_JOB_RELEASE, "afslutte et savepoint", NULL);
}

/* BEGIN DEFERRED: the snapshot is taken at the first read. */
static genop_err sqlite_begin_read(genop_store *s, genop_error *e)
{
    return begin_with(s, ST_BEGIN_READ, "begynde en læsning", e);
}

/* Makes the pages a passive checkpoint copied into the database file
 * durable, when it copied any since the last sync. SQLite syncs the file
 * only in a checkpoint that copies the very last frame, which under
 * steady writes is rarely the flusher's (frames arrive while it copies):
 * the copied pages then stayed unsynced for a whole turn of the log, and
 * the restart (below) had to write them all while it held writers back:
 * ~250 ms without a commit, a write p99 of 130-300 ms (README). A sync per
 * flush writes ~100 ms worth, in the flusher's thread, and holds no one
 * back. (The counts SQLite returns are of the checkpoint's own snapshot of
 * the log, so they do not tell whether it synced: a commit after the
 * snapshot stops it, even when every counted frame was copied.) */
static genop_err sync_copied(sqlite_store *st, int log_frames, int copied_frames,
                             genop_error *e)
{
    bool nothing_new = copied_frames == st->synced_copied_frames &&
                       log_frames >= st->synced_log_frames;   /* the same turn of the log */
    if (copied_frames <= 0 || nothing_new)
        return GENOP_OK;
    sqlite3_file *file = NULL;
    int rc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    if (rc == SQLITE_OK && file && file->pMethods)
        rc = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    if (rc != SQLITE_OK)
        return genop_fail(e, GENOP_EIO, "databasen: databasefilen kunne ikke skrives til "
                          "disken: %s", sqlite3_errstr(rc));
    st->synced_log_frames = log_frames;
    st->synced_copied_frames = copied_frames;
    return GENOP_OK;
}

/* A passive checkpoint syncs the WAL before it copies pages from it (with
 * synchronous NORMAL or FULL), so every frame committed so far is on disk
 * when it returns; it never waits for readers or writers, and copies what
 * no reader still needs. SQLITE_BUSY means another checkpoint was running:
 * that one does the same work.
 *
 * A passive checkpoint never starts the WAL over: only a writer does that,
 * at the start of a transaction that finds every frame copied. Under
 * writes that never pause, frames arrive while the checkpoint copies, so
 * that moment may never come and the WAL would grow without end (it did:
 * 13 GB while seeding the benchmark's database). So once the WAL holds
 * wal_restart_pages frames (genop_store_options), the flusher also
 * restarts it: that checkpoint waits (through the busy handler) for the
 * writer of the moment and for readers of the WAL, holds new writers back
 * while it copies what arrived since the passive one and syncs the
 * database file, and makes the next writer start the WAL over from its
 * beginning. The file keeps its length (the next commits overwrite it
 * rather than make it longer, which would cost each sync a change of the
 * file's size too), so the WAL stays near that length. If it times out,
 * the next flush tries again. */
static genop_err sqlite_flush(genop_store *s, genop_error *e)
{
    sqlite_store *st = handle(s);
    int log_frames = 0;
    int copied_frames = 0;
    int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                                       &copied_frames);
    if (rc == SQLITE_OK) {
        genop_err err = sync_copied(st, log_frames, copied_frames, e);
        if (err)
            return err;
    }
    if (rc == SQLITE_OK && log_frames >= st->wal_restart_pages) {
        rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
        if (rc == SQLITE_OK)      /* the next turn of the log counts from 0 */
            st->synced_log_frames = st->synced_copied_frames = 0;
    }
    if (rc == SQLITE_OK || rc == SQLITE_BUSY)
        return GENOP_OK;
    return db_fail(st, rc, "skrive databasens log til disken", e);
}

/* ---------------------------------------------------------------------
 * Municipalities, users, sessions, tokens.
 * ------------------------------------------------------------------- */

/* All strings are borrowed for the call. */
static genop_err sqlite_municipality_ensure(genop_store *s, const char *id, int code,
                                            const char *name, genop_error *e)
{
    sqlite_store *st = handle(s);
    genop_err err = check_muni(id, e);
    if (!err)
        err = check_text(name, GENOP_NAME_MAX, true, "kommunens navn", e);
    if (err)
        return err;
    sqlite3_stmt *q = NULL;
    err = use(st, ST_MUNI_ENSURE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, id)) || (rc = sqlite3_bind_int(q, 2, code)) ||
        (rc = bind_text(q, 3, name)))
        err = bind_fail(st, rc, e);
    else
        err = step_done(st, q, "oprette kommunen", e);
    done(q);
    return err;
}

/* Borrows u and password_hash for the call; *id is the new user's. */
static genop_err sqlite_user_add(genop_store *s, const genop_user *u, const char *password_hash,
                                 int64_t *id, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(u->municipality, e);
    if (!err)
        err = check_text(u->username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (!err)
        err = check_text(password_hash, GENOP_HASH_TEXT_MAX, true, "adgangskodens hash", e);
    if (!err && ((unsigned)u->role >= GENOP_ROLE_COUNT))
        err = genop_fail(e, GENOP_EINVAL, "ukendt rolle");
    if (err)
        return err;

    err = exists(st, ST_MUNI_EXISTS, u->municipality, 0, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_EINVAL, "kommunen \"%s\" findes ikke", u->municipality);
    if (err)
        return err;

    err = use(st, ST_USER_ADD, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, u->municipality)) || (rc = bind_text(q, 2, u->username)) ||
        (rc = bind_text(q, 3, password_hash)) || (rc = bind_text(q, 4, genop_role_name(u->role)))) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
    } else if (rc == SQLITE_CONSTRAINT_UNIQUE) {
        err = genop_fail(e, GENOP_EINVAL, "brugernavnet \"%s\" findes allerede", u->username);
    } else {
        err = db_fail(st, rc, "oprette brugeren", e);
    }
out:
    done(q);
    return err;
}

/* Fills the caller's *out (bounded copies of the stored text). */
static genop_err sqlite_user_auth_get(genop_store *s, const char *username, genop_user_auth *out,
                                      genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(username, GENOP_USERNAME_MAX, true, "brugernavnet", e);
    if (err)
        return err == GENOP_ETOOBIG ? genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke") : err;
    err = use(st, ST_USER_AUTH_GET, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, username);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "finde brugeren", e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        read_user(&r, &out->user);
        row_text(&r, out->password_hash, sizeof out->password_hash, CUT_REFUSED,
                 "adgangskodens hash");
        int64_t failed = row_int(&r);
        out->failed_logins = failed < 0 ? 0 : failed > INT32_MAX ? INT32_MAX : (int)failed;
        out->locked_until = row_int(&r);
        err = r.err;
    }
    done(q);
    return err;
}

/* ok resets failed_logins and any lock; a failure adds one and, when locked_until > 0,
 * sets it. */
static genop_err sqlite_user_login_result(genop_store *s, int64_t user_id, bool ok,
                                          int64_t locked_until, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, ok ? ST_USER_LOGIN_OK : ST_USER_LOGIN_FAIL, &q, e);
    if (err)
        return err;
    int rc = sqlite3_bind_int64(q, 1, user_id);
    if (!rc && !ok)
        rc = sqlite3_bind_int64(q, 2, locked_until);
    err = rc ? bind_fail(st, rc, e) : step_done(st, q, "registrere login", e);
    if (!err && sqlite3_changes64(st->db) == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    done(q);
    return err;
}

/* token_hash is GENOP_TOKEN_HASH_SIZE bytes, borrowed for the call. The
 * session carries its user's municipality. */
/* Steps a bound INSERT ... SELECT ... FROM users WHERE id = ? of a
 * session or token (`what`): GENOP_EINVAL when its hash exists, and
 * GENOP_ENOTFOUND when the user does not (nothing was inserted). */
static genop_err step_insert_for_user(sqlite_store *st, sqlite3_stmt *q, const char *what,
                                      genop_error *e)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return genop_fail(e, GENOP_EINVAL, "databasen: %s findes allerede", what);
    if (rc != SQLITE_DONE) {
        char doing[64];
        snprintf(doing, sizeof doing, "oprette %s", what);
        return db_fail(st, rc, doing, e);
    }
    if (sqlite3_changes64(st->db) == 0)
        return genop_fail(e, GENOP_ENOTFOUND, "brugeren findes ikke");
    return GENOP_OK;
}

static genop_err sqlite_session_create(genop_store *s, const unsigned char *token_hash,
                                       int64_t user_id, int64_t now, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, ST_SESSION_CREATE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_hash(q, 1, token_hash)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = sqlite3_bind_int64(q, 3, now))) {
        err = bind_fail(st, rc, e);
    } else {
        err = step_insert_for_user(st, q, "sessionen", e);
    }
    done(q);
    return err;
}

/* Deletes or touches one session by hash (stmt ST_SESSION_DELETE or
 * ST_SESSION_TOUCH; now is ignored by the former). */
static genop_err session_write(sqlite_store *st, stmt_id id, const unsigned char *token_hash,
                               int64_t now, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, id, &q, e);
    if (err)
        return err;
    int rc = bind_hash(q, 1, token_hash);
    if (!rc && id == ST_SESSION_TOUCH)
        rc = sqlite3_bind_int64(q, 2, now);
    err = rc ? bind_fail(st, rc, e) : step_done(st, q, "opdatere sessionen", e);
    done(q);
    return err;
}

/* Fills the caller's *out. An expired session is deleted here. */
static genop_err sqlite_session_get(genop_store *s, const unsigned char *token_hash, int64_t now,
                                    int64_t idle_seconds, genop_user *out, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, ST_SESSION_GET, &q, e);
    if (err)
        return err;
    int64_t last_seen = 0;
    int rc = bind_hash(q, 1, token_hash);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "finde sessionen", e);
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        last_seen = row_int(&r);
        memset(out, 0, sizeof *out);
        read_user(&r, out);
        err = r.err;
    }
    /* Reset before writing: a live SELECT would hold its read snapshot. */
    done(q);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_ENOTFOUND, "sessionen findes ikke");
    if (err)
        return err;

    if (now > last_seen && now - last_seen > idle_seconds) {
        memset(out, 0, sizeof *out);
        err = session_write(st, ST_SESSION_DELETE, token_hash, now, e);
        return err ? err : genop_fail(e, GENOP_ENOTFOUND, "sessionen er udløbet");
    }
    if (now > last_seen)
        err = session_write(st, ST_SESSION_TOUCH, token_hash, now, e);
    return err;
}

/* Deleting a session that is not there is not an error (logging out
 * twice is harmless). */
static genop_err sqlite_session_delete(genop_store *s, const unsigned char *token_hash,
                                       genop_error *e)
{
    return session_write(handle(s), ST_SESSION_DELETE, token_hash, 0, e);
}

/* token_hash and name are borrowed for the call. */
static genop_err sqlite_token_create(genop_store *s, const unsigned char *token_hash,
                                     int64_t user_id, const char *name, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(name, GENOP_TEXT_SMALL_MAX, false, "nøglens navn", e);
    if (!err)
        err = use(st, ST_TOKEN_CREATE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_hash(q, 1, token_hash)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = bind_text(q, 3, name))) {
        err = bind_fail(st, rc, e);
    } else {
        err = step_insert_for_user(st, q, "nøglen", e);
    }
    done(q);
    return err;
}

/* Fills the caller's *out. */
static genop_err sqlite_token_get(genop_store *s, const unsigned char *token_hash,
                                  genop_user *out, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, ST_TOKEN_GET, &q, e);
    if (err)
        return err;
    int rc = bind_hash(q, 1, token_hash);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "finde nøglen", e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "nøglen findes ikke");
    if (!err) {
        row_reader r = {q, 0, GENOP_OK, e};
        memset(out, 0, sizeof *out);
        read_user(&r, out);
        err = r.err;
    }
    done(q);
    return err;
}

/* Steps the cached statement id, bound with ?1 text, to its end. */
static genop_err exec_stmt_text(sqlite_store *st, stmt_id id, const char *text,
                                const char *what, genop_error *e)
{
    sqlite3_stmt *s;
    genop_err err = use(st, id, &s, e);
    if (err)
        return err;
    int rc = bind_text(s, 1, text);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        err = db_fail(st, rc, what, e);
    done(s);
    return err;
}

/* Reads a row of ST_TOKEN_LIST. */
static void read_token_item(row_reader *r, void *item)
{
    genop_token_info *t = item;
    row_text(r, t->id, sizeof t->id, CUT_REFUSED, "nøglens id");
    row_text(r, t->username, sizeof t->username, CUT_REFUSED, "brugernavnet");
    row_text(r, t->municipality, sizeof t->municipality, CUT_REFUSED, "kommunen");
    row_text(r, t->name, sizeof t->name, CUT_OK, "nøglens navn");
    row_text(r, t->created, sizeof t->created, CUT_REFUSED, "oprettelsestidspunktet");
}

static genop_err sqlite_token_list(genop_store *s, const char *username, genop_list *out,
                                   genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = use(st, ST_TOKEN_LIST, &q, e);
    if (err)
        return err;
    int rc = username ? bind_text(q, 1, username) : sqlite3_bind_null(q, 1);
    err = rc ? bind_fail(st, rc, e)
             : collect_rows(st, q, sizeof(genop_token_info), read_token_item, "nøglerne", out, e);
    done(q);
    if (err)
        genop_store_free_list(out);
    return err;
}

/* How many tokens the id names. */
static genop_err token_matches(sqlite_store *st, const char *id, int64_t *n, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, ST_TOKEN_MATCHES, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, id);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "finde nøglen", e);
    if (!err)
        *n = sqlite3_column_int64(q, 0);
    done(q);
    return err;
}

static genop_err sqlite_token_revoke(genop_store *s, const char *id, genop_error *e)
{
    sqlite_store *st = handle(s);
    size_t len = strnlen(id, GENOP_TOKEN_ID_SIZE);
    if (len != GENOP_TOKEN_ID_SIZE - 1 || strspn(id, "0123456789abcdefABCDEF") != len)
        return genop_fail(e, GENOP_EINVAL, "et nøgle-id er %d hexadecimale cifre, som "
                          "'genop token list' viser dem", GENOP_TOKEN_ID_SIZE - 1);
    int64_t n = 0;
    bool own;
    genop_err err = unit_begin(st, &own, e);
    if (err)
        return err;
    err = token_matches(st, id, &n, e);
    if (!err && n == 0)
        err = genop_fail(e, GENOP_ENOTFOUND, "der er ingen nøgle med id %s", id);
    else if (!err && n > 1)
        err = genop_fail(e, GENOP_EINVAL, "id %s passer på %" PRId64 " nøgler; ingen blev "
                         "tilbagekaldt", id, n);
    if (!err)
        err = exec_stmt_text(st, ST_TOKEN_DELETE, id, "tilbagekalde nøglen", e);
    return unit_end(st, own, err, e);
}

/* ---------------------------------------------------------------------
 * Citizens and cases.
 * ------------------------------------------------------------------- */

static genop_err check_citizen(const genop_citizen *c, genop_error *e)
{
    genop_err err = check_muni(c->municipality, e);
    if (err)
        return err;
    size_t n = strnlen(c->cpr, sizeof c->cpr);
    if (n != 10 || strspn(c->cpr, "0123456789") != 10)
        return genop_fail(e, GENOP_EINVAL, "CPR-nummeret skal være 10 cifre");
    if ((err = check_text(c->name, sizeof c->name, false, "navnet", e)) ||
        (err = check_text(c->address, sizeof c->address, false, "adressen", e)) ||
        (err = check_text(c->phone, sizeof c->phone, false, "telefonnummeret", e)) ||
        (err = check_text(c->relatives, sizeof c->relatives, false, "pårørende", e)) ||
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
static genop_err citizen_read(sqlite_store *st, stmt_id id, const char *muni, const char *cpr,
                              int64_t citizen_id, genop_citizen *out, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, id, &q, e);
    if (err)
        return err;
    int rc = bind_text(q, 1, muni);
    if (!rc)
        rc = cpr ? bind_text(q, 2, cpr) : sqlite3_bind_int64(q, 2, citizen_id);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "finde borgeren", e);
    if (!err) {
        genop_citizen c;
        memset(&c, 0, sizeof c);
        row_reader r = {q, 0, GENOP_OK, e};
        read_citizen(&r, &c);
        err = r.err;
        if (!err)
            *out = c;
    }
    done(q);
    return err;
}

/* Borrows *c as input and overwrites it with the stored citizen (or sets
 * c->id of the new one). Safe against another handle creating the same
 * citizen at the same moment. */
static genop_err sqlite_citizen_find_or_create(genop_store *s, genop_citizen *c, bool *created,
                                               genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    *created = false;
    genop_err err = check_citizen(c, e);
    if (err)
        return err;
    /* Copies: *c is overwritten by what is found. */
    char muni[GENOP_MUNI_ID_MAX], cpr[sizeof c->cpr];
    memcpy(muni, c->municipality, sizeof muni);
    memcpy(cpr, c->cpr, sizeof cpr);

    err = citizen_read(st, ST_CITIZEN_BY_CPR, muni, cpr, 0, c, e);
    if (err != GENOP_ENOTFOUND)
        return err;

    err = exists(st, ST_MUNI_EXISTS, muni, 0, e);
    if (err == GENOP_ENOTFOUND)
        return genop_fail(e, GENOP_EINVAL, "kommunen \"%s\" findes ikke", muni);
    if (err)
        return err;

    err = use(st, ST_CITIZEN_INSERT, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = bind_text(q, 2, cpr)) ||
        (rc = bind_text(q, 3, c->name)) || (rc = bind_text(q, 4, c->address)) ||
        (rc = bind_text(q, 5, c->phone)) || (rc = bind_date(q, 6, c->birth_date)) ||
        (rc = sqlite3_bind_int(q, 7, c->digital_post_exempt ? 1 : 0)) ||
        (rc = bind_text(q, 8, c->relatives)) ||
        (rc = sqlite3_bind_int(q, 9, c->municipality_code))) {
        err = bind_fail(st, rc, e);
        done(q);
        return err;
    }
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        c->id = sqlite3_column_int64(q, 0);
        *created = true;
        done(q);
        return GENOP_OK;
    }
    err = rc == SQLITE_DONE ? GENOP_ENOTFOUND : db_fail(st, rc, "oprette borgeren", e);
    done(q);
    if (err != GENOP_ENOTFOUND)
        return err;
    /* Another handle created the citizen between our look-up and insert. */
    err = citizen_read(st, ST_CITIZEN_BY_CPR, muni, cpr, 0, c, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_EIO, "databasen: borgeren forsvandt under oprettelsen");
    return err;
}

/* Fills the caller's *out; another municipality's citizen is
 * GENOP_ENOTFOUND. */
static genop_err sqlite_citizen_get(genop_store *s, const char *muni, int64_t id,
                                    genop_citizen *out, genop_error *e)
{
    genop_err err = check_muni(muni, e);
    if (err)
        return err;
    err = citizen_read(handle(s), ST_CITIZEN_GET, muni, NULL, id, out, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_fail(e, GENOP_ENOTFOUND, "borgeren findes ikke");
    return err;
}

/* Borrows c's input fields and created_by (NULL: none); sets c->id,
 * c->created_at and the empty projection. The citizen must be muni's. */
static genop_err sqlite_case_create(genop_store *s, genop_case_row *c, const char *created_by,
                                    genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
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
    if (err)
        return err;

    err = use(st, ST_CASE_INSERT, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, c->municipality)) || (rc = sqlite3_bind_int64(q, 2, c->citizen_id)) ||
        (rc = sqlite3_bind_int64(q, 3, c->paragraph)) || (rc = bind_date(q, 4, c->referral_date)) ||
        (rc = bind_text(q, 5, c->referral_source)) || (rc = bind_text(q, 6, c->condition)) ||
        (rc = bind_text(q, 7, created_by ? created_by : ""))) {
        err = bind_fail(st, rc, e);
    } else if (!(err = step_row(st, q, "oprette sagen", e))) {
        row_reader r = {q, 0, GENOP_OK, e};
        int64_t id = row_int(&r);
        char created_at[GENOP_TIMESTAMP_SIZE];
        row_text(&r, created_at, sizeof created_at, CUT_REFUSED, "oprettelsestidspunktet");
        err = r.err;
        if (!err) {
            c->id = id;
            memcpy(c->created_at, created_at, sizeof created_at);
            c->closed = false;
            c->has_next_due = false;
            c->next_due = 0;
        }
    } else if (err == GENOP_ENOTFOUND) {
        err = genop_fail(e, GENOP_EIO, "databasen: sagen blev ikke oprettet");
    }
    done(q);
    return err;
}

/* Fills the caller's *out; another municipality's case is
 * GENOP_ENOTFOUND. */
static genop_err sqlite_case_get(genop_store *s, const char *muni, int64_t id,
                                 genop_case_row *out, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = use(st, ST_CASE_GET, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, id)))
        err = bind_fail(st, rc, e);
    else
        err = step_row(st, q, "finde sagen", e);
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
    done(q);
    return err;
}

/* Binds the CASE_FILTER parameters ?1..?5. */
static int bind_case_filter(sqlite3_stmt *q, const char *muni, const genop_case_filter *f)
{
    int rc;
    if ((rc = bind_text(q, 1, muni)) ||
        (rc = sqlite3_bind_int(q, 2, f->closed < 0 ? -1 : f->closed ? 1 : 0)) ||
        (rc = sqlite3_bind_int64(q, 3, f->paragraph)))
        return rc;
    rc = f->has_due_before ? bind_date(q, 4, f->due_before) : sqlite3_bind_null(q, 4);
    if (rc)
        return rc;
    return bind_id(q, 5, f->citizen_id);
}

/* out->items is a malloc'd genop_case_summary[] the caller frees with
 * genop_store_free_list() (empty and NULL on failure). The page and its
 * total are read from one snapshot. */
static genop_err sqlite_case_list(genop_store *s, const char *muni, const genop_case_filter *f,
                                  genop_list *out, size_t *total, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    bool own = false;
    out->items = NULL;
    out->n = 0;
    *total = 0;
    genop_err err = check_muni(muni, e);
    if (!err && f->has_due_before)
        err = check_date(f->due_before, "fristdatoen", e);
    if (!err)
        err = read_begin(st, &own, e);
    if (err)
        return err;

    if ((err = use(st, ST_CASE_COUNT, &q, e)))
        goto out;
    int rc = bind_case_filter(q, muni, f);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "tælle sagerne", e);
    if (!err)
        *total = (size_t)sqlite3_column_int64(q, 0);
    done(q);
    q = NULL;
    if (err)
        goto out;

    if ((err = use(st, ST_CASE_LIST, &q, e)))
        goto out;
    if ((rc = bind_case_filter(q, muni, f)) || (rc = sqlite3_bind_int64(q, 6, sql_limit(f->limit))) ||
        (rc = sqlite3_bind_int64(q, 7, sql_offset(f->offset)))) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    err = collect_rows(st, q, sizeof(genop_case_summary), read_summary_item, "sagerne", out, e);
out:
    done(q);
    read_end(st, own);
    if (err) {
        genop_store_free_list(out);
        *total = 0;
    }
    return err;
}

/* ---------------------------------------------------------------------
 * Events.
 * ------------------------------------------------------------------- */

/* Borrows ev's input fields (body included) for the call; sets ev->id,
 * ev->registered_at and ev->author. The case must be muni's, the author
 * a user of muni, and a corrected event one of the same case. */
static genop_err sqlite_event_append(genop_store *s, const char *muni, genop_event_row *ev,
                                     genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
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

    /* Check the case, the author and the corrected event. */
    if ((err = use(st, ST_EVENT_CHECK, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, ev->case_id)) ||
        (rc = sqlite3_bind_int64(q, 3, ev->author_id)) || (rc = sqlite3_bind_int64(q, 4, ev->corrects)))
        err = bind_fail(st, rc, e);
    else
        err = step_row(st, q, "kontrollere hændelsen", e);
    char author[GENOP_USERNAME_MAX];
    author[0] = '\0';
    if (!err) {
        if (sqlite3_column_type(q, 0) == SQLITE_NULL) {
            err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
        } else if (sqlite3_column_type(q, 1) == SQLITE_NULL) {
            err = genop_fail(e, GENOP_EINVAL, "forfatteren (bruger %lld) er ikke bruger i kommunen",
                             (long long)ev->author_id);
        } else if (ev->corrects != 0 && (sqlite3_column_type(q, 2) == SQLITE_NULL ||
                                         sqlite3_column_int64(q, 2) != ev->case_id)) {
            err = genop_fail(e, GENOP_EINVAL,
                             "hændelsen der rettes (%lld) hører ikke til sagen",
                             (long long)ev->corrects);
        } else {
            row_reader r = {q, 1, GENOP_OK, e};
            row_text(&r, author, sizeof author, CUT_REFUSED, "forfatteren");
            err = r.err;
        }
    } else if (err == GENOP_ENOTFOUND) {
        err = genop_fail(e, GENOP_EIO, "databasen: kontrollen af hændelsen gav intet svar");
    }
    done(q);
    q = NULL;
    if (err)
        return err;

    if ((err = use(st, ST_EVENT_INSERT, &q, e)))
        return err;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, ev->case_id)) ||
        (rc = bind_text(q, 3, ev->type)) || (rc = bind_date(q, 4, ev->date)) ||
        (rc = bind_text(q, 5, ev->body)) || (rc = bind_id(q, 6, ev->corrects)) ||
        (rc = sqlite3_bind_int64(q, 7, ev->author_id))) {
        err = bind_fail(st, rc, e);
    } else {
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            row_reader r = {q, 0, GENOP_OK, e};
            int64_t id = row_int(&r);
            char at[GENOP_TIMESTAMP_SIZE];
            row_text(&r, at, sizeof at, CUT_REFUSED, "registreringstidspunktet");
            if (!(err = r.err)) {
                ev->id = id;
                memcpy(ev->registered_at, at, sizeof at);
                memcpy(ev->author, author, sizeof author);
            }
        } else if (rc == SQLITE_CONSTRAINT_CHECK) {
            err = genop_fail(e, GENOP_EINVAL, "hændelsens indhold er ikke et gyldigt JSON-objekt");
        } else {
            err = db_fail(st, rc, "gemme hændelsen", e);
        }
    }
    done(q);
    return err;
}

/* out->items is a malloc'd genop_event_row[] whose bodies are malloc'd
 * too; the caller frees all with genop_store_free_events(). */
static genop_err sqlite_events_list(genop_store *s, const char *muni, int64_t case_id,
                                    genop_list *out, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    out->items = NULL;
    out->n = 0;
    genop_err err = check_muni(muni, e);
    if (!err)
        err = use(st, ST_EVENTS_LIST, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id))) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    if ((err = collect_rows(st, q, sizeof(genop_event_row), read_event_item, "hændelserne", out, e)))
        goto out;
    done(q);
    q = NULL;
    /* No events: tell an empty case from one that is not there. */
    if (out->n == 0) {
        err = exists(st, ST_CASE_EXISTS, muni, case_id, e);
        if (err == GENOP_ENOTFOUND)
            err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
    }
out:
    done(q);
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
        (err = check_date(d->due, "fristens udløb", e)))
        return err;
    return GENOP_OK;
}

/* The writes of case_projection_set, run inside a savepoint. */
static genop_err projection_write(sqlite_store *st, const char *muni, int64_t case_id,
                                  bool closed, const genop_open_deadline *open, size_t n_open,
                                  genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = use(st, ST_PROJ_CASE, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
        (rc = sqlite3_bind_int(q, 3, closed ? 1 : 0))) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    if (n_open > 0) {
        genop_date next = open[0].due;
        for (size_t i = 1; i < n_open; i++)
            if (open[i].due < next)
                next = open[i].due;
        rc = bind_date(q, 4, next);
    } else {
        rc = sqlite3_bind_null(q, 4);
    }
    if (rc) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    if ((err = step_done(st, q, "opdatere sagen", e)))
        goto out;
    if (sqlite3_changes64(st->db) == 0) {
        err = genop_fail(e, GENOP_ENOTFOUND, "sagen findes ikke");
        goto out;
    }
    done(q);

    if ((err = use(st, ST_PROJ_CLEAR, &q, e)))
        return err;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id))) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    if ((err = step_done(st, q, "fjerne sagens åbne frister", e)))
        goto out;
    done(q);

    if (closed)             /* a closed case is on nobody's worklist */
        return GENOP_OK;
    if ((err = use(st, ST_PROJ_INSERT, &q, e)))
        return err;
    for (size_t i = 0; i < n_open; i++) {
        const genop_open_deadline *d = &open[i];
        if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
            (rc = bind_text(q, 3, d->deadline_id)) || (rc = bind_text(q, 4, d->label)) ||
            (rc = sqlite3_bind_int64(q, 5, d->paragraph)) || (rc = bind_date(q, 6, d->from)) ||
            (rc = bind_date(q, 7, d->due)) || (rc = bind_text(q, 8, d->source))) {
            err = bind_fail(st, rc, e);
            goto out;
        }
        if ((err = step_done(st, q, "gemme en åben frist", e)))
            goto out;
        done(q);
    }
out:
    done(q);
    return err;
}

/* Borrows open[0..n_open) for the call. All or nothing, inside the
 * caller's transaction or without one. */
static genop_err sqlite_case_projection_set(genop_store *s, const char *muni, int64_t case_id,
                                            bool closed, const genop_open_deadline *open,
                                            size_t n_open, genop_error *e)
{
    sqlite_store *st = handle(s);
    genop_err err = check_muni(muni, e);
    if (err)
        return err;
    if (n_open > 0 && open == NULL)
        return genop_fail(e, GENOP_EINVAL, "de åbne frister mangler");
    for (size_t i = 0; i < n_open; i++)
        if ((err = check_deadline(&open[i], e)))
            return err;
    bool own;
    if ((err = unit_begin(st, &own, e)))
        return err;
    err = projection_write(st, muni, case_id, closed, open, n_open, e);
    return unit_end(st, own, err, e);
}

/* out->items is a malloc'd genop_open_deadline[] the caller frees with
 * genop_store_free_list(). limit 0 is no limit. */
/* A page of rows and the number of all rows that match, read in one read
 * transaction: `count` is bound with ?1 muni (and ?2 key when has_key);
 * `page` with the same and then the limit and the offset. */
typedef struct page_query {
    stmt_id count, page;
    const char *muni;
    bool has_key;
    int64_t key;
    size_t limit, offset;         /* limit 0: all */
    size_t item_size;
    row_fn read_row;
    const char *what;             /* "arbejdslisten", for messages */
} page_query;

/* Binds ?1 muni and (if any) ?2 key; returns the next free index. */
static int bind_page_key(sqlite3_stmt *q, const page_query *pq, int *rc)
{
    *rc = bind_text(q, 1, pq->muni);
    if (*rc == SQLITE_OK && pq->has_key)
        *rc = sqlite3_bind_int64(q, 2, pq->key);
    return pq->has_key ? 3 : 2;
}

static genop_err read_page(sqlite_store *st, const page_query *pq, genop_list *out,
                           size_t *total, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    bool own = false;
    out->items = NULL;
    out->n = 0;
    *total = 0;
    genop_err err = check_muni(pq->muni, e);
    if (!err)
        err = read_begin(st, &own, e);
    if (err)
        return err;
    int rc;
    if ((err = use(st, pq->count, &q, e)))
        goto out;
    bind_page_key(q, pq, &rc);
    err = rc ? bind_fail(st, rc, e) : step_row(st, q, "tælle rækkerne", e);
    if (!err)
        *total = (size_t)sqlite3_column_int64(q, 0);
    done(q);
    q = NULL;
    if (err || (err = use(st, pq->page, &q, e)))
        goto out;
    int next = bind_page_key(q, pq, &rc);
    if (rc || (rc = sqlite3_bind_int64(q, next, sql_limit(pq->limit))) ||
        (rc = sqlite3_bind_int64(q, next + 1, sql_offset(pq->offset)))) {
        err = bind_fail(st, rc, e);
        goto out;
    }
    err = collect_rows(st, q, pq->item_size, pq->read_row, pq->what, out, e);
out:
    done(q);
    read_end(st, own);
    if (err) {
        genop_store_free_list(out);
        *total = 0;
    }
    return err;
}

static genop_err sqlite_worklist(genop_store *s, const char *muni, size_t limit, size_t offset,
                                 genop_list *out, size_t *total, genop_error *e)
{
    page_query pq = {ST_WORKLIST_COUNT, ST_WORKLIST, muni, false, 0, limit, offset,
                     sizeof(genop_open_deadline), read_deadline_item, "arbejdslisten"};
    return read_page(handle(s), &pq, out, total, e);
}

/* ---------------------------------------------------------------------
 * The access log.
 * ------------------------------------------------------------------- */

/* Borrows *a for the call; sets a->id, and a->time when it was empty. */
static genop_err sqlite_access_log_append(genop_store *s, genop_access_entry *a, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(a->municipality, e)) ||
        (err = check_text(a->time, sizeof a->time, false, "tidspunktet", e)) ||
        (err = check_text(a->username, sizeof a->username, false, "brugernavnet", e)) ||
        (err = check_text(a->action, sizeof a->action, true, "handlingen", e)) ||
        (err = check_text(a->purpose, sizeof a->purpose, false, "formålet", e)))
        return err;
    bool timed = a->time[0] != '\0';
    if ((err = use(st, timed ? ST_ACCESS_INSERT_TIMED : ST_ACCESS_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, timed ? a->time : NULL)) || (rc = bind_id(q, 2, a->user_id)) ||
        (rc = bind_text(q, 3, a->username)) || (rc = bind_text(q, 4, a->municipality)) ||
        (rc = bind_id(q, 5, a->citizen_id)) || (rc = bind_id(q, 6, a->case_id)) ||
        (rc = bind_text(q, 7, a->action)) || (rc = bind_text(q, 8, a->purpose))) {
        err = bind_fail(st, rc, e);
    } else if (timed) {
        if (!(err = step_done(st, q, "skrive i adgangsloggen", e)))
            a->id = sqlite3_last_insert_rowid(st->db);
    } else if (!(err = step_row(st, q, "skrive i adgangsloggen", e))) {
        row_reader r = {q, 0, GENOP_OK, e};
        int64_t id = row_int(&r);
        char time[GENOP_TIMESTAMP_SIZE];
        row_text(&r, time, sizeof time, CUT_REFUSED, "tidspunktet");
        if (!(err = r.err)) {
            a->id = id;
            memcpy(a->time, time, sizeof time);
        }
    } else if (err == GENOP_ENOTFOUND) {
        err = genop_fail(e, GENOP_EIO, "databasen: adgangsloggen blev ikke skrevet");
    }
    done(q);
    return err;
}

/* out->items is a malloc'd genop_access_entry[] the caller frees with
 * genop_store_free_list(). */
static genop_err sqlite_access_log_list(genop_store *s, const char *muni, int64_t citizen_id,
                                        size_t limit, size_t offset, genop_list *out,
                                        size_t *total, genop_error *e)
{
    page_query pq = {ST_ACCESS_COUNT, ST_ACCESS_LIST, muni, true, citizen_id, limit, offset,
                     sizeof(genop_access_entry), read_access_item, "adgangsloggen"};
    return read_page(handle(s), &pq, out, total, e);
}

/* Borrows batch for the call; *claimed is false if it was claimed before. */
static genop_err sqlite_access_batch_claim(genop_store *s, const char *batch, size_t rows,
                                           bool *claimed, genop_error *e)
{
    sqlite_store *st = handle(s);
    genop_err err = check_text(batch, 65, true, "partiets navn", e);
    sqlite3_stmt *q = NULL;
    if (err || (err = use(st, ST_ACCESS_BATCH_CLAIM, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, batch)) || (rc = sqlite3_bind_int64(q, 2, (sqlite3_int64)rows)))
        err = bind_fail(st, rc, e);
    else
        err = step_done(st, q, "registrere et parti af adgangsloggen", e);
    if (!err)
        *claimed = sqlite3_changes(st->db) == 1;
    done(q);
    return err;
}

/* Borrows a for the call. */
static genop_err sqlite_case_answer_set(genop_store *s, const char *muni, int64_t case_id,
                                        const genop_case_answer *a, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err = check_muni(muni, e);
    if (err || (err = use(st, ST_ANSWER_SET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)) ||
        (rc = sqlite3_bind_int64(q, 3, a->last_event_id)) ||
        (rc = sqlite3_bind_int(q, 4, a->view_format)) ||
        (rc = sqlite3_bind_blob64(q, 5, a->view, a->view_len, SQLITE_STATIC)) ||
        (rc = bind_text(q, 6, a->case_json)) || (rc = bind_text(q, 7, a->events_json)))
        err = bind_fail(st, rc, e);
    else
        err = step_done(st, q, "gemme sagens svar", e);
    done(q);
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
static genop_err sqlite_case_answer_get(genop_store *s, const char *muni, int64_t case_id,
                                        genop_case_answer *out, genop_error *e)
{
    sqlite_store *st = handle(s);
    sqlite3_stmt *q = NULL;
    memset(out, 0, sizeof *out);
    genop_err err = check_muni(muni, e);
    if (err || (err = use(st, ST_ANSWER_GET, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, case_id)))
        err = bind_fail(st, rc, e);
    else
        err = step_row(st, q, "læse sagens svar", e);
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
    done(q);
    return err;
}

static const genop_store_ops sqlite_ops = {
    .close = sqlite_close,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .begin_read = sqlite_begin_read,
    .savepoint = sqlite_savepoint,
    .release = sqlite_release,
    .rollback_to = sqlite_rollback_to,
    .flush = sqlite_flush,
    .municipality_ensure = sqlite_municipality_ensure,
    .user_add = sqlite_user_add,
    .user_auth_get = sqlite_user_auth_get,
    .user_login_result = sqlite_user_login_result,
    .session_create = sqlite_session_create,
    .session_get = sqlite_session_get,
    .session_delete = sqlite_session_delete,
    .token_create = sqlite_token_create,
    .token_get = sqlite_token_get,
    .token_list = sqlite_token_list,
    .token_revoke = sqlite_token_revoke,
    .citizen_find_or_create = sqlite_citizen_find_or_create,
    .citizen_get = sqlite_citizen_get,
    .case_create = sqlite_case_create,
    .case_get = sqlite_case_get,
    .case_list = sqlite_case_list,
    .event_append = sqlite_event_append,
    .events_list = sqlite_events_list,
    .case_projection_set = sqlite_case_projection_set,
    .worklist = sqlite_worklist,
    .access_log_append = sqlite_access_log_append,
    .access_log_list = sqlite_access_log_list,
    .access_batch_claim = sqlite_access_batch_claim,
    .case_answer_set = sqlite_case_answer_set,
    .case_answer_get = sqlite_case_answer_get,
};
