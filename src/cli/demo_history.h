/*
 * demo_history.h - `genop demo --db PATH --cases N --municipality ID
 * --years Y [--seed S] [--as-of DATE] [--force]`: a municipality's made-up
 * history of N cases referred over Y years up to DATE (default today),
 * written through the domain layer (src/casework: the same checks,
 * projections, kept answers and access log as over the API) as the
 * municipality's visitator and therapist.
 *
 * Deterministic: the same options give the same cases, citizens and
 * events (the rows' registration times are the clock's). The writes are
 * committed many jobs to a transaction, so a million
 * cases take minutes; at the end every case's projection is computed
 * again from its stored events (projection_refresh.h), which is also the
 * check that every case evaluates.
 */
#ifndef GENOP_DEMO_HISTORY_H
#define GENOP_DEMO_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"

/* The most cases and years a history may have. */
#define DEMO_HISTORY_CASES_MAX 10000000L
#define DEMO_HISTORY_YEARS_MAX 50

typedef struct demo_history_opts {
    const char *db;              /* the store's location */
    bool force;                  /* replace an existing non-empty database */
    long cases;                  /* 1..DEMO_HISTORY_CASES_MAX */
    const char *municipality;    /* a shipped standard's id */
    int years;                   /* 1..DEMO_HISTORY_YEARS_MAX */
    uint64_t seed;
    genop_date last;             /* the history's last day */
    bool per_event;              /* register each event on its own, as the API
                                  * does (slow; to compare with the import) */
} demo_history_opts;

/* Makes the history o says, printing progress on stderr and a summary on
 * stdout. Returns a CLI_* exit code (CLI_USAGE for an unknown
 * municipality). */
int demo_history_run(const demo_history_opts *o);

#endif
