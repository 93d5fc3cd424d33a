/*
 * demo_db.h - `genop demo --db`: a demo database with the five
 * municipalities, users of every role and cases in every state.
 *
 * The cases are data (demo_cases.c): who the citizen is, the referral and
 * the events, each dated a number of workdays before today in the
 * municipality's own calendar, so that the same deadlines are pending,
 * overdue, met or late whichever day the demo is made. demo_db.c writes
 * them through the domain layer the API calls (src/casework), as the
 * municipality's
 * visitator and, for sessions, function statuses and closing, its
 * therapist.
 */
#ifndef GENOP_DEMO_DB_H
#define GENOP_DEMO_DB_H

#include <stdbool.h>
#include <stddef.h>

/* Most events a demo case lists (a series counts as one). */
#define DEMO_EVENTS_MAX 16

/* One event, or a series of equal ones. Its date is `wd` workdays before
 * today (0: today), or, when week_day is 1-5, that weekday (Monday-Friday)
 * of the ISO week `wd` weeks before the current one. A series (count > 1)
 * repeats the event every `every` workdays, later each time. */
typedef struct demo_event {
    const char *type;        /* a spec event type; NULL ends the list */
    int wd;
    int week_day;
    const char *fields;      /* the type's fields as a JSON object text, or NULL */
    int every, count;
} demo_event;

/* A citizen. The CPR number is the birth date (DDMMYY) and `serial`, its
 * last four digits, whose first digit gives the century by CPR's rule. */
typedef struct demo_citizen {
    const char *name;
    const char *address;
    const char *born;        /* "YYYY-MM-DD", or NULL: age_years before today */
    int age_years;
    const char *serial;
    const char *relatives;   /* or NULL */
    int municipality_code;   /* where the citizen lives; 0: the case's municipality */
} demo_citizen;

typedef struct demo_case {
    const char *municipality;   /* a shipped standard's id */
    const char *title;          /* Danish, for the summary */
    bool second_visitator;      /* registered by the municipality's second visitator */
    demo_citizen citizen;
    const char *paragraph;      /* "86.1" or "86.2" */
    int referral_wd;            /* workdays before today */
    const char *source, *condition, *text;
    demo_event events[DEMO_EVENTS_MAX];
} demo_case;

/* The demo's municipalities, in the order they are shown, and its cases. */
extern const char *const demo_municipalities[];
extern const size_t demo_n_municipalities;
extern const demo_case demo_cases[];
extern const size_t demo_n_cases;

/* Refuses (with an error told, CLI_FAILED) a non-empty existing database
 * at location (the store's, store.h: its file is the one looked at)
 * unless force, which deletes it and its -wal, -shm and -journal files.
 * CLI_OK when the location is free to be made. */
int demo_db_prepare_file(const char *location, bool force);

/* Makes the demo database at db: refuses an existing non-empty file unless
 * force (then it, and its -wal and -shm files, are deleted first); prints
 * the summary, the users and their passwords, and how to log in at url
 * (NULL: http://127.0.0.1:8086). Returns a CLI_* exit code. */
int demo_db_run(const char *db, bool force, const char *url);

#endif
