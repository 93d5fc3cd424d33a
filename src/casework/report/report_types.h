/*
 * report_types.h - the values of a report (report.h): its query, its rows
 * per deadline and month, and its counts. Apart from report.h so that
 * the report's parts (report_tally.h) can name them without including
 * the functions that call those parts.
 */
#ifndef GENOP_CASEWORK_REPORT_TYPES_H
#define GENOP_CASEWORK_REPORT_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "closure_reasons.h"
#include "date.h"
#include "standard.h"
#include "store.h"

/* The longest period a report covers, in calendar months (ten years). */
#define REPORT_MONTHS_MAX 120

typedef struct report_query {
    genop_date from, to;      /* both included */
    genop_date as_of;         /* the day the cases are evaluated as of */
    unsigned paragraph;       /* GENOP_PARA_* bit: only cases of it; 0: all */
    unsigned threads;         /* worker threads; 0: one per processor (at most 8) */
} report_query;

/* A value that may be missing (JSON null). */
typedef struct report_value {
    bool present;
    long value;
} report_value;

/* Beyond the contract (report_dist.h): how many done deadlines took
 * value days (or workdays). */
typedef struct report_count {
    long value;
    long count;
} report_count;

/* One (deadline, paragraph) with at least one deadline due in the period
 * (or the month). */
typedef struct report_deadline {
    const genop_deadline_rule *rule;   /* borrowed from the standard */
    unsigned paragraph;                /* GENOP_PARA_* bit */
    long met, late, pending, overdue;
    bool has_share;
    double share_met;                  /* met / (met + late + overdue), 4 decimals */
    report_value days_median, days_p90, workdays_median, workdays_p90;
    /* Beyond the contract, in the period's rows only (has_histograms; the
     * months' rows have none): how many of the done deadlines took each
     * number of calendar days and of workdays, ascending, only the values
     * with a count. Owned; report_release() frees them. */
    bool has_histograms;
    report_count *days_histogram, *workdays_histogram;
    size_t n_days_histogram, n_workdays_histogram;
} report_deadline;

typedef struct report_month {
    int year, month;                   /* month 1-12 */
    report_deadline *deadlines;        /* owned; sorted by id, then paragraph */
    size_t n_deadlines;
} report_month;

typedef struct report_attendance {
    long sessions;                     /* every outcome but provider_cancelled */
    long attended, no_shows, citizen_cancellations, provider_cancellations;
} report_attendance;

typedef struct report_cases {
    long referrals, granted, refused, closed;
    long evaluated;                    /* every case of the municipality (and paragraph) */
} report_cases;

/* Beyond the contract: limits exceeded in the period (by limit), courses
 * put up for review for attendance, complaints and Ankestyrelsen's
 * rulings dated in the period. */
typedef struct report_extras {
    long limits_exceeded[GENOP_LIMIT_COUNT];
    long attendance_reviews;
    long complaints_received;
    long complaints_decided[GENOP_UPHELD_COUNT];
    long complaints_forwarded;
    long appeals_decided[GENOP_APPEAL_COUNT];
} report_extras;

/* Beyond the contract, added with the closures' reasons and the calendar
 * (report_reasons.c, report_staff.c). */

/* The rows closures_by_reason can have: the standard's effective reasons,
 * genop's own case ends, and one for a reason none of them names. */
#define REPORT_CLOSURE_ROWS (GENOP_REASONS_MAX + GENOP_CASE_END_COUNT + 1)

/* The cases closed in the period with one reason. */
typedef struct report_closure {
    const char *id;           /* the reason's id (static or the standard's) */
    const char *label;        /* Danish */
    const char *source;       /* the standard's citation, or NULL */
    long closed;
} report_closure;

/* A deadline on a complaint (one that runs from the complaint's receipt)
 * over both paragraphs: the period's rows of that rule added together. */
typedef struct report_complaint_deadline {
    const genop_deadline_rule *rule;   /* borrowed from the standard */
    long met, late, pending, overdue;
    bool has_share;
    double share_met;                  /* as report_deadline's */
} report_complaint_deadline;

/* A therapist's or a team's appointments dated in the period, from the
 * calendar, by what became of them. */
typedef struct report_staff {
    int64_t id;                        /* the user's or the team's */
    char name[GENOP_NAME_MAX];         /* the username, or the team's name */
    long appointments;                 /* every one dated in the period */
    long booked;                       /* no outcome registered (yet) */
    long sessions;                     /* attended, no-shows and citizen cancellations */
    long attended, no_shows, citizen_cancellations, provider_cancellations;
} report_staff;

typedef struct report_more {
    report_closure closures[REPORT_CLOSURE_ROWS];  /* closures_by_reason */
    size_t n_closures;
    long ended_for_attendance;         /* closed with the reason no_shows */
    report_complaint_deadline complaint_deadlines[GENOP_DEADLINES_MAX];
    size_t n_complaint_deadlines;
    report_staff *therapists;          /* owned; by username */
    size_t n_therapists;
    report_staff *teams;               /* owned; by name */
    size_t n_teams;
} report_more;
/* The buckets of the open deadlines by workdays to due (report_dist.h):
 * overdue by 21 or more, 11-20, 6-10, 0-5 workdays; due within 0-2, 3-5,
 * 6-10, 11-20, 21 or more workdays. */
#define REPORT_DUE_BUCKETS 9

/* Beyond the contract: one (deadline, paragraph) with deadlines open
 * (pending or overdue, as the worklist lists them) as of as_of, whatever
 * their due date, counted by workdays to due. */
typedef struct report_open {
    const genop_deadline_rule *rule;   /* borrowed from the standard */
    unsigned paragraph;                /* GENOP_PARA_* bit */
    long open;                         /* every open deadline of the row */
    long buckets[REPORT_DUE_BUCKETS];  /* by report_due_bucket_at(i) */
} report_open;

typedef struct report {
    char municipality[GENOP_MUNI_ID_MAX];
    const genop_standard *standard;    /* borrowed */
    report_query query;
    report_deadline *deadlines;        /* owned; sorted by id, then paragraph */
    size_t n_deadlines;
    report_month *months;              /* owned; only months with a deadline due */
    size_t n_months;
    report_attendance attendance;
    report_cases cases;
    report_extras extras;
    report_more more;                  /* closures by reason, complaints' deadlines, staff */
    report_open *open;                 /* owned; sorted by id, then paragraph */
    size_t n_open;
} report;

#endif
