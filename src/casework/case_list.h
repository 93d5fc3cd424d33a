/*
 * case_list.h - the municipality's cases, a page at a time, and the
 * worklist of their open deadlines. Both are read from the projections
 * kept with every case (projection.h), and each case shown is written to
 * the access log (one row a case) before they return.
 */
#ifndef GENOP_CASEWORK_CASE_LIST_H
#define GENOP_CASEWORK_CASE_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"

/* The cases of the actor's municipality (visitator, terapeut, leder)
 * matching f, newest first; out->items is genop_case_summary[] (free with
 * genop_store_free_list()); *total counts the matches without f's limit
 * and offset. With f->search (case_search.h), the access log gets a row
 * per citizen shown with the search as its purpose; without, a row per
 * case shown.
 * f->owner selects the cases a user is assigned to ("mine": the actor's
 * username). */
genop_err casework_cases_list(const casework_env *env, const genop_user *actor,
                              const genop_case_filter *f, genop_list *out, size_t *total,
                              genop_error *e);

/* One task of the worklist: an open deadline (with who is responsible
 * for its case, deadline.assigned), where it stands today, and who is
 * responsible for the task itself (assignment.h). */
typedef struct casework_task {
    genop_open_deadline deadline;
    long workdays_left;       /* from today to due; negative: overdue by so many */
    bool overdue;             /* today is past the due date */
    genop_role responsible_role;  /* visitator or terapeut */
    const char *responsible;  /* that role's user on the case, "" for nobody;
                               * borrowed from deadline.assigned */
} casework_task;

typedef struct casework_worklist {
    casework_task *items;     /* owned: casework_worklist_release() */
    size_t n;
    size_t total;             /* open deadlines in all, without limit and offset */
    genop_date as_of;         /* today, as the tasks were judged */
    size_t assigned_cases;    /* with mine: the open cases the actor is assigned to */
} casework_worklist;

/* Which tasks (NULL or all false: every open deadline). */
typedef struct casework_worklist_filter {
    bool mine;                /* of the cases the actor is assigned to (api.md) */
    const char *responsible;  /* the tasks this user of the municipality is
                               * responsible for (none for a username the
                               * municipality has not); borrowed */
} casework_worklist_filter;

/* The open deadlines of the actor's municipality's open cases (visitator,
 * terapeut, leder), soonest due first, from offset and at most limit
 * (0: all). Workdays are counted in the municipality standard's calendar.
 * Release *out with casework_worklist_release() whatever the result. */
genop_err casework_worklist_get(const casework_env *env, const genop_user *actor, size_t limit,
                                size_t offset, casework_worklist *out, genop_error *e);

/* casework_worklist_get() of the tasks f selects; with f->mine also
 * out->assigned_cases. */
genop_err casework_worklist_find(const casework_env *env, const genop_user *actor,
                                 const casework_worklist_filter *f, size_t limit, size_t offset,
                                 casework_worklist *out, genop_error *e);

void casework_worklist_release(casework_worklist *w);

#endif
