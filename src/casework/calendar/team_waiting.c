/*
 * team_waiting.c - a team's waiting list (see teams.h): putting a case on
 * it, its order, and taking a case off it, declined offers too. Each is
 * one write that reads the list, changes it in memory and writes it back
 * whole (genop_store_waiting_set), so the positions stay 1..n.
 */
#include "teams.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "new_time.h"
#include "roles.h"

#define ROLES_TEAMS (ROLES_VISITATOR | ROLES_TERAPEUT | ROLES_LEDER)

typedef struct wait_job {
    const genop_user *actor;
    const genop_standard *std;
    genop_date today;
    int64_t team_id;
    int64_t case_id;                    /* wait, unwait */
    const int64_t *cases;               /* order */
    size_t n;
    bool decline;
    int64_t offered;
} wait_job;

/* The case exists in the municipality and is not closed; it is not on
 * the team's roster from today. */
static genop_err may_wait(genop_store *s, wait_job *j, genop_error *e)
{
    genop_case_row c;
    genop_list l = {0};
    genop_err err = genop_store_case_get(s, j->actor->municipality, j->case_id, &c, e);
    if (err == GENOP_ENOTFOUND)
        return genop_refuse(e, GENOP_ENOTFOUND, "$.case", "Sagen findes ikke.");
    if (!err && c.closed)
        return genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen er afsluttet.");
    if (!err)
        err = genop_store_roster_list(s, j->actor->municipality, j->team_id, j->case_id, &l, e);
    const genop_roster_row *r = l.items;
    bool on = false;
    for (size_t i = 0; !err && i < l.n; i++)
        on = on || (!r[i].has_left && (!r[i].has_to || r[i].to >= j->today));
    genop_store_free_list(&l);
    if (err)
        return casework_internal(err, e);
    return on ? genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen er allerede på holdet.")
              : GENOP_OK;
}

/* Reads the team's list into *l after checking the team. */
static genop_err load_list(genop_store *s, wait_job *j, genop_list *l, genop_error *e)
{
    genop_team_row team;
    genop_err err = cal_team_load(s, j->actor, j->team_id, &team, e);
    if (!err)
        err = casework_internal(genop_store_waiting_list(s, j->actor->municipality, j->team_id,
                                                         0, l, e), e);
    return err;
}

static genop_err run_wait(genop_store *s, void *ctx, genop_error *e)
{
    wait_job *j = ctx;
    genop_list l = {0};
    genop_err err = load_list(s, j, &l, e);
    if (!err)
        err = may_wait(s, j, e);
    const genop_waiting_row *w = l.items;
    for (size_t i = 0; !err && i < l.n; i++)
        if (w[i].case_id == j->case_id)
            err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen står allerede på holdets "
                               "venteliste.");
    genop_waiting_row *rows = err ? NULL : calloc(l.n + 1, sizeof *rows);
    if (!err && !rows)
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til ventelisten");
    if (!err) {
        if (l.n)
            memcpy(rows, l.items, l.n * sizeof *rows);
        genop_waiting_row *x = &rows[l.n];
        x->case_id = j->case_id;
        x->added_on = j->today;
        snprintf(x->added_by, sizeof x->added_by, "%s", j->actor->username);
        err = casework_internal(genop_store_waiting_set(s, j->actor->municipality, j->team_id,
                                                        rows, l.n + 1, e), e);
    }
    free(rows);
    genop_store_free_list(&l);
    return err ? err : cal_audit(s, j->actor, j->case_id, AUDIT_TEAM_ROSTER, e);
}

/* Runs job as actor with the standard at hand. */
static genop_err wait_write(const casework_env *env, const genop_user *actor, wait_job *j,
                            casework_job_fn job, genop_error *e)
{
    genop_err err = casework_require_role(actor, ROLES_TEAMS, "ændre holdets venteliste", e);
    if (!err)
        err = casework_user_standard(env, actor, &j->std, e);
    return err ? err : casework_write(env, job, j, e);
}

genop_err casework_team_wait(const casework_env *env, const genop_user *actor, int64_t team_id,
                             int64_t case_id, genop_error *e)
{
    wait_job j = {.actor = actor, .today = env->today, .team_id = team_id, .case_id = case_id};
    return wait_write(env, actor, &j, run_wait, e);
}

static genop_err run_order(genop_store *s, void *ctx, genop_error *e)
{
    wait_job *j = ctx;
    genop_list l = {0};
    genop_err err = load_list(s, j, &l, e);
    genop_waiting_row *rows = err ? NULL : calloc(l.n + 1, sizeof *rows);
    if (!err && !rows)
        err = genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til ventelisten");
    if (!err && j->n != l.n)
        err = genop_refuse(e, GENOP_EINVAL, "$.cases", "$.cases skal nævne hver af ventelistens "
                           "%zu sager netop én gang.", l.n);
    genop_waiting_row *w = l.items;
    for (size_t i = 0; !err && i < j->n; i++) {
        size_t k = 0;
        while (k < l.n && w[k].case_id != j->cases[i])
            k++;
        if (k == l.n)
            err = genop_refuse(e, GENOP_EINVAL, "$.cases", "$.cases[%zu]: sagen %lld står ikke "
                               "på ventelisten, eller den er nævnt to gange.", i,
                               (long long)j->cases[i]);
        else {
            rows[i] = w[k];
            w[k].case_id = 0;           /* named once */
        }
    }
    if (!err)
        err = casework_internal(genop_store_waiting_set(s, j->actor->municipality, j->team_id,
                                                        rows, j->n, e), e);
    free(rows);
    genop_store_free_list(&l);
    return err;
}

genop_err casework_team_wait_order(const casework_env *env, const genop_user *actor,
                                   int64_t team_id, const int64_t *cases, size_t n,
                                   genop_error *e)
{
    wait_job j = {.actor = actor, .today = env->today, .team_id = team_id, .cases = cases,
                  .n = n};
    return wait_write(env, actor, &j, run_order, e);
}

/* After the case left the list: its task goes, and an offer it held
 * passes to the next (for the same meeting, or the next one to come). */
static genop_err pass_on(genop_store *s, wait_job *j, const genop_waiting_row *gone,
                         genop_error *e)
{
    genop_err err = cal_audit(s, j->actor, j->case_id, AUDIT_TEAM_ROSTER, e);
    if (err || !gone->offered)
        return err;
    err = cal_new_time_reproject(s, j->actor->municipality, j->case_id, j->std, j->today, e);
    genop_team_row team;
    if (!err)
        err = cal_team_load(s, j->actor, j->team_id, &team, e);
    genop_date day = gone->offer_due >= j->today ? gone->offer_due
                                                 : cal_team_next_meeting(&team, j->today);
    if (!err && day)
        err = cal_team_place_freed(s, j->actor, j->std, j->today, j->team_id, day, &j->offered,
                                   e);
    return err;
}

static genop_err run_unwait(genop_store *s, void *ctx, genop_error *e)
{
    wait_job *j = ctx;
    genop_list l = {0};
    genop_waiting_row gone = {0};
    genop_err err = load_list(s, j, &l, e);
    genop_waiting_row *w = l.items;
    size_t kept = 0;
    for (size_t i = 0; !err && i < l.n; i++) {
        if (w[i].case_id == j->case_id)
            gone = w[i];
        else
            w[kept++] = w[i];
    }
    if (!err && !gone.case_id)
        err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen står ikke på holdets "
                           "venteliste.");
    if (!err && j->decline && !gone.offered)
        err = genop_refuse(e, GENOP_EREFUSED, "$.case", "Sagen har ikke fået tilbudt en plads "
                           "på holdet; der er intet tilbud at afslå.");
    if (!err)
        err = casework_internal(genop_store_waiting_set(s, j->actor->municipality, j->team_id,
                                                        w, kept, e), e);
    genop_store_free_list(&l);
    return err ? err : pass_on(s, j, &gone, e);
}

genop_err casework_team_unwait(const casework_env *env, const genop_user *actor,
                               int64_t team_id, int64_t case_id, bool decline,
                               int64_t *offered, genop_error *e)
{
    wait_job j = {.actor = actor, .today = env->today, .team_id = team_id, .case_id = case_id,
                  .decline = decline};
    genop_err err = wait_write(env, actor, &j, run_unwait, e);
    *offered = j.offered;
    return err;
}
