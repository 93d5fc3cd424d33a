/*
 * projection_refresh.c - computing a municipality's stored projections
 * again when the rules they were computed with have changed (see
 * projection_refresh.h).
 *
 * Per municipality: its fingerprint is read outside any transaction
 * first, so a start with nothing to do takes no write lock; when it
 * differs, one job of the writer reads it again, walks the case ids a
 * page at a time (PAGE), and for each case loads its row, citizen and
 * corrected view (from its kept answer when that is current, as a case
 * read does, else from its events as an event's registration does),
 * computes its projection (projection_compute) and compares it with the
 * stored one (the case row's closed flag, stage and next_due, its open
 * deadlines). Only a projection that differs is written, inside a
 * savepoint of its own, with the kept answer of case reads when next_due
 * moved (the answer's "case" object shows it): after an upgrade most
 * cases (the closed ones) come out as they were, so the transaction stays
 * small. A kept answer that is not current (one of a format before the
 * answer's, case_answer.h) is kept anew as well, so the reads after an
 * upgrade that changed the answer's form need not make every case's
 * answer from its events. Then the fingerprint.
 *
 * A case that cannot be loaded or evaluated is left as it was and counted
 * (projection_refresh_muni.failed); a failure of the store (GENOP_EIO,
 * GENOP_ENOMEM) stops the job, which is then undone whole.
 */
#include "projection_refresh.h"

#include "new_time_task.h"
#include "team_place_task.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_answer.h"
#include "case_view.h"
#include "evaluate.h"
#include "projection.h"
#include "registry.h"

/* Case ids read at a time. */
#define PAGE 1000

genop_err projection_rules_fingerprint(const char *id, char out[GENOP_RULES_FINGERPRINT_MAX],
                                       genop_error *e)
{
    const genop_embedded_standard *std = genop_registry_find(id);
    if (!std)
        return genop_fail(e, GENOP_ENOTFOUND, "kvalitetsstandarden '%.60s' er ikke indbygget", id);
    if (sodium_init() < 0)
        return genop_fail(e, GENOP_EIO, "libsodium kunne ikke startes");
    char version[32];
    int n = snprintf(version, sizeof version, "genop rules %d\n", GENOP_RULES_VERSION);
    unsigned char hash[crypto_generichash_BYTES];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof hash);
    crypto_generichash_update(&st, (const unsigned char *)version, (unsigned long long)n);
    crypto_generichash_update(&st, (const unsigned char *)std->text, std->len);
    crypto_generichash_final(&st, hash, sizeof hash);
    char hex[2 * sizeof hash + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    snprintf(out, GENOP_RULES_FINGERPRINT_MAX, "%d-%s", GENOP_RULES_VERSION, hex);
    return GENOP_OK;
}

/* A municipality's refresh as a job of the writer. */
typedef struct refresh_job {
    const casework_env *env;
    const char *fingerprint;         /* the current one */
    bool written;                    /* the job wrote it */
    projection_refresh_muni *report; /* std set; the counts are the job's */
} refresh_job;

/* A row's task columns (projection_tasks.h) as stored: listed_from 0 is
 * stored as its from. */
static bool same_task(const genop_open_deadline *a, const genop_open_deadline *b)
{
    genop_date la = a->listed_from ? a->listed_from : a->from;
    genop_date lb = b->listed_from ? b->listed_from : b->from;
    return a->task == b->task && strcmp(a->limit_id, b->limit_id) == 0 && la == lb;
}

static bool same_deadline(const genop_open_deadline *a, const genop_open_deadline *b)
{
    return strcmp(a->deadline_id, b->deadline_id) == 0 && strcmp(a->label, b->label) == 0 &&
           a->paragraph == b->paragraph && a->from == b->from && a->due == b->due &&
           strcmp(a->source, b->source) == 0 && same_task(a, b);
}

/* True when p is what is stored for the case: row (its closed flag,
 * stage and next_due) and its stored open deadlines and tasks. */
static bool projection_same(const projection *p, const genop_case_row *row,
                            const genop_list *stored)
{
    if (p->closed != row->closed || p->stage != row->stage ||
        p->has_next_due != row->has_next_due ||
        (p->has_next_due && p->next_due != row->next_due))
        return false;
    size_t n = p->n_open;
    if (stored->n != n)
        return false;
    const genop_open_deadline *old = stored->items;
    for (size_t i = 0; i < n; i++)
        if (!same_deadline(&p->open[i], &old[i]))
            return false;
    return true;
}

/* Stores p as lc's projection (unless it is as stored: same) inside a
 * savepoint, with the kept answer when next_due moved or the kept one is
 * not current (its events loaded first if lc has only the view). */
static genop_err replace(genop_store *s, const genop_standard *std, case_view_loaded *lc,
                         const projection *p, bool same, bool answer_current, genop_error *e)
{
    bool keep = !answer_current || p->has_next_due != lc->row.has_next_due ||
                (p->has_next_due && p->next_due != lc->row.next_due);
    genop_err err = GENOP_OK;
    if (keep && lc->events.n == 0)          /* a case has at least its referral */
        err = case_view_load_events(s, std, lc, e);
    if (err || (err = genop_store_savepoint(s, e)))
        return err;
    if (!same)
        err = projection_store(s, &lc->row, p, e);
    if (!err && keep)
        err = case_answer_keep_loaded(s, lc, e);
    if (!err)
        return genop_store_release(s, e);
    genop_store_rollback_to(s);
    return err;
}

/* A case that failed with err: a failure of the store stops the job; any
 * other leaves the case as it was and is counted. */
static genop_err case_failed(refresh_job *j, int64_t id, genop_err err, const genop_error *why)
{
    if (err == GENOP_EIO || err == GENOP_ENOMEM)
        return err;
    projection_refresh_muni *r = j->report;
    if (r->failed < PROJECTION_REFRESH_FAILED_MAX)
        r->failed_ids[r->failed] = id;
    if (r->failed == 0)
        snprintf(r->failure, sizeof r->failure, "%s", why->message);
    r->failed++;
    return GENOP_OK;
}

/* Loads case id's row, citizen and corrected view into lc (zeroed): the
 * view from the case's kept answer when that is current (*current), as a
 * case read takes it (case_answer.h; a few hundred bytes instead of every
 * event parsed again), else from its events. */
static genop_err load_case(genop_store *s, const genop_standard *std, int64_t id,
                           case_view_loaded *lc, bool *current, genop_error *e)
{
    genop_err err = genop_store_case_get(s, std->id, id, &lc->row, e);
    if (!err)
        err = genop_store_citizen_get(s, std->id, lc->row.citizen_id, &lc->cit, e);
    if (err)
        return err;
    genop_case_answer kept;
    memset(&kept, 0, sizeof kept);
    err = case_answer_load(s, std->id, id, &lc->cit, std, &kept, &lc->view, e);
    *current = err == GENOP_OK;
    if (!err)
        genop_case_answer_release(&kept);
    else if (err == GENOP_ENOTFOUND)
        err = case_view_load_events(s, std, lc, e);
    return err;
}

/* Computes case id's projection again and replaces the stored one if it
 * differs. */
static genop_err refresh_case(genop_store *s, refresh_job *j, int64_t id, projection *p,
                              genop_error *e)
{
    const genop_standard *std = j->report->std;
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    genop_list stored = {0};
    bool current = false;
    genop_err err = load_case(s, std, id, &lc, &current, e);
    if (!err)              /* a closed case's too: it may keep its end_status task */
        err = genop_store_case_open_deadlines(s, std->id, id, &stored, e);
    if (!err)
        err = projection_compute(&lc.row, &lc.cit, &lc.view, std, j->env->today, p, e);
    if (!err)
        err = cal_new_time_task(s, &lc.row, &lc.cit, std, p, e);
    if (!err)
        err = cal_team_place_task(s, &lc.row, &lc.cit, p, e);
    bool same = !err && projection_same(p, &lc.row, &stored);
    if (!err && (!same || !current)) {
        err = replace(s, std, &lc, p, same, current, e);
        j->report->changed += err == GENOP_OK && !same;
    }
    genop_store_free_list(&stored);
    case_view_release(&lc);
    j->report->cases += err == GENOP_OK;
    if (err) {
        genop_error_prefix(e, "sag %lld", (long long)id);
        err = case_failed(j, id, err, e);
    }
    return err;
}

/* The job: every case of the municipality, then the fingerprint. */
static genop_err run_refresh(genop_store *s, void *ctx, genop_error *e)
{
    refresh_job *j = ctx;
    const char *muni = j->report->std->id;
    char stored[GENOP_RULES_FINGERPRINT_MAX];
    genop_err err = genop_store_rules_fingerprint_get(s, muni, stored, e);
    if (err || strcmp(stored, j->fingerprint) == 0)
        return err;                    /* another process did it meanwhile */
    projection *p = malloc(sizeof *p); /* 20 KB: kept off the writer's stack */
    if (!p)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til at beregne opgavelisten");
    genop_list ids = {0};
    int64_t after = 0;
    size_t got;
    do {
        err = genop_store_case_ids(s, muni, after, PAGE, &ids, e);
        got = ids.n;
        const int64_t *id = ids.items;
        for (size_t i = 0; !err && i < got; i++)
            err = refresh_case(s, j, id[i], p, e);
        if (got)
            after = id[got - 1];
        genop_store_free_list(&ids);
    } while (!err && got == PAGE);
    free(p);
    if (!err)
        err = genop_store_rules_fingerprint_set(s, muni, j->fingerprint, e);
    j->written = err == GENOP_OK;
    return err;
}

/* Refreshes municipality std->id if its fingerprint is not fp, adding it
 * to out when the fingerprint was written. */
static genop_err refresh_municipality(const casework_env *env, const genop_standard *std,
                                      const char *fp, projection_refresh_report *out,
                                      genop_error *e)
{
    char stored[GENOP_RULES_FINGERPRINT_MAX];
    genop_err err = genop_store_rules_fingerprint_get(env->store, std->id, stored, e);
    if (err == GENOP_ENOTFOUND)
        return GENOP_OK;               /* not a municipality of this database */
    if (err || strcmp(stored, fp) == 0)
        return err;
    if (out->n == PROJECTION_REFRESH_MAX)
        return genop_fail(e, GENOP_ETOOBIG, "for mange kommuner at beregne opgavelisten for");
    projection_refresh_muni *r = &out->munis[out->n];
    memset(r, 0, sizeof *r);
    r->std = std;
    refresh_job j = {.env = env, .fingerprint = fp, .report = r};
    err = casework_write(env, run_refresh, &j, e);
    if (err)
        genop_error_prefix(e, "opgavelisten for %s kunne ikke beregnes på ny", std->id);
    else if (j.written)
        out->n++;
    return err;
}

genop_err casework_projections_refresh(const casework_env *env, projection_refresh_report *out,
                                       genop_error *e)
{
    memset(out, 0, sizeof *out);
    genop_err err = GENOP_OK;
    for (size_t i = 0; !err && i < env->n_standards; i++) {
        const genop_standard *std = env->standards[i];
        char fp[GENOP_RULES_FINGERPRINT_MAX];
        err = projection_rules_fingerprint(std->id, fp, e);
        if (!err)
            err = refresh_municipality(env, std, fp, out, e);
    }
    return err;
}
