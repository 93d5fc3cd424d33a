/*
 * public_cache.c - the public pages' figures per municipality and day
 * (public_cache.h). A slot's lock is held while it computes, so a second
 * request for the same municipality waits for the first one's figures
 * instead of computing them again.
 */
#include "public_cache.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct slot {
    pthread_mutex_t lock;
    bool has;                 /* figures holds the figures of day */
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
    for (; c->n < n; c->n++)
        if (pthread_mutex_init(&c->slots[c->n].lock, NULL) != 0) {
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
    for (size_t i = 0; i < c->n; i++)
        pthread_mutex_destroy(&c->slots[i].lock);
    free(c->slots);
    free(c);
}

genop_err public_cache_get(public_cache *c, size_t slot_index, genop_store *s,
                           const genop_standard *std, genop_date today, int64_t now,
                           report_public *out, bool *hit, genop_error *e)
{
    slot *sl = &c->slots[slot_index];
    genop_err err = GENOP_OK;
    bool cached;
    pthread_mutex_lock(&sl->lock);
    cached = sl->has && sl->day == today && sl->figures.standard == std;
    if (!cached) {
        sl->has = false;
        err = report_public_compute(s, std, today, now, &sl->figures, e);
        if (!err) {
            sl->has = true;
            sl->day = today;
        }
    }
    if (!err)
        *out = sl->figures;
    pthread_mutex_unlock(&sl->lock);
    if (hit)
        *hit = cached;
    return err;
}
