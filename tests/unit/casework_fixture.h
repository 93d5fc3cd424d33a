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

#include "local.h"

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

#endif
