/*
 * gen.h - deterministic generator of realistic § 86 cases as JSON text, for
 * the benchmarks. A case has a referral, contact, assessment, a decision
 * (mostly granted), sessions over some weeks with the odd no-show or
 * cancellation, sometimes a closure and a complaint.
 */
#ifndef GENOP_BENCH_GEN_H
#define GENOP_BENCH_GEN_H

#include <stddef.h>
#include <stdint.h>

/* xorshift64* state; seed with any non-zero value. */
typedef struct gen_rng {
    uint64_t state;
} gen_rng;

uint64_t gen_next(gen_rng *rng);

/* Writes one case as a single line of JSON (no newline) into buf. Returns
 * the length, or 0 if buf was too small. */
size_t gen_case_json(gen_rng *rng, char *buf, size_t size);

#endif
