/*
 * public_cache.c - the public pages' figures per municipality and day
 * (public_cache.h). One request at a time computes a slot's figures,
 * without holding its lock; meanwhile the others for the same
 * municipality are answered with the slot's earlier day's figures when it
 * has them (they say when they were computed), else they wait for the new
 * ones. So a flood of requests at the start of a day ties up one worker
 * thread, not all of them.
 */
#include "public_cache.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct slot {
    pthread_mutex_t lock;
    pthread_cond_t done;      /* signalled when a computation ends */
    bool has;                 /* figures holds the figures of day */
    bool computing;           /* a request is computing the slot's figures */
    genop_date day;
    report_public figures;
} slot;

struct public_cache {
    size_t n;
    slot *slots;              /* owned: n */
};

genop_err public_cache_new(size_t n, public_cache **out, genop_error *e)
{
    *out = NULL;
    public_cache *c = calloc(1, sizeof *c);
    if (c && n && !(c->slots = calloc(n, sizeof *c->slots))) {
        free(c);
        c = NULL;
    }
    if (!c)
        return genop_fail(e, GENOP_ENOMEM, "ikke nok hukommelse til de offentlige sider");
    for (; c->n < n; c->n++) {
        slot *sl = &c->slots[c->n];
        if (pthread_mutex_init(&sl->lock, NULL) != 0)
            break;
        if (pthread_cond_init(&sl->done, NULL) != 0) {
            pthread_mutex_destroy(&sl->lock);
            break;
        }
    }
    if (c->n < n) {
        public_cache_free(c);
        return genop_fail(e, GENOP_ENOMEM, "de offentlige siders lås kunne ikke laves");
    }
    *out = c;
    return GENOP_OK;
}

void public_cache_free(public_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        pthread_cond_destroy(&c->slots[i].done);
        pthread_mutex_destroy(&c->slots[i].lock);
    }
    free(c->slots);
    free(c);
}

/* With sl locked: true (and *out set) when the slot can answer now: it
 * holds today's figures, or another request is computing them and it
 * holds an earlier day's. Waits while another request computes and the
 * slot holds none. False: the caller is to compute (sl->computing set). */
static bool answer_or_claim(slot *sl, const genop_standard *std, genop_date today,
                            report_public *out)
{
    for (;;) {
        bool mine = sl->has && sl->figures.standard == std;
        if (mine && (sl->day == today || sl->computing)) {
            *out = sl->figures;
            return true;
        }
        if (!sl->computing) {
            sl->computing = true;
            return false;
        }
        pthread_cond_wait(&sl->done, &sl->lock);
    }
}

genop_err public_cache_get(public_cache *c, size_t slot_index, genop_store *s,
                           const genop_standard *std, genop_date today, int64_t now,
                           report_public *out, bool *hit, genop_error *e)
{
    slot *sl = &c->slots[slot_index];
    pthread_mutex_lock(&sl->lock);
    bool cached = answer_or_claim(sl, std, today, out);
    pthread_mutex_unlock(&sl->lock);
    if (hit)
        *hit = cached;
    if (cached)
        return GENOP_OK;
    /* Computed without the lock: the slot's earlier figures stay readable. */
    genop_err err = report_public_compute(s, std, today, now, out, e);
    pthread_mutex_lock(&sl->lock);
    sl->computing = false;
    if (!err) {
        sl->figures = *out;
        sl->day = today;
        sl->has = true;
    }
    pthread_cond_broadcast(&sl->done);
    pthread_mutex_unlock(&sl->lock);
    return err;
}
