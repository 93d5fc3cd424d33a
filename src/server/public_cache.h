/*
 * public_cache.h - the public pages' figures (report_public.h) kept in
 * memory, one slot per municipality the server knows, for the day they
 * were computed: a request for a municipality whose slot holds today's
 * figures copies them; the first request of a day computes them (once:
 * a request that comes meanwhile gets the slot's earlier day's figures,
 * or waits for the computation when there are none, rather than starting
 * its own), so the public page, which anyone may ask for
 * without login, costs one report per municipality a day however often
 * it is asked for. The memory is fixed: a slot holds one day's figures
 * (a few kilobytes), a new day's replace them.
 *
 * Part of the server's shared state (app.h): made by app_open(), freed
 * by app_release(); each slot has its own lock, so municipalities do not
 * wait for each other.
 */
#ifndef GENOP_PUBLIC_CACHE_H
#define GENOP_PUBLIC_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report_public.h"
#include "store.h"

typedef struct public_cache public_cache;

/* A cache of n slots (one per standard), into *out; free with
 * public_cache_free(). */
genop_err public_cache_new(size_t n, public_cache **out, genop_error *e);

/* Frees c (no call may be running). NULL is fine. */
void public_cache_free(public_cache *c);

/* The figures of std (slot `slot`, < n) as of today into *out: the
 * slot's, when it holds today's (or an earlier day's while another
 * request computes today's); else computed on s (report_public_compute,
 * with now as their time) and kept. *hit says whether they came from the
 * slot (may be NULL). A failed computation is not kept: the next request
 * tries again. */
genop_err public_cache_get(public_cache *c, size_t slot, genop_store *s,
                           const genop_standard *std, genop_date today, int64_t now,
                           report_public *out, bool *hit, genop_error *e);

#endif
