/*
 * demo_history_case.h - the life of one made-up case of a municipality's
 * history (`genop demo --db PATH --cases N`), drawn from a seeded random
 * stream: who the citizen is, the referral, and the events the case's
 * staff register - contact, assessment, the decision, the sessions at
 * the granted frequency, the closure, a complaint - each dated in the
 * municipality's own workday calendar.
 *
 * The timing follows the standard: for each step a case passes
 * (contacted, assessment, decision, first session) the generator reads
 * the standard's deadlines for the case's paragraph that count from the
 * referral and end at that step or a later one, and places the step
 * within them; about one case in ten lets one step slip past them, and
 * the steps after it slip along. So the share of deadlines kept is high
 * but not 100%, as in life, whatever the standard's deadlines are.
 *
 * Pure: no I/O and no store. The caller (demo_history.c) writes the plan
 * through the domain layer. A history_gen is used by one thread.
 */
#ifndef GENOP_DEMO_HISTORY_CASE_H
#define GENOP_DEMO_HISTORY_CASE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "case.h"
#include "date.h"
#include "standard.h"

/* Most events a planned case holds besides its referral. */
#define HISTORY_EVENTS_MAX 112
/* Citizens remembered for a second referral of the same person. */
#define HISTORY_RING 4096

typedef struct history_event {
    genop_event_type type;
    genop_date date;
    bool therapist;          /* registered by the therapist, else the visitator */
    json_t *fields;          /* owned (NULL: none): the type's fields, no type or date */
} history_event;

/* One case: the citizen, the referral and its events in date order, none
 * after the history's end (a case still running then simply stops). */
typedef struct history_case {
    char cpr[16];            /* ten digits */
    char name[64];
    char address[96];
    genop_date referral;
    const char *paragraph;   /* "86.1" or "86.2", static */
    const char *source, *condition, *text;   /* static */
    history_event events[HISTORY_EVENTS_MAX];
    size_t n_events;
} history_case;

/* What the generator keeps between cases: the random stream, the days
 * the referrals are spread over, the citizens seen. */
typedef struct history_gen {
    const genop_standard *std;   /* borrowed */
    uint64_t rng;
    genop_date first, last;      /* the history's first and last day */
    long n_cases, next;          /* cases to plan, and the next one's index */
    double *weights;             /* owned: cumulative weight of each day */
    long n_days, day;            /* the days, and the cursor into them */
    char ring_cpr[HISTORY_RING][16];
    char ring_name[HISTORY_RING][64];
    char ring_address[HISTORY_RING][96];
    long n_seen;
} history_gen;

/* Prepares g (the caller's, zeroed first) to plan n_cases cases of std
 * referred on the days first..last, spread over them by season, weekday
 * and holidays, from the random stream of seed. GENOP_ENOMEM, or
 * GENOP_ERANGE for a period outside the calendar. Release with
 * history_gen_free() whatever the result. */
genop_err history_gen_init(history_gen *g, const genop_standard *std, genop_date first,
                           genop_date last, long n_cases, uint64_t seed, genop_error *e);

void history_gen_free(history_gen *g);

/* Plans the next case into *c (overwritten; its fields are the caller's
 * to release with history_case_release()). Referral dates do not
 * decrease from one case to the next. GENOP_ENOMEM when an event's
 * fields cannot be made. Call at most n_cases times. */
genop_err history_gen_next(history_gen *g, history_case *c, genop_error *e);

void history_case_release(history_case *c);

#endif
