/*
 * feed.c - the calendar feed's key and the feed itself (see feed.h):
 * the appointments, their places and citizens read from the store, the
 * access log written, then the text written by feed_ics.c.
 */
#include "feed.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "feed_ics.h"
#include "places.h"
#include "roles.h"
#include "store_calendar.h"

typedef struct key_job {
    const genop_user *actor;
    const char *username;
    const unsigned char *hash;
} key_job;

static genop_err run_key(genop_store *s, void *ctx, genop_error *e)
{
    key_job *j = ctx;
    genop_user u;
    genop_err err = genop_store_staff_find(s, j->actor->municipality, j->username, &u, e);
    if (err == GENOP_ENOTFOUND || (!err && u.role != GENOP_ROLE_TERAPEUT))
        return genop_refuse(e, GENOP_ENOTFOUND, NULL, "%s er ikke terapeut i kommunen.",
                            j->username);
    if (err)
        return casework_internal(err, e);
    if (j->actor->role != GENOP_ROLE_LEDER && j->actor->id != u.id)
        return genop_refuse(e, GENOP_EFORBIDDEN, NULL,
                            "Kun terapeuten selv eller en leder kan lave en nøgle til "
                            "terapeutens kalender.");
    return casework_internal(genop_store_calendar_key_set(s, j->actor->municipality, u.id,
                                                          j->hash, j->actor->username, e), e);
}

genop_err casework_calendar_key_new(const casework_env *env, const genop_user *actor,
                                    const char *username, char key[AUTH_TOKEN_TEXT_SIZE],
                                    genop_error *e)
{
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    key[0] = '\0';
    genop_err err = casework_require_role(actor, ROLES_TERAPEUT | ROLES_LEDER,
                                          "lave en nøgle til en kalender", e);
    if (!err)
        err = auth_token_new(key, hash, e);
    key_job j = {actor, username, hash};
    if (!err)
        err = casework_write(env, run_key, &j, e);
    if (err)
        sodium_memzero(key, AUTH_TOKEN_TEXT_SIZE);
    return err;
}

/* "Location, room, address" of room id into buf ("" when unknown). */
static void room_text(const cal_places *p, int64_t id, char *buf, size_t size)
{
    const genop_room_row *r = cal_places_room(p, id);
    const genop_location_row *l = r ? cal_places_location(p, r->location_id) : NULL;
    buf[0] = '\0';
    if (l)
        snprintf(buf, size, "%s, %s, %s", l->name, r->name, l->address);
}

/* The texts of one event, owned by the feed. */
typedef struct feed_text {
    char summary[GENOP_NAME_MAX + CAL_INITIALS_SIZE + 64];
    char location[GENOP_NAME_MAX * 2 + GENOP_ADDRESS_MAX + 8];
    char description[128];
} feed_text;

static const char *kind_da(const char *kind)
{
    return strcmp(kind, "assessment") == 0 ? "Vurdering" : "Træning";
}

/* The texts of appointment a of the citizen with initials. */
static void event_texts(const cal_places *p, const genop_appointment_row *a,
                        const char *initials, feed_text *t)
{
    const genop_team_row *team = a->team_id ? cal_places_team(p, a->team_id) : NULL;
    if (team) {
        snprintf(t->summary, sizeof t->summary, "%s på holdet %s: %s", kind_da(a->kind),
                 team->name, initials);
        room_text(p, team->room_id, t->location, sizeof t->location);
    } else {
        snprintf(t->summary, sizeof t->summary, "%s: %s", kind_da(a->kind), initials);
        if (strcmp(a->place, "home") == 0)
            snprintf(t->location, sizeof t->location, "Borgerens hjem");
        else
            room_text(p, a->room_id, t->location, sizeof t->location);
    }
    const char *status = strcmp(a->status, "cancelled") != 0 ? ""
                         : strcmp(a->cancelled_by, "citizen") == 0 ? " Aflyst af borgeren."
                                                                   : " Aflyst af udføreren.";
    snprintf(t->description, sizeof t->description, "Sag %lld, %d minutter.%s",
             (long long)a->case_id, a->minutes, status);
}

/* The active owner of key, who must be username; else GENOP_ENOTFOUND. */
static genop_err feed_owner(genop_store *s, const char *username, const char *key,
                            genop_user *out, genop_error *e)
{
    unsigned char hash[GENOP_TOKEN_HASH_SIZE];
    genop_err err = GENOP_ENOTFOUND;
    if (key && auth_token_hash(key, hash))
        err = genop_store_calendar_key_user(s, hash, out, e);
    if (!err && strcmp(out->username, username) != 0)
        err = GENOP_ENOTFOUND;
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, NULL,
                            "Kalenderen findes ikke, eller nøglen er forkert eller afløst af "
                            "en ny.");
    return casework_internal(err, e);
}

/* A feed being read: its owner, appointments, places and texts. */
typedef struct feed_read {
    genop_user owner;
    genop_list appts;
    cal_places places;
    cal_feed_event *ev;
    feed_text *text;
} feed_read;

/* The initials of the citizen of case case_id into buf; the citizen's
 * id into *citizen. */
static genop_err citizen_initials(genop_store *s, const char *muni, int64_t case_id,
                                  int64_t *citizen, char buf[CAL_INITIALS_SIZE],
                                  genop_error *e)
{
    genop_citizen p;
    genop_err err = cal_case_citizen(s, muni, case_id, &p, e);
    if (err)
        return err;
    *citizen = p.id;
    cal_feed_initials(p.name, buf);
    return GENOP_OK;
}

/* The events of f->appts into f->ev and f->text, a row of rows for each. */
static genop_err events_read(genop_store *s, feed_read *f, audit_rows *rows, genop_error *e)
{
    const genop_appointment_row *a = f->appts.items;
    size_t n = f->appts.n ? f->appts.n : 1;
    f->ev = calloc(n, sizeof *f->ev);
    f->text = calloc(n, sizeof *f->text);
    if (!f->ev || !f->text)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til kalenderen");
    for (size_t i = 0; i < f->appts.n; i++) {
        char initials[CAL_INITIALS_SIZE];
        int64_t citizen = 0;
        genop_err err = citizen_initials(s, f->owner.municipality, a[i].case_id, &citizen,
                                         initials, e);
        if (!err)
            err = audit_rows_add(rows, citizen, a[i].case_id, e);
        if (err)
            return err;
        event_texts(&f->places, &a[i], initials, &f->text[i]);
        f->ev[i] = (cal_feed_event){a[i].id, a[i].starts_at, a[i].ends_at, f->text[i].summary,
                                    f->text[i].location, f->text[i].description,
                                    strcmp(a[i].status, "cancelled") == 0};
    }
    return GENOP_OK;
}

/* Reads the owner's appointments of the window, their places and texts. */
static genop_err feed_gather(const casework_env *env, feed_read *f, audit_rows *rows,
                             genop_error *e)
{
    genop_appointment_filter q = {0};
    q.has_from = q.has_to = true;
    q.from = env->today - CAL_FEED_DAYS_BACK;
    q.to = env->today + CAL_FEED_DAYS_AHEAD;
    q.therapist_id = f->owner.id;
    genop_err err = casework_internal(
        genop_store_appointments_find(env->store, f->owner.municipality, &q, &f->appts, e), e);
    if (!err)
        err = cal_places_read(env->store, f->owner.municipality, &f->places, e);
    return err ? err : events_read(env->store, f, rows, e);
}

genop_err casework_calendar_feed(const casework_env *env, const char *username,
                                 const char *key, genop_buf *out, genop_error *e)
{
    feed_read f;
    memset(&f, 0, sizeof f);
    genop_err err = feed_owner(env->store, username, key, &f.owner, e);
    if (err)
        return err;
    audit_rows rows;
    audit_rows_init(&rows, &f.owner, AUDIT_CALENDAR_FEED, AUDIT_PURPOSE_CALENDAR);
    err = feed_gather(env, &f, &rows, e);
    if (!err)
        err = audit_rows_record(env, &rows, e);
    if (!err) {
        char name[GENOP_USERNAME_MAX + 32];
        snprintf(name, sizeof name, "Træningskalender for %s", f.owner.username);
        err = cal_feed_ics(f.owner.municipality, name, f.ev, f.appts.n, env->now, out, e);
    }
    audit_rows_release(&rows);
    cal_places_release(&f.places);
    genop_store_free_list(&f.appts);
    free(f.ev);
    free(f.text);
    return err;
}
