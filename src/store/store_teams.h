/*
 * store_teams.h - a team's roster and waiting list in the store
 * (migration 0017; docs/calendar.md, "Teams"). The same rules as
 * store_calendar.h: every row carries its municipality, every read takes
 * the caller's (another municipality's team or case is GENOP_ENOTFOUND or
 * absent), writes happen inside a transaction of the caller, and what may
 * be written is the domain layer's to judge (src/casework/calendar/
 * teams.h). The back end's functions are reached through
 * genop_store_ops.teams.
 */
#ifndef GENOP_STORE_TEAMS_H
#define GENOP_STORE_TEAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "store.h"

/* A case on a team's roster. citizen_* are read back, never written. */
typedef struct genop_roster_row {
    int64_t id;
    int64_t team_id, case_id;
    genop_date from, to;
    bool has_to;                                /* false: until the grant / team ends */
    genop_date left_on;
    bool has_left;
    char created_by[GENOP_USERNAME_MAX];
    int64_t citizen_id;
    char citizen_name[GENOP_NAME_MAX];
} genop_roster_row;

/* A case on a team's waiting list, at position (1 first); offered while
 * it is offered a freed place (offered_on, due offer_due). */
typedef struct genop_waiting_row {
    int64_t team_id, case_id;
    int position;
    genop_date added_on;
    char added_by[GENOP_USERNAME_MAX];
    bool offered;
    genop_date offered_on, offer_due;
    int64_t citizen_id;                         /* read back, never written */
    char citizen_name[GENOP_NAME_MAX];
} genop_waiting_row;

/* Keeps r (a case and team of muni); sets r->id. */
genop_err genop_store_roster_add(genop_store *s, const char *muni, genop_roster_row *r,
                                 genop_error *e);
/* Sets to, left_on of roster row r->id from r. */
genop_err genop_store_roster_update(genop_store *s, const char *muni, const genop_roster_row *r,
                                    genop_error *e);
/* The roster rows of muni of team team_id and/or case case_id (0: any),
 * by from and id; out->items is genop_roster_row[]. */
genop_err genop_store_roster_list(genop_store *s, const char *muni, int64_t team_id,
                                  int64_t case_id, genop_list *out, genop_error *e);
/* The waiting list of team team_id (0: every team's) and/or case case_id
 * (0: any), by team and position; out->items is genop_waiting_row[]. */
genop_err genop_store_waiting_list(genop_store *s, const char *muni, int64_t team_id,
                                   int64_t case_id, genop_list *out, genop_error *e);
/* Replaces team team_id's waiting list with rows[0..n) (their positions
 * are set to 1..n in that order). */
genop_err genop_store_waiting_set(genop_store *s, const char *muni, int64_t team_id,
                                  const genop_waiting_row *rows, size_t n, genop_error *e);

/* The back end's table (store.h's genop_store_ops.teams). */
typedef struct genop_team_ops {
    genop_err (*roster_add)(genop_store *s, const char *muni, genop_roster_row *r,
                            genop_error *e);
    genop_err (*roster_update)(genop_store *s, const char *muni, const genop_roster_row *r,
                               genop_error *e);
    genop_err (*roster_list)(genop_store *s, const char *muni, int64_t team_id,
                             int64_t case_id, genop_list *out, genop_error *e);
    genop_err (*waiting_list)(genop_store *s, const char *muni, int64_t team_id,
                              int64_t case_id, genop_list *out, genop_error *e);
    genop_err (*waiting_set)(genop_store *s, const char *muni, int64_t team_id,
                             const genop_waiting_row *rows, size_t n, genop_error *e);
} genop_team_ops;

#endif
