/*
 * event_preview.c - a dry run of a registration (see event_preview.h):
 * the case loaded through the environment's store (no writer: nothing is
 * written but the access log), evaluated, the event judged as
 * event_append.c judges it, and the case evaluated again with it.
 */
#include "event_preview.h"

#include <string.h>

#include "assignment.h"
#include "audit.h"
#include "case_view.h"
#include "event_append.h"

bool casework_limit_newly_exceeded(const genop_limit_result *before,
                                   const genop_limit_result *l, const casework_event *ev)
{
    if (!l->exceeded)
        return false;
    if (l->rule->kind == GENOP_LIMIT_COURSE_LENGTH) {
        const genop_event *s = ev->kind == CASEWORK_EVENT_SPEC ? &ev->ev
                               : ev->kind == CASEWORK_EVENT_CORRECTION && !ev->withdraws
                                   ? &ev->replacement : NULL;
        return s && s->type == GENOP_EV_SESSION && genop_session_counts(s) &&
               s->date > l->last_day;
    }
    return !before || !before->exceeded || l->used > before->used;
}

/* The limit of r with rule rule, or NULL. */
static const genop_limit_result *limit_of(const genop_result *r, const genop_limit_rule *rule)
{
    for (size_t i = 0; i < r->n_limits; i++)
        if (r->limits[i].rule == rule)
            return &r->limits[i];
    return NULL;
}

/* The judging, as a registration does it, and both evaluations. */
static genop_err judge_and_compare(const casework_env *env, const genop_user *actor,
                                   const genop_standard *std, case_view_loaded *lc,
                                   const casework_event *ev, genop_case *next,
                                   casework_preview *out, genop_error *e)
{
    genop_result before;
    genop_error why;
    if (genop_evaluate(&lc->view, std, env->today, &before, &why))
        return casework_internal(genop_fail(e, why.code, "%s", why.message), e);
    genop_err err = casework_event_judge(actor, std, env->today, lc, ev, next, e);
    if (!err)
        err = casework_assignment_check(env->store, actor, lc, ev, e);
    if (err)
        return err;
    if (genop_evaluate(next, std, env->today, &out->after, &why))
        return casework_internal(genop_fail(e, why.code, "%s", why.message), e);
    for (size_t i = 0; i < out->after.n_limits; i++) {
        const genop_limit_result *l = &out->after.limits[i];
        if (casework_limit_newly_exceeded(limit_of(&before, l->rule), l, ev))
            out->exceeds[out->n_exceeds++] = i;
    }
    return GENOP_OK;
}

/* The look at the case lc, as its judging ended (err): a dry run that
 * passed as AUDIT_EVENT_PREVIEW, a refusal by the rules (which may quote
 * the case) as AUDIT_EVENT_REJECT with the refusal kept in *e. Returns
 * err, or the log's failure. */
static genop_err log_look(const casework_env *env, const genop_user *actor,
                          const case_view_loaded *lc, genop_err err, genop_error *e)
{
    if (err && err != GENOP_EREFUSED)
        return err;
    genop_error why;
    if (err)
        why = *e;
    genop_err logged = audit_read(env, actor, lc->cit.id, lc->row.id,
                                  err ? AUDIT_EVENT_REJECT : AUDIT_EVENT_PREVIEW,
                                  AUDIT_PURPOSE_CASEWORK, e);
    if (logged)
        return casework_internal(logged, e);
    if (err)
        *e = why;
    return err;
}

genop_err casework_event_preview(const casework_env *env, const genop_user *actor,
                                 int64_t case_id, const casework_event *ev,
                                 casework_preview *out, genop_error *e)
{
    const genop_standard *std;
    case_view_loaded lc;
    genop_case next;
    memset(out, 0, sizeof *out);
    memset(&lc, 0, sizeof lc);
    memset(&next, 0, sizeof next);
    genop_err err = casework_event_permitted(actor, ev->type, e);
    if (!err)
        err = casework_user_standard(env, actor, &std, e);
    if (err)
        return err;
    err = case_view_load(env->store, actor->municipality, case_id, std, &lc, e);
    if (err == GENOP_ENOTFOUND)
        err = genop_refuse(e, GENOP_ENOTFOUND, NULL, "Sagen findes ikke.");
    else if (err)
        err = casework_internal(err, e);
    else
        err = log_look(env, actor, &lc, judge_and_compare(env, actor, std, &lc, ev, &next, out, e),
                       e);
    genop_case_release(&next);
    case_view_release(&lc);
    return err;
}
