/*
 * store_teams.c - the genop_store_* wrappers of a team's roster and
 * waiting list (store_teams.h): each runs the fault injection of tests
 * and dispatches through the handle's teams table.
 */
#include "store_teams.h"

genop_err genop_store_roster_add(genop_store *s, const char *muni, genop_roster_row *r,
                                 genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->teams->roster_add(s, muni, r, e);
}

genop_err genop_store_roster_update(genop_store *s, const char *muni, const genop_roster_row *r,
                                    genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->teams->roster_update(s, muni, r, e);
}

genop_err genop_store_roster_list(genop_store *s, const char *muni, int64_t team_id,
                                  int64_t case_id, genop_list *out, genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->teams->roster_list(s, muni, team_id, case_id, out, e);
}

genop_err genop_store_waiting_list(genop_store *s, const char *muni, int64_t team_id,
                                   int64_t case_id, genop_list *out, genop_error *e)
{
    out->items = NULL;
    out->n = 0;
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->teams->waiting_list(s, muni, team_id, case_id, out, e);
}

genop_err genop_store_waiting_set(genop_store *s, const char *muni, int64_t team_id,
                                  const genop_waiting_row *rows, size_t n, genop_error *e)
{
    if (genop_store_fault_injected(s, e))
        return GENOP_EIO;
    return s->ops->teams->waiting_set(s, muni, team_id, rows, n, e);
}
