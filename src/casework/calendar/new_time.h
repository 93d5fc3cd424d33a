/*
 * new_time.h - the worklist task new_time: where the standard promises a
 * new time when the provider cancels (its `cancellations`, Aalborg), a
 * provider's cancellation marks the appointment as owing one
 * (new_time_since, the day of the cancellation), and the case has the
 * task new_time until the case's next appointment is booked, which
 * clears every mark of the case. The task is part of the case's
 * projection (projection.h): added after projection_compute() wherever
 * a projection is made with the store at hand, so a refresh keeps it
 * (new_time_task.h). This file: what a booking and a cancellation do.
 */
#ifndef GENOP_CALENDAR_NEW_TIME_H
#define GENOP_CALENDAR_NEW_TIME_H

#include "date.h"
#include "error.h"
#include "standard.h"
#include "store.h"

/* After a booking of case case_id (its municipality muni): clears the
 * marks of the case's appointments that owe a new time, and if there
 * were any, projects the case again (and keeps its answer when its next
 * due moved). The caller holds the transaction. */
genop_err cal_new_time_booked(genop_store *s, const char *muni, int64_t case_id,
                              const genop_standard *std, genop_date today, genop_error *e);

/* Projects case case_id again with its new_time task (after a
 * cancellation that owes one); the caller holds the transaction. */
genop_err cal_new_time_reproject(genop_store *s, const char *muni, int64_t case_id,
                                 const genop_standard *std, genop_date today, genop_error *e);

#endif
