/*
 * seed_casework.h - registering cases and events through the domain
 * layer (src/casework: referral.h, event_append.h) for the benchmarks'
 * seeders (seed_api_db.c, seed_calendar_db.c), with the same checks as
 * over HTTP. A refusal is told on stderr with the body: a seeder's bodies
 * must all be accepted, so it stops the seeding.
 */
#ifndef GENOP_BENCH_SEED_CASEWORK_H
#define GENOP_BENCH_SEED_CASEWORK_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "local.h"

/* Danish first names and surnames, for the seeders' citizens. */
#define SEED_FIRST_NAMES 20
#define SEED_LAST_NAMES 14
extern const char *const seed_first_names[SEED_FIRST_NAMES];
extern const char *const seed_last_names[SEED_LAST_NAMES];

/* A new JSON string of date d ("YYYY-MM-DD"). */
json_t *seed_jdate(genop_date d);

/* Registers the referral body (a new reference, taken; NULL is out of
 * memory) as user; *id gets the case. 0 on success, 1 when refused. */
int seed_post_case(casework_local *loc, const genop_user *user, json_t *body, int64_t *id);

/* Registers the event body (a new reference, taken) on case id as user.
 * 0 on success, 1 when refused. */
int seed_post_event(casework_local *loc, const genop_user *user, int64_t id, json_t *body);

#endif
