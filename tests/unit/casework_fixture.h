/*
 * casework_fixture.h - what the unit tests of the domain layer share: a
 * fresh database in a temporary directory with the domain layer on it
 * (casework_local), the municipalities aalborg and skive, and users made
 * in them. Include after <cmocka.h> and test_helpers.h.
 */
#ifndef GENOP_CASEWORK_FIXTURE_H
#define GENOP_CASEWORK_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "local.h"

#define FIXTURE_PASSWORD "korrekt-hest-batteri"

/* Makes the directory /tmp/genop-NAME-XXXXXX into dir[dir_size], opens
 * dir/t.db (its path into db[db_size]) as *loc with every shipped
 * standard, and adds the municipalities aalborg and skive. 0, or -1 when
 * that fails; close with casework_fixture_close() either way once loc
 * was opened. */
static inline int casework_fixture_open(casework_local *loc, char *dir, size_t dir_size, char *db,
                                        size_t db_size, const char *name)
{
    snprintf(dir, dir_size, "/tmp/genop-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, db_size, "%s/t.db", dir);
    if (casework_local_open(db, loc, NULL))
        return -1;
    const char *munis[] = {"aalborg", "skive"};
    for (size_t i = 0; i < 2; i++)
        must(casework_local_municipality_ensure(loc, casework_standard(&loc->env, munis[i]), e));
    return 0;
}

/* Adds the user name with role in muni, with FIXTURE_PASSWORD, as *u. */
static inline void casework_fixture_user(casework_local *loc, genop_user *u, const char *muni,
                                         genop_role role, const char *name)
{
    memset(u, 0, sizeof *u);
    snprintf(u->municipality, sizeof u->municipality, "%s", muni);
    snprintf(u->username, sizeof u->username, "%s", name);
    u->role = role;
    must(casework_local_user_add(loc, u, FIXTURE_PASSWORD, e));
}

/* Closes loc and removes the database and its directory dir. */
static inline void casework_fixture_close(casework_local *loc, const char *dir)
{
    casework_local_close(loc);
    remove_test_db(dir, "t.db");
}

#endif
