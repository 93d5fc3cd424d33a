/*
 * new_time.c - the worklist task new_time (see new_time.h).
 */
#include "new_time.h"

#include <stdio.h>
#include <string.h>

#include "case_answer.h"
#include "case_view.h"
#include "new_time_task.h"
#include "projection.h"
#include "env.h"
#include "store_calendar.h"

genop_err cal_new_time_reproject(genop_store *s, const char *muni, int64_t case_id,
                                 const genop_standard *std, genop_date today, genop_error *e)
{
    case_view_loaded lc;
    memset(&lc, 0, sizeof lc);
    genop_err err = case_view_load(s, muni, case_id, std, &lc, e);
    bool had = lc.row.has_next_due;
    genop_date due = lc.row.next_due;
    if (!err)
        err = projection_update(s, &lc.row, &lc.cit, &lc.view, std, today, e);
    if (!err && (had != lc.row.has_next_due || due != lc.row.next_due))
        err = case_answer_keep_loaded(s, &lc, e);
    case_view_release(&lc);
    return casework_internal(err, e);
}

genop_err cal_new_time_booked(genop_store *s, const char *muni, int64_t case_id,
                              const genop_standard *std, genop_date today, genop_error *e)
{
    genop_list l = {0};
    genop_err err = cal_case_appointments(s, muni, case_id, &l, e);
    genop_appointment_row *a = l.items;
    bool cleared = false;
    for (size_t i = 0; !err && i < l.n; i++)
        if (a[i].new_time_owed) {
            a[i].new_time_owed = false;
            a[i].new_time_since = 0;
            err = genop_store_appointment_update(s, muni, &a[i], e);
            cleared = true;
        }
    genop_store_free_list(&l);
    if (err)
        return casework_internal(err, e);
    return cleared ? cal_new_time_reproject(s, muni, case_id, std, today, e) : GENOP_OK;
}
