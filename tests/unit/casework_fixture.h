/*
 * casework_fixture.h - the temporary database the domain layer's unit
 * tests (test_casework.c, test_assignment.c) work on, as genop demo
 * does: opened through casework_local with Aalborg's and Skive's
 * standards, and its users. Include after test_helpers.h.
 */
#ifndef GENOP_TEST_CASEWORK_FIXTURE_H
#define GENOP_TEST_CASEWORK_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "event_append.h"
#include "event_input.h"
#include "local.h"
#include "referral.h"

#define CASEWORK_TEST_PASSWORD "korrekt-hest-batteri"

/* Makes a directory /tmp/genop-NAME-XXXXXX in dir, opens the database
 * t.db there (its path in db) into *loc, with Aalborg and Skive. -1 on
 * failure; close with casework_test_close(). */
static inline int casework_test_open(const char *name, char dir[64], char db[96],
                                     casework_local *loc)
{
    snprintf(dir, 64, "/tmp/genop-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, 96, "%s/t.db", dir);
    if (casework_local_open(db, loc, NULL))
        return -1;
    const char *munis[] = {"aalborg", "skive"};
    for (size_t i = 0; i < 2; i++)
        must(casework_local_municipality_ensure(loc, casework_standard(&loc->env, munis[i]), e));
    return 0;
}

static inline void casework_test_close(const char *dir, casework_local *loc)
{
    casework_local_close(loc);
    remove_test_db(dir, "t.db");
}

/* Adds the user name of muni with role, into *u. */
static inline void casework_test_user(casework_local *loc, genop_user *u, const char *muni,
                                      genop_role role, const char *name)
{
    memset(u, 0, sizeof *u);
    snprintf(u->municipality, sizeof u->municipality, "%s", muni);
    snprintf(u->username, sizeof u->username, "%s", name);
    u->role = role;
    must(casework_local_user_add(loc, u, CASEWORK_TEST_PASSWORD, e));
}

/* Registers a referral of cpr (named name) in loc's municipality of u,
 * 20 days ago, by u; returns the new case's id. */
static inline int64_t casework_test_case(casework_local *loc, const genop_user *u,
                                         const char *cpr, const char *name)
{
    casework_referral in = {
        .cpr = cpr, .name = name, .paragraph = "86.1", .source = "egen læge",
        .condition = "hofte", .date = loc->env.today - 20, .address = "Algade 1, 9000 Aalborg",
        .has_consent = true, .consent = true,
    };
    casework_referral_result r;
    must(casework_referral_register(&loc->env, u, &in, &r, e));
    return r.case_id;
}

/* Registers the event text (JSON) on case id as u; the new event's id in
 * *event_id unless that is NULL. */
static inline genop_err casework_test_append(casework_local *loc, const genop_user *u,
                                             int64_t id, const char *text, int64_t *event_id,
                                             genop_error *e)
{
    json_t *body = json_loads(text, 0, NULL);
    if (!body)
        fail_msg("test event is not JSON: %s", text);
    casework_event ev;
    int64_t unused;
    genop_err err = casework_event_read(body, &ev, e);
    if (!err)
        err = casework_event_append(&loc->env, u, id, &ev, event_id ? event_id : &unused, e);
    casework_event_release(&ev);
    json_decref(body);
    return err;
}

#endif
