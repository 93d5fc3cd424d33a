/*
 * projection_refresh.h - keeping the stored projections (projection.h:
 * each case's closed flag, next due date and open deadlines, which the
 * worklist and the case list read) true to the rules genop runs with.
 *
 * A projection is recomputed whenever its case's events change, but the
 * rules can change under it too: a new genop may ship a revised standard
 * (a YAML file of standards/) or judge by revised semantics (GENOP_RULES_VERSION,
 * src/core/evaluate.h). The store keeps, per municipality, the
 * fingerprint of the rules its projections were computed with
 * (genop_store_rules_fingerprint_*); casework_projections_refresh()
 * compares it with the current one and, where it differs (or none is
 * stored), computes every case's projection of that municipality again
 * from its stored events, replaces the ones that changed (and the next
 * due date in a case's kept answer, case_answer.h), and stores the new
 * fingerprint - in one transaction per municipality, so the worklist is
 * never half old rules, half new, and a crash leaves the old fingerprint
 * (the next start does it all again). `genop serve` runs it before it
 * answers; `genop demo` after it has made its cases.
 *
 * The refresh shows nothing to anybody, so it logs no access; it writes
 * nothing for a municipality whose fingerprint matches.
 */
#ifndef GENOP_PROJECTION_REFRESH_H
#define GENOP_PROJECTION_REFRESH_H

#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "error.h"
#include "standard.h"
#include "store.h"

/* The municipalities a report has room for (every shipped standard). */
#define PROJECTION_REFRESH_MAX 16
/* The failed cases a report names, of each municipality. */
#define PROJECTION_REFRESH_FAILED_MAX 8

/* The fingerprint of the rules the cases of the shipped standard `id`
 * are judged by, as text into out: "<GENOP_RULES_VERSION>-<BLAKE2b-256 of
 * the version and the standard's YAML text, in hex>". GENOP_ENOTFOUND
 * when no standard of that id is shipped. */
genop_err projection_rules_fingerprint(const char *id, char out[GENOP_RULES_FINGERPRINT_MAX],
                                       genop_error *e);

/* What the refresh did for one municipality whose fingerprint it wrote. */
typedef struct projection_refresh_muni {
    const genop_standard *std;   /* borrowed from the env: its id is the municipality's */
    size_t cases;                /* cases whose projection was computed again
                                  * (not those that failed) */
    size_t changed;              /* of them, those whose stored projection differed
                                  * and was replaced */
    /* Cases whose stored events no longer load or evaluate (a bug, or a
     * database written by other means): each keeps the projection it had,
     * and the fingerprint is written all the same - a retry would fail
     * the same way, and the case fails its next read or event alike. */
    size_t failed;
    int64_t failed_ids[PROJECTION_REFRESH_FAILED_MAX];  /* the first of them */
    char failure[GENOP_ERROR_MSG_MAX];  /* why the first of them failed */
} projection_refresh_muni;

typedef struct projection_refresh_report {
    projection_refresh_muni munis[PROJECTION_REFRESH_MAX];
    size_t n;                    /* those whose fingerprint was written */
} projection_refresh_report;

/* For every municipality of env's standards that exists in env's store
 * and whose stored fingerprint is not the current one: recomputes every
 * case's projection with its standard as of env->today, in one job of
 * env's writer (the fingerprint is checked again inside it, so two
 * processes starting at once do the work once), and reports it in *out.
 * A failure of the store stops the refresh with that municipality's
 * writes undone (those done before it are kept) and is returned; a case
 * that fails alone is reported, not returned. */
genop_err casework_projections_refresh(const casework_env *env, projection_refresh_report *out,
                                       genop_error *e);

#endif
