/*
 * new_time_task.h - the worklist task new_time added to a case's
 * projection (new_time.h says when a case owes a new time); apart from
 * new_time.h, which projects cases again, so that the projection can add
 * the task without the two including each other.
 */
#ifndef GENOP_CALENDAR_NEW_TIME_TASK_H
#define GENOP_CALENDAR_NEW_TIME_TASK_H

#include <stdbool.h>

#include "error.h"
#include "projection_types.h"
#include "standard.h"
#include "store.h"

/* True when std promises a new time after a provider's cancellation. */
bool cal_new_time_promised(const genop_standard *std);

/* Adds the task new_time to p (not to a closed case's) when an
 * appointment of case row owes a new time: from the day of the earliest
 * such cancellation, due the cancelled appointment's day (or the day it
 * was cancelled, if later: the standard names no deadline, so the new
 * time is to be offered before the lost one would have been), the
 * soonest of them; moves p's next_due to it if sooner. Reads s. */
genop_err cal_new_time_task(genop_store *s, const genop_case_row *row, const genop_citizen *cit,
                            const genop_standard *std, projection *p, genop_error *e);

/* The appointments of case case_id of muni, every one (out->items is
 * genop_appointment_row[]; free with genop_store_free_list). */
genop_err cal_case_appointments(genop_store *s, const char *muni, int64_t case_id,
                                genop_list *out, genop_error *e);

#endif
