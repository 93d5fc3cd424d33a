/*
 * projection_types.h - the shape of a case's projection (projection.h
 * computes and stores it), in a header of its own so that what adds to a
 * projection (the calendar's new_time task, calendar/new_time_task.h)
 * and the projection itself do not include each other.
 */
#ifndef GENOP_PROJECTION_TYPES_H
#define GENOP_PROJECTION_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "projection_tasks.h"
#include "standard.h"
#include "store.h"

/* The most rows one case's projection holds: its deadlines and tasks. */
#define PROJECTION_ROWS_MAX (GENOP_DEADLINES_MAX + PROJECTION_TASKS_MAX)

/* A case's projection as computed, before it is stored. */
typedef struct projection {
    bool closed;                /* the view has a `closed` event */
    genop_case_stage stage;     /* case_stage.h */
    genop_open_deadline open[PROJECTION_ROWS_MAX];   /* deadlines, then tasks */
    size_t n_open;
    bool has_next_due;          /* next_due: the soonest of open[] */
    genop_date next_due;
} projection;

#endif
