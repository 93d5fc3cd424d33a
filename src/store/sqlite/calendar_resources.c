/*
 * calendar_resources.c - the SQLite back end's calendar resources
 * (migration 0014; store_calendar.h): locations and rooms, the staff's
 * profession, hours and absences, teams. A row is written only with the
 * municipality's own location, room and users (the INSERTs select them
 * by municipality, so another municipality's is "not found"), and read
 * back only by its municipality.
 */
#include <string.h>

#include "records.h"

enum {
    ST_LOC_INSERT,
    ST_ROOM_INSERT,
    ST_LOC_LIST,
    ST_ROOM_LIST,
    ST_ROOM_GET,
    ST_ROOM_ADD,
    ST_PROFILE_UPSERT,
    ST_HOURS_CLEAR,
    ST_ABSENCES_CLEAR,
    ST_HOURS_INSERT,
    ST_ABSENCE_INSERT,
    ST_PROFILES,
    ST_HOURS,
    ST_ABSENCES,
    ST_TEAM_INSERT,
    ST_TEAM_GET,
    ST_TEAM_LIST,
    ST_COUNT
};

#define TEAM_COLS                                                                          \
    "t.id, t.name, t.paragraph, t.room_id, t.weekday, t.start_minute, t.minutes,"         \
    " t.capacity, t.therapist_id, u.username, t.from_date, t.to_date"
#define TEAM_FROM " FROM teams t JOIN users u ON u.id = t.therapist_id"

static const char *const res_sql[ST_COUNT] = {
    [ST_LOC_INSERT] = "INSERT INTO locations (municipality, name, address) VALUES (?1, ?2, ?3)"
                      " RETURNING id",
    [ST_ROOM_INSERT] = "INSERT INTO rooms (municipality, location_id, name, capacity)"
                       " VALUES (?1, ?2, ?3, ?4) RETURNING id",
    [ST_LOC_LIST] = "SELECT id, name, address FROM locations WHERE municipality = ?1"
                    " AND ?2 = 0 ORDER BY id",
    [ST_ROOM_LIST] = "SELECT id, location_id, name, capacity FROM rooms WHERE municipality = ?1"
                     " AND (?2 = 0 OR id = ?2) ORDER BY location_id, id",
    [ST_ROOM_GET] = "SELECT id, location_id, name, capacity FROM rooms WHERE municipality = ?1"
                    " AND id = ?2",
    [ST_ROOM_ADD] = "INSERT INTO rooms (municipality, location_id, name, capacity)"
                    " SELECT ?1, l.id, ?3, ?4 FROM locations l WHERE l.municipality = ?1"
                    " AND l.id = ?2 RETURNING id",
    [ST_PROFILE_UPSERT] = "INSERT INTO staff_profiles (municipality, user_id, profession)"
                          " SELECT ?1, u.id, ?3 FROM users u WHERE u.municipality = ?1"
                          " AND u.id = ?2 ON CONFLICT (municipality, user_id)"
                          " DO UPDATE SET profession = excluded.profession RETURNING user_id",
    [ST_HOURS_CLEAR] = "DELETE FROM staff_hours WHERE municipality = ?1 AND user_id = ?2",
    [ST_ABSENCES_CLEAR] = "DELETE FROM staff_absences WHERE municipality = ?1 AND user_id = ?2",
    [ST_HOURS_INSERT] = "INSERT INTO staff_hours (municipality, user_id, weekday, from_minute,"
                        " to_minute) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_ABSENCE_INSERT] = "INSERT INTO staff_absences (municipality, user_id, from_date,"
                          " to_date, reason) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_PROFILES] = "SELECT p.user_id, u.username, p.profession FROM staff_profiles p"
                    " JOIN users u ON u.id = p.user_id WHERE p.municipality = ?1"
                    " AND (?2 = 0 OR p.user_id = ?2) ORDER BY u.username",
    [ST_HOURS] = "SELECT user_id, weekday, from_minute, to_minute FROM staff_hours"
                 " WHERE municipality = ?1 AND (?2 = 0 OR user_id = ?2)"
                 " ORDER BY user_id, weekday, from_minute",
    [ST_ABSENCES] = "SELECT user_id, from_date, to_date, reason FROM staff_absences"
                    " WHERE municipality = ?1 AND (?2 = 0 OR user_id = ?2)"
                    " ORDER BY user_id, from_date, id",
    [ST_TEAM_INSERT] =
        "INSERT INTO teams (municipality, name, paragraph, room_id, weekday, start_minute,"
        " minutes, capacity, therapist_id, from_date, to_date)"
        " SELECT ?1, ?2, ?3, r.id, ?5, ?6, ?7, ?8, u.id, ?10, ?11 FROM rooms r, users u"
        " WHERE r.municipality = ?1 AND r.id = ?4 AND u.municipality = ?1 AND u.id = ?9"
        " RETURNING id",
    [ST_TEAM_GET] = "SELECT " TEAM_COLS TEAM_FROM " WHERE t.municipality = ?1 AND t.id = ?2",
    [ST_TEAM_LIST] = "SELECT " TEAM_COLS TEAM_FROM " WHERE t.municipality = ?1 AND ?2 = 0"
                     " ORDER BY t.id",
};

static const stmt_table resources = {res_sql, ST_COUNT};

/* Steps an INSERT ... RETURNING id; GENOP_ENOTFOUND (no message) when it
 * selected nothing to insert. */
static genop_err step_id(sqlite_store *st, sqlite3_stmt *q, const char *what, int64_t *id,
                         genop_error *e)
{
    genop_err err = stmt_step_row(st, q, what, e);
    if (!err)
        *id = sqlite3_column_int64(q, 0);
    return err;
}

/* Inserts r with statement id (ST_ROOM_INSERT, or ST_ROOM_ADD, which
 * finds nothing to insert into another municipality's location). */
static genop_err room_insert(sqlite_store *st, unsigned id, const char *muni, genop_room_row *r,
                             genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(r->name, sizeof r->name, true, "rummets navn", e);
    if (err || (err = stmt_use(st, &resources, id, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, r->location_id)) ||
        (rc = bind_text(q, 3, r->name)) || (rc = sqlite3_bind_int(q, 4, r->capacity)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = step_id(st, q, "gemme rummet", &r->id, e);
    stmt_done(q);
    return err;
}

static genop_err sqlite_location_add(genop_store *s, const char *muni, genop_location_row *l,
                              genop_room_row *rooms, size_t n, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(l->name, sizeof l->name, true, "stedets navn", e)) ||
        (err = check_text(l->address, sizeof l->address, false, "stedets adresse", e)) ||
        (err = stmt_use(st, &resources, ST_LOC_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = bind_text(q, 2, l->name)) ||
        (rc = bind_text(q, 3, l->address)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = step_id(st, q, "gemme stedet", &l->id, e);
    stmt_done(q);
    for (size_t i = 0; !err && i < n; i++) {
        rooms[i].location_id = l->id;
        err = room_insert(st, ST_ROOM_INSERT, muni, &rooms[i], e);
    }
    return err;
}

static genop_err sqlite_room_add(genop_store *s, const char *muni, genop_room_row *r,
                                 genop_error *e)
{
    genop_err err = check_muni(muni, e);
    return err ? err : room_insert(sqlite_handle(s), ST_ROOM_ADD, muni, r, e);
}

static void read_location(row_reader *r, void *item)
{
    genop_location_row *l = item;
    l->id = row_int(r);
    row_text(r, l->name, sizeof l->name, CUT_OK, "stedets navn");
    row_text(r, l->address, sizeof l->address, CUT_OK, "stedets adresse");
}

static void read_room(row_reader *r, void *item)
{
    genop_room_row *m = item;
    m->id = row_int(r);
    m->location_id = row_int(r);
    row_text(r, m->name, sizeof m->name, CUT_OK, "rummets navn");
    m->capacity = (int)row_int(r);
}

static genop_err sqlite_locations_list(genop_store *s, const char *muni, genop_list *out,
                                genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &resources, ST_LOC_LIST, muni, 0,
                        0, sizeof(genop_location_row), read_location, "stederne", out, e);
}

static genop_err sqlite_rooms_list(genop_store *s, const char *muni, genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &resources, ST_ROOM_LIST, muni, 0, 0,
                        sizeof(genop_room_row), read_room, "rummene", out, e);
}

/* Reads the single row of statement id for (muni, key) with read_row. */
static genop_err read_one(genop_store *s, unsigned id, const char *muni, int64_t key,
                          size_t size, row_fn read_row, const char *what, void *out,
                          genop_error *e)
{
    genop_list l = {0};
    genop_err err = db_read_rows(sqlite_handle(s), &resources, id, muni, key, 0, size,
                                 read_row, what, &l, e);
    if (!err && l.n == 0)
        err = GENOP_ENOTFOUND;
    if (!err)
        memcpy(out, l.items, size);
    genop_store_free_list(&l);
    return err;
}

static genop_err sqlite_room_get(genop_store *s, const char *muni, int64_t id, genop_room_row *out,
                          genop_error *e)
{
    return read_one(s, ST_ROOM_GET, muni, id, sizeof *out, read_room, "rummet", out, e);
}

/* Runs statement id with (muni, user_id) and no rows. */
static genop_err run_user(sqlite_store *st, unsigned id, const char *muni, int64_t user_id,
                          genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &resources, id, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, user_id)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme medarbejderens kalender", e);
    stmt_done(q);
    return err;
}

static genop_err hours_insert(sqlite_store *st, const char *muni, int64_t user_id,
                              const genop_staff_hours_row *h, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = stmt_use(st, &resources, ST_HOURS_INSERT, &q, e);
    if (err)
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = sqlite3_bind_int(q, 3, h->weekday)) ||
        (rc = sqlite3_bind_int(q, 4, h->from_minute)) ||
        (rc = sqlite3_bind_int(q, 5, h->to_minute)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme arbejdstiden", e);
    stmt_done(q);
    return err;
}

static genop_err absence_insert(sqlite_store *st, const char *muni, int64_t user_id,
                                const genop_absence_row *a, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(a->reason, sizeof a->reason, false, "fraværets årsag", e);
    if (err || (err = stmt_use(st, &resources, ST_ABSENCE_INSERT, &q, e)))
        return err;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, user_id)) ||
        (rc = bind_date(q, 3, a->from)) || (rc = bind_date(q, 4, a->to)) ||
        (rc = bind_text(q, 5, a->reason)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = stmt_step_done(st, q, "gemme fraværet", e);
    stmt_done(q);
    return err;
}

static genop_err profile_upsert(sqlite_store *st, const char *muni,
                                const genop_staff_profile_row *p, genop_error *e)
{
    sqlite3_stmt *q = NULL;
    genop_err err = check_text(p->profession, sizeof p->profession, true, "faget", e);
    if (err || (err = stmt_use(st, &resources, ST_PROFILE_UPSERT, &q, e)))
        return err;
    int64_t id;
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = sqlite3_bind_int64(q, 2, p->user_id)) ||
        (rc = bind_text(q, 3, p->profession)))
        err = stmt_bind_fail(st, rc, e);
    else
        err = step_id(st, q, "gemme medarbejderens fag", &id, e);
    stmt_done(q);
    return err;
}

static genop_err sqlite_staff_profile_set(genop_store *s, const char *muni,
                                   const genop_staff_profile_row *p,
                                   const genop_staff_hours_row *hours, size_t n_hours,
                                   const genop_absence_row *absences, size_t n_absences,
                                   genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    genop_err err = check_muni(muni, e);
    if (!err)
        err = profile_upsert(st, muni, p, e);
    if (!err)
        err = run_user(st, ST_HOURS_CLEAR, muni, p->user_id, e);
    if (!err)
        err = run_user(st, ST_ABSENCES_CLEAR, muni, p->user_id, e);
    for (size_t i = 0; !err && i < n_hours; i++)
        err = hours_insert(st, muni, p->user_id, &hours[i], e);
    for (size_t i = 0; !err && i < n_absences; i++)
        err = absence_insert(st, muni, p->user_id, &absences[i], e);
    return err;
}

static void read_profile(row_reader *r, void *item)
{
    genop_staff_profile_row *p = item;
    p->user_id = row_int(r);
    row_text(r, p->username, sizeof p->username, CUT_REFUSED, "brugernavnet");
    row_text(r, p->profession, sizeof p->profession, CUT_REFUSED, "faget");
}

static void read_hours(row_reader *r, void *item)
{
    genop_staff_hours_row *h = item;
    h->user_id = row_int(r);
    h->weekday = (int)row_int(r);
    h->from_minute = (int)row_int(r);
    h->to_minute = (int)row_int(r);
}

static void read_absence(row_reader *r, void *item)
{
    genop_absence_row *a = item;
    a->user_id = row_int(r);
    row_date(r, &a->from, NULL, "fraværets første dag");
    row_date(r, &a->to, NULL, "fraværets sidste dag");
    row_text(r, a->reason, sizeof a->reason, CUT_OK, "fraværets årsag");
}

static genop_err sqlite_staff_profiles(genop_store *s, const char *muni, int64_t user_id,
                                genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &resources, ST_PROFILES, muni, user_id, 0,
                        sizeof(genop_staff_profile_row), read_profile, "medarbejderne", out,
                        e);
}

static genop_err sqlite_staff_hours(genop_store *s, const char *muni, int64_t user_id,
                             genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &resources, ST_HOURS, muni, user_id, 0,
                        sizeof(genop_staff_hours_row), read_hours, "arbejdstiderne", out, e);
}

static genop_err sqlite_staff_absences(genop_store *s, const char *muni, int64_t user_id,
                                genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &resources, ST_ABSENCES, muni, user_id, 0,
                        sizeof(genop_absence_row), read_absence, "fraværet", out, e);
}

static int bind_team(sqlite3_stmt *q, const char *muni, const genop_team_row *t)
{
    int rc;
    if ((rc = bind_text(q, 1, muni)) || (rc = bind_text(q, 2, t->name)) ||
        (rc = bind_text(q, 3, t->paragraph)) || (rc = sqlite3_bind_int64(q, 4, t->room_id)) ||
        (rc = sqlite3_bind_int(q, 5, t->weekday)) ||
        (rc = sqlite3_bind_int(q, 6, t->start_minute)) ||
        (rc = sqlite3_bind_int(q, 7, t->minutes)) || (rc = sqlite3_bind_int(q, 8, t->capacity)) ||
        (rc = sqlite3_bind_int64(q, 9, t->therapist_id)) || (rc = bind_date(q, 10, t->from)))
        return rc;
    return t->has_to ? bind_date(q, 11, t->to) : sqlite3_bind_null(q, 11);
}

static genop_err sqlite_team_add(genop_store *s, const char *muni, genop_team_row *t, genop_error *e)
{
    sqlite_store *st = sqlite_handle(s);
    sqlite3_stmt *q = NULL;
    genop_err err;
    if ((err = check_muni(muni, e)) ||
        (err = check_text(t->name, sizeof t->name, true, "holdets navn", e)) ||
        (err = check_text(t->paragraph, sizeof t->paragraph, true, "holdets paragraf", e)) ||
        (err = stmt_use(st, &resources, ST_TEAM_INSERT, &q, e)))
        return err;
    int rc = bind_team(q, muni, t);
    if (rc)
        err = stmt_bind_fail(st, rc, e);
    else
        err = step_id(st, q, "gemme holdet", &t->id, e);
    stmt_done(q);
    return err;
}

static void read_team(row_reader *r, void *item)
{
    genop_team_row *t = item;
    t->id = row_int(r);
    row_text(r, t->name, sizeof t->name, CUT_OK, "holdets navn");
    row_text(r, t->paragraph, sizeof t->paragraph, CUT_REFUSED, "holdets paragraf");
    t->room_id = row_int(r);
    t->weekday = (int)row_int(r);
    t->start_minute = (int)row_int(r);
    t->minutes = (int)row_int(r);
    t->capacity = (int)row_int(r);
    t->therapist_id = row_int(r);
    row_text(r, t->therapist, sizeof t->therapist, CUT_REFUSED, "holdets terapeut");
    row_date(r, &t->from, NULL, "holdets første dag");
    row_date(r, &t->to, &t->has_to, "holdets sidste dag");
}

static genop_err sqlite_team_get(genop_store *s, const char *muni, int64_t id, genop_team_row *out,
                          genop_error *e)
{
    return read_one(s, ST_TEAM_GET, muni, id, sizeof *out, read_team, "holdet", out, e);
}

static genop_err sqlite_teams_list(genop_store *s, const char *muni, genop_list *out, genop_error *e)
{
    return db_read_rows(sqlite_handle(s), &resources, ST_TEAM_LIST, muni, 0, 0,
                        sizeof(genop_team_row), read_team, "holdene", out, e);
}

const genop_calendar_ops sqlite_calendar_ops = {
    .location_add = sqlite_location_add,
    .locations_list = sqlite_locations_list,
    .rooms_list = sqlite_rooms_list,
    .room_get = sqlite_room_get,
    .room_add = sqlite_room_add,
    .staff_profile_set = sqlite_staff_profile_set,
    .staff_profiles = sqlite_staff_profiles,
    .staff_hours = sqlite_staff_hours,
    .staff_absences = sqlite_staff_absences,
    .team_add = sqlite_team_add,
    .team_get = sqlite_team_get,
    .teams_list = sqlite_teams_list,
    .appointment_add = sqlite_appointment_add,
    .appointments_find = sqlite_appointments_find,
    .appointment_get = sqlite_appointment_get,
    .appointment_update = sqlite_appointment_update,
    .appointment_reschedule = sqlite_appointment_reschedule,
    .calendar_key_set = sqlite_calendar_key_set,
    .calendar_key_user = sqlite_calendar_key_user,
    .holiday_opening_add = sqlite_holiday_opening_add,
    .holiday_opening_get = sqlite_holiday_opening_get,
    .holiday_openings_list = sqlite_holiday_openings_list,
    .holiday_opening_delete = sqlite_holiday_opening_delete,
    .appointments_walk = sqlite_appointments_walk,
};
