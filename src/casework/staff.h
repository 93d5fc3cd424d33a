/*
 * staff.h - the municipality's staff as the case work needs them: who a
 * case can be assigned to (usernames and roles only: no login state,
 * nothing an admin's user management shows), and how much each one is
 * responsible for - the open tasks of the worklist by the person
 * responsible for them (assignment.h says who that is), with the tasks
 * nobody is responsible for yet. Neither names a citizen, so neither is
 * written to the access log.
 */
#ifndef GENOP_CASEWORK_STAFF_H
#define GENOP_CASEWORK_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"

/* The users of the actor's municipality (visitator, terapeut, leder ask)
 * with role (a genop_role; -1: visitators, terapeuts and leders - never
 * admins), by username; out->items is genop_user[] (free with
 * genop_store_free_list()). */
genop_err casework_staff_list(const casework_env *env, const genop_user *actor, int role,
                              genop_list *out, genop_error *e);

/* One person's share of the work, or the share of nobody of a role. */
typedef struct casework_load {
    genop_role role;                    /* visitator or terapeut */
    char username[GENOP_USERNAME_MAX];  /* "": the tasks of role on cases
                                         * nobody of role is assigned */
    bool staff;                         /* a user of the role now (false for
                                         * "" and for a user who is not) */
    size_t cases;                       /* open cases assigned (0 for "") */
    size_t open;                        /* open tasks responsible for */
    size_t overdue;                     /* of them past their due date */
} casework_load;

typedef struct casework_workload {
    casework_load *items;       /* owned: casework_workload_release() */
    size_t n;
    genop_date as_of;           /* today, as overdue was judged */
} casework_workload;

/* The open tasks of the actor's municipality (visitator, terapeut, leder
 * ask) by the person responsible: every visitator and then every
 * terapeut by username (with nothing, too), each role followed by the
 * share of nobody of that role when there is any, and any other user a
 * case still names. Release *out with casework_workload_release()
 * whatever the result. */
genop_err casework_workload_get(const casework_env *env, const genop_user *actor,
                                casework_workload *out, genop_error *e);

void casework_workload_release(casework_workload *w);

#endif
