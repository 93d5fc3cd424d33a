/*
 * booking_refusal.h - what a refused booking refuses beyond genop_error's
 * field and message (the 409's conflict, the 422's limit), and the
 * warning of an accepted one; shared by booking_rules.h and
 * booking_limits.h.
 */
#ifndef GENOP_BOOKING_REFUSAL_H
#define GENOP_BOOKING_REFUSAL_H

#include <stdbool.h>

#include "date.h"

typedef struct cal_refusal {
    char conflict[16];          /* 409: therapist, room, team */
    char limit[40];             /* 422: the limit's id, "" when none */
} cal_refusal;

/* A warning of an accepted booking: the start deadline's due date. */
typedef struct cal_warning {
    bool start;
    genop_date due;
} cal_warning;

#endif
